/** The kinds of letter gp-task-guard renders (docs/letters.md). */
export const letterKinds = [
  "rejection",
  "reminder",
  "opt-out-notice",
  "provider-agreement",
  "practice-guidance",
  "escalation",
] as const;
/**
 * The kind of a letter, one of {@link letterKinds}: what `renderLetter` renders and what
 * `verdict.letter.kind` says.
 *
 * @example renderLetter("opt-out-notice", { practice }).subject // "From 1 December 2026, …"
 */
export type LetterKind = (typeof letterKinds)[number];

/** A rendered letter: plain text (no HTML entities) and a complete, escaped HTML document. */
export interface Letter {
  kind: LetterKind;
  subject: string;
  text: string;
  html: string;
  /**
   * Present when the task is urgent or safety-related (the verdict's `humanReview`): a person
   * must read the task before this letter is sent. A held letter never says that the task was
   * not acted on; it tells the sender that a Task is not the route for such matters.
   */
  held?: { reason: string };
}
