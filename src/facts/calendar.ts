import { tz } from "@date-fns/tz";
// The subpath import loads one function, not all of date-fns (about 120 ms at start-up).
import { formatISO } from "date-fns/formatISO";

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
  const ms = Date.parse(instant);
  // London's offset is a whole hour and changes on the hour (01:00 UTC), so every instant of
  // one UTC hour has the same London date: look it up once per hour, not once per task.
  const hour = Math.floor(ms / HOUR_MS);
  let date = byHour.get(hour);
  if (date === undefined) {
    date = formatISO(new Date(ms), { representation: "date", ...inLondon });
    if (byHour.size >= 100_000) byHour.clear();
    byHour.set(hour, date);
  }
  return date;
}

const HOUR_MS = 3_600_000;
const byHour = new Map<number, string>();

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

/**
 * Calendar dates as day numbers. A calendar date has no clock: the clock changes only move
 * instants, so day and month arithmetic on plain dates is exact as integer arithmetic
 * (Howard Hinnant's days-from-civil), with no Date objects and no time zone.
 */
function parts(date: string): [number, number, number] {
  return [
    Number(date.slice(0, date.length - 6)),
    Number(date.slice(-5, -3)),
    Number(date.slice(-2)),
  ];
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of a day number (days since 1970-01-01).
 *
 * @example dateOfDayNumber(20_790) // "2026-12-03"
 */
export function dateOfDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return calendarDate(y, m, d);
}

/**
 * Days since 1970-01-01 of a calendar date, for counting and sorting days.
 *
 * @example dayNumberOf("2026-12-03") // 20790
 */
export function dayNumberOf(date: string): number {
  return daysFromCivil(...parts(date));
}

/** A year, month and day written `YYYY-MM-DD`. @example calendarDate(2026, 3, 9) // "2026-03-09" */
export function calendarDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** Does the date exist (month 1–12, day within the month)? @example isCalendarDate(2027, 2, 29) // false */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * Is the text a calendar date that exists, written `YYYY-MM-DD`?
 *
 * @example isIsoDate("2028-02-29") // true
 * @example isIsoDate("2026-02-30") // false
 */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isCalendarDate(...parts(text));
}

function daysInMonth(y: number, m: number): number {
  return m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(m)
      ? 30
      : 31;
}

/**
 * Calendar days from one London date to another (negative when `to` is earlier).
 *
 * @example daysBetween("2027-03-27", "2027-03-29") // 2 (across the clock change)
 */
export function daysBetween(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** @example plusDays("2026-12-31", 1) // "2027-01-01" */
export function plusDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** A month later, or the month's last day when it is shorter. @example plusMonths("2026-01-31", 1) // "2026-02-28" */
export function plusMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return calendarDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/** ISO weekday of a London date: 1 Monday … 7 Sunday. @example isoWeekday("2026-11-23") // 1 */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumberOf(date) + 3) % 7) + 7) % 7) + 1;
}

let longDate: Intl.DateTimeFormat | undefined;

/** The en-GB long-date formatter, made on the first date a letter or message prints, then kept. */
function longDateFormat(): Intl.DateTimeFormat {
  longDate ??= new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return longDate;
}

/**
 * Writes a calendar date the way letters do (en-GB). The date is already a London calendar
 * date, so it is formatted as is, whatever the process time zone.
 *
 * @example formatLongDate("2026-12-01") // "1 December 2026"
 */
export function formatLongDate(date: string): string {
  let text = longDates.get(date);
  if (text === undefined) {
    const [y, m, d] = parts(date);
    const day = new Date(0);
    day.setUTCFullYear(y, m - 1, d);
    text = longDateFormat().format(day);
    if (longDates.size >= 10_000) longDates.clear();
    longDates.set(date, text);
  }
  return text;
}

/** Dates already written out: a verdict's messages and letters repeat a handful of dates. */
const longDates = new Map<string, string>();
