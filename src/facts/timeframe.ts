import bundled from "../../rules/ruleset.json";
import type { Ruleset } from "../rules/schema.js";
import {
  calendarDate,
  daysBetween,
  isCalendarDate,
  isoWeekday,
  plusDays,
  plusMonths,
} from "./calendar.js";
import { DATE_SOURCE, MONTH_SOURCE, MONTHS, readDate } from "./dates-in-text.js";
import { literal } from "./literal.js";

/** A due date found in a task body. */
export interface Timeframe {
  /** The London calendar date by which the action is wanted. */
  dueOn: string;
  /** The words that said so, e.g. "within the next 7 days". */
  text: string;
  /**
   * The earliest date the words could mean, when earlier than `dueOn`: "this week" written on
   * a Friday most likely asks for the days ahead, but may mean today. For human review only.
   */
  soonestOn?: string;
  /**
   * When `dueOn` has gone ("fell due 02/11"), the earliest date asked for from the day sent on,
   * if any ("please arrange by 17/11"). For human review only.
   */
  nextOn?: string;
}

type Vocabulary = NonNullable<Ruleset["timeframes"]>;
type UnitKind = Vocabulary["units"][string];

/** The bundled ruleset's words, for a ruleset (or a caller) that gives none. */
const bundledVocabulary = bundled.timeframes as Vocabulary;

/**
 * A phrase of the vocabulary as a pattern: words apart by white space, `[word]` optional
 * ("[the] end of [the] day", "due [by]"), every character literal.
 */
function phraseSource(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  let out = "";
  for (const [i, word] of words.entries()) {
    const optional = /^\[(.+)\]$/.exec(word);
    const text = literal(optional?.[1] ?? word);
    const last = i === words.length - 1;
    if (optional) out += last ? `(?:\\s${text})?` : `(?:${text}\\s)?`;
    else {
      const next = words[i + 1];
      const gap = last || (i + 1 === words.length - 1 && next?.startsWith("[")) ? "" : "\\s";
      out += `${text}${gap}`;
    }
  }
  return out;
}

function alternatives(phrases: readonly string[], plural = ""): string {
  return phrases.map((p) => `${phraseSource(p)}${plural}`).join("|");
}

/**
 * Any one of the given patterns, empty ones left out; with none left, a pattern that never
 * matches (an empty alternation would match anywhere). `oneOf(alternatives(words), ...)`.
 */
function oneOf(...sources: readonly string[]): string {
  const given = sources.filter((source) => source !== "");
  return given.length === 0 ? "(?!)" : `(?:${given.join("|")})`;
}

/** The first word a phrase must hold: a cheap test before its pattern runs. */
function cues(phrases: readonly string[]): string[] {
  return phrases.map((p) => p.split(/\s+/).find((w) => !w.startsWith("[")) ?? p);
}

/** The cheap tests a vocabulary's patterns start with. */
function cuesOf(words: Vocabulary): Pick<Patterns, "cues" | "cuesBare"> {
  return {
    cues: {
      units: cues(Object.keys(words.units)),
      endOfDay: cues(words.endOfDay),
      tomorrow: cues(words.tomorrow),
      deadline: cues(words.deadline),
    },
    cuesBare: {
      today: cues(words.bareToday),
      tomorrow: cues(words.bareTomorrow),
      fewDays: cues(words.fewDays),
      eventDate: cues(words.eventDate ?? []),
      eventAhead: cues(words.eventNouns ?? []),
      startDate: cues(words.startDate ?? []),
      expiry: cues(words.expiry ?? []),
      dayNumber: cues(words.dayNumber ?? []),
      dayCount: cues(words.dayRangeAfter ?? []),
      dueAhead: cues(words.dueAhead ?? []),
    },
  };
}

/** The patterns a vocabulary makes, compiled once per vocabulary object. */
interface Patterns {
  numbers: ReadonlyMap<string, number>;
  units: ReadonlyMap<string, UnitKind>;
  shorthand: ReadonlyMap<string, UnitKind>;
  /** Other spellings of the grammar's own words ("nxt" for "next"), or nothing. */
  spellings: { pattern: RegExp; words: ReadonlyMap<string, string> } | undefined;
  weekdays: readonly string[];
  weekdayShort: ReadonlyMap<string, number>;
  /** Full and short weekday names: the cheap test before the weekday patterns. */
  dayCues: readonly string[];
  cues: { units: string[]; endOfDay: string[]; tomorrow: string[]; deadline: string[] };
  cuesBare: {
    today: string[];
    tomorrow: string[];
    fewDays: string[];
    eventDate: string[];
    eventAhead: string[];
    startDate: string[];
    expiry: string[];
    dayNumber: string[];
    dayCount: string[];
    dueAhead: string[];
  };
  duration: RegExp;
  /** "at 10-14 days", "at 6 weeks": read only in a clause that asks. */
  atDuration: RegExp;
  shorthandPattern: RegExp;
  /** A bare period a few words after an action ("repeat U&E 2/52"), or nothing. */
  periodAfter: RegExp | undefined;
  /** "day 10" after an operation or discharge, or nothing. */
  dayNumber: RegExp | undefined;
  /** "10-14 days post op", "5 days after the change": days counted from an event, or nothing. */
  dayCount: RegExp | undefined;
  /**
   * A period in words a few words after an action: "repeat U&E after one week" (groups 1 and 2),
   * "recheck FBC 1 week post transfusion" (groups 3 and 4), or nothing.
   */
  periodWords: RegExp | undefined;
  /** Words pointing back to a time named earlier ("before then"), or nothing, and their cues. */
  anaphora: RegExp | undefined;
  thenCues: string[];
  /**
   * Straight after a bare day, words that make it the time asked for ("is fine"), or nothing;
   * never after a start ("after new year is fine", "from Monday is fine": not before then).
   */
  askedAfter: RegExp | undefined;
  askedFrom: RegExp;
  /** How far after a bare day `askedAfter` may reach: its longest phrase and a space. */
  askedChars: number;
  fortnight: RegExp;
  /** One unit with no number after "within the next" ("within the next week"): group 1 the unit. */
  nextUnit: RegExp;
  tomorrow: RegExp;
  today: RegExp;
  endOfWeek: RegExp;
  deadlineBefore: RegExp;
  /** "due" and one to three words straight before ("due her B12 ", "due to be changed "), or nothing. */
  dueAheadBefore: RegExp | undefined;
  /** A word that makes a period of what follows ("x ", "for ", "in "): "x 10/7" is ten days. */
  periodBefore: RegExp;
  /** How far back, in characters, the lead patterns look before a match. */
  leadChars: number;
  byNextWeek: RegExp;
  weekday: RegExp;
  bareToday: RegExp;
  todayNotAfter: RegExp | undefined;
  /** "as per our clinic plan " before "today": the day of the event referred to. */
  todayReference: RegExp | undefined;
  /** Words after a bare day that tell it as past ("Tuesday was"), or nothing. */
  pastAfter: RegExp | undefined;
  bareTomorrow: RegExp;
  /** A word for tomorrow straight after a clock time: "by 12:00 tomorrow" is not today. */
  tomorrowNext: RegExp;
  bareWeek: RegExp;
  bareWeekday: RegExp;
  expiryWeekday: RegExp | undefined;
  expiryBefore: RegExp | undefined;
  endOfMonth: RegExp;
  fewDays: RegExp;
  explicit: RegExp;
  /** A deadline word that a date after it is met before, not on (`timeframes.beforeDateLeads`). */
  beforeDateLead: RegExp;
  eventDate: RegExp | undefined;
  /** An event's date a few words after a lead ("before our panel 22/10"), or nothing. */
  eventAhead: RegExp | undefined;
  startDate: RegExp | undefined;
  /** A date a few words after "due" ("due her B12 2/01"), or nothing. */
  dueAhead: RegExp | undefined;
  /** A day's word a few words after "due" ("due her dose tonight"), or nothing. */
  dueAheadToday: RegExp | undefined;
  expiry: RegExp | undefined;
  /** "week" and the ruleset's other words for one ("wk"): cheap tests before the week patterns. */
  weekCues: string[];
  /** A clock time after a lead ("before 6", "by 5pm"), or nothing, and its cues. */
  clock: RegExp | undefined;
  clockCues: string[];
  /** A clock time before a word for today ("at 11 today"), or nothing, and its cues. */
  clockToday: RegExp | undefined;
  clockTodayCues: string[];
  /** A named day or a day's number alone after a lead ("before Xmas", "by the 24th"). */
  namedDay: RegExp | undefined;
  /** A deadline word as a whole ("by", "before"): a closed named day is met the day before. */
  deadlineLead: RegExp;
  /** Each named day's whole-text test, and its month and day ("12-25"). */
  namedDays: readonly (readonly [RegExp, string])[];
  /** A word for the next bank holiday as a whole ("the BH"). */
  bankHoliday: RegExp;
  /** A lead ending "after": after a bank holiday is the working day after it. */
  afterLead: RegExp;
  /** A day's name just after the match: "after the BH (Tues)". */
  dayAfter: RegExp;
}

