import type { PracticePolicy } from "../input/practice.js";
import type { TaskInput } from "../input/task.js";
import { daysBetween, dueDate, londonDate } from "./calendar.js";
import type { Evidence, Facts } from "./catalogue.js";
import { ContextReader, type MentionContext } from "./context.js";
import { DATE_SOURCE, readDate, TIME_SOURCE } from "./dates-in-text.js";
import { type Lexicon, LIST, type PartOwner } from "./lexicon.js";
import type { Mention } from "./matcher.js";
import { endsWithDeadline, findTimeframe, isPeriodAfter } from "./timeframe.js";
import { isPast, isQuotationMark, type Token, type TokenStream, tokenStream } from "./tokens.js";

/** Unit and ODS code comparison: case, spacing and the "SystemOne" spelling do not matter. */
export function sameName(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}

const unitsOf = new WeakMap<PracticePolicy, ReadonlySet<string>>();

/** The practice's own units, normalised once per practice object. */
function practiceUnits(practice: PracticePolicy): ReadonlySet<string> {
  let units = unitsOf.get(practice);
  if (units === undefined) {
    units = new Set(practice.units.map(normaliseName));
    unitsOf.set(practice, units);
  }
  return units;
}

function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/systemone/g, "systmone")
    .replace(/\s+/g, " ")
    .trim();
}

const datesAndTimes = new RegExp(`${DATE_SOURCE}|${TIME_SOURCE}`, "gi");
/** Characters allowed between a reference's date and its time: "23/11/2026 at 10:05". */
const DATE_TIME_GAP = 4;
/** A time straight after a date, as a journal entry's date carries one ("24/11/2026 10:05"). */
const ENTRY_TIME = new RegExp(`^\\s*(?:@|at)?\\s*${TIME_SOURCE}`, "i");

/** How far back a word that makes a period is looked for before a date: "on TTO x 10/7". */
const PERIOD_LEAD_CHARS = 16;
/** Leap year for checking a date written without one: "29/02" exists. */
const ANY_YEAR_FROM = "2028-01-01";

/**
 * Whether a match of `datesAndTimes` is a time or a date that exists: "2/52" (two weeks) and
 * "3/12" read as dates only when the day and month can be one ("3/12" can, "2/52" cannot).
 */
function isDayOrTime(match: RegExpMatchArray): boolean {
  const isDate = match.slice(1, 15).some((g) => g !== undefined);
  return !isDate || readDate(match, ANY_YEAR_FROM) !== undefined;
}

/** The body as the sender wrote it, over a mention's tokens. */
function spanOf(stream: TokenStream, m: Mention): { start: number; end: number; text: string } {
  const start = stream.tokens[m.from]?.start ?? 0;
  const end = stream.tokens[m.to - 1]?.end ?? start;
  return { start, end, text: stream.body.slice(start, end) };
}

/** The sender's words around a mention: its clause, trimmed to at most 160 characters. */
function clauseText(stream: TokenStream, m: Mention): string {
  const clause = stream.clauses[stream.tokens[m.from]?.clause ?? -1];
  if (clause === undefined) return spanOf(stream, m).text;
  const start = stream.tokens[clause.from]?.start ?? 0;
  const end = stream.tokens[clause.to - 1]?.end ?? start;
  const text = stream.body.slice(start, end).replace(/\s+/g, " ").trim();
  return text.length <= 160 ? text : `${text.slice(0, 157).trimEnd()}...`;
}

/**
 * Is there a word of a later sentence than the mention's between its end and the position `at`
 * ("See journal. Review 3/12": "Review")? Sentences as the token stream reads them.
 */
function wordsOfLaterSentence(stream: TokenStream, m: Mention, at: number): boolean {
  const sentence = stream.tokens[m.to - 1]?.sentence;
  for (let j = m.to; j < stream.tokens.length; j++) {
    const token = stream.tokens[j];
    if (token === undefined || token.start >= at) return false;
    if (token.sentence !== sentence) return true;
  }
  return false;
}

/**
 * Finds the journal references: a journal phrase followed, within the window, by a date or a
 * time. Returns whether one has its date/time, and the body with every journal phrase and its
 * own date/time blanked (dates there are not due dates).
 */
function readJournal(
  stream: TokenStream,
  mentions: readonly Mention[],
  lexicon: Lexicon,
): { dated: boolean; rest: string } {
  const body = stream.body;
  let dated = false;
  let rest = body;
  let covered = -1;
  for (const m of mentions) {
    const { start, end: phraseEnd } = spanOf(stream, m);
    if (phraseEnd <= covered) continue;
    let end = phraseEnd;
    for (const d of body
      .slice(phraseEnd, phraseEnd + lexicon.journalDateWithinChars)
      .matchAll(datesAndTimes)) {
      // "see journal - fit note for 2/52": a period written like a date is no entry's date;
      // nor is "x 10/7" after a word that makes it a period, though 10 July exists.
      const at = phraseEnd + d.index;
      const lead = body.slice(Math.max(phraseEnd, at - PERIOD_LEAD_CHARS), at);
      if (!isDayOrTime(d) || isPeriodAfter(lead, d[0], lexicon.timeframes)) continue;
      // "See journal. Review 3/12.": a date after the next sentence's words is that sentence's.
      if (end === phraseEnd && wordsOfLaterSentence(stream, m, at)) break;
      if (end > phraseEnd && at - end > DATE_TIME_GAP) break;
      // "record entries relevant to her capacity by 15/01": a date after a deadline word is
      // when the ask is due, not the entry's own date, unless a time follows it as an entry's
      // does ("see my journal entry by 24/11/2026 10:05").
      const after = at + d[0].length;
      if (
        endsWithDeadline(body.slice(phraseEnd, at), lexicon.timeframes) &&
        !ENTRY_TIME.test(body.slice(after, after + DATE_TIME_GAP + 6))
      )
        break;
      end = after;
    }
    if (end > phraseEnd) dated = true;
    covered = end;
    rest = rest.slice(0, start) + " ".repeat(end - start) + rest.slice(end);
  }
  return { dated, rest };
}

/**
 * Whether the number at `k` is a count, period or frequency rather than a result: "in 2 weeks",
 * "4 hourly", "2/52" (a period when its top is no more than its bottom: "90/52" is a blood
 * pressure).
 */
