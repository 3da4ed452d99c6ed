import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { describe, expect, it } from "vitest";
import { VerdictDiff } from "../../src/analysis/diff.js";
import { diffView, renderDiffHtml } from "../../src/analysis/diff-html.js";
import { checkPages } from "../../src/analysis/page-templates.js";
import type { BarChart, ColumnChart, LegendItem } from "../../src/analysis/page-views.js";
import { renderReportHtml, reportView } from "../../src/analysis/report-html.js";
import { summarise } from "../../src/analysis/summarise.js";
import { createGuard } from "../../src/engine/guard.js";
import { TemplateError } from "../../src/errors/template-error.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { practiceWith } from "../input/helpers.js";

const folder = join(import.meta.dirname, "..", "..", "templates", "report");
const sources: Record<string, string> = Object.fromEntries(
  [
    ...readdirSync(folder).filter((f) => f.endsWith(".hbs")),
    ...readdirSync(join(folder, "partials")).map((f) => `partials/${f}`),
  ].map((file) => [file, readFileSync(join(folder, file), "utf8")]),
);

/** The bundled example practice, with an escalation contact these reports name. */
const practice = practiceWith({
  escalationContact: { name: "Alex Example" },
}) as PracticePolicyInput;

function task(id: string, day: string, unit: string, body: string): TaskInputRaw {
  return {
    id,
    sentAt: `${day}T10:00:00Z`,
    sender: { organisation: unit === "Example Surgery" ? "Example Surgery" : "Trust <b>", unit },
    recipient: { unit: "Example Surgery", assignment: "group", assignee: "Admin" },
    body,
  };
}

const tasks = [
  task("A", "2026-09-10", "Ward 4", "Seen in clinic. Please issue a fit note for 6 weeks."),
  task("B", "2026-10-02", "Ward 4", "Please refer the patient to physiotherapy."),
  task("C", "2026-12-01", "Ward 4", "For information: discharged home today."),
  task("D", "2026-12-03", "Example Surgery", "Please call the patient about their blood test."),
];

async function summary() {
  const guard = createGuard({ practice });
  const pairs = [];
  for (const t of tasks) pairs.push({ verdict: await guard.evaluate(t), task: t });
  return summarise(pairs, { ruleset: defaultRuleset() });
}

function swatches(chart: BarChart | ColumnChart): Set<string> {
  const bars =
    "rows" in chart ? chart.rows.flatMap((r) => r.bars) : chart.columns.flatMap((c) => c.bars);
  return new Set(bars.map((b) => b.swatch));
}

function legendSwatches(legend: readonly LegendItem[]): Set<string> {
  return new Set(legend.map((l) => l.swatch));
}

