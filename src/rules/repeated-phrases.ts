import { lexiconOf } from "../facts/lexicon.js";
import { GROUP_PIECE } from "../facts/matcher.js";
import { tokenStream } from "../facts/tokens.js";
import { WORD_LISTS } from "./check-phrases.js";
import type { Phrase, Ruleset } from "./schema.js";

/** An entry of a list that reads as an earlier entry of the same list does. */
export interface RepeatedPhrase {
  /** Where the entry is, as a path in the ruleset ("phrases.action[575]"). */
  path: string;
  /** The entry as written. */
  entry: string;
  /** The earlier entry it reads as, as written, and where that is. */
  sameAs: string;
  sameAsPath: string;
}

/** The category fields that hold phrases. */
const CATEGORY_LISTS = ["phrases", "context", "senderContext", "notWhen", "askWords"] as const;

/**
 * Entries of a list that read as an earlier entry of the same list: the same words once
 * shorthand, spelling, plurals and other endings are read as the matcher reads them ("needs
 * continuing" and "need continuing", "won't" and "wont"), an allOf with the same parts in the
 * same order (the order says where its mention is). Such an entry matches nothing its twin does not, but counts against the phrase limit
 * and, changed on its own, stops matching what its twin still matches. A word written "=word"
 * (read exactly), a word group, "_" and a prefix ("prescri*") are compared as written.
 * Word lists (`negators`, `reviewNegationFillers` and the like) and timeframe words are compared
 * as written too: they are read as written, or as text, not as phrases.
 *
 * @param ruleset - from `defaultRuleset()`, `loadRuleset(dir)` or `buildRuleset(files)`
 * @returns each repeat with where it is and the entry it repeats, in the order of the lists
 * @throws {InputError} code `invalid_type` for anything but a built ruleset
 */
export function findRepeatedPhrases(ruleset: Ruleset): RepeatedPhrase[] {
  const { reading } = lexiconOf(ruleset);
  const readWord = (word: string): string => {
    if (word === "_" || word.startsWith("=") || GROUP_PIECE.test(word)) return word;
    const tokens = tokenStream(word, reading).tokens;
    return word.endsWith("*")
      ? `${tokens.map((t) => t.word).join(" ")}*`
      : tokens.map((t) => t.stem).join(" ");
  };
  const readPhrase = (text: string) => text.split(/\s+/).filter(Boolean).map(readWord).join(" ");
  const read = (entry: Phrase): string =>
    typeof entry === "string"
      ? readPhrase(entry)
      : `allOf ${entry.allOf.map(readPhrase).join(" + ")}`;
  const found: RepeatedPhrase[] = [];
  const check = (path: string, list: readonly Phrase[], asWritten = false) => {
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
      const key = asWritten ? JSON.stringify(entry) : read(entry);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else
        found.push({
          path: `${path}[${i}]`,
          entry: written(entry),
          sameAs: written(list[first] as Phrase),
          sameAsPath: `${path}[${first}]`,
        });
    });
  };
  for (const [id, category] of Object.entries(ruleset.categories))
    for (const field of CATEGORY_LISTS) {
      const list = category[field];
      if (list !== undefined) check(`categories.${id}.${field}`, list);
    }
  for (const [name, list] of Object.entries(ruleset.phrases))
    if (Array.isArray(list)) check(`phrases.${name}`, list as Phrase[], WORD_LISTS.has(name));
  for (const [name, members] of Object.entries(ruleset.wordGroups ?? {}))
    check(`wordGroups.${name}`, members);
  for (const [name, list] of Object.entries(ruleset.timeframes ?? {}))
    if (Array.isArray(list)) check(`timeframes.${name}`, list as string[], true);
  return found;
}

/** An entry as written: a phrase, or its allOf parts joined with " + ". */
function written(entry: Phrase): string {
  return typeof entry === "string" ? entry : entry.allOf.join(" + ");
}
