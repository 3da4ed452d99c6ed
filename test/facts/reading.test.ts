import { describe, expect, it } from "vitest";
import { deriveFacts } from "../../src/facts/derive.js";
import { LIST, lexiconOf } from "../../src/facts/lexicon.js";
import { Matcher } from "../../src/facts/matcher.js";
import { fold, stem, tokenStream, words } from "../../src/facts/tokens.js";
import { parsePractice } from "../../src/input/practice.js";
import { parseTask } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { practiceWith, taskWith } from "../input/helpers.js";

const ruleset = defaultRuleset();
const lexicon = lexiconOf(ruleset);
const practice = parsePractice(practiceWith());

function facts(body: string, sender: Record<string, unknown> = {}) {
  const task = parseTask(taskWith({ body, ...(Object.keys(sender).length > 0 && { sender }) }));
  return deriveFacts(task, practice, lexicon);
}

const read = (body: string) => tokenStream(body, lexicon.reading).tokens.map((t) => t.word);

describe("normalisation", () => {
  it("drops zero-width spaces, soft hyphens and bidi controls inside a word", () => {
    expect(fold("UR\u200bGE\u00adNT\u202e").text).toBe("urgent");
    expect(facts("This is UR\u200bGENT please").urgentLanguage).toBe(true);
    expect(facts("feeling sui\u00adcidal").safetyLanguage).toBe(true);
  });

  it("reads full-width letters and ligatures as plain ones", () => {
    expect(fold("ＵＲＧＥＮＴ").text).toBe("urgent");
    expect(facts("ＵＲＧＥＮＴ review please").urgentLanguage).toBe(true);
  });

  it("keeps each token's span in the original body, through folding", () => {
    const body = "ＵＲＧＥＮＴ: pls r/v";
    const stream = tokenStream(body, lexicon.reading);
    const first = stream.tokens[0];
    expect(first && body.slice(first.start, first.end)).toBe("ＵＲＧＥＮＴ");
    expect(stream.tokens.map((t) => t.word)).toEqual(["urgent", "please", "review"]);
  });

  it("reads self-harm, self harm and selfharm alike, in any form of the joined word", () => {
    for (const body of [
      "history of self-harm",
      "history of self harm",
      "history of selfharm",
      "pt has selfharmed",
      "selfharming again",
    ])
      expect(facts(body).safetyLanguage, body).toBe(true);
  });

  it("never reads a two-word phrase's joined form as a correction of it: checkinr is not checking", () => {
    const matcher = Matcher.compile([["check inr"]], lexicon.reading);
    expect(matcher.scan(tokenStream("please check U&E", lexicon.reading))).toEqual([]);
    expect(matcher.scan(tokenStream("please check INR", lexicon.reading))).toHaveLength(1);
  });

  it("reads a word spelled out in capitals, as speech recognition writes it, as one word", () => {
    const words = (body: string) => tokenStream(body, lexicon.reading).tokens.map((t) => t.word);
    expect(words("Seen in T I A clinic, no G P action")).toEqual(
      words("Seen in TIA clinic, no GP action"),
    );
    // Not a clinical abbreviation's letters, nor the pronoun after a capital.
    expect(words("O/E R foot cool")).toContain("r");
    expect(words("the U&E I took")).toContain("i");
    expect(words("vitamin D I checked")).toEqual(["vitamin", "d", "i", "checked"]);
    // Nor an initial before a result's "K+": "Mr H K+ 6.8" is a potassium of 6.8.
    expect(words("Mr H K+ 6.8 on bloods")).toEqual(["mr", "h", "potassium", "6.8", "on", "bloods"]);
    expect(facts("Mr H K+ 6.8 on bloods taken yesterday. Pls action").safetyLanguage).toBe(true);
  });

  it("reads a dropped g as the -ing word the ruleset knows ('wantin'), not a word it knows as written", () => {
    expect(read("not wantin to be here")).toEqual(read("not wanting to be here"));
    expect(
      facts("pts mum rang, says hes talkin about not wantin to be here anymore").safetyLanguage,
    ).toBe(true);
    // A word the ruleset knows as written stays itself.
    expect(read("insulin within")).toEqual(["insulin", "within"]);
  });

  it("reads an arrow between values as the word 'to', so a value before it is an earlier one", () => {
    for (const arrow of ["->", "-->", "=>", "\u2192"])
      expect(read(`K 5.1 ${arrow} 6.8`)).toEqual(["potassium", "5.1", "to", "6.8"]);
    // A creatinine trebled and an eGFR fallen by two thirds, told with arrows, are critical.
    expect(facts("creat 104 -> 298 in 3/52").safetyLanguage).toBe(true);
    expect(facts("eGFR 61 \u2192 19 since the CT").safetyLanguage).toBe(true);
    expect(facts("creat 104 -> 108 in 3/52").safetyLanguage).not.toBe(true);
  });

  it("reads punctuation spoken into dictation as the mark, and the same words otherwise as words", () => {
    const dictated = tokenStream(
      "seen in clinic this morning comma HbA1c 78 full stop please could you prescribe",
      lexicon.reading,
    );
    expect(dictated.tokens.map((t) => t.word)).not.toContain("comma");
    expect(dictated.tokens.map((t) => t.word)).not.toContain("stop");
    expect(dictated.sentences).toHaveLength(2);
    expect(dictated.clauses).toHaveLength(3);
    // "the morning" and "please prescribe" are in different sentences, as if typed with a "."
    const typed = tokenStream(
      "seen in clinic this morning, HbA1c 78. please could you prescribe",
      lexicon.reading,
    );
    expect(dictated.tokens.map((t) => [t.word, t.clause, t.sentence])).toEqual(
      typed.tokens.map((t) => [t.word, t.clause, t.sentence]),
    );
    // Only the pair is a mark: "full" and "stop" alone, or apart, are words.
    expect(read("full blood count, stop the ramipril")).toEqual([
      "full",
      "blood",
      "count",
      "stop",
      "the",
      "ramipril",
    ]);
    expect(tokenStream("full, stop", lexicon.reading).tokens.map((t) => t.word)).toEqual([
      "full",
      "stop",
    ]);
  });

  it("folds possessives and plurals: TTO's, TTOs and TTO", () => {
    expect(read("TTO's")).toEqual(read("TTOs"));
    expect(read("TTOs")).toEqual(read("TTO"));
    expect(stem("results")).toBe(stem("result"));
    expect(stem("referred")).toBe(stem("refer"));
  });

  it("expands clinical shorthand from the ruleset's lexicon", () => {
    expect(read("pls r/v pt, d/c'd")).toEqual(["please", "review", "patient", "discharged"]);
    expect(read("?PE")).toEqual(["query", "pulmonary", "embolism"]);
  });

  it("reads a compound the lexicon does not know as its parts, each with its own shorthand", () => {
    expect(read("needs a med3/fitnote")).toEqual(["needs", "a", "fit", "note", "fit", "note"]);
    expect(read("pt/daughter")).toEqual(["patient", "daughter"]);
    expect(read("U+E")).toEqual(read("U&E"));
    expect(read("FBC+U&E")).toEqual(["full", "blood", "count", "urea", "and", "electrolytes"]);
  });

  it("joins letters across a plus sign, never a result's value: K+6.9 is potassium 6.9", () => {
    expect(read("K+6.9")).toEqual(read("K+ 6.9"));
    expect(facts("K+6.9 on bloods today").safetyLanguage).toBe(true);
  });

  it("reads a contraction that folds into a real word as its two words", () => {
    // "we'll" is not "well", "I'll" not "ill", "I'm" not "IM" (intramuscular).
    expect(read("we'll see her")).toEqual(["we", "will", "see", "her"]);
    expect(read("I'm worried")).toEqual(["i", "am", "worried"]);
    expect(read("healing well")).toEqual(["healing", "well"]);
    expect(facts("Please check her bloods as well this week").dueOn).toBeDefined();
  });

  it("reads an earlier value of a result restated after it, and passes over a period before it", () => {
    expect(facts("Pls repeat Na in 1/52 - 126 on d/c (was 119 on admission).").safetyLanguage).toBe(
      true,
    );
    expect(facts("K+ 5.1 (prev 6.9)").safetyLanguage).toBe(true);
    // Another analyte's value is not an earlier value of the first.
    expect(facts("K 4.5, Na 136, urea 7.2, creat 110, was 98").safetyLanguage).toBe(false);
  });

  it("reads a change from an earlier value past the entry's limit (acute kidney injury)", () => {
    expect(facts("creat 210 (base 80), dizzy when standing").safetyLanguage).toBe(true);
    expect(facts("eGFR now 38 (baseline 62) after contrast").safetyLanguage).toBe(true);
    // A smaller change, or one with no change limit (potassium), is not.
    expect(facts("creat 130 (baseline 110)").safetyLanguage).toBe(false);
    expect(facts("eGFR 52 (baseline 60)").safetyLanguage).toBe(false);
    expect(facts("K+ 5.2 (was 3.9)").safetyLanguage).toBe(false);
  });

  it("ends the search for a value at another analyte's name", () => {
    // A weight a sixth below an earlier one is critical, but not a weight before a creatinine.
    expect(facts("weight 47.2kg, down from 58kg in April").safetyLanguage).toBe(true);
    expect(facts("weight 82kg, creat was 140 last month").safetyLanguage).toBe(false);
    // A dose in milligrams is not a magnesium's value ("mg"), nor the phosphate's its own.
    expect(facts("Monofer 1000mg given 2/52 ago, phosphate now 0.35").safetyLanguage).toBe(false);
    expect(facts("Monofer 1000mg given 2/52 ago, phosphate now 0.31").safetyLanguage).toBe(true);
  });

  it("reads an earlier value in brackets after the first, not a reference range", () => {
    expect(facts("eGFR 24 (38 in July), K+ 5.4. Please stop ramipril").safetyLanguage).toBe(true);
    expect(facts("creat 180 (110 in May), please repeat U&E").safetyLanguage).toBe(true);
    expect(facts("creat 180 (60-110), please repeat U&E").safetyLanguage).toBe(false);
  });

  it("reads 'before the weekend' by the calendar, not as urgency on any day", () => {
    const on = (sentAt: string) =>
      deriveFacts(
        parseTask(taskWith({ body: "pls action before the weekend", sentAt })),
        practice,
        lexicon,
      );
    expect(on("2026-11-20T10:00:00Z").daysUntilDue).toBe(0);
    expect(on("2026-11-16T10:00:00Z").daysUntilDue).toBe(4);
    expect(on("2026-11-16T10:00:00Z").urgentLanguage).not.toBe(true);
  });

  it("reads a value told a few words before 'ago' as an earlier one", () => {
    expect(facts("eGFR 18 on recheck, 44 a fortnight ago. still on metformin").safetyLanguage).toBe(
      true,
    );
    expect(facts("eGFR 40 on recheck, 44 a fortnight ago, please repeat").safetyLanguage).toBe(
      false,
    );
    expect(facts("eGFR 18, 3 weeks ago was 44").safetyLanguage).toBe(true);
  });

  it("reads a later value after an earlier one: from 90 to 310, 61 (Aug) now 18", () => {
    expect(facts("Creatinine gone from 90 to 310 in 3 weeks").safetyLanguage).toBe(true);
    expect(facts("eGFR 61 (Aug) now 18, on ramipril").safetyLanguage).toBe(true);
    expect(facts("creatinine from 100 to 120, recheck").safetyLanguage).toBe(false);
    expect(facts("INR target 2.5 to 3.5").safetyLanguage).toBe(false);
  });

  it("reads a number written in words after its test: 'INR eight point six'", () => {
    expect(facts("Coag lab phoned: INR eight point six").safetyLanguage).toBe(true);
    expect(facts("Sodium one hundred and twelve, phoned by the lab").safetyLanguage).toBe(true);
    expect(facts("sats eighty five on air").safetyLanguage).toBe(true);
    expect(facts("sats ninety five on air").safetyLanguage).toBe(false);
    expect(facts("INR two point five, next check in two weeks").safetyLanguage).toBe(false);
    // One word alone is a count, not a value: "INR in two weeks".
    expect(facts("glucose two").safetyLanguage).toBe(false);
  });

  it("reads a run of later values to its last: 102 -> 88 -> 69, 128 > 121 > 117", () => {
    expect(facts("Hb drifting down 102 -> 88 -> 69 on the last 3 sets").safetyLanguage).toBe(true);
    expect(facts("Sodium has gone 128 > 121 > 117 in ten days").safetyLanguage).toBe(true);
    expect(facts("Sodium 131 > 129 > 127, recheck in a month").safetyLanguage).toBe(false);
    // A sign is a later value's only straight after a value: a limit is not a result.
    expect(facts("repeat U&E, stop if K+ >6 or creat rise >30%").safetyLanguage).toBe(false);
  });

  it("reads a later value past the dates of a series: 128 on 14/11 then 119 on 16/11", () => {
    expect(facts("Na 128 on 14/11 then 119 on 16/11.").safetyLanguage).toBe(true);
    expect(facts("Hb 74 on 24/10 and 58 on 14/11, on rivaroxaban").safetyLanguage).toBe(true);
    expect(facts("Na 131 on 14/11 then 129 on 16/11.").safetyLanguage).toBe(false);
    // A first value is still read only near its name: no date carries the search to a ward.
    expect(facts("fitnote for 3/52 - had lap appendix 21/10 on ward 70").safetyLanguage).toBe(
      false,
    );
  });

  it("reads a score written against its maximum as the score, not a date: SAD PERSONS 8/10", () => {
    expect(facts("Liaison psych in ED, SAD PERSONS 8/10, home 02:00").safetyLanguage).toBe(true);
    expect(facts("qSOFA 2/3 on arrival, sent to ED").safetyLanguage).toBe(true);
    expect(facts("4AT 6/12 on the ward round").safetyLanguage).toBe(true);
    expect(facts("SAD PERSONS 3/10, qSOFA 1/3, 4AT 2/12").safetyLanguage).toBe(false);
    // Another fraction is still a day and month: "on 8/10" is a date, not a score of 8.
    expect(facts("SAD PERSONS done on 8/10, score 2").safetyLanguage).toBe(false);
  });

  it("reads OD as an overdose, but not after a dose (once daily)", () => {
    expect(facts("Pt took an OD last night").safetyLanguage).toBe(true);
    expect(facts("omeprazole 20mg OD").safetyLanguage).toBe(false);
    expect(facts("lansoprazole 30mg bd x8 weeks then OD").safetyLanguage).toBe(false);
    expect(facts("pls start doxycycline 40mg MR od for 3/12").safetyLanguage).toBe(false);
    expect(facts("nifedipine 30mg XL OD").safetyLanguage).toBe(false);
    // A date before it is no dose.
    expect(facts("ED attendance 01/11 - OD of 30 x paracetamol").safetyLanguage).toBe(true);
    // Nor is an age ("66M", "15yo"), though a bare number is.
    expect(facts("66M OD own tamsulosin, intentional").safetyLanguage).toBe(true);
    expect(facts("15yo OD on her sertraline").safetyLanguage).toBe(true);
    expect(facts("amlodipine 10 OD").safetyLanguage).toBe(false);
  });

  it("reads a short misspelt word only as a word of the safety lists", () => {
    // "sespis" is one slip from "sepsis", a word only the safety lists use.
    expect(read("?sespis")).toEqual(["query", "sepsis"]);
    expect(facts("concerns re self neglcet").safetyLanguage).toBe(true);
    // A real word stays as written, and a slip is not read as a word the asks use ("clinc").
    expect(read("angina")).toEqual(["angina"]);
    expect(read("statin")).toEqual(["statin"]);
    expect(read("clonic")).toEqual(["clonic"]);
  });

  it("corrects curated misspellings and, on long words, one slip of the keyboard", () => {
    expect(read("perscription")).toEqual(["prescription"]);
    expect(read("dischagred")).toEqual(read("discharged"));
    // A real word one letter from a known one is left alone.
    expect(read("deferred")).toEqual(["deferred"]);
  });

  it("corrects a slip one letter from two forms of one word", () => {
    // "prescibed" is one letter from both "prescribe" and "prescribed": one word, so read.
    expect(read("prescibed").map(stem)).toEqual([stem("prescribed")]);
    // A real word one letter from a new phrase's word stays as written (spellingExceptions).
    expect(read("reduction")).toEqual(["reduction"]);
    expect(facts("needs 2 more weeks of antibiotics prescibed by GP please").actionRequested).toBe(
      true,
    );
  });

  it("reads a contraction with or without its apostrophe alike", () => {
    expect(read("can't go on")).toEqual(read("cant go on"));
    expect(facts("says he cant go on like this").safetyLanguage).toBe(true);
    expect(facts("doesnt want a referral, no suicidal thoughts").safetyLanguage).toBe(false);
  });

  it("reads a sign with its word where the lexicon has the pair: +ve, -ve", () => {
    expect(read("cultures +ve, CLO -VE")).toEqual(["cultures", "positive", "clo", "negative"]);
    // Elsewhere a sign is punctuation, and a spaced dash still ends a clause.
    expect(read("K+ 6.8 - x -1")).toEqual(["potassium", "6.8", "x", "1"]);
    expect(facts("diagnosed with smear +ve TB, for info").safetyLanguage).toBe(true);
  });

  it("reads a negative contraction as its two words, so one phrase serves every spelling", () => {
    for (const written of ["hasn't", "hasnt", "has not"])
      expect(read(`${written} had his clozapine for 4 days`)).toEqual(
        read("has not had his clozapine for 4 days"),
      );
    expect(read("cannot")).toEqual(read("can't"));
    expect(read("won't")).toEqual(["will", "not"]);
    expect(facts("hasn't had his clozapine for 4 days").safetyLanguage).toBe(true);
    expect(facts("isnt suicidal and doesn't want a referral").safetyLanguage).toBe(false);
  });

  it("matches an =word as read, not by its stem: bloods are not the blood of blood pressure", () => {
    const matcher = Matcher.compile([["recheck =bloods", "recheck bloods"]], lexicon.reading);
    const found = (body: string) =>
      matcher.scan(tokenStream(body, lexicon.reading)).map((m) => m.phrase);
    expect(found("pls recheck bloods in 2/52").sort()).toEqual([0, 1]);
    expect(found("pls recheck BP in 2/52")).toEqual([1]);
    expect(facts("Please can GP recheck BP in 3/52.").category).not.toBe("act-on-results");
  });

  it("reads 'if' meaning 'whether' as no condition on what follows", () => {
    const body = "need to know if pt on any anticoagulants, pls reply today";
    expect(facts(body).urgentLanguage).toBe(true);
    expect(facts("if no better, please review today").dueSoon).not.toBe(true);
  });

  it("bounds a word's matching steps by the edges one token can follow together", () => {
    // Twenty phrases under "run" and twenty under "arrange": no word is read as both, so the
    // bound is one subtree's, not the two costliest added together.
    const tails = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const one = Matcher.compile([tails.map((t) => `run ${t}`)], lexicon.reading);
    const both = Matcher.compile(
      [[...tails.map((t) => `run ${t}`), ...tails.map((t) => `arrange ${t}`)]],
      lexicon.reading,
    );
    expect(both.worstSteps).toBe(one.worstSteps);
    // A word as read ("=results") and its stem ("result") are both followed: their costs add.
    const word = Matcher.compile([tails.map((t) => `=results ${t}`)], lexicon.reading);
    const pair = Matcher.compile(
      [[...tails.map((t) => `=results ${t}`), ...tails.map((t) => `result ${t}`)]],
      lexicon.reading,
    );
    expect(pair.worstSteps).toBeGreaterThan(word.worstSteps);
  });

  it("keeps a word group's hyphenated name whole in a phrase", () => {
    const groups = { "key-med": ["insulin", "epilepsy medication"] };
    const matcher = Matcher.compile([["ran out of {key-med}"]], lexicon.reading, groups);
    const found = (body: string) => matcher.scan(tokenStream(body, lexicon.reading)).length;
    expect(found("has ran out of epilepsy medication")).toBe(1);
    expect(found("ran out of insulin on sat")).toBe(1);
    expect(found("ran out of cream")).toBe(0);
  });

  it("reads safety described in everyday words, not only named", () => {
    for (const body of [
      "pt took 30 x sertraline last night",
      "has not had her clozapine for 4 days",
      "found on the floor by carer, ?long lie",
      "says he wants to go to sleep and not wake up",
      "bruises on her arms she could not explain",
      "obs: RR 32, sats 91%",
      "vomiting coffee ground material",
      "wife says his face dropped on one side and his words were jumbled",
      "client says he has been saving up his tablets",
      "resident not making any sense today, NEWS2 score of 6",
    ])
      expect(facts(body).safetyLanguage, body).toBe(true);
    expect(facts("punch biopsy normal, please inform pt").safetyLanguage).toBe(false);
  });

  it("splits words as bodies are split, for phrase checks", () => {
    expect(words("TTO's, self-harm")).toEqual(["tto", "self", "harm"]);
  });

  it("reads a number and its unit written together as two words, from the ruleset's units", () => {
    expect(read("naproxen 500mg bd")).toEqual(["naproxen", "500", "mg", "twice", "daily"]);
    expect(read("10mg/24h")).toEqual(["10", "mg"]);
    // A unit the ruleset does not list is left as written.
    expect(read("500zz")).toEqual(["500zz"]);
    // So a critical result written with its unit is read too.
    expect(facts("K+ 6.9mmol/L on repeat").safetyLanguage).toBe(true);
  });

  it("reads a co- drug as a drug, not 'complaining of'", () => {
    expect(read("co-amoxiclav")).toEqual(["co", "amoxiclav"]);
  });
});

