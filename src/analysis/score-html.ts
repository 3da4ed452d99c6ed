import { typed } from "../errors/unreadable.js";
import { barChart } from "./charts.js";
import { formatCount, shortHash } from "./format.js";
import type { Cell, LegendItem, ScoreView, Table } from "./page-views.js";
import { renderPage } from "./pages.js";
import type { Metric, Score } from "./score.js";
import { fraction, missLines, placeOf, recordsLine } from "./score-format.js";

const num = (n: number): Cell => ({ text: formatCount(n), numeric: true });
const frac = (x: number): Cell => ({ text: fraction(x), numeric: true });

function metricTable(first: string, metrics: Readonly<Record<string, Metric>>): Table {
  const headers = ["Support", "Found (tp)", "False alarms (fp)", "Missed (fn)"];
  return {
    columns: [
      { text: first, numeric: false },
      ...[...headers, "Precision", "Recall", "F1"].map((text) => ({ text, numeric: true })),
    ],
    rows: Object.entries(metrics).map(([id, m]) => ({
      cells: [
        { text: id, numeric: false, rowHeader: true },
        ...[m.support, m.tp, m.fp, m.fn].map(num),
        ...[m.precision, m.recall, m.f1].map(frac),
      ],
    })),
  };
}

const outcomes = [
  { name: "Found", swatch: "accept" },
  { name: "Missed", swatch: "reject" },
  { name: "False alarms", swatch: "remind" },
] as const;

/** Shades for the tasks put in the wrong category, as on the diff page's matrix. */
const shades = 4;

function confusion(score: Score): ScoreView["confusion"] {
  const labels = Object.keys(score.categories);
  const count = (expected: string, got: string) => score.confusion[expected]?.[got] ?? 0;
  const max = Math.max(1, ...labels.flatMap((e) => labels.map((g) => (e === g ? 0 : count(e, g)))));
  const shade = (n: number) => (n === 0 ? 0 : Math.min(shades, Math.ceil((shades * n) / max)));
  const legend: LegendItem[] = [
    { swatch: "shade-1", label: "Few tasks put in this category" },
    { swatch: "shade-4", label: `Most (${formatCount(max)}) tasks put in this category` },
    { swatch: "shade-0", label: "Labelled category given (the diagonal), or no task" },
  ];
  const rows = labels.map((expected, i) => ({
    cells: [
      { text: `${i + 1} ${expected}`, numeric: false, rowHeader: true },
      ...labels.map((got): Cell => {
        const n = count(expected, got);
        return {
          text: formatCount(n),
          numeric: true,
          shade: `shade-${expected === got ? 0 : shade(n)}`,
          hover: `${formatCount(n)} labelled ${expected}, given ${got}`,
        };
      }),
    ],
  }));
  return {
    note: "Rows: the labelled category; columns: the verdict's, numbered as the rows (hover over a count for both names). Off the diagonal, the darker the red, the more tasks put in the wrong category.",
    legend,
    table: {
      columns: [
        { text: "Labelled \\ verdict", numeric: false },
        ...labels.map((_, i) => ({ text: `${i + 1}`, numeric: true })),
      ],
      rows,
    },
  };
}

function pageHead(score: Score): ScoreView["page"] {
  const r = score.ruleset;
  return {
    title: "Score of a labelled evaluation set",
    lede: "The verdicts compared with the labels a careful reader of the guidance gave each task.",
    meta: [
      recordsLine(score),
      `ruleset ${r.name} ${r.version} (${shortHash(r.hash)})`,
      `engine ${score.engine}`,
    ],
    footer:
      "Made by gp-task-guard. The misses quote each task's text: share this page only where the labelled set may go.",
  };
}

function rulesSection(score: Score): ScoreView["rules"] {
  const rows = Object.entries(score.rules).map(([id, m]) => ({
    label: id,
    values: [m.tp, m.fn, m.fp],
  }));
  return {
    note: "Fractions 0 to 1. Support is the tasks labelled with the rule. Precision and recall are 1 when nothing was labelled and nothing found.",
    ...(rows.length > 0 && {
      chart: barChart({
        title: "Tasks per rule: found, missed and false alarms",
        axisLabel: "Tasks",
        series: outcomes,
        rows,
      }),
    }),
    table: metricTable("Rule", score.rules),
  };
}

/** The records that could not be scored, by file and line with the fields at fault. */
function errorsSection(score: Score): Pick<ScoreView, "errors"> {
  if (score.errors.length === 0) return {};
  const columns = ["Record", "Code", "Fields"].map((text) => ({ text, numeric: false }));
  return {
    errors: {
      note: "By file and line, with the fields at fault; values are not shown.",
      table: {
        columns,
        rows: score.errors.map((e) => ({
          cells: [placeOf(e), e.code, e.paths.join(", ")].map((text) => ({
            text,
            numeric: false,
          })),
        })),
      },
    },
  };
}

/**
 * The score page's view, for `templates/report/score.html.hbs`: the figures, a chart of each
 * rule's found, missed and false-alarm tasks, the rule and category tables, the shaded
 * confusion matrix and every miss with its text.
 *
 * @param score - from `scoreLabelled`
 * @returns the view
 * @example scoreView(score).rules.table.rows[0].cells[0].text // "external-tasks-declined"
 */
export function scoreView(score: Score): ScoreView {
  const hr = score.humanReview;
  return {
    page: pageHead(score),
    figures: [
      `Exact (fired rules and human review as labelled): ${formatCount(score.exact.count)} of ${formatCount(score.tasks)} tasks (${fraction(score.exact.fraction)}).`,
      `Human review: precision ${fraction(hr.precision)}, recall ${fraction(hr.recall)} (found ${hr.tp}, false alarms ${hr.fp}, missed ${hr.fn}).`,
    ],
    rules: rulesSection(score),
    categories: {
      note: "Each category against the rest: labelled category against the verdict's.",
      table: metricTable("Category", score.categories),
    },
    confusion: confusion(score),
    ...((score.unknown.rules.length > 0 || score.unknown.categories.length > 0) && {
      unknown: `Labels the ruleset does not have: rules ${score.unknown.rules.join(", ") || "none"}; categories ${score.unknown.categories.join(", ") || "none"}.`,
    }),
    misses: {
      note: `${formatCount(score.misses.length)} tasks whose rules, human review or category differ from their labels.`,
      items: score.misses.map((m) => ({
        head: `${m.id}${m.voice ? ` · ${m.voice}` : ""}`,
        place: placeOf(m),
        lines: missLines(m),
        body: m.body,
      })),
    },
    ...errorsSection(score),
  };
}

/**
 * The score as one self-contained HTML page (no script, no external resource), rendered from
 * `templates/report/score.html.hbs`; every value is escaped. In Node only: the page templates
 * are compiled when first rendered; a browser bundle throws a `TemplateError`.
 *
 * @param score - from `scoreLabelled`
 * @returns the HTML document
 * @throws {TemplateError} outside Node
 * @example renderScoreHtml(score).startsWith("<!DOCTYPE html>") // true
 */
export function renderScoreHtml(score: Score): string {
  return typed("score", () => renderScoreHtmlOf(score));
}

function renderScoreHtmlOf(score: Score): string {
  return renderPage("score", scoreView(score));
}
