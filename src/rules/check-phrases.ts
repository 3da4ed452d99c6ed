import type { RulesetIssue } from "../errors/ruleset-error.js";
import { MAX_PHRASE_WORDS, MAX_PHRASES, MIN_PREFIX_LETTERS } from "../facts/matcher.js";
import { words } from "../facts/tokens.js";
import type { Phrase, RulesetFile } from "./schema.js";

const RULESET_FILE = "ruleset.json";

/**
 * Why a phrase could never match a body, or would match every body, after the same
 * normalisation bodies get (`words`: lower case, hyphens and slashes split, punctuation at
 * word ends dropped): empty or white space only (a journal phrase "  " matched everywhere and
 * silenced `journal-reference-missing`), or no word at all ("*", "!!!").
 */
const problems = new Map<string, string | undefined>();

/** `findProblem`, remembered: a ruleset's lists are checked on every load, mostly unchanged. */
function phraseProblem(phrase: string): string | undefined {
  if (problems.has(phrase)) return problems.get(phrase);
  if (problems.size > 50_000) problems.clear();
  const problem = findProblem(phrase);
  problems.set(phrase, problem);
  return problem;
}

function findProblem(phrase: string): string | undefined {
  if (phrase.trim() === "") return "is empty or white space only";
  const parts = phrase.split(/[\s\-–—/]+/).filter((part) => part !== "");
  if (parts.length === 0) return "has only hyphens, dashes or slashes, which bodies split words at";
  if (parts.length > MAX_PHRASE_WORDS) return `has more than ${MAX_PHRASE_WORDS} words`;
  for (const part of parts) {
    // "_" is any one word; "{name}" a word group (checked against wordGroups by the schema step).
    if (part === "_" || /^\{[a-z][a-z0-9-]*\}$/.test(part)) continue;
    const prefix = part.endsWith("*");
    const bare = prefix ? part.replace(/\*+$/, "") : part;
    const read = words(bare);
    if (read.length === 0) {
      return `has a part "${part}" with no letters or digits, which no body's words can match`;
    }
    if (prefix && (read[read.length - 1]?.length ?? 0) < MIN_PREFIX_LETTERS) {
      return `has a word ending "${part}" with fewer than ${MIN_PREFIX_LETTERS} letters before the *`;
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
  const total =
    Object.values(file.categories).reduce((n, c) => n + c.phrases.length, 0) +
    Object.values(lists).reduce((n, list) => n + (list?.length ?? 0), 0);
  if (total > MAX_PHRASES) {
    issues.push({
      file: RULESET_FILE,
      path: "phrases",
      code: "too_many_phrases",
      message: `the ruleset holds ${total} phrases; at most ${MAX_PHRASES} keep matching linear in the body`,
    });
  }
  for (const [name, list] of Object.entries(lists)) {
    list?.forEach((p, i) => {
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
