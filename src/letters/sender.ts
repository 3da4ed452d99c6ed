import { formatLongDate } from "../facts/calendar.js";
import type { Facts } from "../facts/catalogue.js";
import type { PracticePolicy } from "../input/practice.js";
import type { TaskInput } from "../input/task.js";
import { compileMessageTree, ruleMessages } from "../rules/message-tree.js";
import type { Rule, Ruleset } from "../rules/schema.js";
import type { SenderWords } from "./words.js";

// What a letter says about each finding comes from the rule's own data (its `sender` wording and
// its `letter`), looked up by the finding's rule id: no rule id is named here, so a renamed or a
// new rule keeps its wording and its letter.

/** The letters a verdict can carry. */
export type VerdictLetterKind = "rejection" | "reminder" | "opt-out-notice";

/** A finding as a letter reads it: what its rule found, and the contract clauses it cites. */
export interface FindingLike {
  ruleId: string;
  severity: "reject" | "remind" | "info";
  message: string;
  contract: readonly { clause: string; summary: string }[];
}

/** One reason as the templates print it: the rule's words to the sender. */
export interface ReasonView {
  severity: "reject" | "remind" | "info";
  /** The heading written to the sender; absent for a rule without sender wording. */
  heading?: string;
  /** The reason, written to the sender (the analyst's message for a rule without sender wording). */
  reason: string;
  /** The reason is the letter's whole message (the guidance's text for a declined task). */
  standalone: boolean;
  /** The rule asks a person to read the task: a held letter says this once, not as a reason. */
  review: boolean;
  contract: { clause: string; summary: string }[];
}

/** What sender wording is rendered from. */
export interface SenderContext {
  task: TaskInput;
  practice: PracticePolicy;
  facts: Partial<Facts>;
  words: SenderWords;
}

type Render = (context: object) => string;
const compiled = new WeakMap<Rule, { heading: Render; reason: Render }>();

function wordingOf(rule: Rule): { heading: Render; reason: Render } | undefined {
  if (rule.sender === undefined) return undefined;
  let hit = compiled.get(rule);
  if (!hit) {
    const { heading = [], reason = [] } = ruleMessages(rule);
    hit = { heading: compileMessageTree(heading), reason: compileMessageTree(reason) };
    compiled.set(rule, hit);
  }
  return hit;
}

/**
 * A rule's heading to the sender, rendered without a task (an escalation letter's reasons):
 * fields it reads from a task print nothing.
 *
 * @returns the heading, or undefined for a rule without sender wording
 */
export function headingOf(rule: Rule, context: object): string | undefined {
  return wordingOf(rule)?.heading(context).replace(/\s+/g, " ").trim();
}

function ruleOf(ruleset: Ruleset, ruleId: string): Rule | undefined {
  return ruleset.rules.find((rule) => rule.id === ruleId);
}

const defaultLetter = { reject: "rejection", remind: "reminder", info: "none" } as const;

/**
 * The letter a verdict's findings lead to: the first finding's (reject, then remind, then info)
 * whose rule leads to one, by the rule's `letter` (default by severity).
 *
 * @param findings - the verdict's findings, in verdict order
 * @param ruleset - the ruleset that made them
 * @returns the kind of letter, or undefined for none
 * @example letterKindFor([{ ruleId: "external-tasks-declined-soon", severity: "info" }], ruleset) // "opt-out-notice"
 */
export function letterKindFor(
  findings: readonly Pick<FindingLike, "ruleId" | "severity">[],
  ruleset: Ruleset,
): VerdictLetterKind | undefined {
  for (const finding of findings) {
    const kind = ruleOf(ruleset, finding.ruleId)?.letter ?? defaultLetter[finding.severity];
    if (kind !== "none") return kind;
  }
  return undefined;
}

/**
 * Each finding's reason in the sender's terms: the rule's heading and reason rendered for this
 * task, or the finding's own message for a rule the ruleset does not hold.
 *
 * @param findings - the findings, in verdict order
 * @param ruleset - the ruleset whose rules carry the wording
 * @param context - the task, practice, facts and the sender's own words
 * @returns one reason per finding
 */
export function reasonsFor(
  findings: readonly FindingLike[],
  ruleset: Ruleset,
  context: SenderContext,
): ReasonView[] {
  const data = { ...context, parameters: ruleset.parameters };
  return findings.map((finding) => {
    const rule = ruleOf(ruleset, finding.ruleId);
    const wording = rule && wordingOf(rule);
    const contract = finding.contract.map(({ clause, summary }) => ({ clause, summary }));
    const review = rule?.humanReview === true;
    if (!rule || !wording) {
      return {
        severity: finding.severity,
        reason: finding.message,
        standalone: false,
        review,
        contract,
      };
    }
    return {
      severity: finding.severity,
      heading: wording.heading(data).trim(),
      reason: wording.reason(data).trim(),
      standalone: rule.sender?.standalone === true,
      review,
      contract,
    };
  });
}

/**
 * Why a letter waits for a person, for the practice (not the sender): what made the task one
 * a person must read.
 *
 * @param facts - the task's facts
 * @param findings - the verdict's findings
 * @param ruleset - the ruleset that made them
 * @param words - the sender's own words
 * @returns one sentence
 * @example heldReason({ urgentFlag: true }, [], ruleset, {}) // "A person must read this Task before the letter is sent: the sender flagged it urgent."
 */
export function heldReason(
  facts: Partial<Facts>,
  findings: readonly Pick<FindingLike, "ruleId">[],
  ruleset: Ruleset,
  words: SenderWords,
): string {
  const quoted = (text: string | undefined) => (text ? ` (“${text}”)` : "");
  const why: string[] = [];
  if (facts.urgentFlag) why.push("the sender flagged it urgent");
  if (facts.urgentLanguage) why.push(`its text reads as urgent${quoted(words.urgent)}`);
  if (facts.safetyLanguage)
    why.push(`its text raises a patient-safety concern${quoted(words.safety)}`);
  if (facts.dueSoon && facts.dueOn !== undefined)
    why.push(`it asks for action by ${formatLongDate(facts.dueOn)}${quoted(words.timeframe)}`);
  // Words that tell of a need falling due soon, with no ask written (`phrases.dueSoonWords`).
  else if (facts.dueSoon) why.push("it tells of a need that falls due soon");
  for (const finding of findings) {
    const rule = ruleOf(ruleset, finding.ruleId);
    if (rule?.humanReview === true && why.length === 0)
      why.push(`the rule “${rule.title}” asks for it`);
  }
  const list = why.length > 0 ? why.join("; ") : "the verdict asks for it";
  return `A person must read this Task before the letter is sent: ${list}.`;
}
