import type { MatcherData, TrieData } from "./matcher.js";

/**
 * A phrase trie written as one string, for the trie compiled at build time (issue 14): Node
 * loads a long string literal quickly, whereas `JSON.parse` of the same trie as nested arrays
 * cost a fresh process some 16 ms, and most of its nodes are never reached by a first verdict.
 * So the text is read node by node, when a scan first reaches a node.
 *
 * Layout: `lengths;rootEnds;root;records…`. `lengths` is the number of phrases of each list
 * (the phrase ids number the lists' phrases in order). A node with edges has a record, written
 * after its children's: its edges in `TrieData` order, each `|kind word~ends~child`, then `;`.
 * Kind is `n` (stem), `a` (any word; no word), `p` (prefix) or `x` (word as read); `ends` are
 * the phrases ending at the child; `child` (and `root`) is where a record starts, counted from
 * the first record, empty when the node has no edges. Numbers are base 36.
 */

/** The kinds of edge, in the order `TrieData` holds them. */
export type EdgeKind = "n" | "a" | "p" | "x";

/**
 * One edge of a node read from the text: its kind, its word, the phrases ending at its child
 * and where the child's record starts (-1: the child has no edges).
 */
export type TextEdge = [kind: EdgeKind, word: string, ends: number[], child: number];

const RECORD = ";";
const EDGE = "|";
const FIELD = "~";
const LIST = ",";
/** Characters a word may not hold, since the text uses them as separators. */
const separators = /[;|~,]/;

function numbers(field: string): number[] {
  if (field === "") return [];
  // Most nodes end one phrase: no list to split.
  if (!field.includes(LIST)) return [Number.parseInt(field, 36)];
  return field.split(LIST).map((n) => Number.parseInt(n, 36));
}

function offset(field: string): number {
  return field === "" ? -1 : Number.parseInt(field, 36);
}

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
   * The edges of the record starting at `at`, in the order they were written. One pass of
   * `indexOf` over the record: the root's holds some two thousand edges, read on the first scan.
   */
  edges(at: number): TextEdge[] {
    const text = this.#text;
    const end = text.indexOf(RECORD, this.#body + at);
    const edges: TextEdge[] = [];
    let from = this.#body + at + 1;
    while (from < end) {
      const endsAt = text.indexOf(FIELD, from);
      const childAt = text.indexOf(FIELD, endsAt + 1);
      let next = text.indexOf(EDGE, childAt);
      if (next === -1 || next > end) next = end;
      edges.push([
        text[from] as EdgeKind,
        text.slice(from + 1, endsAt),
        numbers(text.slice(endsAt + 1, childAt)),
        offset(text.slice(childAt + 1, next)),
      ]);
      from = next + 1;
    }
    return edges;
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
const endsOf = (node: TrieData): string => node[0].map(base36).join(LIST);

/**
 * Writes a trie as text, for `TrieText` (scripts/gen/lexicon.ts).
 *
 * @param data - `matcher.toTrie()`
 * @returns the text
 * @throws {TypeError} when a word holds a separator (`; | ~ ,`) or the ids do not number the
 *   lists' phrases in order, as `Matcher.compile` numbers them
 * @example writeTrieText({ ids: [[0, 0]], root: [[], ["fit", [[], ["note", [[0]]]]]] }) // "1;;a;|nnote~0~;|nfit~~0;"
 */
export function writeTrieText(data: MatcherData): string {
  let body = "";
  const write = (node: TrieData): number => {
    const edges = trieEdges(node).map(([kind, word, child]) => {
      if (separators.test(word)) throw new TypeError(`the trie word "${word}" holds a separator`);
      return `${EDGE}${kind}${word}${FIELD}${endsOf(child)}${FIELD}${base36(write(child))}`;
    });
    if (edges.length === 0) return -1;
    const at = body.length;
    body += `${edges.join("")}${RECORD}`;
    return at;
  };
  const root = write(data.root);
  const lengths = listLengths(data.ids).map(base36).join(LIST);
  return [lengths, endsOf(data.root), base36(root), body].join(RECORD);
}