function isCount(
  stream: TokenStream,
  k: number,
  value: number,
  over: string | undefined,
  lexicon: Lexicon,
): boolean {
  if (over !== undefined && lexicon.periods.has(over) && value <= Number(over)) return true;
  // Only a word of the same clause: in "BP 88/52, HR 48" the "HR" is the next reading, not "hours".
  // A shorthand is matched as written too ("hr", which reads "heart rate").
  const clause = stream.tokens[k]?.clause;
  const near = (j: number) => {
    const token = stream.tokens[j];
    return token !== undefined && token.clause === clause ? token : undefined;
  };
  const among = (words: ReadonlySet<string>, token: Token | undefined) =>
    token !== undefined &&
    (words.has(token.word) || (token.via !== undefined && words.has(token.via)));
  if (among(lexicon.countBefore, near(k - 1))) return true;
  const after = near(k + 1);
  if (after === undefined || !among(lexicon.countAfter, after)) return false;
  // Nor a word with a number of its own after it: in "BP 86/50 HR 118" the "HR" is the next
  // reading. The word after it is the first token past what "HR" was written as.
  let j = k + 2;
  while (stream.tokens[j] !== undefined && (stream.tokens[j]?.start ?? 0) < after.end) j++;
  return !/^\d/.test(near(j)?.word ?? "");
}

/**
 * The number at token `k`: "6.8", or the first of "192/118" with its second; thousands written
 * with a comma ("CK 18,400") read as one number; a round number's decade as that number ("rate
 * 130s", "sats in the 80s"); a number written in words (`spelledAt`). With the token after
 * it (`end`). "stop" for one with a leading zero ("07700 900123", "01482"), a telephone number
 * or a code, not a value; null for no number.
 */
function numberAt(
  stream: TokenStream,
  k: number,
  lexicon: Lexicon,
): { value: string; second?: string; end: number } | "stop" | null {
  const token = stream.tokens[k];
  const number = /^(\d+(?:\.\d+)?)(?:\/(\d+))?(?:%|(?<=\d0)s)?$/.exec(token?.word ?? "");
  if (number === null) return spelledAt(stream, k, lexicon);
  const value = number[1] ?? "";
  if (number[2] !== undefined) return { value, second: number[2], end: k + 1 };
  if (/^0\d/.test(value)) return "stop";
  const next = stream.tokens[k + 1];
  if (
    next !== undefined &&
    /^\d{3}$/.test(next.word) &&
    stream.body.slice(token?.end, next.start) === ","
  )
    return { value: `${value}${next.word}`, end: k + 2 };
  return { value, end: k + 1 };
}

/**
 * A number written as words from token `k` ("eight point six", "one hundred and twelve",
 * "eighty five"), with the token after its last; null unless two words or more make it, so a
 * count ("two weeks") stays a word.
 */
function spelledAt(
  stream: TokenStream,
  k: number,
  lexicon: Lexicon,
): { value: string; end: number } | null {
  const word = (j: number) => stream.tokens[j]?.word ?? "";
  const spelled = (j: number) => lexicon.spelledWords.get(word(j));
  let j = k;
  let whole = 0;
  const unit = spelled(j);
  if (unit === undefined) return null;
  if (unit < 10 && lexicon.spelledHundred.has(word(j + 1))) {
    whole = unit * 100;
    j += 2;
    if (lexicon.spelledJoiners.has(word(j)) && spelled(j + 1) !== undefined) j++;
  }
  const tens = spelled(j);
  if (tens !== undefined) {
    whole += tens;
    j++;
    const ones = spelled(j);
    if (tens >= 20 && tens % 10 === 0 && ones !== undefined && ones > 0 && ones < 10) {
      whole += ones;
      j++;
    }
  }
  let decimals = "";
  if (lexicon.spelledPoint.has(word(j))) {
    let d = j + 1;
    for (let digit = spelled(d); digit !== undefined && digit < 10; digit = spelled(++d))
      decimals += String(digit);
    if (decimals !== "") j = d;
  }
  if (j - k < 2) return null;
  return { value: decimals === "" ? String(whole) : `${whole}.${decimals}`, end: j };
}

/**
 * A critical result stated in the text: an analyte followed closely by a value past its limit.
 * A clause link ("and") before the first value ends the search: "fit note 2/52, and GP to
 * increase levetiracetam to 750mg" states no FIT result.
 */
function criticalResult(reading: Reading, lexicon: Lexicon): Mention | undefined {
  const { stream, context } = reading;
  const analytes = context.of(LIST.analytes);
  if (analytes.length === 0) return undefined;
  // The entries whose `whenAlso` words the task holds, not negated.
  const met = new Set(
    context
      .of(LIST.criticalContext)
      .filter((m) => !context.read(m, true).negated)
      .map((m) => lexicon.criticalContextOf[m.phrase]),
  );
  // Where each analyte's name starts: another analyte's name ends the search for a value, so
  // "weight 82kg, creat was 140" reads no earlier weight.
  const names = new Set(analytes.map((a) => a.from));
  for (const m of analytes) {
    const index = lexicon.analyteOf[m.phrase] ?? -1;
    const entry = lexicon.criticalResults?.[index];
    if (entry === undefined || (entry.whenAlso !== undefined && !met.has(index))) continue;
    // The value may follow a few linking words on ("K+ came back at 6.9"); the first number
    // decides, and any other word ends the search ("FIT" in "fit note runs out 26/1").
    // Other words may come between too, in the sentence, when a link stands straight before
    // the value: "INR from the anticoag clinic came back 9.4".
    let skipped = 0;
    // After a value that is not critical, only an earlier value of it counts ("was 119"): past
    // its own limits, or as far from the value as the entry's change limits.
    let read: number | undefined;
    // Where the words that may come before the value start (after a first value, after it).
    let start = m.to;
    const sentence = stream.tokens[m.from]?.sentence;
    let last = m.to + lexicon.resultWithin + lexicon.resultSkip;
    for (let k = m.to; k < last && k < stream.tokens.length; k++) {
      const token = stream.tokens[k];
      const word = token?.word ?? "";
      if (token?.sentence !== sentence) break;
      const number = numberAt(stream, k, lexicon);
      if (number === "stop") break;
      if (number === null) {
        if (names.has(k)) break;
        if (lexicon.resultLinks.has(word)) continue;
        if (read === undefined && lexicon.clauseLinks.has(word)) break;
        if (++skipped <= lexicon.resultSkip) continue;
        break;
      }
      const value = Number(number.value);
      if (notAValue(stream, number, value, entry, lexicon)) break;
      // A count or period ("repeat Na in 1/52 - 126") is passed over, like a link; not a score
      // written against its maximum after its name and links alone ("4AT 6/12").
      const score = skipped === 0 && number.second !== undefined && +number.second === entry.outOf;
      if (!score && isCount(stream, k, value, number.second, lexicon)) {
        skipped = 0;
        continue;
      }
      // After a first value, a date links too: "Na 128 on 14/11 then 119 on 16/11".
      const date = !score && dayAndMonth(number);
      if (read !== undefined && date) continue;
      const previous = stream.tokens[k - 1]?.word ?? "";
      const later = read !== undefined && laterValue(stream, k, previous, lexicon);
      // After a first value, any other must be today's or an earlier one ("132 (was 118)").
      if (read !== undefined && !later && !earlierValue(stream, k, previous, lexicon)) break;
      if (read === undefined && skipped > 0 && !linkedValue(stream, k, previous, lexicon)) break;
      if (k - start - skipped >= lexicon.resultWithin) break;
      // A date ("on 26/1 was 6.8") links like a word.
      if (date) continue;
      const times = ratio(value, read, later);
      if (
        pastLimit(entry, value, times) &&
        unitAfter(stream, number.end, lexicon.unitsAfterOf[index])
      )
        return { ...m, to: number.end };
      // A run of later values goes on to its last, each against the first ("Hb 102 -> 88 -> 69").
      if (!later && (read !== undefined || !readsSecondValue(lexicon))) break;
      if (!later) read = value;
      skipped = 0;
      start = number.end;
      last = start + lexicon.resultWithin + lexicon.resultSkip;
      k = number.end - 1;
    }
  }
  return undefined;
}

