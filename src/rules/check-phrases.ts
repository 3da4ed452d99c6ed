import type { RulesetIssue } from "../errors/ruleset-error.js";
import {
  GROUP_PIECE as GROUP,
  MAX_PHRASE_WORDS,
  MAX_PHRASES,
  MIN_PREFIX_LETTERS,
} from "../facts/matcher.js";
import { words } from "../facts/tokens.js";
import type { Phrase, RulesetFile } from "./schema.js";

/** The phrase lists that hold single words read as written, not phrases. */
export const WORD_LISTS: ReadonlySet<string> = new Set([
  "negators",
  "negationStops",
  "listJoiners",
  "hypotheticalStops",
  "reviewNegationFillers",
  "requestLeads",
  "clauseLinks",
  "questionModals",
  "questionVerbs",
  "questionSubjects",
]);

const RULESET_FILE = "ruleset.json";
/**
 * The longest word a phrase may hold: a clinical dictionary's longest word has 45 letters, and
 * the spelling index holds every word of a phrase once per letter, so one word of a million
 * letters ran the process out of memory at the first task.
 */
export const MAX_WORD_CHARS = 64;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A `too_long` issue when a phrase, word group member or reading holds a word over `MAX_WORD_CHARS`. */
function checkWordLength(text: string, path: string, issues: RulesetIssue[]): void {
  // Printable ASCII reads to words no longer than itself: a short one needs no tokenising.
  if (text.length <= MAX_WORD_CHARS && PRINTABLE_ASCII.test(text)) return;
  if (!words(text).some((word) => word.length > MAX_WORD_CHARS)) return;
  issues.push({
    file: RULESET_FILE,
    path,
    code: "too_long",
    message: `holds a word of more than ${MAX_WORD_CHARS} characters, the most a word of a phrase, word group or reading may have`,
  });
}

type WordGroups = Readonly<Record<string, readonly string[]>>;

/** What `groupProblem` needs of a word group: read once per group, not once per phrase naming it. */
interface GroupShape {
  /** How many members it has. */
  readonly members: number;
  /** The most words a member has. */
  readonly longest: number;
  /** Whether a member is only "_" (any one word). */
  readonly anyWordMember: boolean;
}

/** Each group's shape, read at the first phrase that names it; one per count of a file. */
type ShapeOf = (name: string) => GroupShape | undefined;

function shapesOf(groups: WordGroups): ShapeOf {
  const shapes = new Map<string, GroupShape>();
  return (name) => {
    const members = Object.hasOwn(groups, name) ? groups[name] : undefined;
    if (members === undefined) return undefined;
    let shape = shapes.get(name);
    if (shape === undefined) {
      const parts = members.map(partsOf);
      shape = {
        members: members.length,
        longest: Math.max(0, ...parts.map((p) => p.length)),
        anyWordMember: parts.some((p) => p.every((part) => part === "_")),
      };
      shapes.set(name, shape);
    }
    return shape;
  };
}

/**
 * What a phrase's word groups make of it: each `{name}` is every member in turn, so
 * "{g} {g} {g} {g} {g} {g} {g} {g}" over a ten-member group was a hundred million phrases
 * and ran the process out of memory at the first task. A group that does not exist (a typo)
 * would be read as the literal word; a member long enough to push the phrase past
 * `MAX_PHRASE_WORDS` words could never match.
 *
 * @returns the problem, and how many phrases the text stands for (capped just past `MAX_PHRASES`)
 */
function groupProblem(phrase: string, shapeOf: ShapeOf): { problem?: string; patterns: number } {
  let patterns = 1;
  let longest = 0;
  // "_" is any one word: a phrase of nothing else (a group whose members are all "_" included)
  // matches every body with a word, as white space did.
  let anyWord = true;
  for (const part of phraseParts(phrase)) {
    const name = GROUP.exec(part)?.[1];
    if (name === undefined) {
      longest += 1;
      if (part !== "_") anyWord = false;
      continue;
    }
    const shape = shapeOf(name);
    if (shape === undefined) {
      return { problem: `names a word group {${name}} that wordGroups does not define`, patterns };
    }
    longest += shape.longest;
    patterns = Math.min(patterns * shape.members, MAX_PHRASES + 1);
    if (!shape.anyWordMember) anyWord = false;
  }
  if (anyWord) {
    return {
      problem: 'has no word of its own, only "_" (any one word), so it would match every body',
      patterns,
    };
  }
  if (longest > MAX_PHRASE_WORDS) {
    return {
      problem: `has more than ${MAX_PHRASE_WORDS} words once its word groups' longest members are put in, so it could never match`,
      patterns,
    };
  }
  return { patterns };
}

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

const partsRead = new Map<string, readonly string[]>();

/** `partsOf`, remembered like `phraseProblem`: a load reads every phrase, mostly the same ones. */
function phraseParts(phrase: string): readonly string[] {
  const hit = partsRead.get(phrase);
  if (hit !== undefined) return hit;
  if (partsRead.size > 50_000) partsRead.clear();
  const read = partsOf(phrase);
  partsRead.set(phrase, read);
  return read;
}

