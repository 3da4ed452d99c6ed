import { describe, expect, it } from "vitest";
import { RulesetError } from "../../src/errors/ruleset-error.js";
import { findTimeframe } from "../../src/facts/timeframe.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";

/** Monday 23 November 2026, the sending date of most cases below. */
const MONDAY = "2026-11-23";
const due = (body: string, sentOn = MONDAY) => findTimeframe(body, sentOn)?.dueOn;
/** `due` with the ruleset's bank holidays, which named days and "the BH" are read against. */
const bankHolidays = new Set(defaultRuleset().calendar?.bankHolidays.dates ?? []);
const named = (body: string, sentOn: string) =>
  findTimeframe(body, sentOn, { bankHolidays })?.dueOn;

describe("findTimeframe: a measured change is a rate, not a due date", () => {
  it("reads no deadline in a change over a period, but one in an ask after it", () => {
    expect(due("HF visit: weight up 3kg in 5 days, more SOB")).toBeUndefined();
    expect(due("wt up 3.1kg in 5/7, pitting oedema")).toBeUndefined();
    expect(due("lost 2 stone in 3 weeks")).toBeUndefined();
    expect(due("weight up 3 kg in 4 days, please repeat U&E in 7 days")).toBe("2026-11-30");
    expect(due("Please review in 5 days")).toBe("2026-11-28");
  });

  it("reads no deadline in how long something took: was in 5 days, resolved within 18 hrs", () => {
    expect(due("was in 5 days with pneumonia, needs a sick note")).toBeUndefined();
    expect(due("pt been in 2/52 with pneumonia, now home")).toBeUndefined();
    expect(due("DKA treated on FRIII, resolved within 18 hrs")).toBeUndefined();
    expect(due("was in 5 days with pneumonia, pls issue fit note within 3 days")).toBe(
      "2026-11-26",
    );
  });

  it("reads no deadline in a count of events over a period", () => {
    expect(due("urgent referral to falls team pls, three falls in two weeks")).toBeUndefined();
    expect(due("fell 3 times in 2 weeks")).toBeUndefined();
    expect(due("2 admissions in 3 weeks with exacerbations of COPD")).toBeUndefined();
    expect(due("two falls in 2 weeks, please review in 1 week")).toBe("2026-11-30");
  });
});

