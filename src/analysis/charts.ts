/**
 * Inline SVG charts for the HTML report: plain markup, no script, no fonts or images fetched,
 * so the report opens on a closed NHS network and prints as it shows. Every label is escaped.
 */
import { escapeHtml, formatCount } from "./format.js";

/** One series of a chart: its name, its colour and one value per category. */
export interface Series {
  name: string;
  color: string;
  values: readonly number[];
}

const font = 'font-family="inherit"';

/** A round step for axis ticks: 1, 2, 2.5 or 5 times a power of ten, giving at most about `count` ticks. */
function niceStep(max: number, count: number): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10;
  return Math.max(1, step);
}

function svgOpen(width: number, height: number, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>`;
}

function legend(series: readonly Series[], x: number, y: number): string {
  let offset = x;
  return series
    .map((s) => {
      const item = `<rect x="${offset}" y="${y - 10}" width="12" height="12" rx="2" fill="${s.color}"/><text x="${offset + 17}" y="${y}" font-size="12" ${font}>${escapeHtml(s.name)}</text>`;
      offset += 30 + s.name.length * 7;
      return item;
    })
    .join("");
}

/**
 * Stacked columns, one per category (e.g. months), with a value axis and a legend.
 *
 * @param options - category labels, series (stacked bottom to top), size and accessible title
 * @returns an `<svg>` element
 * @example stackedColumns({ title: "Tasks per month", labels: ["Jan 26"], series: [{ name: "reject", color: "#d5281b", values: [3] }] })
 */
export function stackedColumns(options: {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  width?: number;
  height?: number;
}): string {
  const { labels, series, title } = options;
  const width = options.width ?? 960;
  const height = options.height ?? 300;
  const left = 48;
  const right = 12;
  const top = 34;
  const bottom = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const step = niceStep(Math.max(0, ...totals), 5);
  const max = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const band = plotW / Math.max(1, labels.length);
  const barW = Math.min(48, band * 0.7);
  const parts = [svgOpen(width, height, title), legend(series, left, 16)];
  for (let v = 0; v <= max; v += step) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d8dde0" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#4c6272" ${font}>${formatCount(v)}</text>`,
    );
  }
  labels.forEach((label, i) => {
    const x = left + band * i + (band - barW) / 2;
    let base = 0;
    for (const s of series) {
      const value = s.values[i] ?? 0;
      if (value > 0) {
        const y0 = y(base);
        const y1 = y(base + value);
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y0 - y1).toFixed(1)}" fill="${s.color}"><title>${escapeHtml(`${label}: ${formatCount(value)} ${s.name}`)}</title></rect>`,
        );
      }
      base += value;
    }
    const total = totals[i] ?? 0;
    if (total > 0) {
      parts.push(
        `<text x="${(x + barW / 2).toFixed(1)}" y="${(y(total) - 4).toFixed(1)}" font-size="10" text-anchor="middle" fill="#212b32" ${font}>${formatCount(total)}</text>`,
      );
    }
    parts.push(
      `<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle" fill="#4c6272" ${font}>${escapeHtml(label)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

/**
 * Horizontal bars, stacked when there are several series, one row per label, with each row's
 * total at its end. Long labels are cut with an ellipsis (the full label is the row's tooltip).
 *
 * @param options - row labels, series, size, label column width and accessible title
 * @returns an `<svg>` element
 * @example stackedBars({ title: "By organisation", labels: ["Humber Coast NHS FT"], series: [...] })
 */
export function stackedBars(options: {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  width?: number;
  labelWidth?: number;
  rowHeight?: number;
  showLegend?: boolean;
  /** One colour per row, for single-series charts coloured by category (e.g. severity). */
  rowColors?: readonly string[];
}): string {
  const { labels, series, title } = options;
  const width = options.width ?? 960;
  const labelWidth = options.labelWidth ?? 330;
  const rowHeight = options.rowHeight ?? 24;
  const showLegend = options.showLegend ?? series.length > 1;
  const top = showLegend ? 30 : 8;
  const right = 56;
  const height = top + rowHeight * labels.length + 8;
  const plotW = width - labelWidth - right;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const maxChars = Math.floor(labelWidth / 6.3);
  const parts = [svgOpen(width, height, title)];
  if (showLegend) parts.push(legend(series, labelWidth, 16));
  labels.forEach((label, i) => {
    const yTop = top + rowHeight * i;
    const barH = rowHeight * 0.66;
    const yBar = yTop + (rowHeight - barH) / 2;
    const shown =
      [...label].length > maxChars ? `${[...label].slice(0, maxChars - 1).join("")}…` : label;
    parts.push(
      `<text x="${labelWidth - 8}" y="${(yTop + rowHeight / 2 + 4).toFixed(1)}" font-size="12" text-anchor="end" fill="#212b32" ${font}><title>${escapeHtml(label)}</title>${escapeHtml(shown)}</text>`,
    );
    let base = 0;
    for (const s of series) {
      const value = s.values[i] ?? 0;
      if (value > 0) {
        const x = labelWidth + (base / max) * plotW;
        const w = (value / max) * plotW;
        const color = options.rowColors?.[i] ?? s.color;
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${yBar.toFixed(1)}" width="${Math.max(0.5, w).toFixed(1)}" height="${barH.toFixed(1)}" fill="${color}"><title>${escapeHtml(`${label}: ${formatCount(value)} ${s.name}`)}</title></rect>`,
        );
      }
      base += value;
    }
    parts.push(
      `<text x="${(labelWidth + ((totals[i] ?? 0) / max) * plotW + 6).toFixed(1)}" y="${(yTop + rowHeight / 2 + 4).toFixed(1)}" font-size="11" fill="#212b32" ${font}>${formatCount(totals[i] ?? 0)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
