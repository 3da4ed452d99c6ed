import { describe, expect, it } from "vitest";
import { adoptPrebuiltMatcher, lexiconOf, vocabularyText } from "../../src/facts/lexicon.js";
import { Matcher, type MatcherData } from "../../src/facts/matcher.js";
import { tokenStream } from "../../src/facts/tokens.js";
import { writeTrieText } from "../../src/facts/trie-text.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import {
  prebuiltDefaultTrie,
  prebuiltDefaultVocabulary,
} from "../../src/rules/default-trie.generated.js";

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
    expect(writeTrieText(compiled.toTrie())).toBe(prebuiltDefaultTrie);
  });

  it("comes with the vocabulary the default ruleset's misspellings are corrected to", () => {
    expect(prebuiltDefaultVocabulary).toBe(vocabularyText(buildRuleset(defaultRulesetFiles)));
    // A misspelling is corrected alike with the prebuilt vocabulary and a gathered one.
    const prebuilt = lexiconOf(defaultRuleset());
    const compiled = lexiconOf(buildRuleset(defaultRulesetFiles));
    const read = (l: typeof prebuilt) => tokenStream("pls perscribe sucidal", l.reading).tokens;
    expect(read(prebuilt).map((t) => t.word)).toEqual(read(compiled).map((t) => t.word));
    expect(read(prebuilt).map((t) => t.word)).toContain("suicidal");
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
    const read = Matcher.fromText(prebuiltDefaultTrie);
    const compiled = lexiconOf(buildRuleset(defaultRulesetFiles)).matcher;
    expect(read.worstSteps).toBe(compiled.worstSteps);
    expect(read.toTrie()).toEqual(compiled.toTrie());
  });

  it("reads back from its text as the same trie, node by node", () => {
    const data: MatcherData = {
      ids: [
        [0, 0],
        [0, 1],
        [2, 0],
      ],
      root: [[], ["fit", [[], ["note", [[0, 2]]]]], [[1]], ["prescri", [[2]]], ["bloods", [[1]]]],
    };
    const text = writeTrieText(data);
    expect(text).toBe(
      '2,0,1;;j;["nnote",[0,2],-1];["nfit",[],0,"a",1,-1,"pprescri",2,-1,"xbloods",1,-1];',
    );
    expect(Matcher.fromText(text).toTrie()).toEqual(data);
  });

  it("refuses to write a word holding a separator, or ids out of order", () => {
    expect(() => writeTrieText({ ids: [[0, 0]], root: [[], ["a;b", [[0]]]] })).toThrow(/separator/);
    expect(() => writeTrieText({ ids: [[0, 1]], root: [[0]] })).toThrow(/does not follow/);
  });

  it("is adopted only by a frozen ruleset", () => {
    const copy = { ...defaultRuleset() };
    expect(() => adoptPrebuiltMatcher(copy, prebuiltDefaultTrie)).toThrow(/frozen/);
  });
});
