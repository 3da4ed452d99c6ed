/** The kinds of letter gp-task-guard renders (SPEC §7). */
export const letterKinds = [
  "rejection",
  "reminder",
  "opt-out-notice",
  "provider-agreement",
  "practice-guidance",
  "escalation",
] as const;
export type LetterKind = (typeof letterKinds)[number];

/** A rendered letter: plain text (no HTML entities) and a complete, escaped HTML document. */
export interface Letter {
  kind: LetterKind;
  subject: string;
  text: string;
  html: string;
}
