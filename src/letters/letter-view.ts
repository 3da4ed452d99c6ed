import { needsHumanReview } from "../engine/verdict.js";
import { formatLongDate } from "../facts/calendar.js";
import type { Facts } from "../facts/catalogue.js";
import { deriveFacts } from "../facts/derive.js";
import { lexiconOf } from "../facts/lexicon.js";
import { defaultRuleset } from "../rules/default.js";
import type { Ruleset } from "../rules/schema.js";
import type { ParsedLetterContext } from "./context.js";
import { londonToday } from "./dates.js";
import { headingOf, heldReason, reasonsFor } from "./sender.js";
import type { LetterKind } from "./types.js";
import { type LetterView, rulesetView, tasksView } from "./view.js";
import { senderWords } from "./words.js";

/** What a verdict already knows about its task, so that the letter need not work it out again. */
export interface VerdictFacts {
  facts: Facts;
  humanReview: boolean;
}

const verdictKinds: ReadonlySet<LetterKind> = new Set(["rejection", "reminder", "opt-out-notice"]);

/**
 * The data a letter's templates render: the validated context, the ruleset view, each finding
 * in the sender's words, `held` when a person must read the task first, and the escalation
 * letter's weeks. The date defaults to today in London.
 *
 * @param kind - the kind of letter
 * @param context - the validated context
 * @param verdict - the verdict's facts and `humanReview`, when the letter goes with a verdict;
 *   otherwise they are derived from the task (same facts, same decision)
 * @returns the view
 */
export function letterView(
  kind: LetterKind,
  context: ParsedLetterContext,
  verdict?: VerdictFacts,
): LetterView {
  const { ruleset: given, date, tasks, ...rest } = context;
  const ruleset: Ruleset = given ?? defaultRuleset();
  const view: LetterView = {
    ...rest,
    date: date ?? londonToday(),
    ruleset: rulesetView(ruleset),
    reasons: [],
    notes: [],
    ...(tasks !== undefined && { tasks: tasksView(tasks, headingsFor(ruleset, context)) }),
  };
  const { task, practice } = context;
  if (!verdictKinds.has(kind) || task === undefined) return view;
  const findings = context.findings ?? [];
  const facts = verdict?.facts ?? deriveFacts(task, practice, lexiconOf(ruleset));
  const words = senderWords(facts);
  const reasons = reasonsFor(findings, ruleset, { task, practice, facts, words });
  view.reasons = reasons;
  view.notes = reasons.filter((r) => !r.standalone && !r.review);
  const standalone = reasons.find((r) => r.standalone);
  if (standalone) view.standalone = standalone;
  const fired = findings.flatMap((f) => ruleset.rules.filter((rule) => rule.id === f.ruleId));
  const humanReview = verdict?.humanReview ?? needsHumanReview(facts, fired);
  if (humanReview) {
    view.held = {
      reason: heldReason(facts, findings, ruleset, words),
      flagged: facts.urgentFlag,
      urgent: facts.urgentLanguage,
      safety: facts.safetyLanguage,
      ...(words.urgent !== undefined && { urgentWords: words.urgent }),
      ...(words.safety !== undefined && { safetyWords: words.safety }),
      ...(facts.dueSoon === true &&
        facts.dueOn !== undefined && {
          due: formatLongDate(facts.dueOn),
          ...(words.timeframe !== undefined && { dueWords: words.timeframe }),
        }),
    };
  }
  return view;
}

/** Each rule's heading to the sender, by rule id, for an escalation letter's reasons. */
function headingsFor(ruleset: Ruleset, context: ParsedLetterContext): Map<string, string> {
  const headings = new Map<string, string>();
  const ids = new Set((context.tasks?.reasons ?? []).flatMap((r) => (r.ruleId ? [r.ruleId] : [])));
  for (const rule of ruleset.rules) {
    if (!ids.has(rule.id) || rule.sender === undefined) continue;
    const heading = headingOf(rule, { practice: context.practice, parameters: ruleset.parameters });
    if (heading) headings.set(rule.id, heading);
  }
  return headings;
}