const compiled = new WeakMap<Vocabulary, Patterns>();

/**
 * A written date after one of `leads` ("on 26/10"), or nothing for no leads; `gap` is a pattern
 * for words that may come between (`dueAheadPatterns`).
 */
function beforeDate(leads: readonly string[] | undefined, gap = ""): RegExp | undefined {
  if (leads === undefined || leads.length === 0) return undefined;
  return new RegExp(`\\b(?:${alternatives(leads)})\\s${gap}(?:the\\s)?${DATE_SOURCE}`, "gi");
}

/**
 * Patterns that test the words just before a match ("due " in "due this week", "runs out " in
 * "runs out next week", "clinic " in "as per clinic today"), and the weekday something runs out.
 */
function leadPatterns(
  words: Vocabulary,
  days: string,
): Pick<
  Patterns,
  | "todayNotAfter"
  | "todayReference"
  | "expiryBefore"
  | "expiryWeekday"
  | "deadlineBefore"
  | "dueAheadBefore"
  | "periodBefore"
  | "leadChars"
> {
  const before = (list: readonly string[] | undefined, tail = "", head = "") =>
    list === undefined || list.length === 0
      ? undefined
      : new RegExp(`${head}\\b(?:${alternatives(list)})\\s${tail}$`, "i");
  const expiry = words.expiry ?? [];
  // "sent today" is when it happened; "be sent today" (the passive of an ask) and "should
  // have started today" are when it is due (`bareTodayAskAfter`).
  const asks = words.bareTodayAskAfter ?? [];
  const notAfterAsk = asks.length === 0 ? "" : `(?<!\\b(?:${alternatives(asks)})\\s)`;
  return {
    todayNotAfter: before(words.bareTodayNotAfter, "", notAfterAsk),
    todayReference:
      words.bareTodayAfterReference === undefined || words.bareTodayAfterReference.length === 0
        ? undefined
        : new RegExp(
            `${notAfterAsk}\\b(?:${alternatives(words.bareTodayAfterReference)})(?:\\s[^\\s.,;:!?]+){0,5}\\s$`,
            "i",
          ),
    expiryBefore: before(expiry, "(?:on\\s)?"),
    expiryWeekday:
      expiry.length === 0
        ? undefined
        : new RegExp(
            `\\b(?:${alternatives(expiry)})\\s(?:on\\s)?(?:${approximately(words)})?(${days})\\b`,
            "gi",
          ),
    deadlineBefore: before(words.deadline) ?? /(?!)/,
    dueAheadBefore:
      (words.dueAhead ?? []).length === 0
        ? undefined
        : new RegExp(
            `\\b(?:${alternatives(words.dueAhead ?? [])})\\s(?:to\\sbe\\s)?${DUE_GAP}$`,
            "i",
          ),
    periodBefore: before([...(words.durationLeads ?? []), "in", "within"]) ?? /(?!)/,
    // Far enough back for the longest lead phrase and its optional words, a space or two, and
    // the ask words before it.
    leadChars:
      Math.max(
        0,
        ...[...(words.bareTodayNotAfter ?? []), ...expiry, ...words.deadline].map((w) => w.length),
      ) +
      8 +
      Math.max(0, ...asks.map((w) => w.length + 1)),
  };
}

/**
 * Bare periods, day numbers and counts of days after an action ("repeat U&E 2/52", "remove
 * clips day 10", "sutures out 10-14 days post op"), and words pointing back to a time named
 * earlier ("before then"), each only when the ruleset gives its words.
 */
function periodPatterns(
  words: Vocabulary,
): Pick<Patterns, "periodAfter" | "dayNumber" | "dayCount" | "periodWords" | "anaphora"> {
  const after = words.dayRangeAfter ?? [];
  // Words before a count that make it how long, not by when ("x 2/52", "for 7 days"); a
  // period also never follows "in" or "within" (read by the duration pattern) or "after".
  const durations = words.durationLeads ?? [];
  const notDuration = (extra: readonly string[]) =>
    `(?<!\\b${oneOf(alternatives([...durations, ...extra]))}\\s)`;
  // The ruleset's words for a day ("day"), read with or without a plural "s": a count of weeks
  // after an operation or discharge is as often how long a fit note covers ("until 2 weeks post
  // d/c") as when something is due.
  const days = Object.keys(words.units).filter((unit) => words.units[unit] === "days");
  return {
    anaphora:
      (words.anaphora ?? []).length === 0
        ? undefined
        : new RegExp(`\\b(?:${alternatives(words.anaphora ?? [])})\\b`, "gi"),
    periodAfter:
      (words.periodAfter ?? []).length === 0
        ? undefined
        : new RegExp(
            // Up to three words between ("repeat U&E and LFT 2/52"), never a duration's own
            // lead ("x 2/52", "for 2/52", "supply of 2/52"), nor after "in"/"within" (read above).
            `\\b(?:${alternatives(words.periodAfter ?? [])})\\s(?:[\\w&+'-]+\\s){0,3}?${notDuration(["in", "within", "after"])}(\\d{1,2})\\/(${Object.keys(words.shorthand).join("|")})\\b(?![/.-]\\d)`,
            "gi",
          ),
    dayNumber:
      (words.dayNumber ?? []).length === 0
        ? undefined
        : new RegExp(
            // A range before `dayRangeAfter` ("day 10-12 post op") is due by its nearer end; not
            // another range ("day 2-5 FSH" is a day of a cycle), nor a rate's unit and the next
            // line's number ("max 8 puffs/day" then "2. Continue ...").
            `(?<!\\/)\\b(?:${alternatives(words.dayNumber ?? [])})\\s?(\\d{1,2})${dayRange(words)}\\b(?![/.:-]\\d)`,
            "gi",
          ),
    periodWords: periodWordsPattern(words),
    dayCount:
      after.length === 0 || days.length === 0
        ? undefined
        : new RegExp(
            // A count of days before `dayRangeAfter` ("sutures out 10-14 days post op"), due by
            // its nearer end; never a duration's own lead ("for 7 days after discharge", "to
            // complete 14 days post op") nor a frequency ("every 2-3 days post d/c").
            `${notDuration([])}(?<![-\\u2013]\\s?)\\b(\\d{1,2})(?:\\s?[-\\u2013]\\s?\\d{1,2})?\\s?(?:${alternatives(days, "s?")})\\s(?:${alternatives(after)})\\b`,
            "gi",
          ),
  };
}

/**
 * A period written in words a few words after an action (`periodAfter`), only when the ruleset
 * gives those words: "repeat U&E after one week" (not "after 2 weeks of", "after 2 weeks post
 * op"), and a count from an event already past, "recheck FBC 1 week post transfusion", "U&Es 1
 * week after discharge" (an event of `eventNouns` after a word of `dayRangeAfter`). A count after
 * a start still to come ("U&E 2 weeks after starting ramipril") is not read: it has no date yet.
 * Hours are left out, as elsewhere: as often a history's as an ask's.
 */
function periodWordsPattern(words: Vocabulary): RegExp | undefined {
  const actions = words.periodAfter ?? [];
  const after = words.dayRangeAfter ?? [];
  const events = words.eventNouns ?? [];
  const units = Object.keys(words.units).filter((unit) => words.units[unit] !== "hours");
  if (actions.length === 0 || after.length === 0 || units.length === 0) return undefined;
  const count = `(\\d{1,2}|${alternatives(Object.keys(words.numbers))})`;
  const unit = `(${alternatives(units, "s?")})`;
  const afterWords = alternatives(after);
  const event = events.length === 0 ? "(?!)" : alternatives(events);
  return new RegExp(
    `\\b(?:${alternatives(actions)})\\s(?:[\\w&+'/-]+\\s){0,4}?(?:after\\s${count}\\s?${unit}\\b(?!\\s(?:of|from|${afterWords})\\b)|${count}\\s?${unit}\\s(?:${afterWords})\\s(?:the\\s|her\\s|his\\s)?(?:${event})\\b)`,
    "gi",
  );
}

