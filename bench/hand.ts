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
      if (f.urgentFlag === true || f.urgentLanguage === true) out.push("urgent-by-task");
      if (contractKinds.includes(f.senderKind)) {
        switch (f.category) {
          case "results-to-patient":
          case "act-on-results":
          case "onward-referral":
          case "prescription-after-discharge":
          case "prescription-after-clinic":
          case "fit-note":
            out.push(f.category);
        }
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
