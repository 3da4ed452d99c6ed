import { InputError, jsonSyntaxDetail, parseJson } from "../node.js";
import { matchHeader, readCsvRows } from "./csv.js";
import { CliError } from "./io.js";

/** The shapes a batch file can take. */
export const recordFormats = ["json", "jsonl", "csv"] as const;
export type RecordFormat = (typeof recordFormats)[number];

/**
 * One record of a batch: the parsed value (not yet checked against `taskSchema`), or the
 * error that made it unreadable. `line` is the 1-based line the record starts on.
 */
export type BatchRecord = { line: number; value: unknown } | { line: number; error: InputError };

export interface ReadRecordsOptions {
  /** Force a format; by default it is sniffed from the first character (`[`/`{` JSON or JSONL, else CSV). */
  format?: RecordFormat;
  /** A record longer than this many characters is an error, not a memory spike. Default 1,000,000. */
  maxRecordChars?: number;
}

/**
 * The CSV columns, by header name. A dotted header fills a nested field (`sender.unit`);
 * columns may come in any order and any case; a duplicate or unknown column is a usage error
 * naming it (exit 2); an empty cell is an absent field.
 * `urgent` reads `true/false`, `yes/no`, `y/n`, `1/0` (any case).
 */
export const csvColumns = [
  "id",
  "sentAt",
  "sender.organisation",
  "sender.odsCode",
  "sender.unit",
  "sender.team",
  "sender.name",
  "sender.role",
  "sender.kind",
  "recipient.unit",
  "recipient.assignment",
  "recipient.assignee",
  "patient.nhsNumber",
  "urgent",
  "dueBy",
  "category",
  "body",
] as const;

const defaultMaxRecordChars = 1_000_000;

function recordError(line: number, code: string, message: string): BatchRecord {
  return { line, error: new InputError([{ path: "", code, message }], "record") };
}

function invalidJson(line: number, cause: unknown, text: string): BatchRecord {
  return recordError(
    line,
    "invalid_json",
    `The record on line ${line} is not valid JSON: ${jsonSyntaxDetail(cause, text)}`,
  );
}

function tooLong(line: number, max: number): BatchRecord {
  return recordError(
    line,
    "record_too_long",
    `The record on line ${line} is longer than ${max.toLocaleString("en-GB")} characters`,
  );
}

/**
 * Decodes bytes to text across chunk boundaries: UTF-8, or UTF-16 when the input opens with its
 * byte order mark (PowerShell's `>` writes UTF-16LE); drops a leading byte order mark.
 *
 * @throws {CliError} for UTF-16 without a byte order mark, which would read as NUL characters
 */
async function* decode(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let first = true;
  for await (const chunk of input) {
    let bytes = typeof chunk === "string" ? undefined : chunk;
    if (decoder === undefined && bytes !== undefined) {
      const utf16 =
        bytes[0] === 0xff && bytes[1] === 0xfe
          ? "utf-16le"
          : bytes[0] === 0xfe && bytes[1] === 0xff
            ? "utf-16be"
            : undefined;
      if (utf16 === undefined && bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0)) {
        throw new CliError(
          "the batch looks like UTF-16 without a byte order mark: save it as UTF-8 (or UTF-16 with a byte order mark)",
        );
      }
      decoder = new TextDecoder(utf16 ?? "utf-8");
      if (utf16 !== undefined) bytes = bytes.subarray(2);
    }
    decoder ??= new TextDecoder("utf-8");
    let text = bytes === undefined ? (chunk as string) : decoder.decode(bytes, { stream: true });
    if (first && text !== "") {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text !== "") yield text;
  }
  const rest = decoder?.decode() ?? "";
  if (rest !== "") yield rest;
}

