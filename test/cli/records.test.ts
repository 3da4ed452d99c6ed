import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openBatch } from "../../src/cli/batch.js";
import {
  type BatchRecord,
  csvRowToTask,
  formatFromName,
  type ReadRecordsOptions,
  readRecords,
} from "../../src/cli/records.js";
import { taskSchema } from "../../src/input/task.js";

const fixtures = join(import.meta.dirname, "fixtures");

async function collect(records: AsyncIterable<BatchRecord>): Promise<BatchRecord[]> {
  const out: BatchRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

/** A fixture file read as the CLI reads a batch (format from its name, or sniffed). */
function fromFile(name: string): AsyncGenerator<BatchRecord> {
  const io = {
    stdin: Readable.from([]),
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: fixtures,
  };
  return openBatch(io, name, undefined, { bytes: 0 });
}

function read(
  chunks: (string | Uint8Array)[],
  options?: ReadRecordsOptions,
): Promise<BatchRecord[]> {
  return collect(readRecords(Readable.from(chunks, { objectMode: true }), options));
}

/** What a record looks like without the error object: its line and value, or its line and issue code. */
function shape(record: BatchRecord): unknown {
  return "error" in record
    ? { line: record.line, error: record.error.issues.map((i) => i.code) }
    : { line: record.line, value: record.value };
}

describe("readRecords: JSONL", () => {
  it("yields one record per non-blank line with its line number, CRLF or LF", async () => {
    const records = await read(['{"id":"A"}\r\n\r\n   \n{"id":"B"}\n{"id":"C"}']);
    expect(records.map(shape)).toEqual([
      { line: 1, value: { id: "A" } },
      { line: 4, value: { id: "B" } },
      { line: 5, value: { id: "C" } },
    ]);
  });

  it("reports a JSON syntax error as that line's error and goes on with the batch", async () => {
    const records = await collect(fromFile("batch-malformed.jsonl"));
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5, 6, 7]);
    const bad = records[2];
    expect(bad && "error" in bad && bad.error.issues[0]).toMatchObject({
      path: "",
      code: "invalid_json",
      message: expect.stringMatching(/^The record on line 3 is not valid JSON: /),
    });
    expect(bad && "error" in bad && bad.error.code).toBe("INPUT_INVALID");
    expect(records.filter((r) => "value" in r)).toHaveLength(5);
  });

  it("reports a line longer than maxRecordChars without holding it", async () => {
    const records = await read(['{"id":"A"}\n{"id":"', "x".repeat(500), '"}\n{"id":"C"}\n'], {
      maxRecordChars: 100,
    });
    expect(records.map(shape)).toEqual([
      { line: 1, value: { id: "A" } },
      { line: 2, error: ["record_too_long"] },
      { line: 3, value: { id: "C" } },
    ]);
  });
});

describe("readRecords: JSON", () => {
  it("yields each element of an array with the line it starts on, and a bad element as an error", async () => {
    const records = await collect(fromFile("array-with-a-bad-element.txt"));
    const text = await readFile(join(fixtures, "array-with-a-bad-element.txt"), "utf8");
    const lines = text.split("\n");
    expect(records.map((r) => ("error" in r ? "error" : (r.value as { id: string }).id))).toEqual([
      "40001855",
      "40001918",
      "error",
      "40001955",
    ]);
    for (const record of records) {
      if ("value" in record) {
        expect(lines[record.line - 1]).toMatch(/^\{/);
      } else {
        expect(lines[record.line - 1]).toContain("ARRAY-BAD");
      }
    }
  });

  it("reads one pretty-printed task as one record", async () => {
    const records = await collect(fromFile("single-task.json"));
    expect(records).toHaveLength(1);
    const [only] = records;
    expect(only && "value" in only && taskSchema.safeParse(only.value).success).toBe(true);
  });

  it("reports an array that never closes, and content after the array", async () => {
    expect((await read(['[{"id":"A"},\n{"id":"B"']))?.map(shape)).toEqual([
      { line: 1, value: { id: "A" } },
      { line: 2, error: ["invalid_json"] },
    ]);
    expect((await read(['[{"id":"A"}]\n{"id":"B"}']))?.map(shape)).toEqual([
      { line: 1, value: { id: "A" } },
      { line: 2, error: ["invalid_json"] },
    ]);
  });

  it("keeps strings with brackets, quotes and escapes intact, and bare values as records", async () => {
    const records = await read(['[ {"body":"a ] } \\" [ {"}, "text", 12 ,null]']);
    expect(records.map(shape)).toEqual([
      { line: 1, value: { body: 'a ] } " [ {' } },
      { line: 1, value: "text" },
      { line: 1, value: 12 },
      { line: 1, value: null },
    ]);
  });
});

describe("readRecords: chunking", () => {
  it("gives the same records however the bytes are split, multi-byte characters included", async () => {
    const samples = [
      await readFile(join(fixtures, "batch-malformed.jsonl")),
      await readFile(join(fixtures, "array-with-a-bad-element.txt")),
      await readFile(join(fixtures, "tasks.csv")),
      Buffer.from('\uFEFF{"id":"É—é","body":"Café £5 ✓"}\n{"id":"2"}\n'),
    ];
    for (const bytes of samples) {
      const whole = (await read([bytes])).map(shape);
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
          async (cuts) => {
            const sorted = [...cuts].sort((a, b) => a - b);
            const pieces = [0, ...sorted].map((from, i) =>
              bytes.subarray(from, sorted[i] ?? bytes.length),
            );
            expect((await read(pieces)).map(shape)).toEqual(whole);
          },
        ),
        { numRuns: 40 },
      );
    }
  });

  it("drops a byte order mark and decodes UTF-8", async () => {
    const records = await read([Buffer.from('\uFEFF{"id":"Café"}\n')]);
    expect(records.map(shape)).toEqual([{ line: 1, value: { id: "Café" } }]);
  });
});