describe("findTimeframe: durations", () => {
  it.each([
    ["Please repeat bloods within the next 7 days.", "2026-11-30", "within the next N days"],
    ["Repeat bloods within 7 days", "2026-11-30", "within N days"],
    ["Please review in 6 weeks.", "2027-01-04", "in N weeks, over the year end"],
    ["Review in two weeks", "2026-12-07", "a number written as a word"],
    ["Review in a couple of weeks", "2026-12-07", "a couple of"],
    ["Please see over the coming 10 days", "2026-12-03", "over the coming N days"],
    [
      "inform her the echo was normal, within the next week if possible",
      "2026-11-30",
      "within the next <unit>",
    ],
    ["GP to review in the next month", "2026-12-23", "in the next month"],
    ["Please see over the next 3 days", "2026-11-26", "over the next N days"],
    ["Please review within 48 hours", "2026-11-25", "N hours, whole days"],
    ["Please review within 36 hours", "2026-11-24", "a part day counts as the day it starts"],
    ["Please review within 2 hours", "2026-11-23", "hours within the day are today"],
    ["Please review within 24 hrs", "2026-11-24", "hrs"],
    ["Please review within one month", "2026-12-23", "a month"],
    ["Please review within a fortnight", "2026-12-07", "a fortnight"],
    ["Please review in the next fortnight", "2026-12-07", "the next fortnight"],
    ["Please review in 2 fortnights", "2026-12-21", "N fortnights"],
    ["Please review within 5 working days", "2026-11-30", "working days skip the weekend"],
    ["Please review within 3 business days", "2026-11-26", "business days"],
    ["PLEASE REVIEW WITHIN THE NEXT 7 DAYS", "2026-11-30", "capitals"],
  ])("%j is due on %s (%s)", (body, dueOn) => {
    expect(due(body)).toBe(dueOn);
  });

  it("reports the words that stated the timeframe, white space folded", () => {
    expect(findTimeframe("Please repeat bloods within\nthe next   7 days.", MONDAY)).toEqual({
      dueOn: "2026-11-30",
      text: "within the next 7 days",
    });
  });

  it("reads a bare clinical period a few words after an action: repeat U&E 2/52, r/v 1/52", () => {
    expect(findTimeframe("Pls start ramipril. Repeat U&E 2/52.", MONDAY)).toEqual({
      dueOn: "2026-12-07",
      text: "Repeat U&E 2/52",
    });
    expect(due("pls r/v 1/52 thx")).toBe("2026-11-30");
    // A test's name leads a bare period too: "U&E + BP 1/52".
    expect(due("GP to issue, U&E + BP 1/52 pls")).toBe("2026-11-30");
    // A duration's own lead makes it how long, not by when.
    expect(due("Please prescribe sertraline x 2/52 then review")).toBeUndefined();
    expect(due("Please repeat prescription for 2/52")).toBeUndefined();
    // Past twelve, "/12" with no lead is a date in December, not a count of months.
    expect(due("sutures need removing 24/12 pls")).toBe("2026-12-24");
    expect(due("repeat bloods 3/12")).toBe("2027-02-23");
  });

  it("reads the day after an operation or discharge something is due, counted from sending: clips day 10", () => {
    expect(findTimeframe("please remove clips day 10 at practice", MONDAY)).toEqual({
      dueOn: "2026-12-03",
      text: "day 10",
    });
    // Not the first number of a date: "day 12/1" is the 12th of January.
    expect(due("please book her in on the day 12/1")).not.toBe("2026-12-05");
    // A range after an operation is due by its nearer end; a day of a cycle is not a due date.
    expect(due("pls remove clips at practice day 10-12 post op")).toBe("2026-12-03");
    expect(due("GP to repeat day 2-5 FSH and LH on her next cycle")).toBeUndefined();
    // A date written just after the day's number is the day itself, and a day already gone
    // is due now.
    expect(due("pls can practice nurse remove clips at day 14 (25/11)")).toBe("2026-11-25");
    expect(due("please remove clips day 10 = 20/11")).toBe(MONDAY);
    // A rate's unit and the number of the plan's next line are no day: "max 8 puffs/day" then "2.".
    expect(
      due("Please prescribe Fostair 1 puff as needed, max 8 puffs/day\n2. Continue montelukast"),
    ).toBeUndefined();
    // "sat" is a verb, not Saturday.
    expect(due("pls review, sat with her for an hour")).toBeUndefined();
  });

  it("reads a count of days after an operation or a change as due by its nearer end, counted from sending", () => {
    expect(findTimeframe("pls remove sutures 10-14 days post op", MONDAY)).toEqual({
      dueOn: "2026-12-03",
      text: "10-14 days post",
    });
    expect(due("check lithium level 5-7 days after the change")).toBe("2026-11-28");
    // How long, not by when: a course, a frequency, a supply to complete.
    expect(due("TTOs for 7 days after discharge")).toBeUndefined();
    expect(due("dressing change every 2-3 days post d/c")).toBeUndefined();
    expect(due("prescribe dalteparin to complete 14 days post op")).toBeUndefined();
    // The words that make a count how long are the ruleset's (`timeframes.durationLeads`).
    const words = defaultRuleset().timeframes;
    if (words === undefined) throw new Error("the default ruleset lost its timeframes");
    const noEvery = { ...words, durationLeads: ["x", "for"] };
    const every = "dressing change every 2-3 days post d/c";
    expect(findTimeframe(every, MONDAY, { words: noEvery })?.dueOn).toBe("2026-11-25");
  });

  it("reads a period in words after an action: after one week, 1 week post discharge, not after a start to come", () => {
    expect(findTimeframe("Please repeat U&E after one week.", MONDAY)).toEqual({
      dueOn: "2026-11-30",
      text: "repeat U&E after one week",
    });
    expect(due("GP to repeat U&E 1 week post discharge")).toBe("2026-11-30");
    expect(due("GP to recheck FBC 1 week post transfusion and let us know")).toBe("2026-11-30");
    expect(due("U&Es need rechecking 2 weeks after discharge")).toBe("2026-12-07");
    // How long, or from a start not yet dated: no due date.
    expect(due("Please check U&E 2 weeks after starting ramipril")).toBeUndefined();
    expect(due("GP to repeat U&E after 2 weeks of treatment")).toBeUndefined();
    expect(due("fit note for 2 weeks post op please")).toBeUndefined();
    // The words are the ruleset's: with no action words, the pattern reads nothing.
    const words = defaultRuleset().timeframes;
    if (words === undefined) throw new Error("the default ruleset lost its timeframes");
    const noActions = { ...words, periodAfter: [] };
    expect(
      findTimeframe("Please repeat U&E after one week.", MONDAY, { words: noActions }),
    ).toBeUndefined();
  });

  it("reads a bare day said to be fine as the time asked for, outside the asking clause, but not a start", () => {
    const outside = { accept: () => false };
    expect(findTimeframe("not urgent, next week is fine", MONDAY, outside)).toEqual({
      dueOn: "2026-12-04",
      text: "next week",
    });
    expect(findTimeframe("whenever, this week would be fine", MONDAY, outside)?.dueOn).toBe(
      "2026-11-27",
    );
    expect(findTimeframe("not urgent, next week", MONDAY, outside)).toBeUndefined();
    expect(findTimeframe("no rush, after new year is fine", MONDAY, outside)).toBeUndefined();
    expect(findTimeframe("from Monday is fine", MONDAY, outside)).toBeUndefined();
  });

  it("reads hours only in a clause that asks, as a history tells them as often ('swelling within 2 hours')", () => {
    const outside = { accept: () => false };
    expect(
      findTimeframe("immediate swelling within 2 hours of the injury", MONDAY, outside),
    ).toBeUndefined();
    expect(findTimeframe("Please call him back within 2 hours", MONDAY)?.dueOn).toBe(MONDAY);
    // Days are still read in any clause.
    expect(findTimeframe("bloods within 7 days", MONDAY, outside)?.dueOn).toBe("2026-11-30");
  });

  it("reads the ruleset's other spellings of its own words as those words: 'nxt week'", () => {
    expect(findTimeframe("plz can GP do U&E + FBC nxt week, thx", MONDAY)).toEqual({
      dueOn: "2026-12-04",
      text: "nxt week",
    });
    expect(due("pls book bloods NXT wk")).toBe("2026-12-04");
    // Only the whole word: "nxtday" and "annxt" are no spelling of "next".
    expect(due("pls book bloods nxtday wk")).toBeUndefined();
    expect(due("pls book bloods annxt wk")).toBeUndefined();
  });

  it("reads 'due today' in any clause, as 'due tomorrow' and 'due Monday' are", () => {
    const outside = { accept: () => false };
    expect(
      findTimeframe("INR was 4.8 last week, due today. Can practice visit?", MONDAY, outside),
    ).toEqual({
      dueOn: MONDAY,
      text: "due today",
    });
  });

  it("reads 'before then' in an ask as due by the time named before it, in any clause", () => {
    expect(
      findTimeframe(
        "Daughter collecting at 6 this evening, can the script be signed before then",
        MONDAY,
      ),
    ).toEqual({ dueOn: MONDAY, text: "at 6 this evening" });
    // Only the ask's clause is read for "then"; the time it points to may be in any clause.
    expect(
      findTimeframe("Surgery booked Thursday. Can GP review before then", MONDAY, {
        accept: (index) => index > 20,
      }),
    ).toEqual({ dueOn: "2026-11-26", text: "before then" });
  });

  it("reads a day known by name after a lead word: before Xmas, first thing after new year", () => {
    const friday = "2026-12-18";
    // A deadline by a day the practice is closed is met on the working day before it.
    expect(named("Please prescribe ongoing apixaban before Xmas", friday)).toBe("2026-12-24");
    expect(named("Pls sort before Christmas Eve", friday)).toBe("2026-12-24");
    expect(named("pls review by new year", friday)).toBe("2026-12-31");
    // After it, the day itself: the ask starts then.
    expect(named("Can the nurse give it first thing after new year pls", friday)).toBe(
      "2027-01-01",
    );
    // The next such day: sent after Christmas, "by Xmas" is next year's (a Saturday).
    expect(named("pls review by xmas", "2026-12-27")).toBe("2027-12-24");
    // Alone, with no lead word, a named day is no due date.
    expect(named("We can't get to her over xmas, please do her INR", friday)).toBeUndefined();
  });

  it("reads the next bank holiday by name: before the BH, first thing after the bank holiday", () => {
    // Sent Wednesday 23 December 2026: the next bank holiday is Christmas Day (a Friday).
    const wednesday = "2026-12-23";
    expect(named("pls issue before the BH if poss", wednesday)).toBe("2026-12-24");
    // After it, the working day after the holidays in a row (25 and 28 December).
    expect(named("pls refer straight after the BH", wednesday)).toBe("2026-12-29");
    expect(named("Pls repeat FBC after the BH (Tues)", "2026-12-24")).toBe("2026-12-29");
    // "After the BH" alone says when it may be done, not when it is due.
    expect(named("pls refer after the BH, no rush", wednesday)).toBeUndefined();
    // In August, the next is the last Monday of the month.
    expect(named("please review before the bank holiday", "2026-08-25")).toBe("2026-08-28");
  });

  it("reads a day's number alone after a lead word as the next such day: by the 24th", () => {
    expect(due("pls could you let her know by the 24th", "2026-12-21")).toBe("2026-12-24");
    expect(due("please review on the 3rd", "2026-12-21")).toBe("2027-01-03");
    // With its month it is a written date, read as before.
    expect(due("please review by the 3rd of March", "2026-12-21")).toBe("2027-03-03");
    expect(due("please review by the 31st", "2026-11-23")).toBe("2026-12-31");
  });

  it("reads 'before then' after a bare date as due by that date: extraction 20/11 ... before then", () => {
    expect(
      findTimeframe("Extraction booked 20/11. Can you check his INR before then", "2026-11-10"),
    ).toEqual({ dueOn: "2026-11-20", text: "before then" });
    // A date already past is no deadline.
    expect(due("Extraction was 02/11. Can you check his INR before then", "2026-11-10")).toBe(
      undefined,
    );
  });

  it("reads a clock time after a lead word as due that day: before 6, b4 12, by 5.30pm", () => {
    expect(due("Can GP ring pt back before 6 - wants to discuss her scan")).toBe(MONDAY);
    expect(due("pls sign the script b4 12 as the chemist shuts")).toBe(MONDAY);
    expect(due("Please send it by 5.30pm")).toBe(MONDAY);
    expect(due("any chance it can be done before 5 today")).toBe(MONDAY);
    // A bare number before a unit, or running on into other words, is not a clock time.
    expect(due("Please review before 12 weeks")).toBeUndefined();
    expect(due("Please send by 3 months")).toBeUndefined();
    expect(due("Please review before 10 sessions are used")).toBeUndefined();
  });

  it("reads a clock time before 'today' as due that day in any clause, not an event's time", () => {
    // The ask's clause says nothing of when; the appointment's does.
    expect(due("Can a GP sign the PSD please, he's booked in with me at 11 today")).toBe(MONDAY);
    // The appointment in the sender's own plan ("she is booked") still makes the ask due.
    expect(
      findTimeframe("pls sign the script, she is booked in with me at 11 today", MONDAY, {
        words: defaultRuleset().timeframes,
        ownPlan: () => true,
      })?.dueOn,
    ).toBe(MONDAY);
    expect(due("Please call her, she is coming in at 2.30pm this afternoon")).toBe(MONDAY);
    // The time something happened is no deadline.
    expect(due("Please complete the MCCD, she passed away at 5 this morning")).toBeUndefined();
    expect(due("Pls review, he was seen at 10 today")).toBeUndefined();
    // Either way round; a 24-hour clock too; a gestation is no clock.
    expect(due("Assessment planned today at 14:00, can one of the GPs attend")).toBe(MONDAY);
    // (Read alone, every clause asks, so the bare "today" is read; not the gestation as a time.)
    expect(findTimeframe("Booked today at 10+2, pls prescribe folic acid", MONDAY)?.text).toBe(
      "today",
    );
    expect(findTimeframe("Booked today at 9/40, pls prescribe aspirin", MONDAY)?.text).toBe(
      "today",
    );
  });

  it("reads a range written with 'to' by its nearer end: U&E in 1 to 2 weeks", () => {
    expect(due("Also he needs U&E in 1 to 2 weeks for the ramipril")).toBe("2026-11-30");
    expect(due("Please repeat bloods in 2 or 3 weeks")).toBe("2026-12-07");
  });

  it("reads tomorrow misspelt as busy people spell it: check INR tomoro", () => {
    expect(due("pls could gp check inr tomoro")).toBe("2026-11-24");
  });

  it("counts working days from a Friday over the weekend", () => {
    expect(due("within 2 working days", "2026-11-27")).toBe("2026-12-01");
  });

  it("counts working days from a Saturday from the Monday", () => {
    expect(due("within 1 working day", "2026-11-28")).toBe("2026-11-30");
  });

  it("keeps a month to the end of a short month", () => {
    expect(due("in 1 month", "2026-01-31")).toBe("2026-02-28");
    expect(due("in 1 month", "2028-01-31")).toBe("2028-02-29");
  });

  it("counts calendar days across the clock changes", () => {
    expect(due("within 7 days", "2026-03-27")).toBe("2026-04-03");
    expect(due("within 2 days", "2026-10-24")).toBe("2026-10-26");
    expect(due("within 1 day", "2027-03-28")).toBe("2027-03-29");
    expect(due("within 1 day", "2027-10-31")).toBe("2027-11-01");
  });

  it("counts days across the 2028 leap day", () => {
    expect(due("within 2 days", "2028-02-28")).toBe("2028-03-01");
  });
});

