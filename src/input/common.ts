import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { formatPath, type Issue } from "../errors/guard-error.js";
import { InputError } from "../errors/input-error.js";
import type { RulesetIssue } from "../errors/ruleset-error.js";
import { typed } from "../errors/unreadable.js";

/**
 * zod's English messages for the few checks without a message of their own ("Invalid input:
 * expected object, received null"). zod/mini loads no locale, and setting zod's global
 * configuration would change the messages of the caller's own schemas, so every parse here
 * passes it instead ({@link safeParse}).
 */
const english = en().localeError;

/** A string of at least one character, with zod's own message (ruleset and wording files). */
export const nonEmpty = () => z.string().check(z.minLength(1));

/** A non-empty string after trimming. */
export const text = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .check(z.trim(), z.minLength(1, { error: `${what} must not be empty` }));

/** What a JSON value is, for a message that must not echo it: "an array", "null", "a string". */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : type === "undefined" ? "nothing" : `a ${type}`;
}

/**
 * The message for a whole record that is not an object (an array inside a JSON array, a
 * string, null): what it must be and what it is, never its content.
 *
 * @param what - "a task", "a practice policy"
 * @param fields - the fields it needs, for a person: "id, sentAt, sender, recipient and body"
 * @example notAnObject("a task", "id and body")({ input: [1] }) // "a task must be a JSON object with id and body, not an array"
 */
export function notAnObject(what: string, fields: string) {
  return (issue: { input?: unknown }): string =>
    `${what} must be a JSON object with ${fields}, not ${kindOf(issue.input)}`;
}

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
export function toIssues(error: z.core.$ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    code: issue.code,
    message: issue.message,
  }));
}

/** zod's issues in a ruleset file, each naming the file. */
export function toFileIssues(error: z.core.$ZodError, file: string): RulesetIssue[] {
  return toIssues(error).map((issue) => ({ file, ...issue }));
}

/**
 * Runs a zod schema with zod's English messages for checks that carry none of their own.
 *
 * @param schema - a zod schema (zod/mini or classic)
 * @param input - anything
 * @returns zod's result: `data`, or `error` with the issues
 * @example safeParse(text("name"), " ").error?.issues[0]?.message // "name must not be empty"
 */
export function safeParse<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
): z.core.util.SafeParseResult<z.output<S>> {
  return z.safeParse(schema, input, { error: english });
}

/** Parses with a zod schema, or throws an `InputError` naming each bad field's path. */
export function parseOrThrow<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  subject: string,
): z.output<S> {
  // A revoked proxy or a throwing getter escapes zod as a TypeError.
  const result = typed(subject, () => safeParse(schema, input));
  if (!result.success) throw new InputError(toIssues(result.error), subject);
  return result.data;
}
