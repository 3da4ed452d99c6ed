import type { Severity } from "../engine/types.js";
import { typed } from "../errors/unreadable.js";
import { barChart, monthChart } from "./charts.js";
import { formatCount, formatDay, formatDayShort, formatPercent, shortHash } from "./format.js";
import type { Cell, LegendItem, PageHead, ReportView, Table } from "./page-views.js";
import { renderPage } from "./pages.js";
import type { ReportInput } from "./report.js";
import type { EscalationLevel, Summary, TeamSummary } from "./summarise.js";

/** Short labels for the escalation table's badges; the legend above the table spells them out. */
const outcomeSeries = [
  { name: "Rejected", swatch: "reject" },
  { name: "Reminder sent", swatch: "remind" },
  { name: "Accepted", swatch: "accept" },
] as const;

const severityLegend: Record<Severity, LegendItem> = {
  reject: { swatch: "reject", label: "Reject: the task is not acted on" },
  remind: { swatch: "remind", label: "Remind: the task is accepted and the sender reminded" },
  info: { swatch: "info", label: "Information for the sender: no effect on the outcome" },
};

const num = (n: number): Cell => ({ text: formatCount(n), numeric: true });
const txt = (text: string, hover?: string): Cell => ({
  text,
  numeric: false,
  ...(hover !== undefined && { hover }),
});

/** A table whose columns are numeric when every cell under them is. */
function table(columns: readonly string[], rows: Cell[][]): Table {
  return {
    columns: columns.map((text, i) => ({
      text,
      numeric: rows.length > 0 && rows.every((row) => row[i]?.numeric === true),
    })),
    rows: rows.map((cells) => ({ cells })),
  };
}

function pageHead(input: ReportInput): PageHead {
  const { summary } = input;
  const period = summary.period
    ? `${formatCount(summary.outcomes.total)} tasks sent from ${formatDay(summary.period.from)} to ${formatDay(summary.period.to)}`
    : "No tasks evaluated";
  return {
    title: `Tasks sent${input.practice ? ` to ${input.practice.name}` : ""} through SystmOne`,
    lede: "Checked against Humberside LMCs' guidance on tasking in clinical systems (October 2024) and the NHS Standard Contract.",
    meta: [
      period,
      ...summary.rulesets.map((r) => `ruleset ${r.name} ${r.version} (${shortHash(r.hash)})`),
      ...(input.records
        ? [
            `${formatCount(input.records.read)} records read, ${formatCount(input.records.errors.length)} could not be evaluated`,
          ]
        : []),
      ...(input.generatedOn ? [`generated ${formatDay(input.generatedOn)}`] : []),
    ],
    footer:
      "Made by gp-task-guard. The report holds counts only: no NHS number, patient detail or task text.",
  };
}

function kpis(summary: Summary, external: number): ReportView["kpis"] {
  const { outcomes } = summary;
  const total = outcomes.total;
  const esc = summary.escalation;
  const escalating = esc ? esc.levels["service-lead"] + esc.levels["icb-or-lmc"] : 0;
  const share = (n: number) => formatPercent(n, total);
  return [
    {
      value: formatCount(total),
      label: `tasks evaluated (${formatCount(external)} from other providers)`,
      swatch: "plain",
    },
    {
      value: share(outcomes.reject),
      label: `rejected (${formatCount(outcomes.reject)})`,
      swatch: "reject",
    },
    {
      value: share(outcomes.remind),
      label: `reminder sent (${formatCount(outcomes.remind)})`,
      swatch: "remind",
    },
    {
      value: share(outcomes.accept),
      label: `accepted (${formatCount(outcomes.accept)})`,
      swatch: "accept",
    },
    {
      value: formatCount(outcomes.humanReview),
      label: "needed a person to read them (urgent or safety)",
      swatch: "plain",
    },
    {
      value: formatCount(escalating),
      label: "teams to escalate beyond a reminder",
      swatch: "plain",
    },
  ];
}

/** Senders outside the practice, by organisation: the external teams' counts added up. */
function externalOrganisations(teams: readonly TeamSummary[]) {
  const byName = new Map<
    string,
    { organisation: string; total: number; reject: number; remind: number; accept: number }
  >();
  for (const t of teams) {
    if (!t.external) continue;
    const o = byName.get(t.organisation) ?? {
      organisation: t.organisation,
      total: 0,
      reject: 0,
      remind: 0,
      accept: 0,
    };
    o.total += t.total;
    o.reject += t.reject;
    o.remind += t.remind;
    o.accept += t.accept;
    byName.set(t.organisation, o);
  }
  return [...byName.values()].sort(
    (a, b) => b.total - a.total || a.organisation.localeCompare(b.organisation),
  );
}

