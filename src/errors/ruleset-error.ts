import { GuardError, type Issue, isInstance, summariseIssues } from "./guard-error.js";

/** A problem found in one file of a ruleset. */
export interface RulesetIssue extends Issue {
  /** The file the problem is in, relative to the ruleset folder: `ruleset.json`, `fit-note.json`. */
  file: string;
}

/**
 * A ruleset that cannot be used: a bad file, an unknown fact, operator, parameter or clause,
 * a duplicate id, a forbidden key. Thrown when the ruleset loads, never while evaluating.
 *
 * @example
 * err.file   // "fit-note.json"
 * err.issues // [{ file: "fit-note.json", path: "conditions.all[1].fact", code: "unknown_fact", message: "…" }]
 */
export class RulesetError extends GuardError {
  override name = "RulesetError";
  /** The first file with a problem (every issue names its own). */
  readonly file: string;
  readonly issues: RulesetIssue[];

  constructor(issues: RulesetIssue[]) {
    const first = issues[0]?.file ?? "";
    super(
      "RULESET_INVALID",
      `Invalid ruleset: ${summariseIssues(issues.map((i) => ({ ...i, path: `${i.file}${i.path ? ` ${i.path}` : ""}` })))}`,
    );
    this.file = first;
    this.issues = issues;
  }
}

/** @returns true when `value` is a `RulesetError`. @example isRulesetError(err) */
export function isRulesetError(value: unknown): value is RulesetError {
  return isInstance(value, RulesetError);
}
