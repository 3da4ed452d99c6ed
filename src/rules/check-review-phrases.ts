import type { RulesetIssue } from "../errors/ruleset-error.js";
import { type Lexicon, LIST, lexiconOf } from "../facts/lexicon.js";
import type { Mention } from "../facts/matcher.js";
import { tokenStream } from "../facts/tokens.js";
import type { Ruleset } from "./schema.js";

const RULESET_FILE = "ruleset.json";
const checked = new WeakMap<Lexicon, RulesetIssue[]>();

/**
 * A body of the phrase's own words: a prefix (`urg*`) completed with one letter, `_` as one
 * word, a word group as its first member. For a phrase of plain words this is every body that
 * holds it, read the same way.
 */
function ownWords(phrase: string, groups: Readonly<Record<string, readonly string[]>>): string {
  return phrase
    .trim()
    .split(/[\s\-\u2010-\u2015]+/)
    .map((piece) => {
      if (piece === "_") return "x";
      const group = /^\{([a-z][a-z0-9-]*)\}$/.exec(piece)?.[1];
      if (group !== undefined) return groups[group]?.[0] ?? piece;
      return piece.replace(/\*+$/, "x");
    })
    .join(" ");
}

/** The name of the service or pseudo-trigger whose words hold the whole mention, if one does. */
function insideOf(
  mention: Mention,
  mentions: readonly Mention[],
  labels: readonly (readonly string[])[],
) {
  const around = mentions.find(
    (m) =>
      (m.list === LIST.services || m.list === LIST.pseudoTriggers) &&
      m.from <= mention.from &&
      m.to >= mention.to,
  );
  return around === undefined ? undefined : (labels[around.list]?.[around.phrase] ?? "");
}

/**
 * Urgent and safety phrases decide human review, and a mention inside a service's name ("Urgent
 * Treatment Centre") or a pseudo-trigger ("prompting with") is read as neither. A phrase whose
 * own words always read as one ("A&E", which the shorthand reads as "emergency department")
 * loads, matches, and can never flag a task: refused here, with the name that holds it.
 *
 * @param ruleset - a ruleset whose phrases have passed `checkPhrases`
 * @returns an issue for each urgent or safety phrase that could never flag a task
 * @example checkReviewPhrases(withUrgent(["A&E"]))[0].path // "phrases.urgent[…]"
 */
export function checkReviewPhrases(ruleset: Ruleset): RulesetIssue[] {
  const lexicon = lexiconOf(ruleset);
  // The lexicon is shared by rulesets of the same content: so is the answer.
  const known = checked.get(lexicon);
  if (known) return [...known];
  const groups = ruleset.wordGroups ?? {};
  const issues: RulesetIssue[] = [];
  for (const [name, list] of [
    ["urgent", LIST.urgent],
    ["safety", LIST.safety],
    ["deterioration", LIST.deterioration],
    ["dueSoonWords", LIST.dueSoonWords],
  ] as const) {
    (ruleset.phrases[name] ?? []).forEach((phrase, index) => {
      if (typeof phrase !== "string") return;
      const stream = tokenStream(ownWords(phrase, groups), lexicon.reading);
      const mentions = lexicon.matcher.scan(stream);
      const own = mentions.filter((m) => m.list === list && m.phrase === index);
      const holders = own.map((m) => insideOf(m, mentions, lexicon.labels));
      const holder = holders[0];
      if (own.length === 0 || holder === undefined || holders.includes(undefined)) return;
      issues.push({
        file: RULESET_FILE,
        path: `phrases.${name}[${index}]`,
        code: "phrase_never_matches",
        message: `the phrase reads as part of "${holder}" (a service's name or a pseudo-trigger), where ${name} words are not read as ${name}, so it could never flag a task: write the words that say it is ${name}`,
      });
    });
  }
  checked.set(lexicon, issues);
  return issues;
}