/**
 * A day after a lead word, in any clause of a task that asks: "by tomorrow", "for tonight" and
 * "runs out tomorrow" (`dayLeads`, `expiry`), "before end of day", "by next week"
 * (`weekEndLeads`), "by Friday", "due on Monday" (`deadline`). No lead word of the ruleset's,
 * no such day: a pattern that never matches.
 */
function leadDayPatterns(
  words: Vocabulary,
  days: string,
  weekWords: string,
): Pick<Patterns, "tomorrow" | "today" | "byNextWeek" | "weekday"> {
  const dayLead = oneOf(alternatives(words.dayLeads ?? []), alternatives(words.expiry ?? []));
  return {
    tomorrow: new RegExp(`\\b${dayLead}\\s(?:${alternatives(words.tomorrow)})\\b`, "gi"),
    today: new RegExp(`\\b${dayLead}\\s(?:${alternatives(words.endOfDay)})\\b`, "gi"),
    byNextWeek: new RegExp(
      `\\b${oneOf(alternatives(words.weekEndLeads ?? []))}\\snext\\s(?:${weekWords})\\b`,
      "gi",
    ),
    weekday: new RegExp(
      `\\b${oneOf(alternatives(words.deadline))}\\s(?:this\\s|next\\s)?(${days})\\b`,
      "gi",
    ),
  };
}

/**
 * The words for tomorrow, and what a word straight after a day or a clock time says of it:
 * past ("was"), or tomorrow's.
 */
function nextWordPatterns(
  words: Vocabulary,
): Pick<Patterns, "bareTomorrow" | "pastAfter" | "tomorrowNext"> {
  const past = words.pastAfter ?? [];
  return {
    bareTomorrow: new RegExp(`\\b(?:${alternatives(words.bareTomorrow)})\\b`, "gi"),
    pastAfter: past.length > 0 ? new RegExp(`^\\s?(?:${alternatives(past)})\\b`, "i") : undefined,
    tomorrowNext: new RegExp(`^\\s?(?:${alternatives(words.bareTomorrow)})\\b`, "i"),
  };
}

/**
 * An hour of a clock, 1 to 23, with its minutes and "am" or "pm" if any; not a gestation ("at
 * 9+3", "at 10/40", "at 12 weeks").
 */
const CLOCK =
  "(?:1\\d|2[0-3]|0?[1-9])(?:[.:][0-5]\\d)?(?:\\s?(?:am|pm))?(?![+/\\d]|\\s?w(?:ee)?ks?\\b)";

/**
 * A clock time after `clockLeads`: an hour with "am", "pm" or "o'clock" anywhere, a bare hour
 * ("before 6") only where a clause ends or one of `clockAfter` follows, so "by 12 weeks" and
 * "before 3 months" are not clock times. And a clock time beside a word for today, either way
 * round, after or before one of `clockTodayLeads` ("at 11 today", "today at 14:00").
 */
function clockPatterns(
  words: Vocabulary,
): Pick<Patterns, "clock" | "clockCues" | "clockToday" | "clockTodayCues"> {
  const todayLeads = words.clockTodayLeads ?? [];
  const today =
    todayLeads.length === 0
      ? { clockToday: undefined, clockTodayCues: [] }
      : {
          clockToday: new RegExp(
            `\\b(?:(?:${alternatives(todayLeads)})\\s${CLOCK}\\s(?:${alternatives(words.bareToday)})` +
              `|(?:${alternatives(words.bareToday)})\\s(?:${alternatives(todayLeads)})\\s${CLOCK})\\b`,
            "gi",
          ),
          clockTodayCues: cues(todayLeads),
        };
  const leads = words.clockLeads ?? [];
  if (leads.length === 0) return { clock: undefined, clockCues: [], ...today };
  const after = words.clockAfter ?? [];
  const follows = after.length === 0 ? "" : `|\\s(?:${alternatives(after)})\\b`;
  return {
    clock: new RegExp(
      `\\b(?:${alternatives(leads)})\\s(?:1[0-2]|0?[1-9])(?:[.:][0-5]\\d)?` +
        `(?:\\s?(?:am|pm|o'?clock)\\b|(?=\\s*(?:$|[,;!?)]|\\.(?:\\s|$)|\\s[-–]\\s)${follows}))`,
      "gi",
    ),
    clockCues: cues(leads),
    ...today,
  };
}

/** A day range's far end, before one of `dayRangeAfter` ("-12 post op"), or nothing. */
function dayRange(words: Vocabulary): string {
  const after = words.dayRangeAfter ?? [];
  if (after.length === 0) return "";
  return `(?:\\s?[-\\u2013]\\s?\\d{1,2}(?=\\s(?:${alternatives(after)})\\b))?`;
}

/** Named days ("xmas") and a day's number alone ("the 24th") after `namedDayLeads`. */
function namedDayPatterns(
  words: Vocabulary,
  days: string,
): Pick<
  Patterns,
  "namedDay" | "namedDays" | "deadlineLead" | "bankHoliday" | "afterLead" | "dayAfter"
> {
  const named = Object.entries(words.namedDays ?? {});
  const holidayNames = words.bankHolidayNames ?? [];
  const leads = words.namedDayLeads ?? [];
  // Longest first: "christmas eve" before "christmas".
  const names = [...named.map(([name]) => name), ...holidayNames].sort(
    (a, b) => b.length - a.length,
  );
  const day = `(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s?(?:of\\s)?[a-z]{3})`;
  // Group 1 the lead, group 2 the name, group 3 the day's number.
  const alts = `(${oneOf(alternatives(names))})|${day}`;
  return {
    namedDay:
      leads.length === 0
        ? undefined
        : new RegExp(`\\b(${alternatives(leads)})\\s(?:the\\s)?(?:${alts})`, "gi"),
    deadlineLead: new RegExp(`^(?:${alternatives(words.deadline)})$`, "i"),
    namedDays: named.map(([name, monthDay]) => [
      new RegExp(`^${phraseSource(name)}$`, "i"),
      monthDay,
    ]),
    bankHoliday: new RegExp(`^(?:${oneOf(alternatives(holidayNames))})$`, "i"),
    afterLead: /\bafter$/i,
    dayAfter: new RegExp(`^\\W{0,3}(?:${days})\\b`, "i"),
  };
}

/** "week" and the ruleset's other words for one ("wk"): "next wk", "by next week". */
function weekWordsOf(words: Vocabulary): string[] {
  return [
    "week",
    ...Object.entries(words.units)
      .filter(([w, kind]) => kind === "weeks" && w !== "week")
      .map(([w]) => w),
  ];
}

/**
 * A weekday after a lead word ("on Fri"), or a full name alone, not straight after a word that
 * puts it in the past ("last Thursday", "since Monday"), nor in a schedule ("mon/wed/fri"):
 * group 1 or 2 is the name.
 */
function bareWeekdayPattern(words: Vocabulary, days: string, fullDays: string): RegExp {
  const leads = words.pastDayLeads ?? [];
  const notPast = leads.length === 0 ? "" : `(?<!\\b(?:${alternatives(leads)})\\s)`;
  return new RegExp(
    `${notPast}\\b(?:(?:on|this|next|for|from)\\s(${days})|(?<!\\/)(${fullDays})(?!\\/\\w+\\/))\\b`,
    "gi",
  );
}

/** An optional word of approximation before a duration's number ("in about 10 days"), or "". */
function approximately(words: Vocabulary): string {
  const approximate = words.approximate ?? [];
  return approximate.length === 0 ? "" : `(?:${alternatives(approximate)})\\s`;
}

/**
 * A number of units after `lead` ("within the next 7 days", "at 10-14 days", "in 1 to 2 weeks"): group 1 the
 * range's nearer end if any, group 2 the number, group 3 the unit. Not straight after a counted
 * change (`rateBefore`), nor before `notAfter` ("2 weeks ago", "at 5 days old").
 */
