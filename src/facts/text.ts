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

function wordMatches(pattern: WordPattern, word: string): boolean {
  return pattern.prefix ? word.startsWith(pattern.word) : word === pattern.word;
}

/** Finds where a sequence starts in a clause, from `from`; -1 when it does not. */
function findSequence(sequence: Sequence, clause: readonly string[], from = 0): number {
  const last = clause.length - sequence.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < sequence.length; j++) {
      const pattern = sequence[j];
      const word = clause[i + j];
      if (pattern === undefined || word === undefined || !wordMatches(pattern, word))
        continue outer;
    }
    return i;
  }
  return -1;
}

/**
 * A list of phrases compiled once (when the ruleset is prepared) and matched against tokens.
 * With negators, a match preceded in its clause by a negator within `window` words
 * ("not urgent", "non-urgent", "no action required") does not count.
 */
export class PhraseList {
  readonly #phrases: CompiledPhrase[];
  readonly #negators: ReadonlySet<string>;
  readonly #window: number;

  constructor(
    phrases: readonly Phrase[],
    negation?: { negators: readonly string[]; window: number },
  ) {
    this.#phrases = phrases.map((p) =>
      typeof p === "string"
        ? { label: p, parts: [compileSequence(p)] }
        : { label: p.allOf.join(" + "), parts: p.allOf.map(compileSequence) },
    );
    this.#negators = new Set(negation?.negators.map((n) => n.toLowerCase()) ?? []);
    this.#window = negation?.window ?? 0;
  }

  #negated(clause: readonly string[], at: number): boolean {
    for (let k = Math.max(0, at - this.#window); k < at; k++) {
      const word = clause[k];
      if (word !== undefined && this.#negators.has(word)) return true;
    }
    return false;
  }

  /** Is the sequence in the clause, not negated? */
  #inClause(sequence: Sequence, clause: readonly string[]): boolean {
    let at = findSequence(sequence, clause);
    while (at !== -1) {
      if (!this.#negated(clause, at)) return true;
      at = findSequence(sequence, clause, at + 1);
    }
    return false;
  }

  #matches(phrase: CompiledPhrase, tokens: Tokens): boolean {
    if (phrase.parts.length === 1) {
      const [sequence] = phrase.parts;
      return sequence !== undefined && tokens.clauses.some((c) => this.#inClause(sequence, c));
    }
    // allOf: every part within one sentence or the next ("Seen in clinic. Please prescribe …").
    return tokens.sentences.some((sentence, s) => {
      const window = [...sentence, ...(tokens.sentences[s + 1] ?? [])];
      return phrase.parts.every((sequence) =>
        window.some((i) => {
          const clause = tokens.clauses[i];
          return clause !== undefined && this.#inClause(sequence, clause);
        }),
      );
    });
  }

  /** The first phrase of the list (list order) that matches, or undefined. */
  first(tokens: Tokens): PhraseMatch | undefined {
    for (const phrase of this.#phrases) {
      if (this.#matches(phrase, tokens)) return { phrase: phrase.label };
    }
    return undefined;
  }

  /** How many distinct phrases of the list match. */
  count(tokens: Tokens): number {
    let n = 0;
    for (const phrase of this.#phrases) if (this.#matches(phrase, tokens)) n++;
    return n;
  }
}