/** Is the number a day and month ("26/1"), not a value: a blood pressure's bottom is over 12. */
function dayAndMonth(number: { second?: string }): boolean {
  return number.second !== undefined && Number(number.second) <= 12;
}

/** How far a value has moved from the first read: today's over the earlier one. */
function ratio(value: number, read: number | undefined, later: boolean): number | undefined {
  if (read === undefined || value <= 0 || read <= 0) return undefined;
  return later ? value / read : read / value;
}

/**
 * After a first value, is the one at `k` today's and the first the earlier: after a later-value
 * word ("from 90 to 310"), or after a later-value sign straight after a value ("128 > 121")?
 */
function laterValue(stream: TokenStream, k: number, previous: string, lexicon: Lexicon): boolean {
  return (
    lexicon.resultLater.has(previous) ||
    (lexicon.resultLater.has(gapBefore(stream, k)) && /^\d/.test(previous))
  );
}

/**
 * Is the number read no value of the entry's analyte, so the search ends: a dose, one of
 * `doseUnits` after it ("reduced to 62.5mcg"; not "CRP 210mg/L", nor "K 2.4, Mg 0.41"), unless
 * the entry reads one (`unitsAfter`); or a year where its limits are far below one ("last dig
 * level 2019")?
 */
function notAValue(
  stream: TokenStream,
  number: { second?: string; end: number },
  value: number,
  entry: NonNullable<Lexicon["criticalResults"]>[number],
  lexicon: Lexicon,
): boolean {
  return (
    (entry.unitsAfter === undefined && unitAfter(stream, number.end, lexicon.doseUnits)) ||
    (number.second === undefined && isYear(value, entry))
  );
}

/**
 * Is `value` a whole year from 1900 to 2099, and the entry's limits all under 190 (a tenth of
 * the earliest such year), so no value of it could be one?
 */
function isYear(value: number, entry: NonNullable<Lexicon["criticalResults"]>[number]): boolean {
  return (
    Number.isInteger(value) &&
    value >= 1900 &&
    value < 2100 &&
    (entry.atLeast ?? 0) < 190 &&
    (entry.below ?? 0) < 190
  );
}

/**
 * Is one of an entry's `unitsAfter` written straight after the value whose last token is before
 * `end` ("3.8 ug/L", "22mg/L"), spaces aside? True when the entry names no units.
 */
function unitAfter(
  stream: TokenStream,
  end: number,
  units: readonly RegExp[] | undefined,
): boolean {
  if (units === undefined) return true;
  const value = stream.tokens[end - 1];
  if (value === undefined) return false;
  // The value's token may hold its unit too ("22mg/L" reads "22" and "mg"): start after the number.
  const from =
    value.start + (/^[\d.,]+/.exec(stream.body.slice(value.start, value.end))?.[0].length ?? 0);
  const after = stream.body.slice(from, from + 24).toLowerCase();
  return units.some((unit) => unit.test(after));
}

/**
 * Is a value past its entry's limits: at or above `atLeast`, below `below`, or, with an earlier
 * value, changed by `times` (today's over the earlier) past the entry's change limits?
 */
function pastLimit(
  entry: NonNullable<Lexicon["criticalResults"]>[number],
  value: number,
  times: number | undefined,
): boolean {
  return (
    (entry.atLeast !== undefined && value >= entry.atLeast) ||
    (entry.below !== undefined && value < entry.below) ||
    (times !== undefined &&
      ((entry.timesEarlierAtLeast !== undefined && times >= entry.timesEarlierAtLeast) ||
        (entry.timesEarlierAtMost !== undefined && times <= entry.timesEarlierAtMost)))
  );
}

/**
 * Is the value at `k` an earlier one in brackets straight after the first ("eGFR 24 (38 in
 * July)")? Not a reference range ("Na 128 (135-145)").
 */
function bracketedEarlier(stream: TokenStream, k: number): boolean {
  const token = stream.tokens[k];
  if (token === undefined || gapBefore(stream, k) !== "(") return false;
  return !/^\s?[-\u2013]\s?\d/.test(stream.body.slice(token.end, token.end + 4));
}

/** Does the ruleset name any words that tell a second value of a result (earlier or later)? */
function readsSecondValue(lexicon: Lexicon): boolean {
  return (
    lexicon.resultEarlier.size + lexicon.resultEarlierAfter.size + lexicon.resultLater.size > 0
  );
}

/**
 * Is the value at `k` an earlier one of the analyte: after an earlier-value word ("was 119"), in
 * brackets after the first ("24 (38 in July)"), or before "ago" ("44 a fortnight ago")?
 */
function earlierValue(stream: TokenStream, k: number, previous: string, lexicon: Lexicon): boolean {
  return (
    lexicon.resultEarlier.has(previous) ||
    bracketedEarlier(stream, k) ||
    earlierAfter(stream, k, lexicon)
  );
}

/**
 * Do words just after the value at `k`, before any other number, make it an earlier one ("eGFR
 * 18 on recheck, 44 a fortnight ago")?
 */
function earlierAfter(stream: TokenStream, k: number, lexicon: Lexicon): boolean {
  const sentence = stream.tokens[k]?.sentence;
  for (let j = k + 1; j <= k + lexicon.resultEarlierAfterWords; j++) {
    const token = stream.tokens[j];
    if (token === undefined || token.sentence !== sentence || numberAt(stream, j, lexicon) !== null)
      return false;
    if (lexicon.resultEarlierAfter.has(token.word)) return true;
  }
  return false;
}

/** The punctuation written between token `k` and the one before it, trimmed ("(", "="). */
function gapBefore(stream: TokenStream, k: number): string {
  const before = stream.tokens[k - 1];
  const token = stream.tokens[k];
  return before === undefined || token === undefined
    ? ""
    : stream.body.slice(before.end, token.start).trim();
}

/**
 * Does a link stand straight before the value at `k`: a link word, or a link sign written
 * between the words ("PSA taken at the same visit = 14.2", "lithium level: 1.4").
 */
