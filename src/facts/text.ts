import type { Phrase } from "../rules/schema.js";

/**
 * Phrase matching over task bodies. Linear in the body's length: the body is split into
 * clauses and words once, and phrases are looked up by their first word, so no regular
 * expression ever backtracks over user text.
 */

/** A body split once into clauses of lower-case words; shared by every phrase list. */
export interface Tokens {
  /** Each clause's words, in order. Clauses end at . ! ? ; : , and line breaks. */
  clauses: string[][];
  /** Each sentence's clause indexes (a sentence ends at . ! ? and line breaks). */
  sentences: number[][];
}

// A run of stops only ends a sentence (or clause) when white space or the end follows it, so a
// match can only start where a run starts: the lookbehind says so, which keeps the split linear
// on "a!!!…!!!a" (without it every position of the run is retried to its end).
const sentenceEnd = /(?<![.!?])[.!?]+(?:\s|$)|\n+/;
const clauseEnd = /(?<![;:,])[;:,]+(?:\s|$)|\s[-–—]\s/;

/** a–z, 0–9 and the apostrophe: the characters a word keeps at its ends. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39;
}

/**
 * Strips punctuation from both ends of a word with two scans: a trailing-punctuation regular
 * expression retries from every position and is quadratic on a word like "a!!!…!!!a".
 */
function trimPunctuation(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && !isWordChar(raw.charCodeAt(start))) start++;
  while (end > start && !isWordChar(raw.charCodeAt(end - 1))) end--;
  return raw.slice(start, end);
}

/** Lower-cases and folds a word list: hyphens and slashes become spaces, other punctuation goes. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[\s\-–—/]+/)) {
    const word = trimPunctuation(raw).replace(/’/g, "'");
    if (word) out.push(word);
  }
  return out;
}

/**
 * Splits a body into sentences and clauses of words.
 *
 * @example tokenize("Not urgent. Please review, thanks").clauses // [["not","urgent"],["please","review"],["thanks"]]
 */
export function tokenize(text: string): Tokens {
  const clauses: string[][] = [];
  const sentences: number[][] = [];
  for (const sentence of text.replace(/’/g, "'").split(sentenceEnd)) {
    const indexes: number[] = [];
    for (const clause of sentence.split(clauseEnd)) {
      const w = words(clause);
      if (w.length === 0) continue;
      indexes.push(clauses.length);
      clauses.push(w);
    }
    if (indexes.length > 0) sentences.push(indexes);
  }
  return { clauses, sentences };
}

/** A phrase compiled to word patterns: a trailing `*` on a word matches any ending. */
interface WordPattern {
  word: string;
  prefix: boolean;
}
type Sequence = WordPattern[];

/** A match: the phrase as written in the ruleset. */
export interface PhraseMatch {
  phrase: string;
}

function compileSequence(phrase: string): Sequence {
  const sequence: Sequence = [];
  for (const raw of phrase.split(/[\s\-–—/]+/)) {
    const prefix = raw.endsWith("*");
    const [word] = words(prefix ? raw.slice(0, -1) : raw);
    if (word) sequence.push({ word, prefix });
  }
  return sequence;
}

/** Where a sequence may start: its first word, exactly or as a word ending's prefix. */
interface Entry {
  list: number;
  phrase: number;
  part: number;
  sequence: Sequence;
}

/** Does the sequence match the clause's words from `at`? */
function matchesAt(sequence: Sequence, clause: readonly string[], at: number): boolean {
  if (at + sequence.length > clause.length) return false;
  for (let j = 0; j < sequence.length; j++) {
    const pattern = sequence[j];
    const word = clause[at + j];
    if (pattern === undefined || word === undefined) return false;
    if (pattern.prefix ? !word.startsWith(pattern.word) : word !== pattern.word) return false;
  }
  return true;
}

