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
import { pathToFileURL } from "node:url";
import { lexiconOf } from "../src/facts/lexicon.js";
import { type Reading, tokenStream } from "../src/facts/tokens.js";
import { loadRuleset } from "../src/rules/load.js";

/**
 * The words of `words` (lowercase, four letters or more) that the reading corrects to another
 * word, as "word -> read as", in list order.
 */
export function realWordCorrections(words: Iterable<string>, reading: Reading): string[] {
  const found: string[] = [];
  for (const word of words) {
    if (!/^[a-z]{4,}$/.test(word)) continue;
    const tokens = tokenStream(word, reading).tokens;
    const read = tokens.map((t) => t.word).join(" ");
    if (tokens.length === 1 && read !== word && tokens[0]?.via !== undefined)
      found.push(`${word} -> ${read}`);
  }
  return found;
}

async function main(args: string[]): Promise<number> {
  const [list, rules = "rules"] = args;
  if (list === undefined) {
    process.stderr.write(
      "usage: tsx scripts/real-word-corrections.ts <word list> [rules folder]\n",
    );
    return 2;
  }
  const reading = lexiconOf(await loadRuleset(rules)).reading;
  for (const line of realWordCorrections(readFileSync(list, "latin1").split("\n"), reading))
    process.stdout.write(`${line}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
