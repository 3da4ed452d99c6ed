/**
 * The facts a rule may name, with their types. Facts hold all computation (dates, text
 * inference); rules only compare facts with values. A rule naming any other fact is a
 * `RulesetError` when the ruleset loads.
 */
export const factCatalogue = {
  external: {
    type: "boolean",
    description: "The sender's unit is not one of the practice's own units.",
  },
  crossUnit: { type: "boolean", description: "The sender's unit differs from the recipient unit." },
  assignment: {
    type: "string",
    description: "How the task was addressed: unassigned, user or group.",
  },
  senderKind: { type: "string", description: "The kind of sending organisation (sender.kind)." },
  externalPolicy: {
    type: "string",
    description: "The practice's policy for external tasks: accept, agreed-providers or decline.",
  },
  declineDateReached: {
    type: "boolean",
    description:
      "Policy decline: the task was sent on or after the decline date (London calendar). Absent otherwise.",
  },
  daysUntilDecline: {
    type: "number",
    description:
      "Policy decline: calendar days from the sending date to the decline date (negative once reached).",
  },
  providerAgreement: {
    type: "boolean",
    description:
      "Policy agreed-providers: the sender's ODS code has an agreement acknowledged on or before the sending date. Absent otherwise.",
  },
  urgentFlag: { type: "boolean", description: "The task's urgent flag." },
  urgentLanguage: {
    type: "boolean",
    description: 'The body uses urgent language that is not negated ("not urgent" is not urgent).',
  },
  urgentPhrase: { type: "string", description: "The urgent phrase found, when urgentLanguage." },
  safetyLanguage: {
    type: "boolean",
    description: "The body uses patient-safety language (safeguarding, deterioration, …).",
  },
  safetyPhrase: { type: "string", description: "The safety phrase found, when safetyLanguage." },
  safetyService: {
    type: "boolean",
    description:
      "The sender's organisation, unit, team or role names a service whose tasks are all safety-related (a hospice, a safeguarding team): a person must read it.",
  },
  actionRequested: {
    type: "boolean",
    description:
      "The task asks the practice to act: a due date, request language, or a category that requests action.",
  },
  journalReference: {
    type: "boolean",
    description: "The body points to a journal entry and gives its date or time.",
  },
  bodyLength: { type: "number", description: "Characters in the body, white space folded." },
  careDetailTerms: {
    type: "number",
    description: "Distinct clinical-detail phrases in the body (the ruleset's clinical list).",
  },
  daysUntilDue: {
    type: "number",
    description:
      "Calendar days (Europe/London) from the sending date to the earliest due date, from dueBy or a timeframe in the body; negative when overdue. Absent when no due date is known.",
  },
  dueSource: { type: "string", description: "Where the due date came from: dueBy or body." },
  dueText: {
    type: "string",
    description: "The timeframe found in the body, when dueSource is body.",
  },
  sentOn: {
    type: "string",
    description: "The sending date on the Europe/London calendar, YYYY-MM-DD.",
  },
  dueOn: { type: "string", description: "The due date on the Europe/London calendar, YYYY-MM-DD." },
  category: {
    type: "string",
    description: "The request category: given, inferred from the body, or other.",
  },
  categorySource: { type: "string", description: "given, inferred or unknown." },
  categoryPhrase: {
    type: "string",
    description: "The ruleset phrase that inferred the category (for analysts, not letters).",
  },
  categoryText: {
    type: "string",
    description:
      "The sender's own words that asked for the inferred category: the clause, as written.",
  },
  requests: {
    type: "array",
    description:
      "Every category the body reads as, in the ruleset's order: the first is category (the given category alone when given).",
  },
  urgentText: { type: "string", description: "The sender's own words that read as urgent." },
  safetyText: {
    type: "string",
    description: "The sender's own words that read as safety-related.",
  },
  dueSoon: {
    type: "boolean",
    description:
      "The due date is within the reviewWithinDays parameter (today or tomorrow by default): a person must read it.",
  },
  evidence: {
    type: "array",
    description:
      "Which words produced the text facts: for each, the fact, the lexicon list and entry, and the span of the body (or of the sender field it names).",
  },
} as const;

/**
 * The name of a fact a rule condition may test: a key of {@link factCatalogue}. A condition
 * naming anything else is a `RulesetError` when the ruleset loads.
 *
 * @example const name: FactName = "daysUntilDue";
 */
export type FactName = keyof typeof factCatalogue;

/** The facts derived from one task and practice: what the rules see (`verdict.facts`). */
export interface Facts {
  external: boolean;
  crossUnit: boolean;
  assignment: "unassigned" | "user" | "group";
  senderKind: string;
  externalPolicy: "accept" | "agreed-providers" | "decline";
  declineDateReached?: boolean;
  daysUntilDecline?: number;
  providerAgreement?: boolean;
  urgentFlag: boolean;
  urgentLanguage: boolean;
  urgentPhrase?: string;
  safetyLanguage: boolean;
  safetyPhrase?: string;
  safetyService: boolean;
  actionRequested: boolean;
  journalReference: boolean;
  bodyLength: number;
  careDetailTerms: number;
  daysUntilDue?: number;
  dueSource?: "dueBy" | "body";
  dueText?: string;
  sentOn: string;
  dueOn?: string;
  category: string;
  categorySource: "given" | "inferred" | "unknown";
  categoryPhrase?: string;
  categoryText?: string;
  requests: string[];
  urgentText?: string;
  safetyText?: string;
  dueSoon?: boolean;
  evidence: Evidence[];
}

/** Which words of a body produced a text fact. */
export interface Evidence {
  /** The fact it supports: urgentLanguage, safetyLanguage or category. */
  fact: string;
  /** The lexicon list and the entry as written in the ruleset. */
  list: string;
  entry: string;
  /** The span of the field read: field.slice(start, end) === text. */
  start: number;
  end: number;
  text: string;
  /** The field read, when not the body: the sender's service names ("sender.unit"). */
  field?: "sender.organisation" | "sender.unit" | "sender.team" | "sender.role";
}

export function isFactName(name: string): name is FactName {
  return Object.hasOwn(factCatalogue, name);
}
