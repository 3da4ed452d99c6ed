/**
 * Reading a task body, step one: normalisation and tokens. Every token keeps the span of the
 * sender's own words it came from, so each fact can say which words produced it.
 *
 * Normalisation folds what should not change a reading: Unicode compatibility forms (NFKD, so
 * full-width letters and ligatures read as ASCII), invisible format characters (zero-width
 * spaces, soft hyphens, bidi controls: Unicode category Cf) and combining marks are dropped,
 * case is folded, curly quotes and dashes read as their plain forms, possessives and plurals
 * fold ("TTO's", "TTOs" = "tto"). The shorthand lexicon and spelling list (ruleset data) then
 * expand or correct a word, and `stem` folds its inflection. Everything is one pass over the
 * body: no regular expression here can backtrack over user text.
 */

/** One word of a body, after folding, shorthand expansion and spelling correction. */
export interface Token {
  /** The word as read: lower case, folded, expanded ("pls" reads "please"). */
  word: string;
  /** Its stem (`stem(word)`): what phrases are matched on. */
  stem: string;
  /** The span in the original body that produced it: body.slice(start, end). */
  start: number;
  end: number;
  /** Index of its clause and sentence. */
  clause: number;
  sentence: number;
  /** Where it came from, when not the body's word itself: a shorthand or spelling entry. */
  via?: string;
}

/** A body read into tokens, clauses and sentences. */
export interface TokenStream {
  body: string;
  tokens: Token[];
  /**
   * For each clause, the index of its first token and one past its last, and whether a spaced
   * dash ends it ("unless we have the form - can the GP sort this today").
   */
  clauses: { from: number; to: number; sentence: number; dash: boolean }[];
  /** For each sentence, its first and one-past-last clause, and whether it ends with ":". */
  sentences: { from: number; to: number; lead: boolean }[];
}

/** What the tokenizer needs from the ruleset's lexicon (compiled in `lexicon.ts`). */
export interface Reading {
  /**
   * Shorthand and spelling entries: a folded word (or "d/c"-style compound) → its reading.
   * `asName`: the word is written as a name (a capital inside its clause, "Mr Sugden"), so no
   * near word is guessed for it; its shorthand and listed misspellings are still read.
   */
  expand(
    word: string,
    previous: Token | undefined,
    asName?: boolean,
  ): { words: string[]; via: string } | undefined;
  /**
   * Whether the word's reading depends on the word before it (a shorthand entry with
   * `notAfter`): such a word is read afresh each time; every other word's reading is memoised.
   */
  contextual?(word: string): boolean;
  /**
   * Whether the word is punctuation spoken into dictation ("comma"), or ends such a pair
   * after `previous` ("full" "stop"): what it ends, and whether it takes the word before with it.
   */
  spoken?(word: string, previous: string | undefined): SpokenMark | undefined;
}

/** Punctuation read from words: a sentence or a clause ends there. */
export interface SpokenMark {
  ends: "sentence" | "clause";
  /** The mark is two words: the word before is part of it, not a word of the body. */
  pair: boolean;
}

/** A word's reading: its tokens' words and stems, and the entry that expanded it. */
interface WordReading {
  parts: readonly { word: string; stem: string }[];
  via: string | undefined;
}

/** Word readings by reading, so a word seen before costs one lookup (bounded). */
const readings = new WeakMap<Reading, Map<string, WordReading>>();
const READINGS_MAX = 20_000;

const FOLD: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u02bc": "'",
  "\u2032": "'",
  "`": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2033": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2022": "-",
  "\u00b7": "-",
};

/**
 * Is the body's character a double quotation mark as the reader folds it: straight, curly,
 * double prime or full-width (`reading.quotedWords` pairs them)?
 */
export function isQuotationMark(ch: string): boolean {
  const plain = ch.normalize("NFKC");
  return (FOLD[plain] ?? plain) === '"';
}

const DROP = /[\p{M}\p{Cf}]/gu;

/**
 * Folds a body to lower-case plain text, keeping for each output character the index of the
 * body character it came from.
 *
 * @returns the folded text and its origin map (undefined when the body was plain ASCII and
 *   every index maps to itself)
 * @example fold("URG\u200bENT").text // "urgent"
 */