function linkedValue(stream: TokenStream, k: number, previous: string, lexicon: Lexicon): boolean {
  if (lexicon.resultLinks.has(previous)) return true;
  // A bracket closed before the link does not hide it: "INR (housebound pt): 8.6".
  const gap = gapBefore(stream, k).replace(/^[)\]]+\s*/, "");
  return gap !== "" && lexicon.resultLinks.has(gap);
}

/** Each part's mention nearest the anchor: the words an `allOf` phrase is made of. */
function nearestParts(byPart: Mention[][], anchor: Mention): { from: number; to: number }[] {
  return byPart.flatMap((ms) => {
    let near: Mention | undefined;
    for (const m of ms)
      if (near === undefined || Math.abs(m.from - anchor.from) < Math.abs(near.from - anchor.from))
        near = m;
    return near === undefined ? [] : [{ from: near.from, to: near.to }];
  });
}

/** One number for an `allOf` phrase: its list and its index there (a list holds under 2^20). */
const ownerKey = (owner: PartOwner) => owner.list * 0x100000 + owner.phrase;

/**
 * Whether the body holds every part of an `allOf` phrase somewhere (a bit a part), found before
 * anything else is built: most bodies hold a part of hundreds of phrases ("today", "blood") and
 * every part of only a few.
 */
function allPartsFound(mentions: Mention[], lexicon: Lexicon): (owner: PartOwner) => boolean {
  const seen = new Map<number, number>();
  for (const m of mentions) {
    if (m.list !== LIST.allOfParts) continue;
    for (const owner of lexicon.partOf[m.phrase] ?? []) {
      const key = ownerKey(owner);
      seen.set(key, (seen.get(key) ?? 0) | (1 << owner.part));
    }
  }
  return (owner) => owner.parts > 30 || seen.get(ownerKey(owner)) === 2 ** owner.parts - 1;
}

/**
 * Adds a mention for each `allOf` phrase whose parts are all found within one sentence or the
 * next ("Started clopidogrel 75mg OD. GP to continue."), at the place of its first part, and,
 * for a category, at its last part's too when that is in a later clause: "Fit note runs out
 * Fri. Could GP extend" asks where "extend" is.
 */
function withAllOf(stream: TokenStream, mentions: Mention[], lexicon: Lexicon): Mention[] {
  const sentenceOf = (m: Mention) => stream.tokens[m.from]?.sentence ?? 0;
  const clauseOf = (m: Mention) => stream.tokens[m.from]?.clause ?? 0;
  // Each allOf phrase's sentences by part, and its first and last parts' mentions.
  const found = new Map<
    number,
    {
      list: number;
      phrase: number;
      sentences: Set<number>[];
      anchors: Mention[];
      lasts: Mention[];
      /** Each part's mentions, in body order. */
      byPart: Mention[][];
    }
  >();
  const complete = allPartsFound(mentions, lexicon);
  for (const m of mentions) {
    if (m.list !== LIST.allOfParts) continue;
    for (const owner of (lexicon.partOf[m.phrase] ?? []).filter(complete)) {
      const key = ownerKey(owner);
      let entry = found.get(key);
      if (entry === undefined) {
        const sentences = Array.from({ length: owner.parts }, () => new Set<number>());
        const byPart = Array.from({ length: owner.parts }, (): Mention[] => []);
        entry = {
          list: owner.list,
          phrase: owner.phrase,
          sentences,
          anchors: [],
          lasts: [],
          byPart,
        };
        found.set(key, entry);
      }
      entry.sentences[owner.part]?.add(sentenceOf(m));
      entry.byPart[owner.part]?.push(m);
      if (owner.part === 0) entry.anchors.push(m);
      if (owner.part === owner.parts - 1) entry.lasts.push(m);
    }
  }
  const added: Mention[] = [];
  for (const { list, phrase, sentences, anchors, lasts, byPart } of found.values()) {
    // The sentences after the first that the parts may stand in: for an ask, as the ruleset
    // says ("K+ 6.8 on clinic bloods today. Tried to call, no answer. Please contact him").
    const reach = list === LIST.categories ? lexicon.askPartsSentences - 1 : 1;
    const someOf = (from: number, test: (sentence: number) => boolean) => {
      for (let k = 0; k <= reach; k++) if (test(from + k)) return true;
      return false;
    };
    const within = (from: number) =>
      sentences.every((set) => someOf(from, (sentence) => set.has(sentence)));
    // Every place the phrase's first part stands with the others in reach: "We tried to
    // contact pt. Please contact pt today" asks at the second, not the first.
    // Each place once: two anchors may reach the same last part.
    const placed = new Set<number>();
    const place = (m: Mention, parts: { from: number; to: number }[]) => {
      if (placed.has(m.from)) return;
      placed.add(m.from);
      added.push({ list, phrase, from: m.from, to: m.to, parts });
    };
    for (const anchor of anchors) {
      if (!someOf(sentenceOf(anchor) - reach, within)) continue;
      const parts = nearestParts(byPart, anchor);
      place(anchor, parts);
      const later = lasts.find(
        (m) =>
          m.from >= anchor.to &&
          clauseOf(m) !== clauseOf(anchor) &&
          sentenceOf(m) - sentenceOf(anchor) <= reach,
      );
      // Only for asks: where a category is asked decides whether it is; a safety phrase counts
      // wherever it is, from its first part.
      if (later && list === LIST.categories) place(later, parts);
      // A safety phrase needs one place.
      if (list !== LIST.categories) break;
    }
  }
  return added.length === 0 ? mentions : [...mentions, ...added].sort((a, b) => a.from - b.from);
}

/** The sender's fields whose names describe its service ("Ward 7", "Cardiology Outpatients"). */
const SENDER_FIELDS = ["organisation", "unit", "team", "role"] as const;
type SenderField = (typeof SENDER_FIELDS)[number];

/** A mention in one of the sender's fields, with the stream it was read from. */
interface SenderMention {
  field: SenderField;
  stream: TokenStream;
  mention: Mention;
}

/** The lists read in the sender's names. */
const SENDER_LISTS: ReadonlySet<number> = new Set([
  LIST.senderContext,
  LIST.safetyServices,
  LIST.otherServices,
  LIST.otherServicesUnless,
]);

const senderReadings = new WeakMap<Lexicon, Map<string, SenderMention[]>>();
const SENDER_READINGS_MAX = 512;

/**
 * What the sender's own names say, read with the body's lexicon: the service contexts (a
 * "Ward", a "TIA Clinic") and the safety-related services (a hospice, a safeguarding team).
 * Senders repeat within a batch, so readings are kept per lexicon (a bounded map).
 */
