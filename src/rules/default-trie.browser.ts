/**
 * Browsers compile the default ruleset's phrases when the first guard is made, as for any
 * ruleset: the prebuilt trie (src/rules/default-trie.ts) would add about 35 KB gzip to a
 * browser bundle, more than the start-up it saves a page that makes one guard.
 *
 * @returns nothing: no prebuilt trie in a browser build
 */
export function defaultTrie(): string | undefined {
  return undefined;
}

/**
 * Browsers gather the default ruleset's vocabulary when the first guard is made, as they
 * compile its trie.
 *
 * @returns nothing: no prebuilt vocabulary in a browser build
 */
export function defaultVocabulary(): string | undefined {
  return undefined;
}
