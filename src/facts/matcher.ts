import type { Reading, Token, TokenStream } from "./tokens.js";
import { stem, tokenStream } from "./tokens.js";
import { type EdgeKind, TrieText, trieEdges } from "./trie-text.js";

/**
 * Reading a task body, step two: every phrase of every list found in one pass over the tokens.
 * The phrases are compiled once per ruleset into a trie keyed by word stems, so each token
 * costs a few map lookups however many phrases the ruleset holds; a phrase never spans two
 * clauses. Matching is linear in the body: at most `MAX_PHRASE_WORDS` steps from each token.
 */

/** The longest phrase, in words, a list may hold (checked when the ruleset loads). */
export const MAX_PHRASE_WORDS = 12;
/**
 * The most phrases, over all lists and once word groups are put in, a ruleset may hold (checked
 * when the ruleset loads): it bounds the trie's size and compile time. Matching stays linear
 * in the body whatever the count (`MAX_STEPS_PER_WORD`). The bundled ruleset holds about 40,000,
 * which leaves an analyst room for as many again: with every word group doubled (78,572
 * phrases), loading the bundled rules took about 70 ms more and held about 16 MB more heap.
 */
export const MAX_PHRASES = 80_000;
/** A word ending in `*` needs at least this many letters before it. */
export const MIN_PREFIX_LETTERS = 3;
/**
 * The most trie steps one word of a body may start, however the body is written (checked when
 * the ruleset loads, from `Matcher.worstSteps`). Without it, a thousand phrases of twelve
 * overlapping prefixes (`aaa* aaaa* …`) passed the phrase limits and took seconds a body, since
 * one body word followed every prefix edge at once. The bundled ruleset's bound is under half.
 */
export const MAX_STEPS_PER_WORD = 500;

/**
 * One word of a compiled phrase: a stem, a prefix of the word as read (`prescri*`), `_` (any one
 * word), or a word as read, not its stem (`=bloods`: "bloods", not the "blood" of "blood pressure").
 */
export interface PatternWord {
  text: string;
  prefix: boolean;
  any?: boolean;
  exact?: boolean;
}

interface Node {
  next?: Map<string, Node>;
  /** Edges for words as read (`=word`), not stems. */
  exact?: Map<string, Node>;
  /** The edge for `_`: any one word. */
  any?: Node;
  /** Prefix edges, bucketed by their first MIN_PREFIX_LETTERS letters. */
  prefixes?: Map<string, { prefix: string; node: Node }[]>;
  /** The phrases that end here: their ids. */
  ends: number[];
  /** A node read from `TrieData` or a `TrieText` whose edges are not read yet (`open` reads them). */
  unread?: TrieData | TextNode;
}

/** A node of a trie read from text: where its record starts, whose edges `open` reads. */
interface TextNode {
  text: TrieText;
  at: number;
}

/** A phrase found in a body: its list, its index in the list and the tokens it covers. */
export interface Mention {
  list: number;
  phrase: number;
  from: number;
  to: number;
  /** For an `allOf` phrase: where each of its parts was found (`from`/`to` is one of them). */
  parts?: readonly { from: number; to: number }[];
}

function node(): Node {
  return { ends: [] };
}

/** Pattern words of one piece of a phrase ("pls", "self-harm", "prescri*"), read once per reading. */
function readPiece(
  piece: string,
  reading: Reading,
  memo: Map<string, PatternWord[]>,
  before?: string,
): PatternWord[] {
  // A word whose reading depends on the word before ("with us" is not "with ultrasound") is
  // read after the phrase's previous piece, as it would be in a body.
  const after = before !== undefined && reading.contextual?.(piece.toLowerCase()) === true;
  const key = after ? `${before} ${piece}` : piece;
  const hit = memo.get(key);
  if (hit) return hit;
  let out: PatternWord[];
  if (piece === "_") out = [{ text: "_", prefix: false, any: true }];
  else if (piece.startsWith("=")) {
    out = tokenStream(piece.slice(1), reading).tokens.map((t) => ({
      text: t.word,
      prefix: false,
      exact: true,
    }));
  } else {
    const prefix = piece.endsWith("*");
    const body = prefix ? piece.replace(/\*+$/, "") : piece;
    const tokens = after
      ? tokenStream(`${before} ${body}`, reading).tokens.slice(
          tokenStream(before, reading).tokens.length,
        )
      : tokenStream(body, reading).tokens;
    out = tokens.map((t, i) =>
      prefix && i === tokens.length - 1
        ? { text: t.word, prefix: true }
        : { text: t.stem, prefix: false },
    );
  }
  memo.set(key, out);
  return out;
}

