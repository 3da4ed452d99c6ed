import { describe, expect, it } from "vitest";
import { lexiconOf } from "../../src/facts/lexicon.js";
import { PhraseList, tokenize, words } from "../../src/facts/text.js";
import { defaultRuleset } from "../../src/rules/default.js";
import type { Phrase } from "../../src/rules/schema.js";

const NEGATORS = ["not", "non", "no", "isn't", "never"];
/** The first matching phrase of `phrases` in `body`, with negation over `window` words. */
const first = (phrases: Phrase[], body: string, window = 3) =>
  new PhraseList(phrases, { negators: NEGATORS, window }).first(tokenize(body))?.phrase;
const plain = (phrases: Phrase[], body: string) =>
  new PhraseList(phrases).first(tokenize(body))?.phrase;

describe("tokenize and words", () => {
  it("splits a body into sentences and clauses of lower-case words", () => {
    expect(tokenize("Not urgent. Please review, thanks")).toEqual({
      clauses: [["not", "urgent"], ["please", "review"], ["thanks"]],
      sentences: [[0], [1, 2]],
    });
  });

  it("ends clauses at ; : , and a spaced dash, and sentences at . ! ? and line breaks", () => {
    expect(tokenize("a; b: c - d\ne! f? g").clauses).toEqual([
      ["a"],
      ["b"],
      ["c"],
      ["d"],
      ["e"],
      ["f"],
      ["g"],
    ]);
    expect(tokenize("a; b: c - d\ne! f? g").sentences).toEqual([[0, 1, 2, 3], [4], [5], [6]]);
  });

  it("does not end a sentence at a decimal point or inside a date", () => {
    expect(tokenize("Dose 2.5mg on 23.11.2026 today").sentences).toHaveLength(1);
  });

  it("folds hyphens and slashes into spaces and keeps apostrophes, curly ones made straight", () => {
    expect(words("Non-urgent fit/sick note isn’t (needed)")).toEqual([
      "non",
      "urgent",
      "fit",
      "sick",
      "note",
      "isn't",
      "needed",
    ]);
  });
});

describe("PhraseList: words and word endings", () => {
  it("matches whole words only", () => {
    expect(plain(["ecg"], "ECG done today")).toBe("ecg");
    expect(plain(["ecg"], "the decgs were")).toBeUndefined();
    expect(plain(["urgent"], "an insurgent")).toBeUndefined();
    expect(plain(["urgent"], "please deal with this urgently")).toBeUndefined();
  });

  it("matches a trailing * as any word ending, including none", () => {
    expect(plain(["prescri*"], "Please prescribe")).toBe("prescri*");
    expect(plain(["prescri*"], "a prescription")).toBe("prescri*");
    expect(plain(["result*"], "the result")).toBe("result*");
    expect(plain(["prescri*"], "proscribed")).toBeUndefined();
  });

  it("matches a multi-word phrase only as consecutive words in one clause", () => {
    expect(plain(["fit note"], "Please issue a Fit  Note")).toBe("fit note");
    expect(plain(["fit note"], "a fit-note please")).toBe("fit note");
    expect(plain(["fit note"], "fit the note")).toBeUndefined();
    expect(plain(["fit note"], "keep fit, note this")).toBeUndefined();
    expect(plain(["fit note"], "keep fit. Note this")).toBeUndefined();
  });

  it("ignores punctuation around words", () => {
    expect(plain(["fit note"], '"Fit note" (please)')).toBe("fit note");
  });

  it("reports the first phrase in list order, not in body order", () => {
    expect(plain(["b12", "injection"], "Injection of B12 please")).toBe("b12");
  });

  it("counts distinct phrases, each once however often it appears", () => {
    const list = new PhraseList(["pain", "bp", "pulse", "missing"]);
    expect(list.count(tokenize("Pain, pain and more pain. BP 150/90, pulse 80."))).toBe(3);
    expect(list.count(tokenize("Nothing here"))).toBe(0);
  });
});

