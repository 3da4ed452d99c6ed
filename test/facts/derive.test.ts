import { describe, expect, it } from "vitest";
import { type FactName, factCatalogue } from "../../src/facts/catalogue.js";
import { deriveFacts, sameName } from "../../src/facts/derive.js";
import { lexiconOf } from "../../src/facts/lexicon.js";
import { parsePractice } from "../../src/input/practice.js";
import { parseTask } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { practiceWith, taskWith } from "../input/helpers.js";

const lexicon = lexiconOf(defaultRuleset());

/** The facts of the base task and practice with fragments merged on (`null` removes a key). */
function factsOf(task: Record<string, unknown> = {}, practice: Record<string, unknown> = {}) {
  return deriveFacts(parseTask(taskWith(task)), parsePractice(practiceWith(practice)), lexicon);
}
/** The facts of the base task with another body. */
const bodyFacts = (body: string, task: Record<string, unknown> = {}) => factsOf({ ...task, body });

const decliningFrom = (from: string) => ({ externalTasks: { policy: "decline", from } });
const agreedWith = (...agreements: { odsCode: string; acknowledgedOn: string }[]) => ({
  externalTasks: {
    policy: "agreed-providers",
    agreements: agreements.map((a) => ({ name: "A provider", ...a })),
  },
});

describe("deriveFacts: the base example", () => {
  it("derives every fact of the default ruleset's base task and practice", () => {
    const base = parseTask(taskWith());
    expect(deriveFacts(base, parsePractice(practiceWith()), lexicon)).toEqual({
      external: true,
      crossUnit: true,
      assignment: "unassigned",
      senderKind: "nhs-provider",
      externalPolicy: "accept",
      urgentFlag: false,
      urgentLanguage: false,
      safetyLanguage: false,
      safetyService: false,
      actionRequested: false,
      journalReference: true,
      bodyLength: base.body.length,
      careDetailTerms: 0,
      sentOn: "2026-11-23",
      category: "condition-update",
      categorySource: "inferred",
      categoryPhrase: "now stable",
      categoryText: "the patient was seen at home today and is now stable",
      requests: ["condition-update", "information"],
      evidence: [
        {
          fact: "category",
          list: "categories",
          entry: "now stable",
          start: base.body.indexOf("now stable"),
          end: base.body.indexOf("now stable") + "now stable".length,
          text: "now stable",
        },
        {
          fact: "category",
          list: "categories",
          entry: "for your information",
          start: 0,
          end: "For your information".length,
          text: "For your information",
        },
      ],
    });
  });
});

describe("the fact catalogue (src/facts/catalogue.json)", () => {
  it("gives each fact the type deriveFacts gives it", () => {
    const samples = [
      factsOf(),
      bodyFacts("Urgent: please review, safeguarding concern. Bloods within 3 days.", {
        dueBy: "2026-12-01",
      }),
      factsOf({}, decliningFrom("2026-11-01")),
    ];
    const seen = new Set<string>();
    for (const facts of samples) {
      for (const [name, value] of Object.entries(facts)) {
        const type = Array.isArray(value) ? "array" : typeof value;
        expect(factCatalogue[name as FactName]?.type, name).toBe(type);
        seen.add(name);
      }
    }
    expect(seen.size).toBeGreaterThan(25);
    for (const { type } of Object.values(factCatalogue)) {
      expect(["boolean", "number", "string", "array"]).toContain(type);
    }
  });
});

