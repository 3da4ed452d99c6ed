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
 * A London calendar date as a UTC midnight. A calendar date has no clock: the clock changes
 * only move instants, so day and month arithmetic on plain dates is exact on UTC midnights, and
 * a hundred times faster than time-zone arithmetic (which matters when a hostile body states
 * thousands of timeframes).
 */
function utcDay(date: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  const day = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  day.setUTCFullYear(y, m - 1, d);
  return day;
}

function isoOf(day: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1, 2)}-${pad(day.getUTCDate(), 2)}`;
}

const DAY_MS = 86_400_000;

/**
 * Calendar days from one London date to another (negative when `to` is earlier).
 *
 * @example daysBetween("2027-03-27", "2027-03-29") // 2 (across the clock change)
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / DAY_MS);
}

/** @example plusDays("2026-12-31", 1) // "2027-01-01" */
export function plusDays(date: string, days: number): string {
  const day = utcDay(date);
  day.setUTCDate(day.getUTCDate() + days);
  return isoOf(day);
}

/** A month later, or the month's last day when it is shorter. @example plusMonths("2026-01-31", 1) // "2026-02-28" */
export function plusMonths(date: string, months: number): string {
  const day = utcDay(date);
  const wanted = day.getUTCDate();
  day.setUTCDate(1);
  day.setUTCMonth(day.getUTCMonth() + months);
  const last = new Date(day.getTime());
  last.setUTCMonth(last.getUTCMonth() + 1, 0);
  day.setUTCDate(Math.min(wanted, last.getUTCDate()));
  return isoOf(day);
}

/** ISO weekday of a London date: 1 Monday … 7 Sunday. @example isoWeekday("2026-11-23") // 1 */
export function isoWeekday(date: string): number {
  return utcDay(date).getUTCDay() || 7;
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