function durationPattern(words: Vocabulary, lead: string): RegExp {
  const number = `(?:${approximately(words)})?(\\d{1,3}|${alternatives(Object.keys(words.numbers))})`;
  const unit = `(${alternatives(Object.keys(words.units), "s?")})`;
  return new RegExp(
    `${rateBefore(words)}\\b${lead}(?:(\\d{1,3})(?:\\s?[-\\u2013]\\s?|\\s(?:to|or)\\s))?${number}\\s?${unit}\\b(?!\\s(?:${alternatives(words.notAfter)}))`,
    "gi",
  );
}

/**
 * The end of a week after one of `weekEndLeads` ("by the end of next week", "b4 the wknd") or
 * a word for running out ("runs out over the weekend"): by its eve; and "within the week". Group
 * 1 is which week ("this", "the", "next"); the week's words are `weekWordsOf`'s, the weekend's
 * `weekend`'s.
 */
function endOfWeekPattern(words: Vocabulary, weekWords: string): RegExp {
  const expiry = words.expiry ?? [];
  // Running out may name what runs out first: "she'll run out of her apixaban over the weekend".
  const runsOut = expiry.length === 0 ? "" : `(?:${alternatives(expiry)})(?:\\s[\\w'&/-]+){0,4}?`;
  // The ruleset's words alone: without leads (nor words for running out) only "within the
  // week" is read, and without words for a weekend only the end of a week.
  const lead = oneOf(alternatives(words.weekEndLeads ?? []), runsOut);
  const end = oneOf(
    `end\\sof\\s(?:(this|the|next)\\s)?(?:${weekWords})`,
    alternatives(words.weekend ?? []),
  );
  return new RegExp(
    `\\b${lead}\\s(?:over\\s)?(?:the\\s)?${end}\\b|\\bwithin\\s(?:the|this)\\sweek\\b`,
    "gi",
  );
}

/** "this week", "next wk", "end of the week" with no lead: group 1 or 2 is which week. */
function bareWeekPattern(weekWords: string): RegExp {
  return new RegExp(
    `\\b(?:(?:the\\s)?end\\sof\\s(?:(this|the|next)\\s)?|(this|next)\\s)(?:${weekWords})\\b`,
    "gi",
  );
}

/**
 * Not straight after a counted or measured change, which makes a duration a rate: "weight up
 * 3kg in 5 days", "three falls in two weeks"; nor after a word that makes it how long something
 * took (`tookBefore`).
 */
function rateBefore(words: Vocabulary): string {
  const units = words.rateAfter ?? [];
  const took = words.tookBefore ?? [];
  const counts = `\\d\\s?|\\b(?:${alternatives(Object.keys(words.numbers))})\\s`;
  return (
    (units.length === 0 ? "" : `(?<!(?:${counts})(?:${alternatives(units)})\\s)`) +
    // Nor straight after a word that tells how long something took: "was in 5 days",
    // "resolved within 18 hrs".
    (took.length === 0 ? "" : `(?<!\\b(?:${alternatives(took)})\\s)`)
  );
}

/**
 * One to three words after "due", never "to" first ("due to leave 2/01"): what is due ("due her
 * B12 next week"). Shared by the dates, days and weeks read after "due".
 */
const DUE_GAP = "(?!to\\s)(?:[\\w&+'-]+\\s){1,3}?";

/**
 * What is due a few words after `dueAhead`: a written date ("due her B12 2/01") or a day's word
 * ("due her dose tonight"), each read only when the ruleset gives the words. One to three words
 * may come between, never "to" first ("due to leave 2/01"), and not a start word just before a
 * day's word ("first due 12 wks from today" counts from today).
 */
function dueAheadPatterns(words: Vocabulary): Pick<Patterns, "dueAhead" | "dueAheadToday"> {
  const leads = words.dueAhead ?? [];
  if (leads.length === 0) return { dueAhead: undefined, dueAheadToday: undefined };
  const starts = words.startDate ?? [];
  const notFrom = starts.length === 0 ? "" : `(?<!\\b(?:${alternatives(starts)})\\s)`;
  return {
    dueAhead: beforeDate(leads, DUE_GAP),
    dueAheadToday: new RegExp(
      `\\b(?:${alternatives(leads)})\\s${DUE_GAP}${notFrom}(?:${alternatives(words.bareToday)})\\b(?!'s|s\\b)`,
      "gi",
    ),
  };
}

/**
 * The date of an event named after a lead, with up to three words between ("before our panel
 * 22/10", "before date of surgery 18/01/27", "for initial child protection conference
 * 17/11"), or nothing where the ruleset names no events. No number, nor a word of
 * `eventNotBetween`, may come between: "for 4 weeks from discharge date 27/01" names when a note
 * starts.
 */
function eventAheadPattern(words: Vocabulary): RegExp | undefined {
  const leads = words.eventLeads ?? [];
  const nouns = words.eventNouns ?? [];
  if (leads.length === 0 || nouns.length === 0) return undefined;
  const notBetween = words.eventNotBetween ?? [];
  const stop = notBetween.length === 0 ? "" : `(?:${alternatives(notBetween)})\\s|`;
  return beforeDate(
    leads,
    `(?:(?!${stop}\\d)[\\w&'/-]+\\s){0,3}?(?:${alternatives(nouns)})\\s(?:(?:on|date|of|is|at|-)\\s)?`,
  );
}

/**
 * Timeframe patterns from the ruleset's words (`timeframes` in rules/ruleset.json) and the
 * grammar around them here ("within the next N <unit>", "by <weekday>"). Each pattern is
 * alternations of literal words, bounded, with no nested quantifiers: linear over hostile input.
 */
function patternsOf(words: Vocabulary): Patterns {
  const hit = compiled.get(words);
  if (hit) return hit;
  const short = Object.keys(words.weekdayShort ?? {});
  // A name alone is a full name or a short one that spells no English word ("tues").
  const alone = (words.weekdayShortAlone ?? []).filter((name) => short.includes(name));
  const fullDays = [...words.weekdays, ...alone].join("|");
  // Full names first: "thursday" before "thu" in the alternation.
  const days = [...words.weekdays, ...short].join("|");
  const few = alternatives(words.fewDays);
  const weekCues = weekWordsOf(words);
  const weekWords = alternatives(weekCues);
  const rate = rateBefore(words);
  const patterns: Patterns = {
    numbers: new Map(Object.entries(words.numbers)),
    units: new Map(Object.entries(words.units)),
    shorthand: new Map(Object.entries(words.shorthand)),
    spellings: spellingsOf(words.spellings),
    weekdays: words.weekdays,
    weekdayShort: new Map(Object.entries(words.weekdayShort ?? {})),
    dayCues: [...words.weekdays, ...short],
    weekCues,
    ...cuesOf(words),
    ...leadPatterns(words, days),
    // "over" only with next/coming: "cough over 2 weeks" says how long, not by when.
    duration: durationPattern(
      words,
      "(?:(?:within|in)\\s(?:the\\s)?(?:next\\s|coming\\s)?|over\\s(?:the\\s)?(?:next|coming)\\s)",
    ),
    // "clips out at 10-14 days"; not an age ("at 5 days old": `notAfter`).
    atDuration: durationPattern(words, "at\\s"),
    /** Clinical shorthand: "in 2/52" two weeks, "within 10/7" ten days, "in 3/12" three months; not a date (2/12/2026). */
    shorthandPattern: new RegExp(
      `${rate}\\b(?:within|in)\\s(?:the\\s)?(?:next\\s)?(?:${approximately(words)})?(?:(\\d{1,2})\\s?[-\\u2013]\\s?)?(\\d{1,2})\\/(${Object.keys(words.shorthand).join("|")})\\b(?![/.-]\\d)`,
      "gi",
    ),
    ...periodPatterns(words),
    thenCues: cues(words.anaphora ?? []),
    askedAfter:
      words.askedAfter === undefined || words.askedAfter.length === 0
        ? undefined
        : new RegExp(`^\\s(?:${alternatives(words.askedAfter)})\\b`, "i"),
    askedChars: 1 + Math.max(0, ...(words.askedAfter ?? []).map((w) => w.length)),
    askedFrom: new RegExp(
      `^(?:${oneOf(alternatives(words.startDate ?? []), alternatives(words.dayRangeAfter ?? []))})\\b`,
      "i",
    ),
    ...nextPeriodPatterns(words),
    ...leadDayPatterns(words, days, weekWords),
    endOfWeek: endOfWeekPattern(words, weekWords),
    /** Bare words: read as a due date only where the sentence asks for something (see `accept`). */
    bareToday: new RegExp(`\\b(?:${alternatives(words.bareToday)})\\b(?!'s|s\\b)`, "gi"),
    ...nextWordPatterns(words),
    bareWeek: bareWeekPattern(weekWords),
    // After a lead word, any name; alone, a full name only ("pls r/v Monday"; "sat" is a verb).
    bareWeekday: bareWeekdayPattern(words, days, fullDays),
    endOfMonth: monthPartPattern(),
    fewDays: new RegExp(
      `\\b(?:(?:in|within|over)\\s(?:the\\s)?(?:next|coming)\\s(?:${few})\\sdays|(?:in|within)\\s(?:a\\s)?(?:${few})\\sdays)\\b`,
      "gi",
    ),
    explicit: new RegExp(
      `\\b(?:${alternatives(words.deadline)})\\s(?:the\\s)?${DATE_SOURCE}`,
      "gi",
    ),
    beforeDateLead: new RegExp(`^${oneOf(alternatives(words.beforeDateLeads ?? []))}\\s`, "i"),
    ...clockPatterns(words),
    eventDate: beforeDate(words.eventDate),
    eventAhead: eventAheadPattern(words),
    startDate: beforeDate(words.startDate),
    ...dueAheadPatterns(words),
    expiry: beforeDate(words.expiry),
    ...namedDayPatterns(words, days),
  };
  compiled.set(words, patterns);
  return patterns;
}

