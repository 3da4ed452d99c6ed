import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvColumns, csvRowToTask, readRecords } from "../../src/cli/records.js";
import { run } from "../../src/cli/run.js";
import { createGuard } from "../../src/engine/guard.js";
import type { VerdictOrError } from "../../src/engine/types.js";
import { BatchError, isBatchError } from "../../src/errors/batch-error.js";
import { isGuardError } from "../../src/errors/guard-error.js";
import { isInputError } from "../../src/errors/input-error.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { fuzz, hostileJson, mutationOf, practice, setAt, settle, task, validTask } from "./fuzz.js";

const guard = createGuard({ practice: practice as PracticePolicyInput });

/** What one record came to: a verdict for a task id, or an error (with its line when known). */
type Answer = { ok: true; taskId: string; line?: number } | { ok: false; line?: number };

async function expected(value: unknown, line?: number): Promise<Answer> {
  const result = await settle(() => guard.evaluate(value as TaskInputRaw));
  const at = line === undefined ? {} : { line };
  return result.ok ? { ok: true, taskId: result.value.taskId, ...at } : { ok: false, ...at };
}

/** A record of a batch: a task, a value that is not a task, or text that is not JSON at all. */
const batchItem = fc.oneof(
  { weight: 3, arbitrary: validTask.map((value) => ({ kind: "value" as const, value })) },
  {
    weight: 2,
    arbitrary: mutationOf(task()).map(({ path, replacement }) => ({
      kind: "value" as const,
      value: setAt(task(), path, replacement),
    })),
  },
  { weight: 1, arbitrary: hostileJson.map((value) => ({ kind: "value" as const, value })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{"id": "T1",', "{not json}", "[1, 2", '"unterminated', "}", "nul")
      .map((text) => ({ kind: "broken" as const, text })),
  },
);

/** Splits bytes at the given cut points (anywhere, even inside a UTF-8 character). */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

/**
 * The library's batch pipeline, as the CLI composes it: records are read one at a time,
 * unreadable ones answered with their error, the rest given to one `evaluateMany`.
 */
async function pipeline(
  input: AsyncIterable<string | Uint8Array>,
  format?: "jsonl" | "csv" | "json",
  maxRecordChars?: number,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  const lines: number[] = [];
  async function* values() {
    const options = {
      ...(format !== undefined && { format }),
      ...(maxRecordChars !== undefined && { maxRecordChars }),
    };
    for await (const record of readRecords(input, options)) {
      if ("error" in record) {
        expect(isInputError(record.error)).toBe(true);
        answers.push({ ok: false, line: record.line });
        continue;
      }
      lines.push(record.line);
      yield record.value;
    }
  }
  for await (const result of guard.evaluateMany(values())) {
    const line = lines[result.index];
    answers.push(
      result.ok ? { ok: true, taskId: result.verdict.taskId, line } : { ok: false, line },
    );
  }
  return answers;
}

async function* from(chunks: readonly (string | Uint8Array)[]) {
  yield* chunks;
}

async function collect(
  results: AsyncIterable<VerdictOrError>,
  out: VerdictOrError[] = [],
): Promise<VerdictOrError[]> {
  for await (const result of results) out.push(result);
  return out;
}

describe("evaluateMany: records in = verdicts + errors out", () => {
  it("answers any mix of tasks and non-tasks one for one, in order, from arrays and async iterables", async () => {
    const item = fc.oneof(
      validTask,
      mutationOf(task()).map(({ path, replacement }) => setAt(task(), path, replacement)),
      hostileJson,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 12 }), fc.boolean(), async (items, async) => {
        const want = await Promise.all(items.map((value) => expected(value)));
        const source = async ? from(items as string[]) : items;
        const out = await collect(guard.evaluateMany(source));
        expect(out.map((o) => o.index)).toEqual(items.map((_, i) => i));
        expect(
          out.map((o): Answer => (o.ok ? { ok: true, taskId: o.verdict.taskId } : { ok: false })),
        ).toEqual(want);
        for (const o of out) if (!o.ok) expect(isGuardError(o.error)).toBe(true);
      }),
      fuzz(100, 0.5),
    );
  });

  it("reports how far it got when the source fails after any number of records", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(validTask, { maxLength: 8 }), async (items) => {
        async function* failing() {
          yield* items;
          throw new Error("the disk went away");
        }
        const out: VerdictOrError[] = [];
        const error = await collect(guard.evaluateMany(failing()), out).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isBatchError(error)).toBe(true);
        expect((error as BatchError).processed).toBe(items.length);
        expect(out).toHaveLength(items.length);
        expect(String((error as BatchError).message)).toContain("the disk went away");
      }),
      fuzz(100, 0.5),
    );
  });

  it("closes its source when the caller stops reading early", async () => {
    let closed = false;
    function* source() {
      try {
        for (let i = 0; i < 10; i++) yield task({ id: `T${i}` });
      } finally {
        closed = true;
      }
    }
    for await (const result of guard.evaluateMany(source())) {
      expect(result.index).toBe(0);
      break;
    }
    expect(closed).toBe(true);
  });

  it.each([
    ["null", null],
    ["a number", 5],
    ["an object", { tasks: [] }],
  ])("refuses %s in place of a batch with an InputError", async (_name, tasks) => {
    const error = await collect(guard.evaluateMany(tasks as never)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isInputError(error)).toBe(true);
  });
});