describe("findTimeframe: days of the week and relative words", () => {
  it.each([
    ["Please action by tomorrow", MONDAY, "2026-11-24", "by tomorrow"],
    ["Needed before tmrw", MONDAY, "2026-11-24", "before tmrw"],
    ["Please action by end of day", MONDAY, MONDAY, "by end of day"],
    ["Please action by the end of the day", MONDAY, MONDAY, "by the end of the day"],
    ["Please action by close of play", MONDAY, MONDAY, "by close of play"],
    ["Please action by COB", MONDAY, MONDAY, "by COB"],
    ["Please action by today", MONDAY, MONDAY, "by today"],
    ["Please action by the end of the week", MONDAY, "2026-11-27", "end of the week: Friday"],
    ["Please action by end of this week", "2026-11-25", "2026-11-27", "end of this week"],
    ["Pls inform pt by end of week", MONDAY, "2026-11-27", "end of week: this week's Friday"],
    ["Please action by the end of next week", MONDAY, "2026-12-04", "end of next week"],
    ["pls repeat CRP end of the week", MONDAY, "2026-11-27", "end of the week with no lead"],
    ["pls see her end of next wk", MONDAY, "2026-12-04", "end of next wk with no lead"],
    ["Pls can GP see him within the week", MONDAY, "2026-11-27", "within the week: this Friday"],
    ["Dressings pls, stock runs out end of week", MONDAY, "2026-11-27", "runs out end of week"],
    ["can u do a script b4 the wknd pls", MONDAY, "2026-11-27", "b4 the wknd: shorthand"],
    [
      "Script pls, she'll run out over the weekend",
      MONDAY,
      "2026-11-27",
      "runs out over the weekend",
    ],
    [
      "Script pls, she'll run out of her apixaban over the weekend",
      MONDAY,
      "2026-11-27",
      "runs out, naming what, over the weekend",
    ],
    ["Pls remove sutures on or around 30/11", MONDAY, "2026-11-30", "on or around a date"],
    [
      "Pt needs clips removed 30/11 (day 12) - please arrange with practice nurse",
      MONDAY,
      "2026-11-30",
      "a removal's date with no lead word",
    ],
    [
      "Please action by the end of next week",
      "2026-11-28",
      "2026-12-04",
      "end of next week, from a Saturday",
    ],
    [
      "Please action by the end of next week",
      "2026-11-29",
      "2026-12-04",
      "end of next week, from a Sunday",
    ],
    [
      "Please action by the end of the week",
      "2026-11-28",
      "2026-11-28",
      "end of the week on a Saturday: today",
    ],
    [
      "Can GP visit this week please",
      "2026-11-29",
      "2026-12-04",
      "this week, from a Sunday: the week ahead",
    ],
    [
      "Can GP visit this week please",
      "2026-11-28",
      "2026-12-04",
      "this week, from a Saturday: the week ahead",
    ],
    ["Please action by next week", MONDAY, "2026-11-30", "by next week: its Monday"],
    ["Please action by next week", "2026-11-27", "2026-11-30", "by next week, from a Friday"],
    ["Please action by Friday", MONDAY, "2026-11-27", "by <weekday> later this week"],
    ["Please action by Monday", MONDAY, "2026-11-30", "by the same weekday: a week on"],
    ["Please action no later than Wednesday", MONDAY, "2026-11-25", "no later than <weekday>"],
    ["Please action before Sunday", MONDAY, "2026-11-29", "before <weekday>"],
    ["Please action by Tuesday", "2026-11-27", "2026-12-01", "by <weekday> into next week"],
    ["pls send by Fri", MONDAY, "2026-11-27", "a short weekday name after a lead word"],
    ["Please review on Weds", MONDAY, "2026-11-25", "a short name after 'on'"],
    ["Pls r/v pt Monday", "2026-11-29", "2026-11-30", "a full weekday name alone, in an ask"],
    ["can u do her bloods tues", MONDAY, "2026-11-24", "a short name of four letters alone"],
    ["pls do bloods w/c 30/11", MONDAY, "2026-11-30", "week commencing a date"],
  ])("%j sent %s is due on %s (%s)", (body, sentOn, dueOn) => {
    expect(due(body, sentOn)).toBe(dueOn);
  });

  it.each([
    "I visited him at home last Thursday, please review his sputum result",
    "Unwell since Monday, pls review",
    "Seen this past Friday, can you check her BP",
  ])("a weekday gone by is no due date: %j", (body) => {
    expect(due(body, MONDAY)).toBeUndefined();
  });
});

