import type { Phrase, Ruleset } from "../rules/schema.js";
import { literal } from "./literal.js";
import { Matcher } from "./matcher.js";
import { fold, type Reading, type SpokenMark, stem, type Token, tokenStream } from "./tokens.js";

/**
 * A ruleset's reading of text, compiled once per ruleset: the shorthand lexicon and spelling
 * list (`reading` in ruleset.json), every phrase list in one trie, and the parameters the
 * facts read. Nothing here is guidance data: the words all come from the ruleset.
 */

/** An `allOf` phrase that holds a part: its list and index, the part's index and the count. */
export interface PartOwner {
  list: number;
  phrase: number;
  parts: number;
  part: number;
}

/** The lists in the trie, in order (a mention's `list`). */
export const LIST = {
  urgent: 0,
  safety: 1,
  action: 2,
  clinical: 3,
  journal: 4,
  negatedAfter: 5,
  pseudoNegations: 6,
  hypothetical: 7,
  done: 8,
  doneAfter: 9,
  services: 10,
  categories: 11,
  categoryContext: 12,
  allOfParts: 13,
  analytes: 14,
  safetyServices: 15,
  pseudoTriggers: 16,
  senderContext: 17,
  deterioration: 18,
  senderPlans: 19,
  reportedAdvice: 20,
  nothingAsked: 21,
  urgentWhenAsked: 22,
  assignees: 23,
  criticalContext: 24,
  dueSoonWords: 25,
  quotedMessages: 26,
  quotedWords: 27,
  otherServices: 28,
  otherServicesUnless: 29,
  toldLeads: 30,
} as const;

/** The entry that names words in quotation marks in a fact's evidence. */
const QUOTED_WORDS = "words in quotation marks";

/** A date as one word ("01/11", "1/11/26"): not a dose before "OD". */
const DATE_WORD = /^\d{1,2}\/\d{1,2}(?:\/\d{2,4})?$/;
/** An age, with or without a sex ("66m", "45f", "15yo", "80yof"): a person, not a dose. */
const AGE_WORD = /^\d{1,3}(?:m|f|yo|yom|yof|yrs?)$/;

/** Lists whose phrases may be `allOf` objects (their parts go to `allOfParts`). */
export const PHRASE_LISTS = ["urgent", "safety", "action", "clinical", "journal"] as const;
/** The context and pseudo-trigger lists of `phrases`, each optional. */
const CONTEXT_LISTS = [
  "negatedAfter",
  "pseudoNegations",
  "hypothetical",
  "done",
  "doneAfter",
  "services",
  "safetyServices",
  "pseudoTriggers",
  "senderPlans",
  "reportedAdvice",
  "nothingAsked",
  "urgentWhenAsked",
  "assignees",
  "quotedMessages",
  "toldLeads",
] as const;