describe("JSONL, JSON and CSV batches end to end", () => {
  it("answers every JSONL line, good or bad, in order with its line number, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(batchItem, fc.boolean()), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (items, cuts) => {
          let text = "";
          let line = 1;
          const want: Answer[] = [];
          for (const [item, blankAfter] of items) {
            if (item.kind === "broken") {
              text += `${item.text}\n`;
              want.push({ ok: false, line });
            } else {
              text += `${JSON.stringify(item.value) ?? "null"}\n`;
              want.push(await expected(item.value, line));
            }
            line++;
            if (blankAfter) {
              text += "  \r\n";
              line++;
            }
          }
          const bytes = new TextEncoder().encode(text);
          const answers = await pipeline(from(chunked(bytes, cuts)), "jsonl");
          expect(answers).toEqual(want);
        },
      ),
      fuzz(100, 0.5),
    );
  });

  it("answers every element of a JSON array in order, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(batchItem, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (items, cuts) => {
          const values = items.map((item) => (item.kind === "value" ? item.value : item.text));
          const text = JSON.stringify(values, null, 1);
          const want = await Promise.all(values.map((value) => expected(value)));
          const answers = await pipeline(
            from(chunked(new TextEncoder().encode(text), cuts)),
            "json",
          );
          expect(answers.map(({ line: _line, ...rest }) => rest)).toEqual(want);
        },
      ),
      fuzz(100, 0.5),
    );
  });

  it("answers every CSV row in order with the line it starts on, quoted line breaks, blank lines and any line ends included", async () => {
    const columns = [...csvColumns];
    const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
    // A file holds UTF-8: an unpaired surrogate in a cell arrives as U+FFFD.
    const asInFile = (cell: string) => new TextDecoder().decode(new TextEncoder().encode(cell));
    const cells = (t: Record<string, unknown>): string[] =>
      columns.map((column) => {
        let value: unknown = t;
        for (const key of column.split(".")) {
          value =
            typeof value === "object" && value !== null
              ? (value as Record<string, unknown>)[key]
              : undefined;
        }
        return value === undefined || value === null
          ? ""
          : typeof value === "object"
            ? JSON.stringify(value)
            : String(value);
      });
    const row = fc.oneof(
      { weight: 4, arbitrary: validTask.map((t) => ({ kind: "row" as const, cells: cells(t) })) },
      {
        weight: 1,
        arbitrary: mutationOf(task()).map(({ path, replacement }) => ({
          kind: "row" as const,
          cells: cells(setAt(task(), path, replacement) as Record<string, unknown>),
        })),
      },
      { weight: 1, arbitrary: fc.constant({ kind: "short" as const, cells: ["T1", "x"] }) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(row, fc.nat({ max: 2 })), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        // Windows, Unix and old Mac line ends; a line is counted as an editor shows it.
        fc.constantFrom("\r\n", "\n", "\r"),
        async (rows, cuts, end) => {
          let text = `${columns.join(",")}${end}`;
          let line = 2;
          const want: Answer[] = [];
          for (const [r, blankLines] of rows) {
            text += end.repeat(blankLines);
            line += blankLines;
            const written = r.cells.map(quote).join(",");
            if (r.kind === "short") want.push({ ok: false, line });
            else want.push(await expected(csvRowToTask(columns, r.cells.map(asInFile)), line));
            text += `${written}${end}`;
            line += written.split(/\r\n|\r|\n/).length;
          }
          const answers = await pipeline(
            from(chunked(new TextEncoder().encode(text), cuts)),
            "csv",
          );
          expect(answers).toEqual(want);
        },
      ),
      fuzz(100, 0.5),
    );
  });

  it("reports an unclosed CSV quote as an error at the line it starts on, answering every row before and after it", async () => {
    const good = task({ id: "C1" });
    const text = [
      "id,sentAt,sender.organisation,sender.unit,recipient.unit,recipient.assignment,body",
      `C1,${String(good.sentAt)},Humber Coast NHS Foundation Trust,Ward 7,Example Surgery,unassigned,For information`,
      'C2,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,"never closed',
      "C3,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,read all the same",
    ].join("\n");
    const answers = await pipeline(from([text]), "csv");
    expect(answers).toEqual([
      { ok: true, taskId: "C1", line: 2 },
      { ok: false, line: 3 },
      { ok: true, taskId: "C3", line: 4 },
    ]);
  });

  it("answers every CSV line after a broken row (unclosed quote, stray quote, over-long cell) in order", async () => {
    const columns = [
      "id",
      "sentAt",
      "sender.organisation",
      "sender.unit",
      "recipient.unit",
      "recipient.assignment",
      "urgent",
      "body",
    ];
    const good = (n: number, quoted: boolean) => {
      const cells = [
        `G${n}`,
        String(task().sentAt),
        "Trust",
        "Ward 7",
        "Example Surgery",
        "unassigned",
        "yes",
        `Row ${n}`,
      ];
      return (quoted ? cells.map((c) => `"${c}"`) : cells).join(",");
    };
    const broken = fc.constantFrom(
      'B,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,yes,"never closed',
      'B,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,yes,"closed" then more',
      `B,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,yes,"${"x".repeat(300)}`,
    );
    const row = fc.oneof(
      fc.boolean().map((quoted) => ({ kind: "good" as const, quoted })),
      broken.map((text) => ({ kind: "broken" as const, text })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, cuts) => {
          const lines = [columns.join(",")];
          const want: Answer[] = [];
          rows.forEach((r, i) => {
            const line = lines.length + 1;
            if (r.kind === "good") {
              lines.push(good(i, r.quoted));
              want.push({ ok: true, taskId: `G${i}`, line });
            } else {
              lines.push(r.text);
              want.push({ ok: false, line });
            }
          });
          const text = `${lines.join("\n")}\n`;
          const bytes = new TextEncoder().encode(text);
          expect(await pipeline(from(chunked(bytes, cuts)), "csv", 200)).toEqual(want);
        },
      ),
      fuzz(60, 0.3),
    );
  });

  it("evaluates the fifty urgent rows after an unclosed quote, and flags each for review", async () => {
    const header =
      "id,sentAt,sender.organisation,sender.unit,recipient.unit,recipient.assignment,Urgent,body";
    const rows = [
      header,
      'U0,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,no,"never closed',
    ];
    for (let i = 1; i <= 50; i++) {
      rows.push(
        `U${i},2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,yes,Please see`,
      );
    }
    const records = [];
    for await (const record of readRecords(from([rows.join("\n")]), { format: "csv" }))
      records.push(record);
    expect(records).toHaveLength(51);
    const values = records.flatMap((r) => ("value" in r ? [r.value] : []));
    expect(values).toHaveLength(50);
    const out = await collect(guard.evaluateMany(values));
    expect(out.filter((o) => o.ok && o.verdict.humanReview)).toHaveLength(50);
  });

  it.each([['{"id": "T1",'], ['id": "T1", "sentAt": "2026-11-23T10:15:00Z"}'], ["nul"]])(
    "reads JSONL whose first line is %s as JSONL when no format is given (stdin)",
    async (broken) => {
      const lines = [broken, JSON.stringify(task({ id: "T2" })), "{oops", "  "];
      lines.push(JSON.stringify(task({ id: "T3" })));
      const answers = await pipeline(from([lines.join("\n")]));
      expect(answers).toEqual([
        { ok: false, line: 1 },
        { ok: true, taskId: "T2", line: 2 },
        { ok: false, line: 3 },
        { ok: true, taskId: "T3", line: 5 },
      ]);
    },
  );

  it("refuses a record that repeats a key (urgent true, then false) in JSONL and JSON, reading on", async () => {
    const urgentTwice = (id: string) =>
      JSON.stringify(task({ id, urgent: true })).replace(/\}$/, ', "urgent": false}');
    const nestedTwice = (id: string) =>
      JSON.stringify(task({ id })).replace('"sender":{', '"sender":{"unit":"Example Surgery",');
    const lines = [urgentTwice("D1"), JSON.stringify(task({ id: "D2" })), nestedTwice("D3")];
    for (const [format, text] of [
      ["jsonl", lines.join("\n")],
      ["json", `[\n${lines.join(",\n")}\n]`],
    ] as const) {
      const records = [];
      for await (const record of readRecords(from([text]), { format })) records.push(record);
      expect(records.map((r) => "value" in r)).toEqual([false, true, false]);
      const error = (records[0] as { error: { issues: { code: string; message: string }[] } })
        .error;
      expect(error.issues[0]?.message).toMatch(/repeats an earlier key.*line 1, column \d+/);
    }
  });

  it("still reads a pretty-printed JSON task, and a JSON array, when no format is given", async () => {
    const pretty = JSON.stringify(task({ id: "P1" }), null, 2);
    expect(await pipeline(from([pretty]))).toEqual([{ ok: true, taskId: "P1", line: 1 }]);
    const array = JSON.stringify([task({ id: "A1" }), task({ id: "A2" })], null, 2);
    expect((await pipeline(from([array]))).map((a) => a.ok && a.taskId)).toEqual(["A1", "A2"]);
  });

  it("stops a batch whose stream fails half way with a BatchError counting the records answered", async () => {
    const lines = [0, 1, 2, 3, 4].map((i) => JSON.stringify(task({ id: `S${i}` })));
    async function* failing() {
      yield `${lines.slice(0, 3).join("\n")}\n`;
      yield `${lines[3]}`; // no newline yet: the fourth record is not complete
      throw new Error("connection reset");
    }
    const error = await pipeline(failing(), "jsonl").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BatchError);
    expect((error as BatchError).processed).toBe(3);
  });
});

