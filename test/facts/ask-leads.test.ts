import { describe, expect, it } from "vitest";
import { createGuard, type PracticePolicyInput } from "../../src/index.js";
import { defaultRuleset } from "../../src/rules/default.js";

/**
 * A checked grid of the ways a request is opened, each put before each kind of contract work:
 * every pairing must fire the rule for that work. A lead that fails for one ask usually fails
 * for all, so the grid finds gaps in how asks are read, not in any one category's phrases.
 */
const leads = [
  "please",
  "pls",
  "could you",
  "can you",
  "can GP",
  "could the GP",
  "GP to",
  "GP please",
  "would be grateful if you could",
  "we would be grateful if GP could",
  "kindly",
  "are you able to",
  "would you be able to",
  "would you be happy to",
  "we would ask that GP",
  "we suggest GP",
  "we recommend GP",
  "I would be grateful if you would",
  "can the practice",
  "could the surgery",
  "need GP to",
  "for GP to",
  "requesting GP",
  "we'd appreciate it if you could",
  "GP asked to",
  "action for GP:",
  "GP action:",
  "pt needs GP to",
  "wondered if you could",
  "is it possible for GP to",
  "any chance you could",
];

/** Each ask, the rule it must fire, and the sentence before it that gives its context. */
const asks: [ask: string, rule: string, before: string][] = [
  ["refer her to dermatology", "onward-referral", "Seen in clinic today."],
  ["arrange an USS abdomen", "onward-referral", "Seen in clinic today."],
  ["prescribe amlodipine 5mg od", "prescription-after-clinic", "Seen in clinic today."],
  [
    "continue the apixaban on repeat",
    "prescription-after-discharge",
    "Discharged from ward 9 today.",
  ],
  ["issue a fit note for 2 weeks", "fit-note", "Seen in clinic today."],
  ["let her know the results", "results-to-patient", "Her bloods from our clinic are normal."],
  ["repeat the U&E in 1 week", "act-on-results", "K+ 5.8 on our clinic bloods."],
  ["chase the histology", "act-on-results", "Biopsy taken in our clinic."],
];

const guard = createGuard({
  practice: defaultRuleset().examples.practice as PracticePolicyInput,
});

describe("ask leads: every way of opening a request, before every kind of contract work", () => {
  it(`reads all ${leads.length * asks.length} pairings as the work they ask for`, async () => {
    const missed: string[] = [];
    for (const [ask, rule, before] of asks) {
      for (const lead of leads) {
        const body = `${before} ${lead} ${ask}`;
        const verdict = await guard.evaluate({
          id: "ask-lead",
          sentAt: "2026-11-19T10:00:00Z",
          sender: { organisation: "Example NHS Trust", unit: "Outpatients", kind: "nhs-provider" },
          recipient: { unit: "Example Surgery", assignment: "unassigned" },
          body,
        });
        if (!verdict.findings.some((f) => f.ruleId === rule)) missed.push(`${rule}: ${body}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
