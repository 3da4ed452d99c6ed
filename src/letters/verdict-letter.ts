import type { Finding } from "../engine/types.js";
import type { PracticePolicy } from "../input/practice.js";
import type { TaskInput } from "../input/task.js";
import type { Ruleset } from "../rules/schema.js";
import { requireDeclineDate } from "./context.js";
import { renderView } from "./render.js";
import type { Letter } from "./types.js";
import { rulesetView } from "./view.js";

/** What a verdict's letter is made from. */
export interface VerdictLetterInput {
  kind: "rejection" | "reminder" | "opt-out-notice";
  practice: PracticePolicy;
  task: TaskInput;
  findings: readonly Finding[];
  ruleset: Ruleset;
  /** The letter's date (`YYYY-MM-DD`). Absent: the letter has no date line, so the verdict stays deterministic. */
  date?: string;
}

/**
 * Renders the letter that goes back with a verdict, with the bundled templates. The task is
 * named by its sending date; without `date` the letter has no date line, so the same task,
 * practice and ruleset always give the same letter.
 *
 * @param input - the letter kind, the practice, the task, the verdict's findings and ruleset
 * @returns the letter: subject, plain text and HTML
 * @throws {TemplateError} when the practice's policy lacks what the letter prints (the
 *   decline date for an opt-out notice or a declined-task rejection)
 * @example
 * letterForVerdict({ kind: "rejection", practice, task, findings, ruleset }).text
 * // "Example Surgery\n…\nDear Colleague\n\nYou have communicated with Example Surgery via a SystmOne Task. …"
 */
export function letterForVerdict(input: VerdictLetterInput): Letter {
  const { kind, practice, task, findings, ruleset, date } = input;
  requireDeclineDate(kind, practice, findings);
  return renderView(kind, {
    practice,
    task,
    findings: [...findings],
    ruleset: rulesetView(ruleset),
    ...(date === undefined ? {} : { date }),
  });
}
