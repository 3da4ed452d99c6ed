import type { MatcherData, TrieData } from "./matcher.js";

/**
 * A phrase trie written as one string, for the trie compiled at build time (issue 14): Node
 * loads a long string literal quickly, whereas `JSON.parse` of the same trie as nested arrays
 * cost a fresh process some 16 ms at import, and most of its nodes are never reached by a
 * first verdict. So the text is read node by node, when a scan first reaches a node.
 *
 * Layout: `lengths;rootEnds;root;records…`. `lengths` is the number of phrases of each list
 * (the phrase ids number the lists' phrases in order), base 36. A node with edges has a
 * record, written after its children's and ended by `;`: a JSON array holding, for each edge in
 * `TrieData` order, its kind and word as one string, the phrases ending at the child (one id,
 * or an array) and where the child's record starts (-1: no edges). Kind is `n` (stem), `a`
 * (any word; no word), `p` (prefix) or `x` (word as read). Where a record starts (and `root`)
 * counts from the first record. Records are JSON so that the root's, some two thousand edges
 * read on the first scan, is parsed by the engine's JSON parser rather than by code not yet
 * optimised.
 */

/** The kinds of edge, in the order `TrieData` holds them. */
export type EdgeKind = "n" | "a" | "p" | "x";

const RECORD = ";";
const LIST = ",";

function numbers(field: string): number[] {
  return field === "" ? [] : field.split(LIST).map((n) => Number.parseInt(n, 36));
}

function offset(field: string): number {
  return field === "" ? -1 : Number.parseInt(field, 36);
}

/** One edge in a record: kind and word, the phrases ending at the child, the child's record. */
type RecordEdge = [kindWord: string, ends: number | number[], child: number];

/** A trie's text, read a record at a time. */
export class TrieText {
  readonly #text: string;
  readonly #header: string[];
  /** Where the first record starts in the text. */
  readonly #body: number;

  /** @param text - a trie written by `writeTrieText` */
  constructor(text: string) {
    this.#text = text;
    let at = -1;
    for (let i = 0; i < 3; i++) at = text.indexOf(RECORD, at + 1);
    this.#header = text.slice(0, at).split(RECORD);
    this.#body = at + 1;
  }

  /** For each phrase id, its list and its index in the list. */
  ids(): [number, number][] {
    return numbers(this.#header[0] ?? "").flatMap((length, list) =>
      Array.from({ length }, (_, index): [number, number] => [list, index]),
    );
  }

  /** The phrases ending at the root, and where its record starts (-1: no edges). */
  root(): { ends: number[]; at: number } {
    return { ends: numbers(this.#header[1] ?? ""), at: offset(this.#header[2] ?? "") };
  }

  /**
   * Visits the edges of the record starting at `at`, in the order they were written.
   *
   * @param at - where the record starts, as `root()` or an edge gives it
   * @param visit - called with each edge's kind, word, the phrases ending at its child and
   *   where the child's record starts (-1: the child has no edges)
   */
  eachEdge(
    at: number,
    visit: (kind: EdgeKind, word: string, ends: number[], child: number) => void,
  ): void {
    const from = this.#body + at;
    const flat = JSON.parse(this.#text.slice(from, this.#text.indexOf(RECORD, from))) as unknown[];
    for (let i = 0; i < flat.length; i += 3) {
      const kindWord = flat[i] as string;
      const ends = flat[i + 1] as number | number[];
      visit(
        kindWord[0] as EdgeKind,
        kindWord.slice(1),
        typeof ends === "number" ? [ends] : ends,
        flat[i + 2] as number,
      );
    }
  }
}

/** Each list's phrase count, checking that the ids number the lists' phrases in order. */
function listLengths(ids: readonly (readonly [number, number])[]): number[] {
  const lengths: number[] = [];
  ids.forEach(([list, index], id) => {
    const before = ids[id - 1];
    const follows =
      before === undefined
        ? index === 0
        : (before[0] === list && before[1] + 1 === index) || (before[0] < list && index === 0);
    if (!follows) throw new TypeError(`phrase id ${id} does not follow the one before it`);
    lengths[list] = index + 1;
  });
  return Array.from(lengths, (n) => n ?? 0);
}

/**
 * The edges of one `TrieData` node, in the order it holds them, each with its child.
 *
 * @param data - a node of `matcher.toTrie()`
 * @returns `[kind, word, child]` for each edge (`any` has no word)
 * @example trieEdges([[], ["fit", [[0]]]]) // [["n", "fit", [[0]]]]
 */
export function trieEdges(data: TrieData): [EdgeKind, string, TrieData][] {
  const [, next, any, prefixes, exact] = data;
  const pairs = (kind: EdgeKind, flat: (string | TrieData)[] | 0 | undefined) => {
    const out: [EdgeKind, string, TrieData][] = [];
    for (let i = 0; flat && i < flat.length; i += 2)
      out.push([kind, flat[i] as string, flat[i + 1] as TrieData]);
    return out;
  };
  return [
    ...pairs("n", next),
    ...(any ? [["a", "", any] as [EdgeKind, string, TrieData]] : []),
    ...pairs("p", prefixes),
    ...pairs("x", exact),
  ];
}

const base36 = (n: number): string => (n === -1 ? "" : n.toString(36));

/**
 * Writes a trie as text, for `TrieText` (scripts/gen/lexicon.ts).
 *
 * @param data - `matcher.toTrie()`
 * @returns the text
 * @throws {TypeError} when a word holds `;` (which ends a record), or the ids do not number
 *   the lists' phrases in order, as `Matcher.compile` numbers them
 * @example writeTrieText({ ids: [[0, 0]], root: [[], ["fit", [[], ["note", [[0]]]]]] }) // '1;;f;["nnote",0,-1];["nfit",[],0];'
 */
export function writeTrieText(data: MatcherData): string {
  let body = "";
  const write = (node: TrieData): number => {
    const edges = trieEdges(node).flatMap(([kind, word, child]): RecordEdge => {
      if (word.includes(RECORD)) throw new TypeError(`the trie word "${word}" holds a separator`);
      const [only, ...more] = child[0];
      return [
        `${kind}${word}`,
        only !== undefined && more.length === 0 ? only : child[0],
        write(child),
      ];
    });
    if (edges.length === 0) return -1;
    const at = body.length;
    body += `${JSON.stringify(edges)}${RECORD}`;
    return at;
  };
  const root = write(data.root);
  const lengths = listLengths(data.ids).map(base36).join(LIST);
  return [lengths, data.root[0].map(base36).join(LIST), base36(root), body].join(RECORD);
}