describe("context", () => {
  it("takes an ask back only with a negation straight after it, not the news it asks to pass on", () => {
    expect(facts("Could the surgery let Mrs Ashby know her HLA-B27 is negative?").category).toBe(
      "results-to-patient",
    );
    expect(facts("Referral to ENT not needed").category).not.toBe("onward-referral");
  });

  it("reads 'please ignore the task sent earlier' as asking nothing", () => {
    expect(
      facts("sorry wrong patient - please ignore the task sent earlier today").actionRequested,
    ).toBe(false);
    expect(facts("please review the task sent earlier today").actionRequested).toBe(true);
  });

  it("reads a clause that opens with a past verb as a report, though its sentence asks", () => {
    const f = facts("Pls refer to TIA clinic within 24h, started aspirin 300mg.", {
      kind: "nhs-provider",
      unit: "TIA clinic",
    });
    expect(f.requests).toEqual(["onward-referral"]);
  });

  it("goes on with a clause after a parenthesis: prescribe a rescue pack (pred 5/7) today", () => {
    const f = facts("Please could GP prescribe rescue pack (pred 30mg 5/7 + doxy) today");
    expect(f.dueText).toBe("today");
    expect(f.dueSoon).toBe(true);
  });

  it("reads a question to the practice as an ask: are you happy to check her INR on 4/1?", () => {
    expect(
      facts("Pt on warfarin - are you happy to check her INR on 4/1 ahead of the procedure?")
        .actionRequested,
    ).toBe(true);
  });

  it("reads a question naming who is asked as an ask: could reception book her in, can this be actioned", () => {
    for (const body of [
      "Could reception book her in for a smear",
      "can this be actioned before Friday",
      "Would Dr Patel be able to review her BP meds",
      "Can repeat lipids be booked for next week",
      "Pt seen in clinic, can he have a B12 injection booked",
    ])
      expect(facts(body).actionRequested, body).toBe(true);
    // A verb straight after the modal, a negator, or a pseudo-trigger is a statement.
    for (const body of [
      "Can mobilise with frame. Will review in clinic in 6/52.",
      "Can be discharged home once bloods are back.",
      "Could not contact pt by phone.",
      "Discharged from audiology, can self refer for repairs.",
    ])
      expect(facts(body).actionRequested, body).toBe(false);
  });

  it("reads a question later in its clause when one who may be asked follows the modal", () => {
    expect(
      facts("Not urgent - when someone has a minute could they add Cetraben cream to his repeats")
        .category,
    ).toBe("prescription-request");
    // The one after a modal later in a clause must be one who may be asked: "he can" reports.
    for (const body of [
      "Pt seen today, he can mobilise with a frame and can go home",
      "Reviewed in clinic where we could see no cause",
    ])
      expect(facts(body).actionRequested, body).toBe(false);
  });

  it("reads the need told just before an ask that names nothing: has run out of X. Please send it", () => {
    const f = facts(
      "Pt has run out of her lactulose, it wasnt on the last cycle. Please can you send it over to the chemist.",
    );
    expect(f.category).toBe("prescription-request");
    expect(f.actionRequested).toBe(true);
  });

  it("goes on with a list split by commas after an ask: recheck LFTs, HBsAg, HCV ab in 2/52", () => {
    const asked =
      "GP to recheck LFTs, HBsAg, HCV ab in 2/52 and send results to us for next clinic";
    expect(facts(asked).dueOn).toBeDefined();
    // A clause that opens with a verb in the past reports what was done.
    expect(facts("compression hosiery class 2 pls, measured today").dueOn).toBeUndefined();
  });

  it("reads a clause that opens with a day as going on with the ask before it", () => {
    const f = facts(
      "Please can the practice issue a prescription for Creon 25000, 2 caps with meals, today so she can collect it",
    );
    expect(f.dueSoon).toBe(true);
    // A day opening a clause after a statement is when it happened.
    expect(facts("Seen in clinic, bloods taken, today we started ramipril").dueSoon).not.toBe(true);
  });

  it("counts only an explicit ask in a task that says it asks nothing (nothingAsked)", () => {
    const ward = { organisation: "Hull Trust", unit: "Ward 5", kind: "nhs-provider" };
    // The letter's own plan in imperatives, then "No GP actions required": no ask.
    const letter =
      "Plan: continue sertraline 100mg OD, review in clinic. Follow up: none routinely. No GP actions required.";
    expect(facts(letter, ward).actionRequested).toBe(false);
    // An explicit ask still counts: "Please let pt know ... No further action needed".
    const asks = facts(
      "Histology BCC completely excised. Please let patient know. No further action needed.",
      ward,
    );
    expect(asks.category).toBe("results-to-patient");
  });

  it("reads a context word that is a sentence on its own as saying nothing of where", () => {
    const clinic = { organisation: "Hull Trust", unit: "Breast Clinic", kind: "nhs-provider" };
    const body = (end: string) =>
      `Seen in breast clinic. Cyclical mastalgia, triple assessment normal. ${end} GP please prescribe diclofenac gel`;
    // "Discharged." alone closes a clinic letter: a prescription after the clinic.
    expect(facts(body("Discharged."), clinic).category).toBe("prescription-after-clinic");
    // Discharged from somewhere is a discharge.
    expect(facts(body("Discharged from the ward today."), clinic).category).toBe(
      "prescription-after-discharge",
    );
  });

  it("reads an ask that no phrase names by the words of what it is about (askWords)", () => {
    const carer = { organisation: "Sunnyside Care Home", unit: "Sunnyside", kind: "social-care" };
    const read = (body: string) => facts(body, carer).category;
    expect(
      read("pt asking for her omeprazole, not come through on EPS yet. Pls can you send"),
    ).toBe("prescription-request");
    expect(read("Fell in the night, seems his usual self. Can a GP advise")).toBe("clinical-work");
    expect(read("who is listed as NOK for this pt? could u confirm pls")).toBe("admin");
    // A medicine named in a task that asks is a prescription asked for (`wordGroups.medicine`).
    expect(read("BP 182/104 on repeat. Can you add amlodipine?")).toBe("prescription-request");
    expect(read("Pls can you sort her Ozempic, still out of stock")).toBe("prescription-request");
    // Beside a category that asks nothing, a word where the task asks still tells the ask.
    const mh = { organisation: "Hull CMHT", unit: "CMHT West", kind: "nhs-provider" };
    expect(
      facts(
        "Pt's fitnote runs out Fri. She remains unfit for work. Consultant agrees. Pls can GP extend 6/52",
        mh,
      ).category,
    ).toBe("fit-note");
    // Not beside words that say nothing is asked.
    expect(read("INR 8.4, warfarin withheld. Repeat INR Thurs in our clinic. For info only")).toBe(
      "information",
    );
    // The words alone ask nothing; a task that asks nothing stays information.
    expect(read("Her repeat prescription was collected today.")).toBe("information");
    // The evidence names the word it was read from.
    const f = facts("Dentist asks if still on alendronic acid. Can you confirm please", carer);
    expect(f.category).toBe("admin");
    expect(f.evidence.find((e) => e.fact === "category")?.entry).toBe("confirm");
  });

  it("rules a category out by its notWhen words: a result of a test the practice requested is its own", () => {
    const sender = { organisation: "Hull Trust", unit: "Radiology", kind: "nhs-provider" };
    expect(
      facts("CT report back showing a renal cyst. Please action the result", sender).category,
    ).toBe("act-on-results");
    expect(
      facts("CT requested by your practice: renal cyst. Please action the result", sender).category,
    ).not.toBe("act-on-results");
  });

  it("rules a category out by notWhen words that are a sentence of their own: Discharged from INR monitoring.", () => {
    const clinic = {
      organisation: "Hull Trust",
      unit: "Anticoagulation Clinic",
      kind: "nhs-provider",
    };
    const body = (end: string) =>
      `Pt d/c today on edoxaban 60mg OD. GP please continue edoxaban on repeat. ${end}`;
    expect(facts(body("Discharged."), clinic).category).toBe("prescription-after-discharge");
    expect(facts(body("Discharged from INR monitoring."), clinic).category).not.toBe(
      "prescription-after-discharge",
    );
  });

  it("does not read 'recent' as the done-word 'recently': send us his recent medication list", () => {
    expect(facts("Please send us the patient recent medication list").category).toBe("admin");
  });

  it("ends reported advice's reach with its clause: advised to see GP - please could you refer", () => {
    expect(facts("Advised to see GP - please could you refer to ENT").category).toBe(
      "onward-referral",
    );
    expect(facts("Advised to see GP for referral to ENT").category).not.toBe("onward-referral");
  });

  it("reads a negator straight after the asking word as taking the ask back: GP need not act", () => {
    expect(
      facts("Tacrolimus level high, dose reduced by us. GP need not act.").actionRequested,
    ).toBe(false);
    expect(facts("GP need to act on the tacrolimus level").actionRequested).toBe(true);
  });

  it("keeps what a task says it is inside a condition, not an ask: FYI in case he attends", () => {
    expect(facts("FYI in case she rings the surgery.").category).toBe("information");
    expect(facts("If symptoms worsen GP may wish to refer to ENT").category).not.toBe(
      "onward-referral",
    );
  });

  it("reads a participle that says an ask is done as written, not by its stem: post op is not posted", () => {
    expect(facts("Fit note requested 8/52 post hip replacement").category).toBe("fit-note");
    expect(facts("Fit note posted to the patient").category).not.toBe("fit-note");
  });

  it("does not correct a real word into another: attached is not attacked, homeless is not hopeless", () => {
    expect(read("list attached")).toEqual(["list", "attached"]);
    expect(read("homeless")).toEqual(["homeless"]);
    // Real words the labelled tasks use, each one edit from a word the lists know, read as
    // written: snacks are not smacks, herpes zoster is not "theres foster", reflux is not reflex.
    const asWritten = [
      "manager",
      "hostel",
      "spacer",
      "spring",
      "reflux",
      "warden",
      "secure",
      "snacks",
      "snoring",
      "typical",
      "serous",
      "fibroids",
      "appeal",
      "lodger",
      "contracted",
      "conclusion",
      "carrier",
      "colonic",
      "variant",
      "herpes",
      "zoster",
      "pickles",
      "wedding",
      "blocker",
      "sedating",
      "casually",
      "radiation",
      "storage",
      "inserted",
      "sought",
    ];
    expect(asWritten.filter((w) => read(w).join(" ") !== w)).toEqual([]);
    // A name inside its clause is read as written: Mr Sugden is not sudden, a Carewell
    // appointment is no farewell, Dr Pogson is no poison; the same word in lower case is
    // still a misspelling of its near word.
    expect(read("Please call Mr Sugden re his Carewell appt with Dr Pogson")).toEqual(
      expect.arrayContaining(["sugden", "carewell", "pogson"]),
    );
    expect(facts("Mrs Pogson's repeat please, and Mr Carewell's").safetyLanguage).toBe(false);
    // A disease's name is no chest pain: "Cushing's" is not "crushing".
    expect(read("cushing")).toEqual(["cushing"]);
    expect(
      facts("Cushing's disease, awaiting surgery. GP to provide fit note 3/12").safetyLanguage,
    ).toBe(false);
    expect(
      facts("Care home: monthly weights attached for all residents, for your records.")
        .safetyLanguage,
    ).toBe(false);
  });

  it("does not read a negated or denied safety term: no safeguarding concerns, denies SI", () => {
    expect(facts("No safeguarding concerns.").safetyLanguage).toBe(false);
    expect(facts("Denies suicidal ideation.").safetyLanguage).toBe(false);
    expect(facts("CTPA negative for PE.").safetyLanguage).toBe(false);
  });

  it("keeps a safety term that a negator does not govern", () => {
    expect(facts("Not coping at home and thoughts of suicide").safetyLanguage).toBe(true);
    expect(facts("says she doesn't want to be here anymore").safetyLanguage).toBe(true);
  });

  it("does not read a service's name as urgency", () => {
    const f = facts("Seen at the Urgent Treatment Centre yesterday. For info.");
    expect(f.urgentLanguage).toBe(false);
  });

  it("does not read a pseudo-trigger as its trigger: prompting is not promptly", () => {
    expect(facts("Needs prompting with medication by carers.").urgentLanguage).toBe(false);
    expect(facts("Please review promptly.").urgentLanguage).toBe(true);
  });

  it("does not read a crisis already met, or a task sent to the wrong record, as its trigger", () => {
    expect(facts("pt placed in emergency respite at Oakwood, settled").urgentLanguage).toBe(false);
    expect(facts("wife admitted. emergency respite needed").urgentLanguage).toBe(true);
    expect(facts("Task sent in error - wrong patient. Please disregard.").safetyLanguage).toBe(
      false,
    );
    expect(
      facts("the letter filed in her notes belongs to a different patient").safetyLanguage,
    ).toBe(true);
  });

  it("reads a culture resistant to the antibiotic the patient is taking now", () => {
    const taking = "Urine grew E. coli RESISTANT trimethoprim, pt currently on trimethoprim.";
    expect(facts(taking).safetyLanguage).toBe(true);
    expect(
      facts("E. coli resistant to trimethoprim, sensitive to nitrofurantoin").safetyLanguage,
    ).toBe(false);
  });

  it("reads a result's value after the service or message that sent it", () => {
    // "anticoag" and "text" stand between the test and its value: an INR of 9.1 is critical.
    expect(facts("INR result from anticoag text: 9.1 yesterday. Pls advise?").safetyLanguage).toBe(
      true,
    );
    expect(facts("INR result from anticoag text: 2.6 yesterday").safetyLanguage).toBe(false);
  });

  it("does not read 'discharged to GP' from a clinic as a discharge from hospital", () => {
    const f = facts("Cardiology OPD. GP to start apixaban 5mg bd. Discharged to GP.", {
      kind: "nhs-provider",
    });
    expect(f.category).toBe("prescription-after-clinic");
    expect(f.requests).not.toContain("prescription-after-discharge");
  });

  it("reads a later clause that opens with an imperative as part of the ask", () => {
    const f = facts("Please prescribe oramorph (for pain) and complete the DNACPR this week.");
    expect(f.dueText).toBe("this week");
  });

  it("reads 2WW as urgency for the practice only where the task asks, and as a safety word anywhere", () => {
    const asked = facts("Please refer under 2WW for the neck lump");
    expect(asked.urgentLanguage).toBe(true);
    expect(asked.urgentPhrase).toBe("two week wait");
    const told = facts("Seen in 2WW breast clinic, simple cyst aspirated, discharged");
    expect(told.urgentLanguage).toBe(false);
    expect(told.safetyLanguage).toBe(true);
  });

  it("reads an imperative straight after an asking clause and a comma as an ask of its own", () => {
    expect(facts("GP to withhold MTX, repeat LFTs next week and inform the pt").dueText).toBe(
      "next week",
    );
  });

  it("reads the last items of a list after a comma as part of the ask: BP recheck, bloods and ECG", () => {
    expect(facts("Please arrange BP recheck, bloods and ECG this week").dueText).toBe("this week");
    // An item with its dose is three words before the joiner: "ramipril 2.5mg and".
    expect(
      facts("Please can GP issue bisoprolol 2.5mg, ramipril 2.5mg and furosemide 40mg today")
        .dueText,
    ).toBe("today");
    // A clause that opens with "and" is a clause of its own, not a list's end.
    expect(
      facts("Please review her meds, and her daughter visits next week").dueText,
    ).toBeUndefined();
  });

  it("reads urgency inside an ask as urgent, whatever else the clause says was done", () => {
    // "recent" says what was done elsewhere; "ASAP" qualifies the ask.
    expect(
      facts("Pls send current repeat list and any recent acute meds ASAP.").urgentLanguage,
    ).toBe(true);
    // A hypothetical straight after does not reach back across "and".
    expect(facts("Pls contact pt urgently and advise to attend ED.").urgentLanguage).toBe(true);
  });

  it("does not read a statement of what was done as an ask", () => {
    const f = facts("Fit note issued for 2 weeks. TTOs supplied.", { kind: "nhs-provider" });
    expect(f.requests).not.toContain("fit-note");
    expect(f.requests).not.toContain("prescription-after-discharge");
  });

  it("does not read a hypothetical as an ask", () => {
    const f = facts("If symptoms persist GP may wish to refer to ENT.");
    expect(f.requests).not.toContain("onward-referral");
  });

  it("ends a hypothetical's reach at a terminator such as 'but'", () => {
    const f = facts("We have said she rings 111 if worse but please could GP see her today");
    expect(f.category).toBe("clinical-work");
    expect(
      facts("We have said she rings 111 if worse and GP may wish to see her").category,
    ).not.toBe("clinical-work");
  });

  it("ends a hypothetical's reach at a spaced dash before an ask of its own", () => {
    const f = facts(
      "She can't come back to nursery unless we have the signed form - can the GP sort this today please",
    );
    expect(f.actionRequested).toBe(true);
    expect(f.daysUntilDue).toBe(0);
    // Without the dash the condition still reaches the ask.
    expect(facts("If no better in 2 weeks please refer to ENT").requests).not.toContain(
      "onward-referral",
    );
  });

  it("does not read a condition word inside a safety phrase as a condition", () => {
    // "in case" in "just in case medication" is no hypothetical: the prescription is asked.
    expect(facts("Could the practice please prescribe just in case meds").requests.length).toBe(1);
  });

  it("reads 'grateful if' as a request, not a condition", () => {
    const f = facts(
      "Discharged today. We would be grateful if you could prescribe further supply.",
    );
    expect(f.category).toBe("prescription-after-discharge");
  });

  it("reads a lead such as 'Actions for GP:' into the lines below it", () => {
    const f = facts("Actions for GP:\nrepeat U&E in 2/52");
    expect(f.category).toBe("act-on-results");
  });
});

