import type { Ruleset } from "../rules/schema.js";
import { PhraseList, PhraseScanner } from "./text.js";

/** A ruleset's phrase lists and the parameters facts need, compiled once per ruleset. */
export interface Lexicon {
  urgent: PhraseList;
  safety: PhraseList;
  action: PhraseList;
  clinical: PhraseList;
  /** Every category's phrases in one list, in inference order: category order, then phrase order. */
  categories: { phrases: PhraseList; categoryOf: readonly string[] };
  /** All the lists above in one scanner, read in one pass over a body (indexes: `LIST`). */
  scanner: PhraseScanner;
  requestsAction: ReadonlyMap<string, boolean>;
  /** Finds "journal entry"-like words in raw text (the ruleset's journal phrases, escaped). */
  journal: RegExp;
  journalDateWithinChars: number;
}

/** Parameters the facts read; `buildRuleset` refuses a ruleset without them. */
export const factParameters = {
  negationWindowWords: "number",
  journalDateWithinChars: "number",
} as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A regular expression for plain phrases: words escaped, a trailing `*` for a word ending. */
function phraseRegex(phrases: readonly string[]): RegExp {
  const alternatives = phrases
    .map((p) =>
      p
        .trim()
        .split(/\s+/)
        .map((w) =>
          w.endsWith("*") ? `${escapeRegExp(w.slice(0, -1))}[a-z]{0,30}` : escapeRegExp(w),
        )
        .join("\\s{1,5}"),
    )
    .sort((a, b) => b.length - a.length);
  return new RegExp(`\\b(?:${alternatives.join("|")})\\b`, "gi");
}

/** The scanner's lists, in order. */
export const LIST = { urgent: 0, safety: 1, action: 2, clinical: 3, categories: 4 } as const;

const cache = new WeakMap<Ruleset, Lexicon>();

/**
 * Compiles a ruleset's phrase lists once (cached per ruleset object).
 *
 * @param ruleset - a loaded ruleset
 * @returns the compiled lexicon
 * @example lexiconOf(defaultRuleset()).urgent.first(tokenize("URGENT please")) // { phrase: "urgent" }
 */
export function lexiconOf(ruleset: Ruleset): Lexicon {
  const cached = cache.get(ruleset);
  if (cached) return cached;
  const negation = {
    negators: ruleset.phrases.negators,
    stops: ruleset.phrases.negationStops ?? [],
    window: Number(ruleset.parameters.negationWindowWords),
  };
  // Urgent and safety language decides human review, and hiding real urgency is the worse
  // mistake: there a negator reaches only across the ruleset's fillers ("no longer urgent"),
  // since one a few words back usually governs something else ("not coping urgent review").
  const fillers = ruleset.phrases.reviewNegationFillers;
  const reviewNegation = fillers === undefined ? negation : { ...negation, through: fillers };
  const categoryEntries = Object.entries(ruleset.categories);
  const categoryPhrases = categoryEntries.flatMap(([, c]) => c.phrases);
  const lexicon: Lexicon = {
    urgent: new PhraseList(ruleset.phrases.urgent, reviewNegation),
    safety: new PhraseList(ruleset.phrases.safety, reviewNegation),
    action: new PhraseList(ruleset.phrases.action, negation),
    clinical: new PhraseList(ruleset.phrases.clinical),
    categories: {
      phrases: new PhraseList(categoryPhrases, negation),
      categoryOf: categoryEntries.flatMap(([id, c]) => c.phrases.map(() => id)),
    },
    scanner: new PhraseScanner([
      { phrases: ruleset.phrases.urgent, negation: reviewNegation },
      { phrases: ruleset.phrases.safety, negation: reviewNegation },
      { phrases: ruleset.phrases.action, negation },
      { phrases: ruleset.phrases.clinical },
      { phrases: categoryPhrases, negation },
    ]),
    requestsAction: new Map(
      Object.entries(ruleset.categories).map(([id, c]) => [id, c.requestsAction]),
    ),
    journal: phraseRegex(
      ruleset.phrases.journal.flatMap((p) => (typeof p === "string" ? [p] : p.allOf)),
    ),
    journalDateWithinChars: Number(ruleset.parameters.journalDateWithinChars),
  };
  cache.set(ruleset, lexicon);
  return lexicon;
}