describe("findTimeframe: written dates", () => {
  it.each([
    ["by 01/12/2026", "dd/mm/yyyy"],
    ["by 1/12/2026", "d/mm/yyyy"],
    ["by 1.12.2026", "d.mm.yyyy"],
    ["by 1-12-26", "d-mm-yy"],
    ["by 2026-12-01", "ISO"],
    ["by 1 December 2026", "day month year"],
    ["by 1st December", "ordinal day month, no year"],
    ["by the 1st of Dec", "the 1st of Mon"],
    ["by December 1", "month day"],
    ["by Dec 1st, 2026", "Mon 1st, year"],
    ["due on 1 December", "due on"],
    ["due by 01/12/2026", "due by"],
    ["no later than 1/12/2026", "no later than"],
    ["deadline of 2026-12-01", "deadline of"],
  ])("%j is due on 1 December 2026 (%s)", (phrase) => {
    expect(due(`Please review the patient ${phrase}.`)).toBe("2026-12-01");
  });

  it("keeps the next date asked for when the earliest has gone, for review", () => {
    const read = findTimeframe(
      "A repeat fell due 2026-11-02 and has not been done. Please arrange by 2026-11-24.",
      MONDAY,
    );
    expect(read?.dueOn).toBe("2026-11-02");
    expect(read?.nextOn).toBe("2026-11-24");
    expect(findTimeframe("Please arrange by 2026-11-24.", MONDAY)?.nextOn).toBeUndefined();
  });

  it("reads a date after 'before' as met the day before it, never before the day sent", () => {
    expect(due("Please review the patient before 1 December 2026.")).toBe("2026-11-30");
    expect(due("Fit note needed before 25/12 for his employer", "2026-12-23")).toBe("2026-12-24");
    expect(due("Please prescribe before 23/11 please")).toBe("2026-11-23");
    expect(due("Please prescribe by 25/11 please")).toBe("2026-11-25");
  });

  it("reads 'until' as a due date only for how long a supply lasts, not for a period's end", () => {
    expect(due("TTOs only cover her until 1 Dec, please continue.")).toBe("2026-12-01");
    expect(due("Has enough to last until 1/12/2026, pls issue.")).toBe("2026-12-01");
    expect(due("Needs a sick note for four weeks until 1 Dec please.")).toBeUndefined();
    expect(due("Please hold the repeat until 1 Dec.")).toBeUndefined();
  });

  it("reads a date without a year as the next such date from a month before sending", () => {
    expect(due("by 1 March")).toBe("2027-03-01");
    expect(due("by 23 November")).toBe("2026-11-23");
    // A day just gone is overdue; one more than a month back is next year's.
    expect(due("by 22 November")).toBe("2026-11-22");
    expect(due("by 22 October")).toBe("2027-10-22");
    expect(due("by 29 February", "2027-11-23")).toBe("2028-02-29");
  });

  it("ignores dates that do not exist", () => {
    expect(due("by 30/02/2027")).toBeUndefined();
    expect(due("by 31 April 2027")).toBeUndefined();
    expect(due("by 2027-02-29")).toBeUndefined();
    expect(due("by 32/12/2026")).toBeUndefined();
    expect(due("by 29 February")).toBeUndefined();
  });

  it("reads 29 February in a leap year", () => {
    expect(due("by 29/02/2028")).toBe("2028-02-29");
  });

  it("keeps a date already past, so an overdue action counts", () => {
    expect(due("by 20/11/2026")).toBe("2026-11-20");
  });

  it("reads a week or a day after a deadline word in any clause: B12 inj, due this week", () => {
    const notAsking = { accept: () => false };
    expect(findTimeframe("pls do B12 inj, due this week", MONDAY, notAsking)?.dueOn).toBe(
      "2026-11-27",
    );
    expect(findTimeframe("Seen this week in clinic", MONDAY, notAsking)).toBeUndefined();
    expect(due("Pls refer to TIA clinic within 24h")).toBe("2026-11-24");
  });

  it("reads 'due Mon' and 'By end of the month' as deadlines in any clause", () => {
    const notAsking = { words: defaultRuleset().timeframes, accept: () => false };
    expect(findTimeframe("first change due Mon 30/11", MONDAY, notAsking)?.dueOn).toBe(
      "2026-11-30",
    );
    expect(
      findTimeframe("pls tell pt CT normal. By end of the month if poss", MONDAY, notAsking)?.dueOn,
    ).toBe("2026-11-30");
    expect(findTimeframe("seen at the end of the month", MONDAY, notAsking)).toBeUndefined();
    expect(
      findTimeframe("fit note runs out at the end of the month", MONDAY, notAsking)?.dueOn,
    ).toBe("2026-11-30");
  });

  it("reads the end or middle of a named month, the next such month from sending", () => {
    expect(due("please review by end of Jan")).toBe("2027-01-31");
    expect(due("pls repeat bloods by mid-December")).toBe("2026-12-15");
    expect(due("before the end of November please")).toBe("2026-11-30");
    // Sent on the 23rd: the middle of "the month" is next month's 15th.
    expect(due("please do by mid-month")).toBe("2026-12-15");
  });

  it("reads close-of-day words, 'due date' and 'this side of' a named day", () => {
    expect(due("please send by end of play")).toBe(MONDAY);
    expect(due("pls ring pt by lunchtime")).toBe(MONDAY);
    expect(due("he is on Lantus and has none at home for tonight")).toBe(MONDAY);
    expect(due("form due date 10/12, please complete")).toBe("2026-12-10");
    expect(due("please prescribe this side of Christmas")).toBe("2026-12-25");
    expect(due("please could she have repeat U&E w/c 7th")).toBe("2026-12-07");
  });

  it("reads a weekday after the words for running out, and after 'from' in an ask", () => {
    const words = defaultRuleset().timeframes;
    const notAsking = { words, accept: () => false };
    // Monday 23 November: Saturday is the 28th, Thursday the 26th.
    expect(
      findTimeframe("pls issue further supply, pt will run out Sat", MONDAY, notAsking)?.dueOn,
    ).toBe("2026-11-28");
    // A word of approximation between: "will last till about Sunday".
    expect(
      findTimeframe("1 pen left, will last till about Sunday. pls issue", MONDAY, notAsking)?.dueOn,
    ).toBe("2026-11-29");
    expect(findTimeframe("GP to restart warfarin from Thurs", MONDAY, { words })?.dueOn).toBe(
      "2026-11-26",
    );
  });

  it("reads a date a few words after 'due' in any clause, but not after 'due to'", () => {
    const words = defaultRuleset().timeframes;
    const notAsking = { words, accept: () => false };
    // Monday 23 November.
    expect(
      findTimeframe(
        "pt is mobile, due her hydroxocobalamin 02/12, could the nurse give it",
        MONDAY,
        {
          words,
        },
      )?.dueOn,
    ).toBe("2026-12-02");
    expect(findTimeframe("B12 injection due for pt 30/11", MONDAY, notAsking)?.dueOn).toBe(
      "2026-11-30",
    );
    expect(findTimeframe("visit delayed due to staff sickness 25/11", MONDAY, { words })).toBe(
      undefined,
    );
    // A day's word after "due" is that day; a day counted from is not.
    expect(
      findTimeframe("pls send script, she is due her dose tonight", MONDAY, notAsking),
    ).toEqual({ dueOn: MONDAY, text: "due her dose tonight" });
    expect(
      findTimeframe("catheter changes 12 weekly, first due 12 wks from today", MONDAY, notAsking),
    ).toBe(undefined);
    // "tonight's dose" is tonight, where the clause asks.
    expect(
      findTimeframe("pls issue insulin so she does not miss tonight's dose", MONDAY, { words })
        ?.dueOn,
    ).toBe(MONDAY);
  });

  it("reads a bare today after an event's words as when it happened: as per nurse clinic today", () => {
    const words = defaultRuleset().timeframes;
    expect(
      findTimeframe("please prescribe solifenacin as per nurse clinic today", MONDAY, { words }),
    ).toBeUndefined();
    expect(findTimeframe("Pls refer to TIA clinic today", MONDAY, { words })?.dueOn).toBe(MONDAY);
    // An appointment asked for today is when it is due; one attended today is not.
    expect(findTimeframe("Pls arrange appt today", MONDAY, { words })?.dueOn).toBe(MONDAY);
    expect(findTimeframe("pls review, seen at appt today", MONDAY, { words })).toBeUndefined();
  });

  it("reads 'enough to' a date as when a supply runs out, and 'the next working day' as tomorrow", () => {
    expect(due("Pt has enough to 03/12. GP please issue prescription ASAP")).toBe("2026-12-03");
    expect(due("Please issue prescription on the next working day")).toBe("2026-11-24");
  });

  it("reads a bare today after a visit's words as when it happened: patient in today asking", () => {
    expect(
      due("Patient in today asking for her inhaler, can it be re-added please"),
    ).toBeUndefined();
    expect(due("can you fit him in today please")).toBe(MONDAY);
  });

  it("reads a bare today after a reading's value as the day of the reading: INR 2.6 today", () => {
    expect(due("Pls inform pt INR 2.6 today, continue same warfarin dose")).toBeUndefined();
    expect(due("pls book for BP check next month, 138/88 today")).not.toBe(MONDAY);
    // A dose is not a reading: "take 2.5mg today" is when it is due.
    expect(due("pls ring pt to take 2.5mg today")).toBe(MONDAY);
  });

  it("reads 'tonight' after the sender could not act as when that was, not when the ask is due", () => {
    const words = defaultRuleset().timeframes;
    const read = (body: string) => findTimeframe(body, MONDAY, { words })?.dueOn;
    expect(read("GP to provide sick note pls as we couldnt print one tonight")).toBeUndefined();
    expect(read("pls issue fitnote as we were unable to do one today")).toBeUndefined();
    expect(read("pls issue a fit note tonight")).toBe(MONDAY);
  });

  it("reads a short 'Mon' alone in an ask, but not a dosing schedule of days", () => {
    const words = defaultRuleset().timeframes;
    const read = (body: string) => findTimeframe(body, "2026-11-19", { words })?.dueOn;
    expect(read("Pls can GP visit Mon to review")).toBe(MONDAY);
    expect(read("Could own GP r/v chest Mon/Tues if not improving")).toBe(MONDAY);
    expect(read("pls prescribe co-trimoxazole 480mg mon/wed/fri for 1 year")).toBeUndefined();
  });

  it("reads a duration with a word of approximation before its number", () => {
    expect(due("Please book a wound check in about 10 days.")).toBe("2026-12-03");
    expect(due("pls repeat U&E within approx 1/52")).toBe("2026-11-30");
  });

  it('reads a date after "on" only where the clause asks (the `accept` test)', () => {
    const notAsking = { accept: () => false };
    expect(findTimeframe("Seen in clinic on 1 December 2026.", MONDAY, notAsking)).toBeUndefined();
    expect(due("Please remove sutures on 1 December 2026.")).toBe("2026-12-01");
    // A date already past is no event to come.
    expect(due("Please prescribe, seen on 20 November 2026.")).toBeUndefined();
  });
});

