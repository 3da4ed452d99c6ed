import type { Issue } from "../errors/guard-error.js";
import { typed } from "../errors/unreadable.js";
import {
  csvDocument,
  formatCount,
  formatDay,
  formatMonth,
  formatPercent,
  printable,
  shortHash,
  textTable,
} from "./format.js";
import type { Summary } from "./summarise.js";

/** A record of the batch that could not be evaluated: where, and which fields (never their values). */
export interface ReportRecordError {
  line: number;
  code: string;
  /** The paths of the bad fields, e.g. `patient.nhsNumber`. */
  paths: string[];
}

/** What a report shows: the summary, and optionally the batch's bookkeeping and a heading. */
export interface ReportInput {
  summary: Summary;
  /** The practice the tasks were sent to. */
  practice?: { name: string };
  /** Records read, and the ones that could not be evaluated. */
  records?: { read: number; errors: ReportRecordError[] };
  /** The London date the report was made (`YYYY-MM-DD`), printed in its heading. */
  generatedOn?: string;
}

/** The report formats. */
export const reportFormats = ["text", "json", "csv", "html"] as const;
/** A report format: `text`, `json`, `csv` or `html`. */
export type ReportFormat = (typeof reportFormats)[number];

/** The tables a CSV report can hold, one per file. */
export const reportTables = [
  "teams",
  "organisations",
  "rules",
  "clauses",
  "categories",
  "months",
  "escalation",
] as const;
/** A table a CSV report holds: `teams`, `organisations`, `rules`, … (see {@link reportTables}). */
export type ReportTable = (typeof reportTables)[number];

/**
 * Turns a record's error issues into what a report may print: the line, the code and the
 * paths of the bad fields. Messages are left out, since a message may quote the bad value.
 *
 * @example recordError(3, "INPUT_INVALID", [{ path: "patient.nhsNumber", code: "custom", message: "…" }])
 * // { line: 3, code: "INPUT_INVALID", paths: ["patient.nhsNumber"] }
 */
export function recordError(
  line: number,
  code: string,
  issues: readonly Issue[],
): ReportRecordError {
  return typed("issues", () => recordErrorOf(line, code, issues));
}

function recordErrorOf(line: number, code: string, issues: readonly Issue[]): ReportRecordError {
  return { line, code, paths: [...new Set(issues.map((i) => i.path || "(record)"))] };
}

function heading(input: ReportInput): string[] {
  const { summary } = input;
  const lines = [`Tasks report${input.practice ? ` for ${input.practice.name}` : ""}`];
  if (summary.period) {
    lines.push(
      `${formatCount(summary.outcomes.total)} tasks sent from ${formatDay(summary.period.from)} to ${formatDay(summary.period.to)}`,
    );
  } else lines.push("No tasks evaluated");
  for (const r of summary.rulesets)
    lines.push(`Ruleset ${r.name} ${r.version} (${shortHash(r.hash)})`);
  if (input.records) {
    lines.push(
      `Records: ${formatCount(input.records.read)} read, ${formatCount(input.records.read - input.records.errors.length)} evaluated, ${formatCount(input.records.errors.length)} could not be evaluated`,
    );
  }
  if (input.generatedOn) lines.push(`Generated ${formatDay(input.generatedOn)}`);
  return lines;
}

function outcomesSection(summary: Summary): string[] {
  const { outcomes } = summary;
  const row = (label: string, n: number) => [label, n, formatPercent(n, outcomes.total)];
  return [
    "Outcomes",
    textTable(
      ["outcome", "tasks", "share"],
      [
        row("reject", outcomes.reject),
        row("remind", outcomes.remind),
        row("accept", outcomes.accept),
        row("human review", outcomes.humanReview),
      ],
      2,
    ),
  ];
}

