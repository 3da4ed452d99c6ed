/**
 * The facts a rule may name, with their types. Facts hold all computation (dates, text
 * inference); rules only compare facts with values. A rule naming any other fact is a
 * `RulesetError` when the ruleset loads.
 */
import catalogue from "./catalogue.json";

/**
 * Every fact a rule may name, with the type a rule compares it as and what it means. The
 * list is data: `src/facts/catalogue.json`.
 */
export const factCatalogue = catalogue as Readonly<
  Record<
    keyof typeof catalogue,
    { readonly type: "boolean" | "number" | "string" | "array"; readonly description: string }
  >
>;

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
  /**
   * Due within `reviewWithinDays`, by the soonest the body's words could mean ("this week"
   * written on a Friday is soon, though the rules read it as the Friday ahead), or told as due
   * today or tomorrow with no ask written (`phrases.dueSoonWords`: "none for tonight's dose").
   */
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
