import { lexiconOf } from "../../src/facts/lexicon.js";
import { buildRuleset } from "../../src/rules/build.js";
import { readRuleFiles } from "./rules.js";
import { banner, type Generator } from "./types.js";

/**
 * The default ruleset's phrase trie, compiled at build time: compiling the phrases (every
 * phrase read as a body is read, word groups expanded) was most of a fresh process's time to
 * its first verdict, and the trie is the same in every process. Written as JSON in a string,
 * which Node parses faster than the same object as code. Custom rulesets still compile theirs
 * when they are built.
 */
export const prebuiltLexicon: Generator = {
  name: "lexicon",
  async generate() {
    const trie = lexiconOf(buildRuleset(await readRuleFiles())).matcher.toTrie();
    const content = [
      `// ${banner("scripts/gen/lexicon.ts")}`,
      "// Source: rules/*.json, read by src/facts (tokens, stems, shorthand): a change to either makes",
      "// this file stale (test/generated.test.ts).",
      'import type { MatcherData } from "../facts/matcher.js";',
      "",
      "/** The default ruleset's phrase trie, as `lexiconOf(defaultRuleset()).matcher.toTrie()` gives it. */",
      `export const prebuiltDefaultTrie: MatcherData = JSON.parse(${JSON.stringify(JSON.stringify(trie))});`,
      "",
    ].join("\n");
    return [{ path: "src/rules/default-trie.generated.ts", content }];
  },
};