/** Lines with their 1-based numbers; `\n` or `\r\n`; an over-long line is reported, not held. */
async function* lines(
  chunks: AsyncIterable<string>,
  max: number,
): AsyncGenerator<{ line: number; text: string; tooLong: boolean }> {
  let pending = "";
  let number = 1;
  let overflow = false;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf("\n", start);
      if (end === -1) break;
      const piece = chunk.slice(start, end);
      const text = (pending + piece).replace(/\r$/, "");
      yield { line: number, text: overflow ? "" : text, tooLong: overflow || text.length > max };
      pending = "";
      overflow = false;
      number++;
      start = end + 1;
    }
    if (!overflow) {
      pending += chunk.slice(start);
      if (pending.length > max) {
        overflow = true;
        pending = "";
      }
    }
  }
  if (overflow || pending !== "") yield { line: number, text: pending, tooLong: overflow };
}

async function* readJsonl(chunks: AsyncIterable<string>, max: number): AsyncGenerator<BatchRecord> {
  for await (const { line, text, tooLong: long } of lines(chunks, max)) {
    if (long) {
      yield tooLong(line, max);
      continue;
    }
    if (text.trim() === "") continue;
    try {
      yield { line, value: parseJson(text) };
    } catch (cause) {
      yield invalidJson(line, cause, text);
    }
  }
}

/**
 * A JSON document read value by value: a top-level array yields its elements, otherwise each
 * top-level value (one task, or several written one after another) is a record. Only the value
 * being read is held in memory, and a syntax error inside one element is that element's error.
 * The scanner is fed chunk by chunk; it only finds where each value starts and ends (brackets,
 * strings, scalars) and leaves the parsing of each value to `JSON.parse`.
 */
class JsonValueScanner {
  readonly #max: number;
  /** Records completed in the chunk being fed. */
  readonly #out: BatchRecord[] = [];
  #line = 1;
  /** Inside the top-level array, between its elements. */
  #inArray = false;
  #arrayClosed = false;
  #sawTopLevel = false;
  // The value being read.
  #buffer = "";
  #reading = false;
  #overflow = false;
  #startLine = 0;
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** The value is a bare number, literal or string: it ends at a delimiter, not a bracket. */
  #scalar = false;
  /** The column of the character being read, and of the value's first character. */
  #column = 0;
  #startColumn = 0;
  /** The value's first character. */
  #opener: string | undefined;
  /** Only blanks so far on this line. */
  #lineStart = true;
  /** Values given out so far, for "how far it got". */
  #values = 0;
  /** The chunk being fed, and where in it the value's unkept text starts. */
  #chunk = "";
  #from = 0;
  /** Content came after the closed top-level array: nothing more is read. */
  stopped = false;

  constructor(max: number) {
    this.#max = max;
  }

