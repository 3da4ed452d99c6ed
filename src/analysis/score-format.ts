/**
 * The score of a labelled set as text (tables, then every miss) and as JSON. The HTML page is
 * score-html.ts.
 */

import { typed } from "../errors/unreadable.js";
import { formatCount, printable, shortHash, textTable } from "./format.js";
import type { Metric, RecordPlace, Score, ScoreMiss } from "./score.js";

/** A fraction 0–1 to three places, as the gate's thresholds are written. */
export function fraction(x: number): string {
  return x.toFixed(3);
}

/** A record's place: `set-a.jsonl line 3`, or `line 3`. */
export function placeOf(place: RecordPlace): string {
  return place.file === undefined ? `line ${place.line}` : `${place.file} line ${place.line}`;
}

const yesNo = (b: boolean) => (b ? "yes" : "no");
const list = (ids: readonly string[]) => (ids.length === 0 ? "none" : ids.join(", "));

/** Each way a miss differs from its labels, one sentence each. */
export function missLines(miss: ScoreMiss): string[] {
  const lines: string[] = [];
  if (miss.differs.includes("rules")) {
    const parts = [
      ...(miss.missing.length > 0 ? [`missing ${miss.missing.join(", ")}`] : []),
      ...(miss.extra.length > 0 ? [`extra ${miss.extra.join(", ")}`] : []),
    ];
    lines.push(`rules: ${parts.join("; ")} (labelled: ${list(miss.expected.rules)})`);
  }
  if (miss.differs.includes("humanReview"))
    lines.push(
      `human review: labelled ${yesNo(miss.expected.humanReview)}, got ${yesNo(miss.got.humanReview)}`,
    );
  if (miss.differs.includes("category"))
    lines.push(`category: labelled ${miss.expected.category}, got ${miss.got.category}`);
  return lines;
}

/** The records summary line: scored, read, could not be scored. */
export function recordsLine(score: Score): string {
  return `${formatCount(score.tasks)} tasks scored of ${formatCount(score.records)} records (${formatCount(score.errors.length)} could not be scored)`;
}

function metricRows(metrics: Readonly<Record<string, Metric>>): (string | number)[][] {
  return Object.entries(metrics).map(([id, m]) => [
    id,
    m.support,
    m.tp,
    m.fp,
    m.fn,
    fraction(m.precision),
    fraction(m.recall),
    fraction(m.f1),
  ]);
}

const metricHeader = ["support", "tp", "fp", "fn", "precision", "recall", "F1"];

function confusionText(score: Score): string {
  const labels = Object.keys(score.categories);
  const rows = labels.map((expected, i) => [
    `${i + 1} ${expected}`,
    ...labels.map((got) => score.confusion[expected]?.[got] ?? 0),
  ]);
  return textTable(["expected \\ got", ...labels.map((_, i) => `${i + 1}`)], rows, 2);
}

/**
 * The score as text: the figures, a table of rules and of categories (support, counts,
 * precision, recall, F1), the confusion matrix of categories, every miss with its text, and
 * the records that could not be scored.
 *
 * @param score - from `scoreLabelled`
 * @returns the text, ending with a newline
 * @example renderScoreText(score).startsWith("Labelled set: 472 tasks scored") // true
 */
export function renderScoreText(score: Score): string {
  return typed("score", () => renderScoreTextOf(score));
}

function renderScoreTextOf(score: Score): string {
  const r = score.ruleset;
  const hr = score.humanReview;
  const out = [
    `Labelled set: ${recordsLine(score)}`,
    `Ruleset ${r.name} ${r.version} (${shortHash(r.hash)}), engine ${score.engine}`,
    `Exact (fired rules and human review as labelled): ${formatCount(score.exact.count)} of ${formatCount(score.tasks)} (${fraction(score.exact.fraction)})`,
    `Human review: precision ${fraction(hr.precision)}, recall ${fraction(hr.recall)} (tp ${hr.tp}, fp ${hr.fp}, fn ${hr.fn})`,
    "Fractions 0-1; precision and recall are 1 when nothing was labelled and nothing found.",
    "",
    "Rules",
    textTable(["rule", ...metricHeader], metricRows(score.rules), 2),
    "Categories",
    textTable(["category", ...metricHeader], metricRows(score.categories), 2),
    "Confusion matrix of categories (rows: labelled; columns: the verdict's, numbered as the rows)",
    confusionText(score),
  ];
  const { unknown } = score;
  if (unknown.rules.length + unknown.categories.length > 0) {
    out.push(
      `Labels the ruleset does not have: rules ${list(unknown.rules)}; categories ${list(unknown.categories)}`,
      "",
    );
  }
  out.push(`Misses (${formatCount(score.misses.length)})`);
  for (const miss of score.misses) {
    out.push(
      `  ${miss.id}${miss.voice ? ` · ${miss.voice}` : ""} · ${placeOf(miss)}`,
      ...missLines(miss).map((l) => `    ${l}`),
      `    body: ${miss.body.replace(/\s*\n\s*/g, " / ")}`,
    );
  }
  if (score.errors.length > 0) {
    out.push("", `Records that could not be scored (${formatCount(score.errors.length)})`);
    for (const e of score.errors)
      out.push(`  ${placeOf(e)}: ${e.code}${e.paths.length > 0 ? ` (${e.paths.join(", ")})` : ""}`);
  }
  // Ids, voices and bodies come from the analyst's files: no escape reaches the terminal.
  return `${out.join("\n").split("\n").map(printable).join("\n")}\n`;
}

/**
 * The score as one JSON document: `{ tasks, records, ruleset, engine, exact, humanReview,
 * rules, categories, confusion, misses, errors, unknown }`, fractions 0–1.
 *
 * @param score - from `scoreLabelled`
 * @returns the JSON, ending with a newline
 * @example JSON.parse(renderScoreJson(score)).rules["fit-note"].f1 // 0.974…
 */
export function renderScoreJson(score: Score): string {
  return typed("score", () => renderScoreJsonOf(score));
}

function renderScoreJsonOf(score: Score): string {
  return `${JSON.stringify(score, null, 2)}\n`;
}
