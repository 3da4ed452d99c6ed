import { describe, expect, it } from "vitest";
import {
  daysBetween,
  dueDate,
  formatLongDate,
  isoWeekday,
  londonDate,
  plusDays,
  plusMonths,
} from "../../src/facts/calendar.js";

// Every expectation here is a Europe/London calendar fact; the suite runs under several process
// time zones (TZ=Europe/London, America/Los_Angeles, Pacific/Auckland, UTC) and must agree.

describe("londonDate: the London calendar date of an instant", () => {
  it.each([
    // 29 March 2026: clocks go forward at 01:00 UTC (01:00 GMT → 02:00 BST).
    ["2026-03-28T23:30:00Z", "2026-03-28", "the night before spring 2026, still GMT"],
    ["2026-03-29T00:59:59Z", "2026-03-29", "the last second of GMT, 29 Mar 2026"],
    ["2026-03-29T01:00:00Z", "2026-03-29", "the first second of BST, 29 Mar 2026"],
    ["2026-03-29T22:59:59Z", "2026-03-29", "23:59:59 BST on the day of the change"],
    ["2026-03-29T23:00:00Z", "2026-03-30", "23:00 UTC is midnight BST: the next London day"],
    // 25 October 2026: clocks go back at 01:00 UTC (02:00 BST → 01:00 GMT).
    ["2026-10-24T22:59:59Z", "2026-10-24", "23:59:59 BST the night before autumn 2026"],
    ["2026-10-24T23:00:00Z", "2026-10-25", "midnight BST, 25 Oct 2026"],
    ["2026-10-25T00:30:00Z", "2026-10-25", "01:30 BST, the first of the repeated hour"],
    ["2026-10-25T01:30:00Z", "2026-10-25", "01:30 GMT, the second of the repeated hour"],
    ["2026-10-25T23:30:00Z", "2026-10-25", "23:30 GMT after the change, same day"],
    // 28 March 2027 and 31 October 2027.
    ["2027-03-27T23:30:00Z", "2027-03-27", "the night before spring 2027, still GMT"],
    ["2027-03-28T22:59:59Z", "2027-03-28", "23:59:59 BST on 28 Mar 2027"],
    ["2027-03-28T23:00:00Z", "2027-03-29", "midnight BST after spring 2027"],
    ["2027-10-30T22:59:59Z", "2027-10-30", "23:59:59 BST the night before autumn 2027"],
    ["2027-10-30T23:00:00Z", "2027-10-31", "midnight BST, 31 Oct 2027"],
    ["2027-10-31T23:30:00Z", "2027-10-31", "23:30 GMT after the change, same day"],
    // Midnight in London versus UTC.
    ["2026-05-31T23:30:00Z", "2026-06-01", "summer: 23:30 UTC is 00:30 BST the next day"],
    ["2026-11-30T23:30:00Z", "2026-11-30", "winter: 23:30 UTC is 23:30 GMT the same day"],
    ["2026-12-01T00:00:00Z", "2026-12-01", "winter: midnight UTC is midnight GMT"],
    ["2026-12-01T00:30:00+01:00", "2026-11-30", "an offset east of London, read in London"],
    ["2026-11-30T19:00:00-05:00", "2026-12-01", "an offset west of London, read in London"],
    ["2026-07-01T08:00:00+09:00", "2026-07-01", "an offset far east, 00:00 BST"],
    // Year end and leap days.
    ["2026-12-31T23:59:59Z", "2026-12-31", "the last second of 2026 in London"],
    ["2026-12-31T23:59:59-01:00", "2027-01-01", "an instant already in 2027 in London"],
    ["2027-01-01T00:30:00+01:00", "2026-12-31", "an instant still in 2026 in London"],
    ["2028-02-28T23:59:59Z", "2028-02-28", "the eve of the 2028 leap day"],
    ["2028-02-29T00:00:00Z", "2028-02-29", "the 2028 leap day"],
    ["2028-02-29T23:59:59Z", "2028-02-29", "the end of the 2028 leap day"],
    ["2028-03-01T00:00:00Z", "2028-03-01", "the day after the 2028 leap day"],
  ])("%s is %s in London (%s)", (instant, date) => {
    expect(londonDate(instant)).toBe(date);
  });
});