describe("PhraseList: allOf", () => {
  const clinicPrescription: Phrase[] = [{ allOf: ["clinic", "prescri*"] }];

  it("matches when every part is in one sentence, in any order, and reports the parts joined by +", () => {
    expect(plain(clinicPrescription, "Please prescribe the drug started in clinic")).toBe(
      "clinic + prescri*",
    );
  });

  it("matches parts in one sentence and the next (seen in clinic. please prescribe …)", () => {
    expect(plain(clinicPrescription, "Seen in clinic today. Please prescribe amlodipine.")).toBe(
      "clinic + prescri*",
    );
  });

  it("does not match parts two sentences apart", () => {
    expect(
      plain(clinicPrescription, "Seen in clinic today. Doing well. Please prescribe amlodipine."),
    ).toBeUndefined();
  });

  it("does not match when one part is missing", () => {
    expect(plain(clinicPrescription, "Seen in clinic today.")).toBeUndefined();
  });

  it("does not count a negated part", () => {
    expect(first(clinicPrescription, "Seen in clinic; no prescription needed")).toBeUndefined();
  });
});

describe("PhraseList: negation", () => {
  it.each([
    ["This is not urgent.", "not"],
    ["Non-urgent request.", "non- (hyphen)"],
    ["Non urgent request.", "non (space)"],
    ["This is no longer urgent.", "no longer"],
    ["It isn't urgent.", "isn't"],
    ["It isn’t urgent.", "isn’t (curly apostrophe)"],
    ["Never urgent", "never"],
    ["NOT URGENT", "capitals"],
  ])("does not count %j (%s)", (body) => {
    expect(first(["urgent"], body)).toBeUndefined();
  });

  it("negates within the window of words before the phrase, not further", () => {
    expect(first(["urgent"], "not at all urgent")).toBeUndefined();
    expect(first(["urgent"], "not really at all urgent")).toBe("urgent");
    expect(first(["urgent"], "not really at all urgent", 4)).toBeUndefined();
  });

  it("does not negate across a clause boundary", () => {
    expect(first(["urgent"], "Not sure, but this is urgent")).toBe("urgent");
    expect(first(["urgent"], "No; urgent")).toBe("urgent");
    expect(first(["urgent"], "Not me - urgent")).toBe("urgent");
  });

  it("does not negate across a sentence boundary", () => {
    expect(first(["urgent"], "It is not. Urgent review please")).toBe("urgent");
    expect(first(["urgent"], "Nothing else to add? Urgent!")).toBe("urgent");
    expect(first(["urgent"], "Not well\nurgent review")).toBe("urgent");
  });

  it("does not negate with a word after the phrase", () => {
    expect(first(["urgent"], "Urgent, not routine")).toBe("urgent");
    expect(first(["urgent"], "urgent not routine")).toBe("urgent");
  });

  it("counts a later occurrence that is not negated", () => {
    expect(first(["urgent"], "not urgent before, but today this is urgent")).toBe("urgent");
  });

  it("moves on to the next phrase when the first is negated", () => {
    expect(first(["urgent", "asap"], "Not urgent, but please act asap")).toBe("asap");
  });

  it("has no negation when the list has no negators", () => {
    expect(plain(["urgent"], "not urgent")).toBe("urgent");
  });

  it("negates a multi-word phrase as a whole", () => {
    expect(first(["chest pain"], "no chest pain")).toBeUndefined();
    expect(first(["chest pain"], "chest pain, not settling")).toBe("chest pain");
  });
});

describe("the default ruleset's phrase lists", () => {
  const lexicon = lexiconOf(defaultRuleset());
  const urgent = (body: string) => lexicon.urgent.first(tokenize(body))?.phrase;

  it.each([
    ["URGENT: please review", "urgent"],
    ["Please see ASAP", "asap"],
    ["Needs doing as soon as possible", "as soon as possible"],
    ["2WW referral", "2ww"],
    ["Two-week wait referral", "two week wait"],
  ])("finds urgent language in %j (%s)", (body, phrase) => {
    expect(urgent(body)).toBe(phrase);
  });

  it.each([
    "Not urgent.",
    "Non-urgent request for review.",
    "This is no longer urgent.",
    "Routine; nothing urgent.",
    "Less urgent than before.",
  ])("finds no urgent language in %j", (body) => {
    expect(urgent(body)).toBeUndefined();
  });

  it("is compiled once per ruleset", () => {
    expect(lexiconOf(defaultRuleset())).toBe(lexicon);
  });
});
