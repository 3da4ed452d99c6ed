import type { Severity, Verdict } from "../engine/types.js";
import type { Issue } from "../errors/guard-error.js";
import { InputError } from "../errors/input-error.js";
import { typed } from "../errors/unreadable.js";
import { dateOfDayNumber, dayNumberOf, isIsoDate, plusMonths } from "../facts/calendar.js";
import { defaultRuleset } from "../rules/default.js";
import type { Ruleset } from "../rules/schema.js";

/**
 * The steps of the guidance's escalation route for a team that keeps sending non-compliant
 * tasks: remind the team first, then its service lead or manager, then the ICB primary care
 * team or Humberside LMCs. `none` when the team sent no non-compliant task in the window.
 */
export const escalationLevels = ["none", "remind-team", "service-lead", "icb-or-lmc"] as const;
/**
 * A team's step on the escalation route, one of {@link escalationLevels}: the step its
 * non-compliant external tasks in the window have reached.
 *
 * @example summarise(pairs).escalation?.teams[0]?.level // "icb-or-lmc"
 */
export type EscalationLevel = (typeof escalationLevels)[number];

/** How a report names a step of the escalation route: in full, and short for a table cell. */
export interface EscalationStep {
  label: string;
  short: string;
}

/** The ruleset's names for the steps, or the step ids for a ruleset that gives none. */
function escalationSteps(ruleset: Ruleset): Record<EscalationLevel, EscalationStep> {
  const given = ruleset.escalation?.steps;
  const steps = {} as Record<EscalationLevel, EscalationStep>;
  for (const level of escalationLevels) {
    const step = given?.[level];
    steps[level] = step ? { label: step.label, short: step.short } : { label: level, short: level };
  }
  return steps;
}

/** The sender fields summarise reads from a task (a `TaskInput` or the raw record both fit). */
export interface SummarySender {
  organisation: string;
  unit: string;
  team?: string | undefined;
  odsCode?: string | undefined;
  kind?: string | undefined;
}

/**
 * What summarise counts: a verdict alone, or a verdict with the task it answers. A `Verdict`
 * does not carry its sender, so tallies by organisation and team and the escalation level need
 * the task; verdicts given alone are counted under the sender "(unknown)". Only
 * `task.sender` is read: nothing of the patient or the body reaches the summary.
 */
export type SummaryItem = Verdict | { verdict: Verdict; task: { sender: SummarySender } };

/**
 * Options of {@link summarise}: the ruleset the verdicts came from, and the escalation window
 * and thresholds when they should differ from the ruleset's parameters (the CLI's `--window`,
 * `--service-lead-at`, `--icb-at` and `--as-of`).
 *
 * @example summarise(pairs, { ruleset: guard.ruleset, escalationWindowDays: 30 })
 */
export interface SummariseOptions {
  /** The ruleset the verdicts came from: its rule titles, clause catalogue and escalation parameters. Default: the bundled ruleset. */
  ruleset?: Ruleset;
  /** Days in the escalation window, counted back from `asOf` inclusive. Default: the ruleset's `escalationWindowDays`. */
  escalationWindowDays?: number;
  /** Non-compliant tasks in the window from which the service lead is contacted. Default: `escalationServiceLeadAt`. */
  escalationServiceLeadAt?: number;
  /** Non-compliant tasks in the window from which the ICB primary care team or the LMC is told. Default: `escalationIcbAt`. */
  escalationIcbAt?: number;
  /** The London date (`YYYY-MM-DD`) the window ends on. Default: the latest sending date among the verdicts. */
  asOf?: string;
}

/** Counts of outcomes over a set of verdicts. */
export interface OutcomeCounts {
  total: number;
  accept: number;
  remind: number;
  reject: number;
  /** Verdicts a person must read whatever the outcome. */
  humanReview: number;
}

export interface OrganisationSummary extends OutcomeCounts {
  organisation: string;
  odsCode?: string;
  kind?: string;
}