function escalationSection(summary: Summary): string[] {
  const esc = summary.escalation;
  if (!esc) return [];
  const lines = [
    `Escalation: non-compliant external tasks (reject or remind) in the ${esc.windowDays} days from ${formatDay(esc.from)} to ${formatDay(esc.asOf)}; service lead from ${esc.serviceLeadAt}, ICB primary care team or LMC from ${esc.icbAt}`,
  ];
  if (esc.teams.length === 0) return [...lines, "  No team sent a non-compliant task.\n"];
  const header = ["organisation", "team", "in window", "next step", "peak", "peak window ended"];
  const rows = esc.teams.map((t) => [
    t.team.organisation,
    t.team.team ?? t.team.unit,
    t.count,
    esc.steps[t.level].label,
    t.peak.count,
    formatDay(t.peak.endingOn),
  ]);
  return [...lines, textTable(header, rows, 2)];
}

/** The report's tables by sender, rule, clause, category and month, each under its title. */
function breakdownSections(summary: Summary): string[] {
  const total = summary.outcomes.total;
  const table = (title: string, header: string[], rows: (string | number)[][]) => [
    title,
    textTable(header, rows, 2),
  ];
  const byClause =
    summary.byClause.length === 0
      ? ["By contract clause", "  No finding cited a contract clause.\n"]
      : table(
          "By contract clause",
          ["clause", "title", "tasks"],
          summary.byClause.map((c) => [c.clause, c.title, c.count]),
        );
  return [
    ...table(
      "By sending organisation",
      ["organisation", "ODS", "kind", "tasks", "reject", "remind", "accept"],
      summary.byOrganisation.map((o) => [
        ...[o.organisation, o.odsCode ?? "", o.kind ?? ""],
        ...[o.total, o.reject, o.remind, o.accept],
      ]),
    ),
    ...table(
      "By team",
      ["organisation", "team", "tasks", "reject", "remind", "accept", "escalation"],
      summary.byTeam.map((t) => [
        t.organisation,
        t.team,
        t.total,
        t.reject,
        t.remind,
        t.accept,
        t.escalation,
      ]),
    ),
    ...table(
      "By rule",
      ["rule", "severity", "tasks", "share"],
      summary.byRule.map((r) => [r.ruleId, r.severity, r.count, formatPercent(r.count, total)]),
    ),
    ...byClause,
    ...table(
      "By category",
      ["category", "tasks"],
      summary.byCategory.map((c) => [c.category, c.count]),
    ),
    ...table(
      "By month (Europe/London)",
      ["month", "tasks", "reject", "remind", "accept"],
      summary.byMonth.map((m) => [
        formatMonth(m.month, "long"),
        m.total,
        m.reject,
        m.remind,
        m.accept,
      ]),
    ),
  ];
}

function recordErrorsSection(input: ReportInput): string[] {
  if (!input.records || input.records.errors.length === 0) return [];
  return [
    "Records that could not be evaluated",
    textTable(
      ["line", "code", "fields"],
      input.records.errors.map((e) => [e.line, e.code, e.paths.join(", ")]),
      2,
    ),
  ];
}

/**
 * The report as plain text for a terminal or an e-mail: outcomes, escalation, and the tables
 * by organisation, team, rule, clause, category and month. No NHS number or task text appears.
 *
 * @param input - the summary and the batch's bookkeeping
 * @returns the text, ending with a newline
 * @example renderReportText({ summary }).split("\n")[0] // "Tasks report"
 */
export function renderReportText(input: ReportInput): string {
  return typed("report", () => renderReportTextOf(input));
}

function renderReportTextOf(input: ReportInput): string {
  const { summary } = input;
  const out = [
    ...heading(input),
    "",
    ...outcomesSection(summary),
    ...escalationSection(summary),
    ...breakdownSections(summary),
    ...recordErrorsSection(input),
  ];
  // Names and ids come from task data: nothing in them may drive the terminal.
  return out.join("\n").split("\n").map(printable).join("\n");
}

/**
 * The report as JSON: the summary, with the batch's bookkeeping beside it.
 *
 * @example JSON.parse(renderReportJson({ summary })).summary.outcomes.total // 1000
 */