describe("deriveFacts: external and crossUnit", () => {
  it("calls a sender outside the practice's units external", () => {
    expect(factsOf({ sender: { unit: "Humber Coast Community Nursing" } }).external).toBe(true);
  });

  it("calls a sender from the practice's own unit internal", () => {
    expect(factsOf({ sender: { unit: "Example Surgery" } }).external).toBe(false);
  });

  it.each([
    ["EXAMPLE SURGERY", "capitals"],
    ["example surgery", "lower case"],
    ["Example   Surgery", "runs of spaces"],
    ["  Example Surgery  ", "spaces around"],
    ["Example\tSurgery", "a tab"],
  ])("matches %j to the unit Example Surgery (%s)", (unit) => {
    expect(factsOf({ sender: { unit } }).external).toBe(false);
  });

  it("treats SystmOne and the guidance's SystemOne as the same word in unit names", () => {
    const units = { units: ["Example Surgery SystmOne Unit"] };
    expect(factsOf({ sender: { unit: "Example Surgery SystemOne Unit" } }, units).external).toBe(
      false,
    );
    expect(
      factsOf(
        { sender: { unit: "example surgery systmone unit" } },
        {
          units: ["Example Surgery SystemOne Unit"],
        },
      ).external,
    ).toBe(false);
  });

  it("does not take a unit whose name only contains the practice's for the practice", () => {
    expect(factsOf({ sender: { unit: "Example Surgery Annexe" } }).external).toBe(true);
    expect(factsOf({ sender: { unit: "Example" } }).external).toBe(true);
  });

  it("calls a sender from any of several practice units internal", () => {
    const facts = factsOf(
      { sender: { unit: "example surgery branch" } },
      { units: ["Example Surgery", "Example Surgery Branch"] },
    );
    expect(facts.external).toBe(false);
    expect(facts.crossUnit).toBe(true);
  });

  it("calls a task sent within one unit not cross-unit, whatever the case and spacing", () => {
    expect(
      factsOf({ sender: { unit: "EXAMPLE  SURGERY" }, recipient: { unit: "Example Surgery" } })
        .crossUnit,
    ).toBe(false);
    expect(
      factsOf({
        sender: { unit: "Example SystemOne Unit" },
        recipient: { unit: "example systmone unit" },
      }).crossUnit,
    ).toBe(false);
  });

  it("calls a task from another unit cross-unit", () => {
    expect(factsOf().crossUnit).toBe(true);
  });

  it("compares names with sameName the same way", () => {
    expect(sameName(" SystemOne  Unit ", "systmone unit")).toBe(true);
    expect(sameName("Unit A", "Unit B")).toBe(false);
  });
});

describe("deriveFacts: facts copied from the task and practice", () => {
  it("reports assignment, sender kind, policy and the urgent flag", () => {
    const facts = factsOf(
      {
        recipient: { assignment: "group", assignee: "Admin team" },
        sender: { kind: "pharmacy" },
        urgent: true,
      },
      decliningFrom("2027-01-01"),
    );
    expect(facts).toMatchObject({
      assignment: "group",
      senderKind: "pharmacy",
      externalPolicy: "decline",
      urgentFlag: true,
    });
  });

  it("measures the body with white space folded and trimmed", () => {
    expect(bodyFacts("  Thank   you\n\nfor  this.  ").bodyLength).toBe(
      "Thank you for this.".length,
    );
  });
});

