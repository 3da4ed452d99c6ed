import type { Facts } from "../facts/catalogue.js";
import type { Category } from "../input/task.js";
import type { Letter } from "../letters/types.js";

/**
 * A rule's severity, and so its finding's: `reject` (the practice will not act on the task
 * through a Task), `remind` (accepted, with what the sender should do next time) or `info`
 * (a note that does not change the outcome).
 *
 * @example verdict.findings.map((f) => f.severity) // ["reject", "remind", "info"]
 */
export type Severity = "reject" | "remind" | "info";

/**
 * A verdict's outcome: the strongest severity among its findings, with `info` (or no
 * finding) counting as `accept`. The outcome never silences a task: `verdict.humanReview`
 * says whether a person must read it, whatever the outcome.
 *
 * @example (await guard.evaluate(task)).outcome // "reject"
 */
export type Outcome = "accept" | "remind" | "reject";

/** One contract clause cited by a finding, from the ruleset's clause catalogue. */
export interface ClauseCitation {
  /** The catalogue id, e.g. `SC11.12`. */
  id: string;
  /** The clause number as the guidance gives it, e.g. `11.12`. */
  clause: string;
  /** What the clause makes the provider responsible for. */
  summary: string;
  /** The contract edition the number belongs to. */
  edition: string;
}

/** What one rule found. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  /** The rule's message, rendered for this task. */
  message: string;
  guidance: { section: string; quote: string };
  contract: ClauseCitation[];
}

/** The answer for one task: outcome, findings, human review, category, facts, letter, ruleset. */
export interface Verdict {
  taskId: string;
  /** The strongest severity among findings (info counts as accept); accept when none. */
  outcome: Outcome;
  /** reject first, then remind, then info; ruleset order within each. */
  findings: Finding[];
  /** A person must read this task whatever the outcome: urgent flag, urgent or safety language, or a rule that asks for it. */
  humanReview: boolean;
  category: { value: Category; source: "given" | "inferred" | "unknown"; matched?: string };
  /** The derived facts the rules saw. */
  facts: Facts;
  /**
   * The letter the findings lead to (each rule's `letter`: by default rejection for reject,
   * reminder for remind; the opt-out notice when the decline date is still to come). Held
   * (`letter.held`) when `humanReview` is true.
   */
  letter?: Letter;
  ruleset: { name: string; version: string; hash: string };
}

/** One record of a batch: its verdict, or the error that stopped it, with its position. */
export type VerdictOrError =
  | { ok: true; index: number; verdict: Verdict }
  | { ok: false; index: number; error: import("../errors/guard-error.js").GuardError };