describe("contract work from contract senders", () => {
  it.each([
    ["GP to refer to ENT", "onward-referral"],
    ["please request USS abdo", "onward-referral"],
    ["d/c'd today, pls prescribe TTOs", "prescription-after-discharge"],
    ["Seen in clinic. GP to start amlodipine 5mg", "prescription-after-clinic"],
    ["please issue fitnote 2/52", "fit-note"],
    ["bloods from clinic: pls inform pt of results", "results-to-patient"],
    ["LFTs deranged on our bloods, GP to action", "act-on-results"],
    ["Seen in clinic, started clopidogrel 75mg OD. GP to continue.", "prescription-after-clinic"],
    ["OOH: given naproxen 500mg bd, pls can GP continue naproxen", "prescription-after-clinic"],
    [
      "d/c'd today with 7 days co-amoxiclav. Please issue further 5 weeks",
      "prescription-after-discharge",
    ],
  ])("reads %j as %s", (body, category) => {
    expect(facts(body, { kind: "nhs-provider" }).requests).toContain(category);
  });

  it("reads the same ask from a sender outside the Standard Contract as delegated work", () => {
    expect(facts("please refer to ENT", { kind: "pharmacy" }).category).toBe("referral-request");
    expect(facts("pls prescribe TTOs, d/c today", { kind: "social-care" }).category).toBe(
      "prescription-request",
    );
  });

  it("reads the sender's service as context when the body names none", () => {
    const ask = "GP to continue clopidogrel 75mg OD please";
    expect(facts(ask, { kind: "nhs-provider", unit: "TIA Clinic" }).category).toBe(
      "prescription-after-clinic",
    );
    expect(facts(ask, { kind: "nhs-provider", unit: "HRI Ward 110" }).category).toBe(
      "prescription-after-discharge",
    );
    // The body's own context wins over a rival one in the sender's name.
    const clinic = "Seen in clinic today. GP to start amlodipine 5mg OD";
    expect(facts(clinic, { kind: "nhs-provider", unit: "HRI Ward 110" }).category).toBe(
      "prescription-after-clinic",
    );
  });

  it("reads two asks in one task as two requests", () => {
    const f = facts("d/c'd today. Pls prescribe TTOs and issue a fit note 4/52", {
      kind: "nhs-provider",
    });
    expect(f.requests).toEqual(
      expect.arrayContaining(["fit-note", "prescription-after-discharge"]),
    );
  });

  it("lets an all-of phrase claim only its own words, not the words between its parts", () => {
    // "add ... to repeats" asks for a prescription; the repeat test after it is a result to act on.
    const both = facts(
      "d/c from AMU on new ramipril 2.5mg OD. Pls add to repeats and continue. Also repeat U&E in 1/52 pls as creat up on our bloods.",
      { kind: "nhs-provider", unit: "AMU" },
    );
    expect(both.requests).toEqual(
      expect.arrayContaining(["prescription-after-discharge", "act-on-results"]),
    );
    // A fit note's "issue" asks for the fit note alone, from a ward too.
    const note = "could the GP pls issue a sick note for Mr Dowson, needs 2 weeks off work";
    expect(facts(note, { kind: "nhs-provider", unit: "Ward 5" }).requests).toEqual(["fit-note"]);
  });

  it("rules a category out by a phrase inside a longer pseudo-trigger", () => {
    const body =
      "We have received a referral for your pt but the FIT result is missing. Please resend the referral with the FIT result attached.";
    expect(facts(body, { kind: "nhs-provider" }).requests).toEqual(["admin"]);
  });

  it("reads an EEG's spike-and-wave discharges as no discharge from hospital", () => {
    const body =
      "EEG: generalised spike-and-wave discharges. Plan: start levetiracetam 250mg bd. Please GP prescribe.";
    const f = facts(body, { kind: "nhs-provider", unit: "First Seizure Clinic" });
    expect(f.category).toBe("prescription-after-clinic");
  });
});