describe("readRecords: CSV", () => {
  it("maps dotted headers to nested fields, reads urgent, leaves empty cells out and keeps line numbers", async () => {
    const records = await collect(fromFile("tasks.csv"));
    expect(records.map((r) => r.line)).toEqual([2, 3, 5, 6, 7]);
    const [first, second, third, fourth, fifth] = records;
    expect(first && "value" in first && first.value).toEqual({
      id: "CSV-1",
      sentAt: "2026-03-02T10:15:00Z",
      sender: {
        organisation: "Humber Coast NHS Foundation Trust",
        odsCode: "RZH",
        unit: "Humber Coast Community Services",
        team: "District Nursing",
        kind: "nhs-provider",
      },
      recipient: { unit: "Example Surgery", assignment: "unassigned" },
      patient: { nhsNumber: "943 476 5919" },
      urgent: false,
      body: "Patient needs more Aquacel Ag+ Extra 10x10cm dressings. Please prescribe. Please see my recent journal entry which contains actions (02/03/2026 09:40).",
    });
    expect(second && "value" in second && second.value).toMatchObject({
      urgent: true,
      recipient: { assignee: "Dr Helen Marsden" },
      body: "Discharged today on apixaban 5mg BD.\nOnly 7 days supplied on TTO, please prescribe ongoing supply.",
    });
    expect(third && "error" in third && third.error.issues[0]?.message).toBe(
      "The row on line 5 has 9 fields; the header has 15",
    );
    expect(fourth && "value" in fourth && fourth.value).toMatchObject({
      urgent: false,
      body: 'Please book a BP check with the HCA in 2 weeks, "routine".',
    });
    // "maybe" is kept, so the task schema names urgent as the bad field.
    const parsed = taskSchema.safeParse(fifth && "value" in fifth ? fifth.value : undefined);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["urgent"]);
  });

  it("refuses a CSV whose first row is not a header, without showing the row", async () => {
    const read1 = read(["943 476 5919,Jane Example\n"], { format: "csv" });
    await expect(read1).rejects.toThrowError(/not a header/);
    await expect(read(["943 476 5919,Jane Example\n"], { format: "csv" })).rejects.not.toThrowError(
      /Jane|943/,
    );
  });

  it("matches header names whatever their case, and refuses a duplicate or unknown column by position", async () => {
    expect(
      (await read(["ID,Urgent,DueBy\nA,yes,2026-12-01\n"], { format: "csv" })).map(shape),
    ).toEqual([{ line: 2, value: { id: "A", urgent: true, dueBy: "2026-12-01" } }]);
    await expect(read(["id,urgent,urgent\nA,yes,no\n"], { format: "csv" })).rejects.toThrowError(
      /column 3 repeats urgent/,
    );
    await expect(read(["id,urgnet\nA,yes\n"], { format: "csv" })).rejects.toThrowError(
      /column 2 is not a column gp-task-guard reads \(did you mean urgent\?\)/,
    );
    await expect(read(["id,body,\nA,x,\n"], { format: "csv" })).rejects.toThrowError(
      /column 3 has no name/,
    );
  });

  it("reports an unclosed quote at its line and goes on at the next line", async () => {
    const records = await read(['id,body\nA,fine\nB,"never closed\nC,x\n'], { format: "csv" });
    expect(records.map(shape)).toEqual([
      { line: 2, value: { id: "A", body: "fine" } },
      { line: 3, error: ["unclosed_quote"] },
      { line: 4, value: { id: "C", body: "x" } },
    ]);
  });

  it("reports an over-long record at its line and goes on at the next line, quoted or not", async () => {
    const long = "y".repeat(50);
    const records = await read([`id,body\nA,${long}\nB,"${long}\nend"\nC,x\n`], {
      format: "csv",
      maxRecordChars: 40,
    });
    expect(records.map(shape)).toEqual([
      { line: 2, error: ["record_too_long"] },
      { line: 3, error: ["record_too_long"] },
      { line: 4, error: ["invalid_csv_row"] },
      { line: 5, value: { id: "C", body: "x" } },
    ]);
  });

  it("ignores headers that would reach an object's prototype", () => {
    const task = csvRowToTask(
      ["id", "__proto__.polluted", "sender.constructor"],
      ["T1", "yes", "x"],
    );
    expect(task).toEqual({ id: "T1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("format detection", () => {
  it("takes CSV and JSONL from the file name and sniffs the rest", async () => {
    expect(formatFromName("batch.CSV")).toBe("csv");
    expect(formatFromName("batch.ndjson")).toBe("jsonl");
    expect(formatFromName("batch.json")).toBeUndefined();
    expect((await read(['{"id":"A"}\n{"id":"B"}\n'])).length).toBe(2);
    expect((await read(['{\n  "id": "A"\n}\n'])).map(shape)).toEqual([
      { line: 1, value: { id: "A" } },
    ]);
    expect((await read(["id,body\nA,hello\n"])).map(shape)).toEqual([
      { line: 2, value: { id: "A", body: "hello" } },
    ]);
    expect(await read(["  \n"])).toEqual([]);
  });
});

describe("readRecords: broken JSON arrays", () => {
  const tasks = ["A", "B", "C", "D"].map((id) => ({ id, body: `Task ${id}` }));
  const pretty = JSON.stringify(tasks, null, 2);

  it("goes on after an element whose string is not closed, one answer per element", async () => {
    const broken = pretty.replace('"Task B"', '"Task B');
    const records = await read([broken], { format: "json" });
    expect(records.map(shape)).toEqual([
      { line: 2, value: tasks[0] },
      { line: 6, error: ["invalid_json"] },
      { line: 10, value: tasks[2] },
      { line: 14, value: tasks[3] },
    ]);
  });

  it("goes on after an element whose closing brace is missing, the last one included", async () => {
    const lines = pretty.split("\n");
    const cut = lines.map((l, i) => (i === 8 || i === 16 ? l.replace("}", "") : l)).join("\n");
    const records = await read([cut], { format: "json" });
    expect(records.map(shape)).toEqual([
      { line: 2, value: tasks[0] },
      { line: 6, error: ["invalid_json"] },
      { line: 10, value: tasks[2] },
      { line: 14, error: ["invalid_json"] },
    ]);
  });

  it("says how far it got when a one-line array breaks where nothing marks the next element", async () => {
    const records = await read([JSON.stringify(tasks).replace('"Task B"', '"Task B')], {
      format: "json",
    });
    expect(records.map(shape)).toEqual([
      { line: 1, value: tasks[0] },
      { line: 1, error: ["invalid_json"] },
    ]);
    const last = records[1];
    expect(last && "error" in last && last.error.issues[0]?.message).toMatch(
      /1 value before it was read/,
    );
  });

  it("never quotes the record in a JSON syntax error", async () => {
    const records = await read(['{"body": Jane Example, "nhs": 9434765919}\n'], {
      format: "jsonl",
    });
    const message = records[0] && "error" in records[0] ? records[0].error.message : "";
    expect(message).toMatch(/not valid JSON: a character that cannot start/);
    expect(message).not.toMatch(/Jane|943/);
  });
});

describe("readRecords: encodings", () => {
  it("decodes UTF-16 with a byte order mark, LE or BE, and refuses it without one by name", async () => {
    const text = '{"id":"Café"}\n{"id":"B"}\n';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    const be = Buffer.from(text, "utf16le").swap16();
    const beBytes = new Uint8Array([0xfe, 0xff, ...new Uint8Array(be)]);
    for (const bytes of [le, beBytes]) {
      expect((await read([bytes])).map(shape)).toEqual([
        { line: 1, value: { id: "Café" } },
        { line: 2, value: { id: "B" } },
      ]);
    }
    await expect(read([new Uint8Array(Buffer.from(text, "utf16le"))])).rejects.toThrowError(
      /UTF-16 without a byte order mark/,
    );
  });
});
