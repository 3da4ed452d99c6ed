import { lexiconOf } from "../facts/lexicon.js";
import { compilePhrase, type PatternWord } from "../facts/matcher.js";
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
 * Entries of a list that read as an earlier entry of the same list: the same patterns once the
 * entry is read as the matcher reads it (`compilePhrase`: shorthand, spelling, plurals and other
 * endings, word groups put in), so "needs continuing" and "need continuing" or "won't" and
 * "wont" are one. An allOf repeats one with the same parts in the same order (the order says
 * where its mention is). Such an entry matches nothing its twin does not, but counts against
 * the phrase limit and, changed on its own, stops matching what its twin still matches. Word
 * lists (`negators`, `reviewNegationFillers` and the like) and timeframe words are compared as
 * written: they are read as written, or as text, not as phrases.
 *
 * @param ruleset - from `defaultRuleset()`, `loadRuleset(dir)` or `buildRuleset(files)`
 * @returns each repeat with where it is and the entry it repeats, in the order of the lists
 */
export function findRepeatedPhrases(ruleset: Ruleset): RepeatedPhrase[] {
  const { reading } = lexiconOf(ruleset);
  const memo = new Map<string, PatternWord[]>();
  const readPhrase = (text: string, groups = ruleset.wordGroups ?? {}): string =>
    compilePhrase(text, reading, groups, memo)
      .map((pattern) => JSON.stringify(pattern))
      .sort()
      .join("|");
  const read = (entry: Phrase): string =>
    typeof entry === "string"
      ? readPhrase(entry)
      : `allOf ${entry.allOf.map((part) => readPhrase(part)).join(" + ")}`;
  const found: RepeatedPhrase[] = [];
  const check = (path: string, list: readonly Phrase[], key: (entry: Phrase) => string = read) => {
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
      const as = key(entry);
      const first = seen.get(as);
      if (first === undefined) seen.set(as, i);
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
    if (Array.isArray(list))
      check(`phrases.${name}`, list as Phrase[], WORD_LISTS.has(name) ? asWritten : read);
  // A group's members are read as phrases without groups of their own.
  for (const [name, members] of Object.entries(ruleset.wordGroups ?? {}))
    check(`wordGroups.${name}`, members, (member) => readPhrase(written(member), {}));
  for (const [name, list] of Object.entries(ruleset.timeframes ?? {}))
    if (Array.isArray(list)) check(`timeframes.${name}`, list as string[], asWritten);
  return found;
}

/** An entry compared as written. */
const asWritten = (entry: Phrase): string => JSON.stringify(entry);

/** An entry as written: a phrase, or its allOf parts joined with " + ". */
function written(entry: Phrase): string {
  return typeof entry === "string" ? entry : entry.allOf.join(" + ");
}
