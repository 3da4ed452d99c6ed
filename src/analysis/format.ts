import { wrongKind } from "../errors/unreadable.js";

/**
 * Small formatting helpers shared by the analyst outputs (report, diff, test): numbers, dates,
 * plain-text tables and CSV cells (HTML pages escape through their Handlebars templates). Formatters are created once.
 */

// Created on first use: building an Intl formatter loads locale data, which a process that
// only evaluates tasks should not wait for at import (issue 14).
let integer: Intl.NumberFormat | undefined;
const dateFormats = {
  longDate: { day: "numeric", month: "long", year: "numeric" },
  shortDate: { day: "numeric", month: "short", year: "numeric" },
  longMonth: { month: "long", year: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const dateFormatters = new Map<keyof typeof dateFormats, Intl.DateTimeFormat>();

/** The en-GB date formatter of one of `dateFormats`, in UTC, made once. */
function dateFormat(name: keyof typeof dateFormats): Intl.DateTimeFormat {
  let format = dateFormatters.get(name);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-GB", { ...dateFormats[name], timeZone: "UTC" });
    dateFormatters.set(name, format);
  }
  return format;
}

/**
 * A whole number with thousands separators.
 *
 * @example formatCount(12345) // "12,345"
 */
export function formatCount(n: number): string {
  integer ??= new Intl.NumberFormat("en-GB");
  return integer.format(n);
}

/**
 * A share as a percentage with one decimal, or "–" when the whole is zero.
 *
 * @example formatPercent(1, 3) // "33.3%"
 */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return "–";
  return `${((part / whole) * 100).toFixed(1)}%`;
}

/**
 * A London calendar date (`YYYY-MM-DD`) the way letters and reports write it.
 *
 * @example formatDay("2026-12-01") // "1 December 2026"
 */
export function formatDay(isoDay: string): string {
  return dateFormat("longDate").format(new Date(`${isoDay}T00:00:00Z`));
}

/**
 * A London calendar date, short, for tables.
 *
 * @example formatDayShort("2026-12-01") // "1 Dec 2026"
 */
export function formatDayShort(isoDay: string): string {
  return dateFormat("shortDate").format(new Date(`${isoDay}T00:00:00Z`));
}

/**
 * A month (`YYYY-MM`) for a chart axis or a table. The short form takes the first three
 * letters of the en-GB name, since Intl's own short form writes "Sept" beside "Dec".
 *
 * @example formatMonth("2026-09") // "Sep 2026"
 * @example formatMonth("2026-09", "long") // "September 2026"
 */
export function formatMonth(month: string, style: "short" | "long" = "short"): string {
  const long = dateFormat("longMonth").format(new Date(`${month}-01T00:00:00Z`));
  if (style === "long") return long;
  const [name = "", year = ""] = long.split(" ");
  return `${name.slice(0, 3)} ${year}`;
}

/**
 * A plain-text table: columns padded to their widest cell, columns of numbers (and of
 * signed numbers or percentages written as text) right-aligned.
 *
 * @param header - the column titles
 * @param rows - the cells; numbers are formatted with thousands separators
 * @param indent - spaces before each line
 * @returns the table, one line per row, ending with a newline
 * @example textTable(["rule", "count"], [["fit-note", 67]]) // "rule      count\nfit-note     67\n"
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  indent = 0,
): string {
  // A number, signed with a plus, a minus sign (U+2212, escaped to keep the build ASCII) or a hyphen.
  const numeric = header.map(
    (_, column) =>
      rows.length > 0 &&
      rows.every(
        (row) =>
          typeof row[column] === "number" || /^[+\u2212-]?[\d,.]+%?$/.test(String(row[column])),
      ),
  );
  const cells = [
    header,
    ...rows.map((row) => row.map((cell) => (typeof cell === "number" ? formatCount(cell) : cell))),
  ].map((row) => row.map(printable));
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => [...(row[column] ?? "")].length)),
  );
  const pad = " ".repeat(indent);
  return cells
    .map(
      (row) =>
        pad +
        row
          .map((cell, column) => {
            const width = widths[column] ?? 0;
            const fill = " ".repeat(Math.max(0, width - [...cell].length));
            return numeric[column] ? fill + cell : cell + fill;
          })
          .join("  ")
          .trimEnd(),
    )
    .join("\n")
    .concat("\n");
}

/**
 * Characters that change what a terminal shows rather than showing themselves: C0 controls
 * (ESC starts `ESC[8m`, which hid later rows' outcome and review columns), DEL, C1 controls
 * (U+009B is a one-byte CSI), line and paragraph separators, and the bidirectional formatting
 * characters that reorder text (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
 */
function unprintable(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * Text as it may be printed to a terminal or a plain-text report: every control, C1 and bidi
 * character written as a visible escape (`\x1b`, `\u202e`), so data cannot hide, move or
 * recolour what is printed around it. Line breaks are escaped too: one value, one line.
 *
 * @param text - a value from a task, practice or ruleset
 * @returns the text with those characters escaped
 * @example printable("T1\u001b[8m") // "T1\\x1b[8m"
 */
export function printable(text: string): string {
  if (typeof text !== "string") throw wrongKind("text", "a string");
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!unprintable(code)) continue;
    const hex = code.toString(16);
    out += `${text.slice(from, i)}${code <= 0xff ? `\\x${hex.padStart(2, "0")}` : `\\u${hex.padStart(4, "0")}`}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break, with other control, C1 and
 * bidi characters escaped as `printable` does, and with a leading `'` when a spreadsheet would
 * read it as a formula (`=`, `+`, `-`, `@`), since sender names come from task data.
 *
 * @example csvCell('Smith, "Jo"') // "\"Smith, \"\"Jo\"\"\""
 * @example csvCell("=HYPERLINK(…)") // "'=HYPERLINK(…)"
 */
export function csvCell(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") return String(value);
  // A report's CSV is also read with cat: controls and bidi characters are escaped, as in
  // text, but a line break stays one (the cell is quoted).
  const shown = value.replace(/[^\r\n]+/g, printable);
  const safe = /^[=+\-@\t\r]/.test(shown) ? `'${shown}` : shown;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV document: a header row and data rows, CRLF line ends (RFC 4180).
 *
 * @example csvDocument(["a", "b"], [[1, "x"]]) // "a,b\r\n1,x\r\n"
 */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined | null)[])[],
): string {
  return [header, ...rows]
    .map((row) => row.map(csvCell).join(","))
    .join("\r\n")
    .concat("\r\n");
}

/**
 * The first characters of a ruleset hash, enough to tell rulesets apart in a report.
 *
 * @example shortHash("4eee9d803ea3c3973858…") // "4eee9d80"
 */
export function shortHash(hash: string): string {
  return hash.slice(0, 8);
}