export function fold(body: string): { text: string; origin: number[] | undefined } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII test
  if (/^[\x00-\x7f]*$/.test(body)) return { text: body.toLowerCase(), origin: undefined };
  const out: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < body.length; ) {
    const cp = body.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    const ch = body.slice(i, i + size);
    const folded =
      cp < 128
        ? ch.toLowerCase()
        : (FOLD[ch] ?? ch.normalize("NFKD").replace(DROP, "").toLowerCase());
    for (const c of folded) {
      out.push(FOLD[c] ?? c);
      origin.push(i);
    }
    i += size;
  }
  return { text: out.join(""), origin };
}

function isAlnum(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}
function isLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const SLASH = 47;
const AMP = 38;
const APOS = 39;
const DOT = 46;
const QUESTION = 63;
const PLUS = 43;
const MINUS = 45;
const EQUALS = 61;
const RIGHT_ARROW = 0x2192;
const LONG_RIGHT_ARROW = 0x27f6;
/** An arrow as typed, read where it starts ("->", "-->", "=>", "→", "⟶"). */
const ARROW = /--?>|=>|\u2192|\u27f6/y;

/** Where an arrow starting at `i` ends, or undefined: one sticky match, no copy of the text. */
function arrowEnd(text: string, i: number, c: number): number | undefined {
  if (c !== MINUS && c !== EQUALS && c !== RIGHT_ARROW && c !== LONG_RIGHT_ARROW) return undefined;
  ARROW.lastIndex = i;
  return ARROW.test(text) ? ARROW.lastIndex : undefined;
}

/** A word written as a name: a capital, small letters, perhaps a possessive ("Carewell's"). */
const NAME = /^[A-Z][a-z]+(?:['\u2019]s)?$/;

/** A word spelled out in capitals one letter at a time ("T I A") has two to six letters. */
const SPELLED_LETTERS_MIN = 2;
const SPELLED_LETTERS_MAX = 6;
/** Marks a spelled-out letter may not follow ("O/E R foot", "U&E I took")... */
const SPELLED_NOT_AFTER = "/&'";
/** ...nor stand before ("S O'Hare", "Mr H K+ 6.8"). */
const SPELLED_NOT_BEFORE = "/&'+";

/**
 * Folds a word's inflection: possessive and plural, -ed, -ing, -ly and a final -e, with the
 * doubled consonant that -ed and -ing leave ("referred", "referring" → "refer"). Deliberately
 * light: it only has to make a body's word and a phrase's word meet, and both go through it.
 *
 * @example stem("prescribed") // "prescrib"
 */
export function stem(word: string): string {
  let w = word;
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  let cut = false;
  if (w.endsWith("ing") && w.length >= 7) {
    w = w.slice(0, -3);
    cut = true;
  } else if (w.endsWith("ed") && w.length >= 6) {
    w = w.slice(0, -2);
    cut = true;
  } else if (w.endsWith("ly") && w.length >= 6) {
    w = w.slice(0, -2);
  }
  if (cut && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|ff|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length >= 5) w = w.slice(0, -1);
  return w;
}

interface Raw {
  text: string;
  start: number;
  end: number;
}

/** Is the word in the past ("started", "commenced", "measured")? */
export function isPast(word: string): boolean {
  return /[a-z]ed$/.test(word);
}

/** Possessive "'s" and a trailing apostrophe go; "d/c'd" keeps its own. */
function dropPossessive(text: string): string {
  if (text.endsWith("'s")) return text.slice(0, -2);
  if (text.endsWith("'")) return text.slice(0, -1);
  return text;
}

/**
 * Reads a body into tokens, clauses and sentences. A sentence ends at . ! ? followed by a space
 * or the end, and at a line break; a clause also ends at , ; : ( ) and a spaced dash. A "?"
 * straight before a word ("?PE") reads as the word "query", and a "+" or "-" straight before one
 * is kept with it when the lexicon reads the two together ("+ve", "-ve").
 *
 * @param body - the task body as sent
 * @param reading - the ruleset's shorthand and spelling (see `lexicon.ts`)
 * @example tokenStream("Pls r/v pt", reading).tokens.map((t) => t.word) // ["please", "review", "patient"]
 */
export function tokenStream(body: string, reading: Reading): TokenStream {
  const stream = new StreamBuilder(body, reading);
  const { text } = stream;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isAlnum(c)) {
      const j = wordEnd(text, i);
      const spelled = j === i + 1 ? stream.spelledEnd(i) : undefined;
      if (spelled === undefined) stream.push({ text: text.slice(i, j), start: i, end: j });
      else
        stream.push({ text: text.slice(i, spelled).replaceAll(" ", ""), start: i, end: spelled });
      i = spelled ?? j;
    } else if (
      c === QUESTION &&
      i + 1 < n &&
      isAlnum(text.charCodeAt(i + 1)) &&
      !isAlnum(text.charCodeAt(i - 1))
    ) {
      stream.query(i);
      i++;
    } else {
      // "creat 104 -> 298": an arrow between values reads as the word "to".
      const arrow = arrowEnd(text, i, c);
      if (arrow !== undefined) {
        stream.arrow(i, arrow);
        i = arrow;
        continue;
      }
      const j = c === PLUS || c === MINUS ? signedWordEnd(text, i, reading) : undefined;
      if (j === undefined) i = punctuation(stream, text, i);
      else {
        stream.push({ text: text.slice(i, j), start: i, end: j });
        i = j;
      }
    }
  }
  stream.closeSentence(false);
  return { body, tokens: stream.tokens, clauses: stream.clauses, sentences: stream.sentences };
}

