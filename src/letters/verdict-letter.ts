import type { Finding } from "../engine/types.js";
import type { Facts } from "../facts/catalogue.js";
import type { PracticePolicy } from "../input/practice.js";
import type { TaskInput } from "../input/task.js";
import type { Ruleset } from "../rules/schema.js";
import { requireDeclineDate } from "./context.js";
import { letterView } from "./letter-view.js";
import { renderView } from "./render.js";
import type { VerdictLetterKind } from "./sender.js";
import type { Letter } from "./types.js";

/** What a verdict's letter is made from. */
export interface VerdictLetterInput {
  kind: VerdictLetterKind;
  practice: PracticePolicy;
  task: TaskInput;
  findings: readonly Finding[];
  ruleset: Ruleset;
  /** The verdict's facts and `humanReview` (held when true); derived from the task when absent. */
  facts?: Facts;
  humanReview?: boolean;
  /** The letter's date (`YYYY-MM-DD`). Default: today in London. */
  date?: string;
}

/**
 * Renders the letter that goes back with a verdict, with the bundled templates. The task is
 * named by its sending date; each finding is told in its rule's words to the sender; when the
 * verdict asks for human review the letter is held (`held.reason`) and its wording changes.
 *
 * @param input - the letter kind, the practice, the task, the verdict's findings, facts,
 *   `humanReview` and ruleset, and the date
 * @returns the letter: subject, plain text and HTML, and `held` when a person must read the task
 * @throws {TemplateError} when the practice's policy lacks what the letter prints (the
 *   decline date for an opt-out notice, or for a reason that prints it)
 * @example
 * letterForVerdict({ kind: "rejection", practice, task, findings, ruleset, facts, humanReview: false, date: "2026-12-03" }).text
 * // "Example Surgery\n…\nDear Colleague\n\nYou have communicated with Example Surgery via a SystmOne Task. …"
 */
export function letterForVerdict(input: VerdictLetterInput): Letter {
  const { kind, practice, task, findings, ruleset, date, facts, humanReview } = input;
  requireDeclineDate(kind, practice, findings, ruleset);
  const view = letterView(
    kind,
    { practice, task, findings: [...findings], ruleset, ...(date !== undefined && { date }) },
    facts !== undefined && humanReview !== undefined ? { facts, humanReview } : undefined,
  );
  return renderView(kind, view);
}