describe("event dates", () => {
  // The example task is sent on 23 November 2026.
  it("reads the date of an event an ask is for, if it is still to come", () => {
    expect(facts("Please could practice nurse remove sutures on 26/11.").dueOn).toBe("2026-11-26");
    expect(facts("pls dip urine before our assessment on 1/12").dueOn).toBe("2026-12-01");
    expect(facts("Current fit note runs out 30/11, please can GP extend").dueOn).toBe("2026-11-30");
    // Not the sender's own plan, nor a date already past.
    expect(facts("Seen today. We will review in clinic on 26/11.").dueOn).toBeUndefined();
    expect(facts("Admitted on 20/11/2026, please prescribe TTOs").dueOn).toBeUndefined();
  });

  it("reads no due date in the sender's own plan, and one in the ask beside it", () => {
    expect(facts("Pls prescribe Entresto. We will take U&E in 2/52 at next clinic.").dueOn).toBe(
      undefined,
    );
    expect(
      facts("Pt needs referral to cardiac rehab - GP to arrange. Clinic in 2 weeks.").dueOn,
    ).toBeUndefined();
    expect(facts("Please repeat U&E in 1/52. We will review in clinic in 6/52.").dueOn).toBe(
      "2026-11-30",
    );
    expect(facts("needs fitnote extension, current one runs out tomorrow. Pls do").dueOn).toBe(
      "2026-11-24",
    );
  });
});