function readSender(sender: TaskInput["sender"], lexicon: Lexicon): SenderMention[] {
  let memo = senderReadings.get(lexicon);
  if (memo === undefined) {
    memo = new Map();
    senderReadings.set(lexicon, memo);
  }
  const key = JSON.stringify(SENDER_FIELDS.map((f) => sender[f] ?? ""));
  const hit = memo.get(key);
  if (hit) return hit;
  const found: SenderMention[] = [];
  for (const field of SENDER_FIELDS) {
    const text = sender[field];
    if (text === undefined || text === "") continue;
    const stream = tokenStream(text, lexicon.reading);
    for (const mention of lexicon.matcher.scan(stream))
      if (SENDER_LISTS.has(mention.list)) found.push({ field, stream, mention });
  }
  if (memo.size >= SENDER_READINGS_MAX) memo.clear();
  memo.set(key, found);
  return found;
}

interface Reading {
  stream: TokenStream;
  context: ContextReader;
  evidence: Evidence[];
}

function note(
  reading: Reading,
  fact: string,
  list: number,
  m: Mention,
  entry: string,
  from?: { field: SenderField; stream: TokenStream },
): void {
  const span = spanOf(from?.stream ?? reading.stream, m);
  const field = from && { field: `sender.${from.field}` as const };
  reading.evidence.push({ fact, list: LIST_NAMES[list] ?? "", entry, ...span, ...field });
}

const LIST_NAMES = Object.fromEntries(Object.entries(LIST).map(([name, id]) => [id, name]));

/** Each reading's category contexts, read once however many times the categories are read. */
const contextsRead = new WeakMap<Reading, Set<string | undefined>>();

/**
 * The contexts the categories that need one may be read in: those the body names (not
 * negated), and the sender's service unless the body names a context that rules it out.
 */
function categoryContexts(
  reading: Reading,
  lexicon: Lexicon,
  sender: readonly SenderMention[],
): Set<string | undefined> {
  const known = contextsRead.get(reading);
  if (known !== undefined) return known;
  const contexts = readContexts(reading, lexicon, sender);
  contextsRead.set(reading, contexts);
  return contexts;
}

function readContexts(
  reading: Reading,
  lexicon: Lexicon,
  sender: readonly SenderMention[],
): Set<string | undefined> {
  const { context, stream } = reading;
  // A context word that is a sentence on its own says nothing of where: a clinic letter's
  // closing "Discharged." is from the clinic's follow-up, not from hospital.
  const alone = (m: Mention) => {
    const sentence = stream.sentences[stream.tokens[m.from]?.sentence ?? -1];
    if (sentence === undefined) return false;
    const first = stream.clauses[sentence.from]?.from;
    const last = stream.clauses[sentence.to - 1]?.to;
    return first === m.from && last === m.to;
  };
  // A sentence that only rules a category out still does: "Discharged from CRHTT."
  const rulesOut = (m: Mention) => lexicon.contextOf[m.phrase]?.startsWith("!") === true;
  const contexts = new Set(
    context
      .of(LIST.categoryContext)
      .filter((m) => {
        const c = context.read(m, false);
        // A phrase that rules a category out does so inside a longer pseudo-trigger too:
        // "resend the referral" is one, and still says no referral is asked.
        return !c.negated && (rulesOut(m) || (!c.pseudo && !alone(m)));
      })
      .map((m) => lexicon.contextOf[m.phrase]),
  );
  // The sender's service is context too ("TIA Clinic", "Ward 110"), unless the body names a
  // context that rules it out: "seen in clinic" in a ward's task is after clinic.
  const rivals = (a: string, b: string) =>
    lexicon.categories.some(
      (c) => (c.id === a && c.notWith.includes(b)) || (c.id === b && c.notWith.includes(a)),
    );
  const fromBody = [...contexts];
  for (const s of sender) {
    if (s.mention.list !== LIST.senderContext) continue;
    const id = lexicon.senderContextOf[s.mention.phrase];
    if (id !== undefined && !fromBody.some((b) => b !== undefined && rivals(id, b)))
      contexts.add(id);
  }
  return contexts;
}

/**
 * The category each of the sender's asks is read as: its `otherSenders` one from a sender whose
 * kind is not a Standard Contract one, or whose service names one of the category's
 * `otherSenderServices` (a laboratory's ask to repeat a test is of the practice's own test),
 * unless its names or the body name a service of its own ("Lipid Clinic", "we took in clinic").
 */
function askedAs(
  reading: Reading,
  lexicon: Lexicon,
  senderKind: string,
  sender: readonly SenderMention[],
): (category: Lexicon["categories"][number]) => string {
  const contract = lexicon.contractSenders.has(senderKind);
  const others = new Set<string>();
  for (const s of sender)
    if (s.mention.list === LIST.otherServices) {
      const id = lexicon.otherServicesOf[s.mention.phrase];
      if (id !== undefined) others.add(id);
    }
  if (others.size > 0) {
    const unless = [
      ...sender.filter((s) => s.mention.list === LIST.otherServicesUnless).map((s) => s.mention),
      ...reading.context.of(LIST.otherServicesUnless),
    ];
    for (const m of unless) {
      const id = lexicon.otherServicesUnlessOf[m.phrase];
      if (id !== undefined) others.delete(id);
    }
  }
  return (category) =>
    (!contract || others.has(category.id)) && category.otherSenders !== undefined
      ? category.otherSenders
      : category.id;
}

/** The words a mention is made of: an all-of phrase's parts, not the text between them. */
function wordsOf(m: Mention): number[] {
  const words: number[] = [];
  for (const part of m.parts ?? [m]) for (let k = part.from; k < part.to; k++) words.push(k);
  return words;
}