describe("deriveFacts: daysUntilDue", () => {
  it("is absent when neither dueBy nor the body gives a due date", () => {
    const facts = bodyFacts("Thank you.");
    expect(facts).not.toHaveProperty("daysUntilDue");
    expect(facts).not.toHaveProperty("dueOn");
    expect(facts).not.toHaveProperty("dueSource");
  });

  it("counts London days from the sending date to dueBy", () => {
    expect(bodyFacts("Thank you.", { dueBy: "2026-12-01" })).toMatchObject({
      daysUntilDue: 8,
      dueOn: "2026-12-01",
      dueSource: "dueBy",
    });
  });

  it("counts an overdue dueBy as negative", () => {
    expect(bodyFacts("Thank you.", { dueBy: "2026-11-20" }).daysUntilDue).toBe(-3);
  });

  it("takes a body timeframe earlier than dueBy, with its words", () => {
    const facts = bodyFacts("Please take bloods within 3 days.", { dueBy: "2026-12-01" });
    expect(facts).toMatchObject({
      daysUntilDue: 3,
      dueOn: "2026-11-26",
      dueSource: "body",
      dueText: "within 3 days",
    });
  });

  it("keeps dueBy when it is earlier than the body's timeframe", () => {
    const facts = bodyFacts("Please take bloods within 7 days.", { dueBy: "2026-11-25" });
    expect(facts).toMatchObject({ daysUntilDue: 2, dueSource: "dueBy" });
    expect(facts).not.toHaveProperty("dueText");
  });

  it("keeps dueBy when both fall on the same day", () => {
    expect(bodyFacts("Please take bloods within 8 days.", { dueBy: "2026-12-01" }).dueSource).toBe(
      "dueBy",
    );
  });

  it("reads a dueBy without an offset as London wall time", () => {
    expect(bodyFacts("Thank you.", { dueBy: "2026-11-24T00:30:00" }).daysUntilDue).toBe(1);
  });

  it("reads a dueBy instant on the London calendar (summer: 23:30 UTC is the next day)", () => {
    const facts = bodyFacts("Thank you.", {
      sentAt: "2026-06-30T09:00:00Z",
      dueBy: "2026-06-30T23:30:00Z",
    });
    expect(facts).toMatchObject({ sentOn: "2026-06-30", dueOn: "2026-07-01", daysUntilDue: 1 });
  });

  it("counts from the London sending date, not the UTC one", () => {
    const facts = bodyFacts("Thank you.", {
      sentAt: "2026-06-30T23:30:00Z",
      dueBy: "2026-07-01",
    });
    expect(facts).toMatchObject({ sentOn: "2026-07-01", daysUntilDue: 0 });
  });

  it("counts whole days across the clock changes", () => {
    expect(
      bodyFacts("Please review within 2 days.", { sentAt: "2026-03-28T12:00:00Z" }).dueOn,
    ).toBe("2026-03-30");
    expect(
      bodyFacts("Thank you.", { sentAt: "2026-10-24T12:00:00Z", dueBy: "2026-10-26" }).daysUntilDue,
    ).toBe(2);
    expect(
      bodyFacts("Thank you.", {
        sentAt: "2027-03-27T12:00:00Z",
        dueBy: "2027-03-29T12:00:00+01:00",
      }).daysUntilDue,
    ).toBe(2);
    const autumn2027 = bodyFacts("Thank you.", {
      sentAt: "2027-10-30T23:30:00Z",
      dueBy: "2027-11-01",
    });
    expect(autumn2027).toMatchObject({ sentOn: "2027-10-31", daysUntilDue: 1 });
  });
});

describe("deriveFacts: 'this week' written on a Friday", () => {
  // Friday 27 November 2026, 10:00 in London.
  const friday = { sentAt: "2026-11-27T10:00:00Z" };

  it("is due the Friday ahead for the rules, and today for review", () => {
    const facts = bodyFacts("Please can GP see her this week", friday);
    expect(facts).toMatchObject({ dueOn: "2026-12-04", daysUntilDue: 7, dueSoon: true });
  });

  it("leaves 'next week' written on a Friday as the Friday ahead, not soon", () => {
    const facts = bodyFacts("Please can GP see her next week", friday);
    expect(facts).toMatchObject({ dueOn: "2026-12-04", daysUntilDue: 7, dueSoon: false });
  });

  it("is today where the end of the week is named", () => {
    const facts = bodyFacts("Please can GP see her by the end of this week", friday);
    expect(facts).toMatchObject({ dueOn: "2026-11-27", daysUntilDue: 0, dueSoon: true });
  });

  it("is this Friday, not soon, written on a Monday", () => {
    const facts = bodyFacts("Please can GP see her this week", { sentAt: "2026-11-23T10:00:00Z" });
    expect(facts).toMatchObject({ dueOn: "2026-11-27", daysUntilDue: 4, dueSoon: false });
  });
});