describe("the CLI's evaluate command", () => {
  it("ends with exit 2 and one line when the letters or --out folder cannot be made (/proc/x looped for ever)", async () => {
    if (!existsSync("/proc/self")) return; // Linux only, as CI
    const { runCli } = await import("../cli/run-cli.js");
    for (const args of [
      [
        "evaluate",
        "examples/tasks/01-fit-note-from-ward.json",
        "-p",
        "examples/practice.json",
        "-q",
        "--letters",
        "/proc/no-such/letters",
      ],
      [
        "letter",
        "opt-out-notice",
        "-p",
        "examples/practice.json",
        "--date",
        "2026-10-01",
        "-o",
        "/proc/no-such/letter.txt",
      ],
    ]) {
      const result = await runCli(args);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/ENOENT/);
    }
  }, 20_000);
  // Standard input has no file name, so the format is given (sniffing is tested above).
  it("prints one JSONL line per input record, verdict or error, in input order", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-safety-"));
    const practiceFile = join(dir, "practice.json");
    await writeFile(practiceFile, JSON.stringify(practice));
    await fc.assert(
      fc.asyncProperty(fc.array(batchItem, { minLength: 1, maxLength: 6 }), async (items) => {
        const input = items
          .map((item) =>
            item.kind === "broken" ? item.text : (JSON.stringify(item.value) ?? "null"),
          )
          .join("\n");
        const want = await Promise.all(
          items.map((item, i) =>
            item.kind === "broken"
              ? ({ ok: false, line: i + 1 } as Answer)
              : expected(item.value, i + 1),
          ),
        );
        const stdout = new PassThrough();
        const stderr = new PassThrough();
        const chunks: string[] = [];
        stdout.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
        stderr.resume();
        const code = await run(
          [
            "evaluate",
            "-",
            "--input-format",
            "jsonl",
            "--practice",
            practiceFile,
            "--format",
            "jsonl",
            "--quiet",
          ],
          { stdout, stderr, stdin: Readable.from([input]), cwd: dir },
        );
        const printed = chunks
          .join("")
          .split("\n")
          .filter((l) => l !== "")
          .map((l) => JSON.parse(l) as { taskId?: string; line?: number });
        expect(printed).toHaveLength(items.length);
        expect(
          printed.map(
            (p, i): Answer =>
              p.taskId !== undefined
                ? { ok: true, taskId: p.taskId, line: i + 1 }
                : { ok: false, line: p.line },
          ),
        ).toEqual(want);
        expect(code).toBe(want.every((w) => w.ok) ? 0 : 1);
      }),
      fuzz(40, 0.02),
    );
  });
});

describe("the CLI's diff command", () => {
  it("says how many records it could not read and left out of the diff, with --quiet too", async () => {
    const { runCli } = await import("../cli/run-cli.js");
    const lines = [JSON.stringify(task({ id: "D1" })), '{"id": "D2",', "nul"];
    for (const quiet of [[], ["-q"]]) {
      const result = await runCli(
        [
          "diff",
          "--candidate",
          "examples/rulesets/seven-day-window.json",
          "-",
          "-p",
          "examples/practice.json",
          "--input-format",
          "jsonl",
          "-f",
          "json",
          ...quiet,
        ],
        lines.join("\n"),
      );
      expect(result.status).toBe(1);
      expect((JSON.parse(result.stdout) as { total: number }).total).toBe(1);
      expect(result.stderr).toContain("2 of 3 records could not be read");
    }
  });
});
