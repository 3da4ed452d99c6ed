import { daysBetween, isoWeekday, plusDays, plusMonths } from "./calendar.js";
import { DATE_SOURCE, readDate } from "./dates-in-text.js";

/** A due date found in a task body. */
export interface Timeframe {
  /** The London calendar date by which the action is wanted. */
  dueOn: string;
  /** The words that said so, e.g. "within the next 7 days". */
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  couple: 2,
};
const number =
  "(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\\scouple\\sof)";
const unit = "(working\\sdays?|business\\sdays?|days?|weeks?|wks?|fortnights?|months?|hours?|hrs?)";
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** Timeframe patterns. Each is bounded, with no nested quantifiers: linear over hostile input. */
const duration = new RegExp(
  // "over" only with next/coming: "cough over 2 weeks" says how long, not by when.
  `\\b(?:(?:within|in)\\s(?:the\\s)?(?:next\\s|coming\\s)?|over\\s(?:the\\s)?(?:next|coming)\\s)(?:\\d{1,3}\\s?[-\\u2013]\\s?)?${number}\\s?${unit}\\b(?!\\s(?:ago|before|earlier|previously))`,
  "gi",
);
/** Clinical shorthand: "in 2/52" two weeks, "within 10/7" ten days, "in 3/12" three months; not a date (2/12/2026). */
const shorthand =
  /\b(?:within|in)\s(?:the\s)?(?:next\s)?(?:\d{1,2}\s?[-\u2013]\s?)?(\d{1,2})\/(7|52|12)\b(?![/.-]\d)/gi;
const shorthandUnit: Record<string, string> = { "7": "day", "52": "week", "12": "month" };
const fortnight = /\b(?:within|in)\s(?:a|the\snext)\sfortnight\b/gi;
const tomorrow = /\b(?:by|before|for|until)\s(?:tomorrow|tmrw)\b/gi;
const today =
  /\b(?:by|before)\s(?:today|tonight|(?:the\s)?end\sof\s(?:the\s)?(?:day|today)|close\sof\s(?:play|business)|eod|cob)\b/gi;
