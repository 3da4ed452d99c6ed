import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGuard, type PracticePolicyInput } from "../../src/index.js";
import { defaultRuleset } from "../../src/rules/default.js";

/**
 * A checked list of everyday red-flag terms (`red-flag-terms.txt`, one per line), each sent
 * alone "for information" so that only the safety reading can flag it. Every term is flagged but
 * these, left unflagged on purpose: in the labelled sets they mostly name something routine
 * ("1st degree heart block", "sinus brady", a "fitting" for a hearing aid, a subconjunctival
 * "haemorrhage", a "scald" with no concerns, a raised D-dimer before a negative scan), or they
 * need a reading of two findings together that the lexicon does not do.
 */
const leftUnflagged = new Set([
  "bitten by dog",
  "bone pain and high calcium",
  "brady",
  "burns",
  "crisis",
  "d dimer raised",
  "dizzy and fell",
  "eye pain and red eye sudden",
  "fainted",
  "fitting",
  "haemorrhage",
  "heart block",
  "hhs",
  "hip fracture",
  "incontinent of faeces new",
  "jumped",
  "lymphadenopathy",
  "nms",
  "not opened bowels for a week and vomiting",
  "palpitations and dizzy",
  "pus from wound and fever",
  "scalded",
  "shaking chills",
  "splenomegaly",
  "stopped taking anticoagulant",
  "warfarin doubled",
  "wound dehiscence",
]);

const terms = readFileSync(join(import.meta.dirname, "red-flag-terms.txt"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "");
const guard = createGuard({
  practice: defaultRuleset().examples.practice as PracticePolicyInput,
});

describe("red-flag terms: a checked list of everyday words for danger", () => {
  it("holds over 350 distinct terms, and every term left unflagged is one of them", () => {
    expect(new Set(terms).size).toBe(terms.length);
    expect(terms.length).toBeGreaterThan(350);
    for (const term of leftUnflagged) expect(terms).toContain(term);
  });

  it("flags each term sent for information, but those left unflagged", async () => {
    const missed: string[] = [];
    for (const term of terms) {
      const verdict = await guard.evaluate({
        id: "red-flag",
        sentAt: "2026-11-16T10:00:00Z",
        sender: { organisation: "Example NHS Trust", unit: "Ward 5", kind: "nhs-provider" },
        recipient: { unit: "Example Surgery", assignment: "unassigned" },
        body: `FYI ${term}`,
      });
      if (!verdict.humanReview) missed.push(term);
    }
    expect(missed.sort()).toEqual([...leftUnflagged].sort());
  });
});