export interface TeamSummary extends OutcomeCounts {
  organisation: string;
  /** The sender's team, or its unit when the task named no team. */
  team: string;
  unit: string;
  odsCode?: string;
  /** The task came from outside the practice's own units. */
  external: boolean;
  /** Tasks on which each rule fired. */
  rules: Record<string, number>;
  /** Where the team stands on the escalation route at `escalation.asOf`. */
  escalation: EscalationLevel;
}

/** A team on the escalation route: what an `escalation` letter needs (`team`, `tasks`). */
export interface TeamEscalation {
  team: { organisation: string; team?: string; unit: string; odsCode?: string };
  level: EscalationLevel;
  /** Non-compliant tasks (outcome reject or remind) sent in the window. */
  count: number;
  /** The London dates they were sent on, in order, each once. */
  dates: string[];
  /** How many of them were sent on each of those dates (the escalation letter counts by week). */
  perDate: { date: string; count: number }[];
  /** The rules they broke, most frequent first. */
  reasons: { ruleId: string; title: string; count: number }[];
  /** The most non-compliant tasks in any window of the period, the date that window ended, and its level. */
  peak: { count: number; endingOn: string; level: EscalationLevel };
  /** Non-compliant tasks over the whole period. */
  totalNonCompliant: number;
}

/** Counts and escalation over a set of verdicts, for analysts and committee papers. Holds no patient data. */
export interface Summary {
  outcomes: OutcomeCounts;
  /** The first and last London sending dates, or null when there are no verdicts. */
  period: { from: string; to: string } | null;
  /** The rulesets the verdicts came from (usually one). */
  rulesets: { name: string; version: string; hash: string }[];
  byOrganisation: OrganisationSummary[];
  byTeam: TeamSummary[];
  /** Every rule of the ruleset in its order (count 0 when it never fired), then any other rule that fired. */
  byRule: { ruleId: string; title: string; severity: Severity; count: number }[];
  /** Tasks whose findings cite each contract clause. */
  byClause: { id: string; clause: string; title: string; count: number }[];
  /** Tasks per category, with the category's label from the ruleset. */
  byCategory: { category: string; label: string; count: number }[];
  /** Every month from the first to the last, empty months included. */
  byMonth: (OutcomeCounts & { month: string })[];
  escalation: {
    windowDays: number;
    serviceLeadAt: number;
    icbAt: number;
    /** The window: `from` to `asOf`, London dates, inclusive. */
    from: string;
    asOf: string;
    /** How many teams stand at each level. */
    levels: Record<EscalationLevel, number>;
    /** How a report names each step: the ruleset's `escalation.steps` (the step id when it has none). */
    steps: Record<EscalationLevel, EscalationStep>;
    /** Teams above `none` now, or clear now but once at the service lead or beyond; the most serious first. */
    teams: TeamEscalation[];
  } | null;
}

const unknownSender: SummarySender = { organisation: "(unknown)", unit: "(unknown)" };

function emptyCounts(): OutcomeCounts {
  return { total: 0, accept: 0, remind: 0, reject: 0, humanReview: 0 };
}

function count(counts: OutcomeCounts, verdict: Verdict): void {
  counts.total++;
  counts[verdict.outcome]++;
  if (verdict.humanReview) counts.humanReview++;
}

/** Every month (`YYYY-MM`) from the month of `from` to the month of `to`. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const last = to.slice(0, 7);
  for (let first = `${from.slice(0, 7)}-01`; first.slice(0, 7) <= last; ) {
    months.push(first.slice(0, 7));
    first = plusMonths(first, 1);
  }
  return months;
}

/**
 * The busiest window of the period: the most non-compliant tasks in `windowDays` days, over
 * a window ending on each day with a task (`end` when there is none).
 */
function busiestWindow(
  days: ReadonlyMap<number, { count: number }>,
  sorted: readonly number[],
  windowDays: number,
  end: number,
): { count: number; end: number } {
  let peakCount = 0;
  let peakEnd = end;
  let tail = 0;
  let running = 0;
  for (const day of sorted) {
    running += days.get(day)?.count ?? 0;
    while ((sorted[tail] ?? day) <= day - windowDays) {
      running -= days.get(sorted[tail] ?? day)?.count ?? 0;
      tail++;
    }
    if (running > peakCount) {
      peakCount = running;
      peakEnd = day;
    }
  }
  return { count: peakCount, end: peakEnd };
}