  /** Reads one chunk; returns the records it completed. */
  feed(chunk: string): BatchRecord[] {
    this.#chunk = chunk;
    this.#from = 0;
    for (let i = 0; i < chunk.length && !this.stopped; i++) {
      // A scalar ends at its delimiter, which is then read again outside the value.
      if (this.#step(chunk[i] as string, i)) i--;
    }
    if (this.#reading) this.#keep(chunk.length);
    return this.#out.splice(0);
  }

  /** The end of the input: the last value, or what was left open. */
  end(): BatchRecord[] {
    if (this.stopped) return [];
    if (this.#reading) {
      if (this.#scalar && !this.#inString) return [this.#finish()];
      const values = this.#values;
      return [
        recordError(
          this.#startLine,
          "invalid_json",
          `The JSON value that starts on line ${this.#startLine} is not closed before the end of the input (${values === 1 ? "1 value before it was read" : `${values} values before it were read`})`,
        ),
      ];
    }
    if (!this.#inArray) return [];
    const values = this.#values;
    return [
      recordError(
        this.#line,
        "invalid_json",
        `The JSON array is not closed with ] before the end of the input (${values === 1 ? "1 element was read" : `${values} elements were read`})`,
      ),
    ];
  }

  /** Reads one character; true when it must be read again. */
  #step(c: string, i: number): boolean {
    const at = this.#column;
    const first = this.#lineStart && c !== " " && c !== "\t" && c !== "\r" && c !== "\n";
    this.#column = c === "\n" ? 0 : this.#column + 1;
    if (c === "\n") this.#lineStart = true;
    else if (first) this.#lineStart = false;
    if (this.#reading && !this.#scalar && this.#inArray && first && c === "{") {
      if (at <= this.#startColumn) {
        this.#unclosedElement(c, at, i);
        return false;
      }
    }
    if (!this.#reading) this.#between(c, at, i);
    else if (this.#inString) this.#stringChar(c, i);
    else if (this.#scalar) return this.#scalarChar(c, i);
    else this.#structureChar(c, i);
    return false;
  }

  /**
   * An element that is not closed when the next one starts, on a line of its own at the same
   * indent or less: that element is broken, and this one is read on its own.
   */
  #unclosedElement(c: string, at: number, i: number): void {
    this.#buffer = "";
    this.#overflow = false;
    this.#values++;
    this.#out.push(
      recordError(
        this.#startLine,
        "invalid_json",
        `The array element that starts on line ${this.#startLine} is not closed before the element on line ${this.#line} starts; reading goes on there`,
      ),
    );
    this.#start(c, at, i);
  }

  #stringChar(c: string, i: number): void {
    if (this.#escaped) this.#escaped = false;
    else if (c === "\\") this.#escaped = true;
    else if (c === '"') {
      this.#inString = false;
      if (this.#scalar) this.#finishAt(i + 1);
    } else if (c === "\n") {
      // A JSON string cannot hold a line break: this one was never closed.
      this.#line++;
      this.#inString = false;
    }
  }

  #scalarChar(c: string, i: number): boolean {
    if (c !== "," && c !== "]" && c !== " " && c !== "\t" && c !== "\r" && c !== "\n") return false;
    this.#finishAt(i);
    return true;
  }

  #structureChar(c: string, i: number): void {
    if (c === '"') this.#inString = true;
    else if (c === "{" || c === "[") this.#depth++;
    else if (c === "}" || c === "]") this.#close(c, i);
    else if (c === "\n") this.#line++;
  }

  #close(c: string, i: number): void {
    this.#depth--;
    if (this.#depth !== 0) return;
    if (!(this.#inArray && c === "]" && this.#opener === "{")) {
      this.#finishAt(i + 1);
      return;
    }
    // An object cut short by the array's own "]": the element is broken, the array ends.
    this.#buffer = "";
    this.#overflow = false;
    this.#reading = false;
    this.#values++;
    this.#out.push(
      recordError(
        this.#startLine,
        "invalid_json",
        `The array element that starts on line ${this.#startLine} is not closed before the array ends`,
      ),
    );
    this.#inArray = false;
    this.#arrayClosed = true;
    this.#from = i + 1;
  }

  #between(c: string, at: number, i: number): void {
    if (c === "\n") this.#line++;
    if (c === "\n" || c === " " || c === "\t" || c === "\r") return;
    if (this.#inArray && (c === "," || c === "]")) {
      if (c === "]") {
        this.#inArray = false;
        this.#arrayClosed = true;
      }
      return;
    }
    if (!this.#sawTopLevel && c === "[") {
      this.#sawTopLevel = true;
      this.#inArray = true;
      return;
    }
    this.#sawTopLevel = true;
    if (this.#arrayClosed) {
      const line = this.#line;
      this.#out.push(
        recordError(
          line,
          "invalid_json",
          `Unexpected content on line ${line} after the closing ] of the array`,
        ),
      );
      this.stopped = true;
      return;
    }
    this.#start(c, at, i);
  }

  /** Starts reading a value at its first character. */
  #start(c: string, at: number, i: number): void {
    this.#reading = true;
    this.#startLine = this.#line;
    this.#startColumn = at;
    this.#opener = c;
    this.#from = i;
    this.#depth = c === "{" || c === "[" ? 1 : 0;
    this.#scalar = this.#depth === 0;
    this.#inString = c === '"';
    this.#escaped = false;
  }