describe("human review", () => {
  it("reads a critical value after a closed bracket and a link", () => {
    const f = facts("INR taken today on behalf of surgery (housebound pt): 8.6. Pls action.");
    expect(f.safetyLanguage).toBe(true);
    expect(f.safetyText).toBe("INR taken today on behalf of surgery (housebound pt): 8.6");
    expect(facts("INR taken today (housebound pt): 2.6. Pls action.").safetyLanguage).toBe(false);
  });

  it("lets a condition inside reported advice reach only to the end of its clause", () => {
    const f = facts("attended with RIF pain, advised to return if worse, GP to review tomorrow");
    expect(f.dueText).toBe("tomorrow");
    expect(f.dueSoon).toBe(true);
    // Within its own clause it is still a condition.
    expect(facts("advised to return if worse tomorrow").dueSoon).not.toBe(true);
  });

  it("flags an action due today or tomorrow", () => {
    expect(facts("Please see her today").dueSoon).toBe(true);
    expect(facts("pls do bloods tomorrow").dueSoon).toBe(true);
    expect(facts("Seen in clinic today, please prescribe").dueOn).toBeUndefined();
  });

  it("reads an ask-only urgent word as urgent when it heads the body and the task asks anywhere", () => {
    expect(
      facts(
        "EMERGENCY - cultures from the home visit grew GNB. Pt needs assessment, pls contact him",
      ).urgentLanguage,
    ).toBe(true);
    expect(facts("EMERGENCY - admitted via ED overnight. For info").urgentLanguage).toBe(false);
    expect(facts("Emergency department attendance overnight, pls review").urgentLanguage).toBe(
      false,
    );
  });

  it("flags a critical result stated in the text", () => {
    expect(facts("K+ 6.8 on our bloods").safetyLanguage).toBe(true);
    expect(facts("INR 9.1").safetyLanguage).toBe(true);
    expect(facts("K+ 4.6, INR 2.5").safetyLanguage).toBe(false);
  });

  it("reads a limit that holds only beside its words (`whenAlso`): a blood pressure in pregnancy", () => {
    expect(
      facts("34/40, BP 148/96 in ANC today. Please recheck her BP in 2 days").safetyLanguage,
    ).toBe(true);
    expect(facts("BP 148/96 today. Please recheck her BP in 2 days").safetyLanguage).toBe(false);
    expect(facts("Not pregnant. BP 148/96, please recheck in 2 days").safetyLanguage).toBe(false);
  });

  it("reads a drug's level only with its unit where the name alone may be a dose (`unitsAfter`)", () => {
    expect(facts("DIGOXIN 3.8 ug/L. Pt also on amiodarone").safetyLanguage).toBe(true);
    expect(facts("Carbamazepine 22mg/L").safetyLanguage).toBe(true);
    expect(facts("digoxin 250 microgram x 2 tabs once a day").safetyLanguage).toBe(false);
    expect(facts("carbamazepine 400 bd, no change").safetyLanguage).toBe(false);
  });

  it("reads a dose past its ceiling only in the entry's unit, and not a pen's strength", () => {
    expect(facts("levothyroxine 1000 micrograms OD on the EPS").safetyLanguage).toBe(true);
    expect(facts("Lantus 300 units once daily on the d/c letter").safetyLanguage).toBe(true);
    expect(facts("levothyroxine 100 micrograms od").safetyLanguage).toBe(false);
    expect(facts("Lantus 100 units/ml SoloStar pens x5 please").safetyLanguage).toBe(false);
    expect(facts("Lantus 100 units / ml pens please").safetyLanguage).toBe(false);
  });

  it("reads a value written with a thousands comma as one number, with its unit after", () => {
    expect(facts("Continence: bladder scan residual 1,400ml").safetyLanguage).toBe(true);
    expect(facts("Continence: bladder scan residual 400ml").safetyLanguage).toBe(false);
    expect(facts("CK 12,400 on bloods").safetyLanguage).toBe(true);
  });

  it("reads no dose as a result's later value, nor a year as its value", () => {
    // "to 62.5mcg" after a level is a new dose (`results.doseUnits`), not a later level.
    expect(
      facts("Digoxin level 2.6 on ward, dose reduced to 62.5mcg OD. GP please recheck level")
        .safetyLanguage,
    ).toBe(false);
    expect(facts("Lithium 800mg nocte, level stable at 0.7").safetyLanguage).toBe(false);
    // A unit with a "/" after it is a result's ("CRP 210mg/L"), and only a unit written
    // straight after the value counts: in "K 2.4, Mg 0.41" the "Mg" is magnesium.
    expect(facts("CRP 210mg/L on our bloods").safetyLanguage).toBe(true);
    expect(facts("IBD clinic: K 2.4, Mg 0.5. please repeat bloods").safetyLanguage).toBe(true);
    expect(facts("On digoxin, last dig level 2019. Please arrange a level").safetyLanguage).toBe(
      false,
    );
  });

  it("reads a critical result whose value comes after where it was taken", () => {
    expect(facts("K+ from our clinic 6.9").safetyLanguage).toBe(true);
    expect(facts("potassium from the lab 6.7").safetyLanguage).toBe(true);
    expect(facts("K+ from our clinic 4.9").safetyLanguage).toBe(false);
  });

  it("reads a change for the worse, but not as safety-netting advice in a hypothetical", () => {
    expect(facts("pt much worse today, barely talking").safetyLanguage).toBe(true);
    expect(facts("increasingly confused since yesterday").safetyLanguage).toBe(true);
    expect(facts("If symptoms worsen GP may wish to refer back.").safetyLanguage).toBe(false);
    expect(facts("if she becomes more confused family know to ring 111").safetyLanguage).toBe(
      false,
    );
    // Other safety words still count in a hypothetical: a threat is often a condition.
    expect(facts("said he'll kill her if she leaves").safetyLanguage).toBe(true);
  });

  it("reads word groups together: a risky medicine with a warning sign, a child with an injury", () => {
    expect(facts("on methotrexate, now mouth ulcers and sore throat").safetyLanguage).toBe(true);
    expect(facts("4 month old rolled off the bed").safetyLanguage).toBe(true);
    expect(facts("pregnant and taking sodium valproate").safetyLanguage).toBe(true);
    expect(facts("wife says she is exhausted, cant do it anymore").safetyLanguage).toBe(true);
    // The warning is the anchor, so its own negation counts.
    expect(facts("NMS for apixaban done, no bleeding or bruising").safetyLanguage).toBe(false);
    // Two members of one group never join into a word: "pulses palpable" is no sign.
    expect(facts("pulses palpable").safetyLanguage).toBe(false);
  });

  it("shares one trie entry between allOf phrases that hold the same part, and reads each", () => {
    const parts = lexicon.labels[LIST.allOfParts] ?? [];
    expect(new Set(parts).size).toBe(parts.length);
    // "methotrexate" is a part of several phrases; each still fires where it should.
    expect(facts("started trimethoprim, she is on methotrexate").safetyLanguage).toBe(true);
    expect(facts("on methotrexate, script says DAILY").safetyLanguage).toBe(true);
  });

  it("reads an ask's allOf parts across the sentences reading.askPartsSentences allows", () => {
    const body =
      "K+ 6.8 on clinic bloods today. Tried to call him, no answer. Please contact patient urgently";
    const sender = {
      organisation: "Example NHS Trust",
      unit: "Renal clinic",
      kind: "nhs-provider",
    };
    expect(ruleset.reading?.askPartsSentences).toBe(3);
    expect(facts(body, sender).requests).toContain("act-on-results");
    // Two sentences, as every other list's allOf parts: the contact is then clinical work.
    const two = { ...ruleset, reading: { ...ruleset.reading, askPartsSentences: 2 } };
    const task = parseTask(taskWith({ body, sender }));
    const read2 = deriveFacts(task, practice, lexiconOf(two as typeof ruleset));
    expect(read2.requests).not.toContain("act-on-results");
  });

  it("lets a negator reach further for review, across fillers only", () => {
    expect(facts("no current thoughts of self-harm").safetyLanguage).toBe(false);
    expect(facts("no change in meds, thoughts of self-harm").safetyLanguage).toBe(true);
    // "or" joins a list of safety terms; "but" does not.
    expect(facts("no bleeding or bruising").safetyLanguage).toBe(false);
    expect(facts("no chest pain but bleeding").safetyLanguage).toBe(true);
    // "though" is a stop, and read as itself, not corrected to "thought" (a filler).
    expect(facts("no chest pain though collapsed today").safetyLanguage).toBe(true);
  });

  it("reads a result's value past linking words and low limits, but not a count, period or date", () => {
    expect(facts("K+ came back at 6.9").safetyLanguage).toBe(true);
    // A few other words may come between when a link stands straight before the value.
    expect(facts("INR from the anticoag clinic came back 9.4").safetyLanguage).toBe(true);
    // A sign links as its word does; "us" after "by" stays "us", a link, not "ultrasound".
    expect(facts("PSA taken by us at the same visit = 14.2").safetyLanguage).toBe(true);
    expect(facts("PSA taken by us 14.2").safetyLanguage).toBe(true);
    expect(facts("PSA taken at the same visit 14.2").safetyLanguage).toBe(false);
    // Where a reading was taken links as a link does: "BP check at hub 186/112".
    expect(facts("BP check at hub 186/112, repeat 182/110").safetyLanguage).toBe(true);
    // Thousands with a comma are one number; a comma and a space part two.
    expect(facts("CK 18,400").safetyLanguage).toBe(true);
    expect(facts("CK 1,200, 400 units").safetyLanguage).toBe(false);
    // A round number's decade is that number: "rate 130s" is a heart rate of 130.
    expect(facts("new AF, rate 130s").safetyLanguage).toBe(true);
    expect(facts("new AF, rate 110s").safetyLanguage).toBe(false);
    expect(facts("INR from the anticoag clinic is booked, 9 days").safetyLanguage).toBe(false);
    expect(facts("INR clinic next Tuesday. 9.4 was last week's").safetyLanguage).toBe(false);
    expect(facts("BP 70/40 on standing").safetyLanguage).toBe(true);
    expect(facts("K+ on 26/1 was 2.1").safetyLanguage).toBe(true);
    expect(facts("GCS 12/15").safetyLanguage).toBe(true);
    // A blood pressure's bottom number is no period: 90/52 is not "90 weeks", nor below 90.
    expect(facts("BP 90/52").safetyLanguage).toBe(false);
    expect(facts("GCS 15/15").safetyLanguage).toBe(false);
    expect(facts("pls check BP in 2/52").safetyLanguage).toBe(false);
    expect(facts("BP check in 2 weeks").safetyLanguage).toBe(false);
    // A leading zero makes a telephone number, not a value; a date with one is still passed.
    expect(facts("new mobile no at BP check, 07700 900123").safetyLanguage).toBe(false);
    expect(facts("K+ on 05/12 was 7.1").safetyLanguage).toBe(true);
    expect(facts("obs incl temp 4 hourly").safetyLanguage).toBe(false);
    // "FIT" is a test, but not in "fit note": only linking words come between.
    expect(facts("fit note runs out 26/1, pls extend").safetyLanguage).toBe(false);
    expect(facts("FIT 150").safetyLanguage).toBe(true);
  });

  it("flags a task from a service whose tasks are safety-related, without saying its words were", () => {
    const sender = {
      organisation: "Example Hospice",
      unit: "Community Team",
      kind: "independent-provider",
    };
    const f = facts("Pain review at home today. Please could GP prescribe going forward.", sender);
    expect(f.safetyService).toBe(true);
    // Nothing in the body read as safety-related: a letter must not say the sender raised it.
    expect(f.safetyLanguage).toBe(false);
    const e = f.evidence.find((x) => x.fact === "safetyService");
    expect(e?.field).toBe("sender.organisation");
    expect(e && sender.organisation.slice(e.start, e.end)).toBe("Hospice");
    expect(facts("Pain review at home today.", { unit: "Ward 7" }).safetyService).toBe(false);
  });
});

