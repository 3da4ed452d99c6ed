/**
 * The geometry of the HTML pages' charts: positions and sizes worked out here, drawn as inline
 * SVG by the `bar-chart` and `column-chart` partials (templates/report/partials). Plain markup,
 * no script, no fonts or images fetched, so a page opens on a closed NHS network and prints as
 * it shows. Colours are swatch names, styled by the page's stylesheet, and every chart carries
 * a legend for each colour it uses and a label on its value axis.
 */
import { formatCount, formatMonth } from "./format.js";
import type { BarChart, ColumnChart, LegendItem } from "./page-views.js";

/** One series of a chart: its name (for the legend and tooltips) and its swatch. */
export interface Series {
  name: string;
  swatch: string;
}

/** A round step for axis ticks: 1, 2, 2.5 or 5 times a power of ten, giving at most about `count` ticks. */
export function niceStep(max: number, count: number): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10;
  return Math.max(1, step);
}

const round = (n: number) => Math.round(n * 10) / 10;

function scale(maxTotal: number): { step: number; max: number } {
  const step = niceStep(maxTotal, 5);
  return { step, max: Math.max(step, Math.ceil(maxTotal / step) * step) };
}

function legendOf(series: readonly Series[]): LegendItem[] {
  return series.map((s) => ({ swatch: s.swatch, label: s.name }));
}

/** A row of a bar chart: its label, the rule id or full name for its tooltip, one value per series. */
export interface BarRow {
  label: string;
  hover?: string;
  values: readonly number[];
  /** Overrides the series' swatch for this row (a single-series chart coloured by severity). */
  swatch?: string;
}

/** Options of `barChart`. */
export interface BarChartOptions {
  /** The chart's accessible name. */
  title: string;
  /** What the value axis counts, e.g. "Tasks". */
  axisLabel: string;
  series: readonly Series[];
  /** Rows, and `{ heading }` entries that open a group. */
  rows: readonly (BarRow | { heading: string })[];
  /** The legend; default: one entry per series when there are several. */
  legend?: readonly LegendItem[];
  width?: number;
  labelWidth?: number;
  rowHeight?: number;
}

