/**
 * Dates and times written in task bodies: "23/11/2026", "2026-11-23", "1 December 2026",
 * "1st Dec", "December 1", "14:30", "2.30pm". Regular expressions here are bounded and have
 * no nested quantifiers, so they run in linear time over hostile input.
 */
import { calendarDate, isCalendarDate } from "./calendar.js";

export const MONTHS = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
];
export const MONTH_SOURCE =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/** dd/mm/yyyy, dd-mm-yy, dd.mm.yyyy */
const numeric = "(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4}|\\d{2})(?!\\d)";
/** dd/mm with no year: the next such date (groups 13 and 14) */
const dayMonthNumeric = "(\\d{1,2})/(\\d{1,2})(?![\\d/]|\\.\\d)";
/** yyyy-mm-dd */
const iso = "(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)";
/** 1 December 2026, 1st of Dec */
const dayMonth = `(\\d{1,2})(?:st|nd|rd|th)?\\s(?:of\\s)?${MONTH_SOURCE}\\b(?:,?\\s(\\d{4})\\b)?`;
/** December 1, Dec 1st 2026 */
const monthDay = `${MONTH_SOURCE}\\s(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s(\\d{4})\\b)?`;

/** Any written date (source for building other patterns). */
export const DATE_SOURCE = `(?:${numeric}|${iso}|${dayMonth}|${monthDay}|${dayMonthNumeric})`;
/** A time of day: 14:30, 09.00, 2pm, 2:30 pm. */
export const TIME_SOURCE =
  "(?:\\b(?:[01]?\\d|2[0-3])[:.][0-5]\\d\\b|\\b\\d{1,2}(?:[:.][0-5]\\d)?\\s?(?:am|pm)\\b)";

const dateOrTime = new RegExp(`${DATE_SOURCE}|${TIME_SOURCE}`, "i");

/** Does the text hold a date or a time of day? @example hasDateOrTime("(23/11/2026 10:05)") // true */
export function hasDateOrTime(text: string): boolean {
  return dateOrTime.test(text);
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * Reads the date in a match of `DATE_SOURCE` (groups 1–14) as `YYYY-MM-DD`. A date without
 * a year is the next such date on or after `onOrAfter`. Dates that do not exist give undefined.
 *
 * @example readDate(new RegExp(DATE_SOURCE, "i").exec("1 December")!, "2026-11-23") // "2026-12-01"
 */
export function readDate(
  groups: readonly (string | undefined)[],
  onOrAfter: string,
): string | undefined {
  const g = (i: number) => groups[i];
  let y: number | undefined;
  let m: number;
  let d: number;
  if (g(1) !== undefined) {
    d = Number(g(1));
    m = Number(g(2));
    const yy = g(3) ?? "";
    y = yy.length === 2 ? 2000 + Number(yy) : Number(yy);
  } else if (g(4) !== undefined) {
    y = Number(g(4));
    m = Number(g(5));
    d = Number(g(6));
  } else if (g(7) !== undefined) {
    d = Number(g(7));
    m = monthNumber(g(8) ?? "");
    y = g(9) !== undefined ? Number(g(9)) : undefined;
  } else if (g(13) !== undefined) {
    d = Number(g(13));
    m = Number(g(14));
    y = undefined;
  } else {
    m = monthNumber(g(10) ?? "");
    d = Number(g(11));
    y = g(12) !== undefined ? Number(g(12)) : undefined;
  }
  const base = Number(onOrAfter.slice(0, 4));
  if (y === undefined) {
    y = base;
    if (calendarDate(y, m, d) < onOrAfter) y += 1;
  }
  if (!isCalendarDate(y, m, d)) return undefined;
  return calendarDate(y, m, d);
}