describe("deriveFacts: an overdue date with a later one asked for", () => {
  // Monday 23 November 2026.
  const monday = { sentAt: "2026-11-23T10:00:00Z" };

  it("keeps the overdue date for the rules and reads the later one for review", () => {
    const facts = bodyFacts(
      "The repeat U&E fell due 02/11 and has not been done. Please arrange by 24/11.",
      monday,
    );
    expect(facts).toMatchObject({ dueOn: "2026-11-02", daysUntilDue: -21, dueSoon: true });
  });

  it("is not soon when the later date is weeks away, nor when only the overdue one is told", () => {
    const later = bodyFacts(
      "The repeat U&E fell due 02/11 and has not been done. Please arrange by 18/12.",
      monday,
    );
    expect(later).toMatchObject({ dueOn: "2026-11-02", dueSoon: false });
    const overdue = bodyFacts("The repeat U&E fell due 02/11, please arrange.", monday);
    expect(overdue).toMatchObject({ dueOn: "2026-11-02", dueSoon: false });
  });
});

describe("deriveFacts: a need due today or tomorrow told with no ask", () => {
  it("is read for review only (phrases.dueSoonWords), never as a rule's due date", () => {
    const facts = bodyFacts(
      "Mr Ahmed left his insulin at his daughter's in Leeds, none for tonight's dose.",
    );
    expect(facts.dueSoon).toBe(true);
    expect(facts).not.toHaveProperty("dueOn");
    expect(facts.evidence).toContainEqual(
      expect.objectContaining({ fact: "dueSoon", list: "dueSoonWords" }),
    );
    // The sender's own plan is not the practice's: "we will ring them today".
    expect(bodyFacts("For info, we will ring them today to sort the supply.").dueSoon).not.toBe(
      true,
    );
  });
});

