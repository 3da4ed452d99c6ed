import type { Facts } from "../facts/catalogue.js";
import type { PracticePolicy } from "../input/practice.js";
import type { TaskInput } from "../input/task.js";
import type { Rule } from "../rules/schema.js";
import type { PreparedRuleset } from "./prepare.js";
import type { ClauseCitation, Finding, Outcome, Severity, Verdict } from "./types.js";

const rank: Record<Severity, number> = { reject: 0, remind: 1, info: 2 };

/**
 * Whether a person must read the task whatever the outcome: the urgent flag, urgent or safety
 * language, a sender whose service is safety-related (a hospice, a safeguarding team), an
 * action due today or tomorrow, or a fired rule that asks for it. Verdicts and letters rendered
 * on their own (`renderLetter`) both decide it here.
 *
 * @example needsHumanReview({ ...facts, urgentFlag: true }, []) // true
 */
export function needsHumanReview(
  facts: Pick<Facts, "urgentFlag" | "urgentLanguage" | "safetyLanguage" | "dueSoon"> &
    Partial<Pick<Facts, "safetyService">>,
  fired: readonly Pick<Rule, "humanReview">[],
): boolean {
  return (
    facts.urgentFlag ||
    facts.urgentLanguage ||
    facts.safetyLanguage ||
    facts.safetyService === true ||
    facts.dueSoon === true ||
    fired.some((rule) => rule.humanReview === true)
  );
}

/**
 * Turns the fired rule ids into a verdict (without its letter): findings ordered reject,
 * remind, info and by ruleset order within each, the outcome, `humanReview`, the category.
 *
 * @example assembleVerdict(prepared, task, practice, facts, ["fit-note"]).outcome // "reject"
 */
export function assembleVerdict(
  prepared: PreparedRuleset,
  task: TaskInput,
  practice: PracticePolicy,
  facts: Facts,
  fired: readonly string[],
): Verdict {
  const { ruleset } = prepared;
  // Messages read own fields and print nothing for an absent one (compileMessage).
  const context = { task, practice, facts, parameters: ruleset.parameters };
  const entries = fired
    .map((id) => prepared.byId.get(id))
    .filter((entry) => entry !== undefined)
    .sort((a, b) => rank[a.rule.severity] - rank[b.rule.severity] || a.order - b.order);

  const findings: Finding[] = entries.map(({ rule, message }) => ({
    ruleId: rule.id,
    severity: rule.severity,
    title: rule.title,
    message: message(context),
    guidance: { section: rule.guidance.section, quote: rule.guidance.quote },
    contract: rule.contract.map((id): ClauseCitation => {
      const clause = ruleset.contract.clauses[id];
      return {
        id,
        clause: clause?.clause ?? id,
        summary: clause?.summary ?? "",
        edition: ruleset.contract.edition,
      };
    }),
  }));

  const first = findings[0]?.severity;
  const outcome: Outcome = first === "reject" ? "reject" : first === "remind" ? "remind" : "accept";
  const humanReview = needsHumanReview(
    facts,
    entries.map((entry) => entry.rule),
  );

  return {
    taskId: task.id,
    outcome,
    findings,
    humanReview,
    category: {
      value: facts.category,
      source: facts.categorySource,
      ...(facts.categoryPhrase !== undefined && { matched: facts.categoryPhrase }),
    },
    facts,
    ruleset: { name: ruleset.name, version: ruleset.version, hash: ruleset.hash },
  };
}