/** Teams in escalation order: level now, count, peak level, peak count, then by name. */
function mostUrgentFirst(a: TeamEscalation, b: TeamEscalation): number {
  return (
    levelRank[b.level] - levelRank[a.level] ||
    b.count - a.count ||
    levelRank[b.peak.level] - levelRank[a.peak.level] ||
    b.peak.count - a.peak.count ||
    a.team.organisation.localeCompare(b.team.organisation) ||
    (a.team.team ?? a.team.unit).localeCompare(b.team.team ?? b.team.unit)
  );
}

interface EscalationSettings {
  windowDays: number;
  serviceLeadAt: number;
  icbAt: number;
  asOf?: string;
}

function settingsFrom(options: SummariseOptions, ruleset: Ruleset): EscalationSettings {
  const issues: Issue[] = [];
  const read = (
    name: "escalationWindowDays" | "escalationServiceLeadAt" | "escalationIcbAt",
  ): number => {
    const given = options[name];
    const value = given ?? ruleset.parameters[name];
    const from = given === undefined ? `ruleset parameters.${name}` : name;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
      issues.push({
        path: name,
        code: "invalid_value",
        message: `${from} must be a whole number of at least 1 (found ${JSON.stringify(value) ?? "nothing"})`,
      });
      return 1;
    }
    return value;
  };
  const settings: EscalationSettings = {
    windowDays: read("escalationWindowDays"),
    serviceLeadAt: read("escalationServiceLeadAt"),
    icbAt: read("escalationIcbAt"),
  };
  if (issues.length === 0 && settings.icbAt <= settings.serviceLeadAt) {
    issues.push({
      path: "escalationIcbAt",
      code: "invalid_value",
      message: `escalationIcbAt (${settings.icbAt}) must be more than escalationServiceLeadAt (${settings.serviceLeadAt})`,
    });
  }
  if (options.asOf !== undefined) {
    if (!isIsoDate(options.asOf)) {
      issues.push({
        path: "asOf",
        code: "invalid_value",
        message: "asOf must be a date that exists, written YYYY-MM-DD",
      });
    } else settings.asOf = options.asOf;
  }
  if (issues.length > 0) throw new InputError(issues, "options");
  return settings;
}

function levelFor(n: number, settings: EscalationSettings): EscalationLevel {
  if (n >= settings.icbAt) return "icb-or-lmc";
  if (n >= settings.serviceLeadAt) return "service-lead";
  return n > 0 ? "remind-team" : "none";
}

const levelRank: Record<EscalationLevel, number> = {
  none: 0,
  "remind-team": 1,
  "service-lead": 2,
  "icb-or-lmc": 3,
};

interface TeamState {
  summary: TeamSummary;
  /** Non-compliant tasks per London day number. */
  days: Map<number, { count: number; rules: Map<string, number> }>;
}

/** A team as the escalation table names it: the team only where it differs from the unit. */
function teamOf(summary: TeamSummary): TeamEscalation["team"] {
  return {
    organisation: summary.organisation,
    ...(summary.team !== summary.unit && { team: summary.team }),
    unit: summary.unit,
    ...(summary.odsCode !== undefined && { odsCode: summary.odsCode }),
  };
}

/**
 * A team's non-compliant tasks in the window from day `start` to `end` (London day numbers):
 * how many, on which dates, for which rules; and how many in all.
 */
function teamWindow(days: TeamState["days"], start: number, end: number) {
  const sorted = [...days.keys()].sort((a, b) => a - b);
  let inWindow = 0;
  const dates: string[] = [];
  const perDate: { date: string; count: number }[] = [];
  const reasons = new Map<string, number>();
  let totalNonCompliant = 0;
  for (const day of sorted) {
    const entry = days.get(day);
    if (entry === undefined) continue;
    totalNonCompliant += entry.count;
    if (day < start || day > end) continue;
    inWindow += entry.count;
    dates.push(dateOfDayNumber(day));
    perDate.push({ date: dateOfDayNumber(day), count: entry.count });
    for (const [ruleId, n] of entry.rules) reasons.set(ruleId, (reasons.get(ruleId) ?? 0) + n);
  }
  return { sorted, inWindow, dates, perDate, reasons, totalNonCompliant };
}

