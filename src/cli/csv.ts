import { CliError } from "./io.js";

/**
 * A CSV reader that cannot lose later rows to one bad one. csv-parse stops at an unclosed
 * quote or an over-long record, so fifty rows after a broken one were never read (issue 15).
 * Here a record that cannot be read (an unclosed quote, a quote followed by other characters,
 * more than `max` characters, or a quoted line break followed by more fields than the header
 * has) is an error at the line it starts on, and reading resumes at the line after that one:
 * every line an editor shows is either part of a record that was read or read again.
 *
 * RFC 4180 with three allowances csv-parse also made: CRLF, LF or a lone CR ends a line
 * (blank lines are skipped, and counted); a quote inside an unquoted cell is kept as it is;
 * rows may differ in length (a row that does not match the header is that row's error).
 */

/** One row's cells, or why the record starting there cannot be read. */
export type CsvRow =
  | { line: number; cells: string[] }
  | { line: number; error: { code: string; message: string } };

type Parse =
  | { kind: "row"; cells: string[]; end: number; breaks: number }
  | { kind: "error"; code: string; message: string }
  | { kind: "more" };

/** Where the line break at `at` ends (CRLF is one), or -1 when the next chunk decides. */
function breakEnd(buf: string, at: number, final: boolean): number {
  if (buf[at] === "\n") return at + 1;
  if (at + 1 < buf.length) return buf[at + 1] === "\n" ? at + 2 : at + 1;
  return final ? at + 1 : -1;
}

function isBreak(c: string | undefined): boolean {
  return c === "\n" || c === "\r";
}

/** Counts line breaks in `text` as an editor does: CRLF, LF and a lone CR are one each. */
function countBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) count++;
  }
  return count;
}

/** One quoted cell from just after its opening quote: its value and where it ends. */
function quoted(
  buf: string,
  from: number,
  final: boolean,
): { value: string; end: number } | "more" | "unclosed" {
  let value = "";
  let i = from;
  for (;;) {
    const close = buf.indexOf('"', i);
    if (close === -1) return final ? "unclosed" : "more";
    value += buf.slice(i, close);
    if (close + 1 >= buf.length && !final) return "more";
    if (buf[close + 1] !== '"') return { value, end: close + 1 };
    value += '"';
    i = close + 2;
  }
}

function tooLong(max: number): Parse {
  return {
    kind: "error",
    code: "record_too_long",
    message: `is longer than ${max.toLocaleString("en-GB")} characters`,
  };
}

/**
 * Reads one cell of the record that starts at `start`: quoted or bare, up to the comma or line
 * break after it; or what stops the record (more input needed, or an error).
 */
function readCell(
  buf: string,
  i: number,
  start: number,
  final: boolean,
  max: number,
): { value: string; end: number } | Parse {
  if (buf[i] !== '"') {
    let end = i;
    while (end < buf.length && buf[end] !== "," && !isBreak(buf[end])) end++;
    if (end >= buf.length && !final) return end - start > max ? tooLong(max) : { kind: "more" };
    return { value: buf.slice(i, end), end };
  }
  const cell = quoted(buf, i + 1, final);
  if (cell === "more") return buf.length - start > max ? tooLong(max) : { kind: "more" };
  if (cell === "unclosed") {
    return { kind: "error", code: "unclosed_quote", message: "opens a quote that is never closed" };
  }
  if (cell.end - start > max) return tooLong(max);
  const next = buf[cell.end];
  if (next !== undefined && next !== "," && !isBreak(next)) {
    return {
      kind: "error",
      code: "invalid_quote",
      message: "closes a quoted cell with other characters before the next comma",
    };
  }
  return cell;
}

/**
 * Reads one record from `start` (not a blank line).
 *
 * @param maxFields - once a quoted line break has been crossed, more cells than this mean a
 *   quote went astray: the record is an error and its later lines are read again
 */
function parseRow(
  buf: string,
  start: number,
  final: boolean,
  max: number,
  maxFields: number,
): Parse {
  const cells: string[] = [];
  let i = start;
  let crossed = false;
  for (;;) {
    if (i - start > max) return tooLong(max);
    const cell = readCell(buf, i, start, final, max);
    if ("kind" in cell) return cell;
    // Only a quoted cell holds a line break.
    if (/[\r\n]/.test(cell.value)) crossed = true;
    cells.push(cell.value);
    i = cell.end;
    if (crossed && cells.length > maxFields) {
      return {
        kind: "error",
        code: "invalid_quote",
        message: "has a quoted cell that runs on into more fields than the header has",
      };
    }
    if (buf[i] === ",") {
      i++;
      if (i >= buf.length && !final) return { kind: "more" };
      continue;
    }
    // A line break or the end of the input ends the record.
    const end = i >= buf.length ? i : breakEnd(buf, i, final);
    if (end === -1) return { kind: "more" };
    if (i - start > max) return tooLong(max);
    return { kind: "row", cells, end, breaks: countBreaks(buf.slice(start, end)) };
  }
}