/** The categories the body asks for, in the ruleset's order, with the mention that asked. */
function readCategories(
  reading: Reading,
  lexicon: Lexicon,
  senderKind: string,
  sender: readonly SenderMention[],
  carried = false,
): { id: string; mention: Mention }[] {
  const { context } = reading;
  // Carried: the need told in the sentence before an ask that names nothing itself ("has run
  // out of her lactulose. Please can you send it over").
  const asking = (m: Mention, c: { request: boolean }) =>
    c.request ||
    (carried &&
      !pastForm(reading.stream, m, lexicon.labels[LIST.categories]?.[m.phrase] ?? "") &&
      context.requestSentence((reading.stream.tokens[m.from]?.sentence ?? -2) + 1));
  const contexts = categoryContexts(reading, lexicon, sender);
  // "No GP action required": only an explicit ask counts.
  const quiet = context.saysNothingAsked;
  // Categories are read in the ruleset's order, and the words that ask for one cannot ask for
  // a later one too ("take over prescribing under shared care" is a shared-care request, not
  // also a prescription after clinic).
  const byCategory = new Map<string, Mention[]>();
  for (const m of context.of(LIST.categories)) {
    if (m.phrase >= lexicon.askWordsFrom) continue;
    const id = lexicon.categoryOf[m.phrase];
    if (id === undefined) continue;
    const list = byCategory.get(id);
    if (list) list.push(m);
    else byCategory.set(id, [m]);
  }
  const claimed = new Set<number>();
  const found = new Map<string, Mention>();
  for (const category of lexicon.categories) {
    if (category.hasContext && !contexts.has(category.id)) continue;
    if (contexts.has(`!${category.id}`)) continue;
    if (category.notWith.some((id) => found.has(id))) continue;
    const asks = (byCategory.get(category.id) ?? []).filter((m) => {
      if (wordsOf(m).some((k) => claimed.has(k))) return false;
      const c = context.read(m, false);
      // A condition takes away an ask ("if worse, GP may wish to refer"), not what a task
      // says it is ("FYI in case he attends").
      // Nor is an ask inside a phrase that only looks like one ("social prescriber").
      const conditional = c.hypothetical && !category.asksUnderCondition;
      if (c.negated || ((c.pseudo || conditional) && category.requestsAction)) return false;
      // What the patient is told asks nothing of the practice: "let her know she can start".
      if (category.requestsAction && context.told(m)) return false;
      // An ask counts where the sentence asks, it is not already done and its clause is not
      // the sender's own plan ("I will recheck U&E"); a statement of a change in condition is
      // about what happened, so "done" does not take it away.
      return (
        !category.requestsAction ||
        ((asking(m, c) || (category.asksUnderCondition && context.conditionalRequest(m.from))) &&
          !c.done &&
          !reportsDone(reading, m, lexicon) &&
          !context.planClause(m.from) &&
          (!quiet || context.explicitRequest(m.from)))
      );
    });
    // Quote the clause that asks ("Please action the results") over a heading's words.
    const first = asks.find((m) => context.requestClause(m.from)) ?? asks[0];
    if (first === undefined) continue;
    found.set(category.id, first);
    for (const m of asks) for (const k of wordsOf(m)) claimed.add(k);
  }
  // A category read later rules one out too: "please send a copy of her vaccination history"
  // asks for records (admin), not for clinical work.
  for (const category of lexicon.categories)
    if (found.has(category.id) && category.notWith.some((id) => found.has(id)))
      found.delete(category.id);
  const readAs = askedAs(reading, lexicon, senderKind, sender);
  const out: { id: string; mention: Mention }[] = [];
  for (const category of lexicon.categories) {
    const mention = found.get(category.id);
    if (mention === undefined) continue;
    const id = readAs(category);
    if (!out.some((o) => o.id === id)) out.push({ id, mention });
  }
  return out;
}

/**
 * A task that asks something no category's phrase names ("Can you send pls", "Could u
 * confirm"): the category of the thing it is about, from the categories' ask words: the
 * first such word in a clause that asks, else in a sentence that asks (a word in the asking
 * clause names what is asked better than one earlier in its sentence), else (unless
 * `whereAsked`) the first category, in the ruleset's order, with such a word anywhere in the
 * task. Not negated, not hypothetical, and only for a category whose context holds; where one
 * word is several categories' ask word, the earliest category's.
 */
function readAskWords(
  reading: Reading,
  lexicon: Lexicon,
  senderKind: string,
  sender: readonly SenderMention[],
  whereAsked = false,
): { id: string; mention: Mention }[] {
  const { context } = reading;
  if (context.saysNothingAsked) return [];
  // A category with a context counts only in it, as its phrases do: "quetiapine" asked after a
  // discharge is a discharge prescription, elsewhere a prescription request.
  const contexts = categoryContexts(reading, lexicon, sender);
  const rank = (m: Mention) =>
    lexicon.categories.findIndex((c) => c.id === lexicon.categoryOf[m.phrase]);
  const words = context.of(LIST.categories).filter((m) => {
    if (m.phrase < lexicon.askWordsFrom) return false;
    const category = lexicon.categories[rank(m)];
    if (category === undefined || contexts.has(`!${category.id}`)) return false;
    if (category.hasContext && !contexts.has(category.id)) return false;
    // A pseudo-trigger stops an ask, not the thing asked about: "repeat" in "his repeat still
    // shows amlodipine" names a prescription, though "his repeat" keeps it from asking for a
    // repeat test.
    const c = context.read(m, false);
    return !c.negated && !c.hypothetical;
  });
  // Of the words at the first place that passes, the one of the earliest category.
  const first = (test: (m: Mention) => boolean) => {
    const at = words.find(test)?.from;
    return words
      .filter((m) => m.from === at)
      .reduce<Mention | undefined>(
        (a, m) => (a === undefined || rank(m) < rank(a) ? m : a),
        undefined,
      );
  };
  // The first such word in a clause that asks, then in a sentence that asks; else (unless
  // `whereAsked`) the first category, in order, with a word anywhere.
  const asked =
    first((m) => context.requestClause(m.from)) ??
    first((m) => context.requestSentence(reading.stream.tokens[m.from]?.sentence ?? -1));
  const anywhere = whereAsked
    ? undefined
    : lexicon.categories
        .map((c) => words.find((m) => lexicon.categoryOf[m.phrase] === c.id))
        .find((m) => m !== undefined);
  const mention = asked ?? anywhere;
  const category = mention && categoryNamed(lexicon, lexicon.categoryOf[mention.phrase]);
  if (mention === undefined || category === undefined) return [];
  return [{ id: askedAs(reading, lexicon, senderKind, sender)(category), mention }];
}

/**
 * Does the mention open a clause with a verb in the past ("started aspirin 300mg", "increased
 * furosemide")? That clause reports what was done, though its sentence asks ("Pls refer to TIA
 * clinic, started aspirin"). So does a verb in the past straight after a subject or an auxiliary
 * (`phrases.pastLeads`: "we arranged a sweat test", "her needs have increased"), unless its
 * clause asked before it ("can you check she's been deducted").
 */
function reportsDone(reading: Reading, m: Mention, lexicon: Lexicon): boolean {
  const { stream, context } = reading;
  const token = stream.tokens[m.from];
  if (token === undefined || !isPast(token.word)) return false;
  if (stream.clauses[token.clause]?.from === m.from) return !context.requestClause(m.from);
  // A passive with its agent reports: "ramipril started by hospital", "increased by cardiology".
  if (stream.tokens[m.from + 1]?.word === "by" && !/eed$/.test(token.word))
    return !context.askedBefore(m.from);
  const lead = stream.tokens[m.from - 1];
  return (
    lead?.clause === token.clause &&
    lexicon.pastLeads.has(lead.word) &&
    // "need", "bleed": not a past form.
    !/eed$/.test(token.word) &&
    !context.askedBefore(m.from)
  );
}

/**
 * Does the mention hold a word in the past ("enquiry commenced") that its phrase does not
 * ("commence")? Such a need is news of what was done, not one an ask can carry.
 */
function pastForm(stream: TokenStream, m: Mention, phrase: string): boolean {
  const own = new Set(phrase.split(" "));
  return stream.tokens.slice(m.from, m.to).some((t) => isPast(t.word) && !own.has(t.word));
}

