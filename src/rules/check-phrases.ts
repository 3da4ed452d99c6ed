import type { RulesetIssue } from "../errors/ruleset-error.js";
import { words } from "../facts/text.js";
import type { Phrase, RulesetFile } from "./schema.js";

const RULESET_FILE = "ruleset.json";

/**
 * Why a phrase could never match a body, or would match every body, after the same
 * normalisation bodies get (`words`: lower case, hyphens and slashes split, punctuation at
 * word ends dropped): empty or white space only (a journal phrase "  " matched everywhere and
 * silenced `journal-reference-missing`), or no word at all ("*", "!!!").
 */
function phraseProblem(phrase: string): string | undefined {
  if (phrase.trim() === "") return "is empty or white space only";
  const parts = phrase.split(/[\s\-–—/]+/).filter((part) => part !== "");
  if (parts.length === 0) return "has only hyphens, dashes or slashes, which bodies split words at";
  for (const part of parts) {
    const bare = part.endsWith("*") ? part.slice(0, -1) : part;
    if (words(bare).length === 0) {
      return `has a part "${part}" with no letters or digits, which no body's words can match`;
    }
  }
  return undefined;
}

function checkPhrase(phrase: Phrase, path: string, issues: RulesetIssue[]): void {
  // allOf keeps its meaning: every part must be able to match, or the whole never does.
  const parts =
    typeof phrase === "string"
      ? [[phrase, path] as const]
      : phrase.allOf.map((p, i) => [p, `${path}.allOf[${i}]`] as const);
  for (const [text, at] of parts) {
    const problem = phraseProblem(text);
    if (problem !== undefined) {
      issues.push({
        file: RULESET_FILE,
        path: at,
        code: "phrase_never_matches",
        message: `the phrase ${problem}: write the words to look for`,
      });
    }
  }
}

/** A single word list entry (negators, stops, fillers) must be one word as bodies are split. */
function checkWord(word: string, path: string, issues: RulesetIssue[]): void {
  const split = words(word);
  if (split.length !== 1 || split[0] !== word.trim().toLowerCase()) {
    issues.push({
      file: RULESET_FILE,
      path,
      code: "phrase_never_matches",
      message: `"${word}" is compared with one word of the body at a time: write a single word (letters, digits or an apostrophe)`,
    });
  }
}

/**
 * Checks every phrase list of a ruleset: category phrases, urgent, safety, journal, action and
 * clinical phrases (each part of an `allOf`), and the single-word lists of negation.
 *
 * @param file - `ruleset.json`, after its schema
 * @returns an issue for each phrase that could never match, or would match everywhere
 * @example checkPhrases({ ...ruleset, phrases: { ...ruleset.phrases, urgent: ["*"] } })
 * // [{ file: "ruleset.json", path: "phrases.urgent[0]", code: "phrase_never_matches", … }]
 */
export function checkPhrases(file: Pick<RulesetFile, "categories" | "phrases">): RulesetIssue[] {
  const issues: RulesetIssue[] = [];
  for (const [id, category] of Object.entries(file.categories)) {
    category.phrases.forEach((p, i) => {
      checkPhrase(p, `categories.${id}.phrases[${i}]`, issues);
    });
  }
  const { negators, negationStops, reviewNegationFillers, ...lists } = file.phrases;
  for (const [name, list] of Object.entries(lists)) {
    list.forEach((p, i) => {
      checkPhrase(p, `phrases.${name}[${i}]`, issues);
    });
  }
  const wordLists = { negators, negationStops, reviewNegationFillers };
  for (const [name, list] of Object.entries(wordLists)) {
    list?.forEach((w, i) => {
      checkWord(w, `phrases.${name}[${i}]`, issues);
    });
  }
  return issues;
}
