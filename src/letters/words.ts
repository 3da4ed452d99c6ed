import type { Facts } from "../facts/catalogue.js";
import type { SenderWordName } from "../rules/message.js";

// Letters quote the sender's own words, never the ruleset's phrase patterns ("action the
// result*") or category ids. A text fact names the phrase it matched; this finds the clause of
// the body the phrase matched in and quotes it as the sender wrote it. A fact whose words
// cannot be found in the body (a stem, a shorthand expansion) is simply not quoted.

/** The sender's own words behind the text facts, as `words.*` in sender wording. */
export type SenderWords = Partial<Record<SenderWordName, string>>;

/** The longest quote, in words: a longer clause is cut around the match, with "…". */
const MAX_WORDS = 14;
/**
 * A clause ends at . ! ? ; : , followed by white space, a line break, or a spaced dash. The
 * lookbehind lets a match start only where a run of stops starts, which keeps the split linear.
 */
const clauseEnd = /(?<![.!?;:,])[.!?;:,]+(?=\s|$)|\n+|\s[-–—]\s/g;
const token = /[^\s\-–—/]+/g;

interface Word {
  word: string;
  start: number;
  end: number;
}

function isWordChar(char: string): boolean {
  return /[a-z0-9']/.test(char);
}

/** The clause's words, lower-cased and trimmed of punctuation, with their places in `text`. */
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(token)) {
    const raw = match[0].toLowerCase().replace(/’/g, "'");
    let start = 0;
    let end = raw.length;
    while (start < end && !isWordChar(raw.charAt(start))) start++;
    while (end > start && !isWordChar(raw.charAt(end - 1))) end--;
    if (start < end)
      out.push({ word: raw.slice(start, end), start: match.index + start, end: match.index + end });
  }
  return out;
}

interface Pattern {
  word: string;
  prefix: boolean;
}

function patternOf(phrase: string): Pattern[] {
  const out: Pattern[] = [];
  for (const raw of phrase.toLowerCase().split(/[\s\-–—/]+/)) {
    const prefix = raw.endsWith("*");
    const word = (prefix ? raw.slice(0, -1) : raw).replace(/[^a-z0-9']/g, "");
    if (word) out.push({ word, prefix });
  }
  return out;
}

/** Where the pattern matches in the words: the index of its first word, or -1. */
function find(words: readonly Word[], pattern: readonly Pattern[]): number {
  if (pattern.length === 0) return -1;
  for (let at = 0; at + pattern.length <= words.length; at++) {
    const hit = pattern.every((p, j) => {
      const w = words[at + j]?.word ?? "";
      return p.prefix ? w.startsWith(p.word) : w === p.word;
    });
    if (hit) return at;
  }
  return -1;
}

/** The body's clauses, as the sender wrote them. */
function clausesOf(body: string): string[] {
  return body
    .split(clauseEnd)
    .map((clause) => clause.replace(/\s+/g, " ").trim())
    .filter((clause) => clause.length > 0);
}

/**
 * Where the phrase matches in the body, as written: the whole clause (cut to MAX_WORDS around
 * the match), or with `exact` only the matched words.
 */
function quoteOf(body: string, phrase: string, exact: boolean): string | undefined {
  // An allOf phrase ("discharge* + prescri*"): quote where its last part, the request, is.
  const parts = phrase.split(" + ");
  const pattern = patternOf(parts[parts.length - 1] ?? phrase);
  for (const clause of clausesOf(body)) {
    const words = wordsOf(clause);
    const at = find(words, pattern);
    if (at === -1) continue;
    if (exact) {
      const first = words[at];
      const last = words[at + pattern.length - 1];
      return first && last ? clause.slice(first.start, last.end) : undefined;
    }
    if (words.length <= MAX_WORDS) return clause.replace(/^[^\p{L}\p{N}]+/u, "");
    const from = Math.max(0, Math.min(at - 4, words.length - MAX_WORDS));
    const to = Math.min(words.length, from + MAX_WORDS);
    const first = words[from];
    const last = words[to - 1];
    if (first === undefined || last === undefined) return undefined;
    const cut = clause.slice(first.start, last.end);
    return `${from > 0 ? "…" : ""}${cut}${to < words.length ? "…" : ""}`;
  }
  return undefined;
}

/**
 * The sender's own words behind a task's text facts: for the category, urgent and safety
 * phrases and the stated timeframe, the words of the body they were read from: the request's
 * whole clause, the other phrases' own words.
 *
 * @param body - the task's body
 * @param facts - the facts derived from the task
 * @returns the words found; a fact with no words in the body has none
 * @example senderWords("Please issue a fit note for 4 weeks.", { categoryPhrase: "fit note" }).request
 * // "Please issue a fit note for 4 weeks"
 */
export function senderWords(
  body: string,
  facts: Pick<Facts, "categoryPhrase" | "urgentPhrase" | "safetyPhrase" | "dueText">,
): SenderWords {
  const words: SenderWords = {};
  // The request is quoted as its clause; urgency, safety and timeframes as the words themselves.
  const read: [SenderWordName, string | undefined, boolean][] = [
    ["request", facts.categoryPhrase, false],
    ["urgent", facts.urgentPhrase, true],
    ["safety", facts.safetyPhrase, true],
    ["timeframe", facts.dueText, true],
  ];
  for (const [name, phrase, exact] of read) {
    if (phrase === undefined) continue;
    const quote = quoteOf(body, phrase, exact);
    if (quote !== undefined) words[name] = quote;
  }
  return words;
}
