import { typed } from "../errors/unreadable.js";
import {
  type DiffState,
  describeChange,
  matrixStates,
  type RulesetDiff,
  rulesetLabel,
  signed,
} from "./diff.js";
import { formatCount, formatPercent } from "./format.js";
import type { Cell, DiffView, LegendItem, Table } from "./page-views.js";
import { renderPage } from "./pages.js";

const stateNames: Record<DiffState, string> = {
  accept: "Accepted",
  remind: "Reminder sent",
  reject: "Rejected",
  error: "Could not be evaluated",
};

const statusNames: Record<RulesetDiff["rules"][number]["status"], string> = {
  same: "unchanged",
  added: "added",
  removed: "removed",
  changed: "changed",
};

/** Shades of red for the tasks that changed outcome: four steps up to the largest cell. */
const shades = 4;

function shadeOf(n: number, max: number): number {
  return n === 0 ? 0 : Math.min(shades, Math.ceil((shades * n) / max));
}

function matrixLegend(max: number): LegendItem[] {
  const legend: LegendItem[] = [];
  for (let level = 1; level <= shades; level++) {
    const low = Math.floor(((level - 1) * max) / shades) + 1;
    const high = Math.floor((level * max) / shades);
    if (high < low) continue;
    const tasks =
      low === high ? `${formatCount(low)}` : `${formatCount(low)} to ${formatCount(high)}`;
    legend.push({
      swatch: `shade-${level}`,
      label: `${tasks} task${high === 1 ? "" : "s"} changed this way`,
    });
  }
  legend.push({ swatch: "shade-0", label: "Outcome unchanged (the diagonal), or no task" });
  return legend;
}

function matrix(diff: RulesetDiff): DiffView["matrix"] {
  const shown = matrixStates(diff);
  const max = Math.max(
    1,
    ...shown.flatMap((from) => shown.map((to) => (from === to ? 0 : diff.matrix[from][to]))),
  );
  const table: Table = {
    columns: [
      { text: "Before \\ after", numeric: false },
      ...shown.map((s) => ({ text: stateNames[s], numeric: true })),
    ],
    rows: shown.map((from) => ({
      cells: [
        { text: stateNames[from], numeric: false, rowHeader: true },
        ...shown.map((to): Cell => {
          const n = diff.matrix[from][to];
          return {
            text: formatCount(n),
            numeric: true,
            shade: `shade-${from === to ? 0 : shadeOf(n, max)}`,
            hover: `${formatCount(n)} task${n === 1 ? "" : "s"}: ${stateNames[from].toLowerCase()} before, ${stateNames[to].toLowerCase()} after`,
          };
        }),
      ],
    })),
  };
  return {
    note: "Rows: the outcome under the base ruleset; columns: the outcome under the candidate. Shading shows where tasks moved: the darker the red, the more tasks.",
    table,
    legend: matrixLegend(max),
  };
}

function rulesTable(diff: RulesetDiff): Table {
  return {
    columns: [
      { text: "Rule", numeric: false },
      { text: "Before", numeric: true },
      { text: "After", numeric: true },
      { text: "Change", numeric: true },
      { text: "Rule file", numeric: false },
    ],
    rows: diff.rules.map((r) => ({
      cells: [
        { text: r.title, hover: r.ruleId, numeric: false },
        { text: formatCount(r.before), numeric: true },
        { text: formatCount(r.after), numeric: true },
        { text: signed(r.after - r.before), numeric: true },
        { text: statusNames[r.status], numeric: false },
      ],
    })),
  };
}

function samples(diff: RulesetDiff): DiffView["samples"] {
  const titles = new Map(diff.rules.map((r) => [r.ruleId, r.title]));
  const tasks = (n: number) => `${formatCount(n)} task${n === 1 ? "" : "s"}`;
  return [
    ...diff.transitions.map((t) => ({
      head: { text: `${stateNames[t.from]} → ${stateNames[t.to].toLowerCase()}` },
      text: `(${tasks(t.count)})`,
      ids: t.samples.join(", "),
    })),
    ...diff.ruleChanges.flatMap((r) => {
      const head = { text: titles.get(r.ruleId) ?? r.ruleId, hover: r.ruleId };
      return [
        ...(r.gained > 0
          ? [{ head, text: `now fires (${tasks(r.gained)})`, ids: r.gainedSamples.join(", ") }]
          : []),
        ...(r.lost > 0
          ? [{ head, text: `no longer fires (${tasks(r.lost)})`, ids: r.lostSamples.join(", ") }]
          : []),
      ];
    }),
  ];
}

/**
 * The diff page's view, for `templates/report/diff.html.hbs`: the changes in the rules, the
 * shaded outcome matrix with its legend, rules by title (ids on hover) and sample task ids.
 *
 * @param diff - the comparison from `VerdictDiff.result()`
 * @returns the view
 * @example diffView(diff).matrix.legend.at(-1)?.swatch // "shade-0"
 */
export function diffView(diff: RulesetDiff): DiffView {
  return {
    page: {
      title: "Ruleset diff",
      lede: `${rulesetLabel(diff.base)} → ${rulesetLabel(diff.candidate)}`,
      meta: [`${formatCount(diff.total)} tasks evaluated under both rulesets`],
      footer:
        "Made by gp-task-guard. Tasks are named by their ids only: no patient detail or task text.",
    },
    summary: `Outcome changed on ${formatCount(diff.outcomeChanged)} of ${formatCount(diff.total)} tasks (${formatPercent(diff.outcomeChanged, diff.total)}); findings changed with the same outcome on ${formatCount(diff.findingsChanged)}.`,
    changes: diff.changes.map(describeChange),
    matrix: matrix(diff),
    rules: rulesTable(diff),
    samples: samples(diff),
  };
}

/**
 * The diff as one self-contained HTML page (no script, no external resource), rendered from
 * `templates/report/diff.html.hbs`, every value escaped. In Node only: the page templates are
 * compiled when first rendered; a browser bundle throws a `TemplateError`.
 *
 * @throws {TemplateError} outside Node
 * @example renderDiffHtml(diff).startsWith("<!DOCTYPE html>") // true
 */
export function renderDiffHtml(diff: RulesetDiff): string {
  return typed("diff", () => renderDiffHtmlOf(diff));
}

function renderDiffHtmlOf(diff: RulesetDiff): string {
  return renderPage("diff", diffView(diff));
}
