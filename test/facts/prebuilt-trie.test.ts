import { describe, expect, it } from "vitest";
import { adoptPrebuiltMatcher, lexiconOf } from "../../src/facts/lexicon.js";
import { Matcher } from "../../src/facts/matcher.js";
import { tokenStream } from "../../src/facts/tokens.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { prebuiltDefaultTrie } from "../../src/rules/default-trie.generated.js";

// The default ruleset's phrases are compiled at build time (scripts/gen/lexicon.ts); a guard
// reads the trie instead of compiling it. test/generated.test.ts fails when the file is stale.

const bodies = [
  "Please issue a fit note for 4 weeks from today.",
  "URGENT pls r/v bloods today, pt feeling suicidal, not self-harm",
  "Please see my recent journal entry which contains actions (23/11/2026 10:05).",
  "Kindly prescirbe TTO's and chase the CT scan; no need to refer on",
];

describe("the prebuilt phrase trie", () => {
  it("is the trie the default ruleset's phrases compile to", () => {
    const compiled = lexiconOf(buildRuleset(defaultRulesetFiles)).matcher;
    expect(compiled.toTrie()).toEqual(prebuiltDefaultTrie);
  });

  it("is what the default ruleset's lexicon reads, and finds what the compiled trie finds", () => {
    const prebuilt = lexiconOf(defaultRuleset());
    const compiled = lexiconOf(buildRuleset(defaultRulesetFiles));
    expect(prebuilt.matcher).not.toBe(compiled.matcher);
    for (const body of bodies) {
      const mentions = prebuilt.matcher.scan(tokenStream(body, prebuilt.reading));
      expect(mentions.length).toBeGreaterThan(0);
      expect(mentions).toEqual(compiled.matcher.scan(tokenStream(body, compiled.reading)));
    }
  });

  it("gives the same bound on matching steps as the compiled trie", () => {
    const read = Matcher.fromTrie(prebuiltDefaultTrie);
    const compiled = lexiconOf(buildRuleset(defaultRulesetFiles)).matcher;
    expect(read.worstSteps).toBe(compiled.worstSteps);
    expect(read.toTrie()).toEqual(prebuiltDefaultTrie);
  });

  it("is adopted only by a frozen ruleset", () => {
    const copy = { ...defaultRuleset() };
    expect(() => adoptPrebuiltMatcher(copy, prebuiltDefaultTrie)).toThrow(/frozen/);
  });
});