function fold(word: string): string {
  return word.toLowerCase().replace(/\s+/g, " ");
}

function amount(word: string, p: Patterns): number {
  const w = fold(word);
  return p.numbers.get(w) ?? Number(w);
}

/** A unit as written ("working days", "hrs") to its kind: the vocabulary's word, plural or not. */
function unitKind(word: string, p: Patterns): UnitKind {
  const w = fold(word);
  return p.units.get(w) ?? p.units.get(w.replace(/s$/, "")) ?? "days";
}

/** Options for reading timeframes. */
export interface TimeframeOptions {
  /** The words timeframes are written in: the ruleset's `timeframes` (default: the bundled ruleset's). */
  words?: Vocabulary | undefined;
  /** England and Wales bank holidays (YYYY-MM-DD): not working days. */
  bankHolidays?: ReadonlySet<string>;
  /**
   * For bare words ("today", "next week", "on Friday"): is the word at this index of the body
   * part of a request? "Seen in clinic today" is not a due date; "please see today" is.
   */
  accept?: (index: number) => boolean;
  /**
   * Is the timeframe at this index of the body in the sender's own plan ("we will review in
   * 2/52", "clinic in 2 weeks")? Then it is not a due date for the practice.
   */
  ownPlan?: (index: number) => boolean;
}

/**
 * Whether `text` ends with a deadline word (`timeframes.deadline`: "by", "before", "due"), so a
 * date written next is when something is due, not the date of what went before it.
 *
 * @example endsWithDeadline("relevant to her capacity by ") // true
 */
export function endsWithDeadline(text: string, words?: Vocabulary): boolean {
  return endsWith(patternsOf(words ?? bundledVocabulary).deadlineBefore, text);
}

/** Does `text`, its spaces collapsed, end with what `lead` (a pattern ending "\\s$") reads? */
function endsWith(lead: RegExp, text: string): boolean {
  return lead.test(`${text.replace(/\s+/g, " ").trimEnd()} `);
}

/**
 * Whether `written` ("10/7") is a period in the ruleset's shorthand ("/7" days, "/52" weeks)
 * after a word that makes it one (`text` ends "x ", "for ", "in "): "new meds on TTO x 10/7" is
 * ten days, not 10 July.
 */
export function isPeriodAfter(text: string, written: string, words?: Vocabulary): boolean {
  const vocabulary = words ?? bundledVocabulary;
  const bottom = /^\d{1,2}\/(\d{1,2})$/.exec(written.trim())?.[1];
  return (
    bottom !== undefined &&
    vocabulary.shorthand[bottom] !== undefined &&
    endsWith(patternsOf(vocabulary).periodBefore, text)
  );
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
  kind: UnitKind,
  bankHolidays?: ReadonlySet<string>,
): string {
  switch (kind) {
    case "working-days":
      return addWorkingDays(sentOn, n, bankHolidays);
    case "days":
      return plusDays(sentOn, n);
    case "weeks":
      return plusDays(sentOn, 7 * n);
    case "fortnights":
      return plusDays(sentOn, 14 * n);
    case "months":
      return plusMonths(sentOn, n);
    case "hours":
      // "within 2 hours" is today, "within 24 hours" tomorrow: a part day counts as the day it
      // starts, erring early (the time of day is not read).
      return plusDays(sentOn, Math.floor(n / 24));
  }
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
  const accept = options.accept ?? (() => true);
  const ownPlan = options.ownPlan ?? (() => false);
  const p = patternsOf(options.words ?? bundledVocabulary);
  const { flat, origin, asWritten } = collapseSpaces(body, p.spellings);
  const askedAfter = (m: RegExpMatchArray) => {
    const { askedAfter: words, askedChars, askedFrom } = read.p;
    const end = (m.index ?? 0) + m[0].length;
    return words?.test(flat.slice(end, end + askedChars)) === true && !askedFrom.test(m[0]);
  };
  const read: Reading = {
    p,
    sentOn,
    flat,
    holidays: options.bankHolidays,
    add: (dueOn, m, soonestOn) => {
      if (dueOn !== undefined && !ownPlan(origin(m.index ?? 0)))
        read.addPlanned(dueOn, m, soonestOn);
    },
    addBare: (dueOn, m, soonestOn) => {
      // `accept` reads positions in the body as written, not in its collapsed copy; "next week
      // is fine" is the time asked for wherever it stands.
      if (accept(origin(m.index ?? 0)) || askedAfter(m)) read.add(dueOn, m, soonestOn);
    },
    addPlanned: (dueOn, m, soonestOn) => {
      const text = asWritten(m.index ?? 0, m[0].length);
      found.push(soonestOn === undefined ? { dueOn, text } : { dueOn, text, soonestOn });
    },
  };
  // Each pattern needs a word that most bodies lack: look for it before running the pattern.
  const lower = read.flat.toLowerCase();
  const has = (words: string | readonly string[]) =>
    typeof words === "string" ? lower.includes(words) : anyOf(words).test(lower);
  readStated(read, has);
  readBare(read, has);
  // "before then" in an ask is due by the time named before it, in any clause ("collecting at
  // 6 this evening, can the script be signed before then").
  const then = read.p.anaphora;
  for (const m of then !== undefined && has(read.p.thenCues) ? flat.matchAll(then) : []) {
    if (!accept(origin(m.index ?? 0))) continue;
    const before = flat.slice(0, m.index ?? 0);
    // "in the 2 weeks before surgery" names a period before the event, not a reference to it.
    if (endsWithUnit(read.p, before)) continue;
    // A date written before it is what it points to ("ICPC on 19/11 ... before the
    // conference"), rather than a time of day told on the way ("meeting held 11:00 today"); a
    // person reads it by the sooner of the two all the same.
    const written = lastDateFrom(before, sentOn);
    const told = findTimeframe(before, sentOn, {
      ...options,
      accept: () => true,
      ownPlan: () => false,
    })?.dueOn;
    const earlier = written ?? told;
    if (earlier === undefined) continue;
    const sooner = told !== undefined && daysBetween(told, earlier) > 0 ? told : undefined;
    found.push(
      sooner === undefined
        ? { dueOn: earlier, text: m[0] }
        : { dueOn: earlier, text: m[0], soonestOn: sooner },
    );
  }
  if (found.length === 0) return undefined;
  const first = found.reduce((a, b) => (daysBetween(a.dueOn, b.dueOn) < 0 ? b : a));
  const soonest = found
    .map((f) => f.soonestOn ?? f.dueOn)
    .reduce((a, b) => (daysBetween(a, b) < 0 ? b : a));
  const result = soonest < first.dueOn ? { ...first, soonestOn: soonest } : first;
  if (first.dueOn >= sentOn) return result;
  // The earliest has gone: the first date on or after the day sent (ISO dates sort as text).
  const nextOn = found
    .map((f) => f.dueOn)
    .filter((d) => d >= sentOn)
    .sort()[0];
  return nextOn === undefined ? result : { ...result, nextOn };
}