/**
 * A phrase split into pieces as a body is split: at spaces and hyphens ("aaa*-a" is "aaa*", "a"),
 * except that a word group's name stays whole ("{critical-medicine}").
 */
function piecesOf(text: string): string[] {
  return text
    .trim()
    .split(/\s+/)
    .flatMap((p) => (GROUP_PIECE.test(p) ? [p] : p.split(/[-\u2010-\u2015]+/)))
    .filter((p) => p !== "");
}

/** A word group's place in a phrase, `{name}`: the name is the match's first group. */
export const GROUP_PIECE = /^\{([a-z][a-z0-9-]*)\}$/;

/**
 * Compiles a phrase's text into pattern words with the same reading as a body, so "TTO's",
 * "pls" or "self-harm" in a phrase mean what they mean in a task. A trailing `*` makes a word
 * a prefix of the word as read; `_` is any one word; `{name}` is each member of a word group
 * in turn, so one phrase may compile to several patterns.
 *
 * @returns the patterns (none when the phrase has no word once read)
 * @example compilePhrase("chase {test}", reading, { test: ["bloods", "ct scan"] }).length // 2
 */
export function compilePhrase(
  text: string,
  reading: Reading,
  groups: Readonly<Record<string, readonly string[]>> = {},
  memo: Map<string, PatternWord[]> = new Map(),
  groupMemo: Map<string, PatternWord[][]> = new Map(),
): PatternWord[][] {
  let patterns: PatternWord[][] = [[]];
  let before: string | undefined;
  for (const piece of piecesOf(text)) {
    const group = GROUP_PIECE.exec(piece);
    const members = group ? groups[group[1] ?? ""] : undefined;
    let alternatives: PatternWord[][];
    if (members) {
      // A group's members are read once per compile, not once per phrase naming the group.
      const read = groupMemo.get(piece);
      alternatives =
        read ?? members.map((m) => piecesOf(m).flatMap((p) => readPiece(p, reading, memo)));
      if (read === undefined) groupMemo.set(piece, alternatives);
    } else alternatives = [readPiece(piece, reading, memo, before)];
    patterns = patterns.flatMap((p) => alternatives.map((a) => [...p, ...a]));
    // Only a plain word is a word before: a group, "_" or a prefix could be anything.
    before = members || piece === "_" || piece.endsWith("*") ? undefined : piece;
  }
  return patterns.filter((p) => p.length > 0);
}

/** A phrase found costs about five trie steps: it is recorded, then read by the context rules. */
const MENTION_STEPS = 5;

/** The bound of `Matcher.worstSteps` from one node: its own step, then its costliest children at once. */
function worstSteps(at: Node): number {
  const from = open(at);
  // A token follows at most two stem edges, its stem's and its word's, and one exact edge. Its
  // stem is `stem(word)`, so it follows two only when its word is an edge whose stem is another
  // edge: the two costliest edges of a node are seldom such a pair ("arrang" and "run").
  const costs = new Map<string, number>();
  for (const [key, child] of from.next ?? []) costs.set(key, worstSteps(child));
  let stems = 0;
  for (const [key, cost] of costs) {
    const own = stem(key);
    stems = Math.max(stems, cost + (own === key ? 0 : (costs.get(own) ?? 0)));
  }
  const exact3 = Math.max(0, ...[...(from.exact?.values() ?? [])].map(worstSteps));
  let prefixes = 0;
  for (const bucket of from.prefixes?.values() ?? []) {
    // A token tries every edge of its bucket and may follow all of them.
    let sum = bucket.length;
    for (const edge of bucket) sum += worstSteps(edge.node);
    prefixes = Math.max(prefixes, sum);
  }
  const found = MENTION_STEPS * from.ends.length;
  return 1 + found + stems + exact3 + (from.any ? worstSteps(from.any) : 0) + prefixes;
}

/**
 * A compiled trie as plain data, for `Matcher.fromTrie`: `[ends, next, any, prefixes, exact]`,
 * where `next` is a flat list of stem and child, `prefixes` of prefix and child and `exact` of
 * word as read (`=word`) and child; 0 stands for none. scripts/gen/lexicon.ts writes the default ruleset's at build time.
 */
export type TrieData = [
  ends: number[],
  next?: (string | TrieData)[] | 0,
  any?: TrieData | 0,
  prefixes?: (string | TrieData)[] | 0,
  exact?: (string | TrieData)[] | 0,
];