/**
 * Counts verdicts one at a time, so a batch of any size can be summarised as it streams.
 * `summarise` is this in one call.
 *
 * @example
 * const s = new Summariser({ ruleset }); for await (const v of verdicts) s.add(v); s.result().outcomes.total
 */
export class Summariser {
  readonly #ruleset: Ruleset;
  readonly #settings: EscalationSettings;
  readonly #outcomes = emptyCounts();
  readonly #rulesets = new Map<string, { name: string; version: string; hash: string }>();
  readonly #organisations = new Map<string, OrganisationSummary>();
  readonly #teams = new Map<string, TeamState>();
  readonly #rules = new Map<string, { title: string; severity: Severity; count: number }>();
  readonly #clauses = new Map<string, { clause: string; title: string; count: number }>();
  readonly #categories = new Map<string, number>();
  readonly #months = new Map<string, OutcomeCounts>();
  #from: string | undefined;
  #to: string | undefined;

  /**
   * @param options - the ruleset and escalation settings (see {@link SummariseOptions})
   * @throws {InputError} (subject `options`) for a threshold or window that is not a whole number of at least 1, an ICB threshold not above the service-lead one, or an `asOf` that is not a date
   */
  constructor(options: SummariseOptions = {}) {
    // A copy taken once: options that cannot be read (a revoked proxy, a getter that throws) are an InputError.
    const read: SummariseOptions = typed("options", () => ({ ...options }));
    const ruleset = read.ruleset ?? defaultRuleset();
    this.#ruleset = ruleset;
    this.#settings = typed("options", () => settingsFrom(read, ruleset));
    typed("options", () => {
      for (const rule of ruleset.rules) {
        this.#rules.set(rule.id, { title: rule.title, severity: rule.severity, count: 0 });
      }
    });
  }

  /** Counts one verdict, with its task when known. */
  add(item: SummaryItem): void {
    typed("verdict", () => this.#add(item));
  }

  #add(item: SummaryItem): void {
    const verdict = "verdict" in item ? item.verdict : item;
    const sender = "verdict" in item ? item.task.sender : unknownSender;
    count(this.#outcomes, verdict);
    this.#rulesets.set(verdict.ruleset.hash, { ...verdict.ruleset });
    this.#addDate(verdict);
    this.#addOrganisation(verdict, sender);
    const team = this.#teamOf(verdict, sender);
    count(team.summary, verdict);
    const fired = this.#addFindings(verdict, team);
    this.#categories.set(
      verdict.category.value,
      (this.#categories.get(verdict.category.value) ?? 0) + 1,
    );
    if (verdict.facts.external && verdict.outcome !== "accept") this.#addDay(verdict, team, fired);
  }

  #addDate(verdict: Verdict): void {
    const sentOn = verdict.facts.sentOn;
    if (this.#from === undefined || sentOn < this.#from) this.#from = sentOn;
    if (this.#to === undefined || sentOn > this.#to) this.#to = sentOn;
    const month = sentOn.slice(0, 7);
    const monthCounts = this.#months.get(month) ?? emptyCounts();
    count(monthCounts, verdict);
    this.#months.set(month, monthCounts);
  }

  #addOrganisation(verdict: Verdict, sender: SummarySender): void {
    const organisation = this.#organisations.get(sender.organisation) ?? {
      organisation: sender.organisation,
      ...emptyCounts(),
    };
    // The facts carry the kind with its default applied; a later task may give the ODS code.
    organisation.kind ??= verdict.facts.senderKind;
    if (sender.odsCode !== undefined) organisation.odsCode ??= sender.odsCode;
    count(organisation, verdict);
    this.#organisations.set(sender.organisation, organisation);
  }