export interface Lexicon {
  reading: Reading;
  matcher: Matcher;
  /** Each list's phrases as written in the ruleset (labels for explanations). */
  labels: readonly (readonly string[])[];
  /** For the `categories` list: the category of each phrase; for `categoryContext` likewise. */
  categoryOf: readonly string[];
  /** The `categories` list's first ask word (`askWords`): the phrases before it name a category. */
  askWordsFrom: number;
  contextOf: readonly string[];
  /** For `senderContext`: the category of each phrase. */
  senderContextOf: readonly string[];
  /** For `otherServices` and `otherServicesUnless`: the category of each phrase. */
  otherServicesOf: readonly string[];
  otherServicesUnlessOf: readonly string[];
  /**
   * For `allOfParts`: each part's owners, the list and phrase of every `allOf` phrase that
   * holds that text, its index there and the part count. A text is one trie entry however
   * many phrases hold it, so sharing a word group between `allOf` phrases costs no more steps.
   */
  partOf: readonly (readonly PartOwner[])[];
  /** For `analytes`: the critical-result entry of each analyte phrase. */
  analyteOf: readonly number[];
  /** For `criticalContext`: the critical-result entry each `whenAlso` phrase belongs to. */
  criticalContextOf: readonly number[];
  criticalResults: Ruleset["criticalResults"];
  /** For each critical-result entry, its `unitsAfter` as patterns (`unitPattern`), or undefined. */
  unitsAfterOf: readonly (readonly RegExp[] | undefined)[];
  /** Words that may come between an analyte and its value, and how many words on it may come. */
  resultLinks: ReadonlySet<string>;
  resultWithin: number;
  /** The sentences in a row a category's `allOf` parts may span (`reading.askPartsSentences`). */
  askPartsSentences: number;
  /** How many words in quotation marks are someone's own words (`reading.quotedWords`); absent: none. */
  quotedWords?: { minWords: number; maxWords: number };
  /** Other words that may also come between them when a link stands before the value. */
  resultSkip: number;
  /** Words before an earlier value of the same analyte, read too ("was 119"). */
  resultEarlier: ReadonlySet<string>;
  /** Words a few words after a value that make it an earlier one ("44 a fortnight ago"). */
  resultEarlierAfter: ReadonlySet<string>;
  /** How many words after a value `resultEarlierAfter` may stand (`earlierValueAfterWords`). */
  resultEarlierAfterWords: number;
  /** Words before a later value after an earlier one, read too ("from 90 to 310"). */
  resultLater: ReadonlySet<string>;
  /** Numbers written as words (`results.spelledNumbers`): each word's value, as read. */
  spelledWords: ReadonlyMap<string, number>;
  /** The words for a decimal point, a hundred, and those joining a hundred to its rest. */
  spelledPoint: ReadonlySet<string>;
  spelledHundred: ReadonlySet<string>;
  spelledJoiners: ReadonlySet<string>;
  /**
   * Words before and after a number that make it a count or period, not a result; a shorthand
   * as written ("hr"), matched against a token's word or what it was written as (`Token.via`).
   */
  countBefore: ReadonlySet<string>;
  countAfter: ReadonlySet<string>;
  /** Units of a dose (`results.doseUnits`) as patterns: a number before one is no result's value. */
  doseUnits: readonly RegExp[];
  /** The denominators of "2/52"-style periods (`timeframes.shorthand`). */
  periods: ReadonlySet<string>;
  negators: ReadonlySet<string>;
  stops: ReadonlySet<string>;
  /** Words that end a hypothetical's reach (`phrases.hypotheticalStops`). */
  hypotheticalStops: ReadonlySet<string>;
  /** Words that join a list's last item (`phrases.listJoiners`: "and"). */
  listJoiners: ReadonlySet<string>;
  fillers: ReadonlySet<string> | undefined;
  imperatives: ReadonlySet<string>;
  /** Words read past before a sentence's opening imperative ("please"), as the reader reads them. */
  requestLeads: ReadonlySet<string>;
  /** Words read past before a later clause's imperative ("and", "then"), as the reader reads them. */
  clauseLinks: ReadonlySet<string>;
  /** Words before a past verb that make it a report ("we", "have"), as the reader reads them. */
  pastLeads: ReadonlySet<string>;
  /** `phrases.causatives` ("have", "get"), as read: a done-word after an ask and one of them is asked for. */
  causatives: ReadonlySet<string>;
  /**
   * The one-word days of `timeframes.bareToday` and `bareTomorrow` ("today", "tmrw") and the
   * one-word deadline leads (`deadline`: "by", "before"), as the reader reads them: a clause that
   * opens with one goes on with the clause before it ("... refer ENT. before xmas if poss").
   */
  dayWords: ReadonlySet<string>;
  /**
   * The one-word leads of `timeframes.bareTodayAskAfter` ("be"), as read: a done-word after
   * one asks ("can a prescription be sent").
   */
  askBefore: ReadonlySet<string>;
  /** Words opening an ask written as a question ("could", "can"), and the verbs besides imperatives that complete one. */
  questionModals: ReadonlySet<string>;
  questionVerbs: ReadonlySet<string>;
  /** The ones a question's modal may ask later in a clause (`phrases.questionSubjects`). */
  questionSubjects: ReadonlySet<string>;
  categories: readonly {
    id: string;
    requestsAction: boolean;
    otherSenders?: string;
    /** Read when the text names no category and asks nothing (`whenNothingAsked`). */
    whenNothingAsked: boolean;
    hasContext: boolean;
    notWith: readonly string[];
    /** A condition does not take away its ask (`asksUnderCondition`). */
    asksUnderCondition: boolean;
  }[];
  contractSenders: ReadonlySet<string>;
  window: number;
  /** The window for the urgent and safety lists, where only filler words may come between. */
  reviewWindow: number;
  journalDateWithinChars: number;
  reviewWithinDays: number;
  bankHolidays: ReadonlySet<string>;
  /** The words timeframes are written in (the ruleset's `timeframes`; absent: the bundled words). */
  timeframes: Ruleset["timeframes"];
}

/** Parameters the facts read; `buildRuleset` refuses a ruleset without them. */
export const factParameters = {
  negationWindowWords: "number",
  journalDateWithinChars: "number",
} as const;