describe("deriveFacts: journal references", () => {
  it("does not read a date inside a journal reference as a due date", () => {
    const facts = bodyFacts("Please see my journal entry by 24/11/2026 10:05 for details.");
    expect(facts).not.toHaveProperty("daysUntilDue");
    expect(facts.journalReference).toBe(true);
  });

  it("does not take a period written like a date (2/52) for the entry's date", () => {
    const undated = bodyFacts("Please see journal - pt needs a fit note for 2/52 post op.");
    expect(undated.journalReference).toBe(false);
    // A day and month that exist still date it.
    expect(bodyFacts("Please see journal 3/12 - pt needs a fit note.").journalReference).toBe(true);
  });

  it("does not take a period after a word that makes one (x 10/7) for the entry's date", () => {
    // 10 July exists, but "x 10/7" and "in 3/12" are ten days and three months.
    const tto = bodyFacts("see journal. New meds on TTO x 10/7 only - pls prescribe ongoing");
    expect(tto.journalReference).toBe(false);
    const repeat = bodyFacts("insulin adjusted as per journal. GP pls repeat HbA1c in 3/12");
    expect(repeat.journalReference).toBe(false);
    // Written as an entry's date, it still dates the reference.
    expect(bodyFacts("Please see journal 10/7 - pt needs a fit note.").journalReference).toBe(true);
  });

  it("does not take a date in the next sentence's words for the entry's date", () => {
    // "Review 3/12" is three months, and it is the next sentence's, not the journal's.
    const next = bodyFacts("Please prescribe fluticasone nasules. See journal. Review 3/12.");
    expect(next.journalReference).toBe(false);
    // The sentence is the token stream's: its next word may be shorthand ("R/v").
    expect(bodyFacts("See journal. R/v 3/12").journalReference).toBe(false);
    // A date straight after the full stop still dates it.
    expect(bodyFacts("See journal. 03/12/2026 10:40").journalReference).toBe(true);
  });

  it("reads a deadline after a journal word as when the ask is due, not the entry's date", () => {
    const facts = bodyFacts(
      "Please could you share any recent record entries relevant to her capacity by 30/11.",
    );
    expect(facts).toMatchObject({ dueOn: "2026-11-30", journalReference: false });
  });

  it("reads a due date in the clause after a dated journal reference, in that clause", () => {
    const facts = bodyFacts(
      "Pls see my journal entry 23/11/26 11:20 - GP to sign ReSPECT form this week",
    );
    expect(facts).toMatchObject({
      journalReference: true,
      dueText: "this week",
      dueSource: "body",
    });
  });

  it("reads the same words as a due date when they do not follow a journal phrase", () => {
    expect(bodyFacts("Please see my note by 24/11/2026 10:05 for details.").daysUntilDue).toBe(1);
  });

  it("reads a due date stated right after the journal reference's own date and time", () => {
    const facts = bodyFacts(
      "Please see my journal entry (23/11/2026 10:05). Please repeat bloods within 3 days.",
    );
    expect(facts).toMatchObject({ journalReference: true, daysUntilDue: 3, dueSource: "body" });
  });

  it("reads a due date in the same sentence after the reference's date", () => {
    expect(
      bodyFacts("See journal entry 23/11/2026 and please review by 30/11/2026.").daysUntilDue,
    ).toBe(7);
  });

  it("reads a due date after a journal phrase that has no date", () => {
    const facts = bodyFacts("See my journal entry. Please review within 2 days.");
    expect(facts).toMatchObject({ journalReference: false, daysUntilDue: 2 });
  });

  it("still reads a due date stated well after the journal reference", () => {
    const filler = "The patient was seen at home and is comfortable, with family present. ".repeat(
      2,
    );
    const facts = bodyFacts(
      `Please see my journal entry (23/11/2026 10:05). ${filler}Please review by 24/11/2026.`,
    );
    expect(facts).toMatchObject({ journalReference: true, daysUntilDue: 1 });
  });

  it.each([
    ["Please see journal entry 23/11/2026.", "a date"],
    ["Please see the journal at 14:30.", "a time"],
    ["See my recent journal entry (2.30pm) which contains actions.", "a time with pm"],
    ["Journal entries of 1st December refer.", "a written date"],
    ["Please see my JOURNAL ENTRY (23/11/2026 10:05).", "capitals"],
  ])("finds a journal reference in %j (%s)", (body) => {
    expect(bodyFacts(body).journalReference).toBe(true);
  });

  it.each([
    ["Please see my journal entry.", "no date or time"],
    ["Please see my journal.", "no date or time after journal"],
    ["Seen at home on 23/11/2026 at 10:05.", "a date but no journal phrase"],
    [
      `Please see my journal entry. ${"The patient was seen and is comfortable. ".repeat(3)}Seen 23/11/2026.`,
      "a date too far from the journal phrase",
    ],
  ])("finds no journal reference in %j (%s)", (body) => {
    expect(bodyFacts(body).journalReference).toBe(false);
  });
});

describe("deriveFacts: urgent and safety language", () => {
  it("finds urgent language and reports the phrase", () => {
    expect(bodyFacts("Urgent: please review today.")).toMatchObject({
      urgentLanguage: true,
      urgentPhrase: "urgent",
    });
  });

  it.each([
    "Not urgent. Please review.",
    "Non-urgent: please review.",
    "This is no longer urgent.",
    "Please review; not urgent.",
  ])("finds no urgent language in %j", (body) => {
    const facts = bodyFacts(body);
    expect(facts.urgentLanguage).toBe(false);
    expect(facts).not.toHaveProperty("urgentPhrase");
  });

  it("does not let a negation in one clause cancel urgent language in the next", () => {
    expect(bodyFacts("Not sure why, but this is urgent.").urgentLanguage).toBe(true);
    expect(bodyFacts("Nothing new. Urgent review please.").urgentLanguage).toBe(true);
  });

  it("keeps urgent language apart from the urgent flag", () => {
    expect(bodyFacts("Thank you.", { urgent: true })).toMatchObject({
      urgentFlag: true,
      urgentLanguage: false,
    });
  });

  it.each([
    ["Safeguarding concern raised by the school.", "safeguarding"],
    ["Patient reports suicidal thoughts.", "suicid*"],
    ["Had chest pain overnight.", "chest pain"],
  ])("finds safety language in %j: %s", (body, phrase) => {
    expect(bodyFacts(body)).toMatchObject({ safetyLanguage: true, safetyPhrase: phrase });
  });

  it("finds no safety language where it is negated", () => {
    const facts = bodyFacts("No safeguarding concerns. Not bleeding.");
    expect(facts.safetyLanguage).toBe(false);
    expect(facts).not.toHaveProperty("safetyPhrase");
  });
});

