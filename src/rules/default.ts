import { adoptPrebuiltMatcher } from "../facts/lexicon.js";
import { adoptPrebuiltRuleset } from "./build.js";
import { defaultTrie, defaultVocabulary } from "./default-trie.js";
import { prebuiltDefaultRuleset, prebuiltRuleMessages } from "./prebuilt-ruleset.generated.js";
import type { Ruleset } from "./schema.js";

let cached: Ruleset | undefined;

/**
 * The bundled default ruleset (Humberside LMCs, October 2024): the files of `rules/`,
 * validated and hashed by `buildRuleset` at build time and compiled into the package, so it
 * works with no file system (browsers, bundlers) and costs nothing to prepare. In Node, its
 * phrases come compiled too.
 *
 * @returns the same frozen ruleset object on every call
 * @example defaultRuleset().rules.map((r) => r.id).includes("fit-note") // true
 */
export function defaultRuleset(): Ruleset {
  if (cached === undefined) {
    cached = adoptPrebuiltRuleset(prebuiltDefaultRuleset, prebuiltRuleMessages);
    const trie = defaultTrie();
    if (trie !== undefined) adoptPrebuiltMatcher(cached, trie, defaultVocabulary());
  }
  return cached;
}