function senders(summary: Summary): ReportView["senders"] {
  const organisations = externalOrganisations(summary.byTeam);
  const shown = organisations.slice(0, 14);
  const internal = summary.byTeam.filter((t) => !t.external);
  const internalTasks = internal.reduce((sum, t) => sum + t.total, 0);
  return {
    note: `Tasks from other providers, by sending organisation${organisations.length > shown.length ? ` (the ${shown.length} that sent most, of ${organisations.length}; every team is in the table below)` : ""}.`,
    ...(shown.length > 0 && {
      chart: barChart({
        title: "Tasks from other providers by sending organisation and outcome",
        axisLabel: "Tasks sent",
        series: outcomeSeries,
        rows: shown.map((o) => ({ label: o.organisation, values: [o.reject, o.remind, o.accept] })),
      }),
    }),
    ...(internalTasks > 0 && {
      internal: `Not shown: ${formatCount(internalTasks)} task${internalTasks === 1 ? "" : "s"} sent within the practice, from its own units (${[...new Set(internal.map((t) => t.unit))].join(", ")}). The guidance is about tasks from other providers, so these have no findings.`,
    }),
  };
}

function escalationLegend(esc: NonNullable<Summary["escalation"]>): LegendItem[] {
  const badge = (level: EscalationLevel, what: string) => ({
    swatch: `level-${level}`,
    label: `${esc.steps[level].short}: ${what}`,
  });
  const below = esc.serviceLeadAt - 1;
  const remind = below === 1 ? "1 task" : below === 2 ? "1 or 2 tasks" : `1 to ${below} tasks`;
  return [
    badge("remind-team", `${remind} in the window`),
    badge(
      "service-lead",
      `${esc.serviceLeadAt} to ${esc.icbAt - 1} tasks; contact the team's service lead or manager`,
    ),
    badge("icb-or-lmc", `${esc.icbAt} or more; tell the ICB primary care team or Humberside LMCs`),
    badge("none", "no task in the window now, listed for its peak"),
  ];
}

function escalation(summary: Summary): ReportView["escalation"] {
  const esc = summary.escalation;
  if (!esc) return undefined;
  const rows = esc.teams.map((t): Cell[] => [
    txt(t.team.organisation),
    txt(t.team.team ?? t.team.unit),
    num(t.count),
    {
      text: esc.steps[t.level].short,
      numeric: false,
      badge: `level-${t.level}`,
      hover: esc.steps[t.level].label,
    },
    {
      text: formatCount(t.peak.count),
      numeric: false,
      small: `to ${formatDayShort(t.peak.endingOn)}`,
    },
    {
      text: "",
      numeric: false,
      list: t.reasons
        .slice(0, 3)
        .map((r) => ({ text: `${r.title} (${formatCount(r.count)})`, hover: r.ruleId })),
    },
  ]);
  return {
    note: `Non-compliant tasks from other providers (rejected or reminded) sent in the ${esc.windowDays} days from ${formatDay(esc.from)} to ${formatDay(esc.asOf)}. The guidance's route: remind the team first; from ${esc.serviceLeadAt} tasks in the window contact its service lead or manager; from ${esc.icbAt}, tell the ICB primary care team or Humberside LMCs. "Peak" is the most in any ${esc.windowDays}-day window of the period, and the day that window ended. Hover over a reason for its rule id.`,
    legend: escalationLegend(esc),
    ...(rows.length > 0 && {
      table: table(
        ["Organisation", "Team", "In window", "Next step", "Peak", "Main reasons"],
        rows,
      ),
    }),
  };
}

type RuleCount = Summary["byRule"][number];

function ruleRows(rules: readonly RuleCount[], severity: Severity) {
  return rules
    .filter((r) => r.severity === severity)
    .sort((a, b) => b.count - a.count)
    .map((r) => ({ label: r.title, hover: r.ruleId, values: [r.count], swatch: severity }));
}

function rulesSections(summary: Summary): Pick<ReportView, "rules" | "information"> {
  const chart = (title: string, severities: readonly Severity[]) =>
    barChart({
      title,
      axisLabel: "Tasks on which the rule fired",
      series: [{ name: "tasks", swatch: "count" }],
      rows: severities.flatMap((severity) => {
        const rows = ruleRows(summary.byRule, severity);
        return severities.length > 1 && rows.length > 0
          ? [{ heading: severityLegend[severity].label }, ...rows]
          : rows;
      }),
      legend: severities.map((severity) => severityLegend[severity]),
      labelWidth: 540,
    });
  const hasInfo = summary.byRule.some((r) => r.severity === "info");
  return {
    rules: {
      note: "Tasks on which each rule fired, grouped by what the rule does, most frequent first. A task can break several rules. Hover over a rule for its id.",
      chart: chart("Tasks on which each reject and remind rule fired", ["reject", "remind"]),
    },
    ...(hasInfo && {
      information: {
        note: "Rules that tell the sender something without changing the outcome. Hover over a rule for its id.",
        chart: chart("Tasks on which each information rule fired", ["info"]),
      },
    }),
  };
}