describe("deriveFacts: category", () => {
  it("uses a given category, whatever the body says, with no matched phrase", () => {
    const facts = bodyFacts("Please issue a fit note.", { category: "admin" });
    expect(facts).toMatchObject({ category: "admin", categorySource: "given" });
    expect(facts).not.toHaveProperty("categoryPhrase");
  });

  it("infers a category from the body and reports the matched phrase", () => {
    expect(bodyFacts("Please issue a fit note for 2 weeks.")).toMatchObject({
      category: "fit-note",
      categorySource: "inferred",
      categoryPhrase: "issue a fit note",
    });
  });

  it("infers a prescription after clinic from a prescribing ask with the clinic anywhere in the task", () => {
    expect(bodyFacts("Seen in clinic today. Please prescribe amlodipine 5mg.")).toMatchObject({
      category: "prescription-after-clinic",
      categorySource: "inferred",
      categoryPhrase: "prescri*",
      categoryText: "Please prescribe amlodipine 5mg",
    });
  });

  it("reads an imperative after 'and' as an ask, though its clause began with a statement", () => {
    expect(
      bodyFacts("Pls inform pt her breath test from clinic was positive and prescribe lansoprazole")
        .requests,
    ).toEqual(expect.arrayContaining(["prescription-after-clinic", "results-to-patient"]));
    expect(bodyFacts("Her breath test from clinic was positive and treated").requests).toEqual([]);
  });

  it("reads a genus's initial ('H. pylori') as inside its sentence, not the end of one", () => {
    const asked =
      "Please inform pt her H. pylori test from clinic was positive and prescribe PPI + amox + clari";
    expect(bodyFacts(asked).requests).toContain("prescription-after-clinic");
  });

  it("reads 'i.e.' and 'e.g.' as inside their sentence, not the end of one", () => {
    // The day after "i.e." is the sentence's: due tomorrow, so for review.
    const due = bodyFacts(
      "Pre-op questionnaire from the practice due by Friday 12 noon, i.e. tomorrow",
    );
    expect(due.dueSoon).toBe(true);
    expect(
      bodyFacts("Pre-op questionnaire from the practice due by Friday 12 noon, i.e. tomorrow."),
    ).toMatchObject({ dueSoon: true });
    // A word ending in "ie." still ends its sentence.
    expect(bodyFacts("Seen by Dr Ie. Tomorrow is fine").dueSoon).not.toBe(true);
  });

  it("places an ask's two-part phrase where the sentence asks, not at its first part", () => {
    const body =
      "K+ 6.8 on bloods from HF clinic this morning. We have tried to contact pt without success. Please contact pt today.";
    expect(bodyFacts(body).category).toBe("act-on-results");
  });

  it("takes the first category in the ruleset's order when several match", () => {
    expect(bodyFacts("Please issue a fit note and review the patient.").category).toBe("fit-note");
  });

  it("falls back to other, source unknown, when the task asks something no category names", () => {
    const facts = bodyFacts("Could you get back to us on this?");
    expect(facts).toMatchObject({ category: "other", categorySource: "unknown" });
    expect(facts.actionRequested).toBe(true);
    expect(facts).not.toHaveProperty("categoryPhrase");
    // "us" after "for" is the pronoun, not an ultrasound scan (an investigation to refer for).
    expect(bodyFacts("Could you sort this out for us please?").category).toBe("other");
  });

  it("reads a call asked with no category's phrase as clinical work, by the category's ask words", () => {
    for (const body of [
      "Could you ring the ward on 01482 000000.",
      "Could you call his wife back?",
    ])
      expect(bodyFacts(body), body).toMatchObject({
        category: "clinical-work",
        categorySource: "inferred",
        actionRequested: true,
      });
  });

  it("reads a task that names nothing and asks nothing as the ruleset's whenNothingAsked category", () => {
    const facts = bodyFacts("New birth visit done, baby feeding well. No concerns.");
    expect(facts).toMatchObject({ category: "information", categorySource: "unknown" });
    expect(facts.actionRequested).toBe(false);
    expect(facts).not.toHaveProperty("categoryPhrase");
  });

  it("reads a task sent in error, a test or a greeting as other", () => {
    for (const body of [
      "Sent to the wrong practice in error, please disregard.",
      "Test task, please ignore",
      "Merry Christmas to all at the surgery from the ward 8 team!",
    ])
      expect(bodyFacts(body).category, body).toBe("other");
  });

  it("does not infer a category from a negated phrase", () => {
    expect(bodyFacts("No fit note needed.").category).toBe("information");
  });
});