export function renderReportJson(input: ReportInput): string {
  return typed("report", () => renderReportJsonOf(input));
}

function renderReportJsonOf(input: ReportInput): string {
  return `${JSON.stringify(
    {
      ...(input.practice && { practice: input.practice.name }),
      ...(input.generatedOn && { generatedOn: input.generatedOn }),
      ...(input.records && { records: input.records }),
      summary: input.summary,
    },
    null,
    2,
  )}\n`;
}

type CsvCell = string | number | boolean | undefined | null;

/** Each CSV table's header and rows. */
const csvTables: Record<ReportTable, (summary: Summary) => [string[], CsvCell[][]]> = {
  teams: (summary) => {
    const rules = summary.byRule.map((r) => r.ruleId);
    return [
      [
        ...["organisation", "odsCode", "team", "unit", "external", "total", "reject", "remind"],
        ...["accept", "humanReview", "escalation", ...rules],
      ],
      summary.byTeam.map((t) => [
        ...[t.organisation, t.odsCode, t.team, t.unit, t.external, t.total, t.reject, t.remind],
        ...[t.accept, t.humanReview, t.escalation, ...rules.map((id) => t.rules[id] ?? 0)],
      ]),
    ];
  },
  organisations: (summary) => [
    ["organisation", "odsCode", "kind", "total", "reject", "remind", "accept", "humanReview"],
    summary.byOrganisation.map((o) => [
      ...[o.organisation, o.odsCode, o.kind, o.total],
      ...[o.reject, o.remind, o.accept, o.humanReview],
    ]),
  ],
  rules: (summary) => [
    ["ruleId", "title", "severity", "tasks"],
    summary.byRule.map((r) => [r.ruleId, r.title, r.severity, r.count]),
  ],
  clauses: (summary) => [
    ["id", "clause", "title", "tasks"],
    summary.byClause.map((c) => [c.id, c.clause, c.title, c.count]),
  ],
  categories: (summary) => [
    ["category", "tasks"],
    summary.byCategory.map((c) => [c.category, c.count]),
  ],
  months: (summary) => [
    ["month", "total", "reject", "remind", "accept", "humanReview"],
    summary.byMonth.map((m) => [m.month, m.total, m.reject, m.remind, m.accept, m.humanReview]),
  ],
  escalation: (summary) => [
    [
      ...["organisation", "odsCode", "team", "unit", "level", "inWindow", "windowFrom", "asOf"],
      ...["peak", "peakEndingOn", "peakLevel", "totalNonCompliant", "dates", "reasons"],
    ],
    (summary.escalation?.teams ?? []).map((t) => [
      ...[t.team.organisation, t.team.odsCode, t.team.team ?? "", t.team.unit, t.level, t.count],
      ...[summary.escalation?.from, summary.escalation?.asOf],
      ...[t.peak.count, t.peak.endingOn, t.peak.level, t.totalNonCompliant, t.dates.join(" ")],
      t.reasons.map((r) => `${r.ruleId} ${r.count}`).join("; "),
    ]),
  ],
};

/**
 * One table of the report as CSV, for a spreadsheet. Cells a spreadsheet would read as a
 * formula are neutralised.
 *
 * @param input - the summary
 * @param table - which table: `teams` (default), `organisations`, `rules`, `clauses`, `categories`, `months`, `escalation`
 * @returns the CSV, CRLF line ends
 * @example renderReportCsv({ summary }, "months").split("\r\n")[0] // "month,total,reject,remind,accept,humanReview"
 */
export function renderReportCsv(input: ReportInput, table: ReportTable = "teams"): string {
  return typed("report", () => renderReportCsvOf(input, table));
}

function renderReportCsvOf(input: ReportInput, table: ReportTable = "teams"): string {
  const [header, rows] = csvTables[table](input.summary);
  return csvDocument(header, rows);
}