  /** Adds the value's text up to `to` to the buffer, unless it is already too long. */
  #keep(to: number): void {
    if (this.#overflow) return;
    this.#buffer += this.#chunk.slice(this.#from, to);
    if (this.#buffer.length > this.#max) {
      this.#overflow = true;
      this.#buffer = "";
    }
  }

  #finishAt(to: number): void {
    this.#keep(to);
    this.#from = to;
    this.#out.push(this.#finish());
  }

  #finish(): BatchRecord {
    this.#reading = false;
    this.#values++;
    const text = this.#buffer;
    this.#buffer = "";
    if (this.#overflow) {
      this.#overflow = false;
      return tooLong(this.#startLine, this.#max);
    }
    try {
      return { line: this.#startLine, value: parseJson(text) };
    } catch (cause) {
      return invalidJson(this.#startLine, cause, text);
    }
  }
}

async function* readJson(chunks: AsyncIterable<string>, max: number): AsyncGenerator<BatchRecord> {
  const scanner = new JsonValueScanner(max);
  for await (const chunk of chunks) {
    yield* scanner.feed(chunk);
    if (scanner.stopped) return;
  }
  yield* scanner.end();
}

const unsafeKeys = new Set(["__proto__", "constructor", "prototype"]);
const booleans: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  "1": true,
  false: false,
  no: false,
  n: false,
  "0": false,
};

/**
 * Turns one CSV row into a task-shaped object by its header: dotted headers nest, empty
 * cells are left out, `urgent` becomes a boolean when it reads as one (otherwise the text is
 * kept, so `taskSchema` names `urgent` as the bad field).
 *
 * @param header - the header row's cells
 * @param row - the row's cells, as many as the header's
 * @returns a plain object for `taskSchema`
 * @example csvRowToTask(["id", "sender.unit", "urgent"], ["T1", "Ward 7", "yes"])
 * // { id: "T1", sender: { unit: "Ward 7" }, urgent: true }
 */
export function csvRowToTask(
  header: readonly string[],
  row: readonly string[],
): Record<string, unknown> {
  const task: Record<string, unknown> = {};
  header.forEach((name, column) => {
    const cell = row[column];
    if (cell === undefined || cell.trim() === "") return;
    const keys = name.split(".");
    if (keys.some((key) => key === "" || unsafeKeys.has(key))) return;
    let value: unknown = cell;
    if (name === "urgent") {
      const word = cell.trim().toLowerCase();
      value = Object.hasOwn(booleans, word) ? booleans[word] : cell;
    }
    let target = task;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      if (typeof next === "object" && next !== null) target = next as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        target[key] = created;
        target = created;
      }
    }
    const last = keys[keys.length - 1];
    if (last !== undefined) target[last] = value;
  });
  return task;
}

async function* readCsv(chunks: AsyncIterable<string>, max: number): AsyncGenerator<BatchRecord> {
  let header: string[] | undefined;
  // Until the header is read, a quoted line break may run on into any number of fields.
  const maxFields = () => header?.length ?? 10_000;
  for await (const row of readCsvRows(chunks, max, maxFields)) {
    if (header === undefined) {
      if ("error" in row) {
        throw new CliError(
          `the CSV header row (line ${row.line}) cannot be read: it ${row.error.message}`,
        );
      }
      header = matchHeader(row.cells, csvColumns);
      continue;
    }
    if ("error" in row) {
      yield recordError(
        row.line,
        row.error.code,
        `The record that starts on line ${row.line} ${row.error.message}; reading goes on at line ${row.line + 1}`,
      );
    } else if (row.cells.length !== header.length) {
      yield recordError(
        row.line,
        "invalid_csv_row",
        `The row on line ${row.line} has ${row.cells.length} fields; the header has ${header.length}`,
      );
    } else {
      yield { line: row.line, value: csvRowToTask(header, row.cells) };
    }
  }
}