/** A period at the end of a text, after a word that makes it one: "in the 2 weeks ". */
const PERIOD_END = /\b(?:in|within|the|for|over|during)\s+(?:the\s+)?\S+\s+([a-z]+)\s*$/i;

/** Does `text` end with a period ("admitted in the 2 weeks "), not a count ("issue 2 months ")? */
function endsWithUnit(p: Patterns, text: string): boolean {
  const unit = PERIOD_END.exec(text)?.[1];
  if (unit === undefined) return false;
  return p.units.has(fold(unit)) || p.units.has(fold(unit).replace(/s$/, ""));
}

/** Any written date (`DATE_SOURCE`), for `lastDateFrom`. */
const WRITTEN_DATE = new RegExp(DATE_SOURCE, "gi");

/**
 * A written date read from a month before `sentOn`, so a day just gone is this year's (overdue),
 * not next year's: after a deadline word ("by 04/12" sent on 8/12) or a day's count.
 */
function readRecentDate(groups: RegExpMatchArray, sentOn: string): string | undefined {
  return readDate(groups, plusDays(sentOn, -31));
}

/**
 * The last date written in `text` that is on or after `sentOn` ("extraction 20/11"). A date
 * with no year is the nearest such date, up to half a year back, so a past one is no deadline.
 */
function lastDateFrom(text: string, sentOn: string): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(WRITTEN_DATE)) {
    const date = readDate(m, plusMonths(sentOn, -6));
    if (date !== undefined && date >= sentOn) last = date;
  }
  return last;
}

/**
 * The body with each run of white space as one space, and a map from a position in that copy
 * back to the body: a blanked journal reference or a blank line must not shift where a
 * timeframe is read to be.
 */
function collapseSpaces(
  body: string,
  spellings?: Patterns["spellings"],
): {
  flat: string;
  origin: (index: number) => number;
  /** The words from `index` of the collapsed copy as the body wrote them ("nxt week"). */
  asWritten: (index: number, length: number) => string;
} {
  // Each run of white space becomes one space, and each other spelling becomes the grammar's
  // own word ("nxt" becomes "next"): where each edit that moves the text stood in the body, and
  // its length before and after (a single space moves nothing, so `origin` need not pass it).
  const edits: { at: number; from: number; to: number }[] = [];
  const pattern = spellings === undefined ? /\s+/g : spellings.pattern;
  const flat = body.replace(pattern, (run: string, at: number) => {
    const written = /^\s/.test(run) ? " " : (spellings?.words.get(run.toLowerCase()) ?? run);
    if (written.length !== run.length) edits.push({ at, from: run.length, to: written.length });
    return written;
  });
  const origin = (index: number) => {
    let shift = 0;
    for (const edit of edits) {
      const at = edit.at - shift;
      if (at >= index) break;
      shift += edit.from - edit.to;
    }
    return index + shift;
  };
  const asWritten = (index: number, length: number) =>
    body
      .slice(origin(index), origin(index + length))
      .replace(/\s+/g, " ")
      .trim();
  return { flat, origin, asWritten };
}

/** "within a fortnight", "in the next week": one period ahead, with no number. */
function nextPeriodPatterns(words: Vocabulary): Pick<Patterns, "fortnight" | "nextUnit"> {
  return {
    fortnight: /\b(?:within|in)\s(?:a|the\snext)\sfortnight\b/gi,
    nextUnit: new RegExp(
      `\\b(?:within|in|over)\\s(?:the\\s)?(?:next|coming)\\s(${alternatives(Object.keys(words.units))})\\b`,
      "gi",
    ),
  };
}

/** The pattern that finds white space and the other spellings of `words`, or nothing. */
function spellingsOf(words: Record<string, string> = {}): Patterns["spellings"] {
  const written = Object.keys(words);
  if (written.length === 0) return undefined;
  return {
    pattern: new RegExp(`\\s+|\\b(?:${alternatives(written)})\\b`, "gi"),
    words: new Map(Object.entries(words).map(([from, to]) => [from.toLowerCase(), to])),
  };
}

const cueTests = new WeakMap<readonly string[], RegExp>();

/** One test for a list of cue words: any of them, as literal text, anywhere in the body. */
function anyOf(words: readonly string[]): RegExp {
  let test = cueTests.get(words);
  if (test === undefined) {
    const escaped = words.map(literal);
    // No words: a test that never passes (an empty pattern would pass everywhere).
    test = escaped.length === 0 ? /(?!)/ : new RegExp(escaped.join("|"));
    cueTests.set(words, test);
  }
  return test;
}

/** One body being read: its patterns, text and sending date, and where findings go. */
interface Reading {
  p: Patterns;
  sentOn: string;
  flat: string;
  holidays: ReadonlySet<string> | undefined;
  /** Adds a due date; `soonestOn`, the earliest the words could mean (see `Timeframe`). */
  add: (dueOn: string | undefined, m: RegExpMatchArray, soonestOn?: string) => void;
  addBare: (dueOn: string, m: RegExpMatchArray, soonestOn?: string) => void;
  /** As `add`, even inside the sender's own plan: "she is booked in with me at 11 today". */
  addPlanned: (dueOn: string, m: RegExpMatchArray, soonestOn?: string) => void;
}

/** The days from `sentOn` to the next named weekday (a week on, for today's name). */
function daysUntil(p: Patterns, name: string | undefined, sentOn: string): number {
  const word = (name ?? "").toLowerCase();
  const target = p.weekdayShort.get(word) ?? p.weekdays.indexOf(word) + 1;
  return (target - isoWeekday(sentOn) + 7) % 7 || 7;
}

/**
 * Friday of this week or next ("end of the week", "next week"), from a weekend too. With
 * `weekendAhead`, "this week" written at a weekend is the working week ahead ("can GP visit
 * this week" sent on a Sunday), not the weekend day itself.
 */
function weekEnd(which: string | undefined, sentOn: string, weekendAhead = false): string {
  const day = isoWeekday(sentOn);
  // Next week's Friday is 12 − weekday days on (not this week's + 7).
  const next = (which ?? "").toLowerCase() === "next" || (weekendAhead && day > 5);
  return plusDays(sentOn, next ? 12 - day : Math.max(0, 5 - day));
}

/** A written date just after a day's number, in brackets or after "=": "day 14 (16/11)". */
const DATE_AFTER = new RegExp(`^\\s?[(=]\\s?${DATE_SOURCE}`, "i");

/**
 * When "day 10" or "10-14 days post op" falls due: the date written just after it if any ("day
 * 14 (16/11)", a day already past being due now), else that many days from sending, the latest
 * the day can be (the operation or discharge it counts from was on that day or before).
 */
function dayDue(flat: string, m: RegExpMatchArray, sentOn: string): string {
  const written = DATE_AFTER.exec(wordsAfter(flat, m));
  const date = written === null ? undefined : readRecentDate(written, sentOn);
  if (date === undefined) return plusDays(sentOn, Number(m[1]));
  return daysBetween(sentOn, date) < 0 ? sentOn : date;
}

/**
 * Periods after an action with no lead word, read only where the clause asks: "repeat U&E
 * 2/52", "remove clips day 10", "sutures out 10-14 days post op", "repeat U&E after one week".
 */
function readPeriods(r: Reading, has: (words: string | readonly string[]) => boolean): void {
  const { p, sentOn, flat } = r;
  if (p.periodAfter !== undefined && has("/")) {
    for (const m of flat.matchAll(p.periodAfter)) {
      const unit = p.shorthand.get(m[2] ?? "") ?? "days";
      const n = Number(m[1]);
      // With no lead, "24/12" past twelve is a date in December, not two years: "sutures need
      // removing 24/12".
      const due =
        unit === "months" && n > 12
          ? nextMonthDay(`${m[2]}-${n}`, sentOn)
          : durationDue(sentOn, n, unit);
      if (due !== undefined) r.addBare(due, m);
    }
  }
  // "day 10" and "10-14 days post op" (`dayDue`), only where the clause asks.
  for (const [pattern, cue] of [
    [p.dayNumber, p.cuesBare.dayNumber],
    [p.dayCount, p.cuesBare.dayCount],
  ] as const) {
    if (pattern === undefined || !has(cue)) continue;
    for (const m of flat.matchAll(pattern)) r.addBare(dayDue(flat, m, sentOn), m);
  }
  // "repeat U&E after one week", "recheck FBC 1 week post transfusion": only where the clause asks.
  if (p.periodWords !== undefined && has(p.cuesBare.dayCount)) {
    for (const m of flat.matchAll(p.periodWords)) {
      const n = amount(m[1] ?? m[3] ?? "", p);
      if (Number.isFinite(n)) r.addBare(durationDue(sentOn, n, unitKind(m[2] ?? m[4] ?? "", p)), m);
    }
  }
}