/** The ruleset's category `id`, if it has one. */
function categoryNamed(lexicon: Lexicon, id: string | undefined) {
  return lexicon.categories.find((c) => c.id === id);
}

/** Does the category ask for action (`requestsAction`), or is it unknown to the ruleset? */
function asksAction(lexicon: Lexicon, id: string): boolean | undefined {
  return categoryNamed(lexicon, id)?.requestsAction;
}

/** The first mention of a list that counts, by a test on its context. */
function firstWhere(
  reading: Reading,
  list: number,
  review: boolean,
  counts: (c: ReturnType<ContextReader["read"]>) => boolean,
): Mention | undefined {
  return reading.context.of(list).find((m) => counts(reading.context.read(m, review)));
}

/** A due date and where it came from: the earlier of dueBy and a timeframe in the body. */
interface Due {
  dueOn: string;
  source: NonNullable<Facts["dueSource"]>;
  text?: string;
  /** The earliest the body's words could mean, for human review (see `Timeframe`). */
  soonestOn?: string;
  /** When the due date has gone, the next one the body asks for (see `Timeframe`). */
  nextOn?: string;
}

function readDue(
  task: TaskInput,
  rest: string,
  sentOn: string,
  reading: Reading,
  lexicon: Lexicon,
) {
  const { context } = reading;
  let due: Due | undefined =
    task.dueBy === undefined ? undefined : { dueOn: dueDate(task.dueBy), source: "dueBy" };
  const stated = findTimeframe(rest, sentOn, {
    bankHolidays: lexicon.bankHolidays,
    words: lexicon.timeframes,
    accept: (index) => context.requestAt(index) || context.adviceToPracticeAt(index),
    ownPlan: (index) => context.planAt(index),
  });
  // A timeframe in a body that asks nothing is someone else's ("speak to own GP within 5 days").
  if (
    stated &&
    context.anyRequest &&
    (due === undefined || daysBetween(due.dueOn, stated.dueOn) < 0)
  )
    due = { dueOn: stated.dueOn, source: "body", text: stated.text };
  // For review, the soonest the body's words could mean, where sooner than the due date.
  const soonest = context.anyRequest ? stated?.soonestOn : undefined;
  if (due !== undefined && soonest !== undefined && daysBetween(soonest, due.dueOn) > 0)
    due.soonestOn = soonest;
  if (due?.source === "body" && stated?.nextOn !== undefined) due.nextOn = stated.nextOn;
  return due;
}

/** Distinct clinical details: two phrases over the same words ("BP" and "blood pressure") are one. */
function careDetailTerms(context: ContextReader): number {
  const spans = new Map<number, number>();
  for (const m of context.of(LIST.clinical)) if (!spans.has(m.from)) spans.set(m.from, m.phrase);
  return new Set(spans.values()).size;
}

/**
 * The first quotation in the body that is someone's own words (`reading.quotedWords`): from
 * `minWords` to `maxWords` words between a pair of quotation marks, with no
 * `phrases.quotedMessages` entry ("re your task") before it in its sentence. One pass over the
 * body's characters and tokens.
 */
function quotedWords(reading: Reading, lexicon: Lexicon): Mention | undefined {
  const limits = lexicon.quotedWords;
  if (limits === undefined) return undefined;
  const { body, tokens } = reading.stream;
  const messages = reading.context.of(LIST.quotedMessages);
  let open = -1;
  let next = 0;
  for (let i = 0; i < body.length; i++) {
    if (!isQuotationMark(body[i] ?? "")) continue;
    if (open < 0) {
      open = i;
      continue;
    }
    // The tokens between the marks at `open` and `i`.
    while (next < tokens.length && (tokens[next]?.start ?? 0) < open) next++;
    const from = next;
    while (next < tokens.length && (tokens[next]?.end ?? 0) <= i) next++;
    const words = next - from;
    open = -1;
    if (words < limits.minWords || words > limits.maxWords) continue;
    const sentence = tokens[from]?.sentence;
    if (messages.some((m) => m.to <= from && tokens[m.from]?.sentence === sentence)) continue;
    return { list: LIST.quotedWords, phrase: 0, from, to: next };
  }
  return undefined;
}

/** Said as so, not a service's name, a pseudo-trigger, a hypothetical or already done. */
const asserted = (c: MentionContext) =>
  !c.negated && !c.service && !c.pseudo && !c.hypothetical && !c.done;

/**
 * An `urgentWhenAsked` word that opens the body as its heading ("EMERGENCY - blood cultures
 * positive ... pls contact him"): urgent where the task asks anywhere, not only in its sentence.
 */
function headingUrgent(reading: Reading): Mention | undefined {
  const { context, stream } = reading;
  if (!context.anyRequest) return undefined;
  const first = context.of(LIST.urgentWhenAsked).find((m) => m.from === 0);
  if (first === undefined || stream.clauses[0]?.to !== first.to) return undefined;
  return asserted(context.read(first, true)) ? first : undefined;
}

/** The urgent, safety-related and safety-service facts, with the words behind each. */
function reviewFacts(reading: Reading, lexicon: Lexicon, sender: readonly SenderMention[]) {
  const { stream } = reading;
  // Urgent: asserted, not a service's name (`urgentWhenAsked`: and in a sentence that asks).
  // Safety: anything not negated (a history or a hypothetical of self-harm still needs a
  // person to read it).
  const urgent =
    firstWhere(reading, LIST.urgent, true, asserted) ??
    firstWhere(reading, LIST.urgentWhenAsked, true, (c) => asserted(c) && c.request) ??
    headingUrgent(reading);
  const safety =
    firstWhere(reading, LIST.safety, true, (c) => !c.negated && !c.service && !c.pseudo) ??
    firstWhere(
      reading,
      LIST.deterioration,
      true,
      (c) => !c.negated && !c.service && !c.pseudo && !c.hypothetical,
    ) ??
    criticalResult(reading, lexicon) ??
    quotedWords(reading, lexicon);
  const service = sender.find((s) => s.mention.list === LIST.safetyServices);
  // A need told as due today or tomorrow with no ask written ("none for tonight's dose"):
  // for review only, never a rule's due date.
  const soon = firstWhere(reading, LIST.dueSoonWords, true, asserted);
  if (soon)
    note(reading, "dueSoon", soon.list, soon, lexicon.labels[soon.list]?.[soon.phrase] ?? "");
  const words: Pick<Facts, "urgentPhrase" | "urgentText" | "safetyPhrase" | "safetyText"> = {};
  if (urgent) {
    words.urgentPhrase = lexicon.labels[urgent.list]?.[urgent.phrase] ?? "";
    words.urgentText = spanOf(stream, urgent).text;
    note(reading, "urgentLanguage", urgent.list, urgent, words.urgentPhrase);
  }
  if (safety) {
    words.safetyPhrase = lexicon.labels[safety.list]?.[safety.phrase] ?? "";
    words.safetyText = spanOf(stream, safety).text;
    note(reading, "safetyLanguage", safety.list, safety, words.safetyPhrase);
  }
  if (service) {
    const { field, stream: from, mention } = service;
    const entry = lexicon.labels[LIST.safetyServices]?.[mention.phrase] ?? "";
    note(reading, "safetyService", LIST.safetyServices, mention, entry, { field, stream: from });
  }
  const flags = {
    urgentLanguage: urgent !== undefined,
    safetyLanguage: safety !== undefined,
    safetyService: service !== undefined,
  };
  return { flags, words, soon: soon !== undefined };
}

