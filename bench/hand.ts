/**
 * Hand-written predicates deciding the default ruleset over the same facts: the limit a
 * compiled evaluator can approach. The logic is the rules' own, written out by hand; the
 * thresholds come from the ruleset's parameters so that the two cannot drift apart silently
 * (the bench counts any decision that differs).
 */
import type { Facts } from "../src/facts/catalogue.js";
import type { Ruleset } from "../src/rules/schema.js";

function numberParameter(ruleset: Ruleset, name: string): number {
  const value = ruleset.parameters[name];
  if (typeof value !== "number") throw new Error(`parameter ${name} must be a number`);
  return value;
}

function listParameter(ruleset: Ruleset, name: string): readonly unknown[] {
  const value = ruleset.parameters[name];
  if (!Array.isArray(value)) throw new Error(`parameter ${name} must be a list`);
  return value;
}

/** The asks the Standard Contract puts on the provider, each its own rule, in ruleset order. */
const CONTRACT_ASKS = [
  "results-to-patient",
  "act-on-results",
  "onward-referral",
  "prescription-after-discharge",
  "prescription-after-clinic",
  "fit-note",
] as const;

/** `decide(facts)` for the default ruleset, in ruleset order, by hand. */
export function createHandWritten(ruleset: Ruleset): { decide(facts: Facts): string[] } {
  const immediateWithinDays = numberParameter(ruleset, "immediateWithinDays");
  const careDetailMinChars = numberParameter(ruleset, "careDetailMinChars");
  const careDetailMinTerms = numberParameter(ruleset, "careDetailMinTerms");
  const contractKinds = listParameter(ruleset, "standardContractSenderKinds");
  return {
    decide(f) {
      const out: string[] = [];
      if (f.external !== true) return out;
      if (f.externalPolicy === "decline") {
        if (f.declineDateReached === true) out.push("external-tasks-declined");
        if (f.declineDateReached === false) out.push("external-tasks-declined-soon");
      }
      if (f.externalPolicy === "agreed-providers" && f.providerAgreement === false) {
        out.push("no-provider-agreement");
      }
      if (f.crossUnit === true && (f.assignment === "user" || f.assignment === "group")) {
        out.push("must-be-unassigned");
      }
      if (f.actionRequested === true && f.journalReference === false) {
        out.push("journal-reference-missing");
      }
      if (f.bodyLength >= careDetailMinChars && f.careDetailTerms >= careDetailMinTerms) {
        out.push("care-details-in-body");
      }
      if (f.daysUntilDue !== undefined && f.daysUntilDue <= immediateWithinDays) {
        out.push("immediate-action");
      }
      if (f.urgentFlag === true || f.urgentLanguage === true || f.daysUntilDue === 0) {
        out.push("urgent-by-task");
      }
      // Each contract rule looks for its own ask among the task's requests (a task may hold several).
      if (contractKinds.includes(f.senderKind)) {
        for (const ask of CONTRACT_ASKS) if (f.requests?.includes(ask)) out.push(ask);
      }
      if (
        f.category === "referral-request" ||
        f.category === "prescription-request" ||
        f.category === "clinical-work"
      ) {
        out.push("delegated-clinical-work");
      }
      return out;
    },
  };
}
