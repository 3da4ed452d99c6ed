import { prebuiltDefaultTrie, prebuiltDefaultVocabulary } from "./default-trie.generated.js";

/**
 * The default ruleset's phrase trie, compiled at build time (scripts/gen/lexicon.ts), so that a
 * fresh process reads it instead of compiling some two thousand phrases.
 *
 * @returns the trie, as `writeTrieText` writes it
 */
export function defaultTrie(): string | undefined {
  return prebuiltDefaultTrie;
}

/**
 * The words the default ruleset's misspellings are corrected to, gathered at build time.
 *
 * @returns the words, one space apart
 */
export function defaultVocabulary(): string | undefined {
  return prebuiltDefaultVocabulary;
}