describe("findTimeframe: what is not a due date", () => {
  it.each([
    ["Seen 2 weeks ago with chest pain.", "N weeks ago"],
    ["Symptoms within the last 2 weeks.", "within the last N weeks"],
    ["Admitted in the 2 weeks before surgery.", "in the N weeks before"],
    ["Bloods were taken in 3 days earlier.", "in N days earlier"],
    ["Cough over 2 weeks, please review.", "over N weeks: how long, not by when"],
    ["Headaches over the 3 days since the fall.", "over the N days"],
    ["Please review.", "no timeframe at all"],
    ["Seen in 2026 for the same.", "a year is not a duration"],
  ])("%j has no due date (%s)", (body) => {
    expect(findTimeframe(body, MONDAY)).toBeUndefined();
  });
});

describe("findTimeframe: a period after 'at', only where the clause asks", () => {
  it("reads 'at 10-14 days' in an ask by its nearer end", () => {
    expect(due("Please arrange removal of clips at 10-14 days.")).toBe("2026-12-03");
    expect(due("Wound check at practice at 7 days pls")).toBe("2026-11-30");
  });

  it("reads no due date where the clause states a result", () => {
    const statement = { accept: () => false };
    expect(
      findTimeframe("Blood cultures: no growth at 5 days.", MONDAY, statement),
    ).toBeUndefined();
  });

  it("reads no age or gestation as a due date", () => {
    expect(due("Seen at 5 days old, please review.")).toBeUndefined();
    expect(due("Please book BP check, she is at 36 weeks pregnant.")).toBeUndefined();
  });

  it("reads a bare period after a wound-care word: 'suture removal 7/7'", () => {
    expect(due("GP to book pt in for suture removal 7/7 pls")).toBe("2026-11-30");
  });
});