/** Negation: the words that negate a phrase just after them, and the words that end their reach. */
export interface Negation {
  negators: readonly string[];
  /** How many words before a phrase a negator reaches. */
  window: number;
  /** Words that end a negator's reach ("not eating and urgent review": "and" stops "not"). */
  stops?: readonly string[];
  /**
   * When given, the only words a negator reaches across ("no longer urgent", "not an urgent
   * request"): any other word ends its reach, so "not coping urgent review" stays urgent.
   */
  through?: readonly string[];
}

interface ListSpec {
  labels: string[];
  parts: number[];
  negators: ReadonlySet<string>;
  stops: ReadonlySet<string>;
  through: ReadonlySet<string> | undefined;
  window: number;
}

/** Prefixes are indexed by their first letters: one map lookup per word, then `startsWith`. */
const PREFIX_KEY = 3;

/**
 * Several phrase lists compiled once (when the ruleset is prepared) and matched against a
 * body's tokens in one pass: phrases are indexed by their first word, so each word of the
 * body costs two map lookups whatever the number of phrases. With negation, a match preceded
 * in its clause by a negator within `window` words ("not urgent", "non-urgent", "no action
 * required") does not count, unless a stop word stands between them ("no improvement so
 * urgent review" is urgent).
 */
export class PhraseScanner {
  readonly #lists: ListSpec[];
  readonly #exact = new Map<string, Entry[]>();
  readonly #prefix = new Map<string, Entry[]>();
  /** Prefix phrases shorter than PREFIX_KEY letters, tried on every word. */
  readonly #shortPrefix: Entry[] = [];