function words(text: string): string[] {
  return fold(text)
    .text.split(/[^a-z0-9'&/]+/)
    .filter((w) => w !== "");
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** At most this many words' spelling corrections are remembered per ruleset. */
const CORRECTIONS_MEMO_MAX = 20_000;

type ShorthandEntry = NonNullable<Ruleset["reading"]>["shorthand"][string];

/**
 * The corrector of misspelt words: a word one edit from exactly one word the ruleset knows
 * reads as that word. Symmetric deletion (one edit on each side covers a substitution, an
 * insertion, a deletion or a swap of two letters), and only words that no phrase knows.
 * Long words (`spellingMinLetters`) may be read as any word the ruleset knows. Shorter ones
 * (from `spellingSafetyMinLetters`: "storke", "sespis") only as a word that no list but the
 * safety and deterioration lists uses: such a reading can only add a reason for a person to
 * read the task, never change what the task is read to ask. The index is built on the first
 * word that needs it: many bodies have none, and a fresh process's first verdict should not
 * wait for it.
 */
function corrector(
  ruleset: Ruleset,
  known: ReadonlySet<string>,
  reviewOnly: ReadonlySet<string>,
): (word: string) => string | undefined {
  // Built on the first word that needs it, like the index; a plain lower-case word is folded.
  let exceptions: Set<string> | undefined;
  const isException = (word: string): boolean => {
    exceptions ??= new Set(
      (ruleset.reading?.spellingExceptions ?? []).map((w) =>
        /^[a-z]+$/.test(w) ? w : fold(w).text,
      ),
    );
    return exceptions.has(word);
  };
  const maxEdits = Number(ruleset.parameters.spellingMaxEdits ?? 0);
  const minLetters = Number(ruleset.parameters.spellingMinLetters ?? 8);
  const reviewMinLetters = Math.min(
    minLetters,
    Number(ruleset.parameters.spellingSafetyMinLetters ?? minLetters),
  );
  // Two indexes, each built on the first word that needs it: a short word is looked up among
  // the review-only words alone, which makes a much smaller index than every word's.
  const indexes = new Map<boolean, Map<string, string[]>>();
  let knownStems: Set<string> | undefined;
  const indexOf = (short: boolean): Map<string, string[]> => {
    const built = indexes.get(short);
    if (built !== undefined) return built;
    const keys = new Map<string, string[]>();
    for (const word of short ? reviewOnly : known) {
      const least = reviewOnly.has(word) ? reviewMinLetters : minLetters;
      if (word.length < least || !/^[a-z]+$/.test(word)) continue;
      for (const key of [word, ...deletes(word)]) {
        const bucket = keys.get(key);
        if (bucket === undefined) keys.set(key, [word]);
        else if (!bucket.includes(word)) bucket.push(word);
      }
    }
    indexes.set(short, keys);
    return keys;
  };
  const search = (word: string): string | undefined => {
    if (!/^[a-z]+$/.test(word)) return;
    const found = new Set<string>();
    const keys = indexOf(word.length < minLetters);
    for (const key of [word, ...deletes(word)]) for (const w of keys.get(key) ?? []) found.add(w);
    // Most words have no word one edit away: only then are the real words and the forms of
    // known words ("clinics") looked for, which keeps them unbuilt until a body needs them.
    if (found.size === 0 || isException(word)) return;
    knownStems ??= new Set([...known].map(stem));
    if (knownStems.has(stem(word))) return;
    // One word, or forms of one word ("prescibed": "prescribe", "prescribed").
    return new Set([...found].map(stem)).size === 1 ? [...found][0] : undefined;
  };
  // Words repeat across a batch: each word is looked up once (a bounded memo).
  const memo = new Map<string, string | null>();
  return (word) => {
    if (maxEdits < 1 || known.has(word)) return;
    // A dropped g, as speech is written down ("talkin", "wantin", "nothin"): the -ing word the
    // ruleset knows, whatever its length.
    if (word.endsWith("in") && known.has(`${word}g`)) return `${word}g`;
    if (word.length < reviewMinLetters) return;
    const hit = memo.get(word);
    if (hit !== undefined) return hit ?? undefined;
    const fixed = search(word);
    if (memo.size >= CORRECTIONS_MEMO_MAX) memo.clear();
    memo.set(word, fixed ?? null);
    return fixed;
  };
}

/**
 * The reader of body text, and the same without the edit-distance corrector for the ruleset's
 * own word lists: those are written as meant, and reading them must not build the corrector's
 * index before a body needs it.
 */
function readingOf(
  ruleset: Ruleset,
  vocabulary: Vocabulary,
): { reading: Reading; literal: Reading } {
  const data = ruleset.reading;
  const shorthand = new Map<string, ShorthandEntry>();
  for (const [key, entry] of Object.entries(data?.shorthand ?? {}))
    shorthand.set(fold(key).text, entry);
  const spelling = new Map<string, string>();
  for (const [key, value] of Object.entries(data?.spelling ?? {}))
    spelling.set(fold(key).text, fold(value).text);
  const units = new Set(data?.units ?? []);
  const correct = corrector(ruleset, vocabulary.words, vocabulary.reviewOnly);
  // Spoken punctuation: one word ("comma"), or a pair looked up by its second word, then its
  // first ("stop", then "full"), so a body's words cost a map lookup and no new string.
  const singleMarks = new Map<string, SpokenMark>();
  const pairMarks = new Map<string, Map<string, SpokenMark>>();
  for (const [words, ends] of Object.entries(data?.spokenPunctuation ?? {})) {
    const [first = "", second] = words.split(" ");
    if (second === undefined) singleMarks.set(first, { ends, pair: false });
    else {
      const byFirst = pairMarks.get(second) ?? new Map<string, SpokenMark>();
      byFirst.set(first, { ends, pair: true });
      pairMarks.set(second, byFirst);
    }
  }
  const spoken = (word: string, previous: string | undefined): SpokenMark | undefined =>
    (previous === undefined ? undefined : pairMarks.get(word)?.get(previous)) ??
    singleMarks.get(word);
  const anySpoken = singleMarks.size + pairMarks.size > 0;
  const readerOf = (corrects: boolean): Reading => ({
    ...(anySpoken && { spoken }),
    contextual(word: string) {
      const entry = shorthand.get(word);
      return entry !== undefined && typeof entry !== "string";
    },
    expand(word: string, previous: Token | undefined, asName = false) {
      const entry = shorthand.get(word);
      if (entry !== undefined) {
        if (typeof entry === "string") return { words: entry.split(" "), via: word };
        const after = previous?.word ?? "";
        const blocked =
          // A number before it ("20mg OD", "100 OD") is a dose, not a date ("seen 01/11 - OD
          // of 30 x paracetamol") or an age ("66M OD own tablets"); the unit words are data.
          (entry.notAfterDose === true &&
            /^\d/.test(after) &&
            !DATE_WORD.test(after) &&
            !AGE_WORD.test(after)) ||
          (entry.notAfter ?? []).some((w) => fold(w).text === after);
        if (!blocked) return { words: entry.reads.split(" "), via: word };
        return undefined;
      }
      // A number and its unit written together ("500mg", "10mg/24h", "6.8mmol/L").
      const quantity = /^(\d+(?:\.\d+)?)([a-z]+)(?:\/|$)/.exec(word);
      if (quantity?.[1] !== undefined && quantity[2] !== undefined && units.has(quantity[2]))
        return { words: [quantity[1], quantity[2]], via: word };
      const fixed = spelling.get(word) ?? (corrects && !asName ? correct(word) : undefined);
      return fixed === undefined ? undefined : { words: fixed.split(" "), via: word };
    },
  });
  return { reading: readerOf(true), literal: readerOf(false) };
}

/** The one-word phrases of a timeframe list (no spaces, no optional "[word]"). */
function oneWord(list: readonly string[] | undefined): string[] {
  return (list ?? []).filter((w) => !/[\s[]/.test(w));
}

/**
 * A list of single words as the reader reads them in a body: "pls" is "please". `asWritten`:
 * a shorthand entry as written (`Token.via`), so the count word "hr" is "hr", not the "heart" and
 * "rate" it reads ("K 6.9 heart failure" holds no count); a body's token is then matched by its
 * word or by what it was written as.
 */
function readWords(
  list: readonly string[] | undefined,
  reading: Reading,
  asWritten = false,
): ReadonlySet<string> {
  return new Set(
    (list ?? []).flatMap((w) => {
      const tokens = tokenStream(w, reading).tokens;
      // A sign the tokenizer drops (">" between two values) is kept as written: the words
      // between two tokens are compared as written (see `gapBefore` in derive.ts).
      return tokens.length === 0
        ? [w.trim()]
        : tokens.map((t) => (asWritten ? (t.via ?? t.word) : t.word));
    }),
  );
}

function texts(phrases: readonly Phrase[] | undefined): string[] {
  return (phrases ?? []).flatMap((p) => (typeof p === "string" ? [p] : p.allOf));
}

const cache = new WeakMap<Ruleset, Lexicon>();
/**
 * Compiled lexicons by the content they are compiled from: rulesets that differ only in their
 * rules (an analyst's overlay, a mutated copy in a test) share one compiled trie.
 */
const byContent = new Map<string, Lexicon>();
const BY_CONTENT_MAX = 8;

function contentKey(ruleset: Ruleset): string {
  const p = ruleset.parameters;
  return JSON.stringify([
    ruleset.phrases,
    ruleset.categories,
    ruleset.reading,
    ruleset.wordGroups,
    ruleset.criticalResults,
    ruleset.calendar,
    ruleset.timeframes,
    p.negationWindowWords,
    p.reviewNegationWindowWords,
    p.journalDateWithinChars,
    p.reviewWithinDays,
    p.spellingMaxEdits,
    p.spellingMinLetters,
    p.spellingSafetyMinLetters,
    p.standardContractSenderKinds,
  ]);
}

/**
 * Compiles a ruleset's reading of text once (cached per ruleset object).
 *
 * @param ruleset - a loaded ruleset
 * @returns the compiled lexicon
 * @example lexiconOf(defaultRuleset()).labels[LIST.urgent][0] // "urgent"
 */
export function lexiconOf(ruleset: Ruleset): Lexicon {
  const cached = cache.get(ruleset);
  if (cached) return cached;
  if (prebuilt.has(ruleset)) {
    // Its trie is read, not compiled: no need to look for a lexicon to share by content.
    const lexicon = compileLexicon(ruleset);
    cache.set(ruleset, lexicon);
    return lexicon;
  }
  const key = contentKey(ruleset);
  const shared = byContent.get(key);
  if (shared) {
    cache.set(ruleset, shared);
    return shared;
  }
  const lexicon = compileLexicon(ruleset);
  cache.set(ruleset, lexicon);
  if (byContent.size >= BY_CONTENT_MAX) byContent.delete(byContent.keys().next().value ?? "");
  byContent.set(key, lexicon);
  return lexicon;
}

/** Numbers written as words, as the tokenizer reads their words. */
function spelledReading(
  spelled: NonNullable<NonNullable<Ruleset["reading"]>["results"]>["spelledNumbers"],
  literal: Reading,
) {
  const words = new Map<string, number>();
  for (const [word, value] of Object.entries(spelled?.words ?? {}))
    for (const read of readWords([word], literal)) words.set(read, value);
  return {
    spelledWords: words,
    spelledPoint: readWords(spelled?.point, literal),
    spelledHundred: readWords(spelled?.hundred, literal),
    spelledJoiners: readWords(spelled?.joiners, literal),
  };
}

/** How results are read (`reading.results`): the words between an analyte and its value, and around a count. */
function resultReading(ruleset: Ruleset, literal: Reading) {
  const results = ruleset.reading?.results;
  return {
    // As read and as written: a word read one way alone may stay itself in a body ("us" is
    // "ultrasound" alone, "us" after "by"), and a sign ("=") is no word but links all the same.
    resultLinks: new Set([
      ...readWords(results?.links, literal),
      ...(results?.links ?? []).map((w) => w.toLowerCase()),
    ]),
    resultWithin: results?.withinWords ?? 5,
    resultSkip: results?.skipWords ?? 0,
    resultEarlier: readWords(results?.earlierValue, literal),
    resultEarlierAfter: readWords(results?.earlierValueAfter, literal),
    resultEarlierAfterWords: results?.earlierValueAfterWords ?? 3,
    resultLater: readWords(results?.laterValue, literal),
    ...spelledReading(results?.spelledNumbers, literal),
    countBefore: readWords(results?.countBefore, literal, true),
    countAfter: readWords(results?.countAfter, literal, true),
    doseUnits: (results?.doseUnits ?? []).map((unit) => unitPattern(unit.toLowerCase())),
  };
}

/** Every list of the trie in `LIST` order, as written (`allOf` phrases split into their parts). */
function phraseLists(ruleset: Ruleset) {
  const { phrases } = ruleset;
  const categoryEntries = Object.entries(ruleset.categories);
  const lists: string[][] = [];
  const labels: string[][] = [];
  const partOf: PartOwner[][] = [];
  const allOfParts: string[] = [];
  const partIndex = new Map<string, number>();
  const addList = (id: number, list: readonly Phrase[]) => {
    lists[id] = list.map((p) => (typeof p === "string" ? p : ""));
    labels[id] = list.map((p) => (typeof p === "string" ? p : p.allOf.join(" + ")));
    list.forEach((p, phrase) => {
      if (typeof p === "string") return;
      p.allOf.forEach((text, part) => {
        let index = partIndex.get(text);
        if (index === undefined) {
          index = allOfParts.length;
          partIndex.set(text, index);
          allOfParts.push(text);
          partOf.push([]);
        }
        partOf[index]?.push({ list: id, phrase, parts: p.allOf.length, part });
      });
    });
  };
  for (const name of PHRASE_LISTS) addList(LIST[name], phrases[name]);
  for (const name of CONTEXT_LISTS) addList(LIST[name], phrases[name] ?? []);
  addList(LIST.deterioration, phrases.deterioration ?? []);
  addList(LIST.dueSoonWords, phrases.dueSoonWords ?? []);
  // A category's ask words follow every category's phrases in the one list.
  addList(LIST.categories, [
    ...categoryEntries.flatMap(([, c]) => c.phrases),
    ...categoryEntries.flatMap(([, c]) => c.askWords ?? []),
  ]);
  addList(
    LIST.categoryContext,
    categoryEntries.flatMap(([, c]) => [...(c.context ?? []), ...(c.notWhen ?? [])]),
  );
  addList(
    LIST.senderContext,
    categoryEntries.flatMap(([, c]) => c.senderContext ?? []),
  );
  addList(
    LIST.otherServices,
    categoryEntries.flatMap(([, c]) => c.otherSenderServices?.services ?? []),
  );
  addList(
    LIST.otherServicesUnless,
    categoryEntries.flatMap(([, c]) => c.otherSenderServices?.unless ?? []),
  );
  lists[LIST.allOfParts] = allOfParts;
  labels[LIST.allOfParts] = allOfParts;
  // Words in quotation marks are found in the body, not by the trie: one label for them all.
  lists[LIST.quotedWords] = [];
  labels[LIST.quotedWords] = [QUOTED_WORDS];
  const analytes = (ruleset.criticalResults ?? []).flatMap((c) => c.analyte);
  lists[LIST.analytes] = analytes;
  labels[LIST.analytes] = analytes;
  addList(
    LIST.criticalContext,
    (ruleset.criticalResults ?? []).flatMap((c) => c.whenAlso ?? []),
  );
  return { lists, labels, partOf };
}

/** Phrase tries and vocabularies compiled at build time, by the ruleset they came from. */
const prebuilt = new WeakMap<Ruleset, { trie: string; vocabulary: string | undefined }>();

/**
 * Adopts the phrase trie compiled from a ruleset at build time (the bundled default's,
 * generated by scripts/gen/lexicon.ts), so that its lexicon is read rather than compiled:
 * compiling the phrases was most of a fresh process's time to its first verdict. The ruleset
 * must be frozen, so that the trie stays the one its phrases make; test/generated.test.ts
 * fails when the generated trie is stale.
 *
 * @param ruleset - a frozen ruleset
 * @param text - `writeTrieText(lexiconOf(ruleset).matcher.toTrie())`, as generated
 * @param vocabulary - `vocabularyText(ruleset)`, as generated: the words misspellings are
 *   corrected to, so that they are not gathered from every phrase again
 */
export function adoptPrebuiltMatcher(ruleset: Ruleset, text: string, vocabulary?: string): void {
  if (!Object.isFrozen(ruleset))
    throw new TypeError("only a frozen ruleset adopts a prebuilt trie");
  prebuilt.set(ruleset, { trie: text, vocabulary });
}

/**
 * The words a ruleset's misspellings are corrected to, one space apart (for the generator);
 * "!" marks a word only the safety and deterioration lists use.
 */
export function vocabularyText(ruleset: Ruleset): string {
  const { words, reviewOnly } = vocabularyOf(ruleset, phraseLists(ruleset));
  return [...words].map((w) => (reviewOnly.has(w) ? `!${w}` : w)).join(" ");
}

function vocabularyFromText(text: string): Vocabulary {
  const words = new Set<string>();
  const reviewOnly = new Set<string>();
  for (const w of text.split(" ")) {
    const word = w.startsWith("!") ? w.slice(1) : w;
    words.add(word);
    if (word !== w) reviewOnly.add(word);
  }
  return { words, reviewOnly };
}

function matcherOf(ruleset: Ruleset, lists: string[][], reading: Reading): Matcher {
  const text = prebuilt.get(ruleset)?.trie;
  if (text !== undefined) return Matcher.fromText(text);
  return Matcher.compile(
    lists.map((l) => l ?? []),
    reading,
    ruleset.wordGroups ?? {},
  );
}

/** What a misspelling may be read as. */
interface Vocabulary {
  /** Every word the ruleset's phrases, shorthand and spelling use. */
  words: ReadonlySet<string>;
  /** The words only the safety and deterioration lists use (their word groups' included). */
  reviewOnly: ReadonlySet<string>;
}

/** The words that open a clause going on with the ask before it: days and deadline leads. */
function dayLeadWords(timeframes: Ruleset["timeframes"]): string[] {
  return [
    ...(timeframes?.bareToday ?? []),
    ...(timeframes?.bareTomorrow ?? []),
    ...(timeframes?.deadline ?? []),
  ];
}

/** The lists whose phrases turn human review on: a short word is read only as one of theirs. */
const REVIEW_LISTS: ReadonlySet<number> = new Set([LIST.safety, LIST.deterioration]);

function vocabularyOf(
  ruleset: Ruleset,
  {
    lists,
    partOf,
  }: { lists: readonly (readonly string[])[]; partOf: readonly (readonly PartOwner[])[] },
): Vocabulary {
  const { phrases } = ruleset;
  const groups = ruleset.wordGroups ?? {};
  const vocabulary = new Set<string>();
  const review = new Set<string>();
  const other = new Set<string>();
  // A phrase's words, and the members of the word groups it names.
  const addPhrase = (text: string, into: Set<string>) => {
    for (const w of words(text.replace(/\{[^}]*\}|[*_=]/g, " "))) into.add(w);
    for (const [, name] of text.matchAll(/\{([^}]+)\}/g))
      for (const member of groups[name ?? ""] ?? []) for (const w of words(member)) into.add(w);
  };
  lists.forEach((list, id) => {
    if (id === LIST.allOfParts) return;
    for (const text of list ?? []) addPhrase(text, REVIEW_LISTS.has(id) ? review : other);
  });
  (lists[LIST.allOfParts] ?? []).forEach((text, part) => {
    for (const owner of partOf[part] ?? [])
      addPhrase(text, REVIEW_LISTS.has(owner.list) ? review : other);
  });
  for (const list of [...lists, ...Object.values(groups)])
    for (const text of list ?? [])
      for (const w of words(text.replace(/[*{}_=]/g, " "))) vocabulary.add(w);
  // Shorthand and spelling readings are read by the lists: they are "other" words only where
  // another list uses them.
  for (const entry of Object.values(ruleset.reading?.shorthand ?? {}))
    for (const w of words(typeof entry === "string" ? entry : entry.reads)) vocabulary.add(w);
  for (const value of Object.values(ruleset.reading?.spelling ?? {}))
    for (const w of words(value)) vocabulary.add(w);
  // The one-word lists' words are known too, or the corrector would read them as a near word
  // of a list that does know it: "though", a negation stop, was read as "thought".
  const results = ruleset.reading?.results;
  for (const w of [
    ...texts(phrases.imperatives),
    ...(phrases.negators ?? []),
    ...(phrases.negationStops ?? []),
    ...(phrases.listJoiners ?? []),
    ...(phrases.hypotheticalStops ?? []),
    ...(phrases.reviewNegationFillers ?? []),
    ...(results?.links ?? []),
    ...(results?.earlierValue ?? []),
    ...(results?.laterValue ?? []),
    ...Object.keys(results?.spelledNumbers?.words ?? {}),
    ...(results?.spelledNumbers?.point ?? []),
    ...(results?.spelledNumbers?.hundred ?? []),
    ...(phrases.requestLeads ?? []),
    ...(phrases.clauseLinks ?? []),
    ...(phrases.pastLeads ?? []),
    ...(phrases.questionModals ?? []),
    ...(phrases.questionVerbs ?? []),
    ...(phrases.questionSubjects ?? []),
  ]) {
    vocabulary.add(fold(w).text);
    other.add(fold(w).text);
  }
  return { words: vocabulary, reviewOnly: new Set([...review].filter((w) => !other.has(w))) };
}

/** For each list of the categories' phrases, the category of each phrase, in list order. */
function categoryPhrasesOf(categoryEntries: [string, Ruleset["categories"][string]][]) {
  const each = (list: (c: Ruleset["categories"][string]) => readonly unknown[] | undefined) =>
    categoryEntries.flatMap(([id, c]) => (list(c) ?? []).map(() => id));
  return {
    categoryOf: [...each((c) => c.phrases), ...each((c) => c.askWords)],
    askWordsFrom: categoryEntries.reduce((n, [, c]) => n + c.phrases.length, 0),
    // A `notWhen` phrase is read as context too, for the category "!<id>": it rules <id> out.
    contextOf: categoryEntries.flatMap(([id, c]) => [
      ...(c.context ?? []).map(() => id),
      ...(c.notWhen ?? []).map(() => `!${id}`),
    ]),
    senderContextOf: each((c) => c.senderContext),
    otherServicesOf: each((c) => c.otherSenderServices?.services),
    otherServicesUnlessOf: each((c) => c.otherSenderServices?.unless),
  };
}

function compileLexicon(ruleset: Ruleset): Lexicon {
  const { phrases } = ruleset;
  const categoryEntries = Object.entries(ruleset.categories);
  const critical = ruleset.criticalResults ?? [];
  const { lists, labels, partOf } = phraseLists(ruleset);
  const vocabulary = prebuilt.get(ruleset)?.vocabulary;
  const { reading, literal } = readingOf(
    ruleset,
    vocabulary === undefined
      ? vocabularyOf(ruleset, { lists, partOf })
      : vocabularyFromText(vocabulary),
  );
  // Single words as the reader reads them: folded, an apostrophe read past ("can't" is "cant").
  const fold1 = (w: string) => fold(w).text.replace(/'/g, "");
  const negation = Number(ruleset.parameters.negationWindowWords);
  const lexicon: Lexicon = {
    reading,
    matcher: matcherOf(ruleset, lists, reading),
    labels,
    ...categoryPhrasesOf(categoryEntries),
    partOf,
    analyteOf: critical.flatMap((c, i) => c.analyte.map(() => i)),
    criticalContextOf: critical.flatMap((c, i) => (c.whenAlso ?? []).map(() => i)),
    criticalResults: critical,
    unitsAfterOf: critical.map((c) => c.unitsAfter?.map(unitPattern)),
    ...resultReading(ruleset, literal),
    askPartsSentences: ruleset.reading?.askPartsSentences ?? 2,
    ...(ruleset.reading?.quotedWords !== undefined && {
      quotedWords: ruleset.reading.quotedWords,
    }),
    periods: new Set(Object.keys(ruleset.timeframes?.shorthand ?? {})),
    negators: new Set(phrases.negators.map(fold1)),
    stops: new Set((phrases.negationStops ?? []).map(fold1)),
    hypotheticalStops: new Set((phrases.hypotheticalStops ?? []).map(fold1)),
    listJoiners: new Set((phrases.listJoiners ?? []).map(fold1)),
    fillers: phrases.reviewNegationFillers && new Set(phrases.reviewNegationFillers.map(fold1)),
    imperatives: new Set((phrases.imperatives ?? []).map(fold1)),
    requestLeads: readWords(phrases.requestLeads, literal),
    clauseLinks: readWords(phrases.clauseLinks, literal),
    pastLeads: readWords(phrases.pastLeads, literal),
    causatives: readWords(phrases.causatives, literal),
    askBefore: readWords(oneWord(ruleset.timeframes?.bareTodayAskAfter), literal),
    dayWords: readWords(oneWord(dayLeadWords(ruleset.timeframes)), literal),
    questionModals: readWords(phrases.questionModals, literal),
    questionVerbs: readWords(phrases.questionVerbs, literal),
    questionSubjects: readWords(phrases.questionSubjects, literal),
    categories: categoryEntries.map(([id, c]) => ({
      id,
      requestsAction: c.requestsAction,
      ...(c.otherSenders !== undefined && { otherSenders: c.otherSenders }),
      whenNothingAsked: c.whenNothingAsked === true,
      hasContext: (c.context ?? []).length + (c.senderContext ?? []).length > 0,
      notWith: c.notWith ?? [],
      asksUnderCondition: c.asksUnderCondition === true,
    })),
    contractSenders: new Set(
      Array.isArray(ruleset.parameters.standardContractSenderKinds)
        ? ruleset.parameters.standardContractSenderKinds.map(String)
        : [],
    ),
    window: negation,
    reviewWindow: Number(ruleset.parameters.reviewNegationWindowWords ?? negation),
    journalDateWithinChars: Number(ruleset.parameters.journalDateWithinChars),
    reviewWithinDays: Number(ruleset.parameters.reviewWithinDays ?? 1),
    bankHolidays: new Set(ruleset.calendar?.bankHolidays.dates ?? []),
    timeframes: ruleset.timeframes,
  };
  return lexicon;
}

/**
 * A unit as written after a value, read from the text straight after the number: any spaces
 * between its characters, and no letter or "/" after it ("units" is not "units/ml", a pen's
 * strength, nor "mg" the start of "mg/L").
 */
function unitPattern(unit: string): RegExp {
  return new RegExp(`^\\s*${[...unit].map(literal).join("\\s*")}(?![a-z])(?!\\s*\\/)`);
}