describe("findTimeframe: 'today' after a reference to an event", () => {
  it("reads 'as per ... today' as the day of the event, unless the word is shouted", () => {
    expect(due("Please add Trelegy to repeats as per clinic r/v today.")).toBeUndefined();
    expect(due("Please prescribe melatonin as agreed at continence clinic today.")).toBeUndefined();
    expect(due("pls can GP issue meds as per d/c letter TODAY")).toBe(MONDAY);
    expect(due("Please prescribe melatonin today as agreed at clinic.")).toBe(MONDAY);
  });
});

describe("findTimeframe: a day told as past, and a clock time tomorrow", () => {
  it("reads a day followed by 'was' or 'were' as past", () => {
    expect(due("Pls let her know her INR from Tuesday was 2.4")).toBeUndefined();
    expect(due("Pls let him know his bloods today were normal")).toBeUndefined();
    expect(due("Pls r/v Tuesday")).toBe("2026-11-24");
  });

  it("reads 'today' followed by a value as the day of a reading, not a time", () => {
    expect(due("Please tell pt INR today 2.2, dose stays 5mg")).toBeUndefined();
    expect(due("Please see her today 2.30pm")).toBe(MONDAY);
    expect(due("Please ring the pharmacy today 01964 000321")).toBe(MONDAY);
  });

  it("reads a clock time followed by 'tomorrow' as tomorrow's", () => {
    expect(due("Please send the summary by 9am tomorrow")).toBe("2026-11-24");
    expect(due("Please send by 12:00 tomorrow")).toBe("2026-11-24");
    expect(due("Please send by 5pm")).toBe(MONDAY);
  });
});