/**
 * The category facts: given wins, else the first category the body asks for, else the
 * ruleset's category for a task that asks nothing (`whenNothingAsked`), else other.
 */
function categoryFacts(
  task: TaskInput,
  reading: Reading,
  lexicon: Lexicon,
  sender: readonly SenderMention[],
): Pick<Facts, "category" | "categorySource" | "requests" | "categoryPhrase" | "categoryText"> {
  if (task.category)
    return { category: task.category, categorySource: "given", requests: [task.category] };
  let asked = readCategories(reading, lexicon, task.sender.kind, sender);
  // A task that asks, though the categories it names ask nothing ("fit note runs out Fri, she
  // remains unfit. Pls can GP extend 6/52"): the need told before the ask, else the words of
  // what it is about.
  const asks = (a: { id: string }) => asksAction(lexicon, a.id) === true;
  if (reading.context.anyRequest && !asked.some(asks)) {
    let unnamed = readCategories(reading, lexicon, task.sender.kind, sender, true).filter(asks);
    // Beside a named category that asks nothing, only a word where the task asks counts, and
    // none at all beside words that say nothing is asked ("for info": `whenNothingAsked`).
    const forInformation = asked.some((a) => categoryNamed(lexicon, a.id)?.whenNothingAsked);
    if (unnamed.length === 0 && !forInformation)
      unnamed = readAskWords(reading, lexicon, task.sender.kind, sender, asked.length > 0);
    asked = [...unnamed, ...asked];
  }
  const primary = asked[0];
  if (primary === undefined) {
    // Nothing named and nothing asked: the category the ruleset reads then (information).
    const quiet = reading.context.anyRequest
      ? undefined
      : lexicon.categories.find((c) => c.whenNothingAsked);
    return { category: quiet?.id ?? "other", categorySource: "unknown", requests: [] };
  }
  const label = (m: Mention) => lexicon.labels[LIST.categories]?.[m.phrase] ?? "";
  for (const a of asked) note(reading, "category", LIST.categories, a.mention, label(a.mention));
  return {
    category: primary.id,
    categorySource: "inferred",
    requests: asked.map((a) => a.id),
    categoryPhrase: label(primary.mention),
    categoryText: clauseText(reading.stream, primary.mention),
  };
}

/** The practice policy's facts: the decline date, or the sender's agreement. */
function policyFacts(facts: Facts, task: TaskInput, practice: PracticePolicy): void {
  const policy = practice.externalTasks;
  if (policy.policy === "decline") {
    facts.daysUntilDecline = daysBetween(facts.sentOn, policy.from);
    facts.declineDateReached = facts.daysUntilDecline <= 0;
  } else if (policy.policy === "agreed-providers") {
    const ods = task.sender.odsCode;
    facts.providerAgreement =
      ods !== undefined &&
      policy.agreements.some((a) => sameName(a.odsCode, ods) && a.acknowledgedOn <= facts.sentOn);
  }
}

/**
 * Derives the facts the rules see from a validated task and practice. Pure: no clock, no I/O;
 * every date is read on the Europe/London calendar.
 *
 * @param task - a task from `parseTask`
 * @param practice - a policy from `parsePractice`
 * @param lexicon - the ruleset's compiled reading (`lexiconOf(ruleset)`)
 * @returns the facts, with absent keys for facts that have no value
 * @example deriveFacts(task, practice, lexiconOf(defaultRuleset())).external // true
 */
export function deriveFacts(task: TaskInput, practice: PracticePolicy, lexicon: Lexicon): Facts {
  const sentOn = londonDate(task.sentAt);
  const senderUnit = normaliseName(task.sender.unit);
  const stream = tokenStream(task.body, lexicon.reading);
  const mentions = withAllOf(stream, lexicon.matcher.scan(stream), lexicon);
  const context = new ContextReader(stream, mentions, lexicon);
  const reading: Reading = { stream, context, evidence: [] };
  const journal = readJournal(stream, context.of(LIST.journal), lexicon);
  const due = readDue(task, journal.rest, sentOn, reading, lexicon);
  const sender = readSender(task.sender, lexicon);
  const review = reviewFacts(reading, lexicon, sender);
  const { categoryPhrase, categoryText, ...categories } = categoryFacts(
    task,
    reading,
    lexicon,
    sender,
  );
  const { category } = categories;
  const categoryAsks = asksAction(lexicon, category);

  const facts: Facts = {
    external: !practiceUnits(practice).has(senderUnit),
    crossUnit: senderUnit !== normaliseName(task.recipient.unit),
    assignment: task.recipient.assignment,
    senderKind: task.sender.kind,
    externalPolicy: practice.externalTasks.policy,
    urgentFlag: task.urgent,
    ...review.flags,
    actionRequested:
      due !== undefined ||
      (category !== "other" && categoryAsks !== undefined ? categoryAsks : context.anyRequest),
    journalReference: journal.dated,
    bodyLength: task.body.replace(/\s+/g, " ").trim().length,
    careDetailTerms: careDetailTerms(context),
    sentOn,
    ...categories,
    evidence: reading.evidence,
    ...review.words,
  };
  if (due !== undefined) {
    facts.dueOn = due.dueOn;
    facts.daysUntilDue = daysBetween(sentOn, due.dueOn);
    facts.dueSource = due.source;
    if (due.text !== undefined) facts.dueText = due.text;
    // Review errs early: by the soonest the words could mean. A date the body says has gone
    // ("was due 02/11", "by 04/12" sent on 8/12) is overdue, not a deadline for today.
    const days = daysBetween(sentOn, due.soonestOn ?? due.dueOn);
    // ...but a later date the body asks for still counts ("fell due 02/11 ... by 17/11").
    const next = due.nextOn === undefined ? undefined : daysBetween(sentOn, due.nextOn);
    facts.dueSoon =
      (days <= lexicon.reviewWithinDays && (days >= 0 || due.source === "dueBy")) ||
      (next !== undefined && next <= lexicon.reviewWithinDays);
  }
  if (review.soon) facts.dueSoon = true;
  if (categoryPhrase !== undefined) facts.categoryPhrase = categoryPhrase;
  if (categoryText !== undefined) facts.categoryText = categoryText;
  policyFacts(facts, task, practice);
  return facts;
}