describe("the analyst's HTML pages", () => {
  it("check every template against its view before it is compiled", () => {
    expect(Object.keys(sources)).toContain("partials/bar-chart.hbs");
    expect(() => checkPages(sources)).not.toThrow();
    const broken = (file: string, source: string) => () =>
      checkPages({ ...sources, [file]: source });
    expect(broken("report.html.hbs", "{{#> page.html}}{{kpis.0.vlaue}}{{/page.html}}")).toThrow(
      /Template report\.html\.hbs \(kpis\.0\.vlaue\): unknown field "vlaue"/,
    );
    expect(broken("diff.html.hbs", "{{#> page.html}}{{{summary}}}{{/page.html}}")).toThrow(
      /HTML letters escape all data/,
    );
    expect(broken("partials/legend.hbs", "{{#each this}}{{swatch}}{{colour}}{{/each}}")).toThrow(
      TemplateError,
    );
    expect(broken("scores.html.hbs", "{{x}}")).toThrow(/unknown template name/);
    expect(
      broken("score.html.hbs", "{{#> page.html}}{{misses.items.0.bdy}}{{/page.html}}"),
    ).toThrow(/unknown field "bdy"/);
    expect(broken("report.html.hbs", "{{formatDate page.title}}")).toThrow(/unknown helper/);
    expect(broken("report.html.hbs", "{{count page.meta}}")).toThrow(/count needs a single value/);
  });

  it("groups the report's rules by severity, reject first, with information rules apart", async () => {
    const view = reportView({ summary: await summary() });
    const rows = view.rules.chart.rows;
    expect(rows[0]).toMatchObject({ heading: true, label: "Reject: the task is not acted on" });
    const remindAt = rows.findIndex((r) => r.heading && r.label.startsWith("Remind"));
    expect(remindAt).toBeGreaterThan(1);
    const severity = new Map(defaultRuleset().rules.map((r) => [r.title, r.severity]));
    const bars = rows.filter((r) => !r.heading);
    expect(bars.map((r) => severity.get(r.label))).not.toContain("info");
    expect(rows.slice(1, remindAt).every((r) => severity.get(r.label) === "reject")).toBe(true);
    const fitNote = bars.find(
      (r) => r.label === "Reject requests for fit notes the provider must issue",
    );
    expect(fitNote?.hover).toBe("Reject requests for fit notes the provider must issue (fit-note)");
    const info = defaultRuleset().rules.filter((r) => r.severity === "info");
    expect(info.length).toBeGreaterThan(0);
    expect(view.information?.chart.rows.map((r) => severity.get(r.label))).toEqual(
      info.map(() => "info"),
    );
  });

  it("names months the en-GB way, three letters each, with labelled axes", async () => {
    const chart = reportView({ summary: await summary() }).months.chart;
    expect(chart.columns.map((c) => `${c.label} ${c.sublabel}`.trim())).toEqual([
      "Sep 2026",
      "Oct",
      "Nov",
      "Dec",
    ]);
    expect(chart.yAxis.text).toBe("Tasks sent");
    expect(chart.xAxis.text).toBe("Month sent (Europe/London)");
  });

  it("keeps the practice's own units apart from other providers", async () => {
    const view = reportView({ summary: await summary() });
    expect(view.senders.chart?.rows.map((r) => r.label)).toEqual(["Trust <b>"]);
    expect(view.senders.internal).toMatch(
      /^Not shown: 1 task sent within the practice, from its own units \(Example Surgery\)/,
    );
    expect(view.teams.external.rows.map((r) => r.cells[1]?.text)).toEqual(["Ward 4"]);
    expect(view.teams.internal?.rows.map((r) => r.cells[1]?.text)).toEqual(["Example Surgery"]);
    expect(view.kpis[0]?.label).toBe("tasks evaluated (3 from other providers)");
  });

  it("gives every colour of every chart a legend entry", async () => {
    const view = reportView({ summary: await summary() });
    const charts = [
      view.months.chart,
      view.senders.chart,
      view.rules.chart,
      view.information?.chart,
      view.clauses.chart,
    ].filter((c): c is BarChart | ColumnChart => c !== undefined);
    expect(charts.length).toBe(5);
    for (const chart of charts) {
      const legend = legendSwatches(chart.legend);
      for (const swatch of swatches(chart)) expect(legend, chart.title).toContain(swatch);
    }
    const badges = (view.escalation?.table?.rows ?? []).flatMap((r) => r.cells.map((c) => c.badge));
    const levels = legendSwatches(view.escalation?.legend ?? []);
    for (const badge of badges.filter(Boolean)) expect(levels).toContain(badge);
  });
});

async function validate(html: string): Promise<string[]> {
  const report = await new HtmlValidate({
    extends: ["html-validate:recommended"],
    rules: { "no-inline-style": "off", "long-title": "off" },
  }).validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
}

describe("the ruleset diff page", () => {
  it("shades changed outcomes with a legend for each shade, and escapes task ids", async () => {
    const base = defaultRuleset();
    const guard = createGuard({ practice, ruleset: base });
    const diff = new VerdictDiff(base, base);
    const verdict = await guard.evaluate(tasks[0] as TaskInputRaw);
    diff.add("<script>x</script>", verdict, { error: "INPUT_INVALID" });
    diff.add("T2", verdict, verdict);
    const view = diffView(diff.result());
    const shades = view.matrix.table.rows.flatMap((r) => r.cells.map((c) => c.shade));
    const legend = legendSwatches(view.matrix.legend);
    for (const shade of shades.filter(Boolean)) expect(legend).toContain(shade);
    expect(shades.filter((s) => s !== undefined && s !== "shade-0")).toEqual(["shade-4"]);
    expect(view.rules.rows[0]?.cells[0]).toMatchObject({
      text: "Reject external tasks once the practice has stopped accepting them",
      hover: "external-tasks-declined",
    });
    const html = renderDiffHtml(diff.result());
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(html).toContain('<i class="shade-4"></i>1 task changed this way');
    expect(await validate(html)).toEqual([]);
    expect(await validate(renderReportHtml({ summary: await summary() }))).toEqual([]);
  });
});