  constructor(lists: readonly { phrases: readonly Phrase[]; negation?: Negation }[]) {
    this.#lists = lists.map(({ phrases, negation }) => ({
      labels: phrases.map((p) => (typeof p === "string" ? p : p.allOf.join(" + "))),
      parts: phrases.map((p) => (typeof p === "string" ? 1 : p.allOf.length)),
      negators: new Set(negation?.negators.map((n) => n.toLowerCase()) ?? []),
      stops: new Set(negation?.stops?.map((n) => n.toLowerCase()) ?? []),
      through: negation?.through && new Set(negation.through.map((n) => n.toLowerCase())),
      window: negation?.window ?? 0,
    }));
    lists.forEach(({ phrases }, list) => {
      phrases.forEach((p, phrase) => {
        const texts = typeof p === "string" ? [p] : p.allOf;
        texts.forEach((text, part) => {
          const sequence = compileSequence(text);
          const head = sequence[0];
          if (head === undefined) return;
          const entry: Entry = { list, phrase, part, sequence };
          if (head.prefix && head.word.length < PREFIX_KEY) {
            this.#shortPrefix.push(entry);
            return;
          }
          const index = head.prefix ? this.#prefix : this.#exact;
          const key = head.prefix ? head.word.slice(0, PREFIX_KEY) : head.word;
          const bucket = index.get(key);
          if (bucket) bucket.push(entry);
          else index.set(key, [entry]);
        });
      });
    });
  }

  #negated(spec: ListSpec, clause: readonly string[], at: number): boolean {
    for (let k = at - 1; k >= 0 && k >= at - spec.window; k--) {
      const word = clause[k];
      if (word === undefined || spec.stops.has(word)) return false;
      if (spec.negators.has(word)) return true;
      if (spec.through !== undefined && !spec.through.has(word)) return false;
    }
    return false;
  }

  /**
   * One pass over the words: for each list, which of its phrases match. An `allOf` phrase
   * matches when all its parts match within one sentence or the next ("Seen in clinic. Please
   * prescribe …").
   *
   * @returns one array per list, `true` at the index of each phrase that matches
   */
  scan(tokens: Tokens): boolean[][] {
    const matched = this.#lists.map((spec) => new Array<boolean>(spec.labels.length).fill(false));
    let partSentences: Map<Entry["list"], Map<number, Set<number>[]>> | undefined;
    const visit = (
      entries: readonly Entry[] | undefined,
      clause: string[],
      at: number,
      sentence: number,
    ) => {
      if (entries === undefined) return;
      for (const entry of entries) {
        const hits = matched[entry.list];
        const spec = this.#lists[entry.list];
        if (hits === undefined || spec === undefined || hits[entry.phrase] === true) continue;
        if (!matchesAt(entry.sequence, clause, at) || this.#negated(spec, clause, at)) continue;
        const parts = spec.parts[entry.phrase] ?? 1;
        if (parts === 1) {
          hits[entry.phrase] = true;
          continue;
        }
        partSentences ??= new Map();
        let byPhrase = partSentences.get(entry.list);
        if (byPhrase === undefined) {
          byPhrase = new Map();
          partSentences.set(entry.list, byPhrase);
        }
        let sets = byPhrase.get(entry.phrase);
        if (sets === undefined) {
          sets = Array.from({ length: parts }, () => new Set<number>());
          byPhrase.set(entry.phrase, sets);
        }
        sets[entry.part]?.add(sentence);
      }
    };
    const { clauses, sentences } = tokens;
    for (let sentence = 0; sentence < sentences.length; sentence++) {
      for (const c of sentences[sentence] ?? []) {
        const clause = clauses[c];
        if (clause === undefined) continue;
        for (let at = 0; at < clause.length; at++) {
          const word = clause[at] ?? "";
          visit(this.#exact.get(word), clause, at, sentence);
          if (word.length >= PREFIX_KEY)
            visit(this.#prefix.get(word.slice(0, PREFIX_KEY)), clause, at, sentence);
          if (this.#shortPrefix.length > 0) visit(this.#shortPrefix, clause, at, sentence);
        }
      }
    }
    if (partSentences !== undefined) {
      const within = (set: Set<number>, s: number) => set.has(s) || set.has(s + 1);
      for (const [list, byPhrase] of partSentences) {
        for (const [phrase, sets] of byPhrase) {
          const [first, ...rest] = sets;
          if (first === undefined) continue;
          for (const h of first) {
            if ([h - 1, h].some((s) => rest.every((set) => within(set, s)))) {
              const hits = matched[list];
              if (hits) hits[phrase] = true;
              break;
            }
          }
        }
      }
    }
    return matched;
  }

  /** The label of phrase `phrase` of list `list`, as written in the ruleset. */
  label(list: number, phrase: number): string | undefined {
    return this.#lists[list]?.labels[phrase];
  }
}

/** The first phrase that matches (list order), with its index; undefined when none does. */
export function firstMatch(
  scanner: PhraseScanner,
  matched: readonly boolean[][],
  list: number,
): (PhraseMatch & { index: number }) | undefined {
  const index = matched[list]?.indexOf(true) ?? -1;
  const label = index === -1 ? undefined : scanner.label(list, index);
  return label === undefined ? undefined : { phrase: label, index };
}

/**
 * One list of phrases: a `PhraseScanner` of one list, for callers that need only one.
 *
 * @example new PhraseList(["urgent"], { negators: ["not"], window: 3 }).first(tokenize("Not urgent")) // undefined
 */
export class PhraseList {
  readonly #scanner: PhraseScanner;

  constructor(phrases: readonly Phrase[], negation?: Negation) {
    this.#scanner = negation
      ? new PhraseScanner([{ phrases, negation }])
      : new PhraseScanner([{ phrases }]);
  }

  /** The first phrase of the list (list order) that matches, with its index, or undefined. */
  firstIndexed(tokens: Tokens): (PhraseMatch & { index: number }) | undefined {
    return firstMatch(this.#scanner, this.#scanner.scan(tokens), 0);
  }

  /** The first phrase of the list (list order) that matches, or undefined. */
  first(tokens: Tokens): PhraseMatch | undefined {
    const found = this.firstIndexed(tokens);
    return found && { phrase: found.phrase };
  }

  /** How many distinct phrases of the list match. */
  count(tokens: Tokens): number {
    return (this.#scanner.scan(tokens)[0] ?? []).filter(Boolean).length;
  }
}
