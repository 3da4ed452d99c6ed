import { describe, expect, it } from "vitest";
import { DATE_SOURCE, hasDateOrTime, readDate } from "../../src/facts/dates-in-text.js";

const groupsOf = (text: string): string[] => {
  const match = new RegExp(DATE_SOURCE, "i").exec(text);
  if (match === null) throw new Error(`no date in ${JSON.stringify(text)}`);
  return [...match];
};
const read = (text: string, onOrAfter = "2026-11-23") => readDate(groupsOf(text), onOrAfter);

describe("hasDateOrTime", () => {
  it.each([
    ["(23/11/2026 10:05)", "a date and a time"],
    ["on 2026-11-23", "an ISO date"],
    ["on 1st Dec", "an ordinal day and a short month"],
    ["on December 1", "a month and a day"],
    ["at 14:30", "a 24-hour time"],
    ["at 09.00", "a time with a dot"],
    ["at 2pm", "a time with pm"],
    ["at 2:30 pm", "a time with a space before pm"],
  ])("finds %j (%s)", (text) => {
    expect(hasDateOrTime(text)).toBe(true);
  });

  it.each([
    ["see my recent journal entry", "no date or time"],
    ["at 25:00", "an hour that does not exist"],
    ["on 2026", "a year alone"],
  ])("finds nothing in %j (%s)", (text) => {
    expect(hasDateOrTime(text)).toBe(false);
  });
});

describe("readDate", () => {
  it.each([
    ["23/11/2026", "2026-11-23"],
    ["1.12.26", "2026-12-01"],
    ["2026-12-01", "2026-12-01"],
    ["1 December 2026", "2026-12-01"],
    ["1st of Dec", "2026-12-01"],
    ["Sept 3rd", "2027-09-03"],
    ["December 1, 2027", "2027-12-01"],
  ])("reads %j as %s", (text, date) => {
    expect(read(text)).toBe(date);
  });

  it("reads a date without a year as the next one on or after the given date", () => {
    expect(read("23 November")).toBe("2026-11-23");
    expect(read("22 November")).toBe("2027-11-22");
    expect(read("1 January", "2026-12-31")).toBe("2027-01-01");
  });

  it("gives undefined for dates that do not exist", () => {
    expect(read("30/02/2026")).toBeUndefined();
    expect(read("29 February 2027")).toBeUndefined();
    expect(read("31/04/2026")).toBeUndefined();
    expect(read("00/12/2026")).toBeUndefined();
    expect(read("12/13/2026")).toBeUndefined();
  });

  it("reads 29 February in a leap year, with or without the year", () => {
    expect(read("29/02/2028")).toBe("2028-02-29");
    expect(read("29 Feb", "2027-11-23")).toBe("2028-02-29");
  });

  it("reads numeric dates day first (UK), so 01/12 is 1 December", () => {
    expect(read("01/12/2026")).toBe("2026-12-01");
  });
});
