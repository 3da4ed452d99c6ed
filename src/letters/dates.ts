import { isInstance } from "../errors/guard-error.js";
import { typed, wrongKind } from "../errors/unreadable.js";
import { dueDate, formatLongDate, isIsoDate, londonDate } from "../facts/calendar.js";

// Dates as letters print them, "1 December 2026", on the Europe/London calendar whatever the
// process time zone: the London calendar arithmetic and the one formatter live in facts/calendar.

const isoDateOrDateTime =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;

/**
 * Formats an ISO date or date-time as a letter date on the Europe/London calendar.
 *
 * A date (`2026-12-01`) is printed as it is; a date-time with `Z` or an offset is an instant,
 * printed as the London date it falls on; a date-time without an offset is London wall time.
 *
 * @param value - `YYYY-MM-DD`, or an ISO 8601 date-time
 * @returns the date in words, or `undefined` when `value` is not an ISO date that exists
 * @example formatLetterDate("2026-12-01") // "1 December 2026"
 * @example formatLetterDate("2026-06-30T23:30:00Z") // "1 July 2026" (00:30 BST)
 */
export function formatLetterDate(value: string): string | undefined {
  if (!isoDateOrDateTime.test(value)) return undefined;
  if (value.length > 10 && Number.isNaN(new Date(value).getTime())) return undefined;
  const date = dueDate(value);
  if (!isIsoDate(date)) return undefined;
  // A London calendar date, formatted as is (the formatter is built once, in facts/calendar).
  return formatLongDate(date);
}

/**
 * Today's date on the Europe/London calendar.
 *
 * @param now - the instant to read (default: the current time)
 * @returns `YYYY-MM-DD`
 * @example londonToday(new Date("2026-06-30T23:30:00Z")) // "2026-07-01"
 */
export function londonToday(now: Date = new Date()): string {
  if (!isInstance(now, Date) || Number.isNaN(typed("now", () => now.getTime())))
    throw wrongKind("now", "a Date that is a real instant");
  return londonDate(now.toISOString());
}
