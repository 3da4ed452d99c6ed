import type { PracticePolicy } from "../input/practice.js";
import type { TaskInput } from "../input/task.js";
import { daysBetween, dueDate, londonDate } from "./calendar.js";
import type { Facts } from "./catalogue.js";
import { DATE_SOURCE, TIME_SOURCE } from "./dates-in-text.js";
import { type Lexicon, LIST } from "./lexicon.js";
import { firstMatch, tokenize } from "./text.js";
import { findTimeframe } from "./timeframe.js";

/** Unit and ODS code comparison: case, spacing and the "SystemOne" spelling do not matter. */
export function sameName(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}

const unitsOf = new WeakMap<PracticePolicy, ReadonlySet<string>>();

/** The practice's own units, normalised once per practice object. */
function practiceUnits(practice: PracticePolicy): ReadonlySet<string> {
  let units = unitsOf.get(practice);
  if (units === undefined) {
    units = new Set(practice.units.map(normaliseName));
    unitsOf.set(practice, units);
  }
  return units;
}

function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/systemone/g, "systmone")
    .replace(/\s+/g, " ")
    .trim();
}

const datesAndTimes = new RegExp(`${DATE_SOURCE}|${TIME_SOURCE}`, "gi");
/** Characters allowed between a reference's date and its time: "23/11/2026 at 10:05". */
const DATE_TIME_GAP = 4;

/**
 * Finds the journal references in a body: a journal phrase followed, within the window, by a
 * date or a time. Returns whether one has its date/time, and the body with every journal
 * phrase and its own date/time blanked (dates there are not due dates). The rest of the window
 * stays: "… journal entry (23/11/2026 10:05). Please repeat bloods within 3 days" is due in 3.
 */
function readJournal(body: string, lexicon: Lexicon): { dated: boolean; rest: string } {
  let dated = false;
  let rest = body;
  for (const m of body.matchAll(lexicon.journal)) {
    const start = m.index;
    const from = start + m[0].length;
    let end = from;
    for (const d of body
      .slice(from, from + lexicon.journalDateWithinChars)
      .matchAll(datesAndTimes)) {
      if (end > from && from + d.index - end > DATE_TIME_GAP) break;
      end = from + d.index + d[0].length;
    }
    if (end > from) dated = true;
    rest = rest.slice(0, start) + " ".repeat(end - start) + rest.slice(end);
  }
  return { dated, rest };
}

/**
 * Derives the facts the rules see from a validated task and practice. Pure: no clock, no I/O;
 * every date is read on the Europe/London calendar.
 *
 * @param task - a task from `parseTask`
 * @param practice - a policy from `parsePractice`
 * @param lexicon - the ruleset's compiled phrase lists (`lexiconOf(ruleset)`)
 * @returns the facts, with absent keys for facts that have no value
 * @example deriveFacts(task, practice, lexiconOf(defaultRuleset())).external // true
 */
export function deriveFacts(task: TaskInput, practice: PracticePolicy, lexicon: Lexicon): Facts {
  const sentOn = londonDate(task.sentAt);
  const senderUnit = normaliseName(task.sender.unit);
  const external = !practiceUnits(practice).has(senderUnit);
  const tokens = tokenize(task.body);

  const { scanner } = lexicon;
  const matched = scanner.scan(tokens);
  const urgent = firstMatch(scanner, matched, LIST.urgent);
  const safety = firstMatch(scanner, matched, LIST.safety);
  const journal = readJournal(task.body, lexicon);

  // Due date: the earlier of dueBy and a timeframe stated in the body.
  let dueOn: string | undefined;
  let dueSource: Facts["dueSource"];
  let dueText: string | undefined;
  if (task.dueBy !== undefined) {
    dueOn = dueDate(task.dueBy);
    dueSource = "dueBy";
  }
  const stated = findTimeframe(journal.rest, sentOn);
  if (stated && (dueOn === undefined || daysBetween(dueOn, stated.dueOn) < 0)) {
    dueOn = stated.dueOn;
    dueSource = "body";
    dueText = stated.text;
  }

  // Category: given wins, else the first category whose phrase matches, else other.
  let category: string = task.category ?? "other";
  let categorySource: Facts["categorySource"] = task.category ? "given" : "unknown";
  let categoryPhrase: string | undefined;
  if (!task.category) {
    const match = firstMatch(scanner, matched, LIST.categories);
    const id = match && lexicon.categories.categoryOf[match.index];
    if (match && id !== undefined) {
      category = id;
      categorySource = "inferred";
      categoryPhrase = match.phrase;
    }
  }

  const categoryAsks = lexicon.requestsAction.get(category);
  const actionRequested =
    dueOn !== undefined ||
    (category !== "other" && categoryAsks !== undefined
      ? categoryAsks
      : firstMatch(scanner, matched, LIST.action) !== undefined);

  const folded = task.body.replace(/\s+/g, " ").trim();
  const facts: Facts = {
    external,
    crossUnit: senderUnit !== normaliseName(task.recipient.unit),
    assignment: task.recipient.assignment,
    senderKind: task.sender.kind,
    externalPolicy: practice.externalTasks.policy,
    urgentFlag: task.urgent,
    urgentLanguage: urgent !== undefined,
    safetyLanguage: safety !== undefined,
    actionRequested,
    journalReference: journal.dated,
    bodyLength: folded.length,
    careDetailTerms: (matched[LIST.clinical] ?? []).filter(Boolean).length,
    sentOn,
    category,
    categorySource,
  };
  if (urgent) facts.urgentPhrase = urgent.phrase;
  if (safety) facts.safetyPhrase = safety.phrase;
  if (dueOn !== undefined) {
    facts.dueOn = dueOn;
    facts.daysUntilDue = daysBetween(sentOn, dueOn);
    facts.dueSource = dueSource;
    if (dueText !== undefined) facts.dueText = dueText;
  }
  if (categoryPhrase !== undefined) facts.categoryPhrase = categoryPhrase;

  const policy = practice.externalTasks;
  if (policy.policy === "decline") {
    facts.daysUntilDecline = daysBetween(sentOn, policy.from);
    facts.declineDateReached = facts.daysUntilDecline <= 0;
  } else if (policy.policy === "agreed-providers") {
    const ods = task.sender.odsCode;
    facts.providerAgreement =
      ods !== undefined &&
      policy.agreements.some((a) => sameName(a.odsCode, ods) && a.acknowledgedOn <= sentOn);
  }
  return facts;
}