/** A matcher as plain data: its trie and, for each phrase id, its list and index in the list. */
export interface MatcherData {
  ids: [number, number][];
  root: TrieData;
}

function addPrefix(at: Node, prefix: string, child: Node = node()): Node {
  const key = prefix.slice(0, MIN_PREFIX_LETTERS);
  at.prefixes ??= new Map();
  let bucket = at.prefixes.get(key);
  if (bucket === undefined) {
    bucket = [];
    at.prefixes.set(key, bucket);
  }
  let edge = bucket.find((e) => e.prefix === prefix);
  if (edge === undefined) {
    edge = { prefix, node: child };
    bucket.push(edge);
  }
  return edge.node;
}

/** A node from its data, its edges left to `open`: a scan reads only the nodes it reaches. */
function nodeOf(data: TrieData): Node {
  return data.length > 1 ? { ends: data[0], unread: data } : { ends: data[0] };
}

/** A node of a trie read from text, its edges (if any: `at` ≥ 0) left to `open`. */
function nodeAt(text: TrieText, ends: number[], at: number): Node {
  return at === -1 ? { ends } : { ends, unread: { text, at } };
}

/** Adds an edge read from `TrieData` or a trie's text to a node being opened. */
function attach(at: Node, kind: EdgeKind, word: string, child: Node): void {
  if (kind === "n") {
    at.next ??= new Map();
    at.next.set(word, child);
  } else if (kind === "x") {
    at.exact ??= new Map();
    at.exact.set(word, child);
  } else if (kind === "a") at.any = child;
  else addPrefix(at, word, child);
}

/** Reads the edges of a node made by `nodeOf` or `nodeAt`, once. */
function open(at: Node): Node {
  const data = at.unread;
  if (data === undefined) return at;
  at.unread = undefined;
  if (Array.isArray(data)) {
    for (const [kind, word, child] of trieEdges(data)) attach(at, kind, word, nodeOf(child));
  } else {
    const { text } = data;
    text.eachEdge(data.at, (kind, word, ends, child) =>
      attach(at, kind, word, nodeAt(text, ends, child)),
    );
  }
  return at;
}

function dataOf(at: Node): TrieData {
  const from = open(at);
  const next = from.next ? [...from.next].flatMap(([word, child]) => [word, dataOf(child)]) : 0;
  const prefixes = from.prefixes
    ? [...from.prefixes.values()].flat().flatMap((edge) => [edge.prefix, dataOf(edge.node)])
    : 0;
  const exact = from.exact ? [...from.exact].flatMap(([word, child]) => [word, dataOf(child)]) : 0;
  const data: TrieData = [from.ends, next, from.any ? dataOf(from.any) : 0, prefixes, exact];
  while (data.length > 1 && data.at(-1) === 0) data.pop();
  return data;
}

/** Several phrase lists compiled into one trie. */
export class Matcher {
  readonly #root: Node;
  /** Phrase id → [list, index in list]. */
  readonly #ids: [number, number][];
  #worstSteps: number | undefined;

  private constructor(root: Node, ids: [number, number][]) {
    this.#root = root;
    this.#ids = ids;
  }

  /**
   * Compiles phrase lists into one trie.
   *
   * @param lists - each list's phrases as text (an `allOf` phrase's parts are added by the caller
   *   as separate lists or entries)
   * @param reading - the ruleset's shorthand and spelling, applied to phrases as to bodies
   */
  static compile(
    lists: readonly (readonly string[])[],
    reading: Reading,
    groups: Readonly<Record<string, readonly string[]>> = {},
  ): Matcher {
    const matcher = new Matcher(node(), []);
    const memo = new Map<string, PatternWord[]>();
    const groupMemo = new Map<string, PatternWord[][]>();
    lists.forEach((phrases, list) => {
      phrases.forEach((text, index) => {
        const id = matcher.#ids.length;
        matcher.#ids.push([list, index]);
        for (const pattern of compilePhrase(text, reading, groups, memo, groupMemo)) {
          matcher.#add(pattern, id);
          // "self harm" is also "selfharm", "fit note" also "fitnote"; not a word group's
          // members, which would join every pair of them.
          const [a, b] = pattern;
          const plain = (w: PatternWord) => !w.prefix && !w.any && !w.exact;
          if (pattern.length === 2 && a && b && plain(a) && plain(b) && !text.includes("{")) {
            // The joined word's stem as a body's word is stemmed ("selfharmed" is "selfharm"),
            // never corrected: read as a body word, "checkinr" would be "checking".
            if (/^[a-z]+$/.test(a.text + b.text))
              matcher.#add([{ text: stem(a.text + b.text), prefix: false }], id);
          }
        }
      });
    });
    return matcher;
  }