describe("words in quotation marks (`reading.quotedWords`)", () => {
  it("reads someone's own words in quotation marks as for a person to read, with their span", () => {
    const body = "Nursery: Mia (2) keeps saying \u201cno smack no smack\u201d at home time. FYI";
    const f = facts(body);
    expect(f.safetyLanguage).toBe(true);
    expect(f.safetyText).toBe("no smack no smack");
    const e = f.evidence.find((x) => x.fact === "safetyLanguage");
    expect(e?.list).toBe("quotedWords");
    expect(e && body.slice(e.start, e.end)).toBe("no smack no smack");
  });

  it("passes over a quoted message, form or label, a single word, and a mark left open", () => {
    expect(
      facts('Re your task "pls check his blister pack has the new dose" - done').safetyLanguage,
    ).toBe(false);
    expect(facts('Please code as "housebound" thanks').safetyLanguage).toBe(false);
    expect(facts('Fit note 4/52 please, "may be fit').safetyLanguage).toBe(false);
  });

  it("reads no quotation in a ruleset without `reading.quotedWords`", () => {
    const reading = ruleset.reading && { ...ruleset.reading, quotedWords: undefined };
    const plain = lexiconOf({ ...ruleset, reading });
    const task = parseTask(taskWith({ body: 'She said "all fine now thanks" and left' }));
    expect(deriveFacts(task, practice, plain).safetyLanguage).toBe(false);
    expect(facts('She said "all fine now thanks" and left').safetyLanguage).toBe(true);
  });
});

