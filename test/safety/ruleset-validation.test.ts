import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import { RulesetError } from "../../src/errors/ruleset-error.js";
import { words } from "../../src/facts/tokens.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { buildRuleset, phraseCount, repeatedPhrases } from "../../src/rules/build.js";

import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { cutRulesetFiles, fuzz, practice, setAt, task } from "./fuzz.js";

/**
 * A ruleset that loads must not silently stop a rule: issue 15 found parameters of the wrong
 * type or range, and phrases that match everywhere or nowhere, all called valid.
 */

const bundled = defaultRulesetFiles as Record<string, unknown>;

/**
 * The bundled rules with the safety list cut (`cutRulesetFiles`); the tests of the rules as
 * shipped (their phrase count, no repeats) build `bundled`.
 */
const files = cutRulesetFiles;

function withRuleset(path: (string | number)[], value: unknown): Record<string, unknown> {
  return { ...files, "ruleset.json": setAt(files["ruleset.json"], path, value) };
}

function issuesOf(built: Record<string, unknown>): { path: string; code: string }[] {
  try {
    buildRuleset(built);
  } catch (error) {
    if (error instanceof RulesetError)
      return error.issues.map(({ path, code }) => ({ path, code }));
    throw error;
  }
  return [];
}

describe("ruleset validation", () => {
  it.each([
    [["parameters", "immediateWithinDays"], "fourteen", "parameters.immediateWithinDays"],
    [["parameters", "immediateWithinDays"], 14.5, "parameters.immediateWithinDays"],
    [["parameters", "journalDateWithinChars"], -5, "parameters.journalDateWithinChars"],
    [["parameters", "careDetailMinChars"], [600], "parameters.careDetailMinChars"],
    [["parameters", "negationWindowWords"], 1e9, "parameters.negationWindowWords"],
    [["parameters", "reviewWithinDays"], "one", "parameters.reviewWithinDays"],
    [["parameters", "reviewWithinDays"], -1, "parameters.reviewWithinDays"],
    [["parameters", "spellingMaxEdits"], 2, "parameters.spellingMaxEdits"],
    [["parameters", "spellingMinLetters"], "eight", "parameters.spellingMinLetters"],
    [
      ["parameters", "standardContractSenderKinds"],
      ["nhs-trust"],
      "parameters.standardContractSenderKinds[0]",
    ],
    [
      ["parameters", "standardContractSenderKinds"],
      "nhs-provider",
      "parameters.standardContractSenderKinds",
    ],
  ])("refuses the parameter %j = %j, naming %s", (path, value, at) => {
    expect(issuesOf(withRuleset(path, value))).toContainEqual({
      path: at,
      code: "invalid_parameter",
    });
  });

  it.each([
    [["phrases", "journal", 0], "   ", "phrases.journal[0]"],
    [["phrases", "journal", 0], "", "phrases.journal[0]"],
    [["phrases", "urgent", 0], "*", "phrases.urgent[0]"],
    [["phrases", "safety", 0], "!!! ???", "phrases.safety[0]"],
    [["phrases", "urgent", 0], "urgent -- *", "phrases.urgent[0]"],
    [["phrases", "action", 0], { allOf: ["please", " "] }, "phrases.action[0].allOf[1]"],
    [["categories", "fit-note", "phrases", 0], "\t\n", "categories.fit-note.phrases[0]"],
    [["phrases", "negators", 0], "no longer", "phrases.negators[0]"],
    [["phrases", "journal", 0], "_", "phrases.journal[0]"],
    [["phrases", "journal", 0], "_ _ _", "phrases.journal[0]"],
    [["phrases", "journal", 0], { allOf: ["see", "_"] }, "phrases.journal[0].allOf[1]"],
    [["categories", "fit-note", "phrases", 0], "_", "categories.fit-note.phrases[0]"],
    [["phrases", "negators", 0], "not,", "phrases.negators[0]"],
    [["phrases", "urgent", 0], "=urg*", "phrases.urgent[0]"],
    [["phrases", "clauseLinks", 0], "and then", "phrases.clauseLinks[0]"],
  ])("refuses the phrase at %j = %j, naming %s", (path, value, at) => {
    const found = issuesOf(withRuleset(path, value));
    expect(found.some((i) => i.path === at && /phrase_never_matches|too_small/.test(i.code))).toBe(
      true,
    );
  });

  it.each([
    [["phrases", "urgent", 0], "{tset} results now", "phrases.urgent[0]", /word group \{tset\}/],
    [
      ["categories", "results-to-patient", "context", 0],
      "  ",
      "categories.results-to-patient.context[0]",
      /white space/,
    ],
    [
      ["phrases", "safety", 0],
      // Eight parts, but "the patient" is two words: fourteen at the longest.
      "tell {person} {person} {person} {person} {person} {person} now",
      "phrases.safety[0]",
      /more than 12 words/,
    ],
  ])("refuses the phrase at %j = %j, naming %s and why", (path, value, at, why) => {
    try {
      buildRuleset(withRuleset(path, value));
    } catch (error) {
      expect(error).toBeInstanceOf(RulesetError);
      const issue = (error as RulesetError).issues.find((i) => i.path === at);
      expect(issue?.code).toBe("phrase_never_matches");
      expect(issue?.message).toMatch(why);
      return;
    }
    throw new Error("expected the ruleset to be refused");
  });

  it("refuses a phrase whose word group has a member of only any-word gaps, so it would match every body", () => {
    const ruleset = setAt(files["ruleset.json"], ["wordGroups", "anything"], ["bloods", "_ _"]);
    const found = issuesOf({
      ...files,
      "ruleset.json": setAt(ruleset, ["phrases", "journal", 0], "{anything}"),
    });
    expect(found).toContainEqual({ path: "phrases.journal[0]", code: "phrase_never_matches" });
    const kept = setAt(ruleset, ["phrases", "journal", 0], "see {anything}");
    expect(issuesOf({ ...files, "ruleset.json": kept })).toEqual([]);
  });

  it("refuses a shorthand reading or spelling correction of more than 12 words (one of 2,000 made an 18 KB body take 20 seconds)", () => {
    const long = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");
    expect(issuesOf(withRuleset(["reading", "shorthand", "zq"], long))).toContainEqual({
      path: "reading.shorthand.zq",
      code: "too_long",
    });
    expect(
      issuesOf(withRuleset(["reading", "shorthand", "zq"], { reads: long, notAfterDose: true })),
    ).toContainEqual({ path: "reading.shorthand.zq", code: "too_long" });
    expect(issuesOf(withRuleset(["reading", "spelling", "zq"], long))).toContainEqual({
      path: "reading.spelling.zq",
      code: "too_long",
    });
    const twelve = Array.from({ length: 12 }, (_, i) => `w${i}`).join(" ");
    expect(issuesOf(withRuleset(["reading", "shorthand", "zq"], twelve))).toEqual([]);
  });

  it("refuses spoken punctuation that a phrase or word-group member holds, since the phrase could never match", () => {
    // "urgent" as a spoken comma would take the word out of every body the urgent list reads.
    expect(
      issuesOf(withRuleset(["reading", "spokenPunctuation", "urgent"], "clause")),
    ).toContainEqual({ path: "reading.spokenPunctuation.urgent", code: "phrase_never_matches" });
    // A pair counts only with its words together: "blood test" is in the lists.
    expect(
      issuesOf(withRuleset(["reading", "spokenPunctuation", "blood test"], "sentence")),
    ).toContainEqual({
      path: "reading.spokenPunctuation.blood test",
      code: "phrase_never_matches",
    });
    // The bundled marks, and a word no phrase holds, are accepted.
    expect(issuesOf(withRuleset(["reading", "spokenPunctuation", "ellipsis"], "clause"))).toEqual(
      [],
    );
  });

  it("refuses a word of more than 64 characters in a phrase, word group, reading or word list (one of a million letters ran out of memory)", () => {
    const word = "a".repeat(1_000_000);
    for (const path of [
      ["phrases", "journal", 0],
      ["phrases", "negators", 0],
      ["wordGroups", "test", 0],
      ["reading", "shorthand", "zq"],
      ["reading", "spelling", "zq"],
    ]) {
      const started = performance.now();
      expect(issuesOf(withRuleset(path, `see ${word}`))).toContainEqual({
        path: path.join(".").replace(/\.(\d+)$/, "[$1]"),
        code: "too_long",
      });
      expect(performance.now() - started).toBeLessThan(5_000);
    }
    expect(issuesOf(withRuleset(["phrases", "journal", 0], "a".repeat(64)))).toEqual([]);
  });

  it("refuses a word-group member with no letters or digits at its own path (a lone byte order mark was blamed on the phrases naming the group)", () => {
    for (const member of ["\uFEFF", "-", " "]) {
      const found = issuesOf(withRuleset(["wordGroups", "test", 0], member));
      expect(found).toContainEqual({ path: "wordGroups.test[0]", code: "phrase_never_matches" });
    }
    expect(issuesOf(withRuleset(["wordGroups", "test", 0], "u&e"))).toEqual([]);
  });

  it("names every phrase that still uses a word group taken away, at its own path (found by the long fuzz run)", () => {
    // The bundled rules whole: the phrases that use this group are past the first 300.
    const ruleset = structuredClone(bundled["ruleset.json"]) as {
      wordGroups: Record<string, unknown>;
    };
    delete ruleset.wordGroups.antiplatelet;
    const found = issuesOf({ ...bundled, "ruleset.json": ruleset });
    expect(found.length).toBeGreaterThan(0);
    for (const issue of found) {
      expect(issue.code).toBe("phrase_never_matches");
      expect(issue.path).toMatch(/^phrases\.safety\[\d+\]/);
    }
  });

  it("refuses a word-group member that makes a phrase longer than it can ever match", () => {
    const ruleset = setAt(files["ruleset.json"], ["wordGroups", "long"], ["a b c d e f g h i j k"]);
    const found = issuesOf({
      ...files,
      "ruleset.json": setAt(ruleset, ["phrases", "urgent", 0], "{long} {long} now"),
    });
    expect(found).toContainEqual({ path: "phrases.urgent[0]", code: "phrase_never_matches" });
  });

  it("refuses at load, in moments, a phrase whose word groups stand for a hundred million phrases (it ran out of memory at the first task)", () => {
    const ten = [
      "alpha",
      "beta",
      "gamma",
      "delta",
      "epsilon",
      "zeta",
      "eta",
      "theta",
      "iota",
      "kappa",
    ];
    const ruleset = setAt(files["ruleset.json"], ["wordGroups", "ten"], ten);
    const started = performance.now();
    const found = issuesOf({
      ...files,
      "ruleset.json": setAt(ruleset, ["phrases", "urgent", 0], Array(8).fill("{ten}").join(" ")),
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found).toContainEqual({ path: "phrases", code: "too_many_phrases" });
  });

  it("counts the phrases a ruleset stands for as the load does: a word group counts its members, and the load refuses past the limit", () => {
    const base = bundled["ruleset.json"] as { phrases: { urgent: string[] } };
    const { count, limit } = phraseCount(buildRuleset(bundled));
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(limit);
    const withGroup = (name: string, members: string[], phrase: string) =>
      setAt(
        setAt(base, ["wordGroups", name], members),
        ["phrases", "urgent"],
        [...base.phrases.urgent, phrase],
      );
    // One more phrase naming a group of three members stands for three more phrases.
    const three = withGroup("three", ["alpha", "beta", "gamma"], "{three} now");
    expect(phraseCount(buildRuleset({ ...bundled, "ruleset.json": three })).count).toBe(count + 3);
    // Filled to the limit the ruleset loads; one past it, it is refused.
    const fill = (n: number) =>
      withGroup(
        "fill",
        Array.from({ length: n }, (_, i) => `w${i}`),
        "{fill} zz",
      );
    const codes = (file: unknown) =>
      issuesOf({ ...bundled, "ruleset.json": file }).map((i) => i.code);
    expect(codes(fill(limit - count))).not.toContain("too_many_phrases");
    expect(codes(fill(limit - count + 1))).toContain("too_many_phrases");
  });

  it("finds an entry that reads as an earlier one in its list, and none in the bundled rules", () => {
    expect(repeatedPhrases(buildRuleset(bundled))).toEqual([]);
    const ruleset = files["ruleset.json"] as {
      phrases: { action: unknown[]; reviewNegationFillers: string[] };
      categories: { "fit-note": { phrases: unknown[] } };
    };
    const n = ruleset.phrases.action.length;
    let changed: unknown = setAt(ruleset, ["phrases", "action", n], "pls can u");
    // Shorthand and endings read as the matcher reads them: "please can you".
    changed = setAt(changed, ["phrases", "action", n + 1], "please can you");
    // An allOf with its parts the other way round is no repeat: the order says where it is.
    changed = setAt(changed, ["phrases", "action", n + 2], { allOf: ["zz one", "zz two"] });
    changed = setAt(changed, ["phrases", "action", n + 3], { allOf: ["zz two", "zz one"] });
    changed = setAt(changed, ["phrases", "action", n + 4], { allOf: ["zz ones", "zz two"] });
    // A word list is read as written: "signs" is not "sign" there.
    const fillers = ruleset.phrases.reviewNegationFillers;
    changed = setAt(changed, ["phrases", "reviewNegationFillers", fillers.length], "zzsign");
    changed = setAt(changed, ["phrases", "reviewNegationFillers", fillers.length + 1], "zzsigns");
    const found = repeatedPhrases(buildRuleset({ ...files, "ruleset.json": changed }));
    expect(found).toEqual([
      {
        path: `phrases.action[${n + 1}]`,
        entry: "please can you",
        sameAs: "pls can u",
        sameAsPath: `phrases.action[${n}]`,
      },
      {
        path: `phrases.action[${n + 4}]`,
        entry: "zz ones + zz two",
        sameAs: "zz one + zz two",
        sameAsPath: `phrases.action[${n + 2}]`,
      },
    ]);
  });

  it("refuses a rule that compares a number fact with text, naming the condition's value", () => {
    const rule = files["immediate-action.json"] as { conditions: unknown };
    const text = JSON.stringify(rule.conditions);
    const changed = JSON.parse(text.replace(/"param":"immediateWithinDays"/, "")) as unknown;
    expect(changed).toBeDefined();
    const found = issuesOf({
      ...files,
      "ruleset.json": setAt(files["ruleset.json"], ["parameters", "myDays"], "fourteen"),
      "immediate-action.json": JSON.parse(
        JSON.stringify(rule).replace('"param":"immediateWithinDays"', '"param":"myDays"'),
      ),
    });
    expect(found).toContainEqual({
      path: expect.stringMatching(/value\.param$/),
      code: "value_type",
    });
  });

  it.each([
    ["urgent", "A&E", "emergency department"],
    ["urgent", "ae", "emergency department"],
    ["urgent", "aé", "emergency department"],
    ["urgent", "urgent care", "urgent care"],
    ["urgent", "discharged to GP", "discharged to gp"],
    ["safety", "Emergency Dept", "emergency dept"],
  ])(
    "refuses the %s phrase %j, which always reads as part of %j and could never flag a task",
    (list, phrase, holder) => {
      const path = `phrases.${list}[0]`;
      try {
        buildRuleset(withRuleset(["phrases", list, 0], phrase));
      } catch (error) {
        expect(error).toBeInstanceOf(RulesetError);
        const issue = (error as RulesetError).issues.find((i) => i.path === path);
        expect(issue?.code).toBe("phrase_never_matches");
        expect(issue?.message).toContain(`"${holder}"`);
        return;
      }
      throw new Error("expected the ruleset to be refused");
    },
  );

  it.each([
    ["9/a", "Results 9/a attached"],
    ["a/aé/", "Re a/aé/ from clinic"],
    ["zz, bb", "Re zz bb from clinic"],
    ["a'a/a! a", "Re a'a/a a from clinic"],
    ["urgent review", "Please arrange an urgent review"],
  ])("keeps the urgent phrase %j and flags %j for review", async (phrase, body) => {
    const ruleset = buildRuleset(withRuleset(["phrases", "urgent"], [phrase]));
    const guard = createGuard({ practice: practice as PracticePolicyInput, ruleset });
    const verdict = await guard.evaluate(task({ body }) as TaskInputRaw);
    expect(verdict.humanReview).toBe(true);
  });

  it("keeps a ruleset with an allOf phrase whose parts are all real words", () => {
    const built = buildRuleset(withRuleset(["phrases", "urgent", 0], { allOf: ["call", "today"] }));
    expect(built.phrases.urgent[0]).toEqual({ allOf: ["call", "today"] });
  });

  it("accepts an urgent phrase only if a body of its own words is flagged for review", async () => {
    const phrase = fc.string({
      unit: fc.constantFrom("a", "b", "z", "9", "'", " ", "-", "/", "*", "!", ".", ",", "é"),
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(phrase, async (text) => {
        let ruleset: ReturnType<typeof buildRuleset>;
        try {
          ruleset = buildRuleset(withRuleset(["phrases", "urgent"], [text]));
        } catch (error) {
          if (!(error instanceof RulesetError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
          expect(error.issues.every((i) => i.path === "phrases.urgent[0]")).toBe(true);
          return;
        }
        // A body of its own words, read as a body is: the phrase as written ("9/a" is one word,
        // as "12/03" is; "a/aé" reads "a", "ae" and not the service A&E); as written without the
        // punctuation that ends a clause or sentence in a body but not in a phrase ("a'a/a! a"
        // is matched in "a'a/a a"); or its words in one clause ("zz, bb" is matched in "zz bb").
        // A prefix word* is completed. Phrases split where bodies do not (spaces and hyphens),
        // so the pieces are joined by a space.
        const pieces = text
          .trim()
          .split(/[\s\-\u2010-\u2015]+/)
          .map((piece) => piece.replace(/\*+$/, "x"));
        const written = pieces.join(" ");
        const bodies = [
          written,
          written.replace(/[.!?]+(?=\s|$)/g, " ").replace(/[,;:()[\]]/g, " "),
          pieces.flatMap((piece) => words(piece)).join(" "),
        ];
        const guard = createGuard({ practice: practice as PracticePolicyInput, ruleset });
        const flagged = [];
        for (const body of bodies) {
          flagged.push((await guard.evaluate(task({ body }) as TaskInputRaw)).humanReview);
        }
        expect(flagged.includes(true), `${JSON.stringify(text)} → ${JSON.stringify(bodies)}`).toBe(
          true,
        );
      }),
      fuzz(12, 0.1),
    );
  });
});