  /**
   * A matcher from the data `toTrie` gave, with no phrase compiled again: the same trie, so
   * the same mentions for every body.
   *
   * @example Matcher.fromTrie(matcher.toTrie()).scan(stream) // as matcher.scan(stream)
   */
  static fromTrie(data: MatcherData): Matcher {
    return new Matcher(nodeOf(data.root), data.ids);
  }

  /**
   * A matcher from a trie written by `writeTrieText` (the default ruleset's, generated at build
   * time), each node read when a scan first reaches it.
   *
   * @param text - the trie's text
   * @returns the matcher
   * @example Matcher.fromText(writeTrieText(matcher.toTrie())).scan(stream) // as matcher.scan(stream)
   */
  static fromText(text: string): Matcher {
    const trie = new TrieText(text);
    const root = trie.root();
    return new Matcher(nodeAt(trie, root.ends, root.at), trie.ids());
  }

  /** The trie as plain data (JSON), for `fromTrie`. */
  toTrie(): MatcherData {
    return { ids: this.#ids, root: dataOf(this.#root) };
  }

  /**
   * An upper bound on the trie steps `scan` takes from one start token, whatever the tokens:
   * every `_` and every prefix edge of one bucket taken at once, and the three costliest exact
   * edges (a token's stem, its word as written, and its word as an `=word`). Computed on first read (when a ruleset is
   * built); evaluating never needs it.
   */
  get worstSteps(): number {
    this.#worstSteps ??= worstSteps(this.#root);
    return this.#worstSteps;
  }

  #add(pattern: readonly PatternWord[], id: number): void {
    let at = this.#root;
    for (const word of pattern) {
      if (word.any) {
        at.any ??= node();
        at = at.any;
      } else if (word.prefix) {
        at = addPrefix(at, word.text);
      } else {
        if (word.exact) at.exact ??= new Map();
        else at.next ??= new Map();
        const edges = (word.exact ? at.exact : at.next) ?? new Map<string, Node>();
        let child = edges.get(word.text);
        if (child === undefined) {
          child = node();
          edges.set(word.text, child);
        }
        at = child;
      }
    }
    if (!at.ends.includes(id)) at.ends.push(id);
  }

  /** `head`: the token's first MIN_PREFIX_LETTERS letters, cut once a scan (see `scan`). */
  #step(at: Node, token: Token, head: string | undefined, out: Node[]): void {
    const from = open(at);
    if (from.any) out.push(from.any);
    const exact = from.next?.get(token.stem);
    if (exact) out.push(exact);
    if (token.word !== token.stem) {
      const raw = from.next?.get(token.word);
      if (raw && raw !== exact) out.push(raw);
    }
    const asRead = from.exact?.get(token.word);
    if (asRead) out.push(asRead);
    if (from.prefixes === undefined || head === undefined) return;
    for (const edge of from.prefixes.get(head) ?? []) {
      if (token.word.startsWith(edge.prefix)) out.push(edge.node);
    }
  }

  /**
   * Every phrase found in the stream, in body order, each with the tokens it covers.
   *
   * @example Matcher.compile([["fit note"]], reading).scan(tokenStream("Pls do fitnote", reading)) // [{ list: 0, phrase: 0, from: 2, to: 3 }]
   */
  scan(stream: TokenStream): Mention[] {
    const mentions: Mention[] = [];
    const { tokens, clauses } = stream;
    // Each token is stepped from many starts: its prefix bucket's key is cut once.
    const heads = tokens.map(({ word }) =>
      word.length < MIN_PREFIX_LETTERS ? undefined : word.slice(0, MIN_PREFIX_LETTERS),
    );
    let frontier: Node[] = [];
    let next: Node[] = [];
    for (const clause of clauses) {
      for (let start = clause.from; start < clause.to; start++) {
        frontier.length = 0;
        frontier.push(this.#root);
        for (
          let k = start;
          k < clause.to && k - start < MAX_PHRASE_WORDS && frontier.length > 0;
          k++
        ) {
          const token = tokens[k];
          if (token === undefined) break;
          next.length = 0;
          for (const from of frontier) this.#step(from, token, heads[k], next);
          for (const reached of next) {
            for (const id of reached.ends) {
              const [list, phrase] = this.#ids[id] ?? [-1, -1];
              mentions.push({ list, phrase, from: start, to: k + 1 });
            }
          }
          [frontier, next] = [next, frontier];
        }
      }
    }
    return mentions;
  }
}