describe("deriveFacts: actionRequested", () => {
  it("is true for a category that requests action", () => {
    expect(bodyFacts("Please issue a fit note.").actionRequested).toBe(true);
  });

  it("is false for a category that does not, even with request words", () => {
    expect(bodyFacts("For your information. Please call if needed.")).toMatchObject({
      category: "information",
      actionRequested: false,
    });
  });

  it("reads no due date from a body that asks nothing (the timeframe is someone else's)", () => {
    const facts = bodyFacts("For your information, by Friday.");
    expect(facts).toMatchObject({ category: "information", actionRequested: false });
    expect(facts.dueOn).toBeUndefined();
  });

  it("reads the time of advice to see the practice as the ask's, where the body asks", () => {
    const asked = bodyFacts(
      "Pharmacy First: ?shingles near the eye. Advised to see GP urgently today. Please book her in.",
    );
    expect(asked.daysUntilDue).toBe(0);
    // With no ask, the advice's time stays the patient's.
    expect(
      bodyFacts("For information: seen in pharmacy, advised to see GP today.").dueOn,
    ).toBeUndefined();
  });

  it("reads request words when the category is other", () => {
    expect(bodyFacts("Could you get back to me about this?")).toMatchObject({
      category: "other",
      actionRequested: true,
    });
  });

  it("is false for a body with no request", () => {
    expect(bodyFacts("Thank you.").actionRequested).toBe(false);
  });
});

describe("deriveFacts: careDetailTerms", () => {
  it("counts the distinct clinical phrases in the body", () => {
    expect(bodyFacts("BP 150/90. Pulse 80. Temperature 37.2.").careDetailTerms).toBe(3);
  });

  it("counts a phrase once however often it appears", () => {
    expect(bodyFacts("Pain in the morning, pain at night, pain all day.").careDetailTerms).toBe(1);
  });

  it("counts clinical detail even when negated (no chest pain is still a detail)", () => {
    expect(bodyFacts("No pain.").careDetailTerms).toBe(1);
  });

  it("is zero for a body with no clinical detail", () => {
    expect(bodyFacts("Thank you.").careDetailTerms).toBe(0);
  });
});

