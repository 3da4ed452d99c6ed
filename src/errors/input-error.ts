import { GuardError, type Issue, isInstance, summariseIssues } from "./guard-error.js";

/**
 * A task, practice policy, FHIR resource or letter context that does not match its schema.
 * `issues` lists every problem with the path of the bad field.
 *
 * @example
 * new InputError([{ path: "recipient.assignment", code: "invalid_value", message: "…" }]).issues[0].path
 * // "recipient.assignment"
 */
export class InputError extends GuardError {
  override name = "InputError";
  readonly issues: Issue[];
  /** What was being read: `task`, `practice`, `fhir-task`, `letter-context`. */
  readonly subject: string;

  constructor(issues: Issue[], subject = "task") {
    super("INPUT_INVALID", `Invalid ${subject}: ${summariseIssues(issues)}`);
    this.issues = issues;
    this.subject = subject;
  }
}

/** @returns true when `value` is an `InputError`. @example isInputError(err) */
export function isInputError(value: unknown): value is InputError {
  return isInstance(value, InputError);
}
