import { lexiconOf, vocabularyText } from "../../src/facts/lexicon.js";
import { writeTrieText } from "../../src/facts/trie-text.js";
import { buildRuleset } from "../../src/rules/build.js";
import { readRuleFiles } from "./rules.js";
import { banner, type Generator } from "./types.js";

/**
 * The default ruleset's phrase trie, compiled at build time: compiling the phrases (every
 * phrase read as a body is read, word groups expanded) was most of a fresh process's time to
 * its first verdict, and the trie is the same in every process. Written as text
 * (src/facts/trie-text.ts), which Node loads faster than JSON or code and reads node by node
 * as a scan reaches them. Custom rulesets still compile theirs
 * when they are built.
 */
export const prebuiltLexicon: Generator = {
  name: "lexicon",
  async generate() {
    const ruleset = buildRuleset(await readRuleFiles());
    const trie = lexiconOf(ruleset).matcher.toTrie();
    const content = [
      `// ${banner("scripts/gen/lexicon.ts")}`,
      "// Source: rules/*.json, read by src/facts (tokens, stems, shorthand): a change to either makes",
      "// this file stale (test/generated.test.ts).",
      "",
      "/** The default ruleset's phrase trie: `writeTrieText(lexiconOf(defaultRuleset()).matcher.toTrie())`. */",
      `export const prebuiltDefaultTrie = ${JSON.stringify(writeTrieText(trie))};`,
      "",
      "/** The words its misspellings are corrected to: `vocabularyText(defaultRuleset())`. */",
      `export const prebuiltDefaultVocabulary = ${JSON.stringify(vocabularyText(ruleset))};`,
      "",
    ].join("\n");
    return [{ path: "src/rules/default-trie.generated.ts", content }];
  },
};