/**
 * Reads CSV rows from text chunks, each with the line it starts on.
 *
 * @param chunks - the text
 * @param max - the most characters one record may have
 * @param maxFields - see {@link parseRow}; becomes the header's length once it is known
 */
export async function* readCsvRows(
  chunks: AsyncIterable<string>,
  max: number,
  maxFields: () => number,
): AsyncGenerator<CsvRow> {
  let buf = "";
  let pos = 0;
  let line = 1;
  /** The rest of an over-long line is being skipped. */
  let skipping = false;
  function* drain(final: boolean): Generator<CsvRow> {
    for (;;) {
      if (skipping) {
        let k = pos;
        while (k < buf.length && !isBreak(buf[k])) k++;
        if (k >= buf.length) {
          pos = buf.length;
          return;
        }
        skipping = false;
        pos = k;
      }
      if (pos >= buf.length) return;
      if (isBreak(buf[pos])) {
        const end = breakEnd(buf, pos, final);
        if (end === -1) return;
        pos = end;
        line++;
        continue;
      }
      const parsed = parseRow(buf, pos, final, max, maxFields());
      if (parsed.kind === "more") return;
      if (parsed.kind === "row") {
        yield { line, cells: parsed.cells };
        line += parsed.breaks;
        pos = parsed.end;
        continue;
      }
      yield { line, error: { code: parsed.code, message: parsed.message } };
      // Read again from the line after the one the record started on.
      let k = pos;
      while (k < buf.length && !isBreak(buf[k])) k++;
      pos = k;
      if (k >= buf.length) skipping = !final;
    }
  }
  for await (const chunk of chunks) {
    buf += chunk;
    yield* drain(false);
    if (pos > 1 << 16) {
      buf = buf.slice(pos);
      pos = 0;
    }
  }
  yield* drain(true);
}

/**
 * Matches a header row against the documented column names, ignoring case and spaces at the
 * ends. A duplicate or unknown column is a usage error naming it (a second `urgent` column used
 * to win silently, and `Urgent` was ignored); a row that names no documented column at all is
 * not a header, and is not shown, since it is probably a record.
 *
 * @param cells - the first row
 * @param columns - the documented names
 * @returns the documented name of each column
 * @throws {CliError} exit 2 for a duplicate, unknown or unnamed column, or no header
 */
export function matchHeader(cells: readonly string[], columns: readonly string[]): string[] {
  const byLower = new Map(columns.map((name) => [name.toLowerCase(), name]));
  const names = cells.map((cell) => byLower.get(cell.trim().toLowerCase()));
  if (names.every((name) => name === undefined)) {
    throw new CliError(
      `the first row of the CSV is not a header: it names none of the columns ${columns.join(", ")} (the row is not shown, since it may be a record)`,
    );
  }
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const given = (cells[i] ?? "").trim();
    if (name === undefined) {
      // Never the cell itself: a record whose body happens to be a column name ("urgent") reads
      // as a header, and its other cells are an NHS number and a name. A near miss is named.
      const near = nearestColumn(given, columns);
      throw new CliError(
        given === ""
          ? `CSV header column ${i + 1} has no name: name it with one of ${columns.join(", ")}, or remove it`
          : `CSV header column ${i + 1} is not a column gp-task-guard reads${near === undefined ? "" : ` (did you mean ${near}?)`}: use ${columns.join(", ")} (its text is not shown, since the row may be a record)`,
      );
    }
    if (seen.has(name)) {
      throw new CliError(
        `CSV header column ${i + 1} repeats ${name}: each column may appear once (which one should win is not for the program to guess)`,
      );
    }
    seen.add(name);
  });
  return names as string[];
}

/** The documented column a header cell nearly names (one or two edits, ignoring case, spaces, "_" and "-"), if one. */
function nearestColumn(cell: string, columns: readonly string[]): string | undefined {
  const plain = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, "");
  const given = plain(cell);
  if (given.length > 40) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of columns) {
    const distance = editDistance(given, plain(name));
    if (distance <= 2 && (best === undefined || distance < best.distance))
      best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance of two short strings. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
