import { TZDate, tz } from "@date-fns/tz";
import { addDays, addMonths, differenceInCalendarDays, formatISO, getISODay } from "date-fns";

/**
 * Dates on the Europe/London calendar, whatever the process time zone. A calendar date is
 * kept as `YYYY-MM-DD`; instants are converted to London before their date is taken, so a
 * task sent at 23:30 UTC on 31 May is a 1 June task (BST).
 */
const london = tz("Europe/London");
const inLondon = { in: london } as const;

/**
 * The Europe/London calendar date of an instant.
 *
 * @param instant - an ISO 8601 date-time with `Z` or an offset
 * @returns `YYYY-MM-DD`
 * @example londonDate("2026-05-31T23:30:00Z") // "2026-06-01"
 */
export function londonDate(instant: string): string {
  return formatISO(new Date(instant), { representation: "date", ...inLondon });
}

/**
 * The London calendar date of a due date: a date as it is, a date-time with an offset
 * converted to London, a date-time without one read as London wall time.
 *
 * @example dueDate("2026-12-01") // "2026-12-01"
 * @example dueDate("2026-12-01T00:30:00+01:00") // "2026-11-30"
 */
export function dueDate(value: string): string {
  if (value.length === 10) return value;
  if (/(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(value)) return londonDate(value);
  return value.slice(0, 10);
}

function atLondonMidnight(date: string): TZDate {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return new TZDate(y, m - 1, d, "Europe/London");
}

/**
 * Calendar days from one London date to another (negative when `to` is earlier).
 *
 * @example daysBetween("2027-03-27", "2027-03-29") // 2 (across the clock change)
 */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(atLondonMidnight(to), atLondonMidnight(from), inLondon);
}

/** @example plusDays("2026-12-31", 1) // "2027-01-01" */
export function plusDays(date: string, days: number): string {
  return formatISO(addDays(atLondonMidnight(date), days, inLondon), {
    representation: "date",
    ...inLondon,
  });
}

/** @example plusMonths("2026-01-31", 1) // "2026-02-28" */
export function plusMonths(date: string, months: number): string {
  return formatISO(addMonths(atLondonMidnight(date), months, inLondon), {
    representation: "date",
    ...inLondon,
  });
}

/** ISO weekday of a London date: 1 Monday … 7 Sunday. @example isoWeekday("2026-11-23") // 1 */
export function isoWeekday(date: string): number {
  return getISODay(atLondonMidnight(date), inLondon);
}

const longDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/**
 * Writes a calendar date the way letters do (en-GB). The date is already a London calendar
 * date, so it is formatted as is, whatever the process time zone.
 *
 * @example formatLongDate("2026-12-01") // "1 December 2026"
 */
export function formatLongDate(date: string): string {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return longDate.format(new Date(Date.UTC(y, m - 1, d)));
}