/** Timeframes stated with a lead word: "within 7 days", "by tomorrow", "by Friday", "by 1 Dec". */
function readStated(r: Reading, has: (words: string | readonly string[]) => boolean): void {
  const { p, sentOn, flat, add } = r;
  if (has(p.cues.units)) {
    // A range ("within 24-48 hrs", "in 1-2/52") is due by its nearer end: erring early. "at 5
    // days" states a result as often as an ask ("no growth at 5 days"): only where asked.
    for (const [pattern, addDue] of [
      [p.duration, add],
      [p.atDuration, r.addBare],
    ] as const) {
      for (const m of flat.matchAll(pattern)) {
        const n = amount(m[1] ?? m[2] ?? "", p);
        const unit = unitKind(m[3] ?? "", p);
        // Hours are as often a history's ("swelling within 2 hours") as an ask's.
        if (Number.isFinite(n))
          (unit === "hours" ? r.addBare : addDue)(durationDue(sentOn, n, unit, r.holidays), m);
      }
    }
  }
  if (has("/")) {
    for (const m of flat.matchAll(p.shorthandPattern)) {
      add(durationDue(sentOn, Number(m[1] ?? m[2]), p.shorthand.get(m[3] ?? "") ?? "days"), m);
    }
  }
  readPeriods(r, has);
  if (has("fortnight")) for (const m of flat.matchAll(p.fortnight)) add(plusDays(sentOn, 14), m);
  if (has("next") || has("coming")) {
    for (const m of flat.matchAll(p.nextUnit))
      add(durationDue(sentOn, 1, unitKind(m[1] ?? "", p), r.holidays), m);
  }
  if (has(p.cues.tomorrow)) for (const m of flat.matchAll(p.tomorrow)) add(plusDays(sentOn, 1), m);
  if (has(p.cues.endOfDay)) for (const m of flat.matchAll(p.today)) add(sentOn, m);
  const weeks = has(p.weekCues);
  for (const m of weeks ? flat.matchAll(p.endOfWeek) : []) add(weekEnd(m[1], sentOn), m);
  for (const m of weeks ? flat.matchAll(p.byNextWeek) : []) {
    add(plusDays(sentOn, 8 - isoWeekday(sentOn)), m);
  }
  for (const m of has(p.dayCues) ? flat.matchAll(p.weekday) : []) {
    add(plusDays(sentOn, daysUntil(p, m[1], sentOn)), m);
  }
  // After a deadline word a date just gone is overdue ("issue by 04/12" sent on 8/12), not
  // next year's: a month back, as for a day's date.
  if (has(p.cues.deadline)) {
    for (const m of flat.matchAll(p.explicit)) {
      // "before 25/12" is met on the 24th: due the day before, never before the day sent.
      const date = readRecentDate(m, sentOn);
      const dayBefore = date !== undefined && date > sentOn && p.beforeDateLead.test(m[0]);
      add(dayBefore ? plusDays(date, -1) : date, m);
    }
  }
  // A clock time followed by "tomorrow" is tomorrow's, read with the word for tomorrow.
  const tomorrowNext = (m: RegExpMatchArray) => p.tomorrowNext.test(wordsAfter(flat, m));
  if (p.clock !== undefined && has(p.clockCues))
    for (const m of flat.matchAll(p.clock)) if (!tomorrowNext(m)) add(sentOn, m);
  // "booked in at 11 today": when the ask is for, in any clause, unless the day of an event.
  // The appointment is often the sender's own plan ("she is booked in with me at 11 today"):
  // what is asked for it is due by then all the same.
  if (p.clockToday !== undefined && has(p.clockTodayCues))
    for (const m of flat.matchAll(p.clockToday))
      if (!eventToday(p, flat, m, leadBefore(p, flat, m))) r.addPlanned(sentOn, m);
}

/** `date` itself if a working day, else the working day before it, not before `sentOn`. */
function lastWorkingDayBefore(
  date: string,
  holidays: ReadonlySet<string> | undefined,
  sentOn: string,
): string {
  let day = date;
  while (day > sentOn && (isoWeekday(day) > 5 || holidays?.has(day) === true))
    day = plusDays(day, -1);
  return day;
}

/** The first of `holidays` on or after `sentOn` (the bank holidays are data, in any order). */
function nextHoliday(
  holidays: ReadonlySet<string> | undefined,
  sentOn: string,
): string | undefined {
  let next: string | undefined;
  for (const day of holidays ?? [])
    if (day >= sentOn && (next === undefined || day < next)) next = day;
  return next;
}

/** The next "MM-DD" on or after `sentOn`. */
function nextMonthDay(monthDay: string, sentOn: string): string | undefined {
  const [month, day] = monthDay.split("-").map(Number);
  const year = Number(sentOn.slice(0, 4));
  for (const y of [year, year + 1]) {
    if (month === undefined || day === undefined || !isCalendarDate(y, month, day)) continue;
    const date = calendarDate(y, month, day);
    if (date >= sentOn) return date;
  }
  return undefined;
}

/** "end of the month", "end of Jan", "mid-December": group 1 says which part, group 2 which month. */
function monthPartPattern(): RegExp {
  return new RegExp(
    `\\b(?:by\\s|before\\s)?(?:the\\s)?(end\\sof|mid)[\\s-](?:the\\s|this\\s)?(month|${MONTH_SOURCE})\\b`,
    "gi",
  );
}

/**
 * The end or middle (the 15th) of "the month" (the one it is sent in) or of a named month, the
 * next such month on or after the one it is sent in: "end of Jan" sent in November is 31
 * January next year; "mid-November" sent on the 23rd is the 15th, already past.
 */
function monthPartDue(part: string, name: string, sentOn: string): string {
  const sentMonth = Number(sentOn.slice(5, 7));
  const named = MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  const middle = /^mid/i.test(part);
  let ahead = named === 0 ? 0 : (named - sentMonth + 12) % 12;
  // "Mid-month" after the 15th is next month's.
  if (named === 0 && middle && Number(sentOn.slice(8, 10)) > 15) ahead = 1;
  const first = `${plusMonths(`${sentOn.slice(0, 7)}-01`, ahead).slice(0, 7)}-01`;
  return middle ? plusDays(first, 14) : plusDays(plusMonths(first, 1), -1);
}