/** A phrase part's word without its marks: "=bloods" is "bloods", "prescri*" "prescri". */
function bareWord(part: string): string {
  return part.replace(/\*+$/, "").replace(/^=/, "");
}

function partsOf(text: string): string[] {
  // Hyphen, en dash, em dash, slash: written as escapes to keep the build ASCII (see weight.test.ts).
  return text
    .split(/\s+/)
    .flatMap((part) => (GROUP.test(part) ? [part] : part.split(/[-\u2013\u2014/]+/)))
    .filter((part) => part !== "");
}

function findProblem(phrase: string): string | undefined {
  if (phrase.trim() === "") return "is empty or white space only";
  const parts = partsOf(phrase);
  if (parts.length === 0) return "has only hyphens, dashes or slashes, which bodies split words at";
  if (parts.length > MAX_PHRASE_WORDS) return `has more than ${MAX_PHRASE_WORDS} words`;
  for (const part of parts) {
    // "_" is any one word; "{name}" a word group (checked by `groupProblem`).
    if (part === "_" || GROUP.test(part)) continue;
    const prefix = part.endsWith("*");
    if (prefix && part.startsWith("=")) {
      return `has a part "${part}" that is both a word as read (=) and a prefix (*): write one`;
    }
    // "=word": the word as read, not its stem.
    const bare = bareWord(part);
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

/**
 * @returns how many phrases it stands for once its word groups are put in
 */
function checkPhrase(
  phrase: Phrase,
  path: string,
  shapeOf: ShapeOf,
  issues: RulesetIssue[],
): number {
  // allOf keeps its meaning: every part must be able to match, or the whole never does.
  const parts =
    typeof phrase === "string"
      ? [[phrase, path] as const]
      : phrase.allOf.map((p, i) => [p, `${path}.allOf[${i}]`] as const);
  let patterns = 0;
  for (const [text, at] of parts) {
    checkWordLength(text, at, issues);
    const grouped = groupProblem(text, shapeOf);
    patterns += grouped.patterns;
    const problem = phraseProblem(text) ?? grouped.problem;
    if (problem !== undefined) {
      issues.push({
        file: RULESET_FILE,
        path: at,
        code: "phrase_never_matches",
        message: `the phrase ${problem}: write the words to look for`,
      });
    }
  }
  return patterns;
}

/** A single word list entry (negators, stops, fillers) must be one word as bodies are split. */
function checkWord(word: string, path: string, issues: RulesetIssue[]): void {
  const split = words(word);
  // An apostrophe is read past in bodies ("can't" is "cant"), so it is here too.
  if (split.length !== 1 || split[0] !== word.trim().toLowerCase().replace(/'/g, "")) {
    issues.push({
      file: RULESET_FILE,
      path,
      code: "phrase_never_matches",
      message: `"${word}" is compared with one word of the body at a time: write a single word (letters and digits; an apostrophe is read past)`,
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
export function checkPhrases(
  file: Pick<RulesetFile, "categories" | "phrases" | "wordGroups">,
): RulesetIssue[] {
  const issues: RulesetIssue[] = [];
  const groups = file.wordGroups ?? {};
  for (const [name, members] of Object.entries(groups)) {
    members.forEach((m, i) => {
      checkWordLength(m, `wordGroups.${name}[${i}]`, issues);
      // A member with no word of its own ("\uFEFF", "-") is an empty slot in every phrase that
      // names the group: say so here, not at each of those phrases.
      // ("_" alone is an any-word gap, refused at the phrases that would match everything.)
      if (!m.includes("_") && words(m.replace(/[*={}]/g, " ")).length === 0) {
        issues.push({
          file: RULESET_FILE,
          path: `wordGroups.${name}[${i}]`,
          code: "phrase_never_matches",
          message: `the word group member has no letters or digits, so a phrase naming {${name}} would have an empty place: write the word it stands for`,
        });
      }
    });
  }
  const total = countPhrases(file, groups, issues);
  const wordLists = Object.entries(file.phrases).filter(([name]) => WORD_LISTS.has(name)) as [
    string,
    string[],
  ][];
  if (total > MAX_PHRASES) {
    issues.push({
      file: RULESET_FILE,
      path: "phrases",
      code: "too_many_phrases",
      message: `the ruleset's phrases stand for more than ${MAX_PHRASES.toLocaleString("en-GB")} phrases once word groups are put in; at most ${MAX_PHRASES.toLocaleString("en-GB")} keep matching linear in the body`,
    });
  }
  for (const [name, list] of wordLists) {
    list?.forEach((w, i) => {
      checkWordLength(w, `phrases.${name}[${i}]`, issues);
      checkWord(w, `phrases.${name}[${i}]`, issues);
    });
  }
  return issues;
}

/**
 * Each phrase of the lists a body is matched against, with its path: every category's phrases,
 * context, notWhen and askWords, then every phrase list but the single-word lists.
 */
function eachPhrase(
  file: Pick<RulesetFile, "categories" | "phrases">,
  visit: (phrase: Phrase, path: string) => void,
): void {
  for (const [id, category] of Object.entries(file.categories)) {
    for (const field of ["phrases", "context", "notWhen", "askWords"] as const) {
      category[field]?.forEach((p, i) => {
        visit(p, `categories.${id}.${field}[${i}]`);
      });
    }
  }
  for (const [name, list] of Object.entries(file.phrases).filter(([n]) => !WORD_LISTS.has(n))) {
    list?.forEach((p, i) => {
      visit(p, `phrases.${name}[${i}]`);
    });
  }
}

/**
 * How many phrases the lists stand for once word groups are put in (each `{group}` counts as
 * many phrases as it has members), the figure held to `MAX_PHRASES`. Problems found on the
 * way go to `issues`.
 */
function countPhrases(
  file: Pick<RulesetFile, "categories" | "phrases">,
  groups: WordGroups,
  issues: RulesetIssue[],
): number {
  const shapeOf = shapesOf(groups);
  let total = 0;
  eachPhrase(file, (phrase, path) => {
    total += checkPhrase(phrase, path, shapeOf, issues);
  });
  return total;
}

/**
 * How many phrases a ruleset file's lists stand for once word groups are put in: the figure the
 * load holds to `MAX_PHRASES` (`phraseCount` in build.ts is the public, checked entry).
 *
 * @param file - `ruleset.json`, after its schema
 * @returns the count
 */
export function countRulesetPhrases(
  file: Pick<RulesetFile, "categories" | "phrases" | "wordGroups">,
): number {
  return countPhrases(file, file.wordGroups ?? {}, []);
}

/**
 * Every shorthand reading and spelling correction stands in for one word of a body, so its
 * length multiplies the body: a reading of 2,000 words made an 18 KB body take 20 seconds.
 * Each may be at most `MAX_PHRASE_WORDS` words, the longest a phrase can match anyway.
 *
 * @param file - `ruleset.json`, after its schema
 * @returns an issue for each reading or correction that is too long, at its path
 * @example checkReading({ reading: { shorthand: { zq: "w1 w2 … w2000" }, spelling: {} } })[0].path // "reading.shorthand.zq"
 */
export function checkReading(file: Pick<RulesetFile, "reading">): RulesetIssue[] {
  const issues: RulesetIssue[] = [];
  const check = (text: string, path: string) => {
    checkWordLength(text, path, issues);
    const count = words(text).length;
    if (count <= MAX_PHRASE_WORDS) return;
    issues.push({
      file: RULESET_FILE,
      path,
      code: "too_long",
      message: `reads as ${count} words: a reading stands for one word of a task, and may be at most ${MAX_PHRASE_WORDS} words`,
    });
  };
  for (const [key, entry] of Object.entries(file.reading?.shorthand ?? {}))
    check(typeof entry === "string" ? entry : entry.reads, `reading.shorthand.${key}`);
  for (const [key, value] of Object.entries(file.reading?.spelling ?? {}))
    check(value, `reading.spelling.${key}`);
  return issues;
}

/**
 * Spoken punctuation (`reading.spokenPunctuation`) is read as a mark, never as words, so a
 * phrase or word-group member holding it ("comma", or "full" then "stop") could never match:
 * name the first such phrase at the entry.
 *
 * @param file - `ruleset.json`, after its schema
 * @returns an issue for each spoken mark that a phrase or word-group member uses
 * @example checkSpokenPunctuation({ ...ruleset, reading: { ...ruleset.reading, spokenPunctuation: { urgent: "clause" } } })[0].path // "reading.spokenPunctuation.urgent"
 */
export function checkSpokenPunctuation(
  file: Pick<RulesetFile, "categories" | "phrases" | "reading" | "wordGroups">,
): RulesetIssue[] {
  const marks = Object.keys(file.reading?.spokenPunctuation ?? {});
  if (marks.length === 0) return [];
  const used = new Map<string, string>();
  // A cheap test first: a phrase can hold a mark only if its text holds each of the mark's words.
  const markWords = marks.map((mark) => mark.split(" "));
  const read = (text: string, path: string) => {
    const lower = text.toLowerCase();
    if (!markWords.some((words) => words.every((word) => lower.includes(word)))) return;
    const spaced = ` ${partsOf(lower).map(bareWord).join(" ")} `;
    for (const mark of marks)
      if (!used.has(mark) && spaced.includes(` ${mark} `)) used.set(mark, path);
  };
  eachPhrase(file, (phrase, path) => {
    if (typeof phrase === "string") read(phrase, path);
    else
      phrase.allOf.forEach((part, i) => {
        read(part, `${path}.allOf[${i}]`);
      });
  });
  for (const [name, members] of Object.entries(file.wordGroups ?? {}))
    members.forEach((member, i) => {
      read(member, `wordGroups.${name}[${i}]`);
    });
  return [...used].map(([mark, path]) => ({
    file: RULESET_FILE,
    path: `reading.spokenPunctuation.${mark}`,
    code: "phrase_never_matches",
    message: `is read as punctuation, never as words, so the phrase at ${path} that holds it could never match: remove one of them`,
  }));
}