function clauses(summary: Summary): ReportView["clauses"] {
  const rows = summary.byClause.map((c) => ({
    label: `${c.clause} ${c.title}`,
    hover: c.id,
    values: [c.count],
  }));
  return rows.length === 0
    ? { note: "No finding cited a contract clause." }
    : {
        note: "Tasks whose findings cite each NHS Standard Contract clause: work that is the sending provider's responsibility.",
        chart: barChart({
          title: "Tasks by NHS Standard Contract clause cited",
          axisLabel: "Tasks citing the clause",
          series: [{ name: "tasks", swatch: "count" }],
          legend: [{ swatch: "count", label: "Tasks whose findings cite the clause" }],
          rows,
        }),
      };
}

function teamTable(teams: readonly TeamSummary[]): Table {
  return table(
    ["Organisation", "Team", "Tasks", "Rejected", "Reminder sent", "Accepted", "Human review"],
    teams.map((t) => [
      txt(t.organisation),
      txt(t.team, t.team === t.unit ? undefined : `SystmOne unit ${t.unit}`),
      num(t.total),
      num(t.reject),
      num(t.remind),
      num(t.accept),
      num(t.humanReview),
    ]),
  );
}

/**
 * The report's view: every figure and label of the HTML report, worded and laid out, for
 * `templates/report/report.html.hbs`. Senders from the practice's own units are kept apart
 * from other providers; rules are grouped by severity, information rules on their own.
 *
 * @param input - the summary and the batch's bookkeeping
 * @returns the view
 * @example reportView({ summary }).rules.chart.rows[0].heading // true
 */
export function reportView(input: ReportInput): ReportView {
  const { summary } = input;
  const total = summary.outcomes.total;
  const external = summary.byTeam.filter((t) => t.external);
  const internal = summary.byTeam.filter((t) => !t.external);
  const errors = input.records?.errors ?? [];
  return {
    page: pageHead(input),
    kpis: kpis(
      summary,
      external.reduce((sum, t) => sum + t.total, 0),
    ),
    months: {
      note: "By the date each task was sent, Europe/London calendar.",
      chart: monthChart({
        title: "Tasks per month by outcome",
        axisLabel: "Tasks sent",
        monthsLabel: "Month sent (Europe/London)",
        months: summary.byMonth.map((m) => m.month),
        series: outcomeSeries.map((s, i) => ({
          ...s,
          values: summary.byMonth.map((m) => [m.reject, m.remind, m.accept][i] ?? 0),
        })),
      }),
    },
    senders: senders(summary),
    escalation: escalation(summary),
    ...rulesSections(summary),
    clauses: clauses(summary),
    teams: {
      external: teamTable(external),
      ...(internal.length > 0 && { internal: teamTable(internal) }),
    },
    categories: table(
      ["Category", "Tasks", "Share"],
      summary.byCategory.map((c) => [
        txt(c.label, c.category),
        num(c.count),
        { text: formatPercent(c.count, total), numeric: true },
      ]),
    ),
    ...(errors.length > 0 && {
      errors: {
        note: `Line numbers in the batch file and the fields at fault; values are not shown.${errors.length > 200 ? ` The first 200 of ${formatCount(errors.length)}.` : ""}`,
        table: table(
          ["Line", "Code", "Fields"],
          errors.slice(0, 200).map((e) => [num(e.line), txt(e.code), txt(e.paths.join(", "))]),
        ),
      },
    }),
  };
}

/**
 * The report as one self-contained HTML document for a committee paper: headline figures,
 * inline SVG charts (tasks per month by outcome, other providers' tasks by organisation, the
 * reject and remind rules grouped by severity, information rules apart, contract clauses
 * cited), the escalation table and the team tables, each colour named in a legend. Rendered
 * from `templates/report/report.html.hbs`: no script, no external resource, print CSS for A4;
 * every value from task data is escaped. No NHS number or task text appears. In Node only:
 * the page templates are compiled when first rendered; a browser bundle throws a
 * `TemplateError`.
 *
 * @param input - the summary and the batch's bookkeeping
 * @returns the HTML document
 * @throws {TemplateError} outside Node
 * @example renderReportHtml({ summary }).startsWith("<!DOCTYPE html>") // true
 */
export function renderReportHtml(input: ReportInput): string {
  return typed("report", () => renderReportHtmlOf(input));
}

function renderReportHtmlOf(input: ReportInput): string {
  return renderPage("report", reportView(input));
}