/**
 * Reads a batch of records from a stream of text or bytes, one record at a time: a JSON task,
 * a JSON array of tasks, JSONL (one task per line, blank lines skipped) or CSV (see
 * {@link csvColumns}). A record that cannot be read (a JSON syntax error on one line, a CSV row
 * with the wrong number of fields) comes out as `{line, error}` and reading goes on. Memory
 * stays flat: only the record being read is held.
 *
 * @param input - the bytes or text, e.g. `fs.createReadStream(path)` or `process.stdin`
 * @param options - `format` to force one; `maxRecordChars`
 * @returns the records in input order, each with the line it starts on
 * @throws never for bad content: every problem is a record's `error`
 * @example
 * for await (const r of readRecords(Readable.from(['{"id":"T1"}\n', "oops\n"]))) console.log(r)
 * // { line: 1, value: { id: "T1" } }
 * // { line: 2, error: InputError (invalid_json) }
 */
export async function* readRecords(
  input: AsyncIterable<string | Uint8Array>,
  options: ReadRecordsOptions = {},
): AsyncGenerator<BatchRecord> {
  const max = options.maxRecordChars ?? defaultMaxRecordChars;
  const text = decode(input);
  let format = options.format;
  // Sniff: keep the chunks read so far and replay them to the chosen reader.
  const seen: string[] = [];
  if (format === undefined) {
    // From the first non-blank text: the text read, and how many non-blank lines in it are complete.
    let head = "";
    let scanned = 0;
    let complete = 0;
    let ended = false;
    let first: string | undefined;
    for (;;) {
      const next = await text.next();
      if (next.done) {
        ended = true;
        break;
      }
      seen.push(next.value);
      if (first === undefined) {
        const match = /\S/.exec(next.value);
        if (match) first = match[0];
      }
      if (first === "[") break;
      if (first !== undefined) {
        head += next.value;
        for (let end = head.indexOf("\n", scanned); end !== -1; end = head.indexOf("\n", scanned)) {
          if (head.slice(scanned, end).trim() !== "") complete++;
          scanned = end + 1;
        }
        if (complete >= 2 || head.length > max) break;
      }
    }
    if (first === "[") format = "json";
    else if (first === undefined) format = "jsonl";
    else if (looksLikeJsonl(head, ended, first === "{")) format = "jsonl";
    else format = first === "{" ? "json" : "csv";
  }
  async function* replay(): AsyncGenerator<string> {
    yield* seen;
    yield* text;
  }
  if (format === "jsonl") yield* readJsonl(replay(), max);
  else if (format === "json") yield* readJson(replay(), max);
  else yield* readCsv(replay(), max);
}

/**
 * Whether the start of a batch is JSONL: its first line is a whole JSON value (when it opens
 * with "{"), or its second line is a whole object. A JSON document that opens with "{" goes on
 * with a key or "}" on its next line, and a CSV row is not a JSON object, so a second line that
 * is one means one record per line with a broken first record, which would otherwise swallow
 * the whole batch as one bad JSON document or one bad CSV header.
 */
function looksLikeJsonl(head: string, ended: boolean, opensWithBrace: boolean): boolean {
  const parts = head.split("\n");
  // A last line without its "\n" is complete only at the end of the input.
  if (!ended) parts.pop();
  const [one, two] = parts.map((line) => line.trim()).filter((line) => line !== "");
  if (opensWithBrace && one !== undefined && isJson(one)) return true;
  if (two === undefined) return false;
  return two.startsWith("{") && isJson(two);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The format a file name implies: `.jsonl`/`.ndjson` JSONL, `.csv` CSV. Other names (`.json`
 * included, since people save JSONL as `.json`) are sniffed from the content.
 *
 * @param name - a path or file name
 * @returns the format, or undefined to sniff the content
 * @example formatFromName("tasks.CSV") // "csv"
 */
export function formatFromName(name: string): RecordFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return undefined;
}