describe("findTimeframe: an ask due before an event named earlier", () => {
  it("reads 'beforehand' and 'before surgery' as due by the event's date", () => {
    expect(due("Booked for extraction on 2nd Dec. Please check INR beforehand.")).toBe(
      "2026-12-02",
    );
    expect(due("Listed for TKR 30/11. Can the practice arrange bloods before surgery?")).toBe(
      "2026-11-30",
    );
  });

  it("points to the date written before it, not to a time of day told on the way", () => {
    const body =
      "Strategy meeting held 11:00 today. ICPC on 3/12. Please send records before the conference.";
    // As the reading of a task does: bare words count only where the sentence asks.
    const asks = { accept: (index: number) => index >= body.indexOf("Please") };
    // For review, the sooner of the two: the time told on the way.
    expect(findTimeframe(body, MONDAY, asks)).toMatchObject({
      dueOn: "2026-12-03",
      soonestOn: MONDAY,
    });
  });
});

describe("findTimeframe: an ask due before an event named after it", () => {
  it("reads the event's date a few words after the lead", () => {
    expect(due("Please send the report before our panel 27/11")).toBe("2026-11-27");
    expect(due("Can the nurse do an ECG before date of surgery 1/12/26")).toBe("2026-12-01");
    expect(due("Please share information for initial child protection conference 4/12")).toBe(
      "2026-12-04",
    );
  });

  it("does not read a start or a length of time as the event", () => {
    expect(due("Please issue a fit note for 4 weeks from discharge date 20/11")).toBeUndefined();
  });
});