describe("explanations", () => {
  it("says which words produced each text fact, with their span in the body", () => {
    const body = "Pt d/c'd. URGENT: pls prescribe TTOs";
    const f = facts(body, { kind: "nhs-provider" });
    for (const e of f.evidence) expect(body.slice(e.start, e.end)).toBe(e.text);
    expect(f.evidence.map((e) => e.fact)).toEqual(
      expect.arrayContaining(["urgentLanguage", "category"]),
    );
    expect(f.urgentText).toBe("URGENT");
    expect(f.categoryText).toBe("pls prescribe TTOs");
  });
});

describe("bank holidays", () => {
  it("has England and Wales bank holidays for at least a year from today", () => {
    const dates = ruleset.calendar?.bankHolidays.dates ?? [];
    const last = dates.at(-1) ?? "";
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    expect(last >= inAYear, `bank holidays run out on ${last}: add the next year's`).toBe(true);
  });

  it("skips bank holidays when counting working days", () => {
    const f = parseTask(
      taskWith({
        sentAt: "2026-12-24T10:00:00Z",
        body: "Please review within 2 working days",
      }),
    );
    // 25 December (Friday) and 28 December (Monday, substitute Boxing Day) are not working days.
    expect(deriveFacts(f, practice, lexicon).dueOn).toBe("2026-12-30");
  });
});