describe("deriveFacts: declineDateReached on the London date", () => {
  it("is false for a task sent at 23:30 UTC on 30 November in winter: still 30 November in London", () => {
    const facts = factsOf({ sentAt: "2026-11-30T23:30:00Z" }, decliningFrom("2026-12-01"));
    expect(facts).toMatchObject({
      sentOn: "2026-11-30",
      daysUntilDecline: 1,
      declineDateReached: false,
    });
  });

  it("is true from midnight on the decline date", () => {
    expect(factsOf({ sentAt: "2026-12-01T00:00:00Z" }, decliningFrom("2026-12-01"))).toMatchObject({
      daysUntilDecline: 0,
      declineDateReached: true,
    });
  });

  it("is true for a task sent after the decline date, with negative days", () => {
    expect(factsOf({ sentAt: "2026-12-05T10:00:00Z" }, decliningFrom("2026-12-01"))).toMatchObject({
      daysUntilDecline: -4,
      declineDateReached: true,
    });
  });

  it("is true for a task sent at 23:30 UTC on 30 June in summer: 1 July in London", () => {
    expect(factsOf({ sentAt: "2026-06-30T23:30:00Z" }, decliningFrom("2026-07-01"))).toMatchObject({
      sentOn: "2026-07-01",
      declineDateReached: true,
    });
  });

  it("is false for a task sent at 22:59:59 UTC on 30 June: 23:59:59 BST", () => {
    expect(factsOf({ sentAt: "2026-06-30T22:59:59Z" }, decliningFrom("2026-07-01"))).toMatchObject({
      sentOn: "2026-06-30",
      declineDateReached: false,
    });
  });

  it("reads an offset west of London on the London calendar", () => {
    expect(
      factsOf({ sentAt: "2026-11-30T19:00:00-05:00" }, decliningFrom("2026-12-01"))
        .declineDateReached,
    ).toBe(true);
  });

  it("is absent when the policy is not decline", () => {
    const facts = factsOf();
    expect(facts).not.toHaveProperty("declineDateReached");
    expect(facts).not.toHaveProperty("daysUntilDecline");
  });
});

describe("deriveFacts: providerAgreement", () => {
  it("is true when the sender's ODS code has an agreement, whatever its case", () => {
    expect(
      factsOf(
        { sender: { odsCode: "RXX01" } },
        agreedWith({ odsCode: "rxx01", acknowledgedOn: "2026-11-01" }),
      ).providerAgreement,
    ).toBe(true);
  });

  it("is true when any of several agreements is the sender's", () => {
    expect(
      factsOf(
        { sender: { odsCode: "RXX01" } },
        agreedWith(
          { odsCode: "RAA", acknowledgedOn: "2026-01-01" },
          { odsCode: "RXX01", acknowledgedOn: "2026-01-01" },
        ),
      ).providerAgreement,
    ).toBe(true);
  });

  it("counts an agreement acknowledged on the sending day", () => {
    expect(
      factsOf({}, agreedWith({ odsCode: "RXX01", acknowledgedOn: "2026-11-23" })).providerAgreement,
    ).toBe(true);
  });

  it("does not count an agreement acknowledged after the sending date", () => {
    expect(
      factsOf({}, agreedWith({ odsCode: "RXX01", acknowledgedOn: "2026-11-24" })).providerAgreement,
    ).toBe(false);
  });

  it("compares acknowledgedOn with the London sending date (summer 23:30 UTC is the next day)", () => {
    const agreement = agreedWith({ odsCode: "RXX01", acknowledgedOn: "2026-07-01" });
    expect(factsOf({ sentAt: "2026-06-30T23:30:00Z" }, agreement).providerAgreement).toBe(true);
    expect(factsOf({ sentAt: "2026-06-30T22:30:00Z" }, agreement).providerAgreement).toBe(false);
  });

  it("is false for another provider's ODS code", () => {
    expect(
      factsOf(
        { sender: { odsCode: "RAA" } },
        agreedWith({ odsCode: "RXX01", acknowledgedOn: "2026-01-01" }),
      ).providerAgreement,
    ).toBe(false);
  });

  it("is false for a sender without an ODS code", () => {
    expect(
      factsOf(
        { sender: { odsCode: null } },
        agreedWith({ odsCode: "RXX01", acknowledgedOn: "2026-01-01" }),
      ).providerAgreement,
    ).toBe(false);
  });

  it("is false with no agreements at all", () => {
    expect(factsOf({}, agreedWith()).providerAgreement).toBe(false);
  });

  it("is absent when the policy is not agreed-providers", () => {
    expect(factsOf()).not.toHaveProperty("providerAgreement");
  });
});