/** The next day numbered `day` of a month, on or after `sentOn` ("the 24th"). */
function nextDayOfMonth(day: number, sentOn: string): string | undefined {
  let year = Number(sentOn.slice(0, 4));
  let month = Number(sentOn.slice(5, 7));
  for (let k = 0; k < 12; k++) {
    if (isCalendarDate(year, month, day)) {
      const date = calendarDate(year, month, day);
      if (date >= sentOn) return date;
    }
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return undefined;
}

/** How far back a reference before "today" is looked for: its words and five more. */
const REFERENCE_CHARS = 90;

/**
 * Is a bare "today" the day something happened, not when the ask is due? "as per clinic today"
 * (`bareTodayNotAfter`, straight before), "as agreed at continence clinic today" or "seen cardio
 * OPD today" (`bareTodayAfterReference`, a few words before), unless shouted ("as per d/c letter
 * TODAY") or the passive of an ask ("needs to be seen today": `bareTodayAskAfter`).
 */
function eventToday(p: Patterns, flat: string, m: RegExpMatchArray, lead: string): boolean {
  if (p.todayNotAfter?.test(lead)) return true;
  const at = m.index ?? 0;
  const shouted = m[0] === m[0].toUpperCase();
  return (
    !shouted && p.todayReference?.test(flat.slice(Math.max(0, at - REFERENCE_CHARS), at)) === true
  );
}

/** The few words just before a match, for the lead patterns (`leadPatterns`). */
function leadBefore(p: Patterns, flat: string, m: RegExpMatchArray): string {
  return flat.slice(Math.max(0, (m.index ?? 0) - p.leadChars), m.index ?? 0);
}

/**
 * How far after a day or a clock time the word that tells of it is looked for, and how far
 * before a day the value of a reading.
 */
const NEXT_WORD_CHARS = 24;

/** The few words straight before a match, where a reading's value is looked for. */
function wordsBefore(flat: string, m: RegExpMatchArray): string {
  const start = m.index ?? 0;
  return flat.slice(Math.max(0, start - NEXT_WORD_CHARS), start);
}

/** The few words straight after a match, where what tells of a day or a time is looked for. */
function wordsAfter(flat: string, m: RegExpMatchArray): string {
  const end = (m.index ?? 0) + m[0].length;
  return flat.slice(end, end + NEXT_WORD_CHARS);
}

/**
 * A value straight after a day, not a clock time: "INR today 2.2" is the day of a reading
 * ("today 2.30pm" and "today 14:00" are times), and so is a blood pressure, whose top is no
 * day of a month ("BP optimised (today 158/92)"; "today 16/11" is a date).
 */
const VALUE_AFTER =
  /^\s?[:=]?\s?(?:[1-9]\d*(?:\.\d+)?(?![\d:./-]|\s?(?:am|pm|o'?clock)\b)|(?:[4-9]\d|[12]\d\d)\/\d{2,3}\b)/i;

/**
 * A reading straight before a day, a decimal or a blood pressure with its unit if any: "INR 2.6
 * today" and "BP 168/102 today" are the day of a reading; a dose is not ("2.5mg today").
 */
const VALUE_BEFORE = /(?:\b\d+\.\d+|\b\d{2,3}\/\d{2,3})\s?(?:mmol\/l|g\/l|mmhg|%)?\s$/i;

/**
 * Is the bare day `m` told as past by what follows it ("from Tuesday was 2.4")? For today, a
 * value straight after it too ("INR today 2.2"); after a weekday a number is its date.
 */
function toldAsPast(p: Patterns, flat: string, m: RegExpMatchArray, today = false): boolean {
  const rest = wordsAfter(flat, m);
  return p.pastAfter?.test(rest) === true || (today && VALUE_AFTER.test(rest));
}

/**
 * A week or a weekday alone ("this week", "pls r/v Monday"): where the clause asks, or in any
 * clause after a deadline word (`led`).
 */
function readBareWeek(
  r: Reading,
  has: (words: string | readonly string[]) => boolean,
  led: (m: RegExpMatchArray) => boolean,
): void {
  const { p, sentOn, flat, addBare } = r;
  for (const m of has(p.weekCues) ? flat.matchAll(p.bareWeek) : []) {
    // "Please see her this week" written on a Friday most likely asks for the days ahead, but
    // may mean today: a person reads it all the same. "By the end of this week" is today.
    const end = weekEnd(m[1] ?? m[2], sentOn, true);
    // (A plain "this week" ends on the day it is sent only on a Friday; "next week" never does.)
    const plainOnFriday = m[1] === undefined && !led(m) && end === sentOn;
    if (plainOnFriday) addBare(plusDays(sentOn, 7), m, sentOn);
    else (led(m) ? r.add : addBare)(end, m);
  }
  for (const m of has(p.dayCues) ? flat.matchAll(p.bareWeekday) : []) {
    if (toldAsPast(p, flat, m)) continue;
    (led(m) ? r.add : addBare)(plusDays(sentOn, daysUntil(p, m[2] ?? m[1], sentOn)), m);
  }
}

/**
 * A named day or a day's number alone after a lead, in a clause that asks: "prescribe before
 * Xmas", "let her know by the 24th", "first thing after new year", "before the BH".
 */
function readNamedDays(r: Reading): void {
  const { p, sentOn, flat } = r;
  if (p.namedDay === undefined) return;
  for (const m of flat.matchAll(p.namedDay)) {
    const number = m[3];
    const holiday = number === undefined && p.bankHoliday.test(m[2] ?? "");
    const named = p.namedDays.find(([test]) => test.test(m[2] ?? ""));
    let due =
      number !== undefined
        ? nextDayOfMonth(Number(number), sentOn)
        : holiday
          ? nextHoliday(r.holidays, sentOn)
          : named && nextMonthDay(named[1], sentOn);
    // "Before Xmas", "by new year", "before the BH": a day the practice is closed is met on
    // the working day before it; "after the BH" is the working day after it.
    if (due !== undefined && (named !== undefined || holiday) && p.deadlineLead.test(m[1] ?? ""))
      due = lastWorkingDayBefore(due, r.holidays, sentOn);
    else if (holiday && p.afterLead.test(m[1] ?? "")) {
      // "After the BH" alone says when it may be done ("refer after the BH, no rush"); "first
      // thing after the BH", or with the day named ("after the BH (Tues)"), when it is due.
      const soon = !/^after$/i.test(m[1] ?? "") || p.dayAfter.test(wordsAfter(flat, m));
      due = soon && due !== undefined ? addWorkingDays(due, 1, r.holidays) : undefined;
    }
    if (due !== undefined) r.addBare(due, m);
  }
}

/** Bare words, due dates only in a clause that asks: "today", "next week", "on Friday". */
function readBare(r: Reading, has: (words: string | readonly string[]) => boolean): void {
  const { p, sentOn, flat, addBare } = r;
  const before = (m: RegExpMatchArray) => leadBefore(p, flat, m);
  if (has(p.cuesBare.today)) {
    for (const m of flat.matchAll(p.bareToday)) {
      const reading = VALUE_BEFORE.test(wordsBefore(flat, m));
      if (!eventToday(p, flat, m, before(m)) && !toldAsPast(p, flat, m, true) && !reading)
        addBare(sentOn, m);
    }
  }
  if (has(p.cuesBare.tomorrow)) {
    // Tomorrow is never past: in any task that asks, it is when the ask is for ("court
    // hearing tomorrow. We need a GP letter"), unless it is the sender's own plan.
    for (const m of flat.matchAll(p.bareTomorrow)) r.add(plusDays(sentOn, 1), m);
  }
  // After a deadline word ("due this week", "due on Friday", "due her B12 next week", "due to
  // be changed this week") the day is when something is due, in any task that asks, as with a
  // stated deadline.
  const led = (m: RegExpMatchArray) => {
    const lead = before(m);
    return (
      p.deadlineBefore.test(lead) ||
      p.expiryBefore?.test(lead) === true ||
      p.dueAheadBefore?.test(lead) === true
    );
  };
  readBareWeek(r, has, led);
  // The weekday something runs out, in any task that asks, like a date it runs out.
  if (p.expiryWeekday !== undefined && has(p.dayCues)) {
    for (const m of flat.matchAll(p.expiryWeekday)) {
      r.add(plusDays(sentOn, daysUntil(p, m[1], sentOn)), m);
    }
  }
  if (has("end") || has("mid")) {
    for (const m of flat.matchAll(p.endOfMonth)) {
      // "By end of the month" and "expires end of the month" state a deadline in any clause;
      // "end of the month" alone only where the clause asks.
      const stated = /^(?:by|before)\s/i.test(m[0]) || led(m);
      (stated ? r.add : addBare)(monthPartDue(m[1] ?? "", m[2] ?? "", sentOn), m);
    }
  }
  if (has(p.cuesBare.fewDays)) {
    for (const m of flat.matchAll(p.fewDays)) r.add(plusDays(sentOn, 3), m);
  }
  readNamedDays(r);
  // "She is due her dose tonight": what is due, a few words after "due", is due that day.
  if (p.dueAheadToday !== undefined && has(p.cuesBare.dueAhead))
    for (const m of flat.matchAll(p.dueAheadToday)) r.add(sentOn, m);
  // An event's date in an ask ("remove sutures on 26/10"), the day an ask must start
  // ("prescribe from 9/11"), the day something is due ("due her B12 2/01") or the day something
  // runs out: only one still to come (a start after the day sent). The event's and start's date
  // only where the clause asks; the day something is due or runs out in any task.
  for (const [pattern, cue, addDue, from] of [
    [p.eventDate, p.cuesBare.eventDate, addBare, 0],
    [p.eventAhead, p.cuesBare.eventAhead, addBare, 0],
    [p.startDate, p.cuesBare.startDate, addBare, 1],
    [p.dueAhead, p.cuesBare.dueAhead, r.add, 0],
    [p.expiry, p.cuesBare.expiry, r.add, 0],
  ] as const) {
    if (pattern === undefined || !has(cue)) continue;
    for (const m of flat.matchAll(pattern)) {
      const due = readDate(m, sentOn);
      if (due !== undefined && daysBetween(sentOn, due) >= from) addDue(due, m);
    }
  }
}
