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

interface CompiledPhrase {
  /** The phrase as written in the ruleset, reported when it matches. */
  label: string;
  /** One sequence, or several that must all appear within one sentence or the next (`allOf`). */
  parts: Sequence[];
}

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
}

/**
 * A list of phrases compiled once (when the ruleset is prepared) and matched against tokens.
 * Phrases are indexed by their first word, so one pass over the body's words finds every
 * phrase of the list. With negation, a match preceded in its clause by a negator within
 * `window` words ("not urgent", "non-urgent", "no action required") does not count, unless a
 * stop word stands between them ("no improvement so urgent review" is urgent).
 */
export class PhraseList {
  readonly #labels: string[];
  readonly #parts: number[];
  readonly #exact = new Map<string, Entry[]>();
  readonly #prefix = new Map<string, Entry[]>();
  readonly #prefixLengths: number[];
  readonly #negators: ReadonlySet<string>;
  readonly #stops: ReadonlySet<string>;
  readonly #window: number;

  constructor(phrases: readonly Phrase[], negation?: Negation) {
    this.#labels = phrases.map((p) => (typeof p === "string" ? p : p.allOf.join(" + ")));
    this.#parts = phrases.map((p) => (typeof p === "string" ? 1 : p.allOf.length));
    const lengths = new Set<number>();
    phrases.forEach((p, phrase) => {
      const parts = typeof p === "string" ? [p] : p.allOf;
      parts.forEach((text, part) => {
        const sequence = compileSequence(text);
        const head = sequence[0];
        if (head === undefined) return;
        const index = head.prefix ? this.#prefix : this.#exact;
        const list = index.get(head.word) ?? [];
        list.push({ phrase, part, sequence });
        index.set(head.word, list);
        if (head.prefix) lengths.add(head.word.length);
      });
    });
    this.#prefixLengths = [...lengths].sort((a, b) => a - b);
    this.#negators = new Set(negation?.negators.map((n) => n.toLowerCase()) ?? []);
    this.#stops = new Set(negation?.stops?.map((n) => n.toLowerCase()) ?? []);
    this.#window = negation?.window ?? 0;
  }

  #negated(clause: readonly string[], at: number): boolean {
    for (let k = at - 1; k >= 0 && k >= at - this.#window; k--) {
      const word = clause[k];
      if (word === undefined || this.#stops.has(word)) return false;
      if (this.#negators.has(word)) return true;
    }
    return false;
  }

  /**
   * One pass over the words: for each phrase, whether it matched (single phrases) or the
   * sentences in which each of its parts matched (`allOf`).
   */
  #scan(tokens: Tokens): { matched: boolean[]; partSentences: Map<number, Set<number>[]> } {
    const matched = new Array<boolean>(this.#labels.length).fill(false);
    const partSentences = new Map<number, Set<number>[]>();
    const hit = (entry: Entry, sentence: number) => {
      const parts = this.#parts[entry.phrase] ?? 1;
      if (parts === 1) {
        matched[entry.phrase] = true;
        return;
      }
      let sets = partSentences.get(entry.phrase);
      if (sets === undefined) {
        sets = Array.from({ length: parts }, () => new Set<number>());
        partSentences.set(entry.phrase, sets);
      }
      sets[entry.part]?.add(sentence);
    };
    const tryEntries = (
      entries: Entry[] | undefined,
      clause: string[],
      at: number,
      sentence: number,
    ) => {
      if (entries === undefined) return;
      for (const entry of entries) {
        if (matched[entry.phrase] === true) continue;
        if (matchesAt(entry.sequence, clause, at) && !this.#negated(clause, at))
          hit(entry, sentence);
      }
    };
    tokens.sentences.forEach((clauseIndexes, sentence) => {
      for (const c of clauseIndexes) {
        const clause = tokens.clauses[c];
        if (clause === undefined) continue;
        for (let at = 0; at < clause.length; at++) {
          const word = clause[at] ?? "";
          tryEntries(this.#exact.get(word), clause, at, sentence);
          for (const length of this.#prefixLengths) {
            if (length > word.length) break;
            tryEntries(this.#prefix.get(word.slice(0, length)), clause, at, sentence);
          }
        }
      }
    });
    // allOf: every part within one sentence or the next ("Seen in clinic. Please prescribe …").
    for (const [phrase, sets] of partSentences) {
      const [first, ...rest] = sets;
      if (first === undefined) continue;
      const within = (set: Set<number>, s: number) => set.has(s) || set.has(s + 1);
      for (const h of first) {
        if ([h - 1, h].some((s) => rest.every((set) => within(set, s)))) {
          matched[phrase] = true;
          break;
        }
      }
    }
    return { matched, partSentences };
  }

  /** The first phrase of the list (list order) that matches, with its index, or undefined. */
  firstIndexed(tokens: Tokens): (PhraseMatch & { index: number }) | undefined {
    const { matched } = this.#scan(tokens);
    const index = matched.indexOf(true);
    const label = this.#labels[index];
    return index === -1 || label === undefined ? undefined : { phrase: label, index };
  }

  /** The first phrase of the list (list order) that matches, or undefined. */
  first(tokens: Tokens): PhraseMatch | undefined {
    const found = this.firstIndexed(tokens);
    return found && { phrase: found.phrase };
  }

  /** How many distinct phrases of the list match. */
  count(tokens: Tokens): number {
    return this.#scan(tokens).matched.filter(Boolean).length;
  }
}
