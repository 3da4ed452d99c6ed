import { dueDate, formatLongDate, isoWeekday, plusDays } from "../facts/calendar.js";
import type { Ruleset } from "../rules/schema.js";
import type { ParsedLetterContext } from "./context.js";
import type { ReasonView } from "./sender.js";

/** The ruleset as templates see it: the clause catalogue as a list, in catalogue order. */
export interface RulesetView {
  name: string;
  version: string;
  edition: string;
  clauses: { id: string; clause: string; title: string; summary: string }[];
  parameters: Record<string, unknown>;
}

/** An escalation letter's tasks, with their dates grouped by week (Monday to Sunday, London). */
export interface TasksView extends NonNullable<ParsedLetterContext["tasks"]> {
  /**
   * Each week with a task, in order: its Monday, how many tasks, and their days ("1 and 3
   * September"). When the tasks span more than MAX_WEEKS weeks, each calendar month instead
   * (`month`: "September 2026"), so that the letter stays on one page.
   */
  weeks: { start: string; month?: string; count: number; sentOn: string }[];
  /** The groups are months, not weeks. */
  byMonth: boolean;
  /** Tasks counted in `count` whose dates are not listed (`count` minus the dates given). */
  unlisted: number;
}

/** The data a letter's templates render: the validated context, the ruleset view and the subject. */
export interface LetterView extends Omit<ParsedLetterContext, "ruleset" | "tasks"> {
  ruleset: RulesetView;
  /** The rendered subject line (absent while the subject itself renders). */
  subject?: string;
  /** Each finding in the sender's words (rejection, reminder, opt-out notice; empty otherwise). */
  reasons: ReasonView[];
  /** The first reason that is the letter's whole message, if any. */
  standalone?: ReasonView;
  /** The reasons a held letter lists for next time: neither standalone nor asking for review. */
  notes: ReasonView[];
  /** Present when a person must read the task before the letter is sent (`Letter.held`). */
  held?: HeldView;
  tasks?: TasksView;
}

/** Why a letter is held: the reason for the practice, and what the sender is told they sent. */
export interface HeldView {
  /** For the practice: why a person must read the task first. */
  reason: string;
  /** The sender flagged the task urgent. */
  flagged: boolean;
  /** The text reads as urgent, and the sender's words that do. */
  urgent: boolean;
  urgentWords?: string;
  /** The text raises a patient-safety concern, and the sender's words that do. */
  safety: boolean;
  safetyWords?: string;
  /** The task asks for action within a day ("1 December 2026"), and the sender's words for when. */
  due?: string;
  dueWords?: string;
}

/** More weeks than this (a quarter) are grouped by month, so that the letter fits one page. */
const MAX_WEEKS = 14;

/** Made on first use: building an Intl formatter loads locale data, which import should not wait for. */
let and: Intl.ListFormat | undefined;

/** London dates of one week in words, by month: "30 and 31 August, 1 September". */
function daysInWords(dates: readonly string[]): string {
  const months = new Map<string, string[]>();
  for (const date of dates) {
    const [day = "", month = ""] = formatLongDate(date).split(" ");
    const days = months.get(month) ?? [];
    days.push(day);
    months.set(month, days);
  }
  and ??= new Intl.ListFormat("en-GB", { type: "conjunction" });
  const list = and;
  return [...months].map(([month, days]) => `${list.format(days)} ${month}`).join(", ");
}

/**
 * Groups an escalation letter's task dates by week (by month beyond MAX_WEEKS weeks), so that
 * fifty tasks fit on one page; the
 * weeks' counts and `unlisted` add up to `count`. A reason that names its rule is titled with the
 * rule's heading to the sender (`headings`).
 *
 * @example tasksView({ count: 3, dates: ["2026-09-01", "2026-09-03", "2026-09-08"] }).weeks
 * // [{ start: "2026-08-31", count: 2, sentOn: "1 and 3 September" }, { start: "2026-09-07", count: 1, sentOn: "8 September" }]
 */
export function tasksView(
  tasks: NonNullable<ParsedLetterContext["tasks"]>,
  headings: ReadonlyMap<string, string> = new Map(),
): TasksView {
  const dates = tasks.dates.map(dueDate).sort();
  const weekOf = (date: string) => plusDays(date, 1 - isoWeekday(date));
  const byMonth = new Set(dates.map(weekOf)).size > MAX_WEEKS;
  const groups = new Map<string, { count: number; days: Set<string> }>();
  for (const date of dates) {
    const start = byMonth ? `${date.slice(0, 8)}01` : weekOf(date);
    const group = groups.get(start) ?? { count: 0, days: new Set<string>() };
    group.count++;
    group.days.add(date);
    groups.set(start, group);
  }
  const reasons = tasks.reasons?.map((reason) => ({
    ...reason,
    title: (reason.ruleId !== undefined && headings.get(reason.ruleId)) || reason.title,
  }));
  return {
    ...tasks,
    ...(reasons !== undefined && { reasons }),
    weeks: [...groups].map(([start, group]) => ({
      start,
      ...(byMonth && { month: formatLongDate(start).replace(/^\d+ /, "") }),
      count: group.count,
      sentOn: daysInWords([...group.days]),
    })),
    byMonth,
    unlisted: tasks.count - tasks.dates.length,
  };
}

/**
 * Turns a ruleset into what templates read.
 *
 * @example rulesetView(defaultRuleset()).clauses[0] // { id: "SC8.4", clause: "8.4", title: "Onward referral", summary: "…" }
 */
export function rulesetView(ruleset: Ruleset): RulesetView {
  return {
    name: ruleset.name,
    version: ruleset.version,
    edition: ruleset.contract.edition,
    clauses: Object.entries(ruleset.contract.clauses).map(([id, entry]) => ({
      id,
      clause: entry.clause,
      title: entry.title,
      summary: entry.summary,
    })),
    parameters: { ...ruleset.parameters },
  };
}
