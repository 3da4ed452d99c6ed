import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { realWordCorrections } from "../../scripts/real-word-corrections.js";
import { lexiconOf } from "../../src/facts/lexicon.js";
import { tokenStream } from "../../src/facts/tokens.js";
import { defaultRuleset } from "../../src/rules/default.js";

/**
 * The spelling corrector reads a long word one edit from exactly one word the ruleset knows as
 * that word ("perscription" as "prescription"). Each phrase added to the lists adds words it may
 * correct to, and so may make it read a real word as another: the sixteenth round's "snacks"
 * read as "smacks" and a "displaced" fracture as "displayed". This reads every word of SCOWL's
 * British English list (four letters or more) as the library does and fails on any correction
 * not in `words/accepted-corrections.txt`, the forms, spellings and shorthand of the word read.
 */
const folder = join(dirname(fileURLToPath(import.meta.url)), "words");
const reading = lexiconOf(defaultRuleset()).reading;
const words = gunzipSync(readFileSync(join(folder, "scowl-british-english-large.txt.gz")))
  .toString("utf8")
  .split("\n")
  .filter((word) => word !== "");

const accepted = readFileSync(join(folder, "accepted-corrections.txt"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"));

describe("real words read as written", () => {
  it("reads a word list of over 100,000 words", () => {
    expect(words.length).toBeGreaterThan(100_000);
  });

  it("corrects no real word but the accepted forms of the word it is read as", () => {
    // A new line here is a real word the lists now read as another word: add it to
    // `reading.spellingExceptions`, or, if it is a form of the word it is read as, to
    // words/accepted-corrections.txt. A line gone from the accepted list should leave it.
    expect(realWordCorrections(words, reading).sort()).toEqual([...accepted].sort());
  });

  it("reads as written a real word one edit from a listed word: 'displaced' is not 'displayed'", () => {
    const word = (text: string) => tokenStream(text, reading).tokens.map((t) => t.word);
    expect(word("displaced")).toEqual(["displaced"]);
    expect(word("swaying")).toEqual(["swaying"]);
  });
});