const endOfWeek = /\b(?:by|before)\s(?:the\s)?end\sof\s(this|the|next)\sweek\b/gi;
const byNextWeek = /\b(?:by|before)\snext\sweek\b/gi;
const weekday = new RegExp(
  `\\b(?:by|before|no\\slater\\sthan)\\s(?:this\\s|next\\s)?(${WEEKDAYS.join("|")})\\b`,
  "gi",
);
/** Bare words: read as a due date only where the sentence asks for something (see `accept`). */
const bareToday = /\b(?:today|tonight|same\sday|this\s(?:morning|afternoon|evening))\b(?!'s|s\b)/gi;
const bareTomorrow = /\b(?:tomorrow|tmrw|tmrw|tomoz)\b/gi;
const bareWeek = /\b(this|next)\sweek\b/gi;
const bareWeekday = new RegExp(`\\b(?:on|this|next|for)\\s(${WEEKDAYS.join("|")})\\b`, "gi");
const endOfMonth = /\b(?:by\s|before\s)?(?:the\s)?end\sof\s(?:the\s|this\s)?month\b/gi;
const fewDays =
  /\b(?:(?:in|within|over)\s(?:the\s)?(?:next|coming)\s(?:few|couple\sof)\sdays|(?:in|within)\s(?:a\s)?few\sdays)\b/gi;
const explicit = new RegExp(
  `\\b(?:by|before|no\\slater\\sthan|due(?:\\s(?:on|by))?|deadline(?:\\sof)?|until)\\s(?:the\\s)?${DATE_SOURCE}`,
  "gi",
);

function amount(word: string): number {
  const w = word.toLowerCase().replace(/\s+/g, " ");
  if (w === "a couple of") return 2;
  return NUMBER_WORDS[w] ?? Number(w);
}

/** Options for reading timeframes. */
export interface TimeframeOptions {
  /** England and Wales bank holidays (YYYY-MM-DD): not working days. */
  bankHolidays?: ReadonlySet<string>;
  /**
   * For bare words ("today", "next week", "on Friday"): is the word at this index of the body
   * part of a request? "Seen in clinic today" is not a due date; "please see today" is.
   */
  accept?: (index: number) => boolean;
}

/**
 * Adds working days: weekends and the given bank holidays do not count.
 *
 * @example addWorkingDays("2026-12-24", 1, new Set(["2026-12-25", "2026-12-28"])) // "2026-12-29"
 */
export function addWorkingDays(
  from: string,
  n: number,
  bankHolidays: ReadonlySet<string> = new Set(),
): string {
  // Whole weeks first (any seven days in a row hold five weekdays), then one step for each
  // bank holiday on a weekday in between, then the last few days one by one: "within 999
  // working days" costs a few dozen steps, not 1,400.
  const weeks = Math.max(0, Math.floor((n - 1) / 5));
  let date = plusDays(from, 7 * weeks);
  let left = n - 5 * weeks;
  for (const holiday of bankHolidays) {
    if (holiday > from && holiday <= date && isoWeekday(holiday) <= 5) left++;
  }
  while (left > 0) {
    date = plusDays(date, 1);
    if (isoWeekday(date) <= 5 && !bankHolidays.has(date)) left--;
  }
  return date;
}

function durationDue(
  sentOn: string,
  n: number,
  unitWord: string,
  bankHolidays?: ReadonlySet<string>,
): string {
  const u = unitWord.toLowerCase();
  if (u.startsWith("working") || u.startsWith("business"))
    return addWorkingDays(sentOn, n, bankHolidays);
  if (u.startsWith("day")) return plusDays(sentOn, n);
  if (u.startsWith("week") || u.startsWith("wk")) return plusDays(sentOn, 7 * n);
  if (u.startsWith("fortnight")) return plusDays(sentOn, 14 * n);
  if (u.startsWith("month")) return plusMonths(sentOn, n);
  return plusDays(sentOn, Math.ceil(n / 24));
}

/**
 * Finds the earliest due date stated in a body: "within the next 7 days", "in 6 weeks",
 * "within 48 hours", "within 48hrs", "in 2 wks", clinical shorthand ("in 2/52", "within
 * 10/7", "in 3/12"), "by tomorrow", "by the end of the week", "by Friday", "by 1 December".
 * Working days skip weekends and `options.bankHolidays`.
 *
 * @param body - the body with any journal reference blanked out (its dates are not due dates)
 * @param sentOn - the London date the task was sent
 * @returns the earliest timeframe, or undefined when none is stated
 * @example findTimeframe("Please repeat bloods within the next 7 days", "2026-11-23") // { dueOn: "2026-11-30", text: "within the next 7 days" }
 */
export function findTimeframe(
  body: string,
  sentOn: string,
  options: TimeframeOptions = {},
): Timeframe | undefined {
  const found: Timeframe[] = [];
  const holidays = options.bankHolidays;
  const add = (dueOn: string | undefined, text: string) => {
    if (dueOn !== undefined) found.push({ dueOn, text: text.replace(/\s+/g, " ").trim() });
  };
  const accept = options.accept ?? (() => true);
  const addBare = (dueOn: string, m: RegExpMatchArray) => {
    if (accept(m.index ?? 0)) add(dueOn, m[0]);
  };
  const flat = body.replace(/\s+/g, " ");
  // Each pattern needs a word that most bodies lack: look for it before running the pattern.
  const lower = flat.toLowerCase();
  const has = (...words: string[]) => words.some((w) => lower.includes(w));
  const units = has("day", "week", "wk", "month", "hour", "hrs", "fortnight");
  if (units) {
    for (const m of flat.matchAll(duration)) {
      const n = amount(m[1] ?? "");
      if (Number.isFinite(n)) add(durationDue(sentOn, n, m[2] ?? "day", holidays), m[0]);
    }
  }
  if (has("/")) {
    for (const m of flat.matchAll(shorthand)) {
      add(durationDue(sentOn, Number(m[1]), shorthandUnit[m[2] ?? ""] ?? "day"), m[0]);
    }
  }
  if (has("fortnight")) for (const m of flat.matchAll(fortnight)) add(plusDays(sentOn, 14), m[0]);
  if (has("tomorrow", "tmrw"))
    for (const m of flat.matchAll(tomorrow)) add(plusDays(sentOn, 1), m[0]);
  if (has("today", "tonight", "end of", "close of", "eod", "cob")) {
    for (const m of flat.matchAll(today)) add(sentOn, m[0]);
  }
  const weeks = has("week");
  for (const m of weeks ? flat.matchAll(endOfWeek) : []) {
    // Next week's Friday is 12 − weekday days on, from a weekend too (not this week's + 7).
    const day = isoWeekday(sentOn);
    const next = (m[1] ?? "").toLowerCase() === "next";
    add(plusDays(sentOn, next ? 12 - day : Math.max(0, 5 - day)), m[0]);
  }
  for (const m of weeks ? flat.matchAll(byNextWeek) : []) {
    add(plusDays(sentOn, 8 - isoWeekday(sentOn)), m[0]);
  }
  for (const m of units ? flat.matchAll(weekday) : []) {
    const target = WEEKDAYS.indexOf((m[1] ?? "").toLowerCase()) + 1;
    const ahead = (target - isoWeekday(sentOn) + 7) % 7 || 7;
    add(plusDays(sentOn, ahead), m[0]);
  }
  if (has("by", "before", "later", "due", "deadline", "until")) {
    for (const m of flat.matchAll(explicit)) add(readDate(m, sentOn), m[0]);
  }
  if (has("today", "tonight", "same day", "this morning", "this afternoon", "this evening"))
    for (const m of flat.matchAll(bareToday)) addBare(sentOn, m);
  if (has("tomorrow", "tmrw", "tomoz"))
    for (const m of flat.matchAll(bareTomorrow)) addBare(plusDays(sentOn, 1), m);
  for (const m of weeks ? flat.matchAll(bareWeek) : []) {
    const day = isoWeekday(sentOn);
    const next = (m[1] ?? "").toLowerCase() === "next";
    addBare(plusDays(sentOn, next ? 12 - day : Math.max(0, 5 - day)), m);
  }
  for (const m of units ? flat.matchAll(bareWeekday) : []) {
    const target = WEEKDAYS.indexOf((m[2] ?? m[1] ?? "").toLowerCase()) + 1;
    const ahead = (target - isoWeekday(sentOn) + 7) % 7 || 7;
    addBare(plusDays(sentOn, ahead), m);
  }
  if (has("month")) {
    for (const m of flat.matchAll(endOfMonth)) {
      const first = `${plusMonths(sentOn, 1).slice(0, 7)}-01`;
      addBare(plusDays(first, -1), m);
    }
  }
  if (has("few", "couple")) for (const m of flat.matchAll(fewDays)) add(plusDays(sentOn, 3), m[0]);
  if (found.length === 0) return undefined;
  return found.reduce((a, b) => (daysBetween(a.dueOn, b.dueOn) < 0 ? b : a));
}