/**
 * Where the word ends that a sign at `i` starts, when the lexicon reads the sign with it ("+ve"
 * is positive, "-ve" negative); otherwise the sign is punctuation.
 */
function signedWordEnd(text: string, i: number, reading: Reading): number | undefined {
  const next = text.charCodeAt(i + 1);
  if (!isAlnum(next) || isDigit(next) || isAlnum(text.charCodeAt(i - 1))) return undefined;
  const j = wordEnd(text, i + 1);
  return reading.expand(text.slice(i, j), undefined) === undefined ? undefined : j;
}

/** Where the word starting at `i` ends: letters and digits, joined by / & + ' and a decimal point ("d/c'd", "u&e", "U+E", "6.8"). */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (isAlnum(d)) j++;
    else if (
      (d === SLASH || d === AMP || d === APOS) &&
      j + 1 < n &&
      isAlnum(text.charCodeAt(j + 1))
    )
      j += 2;
    // "U+E", not "K+6.9" (a result) nor "+ve" (a sign word).
    else if (d === PLUS && isLetter(text.charCodeAt(j - 1)) && isLetter(text.charCodeAt(j + 1)))
      j += 2;
    else if (d === DOT && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1)))
      j += 2;
    else break;
  }
  // A trailing apostrophe ("TTOs'") belongs to the word.
  if (j < n && text.charCodeAt(j) === APOS) j++;
  return j;
}

/** Is the "." at `i` the last of "i.e." or "e.g."? It ends no sentence: "due Fri, i.e. tomorrow". */
function latinBefore(text: string, i: number): boolean {
  if (i < 3 || text[i - 2] !== ".") return false;
  const pair = `${text[i - 3]}${text[i - 1]}`.toLowerCase();
  const before = i < 4 ? " " : (text[i - 4] ?? " ");
  return (pair === "ie" || pair === "eg") && !isLetter(before.charCodeAt(0));
}

/** Reads the punctuation at `i` (sentence and clause ends), returning where reading goes on. */
function punctuation(stream: StreamBuilder, text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  if (c === 10 || c === 13) {
    stream.closeSentence(false);
    return i + 1;
  }
  if (c === DOT || c === 33 || c === QUESTION) {
    let j = i + 1;
    while (j < n && (text[j] === "." || text[j] === "!" || text[j] === "?")) j++;
    const next = j < n ? text.charCodeAt(j) : 32;
    if (c === DOT && j === i + 1 && (stream.initialBefore(i) || latinBefore(text, i))) return j;
    if (next === 32 || next === 9 || next === 10 || next === 13 || j >= n)
      stream.closeSentence(false);
    return j;
  }
  if (c === 58) {
    // ":" at the end of a line or before a list leads into what follows ("Actions for GP:").
    let j = i + 1;
    while (j < n && (text[j] === " " || text[j] === "\t")) j++;
    if (j >= n || text[j] === "\n" || text[j] === "\r") stream.closeSentence(true);
    else stream.closeClause();
    return j;
  }
  if (c === 44 || c === 59 || c === 40 || c === 41 || c === 91 || c === 93) stream.closeClause();
  else if (c === 45 && i > 0 && text[i - 1] === " " && text[i + 1] === " ")
    stream.closeClause(true);
  return i + 1;
}

