/**
 * Lists the real words the spelling corrector would read as another word, for
 * `reading.spellingExceptions`. The corrector reads a long word one edit from exactly one word
 * the ruleset knows as that word ("perscription" is "prescription"), but a real word one edit
 * away ("attached" from "attacked") must stay as written. Adding phrases adds words it may
 * correct to. test/facts/real-words.test.ts reads SCOWL's list (bundled in test/facts/words)
 * this way and fails on any correction it has not accepted; this prints them for any list:
 *
 *   npx tsx scripts/real-word-corrections.ts <word list, one word a line> [rules folder]
 *
 * A word list such as SCOWL's (Debian's `wbritish-large`: /usr/share/dict/british-english-large)
 * serves. It prints `word -> read as`, one a line; copy the words that are not spelling
 * variants of the word they are read as into `reading.spellingExceptions`.
 */
import { readFileSync } from "node:fs";
import { lexiconOf } from "../src/facts/lexicon.js";
import { tokenStream } from "../src/facts/tokens.js";
import { loadRuleset } from "../src/rules/load.js";

const [list, rules = "rules"] = process.argv.slice(2);
if (list === undefined) {
  process.stderr.write("usage: tsx scripts/real-word-corrections.ts <word list> [rules folder]\n");
  process.exit(2);
}
const reading = lexiconOf(await loadRuleset(rules)).reading;
for (const word of readFileSync(list, "latin1").split("\n")) {
  if (!/^[a-z]{4,}$/.test(word)) continue;
  const tokens = tokenStream(word, reading).tokens;
  const read = tokens.map((t) => t.word).join(" ");
  if (tokens.length === 1 && read !== word && tokens[0]?.via !== undefined) {
    process.stdout.write(`${word} -> ${read}\n`);
  }
}