function cut(label: string, maxChars: number): string {
  const chars = [...label];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join("")}…` : label;
}

/**
 * Horizontal bars, stacked when there are several series, one row per label, each row's total
 * at its end, ticks and a label on the value axis. Long labels are cut with an ellipsis; the
 * row's tooltip holds the full label (and `hover`, e.g. the rule id).
 *
 * @param options - rows, series, legend and size
 * @returns the chart's view for the `bar-chart` partial
 * @example barChart({ title: "By rule", axisLabel: "Tasks", series: [{ name: "Tasks", swatch: "count" }], rows: [{ label: "Fit note", values: [3] }] }).rows[0].total // "3"
 */
export function barChart(options: BarChartOptions): BarChart {
  const width = options.width ?? 960;
  const labelWidth = options.labelWidth ?? 330;
  const rowHeight = options.rowHeight ?? 24;
  const legend = options.legend ?? (options.series.length > 1 ? legendOf(options.series) : []);
  const top = 8;
  const plotW = width - labelWidth - 56;
  const plotBottom = top + rowHeight * options.rows.length;
  const totals = options.rows.map((row) => ("heading" in row ? 0 : sum(row.values)));
  const { step, max } = scale(Math.max(...totals));
  const x = (v: number) => round(labelWidth + (v / max) * plotW);
  const ticks = ticksOf(step, max, (v, label) => ({
    ...{ x1: x(v), x2: x(v), y1: top, y2: plotBottom },
    ...{ labelX: x(v), labelY: plotBottom + 14, label },
  }));
  const layout = { series: options.series, x, rowHeight, maxChars: Math.floor(labelWidth / 6.3) };
  return {
    title: options.title,
    width,
    height: plotBottom + 40,
    legend: [...legend],
    ticks,
    axis: { text: options.axisLabel, x: round(labelWidth + plotW / 2), y: plotBottom + 34 },
    labelX: labelWidth - 8,
    rows: options.rows.map((row, i) => barRow(row, top + rowHeight * i, layout)),
  };
}

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

function ticksOf<T>(step: number, max: number, tick: (value: number, label: string) => T): T[] {
  const ticks: T[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(tick(v, formatCount(v)));
  return ticks;
}

/** The stacked pieces of one row or column: each series' value, from where the last ended. */
function segments(values: readonly number[], series: readonly Series[]) {
  const out: { series: Series; from: number; to: number; value: number }[] = [];
  let base = 0;
  series.forEach((s, k) => {
    const value = values[k] ?? 0;
    if (value > 0) out.push({ series: s, from: base, to: base + value, value });
    base += value;
  });
  return out;
}

function barRow(
  row: BarRow | { heading: string },
  yTop: number,
  layout: {
    series: readonly Series[];
    x: (v: number) => number;
    rowHeight: number;
    maxChars: number;
  },
): BarChart["rows"][number] {
  const textY = round(yTop + layout.rowHeight / 2 + 4);
  if ("heading" in row) {
    const label = row.heading;
    return { heading: true, label, hover: label, textY, bars: [], total: "", totalX: 0 };
  }
  const { x } = layout;
  const height = round(layout.rowHeight * 0.66);
  const y = round(yTop + (layout.rowHeight - height) / 2);
  const bars = segments(row.values, layout.series).map((p) => ({
    ...{ x: x(p.from), y, width: Math.max(0.5, round(x(p.to) - x(p.from))), height },
    swatch: row.swatch ?? p.series.swatch,
    hover: `${row.label}: ${formatCount(p.value)} ${p.series.name.toLowerCase()}`,
  }));
  const total = sum(row.values);
  return {
    heading: false,
    label: cut(row.label, layout.maxChars),
    hover: row.hover ? `${row.label} (${row.hover})` : row.label,
    textY,
    bars,
    total: formatCount(total),
    totalX: round(x(total) + 6),
  };
}

/** Options of `monthChart`. */
export interface MonthChartOptions {
  title: string;
  /** What the value axis counts, e.g. "Tasks sent". */
  axisLabel: string;
  /** What the category axis is, e.g. "Month sent (Europe/London)". */
  monthsLabel: string;
  /** The months, `YYYY-MM`, in order. */
  months: readonly string[];
  /** Series stacked bottom to top, with one value per month each. */
  series: readonly (Series & { values: readonly number[] })[];
  width?: number;
  height?: number;
}

/**
 * Stacked columns, one per month, labelled "Sep" with the year under the first month and
 * every January (en-GB month names, never mixed with "Sept"), a labelled value axis with
 * ticks, and a legend.
 *
 * @param options - months, series, axis labels and size
 * @returns the chart's view for the `column-chart` partial
 * @example monthChart({ title: "Tasks per month", axisLabel: "Tasks", monthsLabel: "Month", months: ["2026-09"], series: [] }).columns[0].label // "Sep"
 */
export function monthChart(options: MonthChartOptions): ColumnChart {
  const width = options.width ?? 960;
  const height = options.height ?? 300;
  const left = 64;
  const top = 16;
  const plotW = width - left - 12;
  const plotH = height - top - 58;
  const { step, max } = scale(
    Math.max(0, ...options.months.map((_, i) => sum(options.series.map((s) => s.values[i] ?? 0)))),
  );
  const y = (v: number) => round(top + plotH - (v / max) * plotH);
  const ticks = ticksOf(step, max, (v, label) => ({
    ...{ x1: left, x2: width - 12, y1: y(v), y2: y(v) },
    ...{ labelX: left - 6, labelY: round(y(v) + 4), label },
  }));
  const band = plotW / Math.max(1, options.months.length);
  const layout = {
    series: options.series,
    y,
    barW: round(Math.min(48, band * 0.7)),
    base: top + plotH,
  };
  return {
    title: options.title,
    width,
    height,
    legend: legendOf(options.series),
    ticks,
    xAxis: { text: options.monthsLabel, x: round(left + plotW / 2), y: height - 6 },
    yAxis: { text: options.axisLabel, x: 16, y: round(top + plotH / 2) },
    columns: options.months.map((month, i) =>
      monthColumn(month, i, round(left + band * i + band / 2), layout),
    ),
  };
}

function monthColumn(
  month: string,
  i: number,
  centre: number,
  layout: {
    series: MonthChartOptions["series"];
    y: (v: number) => number;
    barW: number;
    base: number;
  },
): ColumnChart["columns"][number] {
  const { y, barW } = layout;
  const values = layout.series.map((s) => s.values[i] ?? 0);
  const [name = month, year = ""] = formatMonth(month, "short").split(" ");
  const bars = segments(values, layout.series).map((p) => ({
    ...{ x: round(centre - barW / 2), y: y(p.to), width: barW, height: round(y(p.from) - y(p.to)) },
    swatch: p.series.swatch,
    hover: `${formatMonth(month, "long")}: ${formatCount(p.value)} ${p.series.name.toLowerCase()}`,
  }));
  const total = sum(values);
  return {
    centre,
    bars,
    total: total > 0 ? formatCount(total) : "",
    totalY: round(y(total) - 4),
    label: name,
    labelY: layout.base + 16,
    sublabel: i === 0 || month.endsWith("-01") ? year : "",
    sublabelY: layout.base + 30,
  };
}