/** The tokens, clauses and sentences of one body as they are read. */
class StreamBuilder {
  readonly text: string;
  readonly tokens: Token[] = [];
  readonly clauses: TokenStream["clauses"] = [];
  readonly sentences: TokenStream["sentences"] = [];
  readonly #body: string;
  readonly #origin: number[] | undefined;
  readonly #reading: Reading;
  #clauseFrom = 0;
  #sentenceClauseFrom = 0;

  constructor(body: string, reading: Reading) {
    const { text, origin } = fold(body);
    this.text = text;
    this.#body = body;
    this.#origin = origin;
    this.#reading = reading;
  }

  /** The body's index of the folded text's index `i`. */
  #at(i: number): number {
    const origin = this.#origin;
    return origin === undefined ? i : (origin[i] ?? this.#body.length);
  }

  #end(i: number): number {
    const origin = this.#origin;
    if (origin === undefined) return i;
    return i >= origin.length ? this.#body.length : (origin[i] ?? this.#body.length);
  }

  /**
   * Is the "." at `i` a capital initial's, before a word in lower case, as in a genus ("H.
   * pylori", "E. coli")? It ends no sentence. "vit D. Please" still does.
   */
  initialBefore(i: number): boolean {
    const text = this.text;
    const before = i < 2 ? " " : (text[i - 2] ?? " ");
    if (!isLetter(text.charCodeAt(i - 1)) || !/\s|\(/.test(before)) return false;
    if (text[i + 1] !== " " || !isLetter(text.charCodeAt(i + 2))) return false;
    const body = this.#body;
    const letter = body[this.#at(i - 1)] ?? "";
    const word = body[this.#at(i + 2)] ?? "";
    return letter >= "A" && letter <= "Z" && word >= "a" && word <= "z";
  }

  /**
   * Where a word spelled out in capitals one letter at a time ends, as speech recognition
   * writes it ("T I A clinic", "No G P action"), if the capital at `i` starts one: two to six
   * capitals, each alone, one space apart, not ending with "I". Not after "/", "&" or "'" ("O/E
   * R foot", "U&E I took"), nor before them or a "+" ("S O'Hare", "Mr H K+ 6.8").
   */
  spelledEnd(i: number): number | undefined {
    const text = this.text;
    const capital = (k: number) => {
      const ch = this.#body[this.#at(k)] ?? "";
      return ch >= "A" && ch <= "Z";
    };
    const alone = (k: number) =>
      capital(k) &&
      !isAlnum(text.charCodeAt(k + 1)) &&
      !SPELLED_NOT_BEFORE.includes(text[k + 1] ?? "/");
    if (!alone(i) || SPELLED_NOT_AFTER.includes(text[i - 1] ?? " ")) return undefined;
    // Each letter after the first is a space and a capital: n letters end at `i + 2n - 1`.
    const letters = (end: number) => (end - i + 1) / 2;
    let end = i + 1;
    while (letters(end) < SPELLED_LETTERS_MAX && text[end] === " " && alone(end + 1)) end += 2;
    // "I" last is the pronoun: "vit D I checked".
    if (this.#body[this.#at(end - 1)] === "I") end -= 2;
    return letters(end) >= SPELLED_LETTERS_MIN ? end : undefined;
  }

  /** Ends the clause being read; `dash`: at a spaced dash (marking the last clause if empty). */
  closeClause(dash = false): void {
    if (this.tokens.length > this.#clauseFrom) {
      this.clauses.push({
        from: this.#clauseFrom,
        to: this.tokens.length,
        sentence: this.sentences.length,
        dash,
      });
      this.#clauseFrom = this.tokens.length;
    } else if (dash) {
      const last = this.clauses[this.clauses.length - 1];
      if (last !== undefined) last.dash = true;
    }
  }

  closeSentence(lead: boolean): void {
    this.closeClause();
    if (this.clauses.length > this.#sentenceClauseFrom) {
      this.sentences.push({ from: this.#sentenceClauseFrom, to: this.clauses.length, lead });
      this.#sentenceClauseFrom = this.clauses.length;
    }
  }

  /** A "?" straight before a word ("?PE") reads as the word "query". */
  query(i: number): void {
    this.tokens.push({
      word: "query",
      stem: "query",
      start: this.#at(i),
      end: this.#end(i + 1),
      clause: this.clauses.length,
      sentence: this.sentences.length,
      via: "?",
    });
  }

  /** An arrow ("->", "→") between two words reads as the word "to" ("K 5.1 -> 6.8"). */
  arrow(from: number, to: number): void {
    this.tokens.push({
      word: "to",
      stem: "to",
      start: this.#at(from),
      end: this.#end(to),
      clause: this.clauses.length,
      sentence: this.sentences.length,
      via: this.text.slice(from, to),
    });
  }

  /**
   * Is the word written as a name: a capital then small letters ("Sugden", "Carewell's"), not
   * the first word of its clause? Such a word is no misspelling of a near word ("sudden",
   * "farewell"); a heading's or a sentence's first word may still be one.
   */
  #asName(raw: Raw): boolean {
    if (this.tokens.length <= this.#clauseFrom) return false;
    const start = this.#at(raw.start);
    // Most words are not capitalised: only those are cut from the body and tested.
    const first = this.#body[start] ?? "";
    if (first < "A" || first > "Z") return false;
    return NAME.test(this.#body.slice(start, this.#end(raw.end)));
  }

  /** One word of the body, expanded by the reading into one or more tokens. */
  push(raw: Raw): void {
    if (this.#spoken(raw.text)) return;
    const read = this.#read(raw.text, this.#asName(raw));
    if (read === undefined) return;
    const start = this.#at(raw.start);
    const end = this.#end(raw.end);
    const clause = this.clauses.length;
    const sentence = this.sentences.length;
    for (const { word, stem } of read.parts) {
      const token: Token = { word, stem, start, end, clause, sentence };
      if (read.via !== undefined) token.via = read.via;
      this.tokens.push(token);
    }
  }

  /**
   * Reads punctuation spoken into dictation ("full stop", "comma") as the mark it stands for.
   * The first word of a pair is the clause's last token, read as itself and not expanded.
   */
  #spoken(text: string): boolean {
    const spoken = this.#reading.spoken;
    if (spoken === undefined) return false;
    const last = this.tokens.length > this.#clauseFrom ? this.tokens.at(-1) : undefined;
    const previous = last?.via === undefined ? last?.word : undefined;
    const mark = spoken(text, previous);
    if (mark === undefined) return false;
    if (mark.pair) this.tokens.pop();
    if (mark.ends === "sentence") this.closeSentence(false);
    else this.closeClause();
    return true;
  }

  /** The reading of a word as written, from the memo unless it depends on the word before. */
  #read(text: string, asName = false): WordReading | undefined {
    const reading = this.#reading;
    let memo = readings.get(reading);
    if (memo === undefined) {
      memo = new Map();
      readings.set(reading, memo);
    }
    // A name's reading is memoised apart from the same word's in lower case.
    const key = asName ? `\u0000${text}` : text;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const base = dropPossessive(text);
    if (base === "") return undefined;
    const contextual =
      reading.contextual !== undefined && (reading.contextual(base) || reading.contextual(text));
    const previous = contextual ? this.tokens[this.tokens.length - 1] : undefined;
    const hit = reading.expand(base, previous, asName) ?? reading.expand(text, previous, asName);
    // A compound the lexicon does not know ("med3/fitnote") is read as its parts, each with
    // its own shorthand.
    const each = (list: string[]) =>
      list.flatMap((piece) => reading.expand(piece, undefined)?.words ?? [piece]);
    const pieces = hit
      ? hit.words
      : base.includes("/") && !/^\d/.test(base)
        ? each(base.split("/"))
        : base.includes("+")
          ? each(base.split("+"))
          : base.includes("&")
            ? each(base.split("&"))
            : // "can't" reads as "cant": contractions are written both ways.
              [base.replace(/'/g, "")];
    const parts = pieces
      .flatMap((part) => part.split(" "))
      .filter((w) => w !== "")
      .map((word) => ({ word, stem: stem(word) }));
    const read: WordReading = { parts, via: hit?.via };
    if (!contextual) {
      if (memo.size >= READINGS_MAX) memo.clear();
      memo.set(key, read);
    }
    return read;
  }
}

const PLAIN: Reading = { expand: () => undefined };

/**
 * The words of a text as a body's words are read before shorthand: folded, split at spaces,
 * hyphens and punctuation ("Self-Harm" → ["self", "harm"]).
 *
 * @example words("TTO's, self-harm") // ["tto", "self", "harm"]
 */
export function words(text: string): string[] {
  return tokenStream(text, PLAIN).tokens.map((t) => t.word);
}
