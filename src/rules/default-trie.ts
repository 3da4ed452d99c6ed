import type { MatcherData } from "../facts/matcher.js";
import { prebuiltDefaultTrie } from "./default-trie.generated.js";

/**
 * The default ruleset's phrase trie, compiled at build time (scripts/gen/lexicon.ts), so that a
 * fresh process reads it instead of compiling some two thousand phrases.
 *
 * @returns the trie's data
 */
export function defaultTrie(): MatcherData | undefined {
  return prebuiltDefaultTrie;
}