describe("dueDate: the London date of a dueBy", () => {
  it("keeps a calendar date as it is", () => {
    expect(dueDate("2026-03-29")).toBe("2026-03-29");
    expect(dueDate("2028-02-29")).toBe("2028-02-29");
  });

  it("reads a date-time without an offset as London wall time, whatever the process TZ", () => {
    expect(dueDate("2026-03-29T00:30:00")).toBe("2026-03-29");
    expect(dueDate("2026-10-25T23:59")).toBe("2026-10-25");
    expect(dueDate("2026-12-31T23:59:59")).toBe("2026-12-31");
  });

  it("converts a date-time with Z or an offset to London before taking its date", () => {
    expect(dueDate("2026-06-30T23:30:00Z")).toBe("2026-07-01");
    expect(dueDate("2026-12-01T00:30:00+01:00")).toBe("2026-11-30");
    expect(dueDate("2027-10-30T23:00:00Z")).toBe("2027-10-31");
    expect(dueDate("2027-10-30T22:59:59.999Z")).toBe("2027-10-30");
  });
});

describe("daysBetween: calendar days between London dates", () => {
  it.each([
    ["2026-03-28", "2026-03-30", 2, "across the spring 2026 change (a 23-hour day)"],
    ["2026-03-29", "2026-03-30", 1, "from the short day itself"],
    ["2026-10-24", "2026-10-26", 2, "across the autumn 2026 change (a 25-hour day)"],
    ["2026-10-25", "2026-10-26", 1, "from the long day itself"],
    ["2027-03-27", "2027-03-29", 2, "across the spring 2027 change"],
    ["2027-10-30", "2027-11-01", 2, "across the autumn 2027 change"],
    ["2026-03-01", "2026-11-01", 245, "across both 2026 changes"],
    ["2026-11-23", "2026-11-23", 0, "the same day"],
    ["2026-11-30", "2026-11-23", -7, "backwards, negative"],
    ["2026-12-31", "2027-01-01", 1, "across the year end"],
    ["2028-02-28", "2028-03-01", 2, "across the 2028 leap day"],
    ["2027-02-28", "2027-03-01", 1, "in February 2027, which has no leap day"],
    ["2028-01-01", "2029-01-01", 366, "a leap year"],
    ["2027-01-01", "2028-01-01", 365, "a common year"],
  ])("%s to %s is %i days (%s)", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe("plusDays and plusMonths: London calendar arithmetic", () => {
  it.each([
    ["2026-03-28", 1, "2026-03-29", "onto the spring 2026 change"],
    ["2026-03-28", 2, "2026-03-30", "over the spring 2026 change"],
    ["2026-10-24", 1, "2026-10-25", "onto the autumn 2026 change"],
    ["2026-10-25", 1, "2026-10-26", "off the 25-hour day"],
    ["2027-03-28", 1, "2027-03-29", "off the spring 2027 change"],
    ["2027-10-31", 1, "2027-11-01", "off the autumn 2027 change"],
    ["2026-12-31", 1, "2027-01-01", "over the year end"],
    ["2028-02-28", 1, "2028-02-29", "onto the 2028 leap day"],
    ["2027-02-28", 1, "2027-03-01", "past February 2027"],
    ["2026-11-23", 14, "2026-12-07", "fourteen days"],
    ["2026-11-23", -30, "2026-10-24", "backwards over the autumn change"],
  ])("%s plus %i days is %s (%s)", (from, days, to) => {
    expect(plusDays(from, days)).toBe(to);
  });

  it.each([
    ["2026-01-31", 1, "2026-02-28", "to the end of a short February"],
    ["2028-01-31", 1, "2028-02-29", "to a leap day"],
    ["2026-03-29", 1, "2026-04-29", "from a clock-change day"],
    ["2026-11-23", 2, "2027-01-23", "over the year end"],
  ])("%s plus %i months is %s (%s)", (from, months, to) => {
    expect(plusMonths(from, months)).toBe(to);
  });
});

describe("isoWeekday", () => {
  it.each([
    ["2026-11-23", 1, "Monday"],
    ["2026-11-27", 5, "Friday"],
    ["2026-03-29", 7, "Sunday (spring 2026 change)"],
    ["2026-10-25", 7, "Sunday (autumn 2026 change)"],
    ["2027-03-28", 7, "Sunday (spring 2027 change)"],
    ["2027-10-31", 7, "Sunday (autumn 2027 change)"],
    ["2028-02-29", 2, "Tuesday (leap day)"],
  ])("%s is ISO weekday %i, a %s", (date, day) => {
    expect(isoWeekday(date)).toBe(day);
  });
});

describe("formatLongDate", () => {
  it.each([
    ["2026-12-01", "1 December 2026"],
    ["2026-03-29", "29 March 2026"],
    ["2027-01-01", "1 January 2027"],
    ["2026-12-31", "31 December 2026"],
    ["2028-02-29", "29 February 2028"],
  ])("writes %s as %s, whatever the process TZ", (date, text) => {
    expect(formatLongDate(date)).toBe(text);
  });
});