describe("findTimeframe: a week a few words after 'due'", () => {
  // Not where the clause asks: only a deadline word makes the week the ask's.
  const led = (body: string) => findTimeframe(body, MONDAY, { accept: () => false })?.dueOn;

  it("reads the week something is due in, as after a deadline word", () => {
    // Monday 23/11: the working week ends on Friday 27/11, the next on 4/12.
    expect(led("His catheter is due to be changed this week. Please can you arrange?")).toBe(
      "2026-11-27",
    );
    expect(led("She is due her B12 next week, can the practice nurse give it please")).toBe(
      "2026-12-04",
    );
  });

  it("does not read 'due to' a cause as a due date", () => {
    expect(led("Off work due to back pain this week, please issue a fit note")).toBeUndefined();
  });
});

describe("findTimeframe: a deadline just gone", () => {
  it("reads a date a few days back after a deadline word as overdue, not next year's", () => {
    expect(due("Please update the repeat and issue by 20/11 when the TTO runs out")).toBe(
      "2026-11-20",
    );
    expect(due("Repeat U&E was due 16/11, please arrange")).toBe("2026-11-16");
  });
});

describe("findTimeframe: the earliest timeframe wins", () => {
  it("takes the earliest of several, whatever their order in the body", () => {
    expect(
      findTimeframe("Please review by Friday, and repeat bloods within 2 days.", MONDAY),
    ).toEqual({ dueOn: "2026-11-25", text: "within 2 days" });
    expect(findTimeframe("Within 2 weeks, or by 1 December at the latest.", MONDAY)).toEqual({
      dueOn: "2026-12-01",
      text: "by 1 December",
    });
  });

  it("gives that day when two timeframes agree", () => {
    expect(due("By tomorrow, that is within 1 day.")).toBe("2026-11-24");
  });
});

describe("findTimeframe: the words are the ruleset's", () => {
  const words = defaultRuleset().timeframes;
  if (words === undefined) throw new Error("the default ruleset lost its timeframes");

  it("reads a singular 'hr' as hours on its own, as it reads 'hrs'", () => {
    expect(due("Please review within 12 hr")).toBe("2026-11-23");
    expect(due("Please review within 12 hrs")).toBe("2026-11-23");
  });

  it("reads a number word and a unit that a ruleset adds, and not a word it leaves out", () => {
    const more = {
      ...words,
      numbers: { ...words.numbers, fifteen: 15 },
      units: { ...words.units, sennight: "weeks" as const },
    };
    expect(findTimeframe("Review within fifteen days", MONDAY, { words: more })?.dueOn).toBe(
      "2026-12-08",
    );
    expect(findTimeframe("Review within 2 sennights", MONDAY, { words: more })?.dueOn).toBe(
      "2026-12-07",
    );
    expect(findTimeframe("Review within fifteen days", MONDAY)).toBeUndefined();
    const noEod = { ...words, endOfDay: words.endOfDay.filter((w) => w !== "eod") };
    expect(findTimeframe("Reply by EOD", MONDAY)?.dueOn).toBe(MONDAY);
    expect(findTimeframe("Reply by EOD", MONDAY, { words: noEod })).toBeUndefined();
  });

  it("reads a lead before a day in the ruleset's words (dayLeads, deadline)", () => {
    // In a clause that does not ask, only a lead makes "tonight" a deadline.
    const statement = { accept: () => false };
    const { dayLeads: _leads, ...noDayLeads } = words;
    expect(findTimeframe("Needed for tonight", MONDAY, { ...statement, words })?.dueOn).toBe(
      MONDAY,
    );
    expect(
      findTimeframe("Needed for tonight", MONDAY, { ...statement, words: noDayLeads }),
    ).toBeUndefined();
    const ahead = { ...words, deadline: [...words.deadline, "ahead of"] };
    const body = "Needs doing ahead of Thursday";
    expect(findTimeframe(body, MONDAY, { ...statement, words })).toBeUndefined();
    expect(findTimeframe(body, MONDAY, { ...statement, words: ahead })?.dueOn).toBe("2026-11-26");
  });

  it("reads the end of a week and a weekend only in the ruleset's words for them", () => {
    const body = "Please send the script by the weekend";
    expect(findTimeframe(body, MONDAY, { words })?.dueOn).toBe("2026-11-27");
    const { weekEndLeads: _leads, weekend: _weekend, ...none } = words;
    expect(findTimeframe(body, MONDAY, { words: none })).toBeUndefined();
    // "Within the week" is no lead's and no weekend's.
    expect(findTimeframe("Please review within the week", MONDAY, { words: none })?.dueOn).toBe(
      "2026-11-27",
    );
  });

  it("refuses a ruleset whose timeframe phrase is not plain words, naming its path", () => {
    const main = defaultRulesetFiles["ruleset.json"] as { timeframes: Record<string, unknown> };
    const files = {
      ...defaultRulesetFiles,
      "ruleset.json": { ...main, timeframes: { ...main.timeframes, tomorrow: ["tmrw|.*"] } },
    };
    expect(() => buildRuleset(files)).toThrow(RulesetError);
    try {
      buildRuleset(files);
    } catch (error) {
      expect((error as RulesetError).issues.map((i) => i.path)).toContain("timeframes.tomorrow[0]");
    }
  });

  it("refuses a named day that is not its month and day, naming its path", () => {
    const main = defaultRulesetFiles["ruleset.json"] as { timeframes: Record<string, unknown> };
    const files = {
      ...defaultRulesetFiles,
      "ruleset.json": { ...main, timeframes: { ...main.timeframes, namedDays: { xmas: "25-12" } } },
    };
    let issues: { path: string; message: string }[] = [];
    try {
      buildRuleset(files);
    } catch (error) {
      issues = (error as RulesetError).issues;
    }
    expect(issues.map((i) => i.path)).toContain("timeframes.namedDays.xmas");
    expect(issues.find((i) => i.path === "timeframes.namedDays.xmas")?.message).toMatch(/MM-DD/);
  });
});