  #teamOf(verdict: Verdict, sender: SummarySender): TeamState {
    const teamName = sender.team ?? sender.unit;
    const teamKey = `${sender.organisation}\u0000${teamName}`;
    let team = this.#teams.get(teamKey);
    if (team === undefined) {
      team = {
        summary: {
          organisation: sender.organisation,
          team: teamName,
          unit: sender.unit,
          ...(sender.odsCode !== undefined && { odsCode: sender.odsCode }),
          external: verdict.facts.external,
          rules: {},
          escalation: "none",
          ...emptyCounts(),
        },
        days: new Map(),
      };
      this.#teams.set(teamKey, team);
    }
    return team;
  }

  /** Counts each rule and each contract clause once per verdict; returns the rules that fired. */
  #addFindings(verdict: Verdict, team: TeamState): Set<string> {
    const fired = new Set<string>();
    const clauses = new Set<string>();
    for (const finding of verdict.findings) {
      if (!fired.has(finding.ruleId)) {
        fired.add(finding.ruleId);
        const rule = this.#rules.get(finding.ruleId) ?? {
          title: finding.title,
          severity: finding.severity,
          count: 0,
        };
        rule.count++;
        this.#rules.set(finding.ruleId, rule);
        team.summary.rules[finding.ruleId] = (team.summary.rules[finding.ruleId] ?? 0) + 1;
      }
      for (const citation of finding.contract) {
        if (clauses.has(citation.id)) continue;
        clauses.add(citation.id);
        const known = this.#ruleset.contract.clauses[citation.id];
        const clause = this.#clauses.get(citation.id) ?? {
          clause: citation.clause,
          title: known?.title ?? citation.summary,
          count: 0,
        };
        clause.count++;
        this.#clauses.set(citation.id, clause);
      }
    }
    return fired;
  }

  /** A non-compliant external task on its London day, for the escalation windows. */
  #addDay(verdict: Verdict, team: TeamState, fired: ReadonlySet<string>): void {
    const day = dayNumberOf(verdict.facts.sentOn);
    const entry = team.days.get(day) ?? { count: 0, rules: new Map<string, number>() };
    entry.count++;
    for (const ruleId of fired) {
      const severity = this.#rules.get(ruleId)?.severity;
      if (severity === "info") continue;
      entry.rules.set(ruleId, (entry.rules.get(ruleId) ?? 0) + 1);
    }
    team.days.set(day, entry);
  }

  /** The summary of everything added so far. */
  result(): Summary {
    const from = this.#from;
    const to = this.#to;
    const byMonth =
      from === undefined || to === undefined
        ? []
        : monthsBetween(from, to).map((month) => ({
            month,
            ...(this.#months.get(month) ?? emptyCounts()),
          }));
    const byRule = [...this.#rules].map(([ruleId, r]) => ({
      ruleId,
      title: r.title,
      severity: r.severity,
      count: r.count,
    }));
    const byClause = [...this.#clauses]
      .map(([id, c]) => ({ id, clause: c.clause, title: c.title, count: c.count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
    const byCategory = [...this.#categories]
      .map(([category, n]) => ({
        category,
        label: this.#ruleset.categories[category]?.label ?? category,
        count: n,
      }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
    const byOrganisation = [...this.#organisations.values()]
      .map((o) => ({ ...o }))
      .sort((a, b) => b.total - a.total || a.organisation.localeCompare(b.organisation));

    const escalation = to === undefined ? null : this.#escalation(this.#settings.asOf ?? to);
    return {
      outcomes: { ...this.#outcomes },
      period: from === undefined || to === undefined ? null : { from, to },
      rulesets: [...this.#rulesets.values()],
      byOrganisation,
      byTeam: this.#byTeam(escalation),
      byRule,
      byClause,
      byCategory,
      byMonth,
      escalation,
    };
  }

  /** Each team's counts, rules in the ruleset's order, with its escalation level; busiest first. */
  #byTeam(escalation: Summary["escalation"]): Summary["byTeam"] {
    const levelOf = new Map(
      escalation?.teams.map((t) => [
        `${t.team.organisation}\u0000${t.team.team ?? t.team.unit}`,
        t.level,
      ]),
    );
    return [...this.#teams]
      .map(([key, t]) => ({
        ...t.summary,
        rules: this.#inRuleOrder(t.summary.rules),
        escalation: levelOf.get(key) ?? "none",
      }))
      .sort(
        (a, b) =>
          b.total - a.total ||
          a.organisation.localeCompare(b.organisation) ||
          a.team.localeCompare(b.team),
      );
  }

  #inRuleOrder(counts: Record<string, number>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const ruleId of this.#rules.keys()) {
      const n = counts[ruleId];
      if (n !== undefined) out[ruleId] = n;
    }
    return out;
  }

  /** A team's reasons: each rule with its count in the window, most first. */
  #reasons(counts: ReadonlyMap<string, number>): TeamEscalation["reasons"] {
    return [...counts]
      .map(([ruleId, n]) => ({ ruleId, title: this.#rules.get(ruleId)?.title ?? ruleId, count: n }))
      .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  }

  #escalation(asOf: string): NonNullable<Summary["escalation"]> {
    const settings = this.#settings;
    const end = dayNumberOf(asOf);
    const start = end - settings.windowDays + 1;
    const levels: Record<EscalationLevel, number> = {
      none: 0,
      "remind-team": 0,
      "service-lead": 0,
      "icb-or-lmc": 0,
    };
    const teams: TeamEscalation[] = [];
    for (const { summary, days } of this.#teams.values()) {
      const { sorted, inWindow, dates, perDate, reasons, totalNonCompliant } = teamWindow(
        days,
        start,
        end,
      );
      const { count: peakCount, end: peakEnd } = busiestWindow(
        days,
        sorted,
        settings.windowDays,
        end,
      );
      const level = levelFor(inWindow, settings);
      levels[level]++;
      const peakLevel = levelFor(peakCount, settings);
      // A team that is clear now is listed only if it once reached the service lead.
      if (level === "none" && levelRank[peakLevel] < levelRank["service-lead"]) continue;
      teams.push({
        team: teamOf(summary),
        level,
        count: inWindow,
        dates,
        perDate,
        reasons: this.#reasons(reasons),
        peak: { count: peakCount, endingOn: dateOfDayNumber(peakEnd), level: peakLevel },
        totalNonCompliant,
      });
    }
    teams.sort(mostUrgentFirst);
    return {
      windowDays: settings.windowDays,
      serviceLeadAt: settings.serviceLeadAt,
      icbAt: settings.icbAt,
      from: dateOfDayNumber(start),
      asOf,
      levels,
      steps: escalationSteps(this.#ruleset),
      teams,
    };
  }
}

/**
 * Summarises verdicts for analysts: totals by outcome, by sending organisation and team, by
 * rule, by contract clause, by category and by month (Europe/London, from each verdict's
 * `facts.sentOn`), and where each team stands on the guidance's escalation route (remind the
 * team, then the service lead, then the ICB primary care team or the LMC). A task counts
 * against its team when it is external and its outcome is reject or remind; the window and
 * thresholds are the ruleset's parameters `escalationWindowDays`, `escalationServiceLeadAt`
 * and `escalationIcbAt` unless given in `options`.
 *
 * Pass `{ verdict, task }` pairs to count by sender (a verdict does not carry its sender);
 * bare verdicts count under "(unknown)". The summary never holds an NHS number, a body or
 * any other patient detail.
 *
 * @param verdicts - verdicts, or `{ verdict, task }` pairs
 * @param options - the ruleset, escalation settings and `asOf` date (see {@link SummariseOptions})
 * @returns the summary
 * @throws {InputError} (subject `options`) for a bad threshold, window or `asOf`; (subject
 *   `verdicts`, code `unreadable`) for verdicts that cannot be read
 * @example
 * const s = summarise(pairs, { ruleset });
 * s.outcomes // { total: 1000, accept: 312, remind: 101, reject: 587, humanReview: 95 }
 * s.escalation?.teams[0]?.level // "icb-or-lmc"
 */
export function summarise(
  verdicts: Iterable<SummaryItem>,
  options: SummariseOptions = {},
): Summary {
  // Anything but verdicts (null, a revoked proxy, an iterator that throws): an InputError.
  return typed("verdicts", () => {
    const summariser = new Summariser(options);
    for (const item of verdicts) summariser.add(item);
    return summariser.result();
  });
}