describe("a laboratory's ask", () => {
  const lab = {
    organisation: "Example NHS Trust",
    unit: "HRI Blood Sciences",
    kind: "nhs-provider",
  };
  it("reads a repeat a laboratory asks for as the practice's own test", () => {
    const f = facts("Sample for U&E was haemolysed, K+ not reported. Please repeat.", lab);
    expect(f.category).toBe("clinical-work");
  });

  it("still reads a test its body places in a hospital service as the sender's to act on", () => {
    const body = "K+ 6.9 on sample from the renal clinic today. Please contact pt and repeat U&E.";
    expect(facts(body, lab).category).toBe("act-on-results");
    const clinic = { ...lab, unit: "HRI Lipid Clinic", team: "Chemical Pathology" };
    expect(facts("Please repeat the lipids in 6/52", clinic).category).toBe("act-on-results");
  });

  it("reads the same words from a ward as acting on the ward's results", () => {
    const ward = { organisation: "Example NHS Trust", unit: "Ward 5", kind: "nhs-provider" };
    const body = "Sample for U&E was haemolysed, K+ not reported. Please repeat.";
    expect(facts(body, ward).category).toBe("act-on-results");
  });
});

describe("another service's own timeframe", () => {
  const ward = { organisation: "Example NHS Trust", unit: "Ward 5", kind: "nhs-provider" };
  it("is not the practice's deadline when another team follows up or a test is booked elsewhere", () => {
    for (const body of [
      "GP please continue quetiapine. Follow up by CMHT within 72h.",
      "Pls continue tamsulosin. TWOC planned in 2/52 by DNs.",
      "GP to prescribe tamsulosin until TWOC please. TWOC booked at CHH in 2/52.",
    ])
      expect(facts(body, ward).dueOn, body).toBeUndefined();
  });

  it("is still the deadline of what the practice is asked to do", () => {
    expect(facts("Please arrange follow up by practice nurse in 1/52", ward).daysUntilDue).toBe(7);
  });
});

describe("what the patient is told", () => {
  const clinic = {
    organisation: "Example NHS Trust",
    unit: "Rheumatology Clinic",
    kind: "nhs-provider",
  };
  it("is not an ask of the practice: 'she can start', 'tell him to carry on with'", () => {
    for (const body of [
      "TPMT activity normal. Please let pt know she can start azathioprine as planned",
      "ECG from our clinic normal. Pls ring pt and tell him to carry on with the bisoprolol",
      "Bloods from clinic back: ESR 98. Please contact pt to tell her the result and that she must start the prednisolone we gave her",
    ]) {
      const f = facts(body, clinic);
      expect(f.category, body).toBe("results-to-patient");
      expect(f.requests, body).not.toContain("prescription-after-clinic");
    }
  });

  it("still reads a prescription asked beside the result as one", () => {
    const body =
      "Ferritin 8 from our clinic. Please let her know and start ferrous fumarate 210mg bd";
    expect(facts(body, clinic).requests).toEqual([
      "prescription-after-clinic",
      "results-to-patient",
    ]);
  });
});

describe("registration told in passing", () => {
  const careHome = {
    organisation: "Example Care Home",
    unit: "Example Care Home",
    kind: "social-care",
  };
  it("does not make an ask administration: 'our residents registered with you'", () => {
    for (const body of [
      "Scabies in the home. Please prescribe permethrin cream for our residents registered with you",
      "Mum is our pt, but the child is registered with you - pls can you book his 1 year imms",
    ]) {
      expect(facts(body, careHome).requests, body).not.toContain("admin");
    }
  });

  it("still reads an ask about registration as administration", () => {
    for (const body of [
      "Could you confirm he is registered with you please?",
      "He wants to stay registered with you, can we use our office as his address?",
    ]) {
      expect(facts(body, careHome).category, body).toBe("admin");
    }
  });
});
