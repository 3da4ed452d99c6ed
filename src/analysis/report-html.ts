import { stackedBars, stackedColumns } from "./charts.js";
import {
  escapeHtml,
  formatCount,
  formatDay,
  formatDayShort,
  formatMonth,
  formatPercent,
  shortHash,
} from "./format.js";
import { escalationLabels, type ReportInput } from "./report.js";
import type { EscalationLevel } from "./summarise.js";

/** NHS identity colours: red, warm yellow, green, blue. */
const colors = {
  reject: "#d5281b",
  remind: "#ffb81c",
  accept: "#007f3b",
  info: "#005eb8",
} as const;
const levelColors: Record<EscalationLevel, string> = {
  none: "#e8edee",
  "remind-team": "#fff3c4",
  "service-lead": "#ffd9a8",
  "icb-or-lmc": "#f6c6c1",
};

const style = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f0f4f5; color: #212b32; font: 15px/1.45 Arial, "Helvetica Neue", Helvetica, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 40px; background: #fff; }
header { border-bottom: 4px solid #005eb8; padding-bottom: 12px; margin-bottom: 20px; }
h1 { font-size: 26px; margin: 0 0 6px; line-height: 1.2; }
h2 { font-size: 19px; margin: 28px 0 4px; }
p { margin: 4px 0; }
.meta { color: #4c6272; font-size: 14px; }
.note { color: #4c6272; font-size: 13px; margin-bottom: 8px; }
.kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin: 16px 0 4px; }
.kpi { border: 1px solid #d8dde0; border-top: 5px solid #005eb8; padding: 8px 10px; border-radius: 4px; }
.kpi b { display: block; font-size: 24px; line-height: 1.2; }
.kpi span { font-size: 12.5px; color: #4c6272; }
.kpi.reject { border-top-color: ${colors.reject}; } .kpi.remind { border-top-color: ${colors.remind}; }
.kpi.accept { border-top-color: ${colors.accept}; } .kpi.review { border-top-color: #330072; }
.kpi.escalate { border-top-color: #7c2855; }
figure { margin: 6px 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 6px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #d8dde0; vertical-align: top; }
th { background: #f0f4f5; font-weight: bold; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.small { font-size: 12px; color: #4c6272; } .nowrap { white-space: nowrap; }
.level { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; white-space: nowrap; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
footer { margin-top: 28px; padding-top: 10px; border-top: 1px solid #d8dde0; font-size: 12px; color: #4c6272; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section, figure, table { break-inside: avoid; }
  .kpis { grid-template-columns: repeat(3, 1fr); }
}
`;

function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  numeric: readonly boolean[],
): string {
  const th = header
    .map((h, i) => `<th${numeric[i] ? ' class="n"' : ""}>${escapeHtml(h)}</th>`)
    .join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, i) =>
            numeric[i]
              ? `<td class="n">${typeof cell === "number" ? formatCount(cell) : escapeHtml(cell)}</td>`
              : `<td>${typeof cell === "number" ? formatCount(cell) : cell}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("");
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Short labels for the escalation table's badges; the note above the table spells them out. */
const shortLabels: Record<EscalationLevel, string> = {
  none: "None",
  "remind-team": "Remind the team",
  "service-lead": "Service lead",
  "icb-or-lmc": "ICB or LMC",
};

function badge(level: EscalationLevel): string {
  return `<span class="level" style="background:${levelColors[level]}" title="${escapeHtml(escalationLabels[level])}">${escapeHtml(shortLabels[level])}</span>`;
}

/**
 * The report as one self-contained HTML document for a committee paper: headline figures,
 * inline SVG charts (tasks per month by outcome, by sending organisation, rules fired, contract
 * clauses cited), the escalation table and the team table. No script, no external resource,
 * print CSS for A4; every value from task data is escaped. No NHS number or task text appears.
 *
 * @param input - the summary and the batch's bookkeeping
 * @returns the HTML document
 * @example renderReportHtml({ summary }).startsWith("<!DOCTYPE html>") // true
 */
export function renderReportHtml(input: ReportInput): string {
  const { summary } = input;
  const total = summary.outcomes.total;
  const esc = summary.escalation;
  const escalating = esc ? esc.levels["service-lead"] + esc.levels["icb-or-lmc"] : 0;
  const title = `Tasks sent${input.practice ? ` to ${input.practice.name}` : ""} through SystmOne`;
  const period = summary.period
    ? `${formatDay(summary.period.from)} to ${formatDay(summary.period.to)}`
    : "no tasks";
  const text = (s: string) => escapeHtml(s);

  const kpi = (cls: string, value: string, label: string) =>
    `<div class="kpi ${cls}"><b>${text(value)}</b><span>${text(label)}</span></div>`;
  const kpis = [
    kpi("", formatCount(total), "tasks evaluated"),
    kpi(
      "reject",
      formatPercent(summary.outcomes.reject, total),
      `rejected (${formatCount(summary.outcomes.reject)})`,
    ),
    kpi(
      "remind",
      formatPercent(summary.outcomes.remind, total),
      `reminder sent (${formatCount(summary.outcomes.remind)})`,
    ),
    kpi(
      "accept",
      formatPercent(summary.outcomes.accept, total),
      `accepted (${formatCount(summary.outcomes.accept)})`,
    ),
    kpi(
      "review",
      formatCount(summary.outcomes.humanReview),
      "needed a person to read them (urgent or safety)",
    ),
    kpi("escalate", formatCount(escalating), "teams to escalate beyond a reminder"),
  ].join("");

  const months = stackedColumns({
    title: "Tasks per month by outcome",
    labels: summary.byMonth.map((m) => formatMonth(m.month)),
    series: [
      { name: "Rejected", color: colors.reject, values: summary.byMonth.map((m) => m.reject) },
      { name: "Reminder", color: colors.remind, values: summary.byMonth.map((m) => m.remind) },
      { name: "Accepted", color: colors.accept, values: summary.byMonth.map((m) => m.accept) },
    ],
  });

  const organisations = summary.byOrganisation.slice(0, 14);
  const byOrganisation = stackedBars({
    title: "Tasks by sending organisation and outcome",
    labels: organisations.map((o) => o.organisation),
    series: [
      { name: "Rejected", color: colors.reject, values: organisations.map((o) => o.reject) },
      { name: "Reminder", color: colors.remind, values: organisations.map((o) => o.remind) },
      { name: "Accepted", color: colors.accept, values: organisations.map((o) => o.accept) },
    ],
  });

  const rules = summary.byRule;
  const byRule = stackedBars({
    title: "Tasks on which each rule fired",
    labels: rules.map((r) => r.title),
    series: [{ name: "tasks", color: colors.info, values: rules.map((r) => r.count) }],
    rowColors: rules.map((r) => colors[r.severity]),
    labelWidth: 540,
  });

  const clauses = summary.byClause;
  const byClause =
    clauses.length === 0
      ? `<p class="note">No finding cited a contract clause.</p>`
      : stackedBars({
          title: "Tasks by NHS Standard Contract clause cited",
          labels: clauses.map((c) => `${c.clause} ${c.title}`),
          series: [{ name: "tasks", color: colors.info, values: clauses.map((c) => c.count) }],
          labelWidth: 330,
          width: 960,
        });

  const escalationSection = esc
    ? `<section id="escalation"><h2>Escalation by team</h2>
<p class="note">Non-compliant external tasks (rejected or reminded) sent in the ${esc.windowDays} days from ${text(formatDay(esc.from))} to ${text(formatDay(esc.asOf))}. The guidance's route: remind the team first; from ${esc.serviceLeadAt} tasks in the window contact its service lead or manager; from ${esc.icbAt}, tell the ICB primary care team or Humberside LMCs. "Peak" is the most in any ${esc.windowDays}-day window of the period.</p>
${
  esc.teams.length === 0
    ? `<p>No team sent a non-compliant task.</p>`
    : table(
        ["Organisation", "Team", "In window", "Next step", "Peak", "Main reasons"],
        esc.teams.map((t) => [
          text(t.team.organisation),
          text(t.team.team ?? t.team.unit),
          t.count,
          badge(t.level),
          `<span class="nowrap">${formatCount(t.peak.count)}</span> <span class="small nowrap">to ${escapeHtml(formatDayShort(t.peak.endingOn))}</span>`,
          `<span class="small">${text(
            t.reasons
              .slice(0, 3)
              .map((r) => `${r.ruleId} (${formatCount(r.count)})`)
              .join(", "),
          )}</span>`,
        ]),
        [false, false, true, false, false, false],
      )
}</section>`
    : "";

  const teams = table(
    ["Organisation", "Team", "Tasks", "Rejected", "Reminder", "Accepted", "Human review"],
    summary.byTeam.map((t) => [
      text(t.organisation),
      text(t.team),
      t.total,
      t.reject,
      t.remind,
      t.accept,
      t.humanReview,
    ]),
    [false, false, true, true, true, true, true],
  );
  const categories = table(
    ["Category", "Tasks", "Share"],
    summary.byCategory.map((c) => [text(c.category), c.count, formatPercent(c.count, total)]),
    [false, true, true],
  );
  const errors =
    input.records && input.records.errors.length > 0
      ? `<section id="errors"><h2>Records that could not be evaluated</h2><p class="note">Line numbers in the batch file and the fields at fault; values are not shown.</p>${table(
          ["Line", "Code", "Fields"],
          input.records.errors
            .slice(0, 200)
            .map((e) => [e.line, text(e.code), text(e.paths.join(", "))]),
          [true, false, false],
        )}</section>`
      : "";

  const meta = [
    `${formatCount(total)} tasks sent from ${period}`,
    ...summary.rulesets.map((r) => `ruleset ${r.name} ${r.version} (${shortHash(r.hash)})`),
    ...(input.records
      ? [
          `${formatCount(input.records.read)} records read, ${formatCount(input.records.errors.length)} could not be evaluated`,
        ]
      : []),
    ...(input.generatedOn ? [`generated ${formatDay(input.generatedOn)}`] : []),
  ];

  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
<header>
<h1>${text(title)}</h1>
<p>Checked against Humberside LMCs' guidance on tasking in clinical systems (October 2024) and the NHS Standard Contract.</p>
<p class="meta">${text(meta.join(" · "))}</p>
</header>
<div class="kpis">${kpis}</div>
<section id="months"><h2>Tasks per month</h2><p class="note">By the date each task was sent, Europe/London calendar.</p><figure>${months}</figure></section>
<section id="senders"><h2>Who sends tasks</h2><figure>${byOrganisation}</figure></section>
${escalationSection}
<section id="rules"><h2>Why tasks were rejected or reminded</h2><p class="note">Tasks on which each rule fired (red: reject, yellow: reminder, blue: information for the sender). A task can break several rules.</p><figure>${byRule}</figure></section>
<section id="clauses"><h2>Contract clauses</h2><p class="note">Tasks whose findings cite each NHS Standard Contract clause: work that is the sending provider's responsibility.</p><figure>${byClause}</figure></section>
<section id="teams"><h2>By team</h2>${teams}</section>
<section id="categories"><h2>By category</h2><div class="two"><div>${categories}</div><div></div></div></section>
${errors}
<footer>Made by gp-task-guard. The report holds counts only: no NHS number, patient detail or task text.</footer>
</main>
</body>
</html>
`;
}
