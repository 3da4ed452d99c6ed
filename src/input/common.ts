import { z } from "zod";
import { formatPath, type Issue } from "../errors/guard-error.js";
import { InputError } from "../errors/input-error.js";
import type { RulesetIssue } from "../errors/ruleset-error.js";

/** A non-empty string after trimming. */
export const text = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

/** A calendar date that exists, `YYYY-MM-DD` (30 February is refused). */
export const isoDate = (what: string) =>
  z.iso.date({ error: `${what} must be a date that exists, written YYYY-MM-DD` });

/** An instant with `Z` or an offset: `2026-11-23T09:30:00Z`, `2026-11-23T09:30:00+00:00`. */
export const isoInstant = (what: string) =>
  z.iso.datetime({
    offset: true,
    error: `${what} must be an ISO 8601 date-time that exists, with Z or an offset, e.g. 2026-11-23T09:30:00Z`,
  });

/** Turns zod's issues into gp-task-guard's `{path, code, message}` issues. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    code: issue.code,
    message: issue.message,
  }));
}

/** zod's issues in a ruleset file, each naming the file. */
export function toFileIssues(error: z.ZodError, file: string): RulesetIssue[] {
  return toIssues(error).map((issue) => ({ file, ...issue }));
}

/** Parses with a zod schema, or throws an `InputError` naming each bad field's path. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InputError(toIssues(result.error), subject);
  return result.data;
}
