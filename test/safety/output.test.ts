import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import { isGuardError } from "../../src/errors/guard-error.js";
import { fromFhirTask } from "../../src/input/fhir.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { escapeMarkdown, toCdsCards } from "../../src/output/cds-hooks.js";
import { runCli } from "../cli/run-cli.js";
import { fhirTask, practitionerRoleRequester } from "../interop/fhir-fixtures.js";
import { fuzz, journal, jsonPaths, practice, setAt, task } from "./fuzz.js";

/**
 * What the program prints about task data (issue 15): no record content in any error, and
 * nothing from a task that can drive the terminal, in input order.
 */

const marker = "MARKER-Jane-Example-9434765919";
/** A C0 (line feed apart: it ends printed lines), C1, line-separator or bidi character. */
const unprintable = (line: string) =>
  [...line].some((c) => {
    const n = c.codePointAt(0) ?? 0;
    return (
      (n < 0x20 && n !== 0x0a) ||
      (n >= 0x7f && n <= 0x9f) ||
      [0x061c, 0x200e, 0x200f, 0x2028, 0x2029].includes(n) ||
      (n >= 0x202a && n <= 0x202e) ||
      (n >= 0x2066 && n <= 0x2069)
    );
  });

/** A value with the marker in it, of the kinds a bad field may hold. */
const markerValue = fc.oneof(
  fc.constant(marker),
  fc.constant(`${marker}"`),
  fc.constant(`  ${marker}\u001b[8m`),
  fc.constant(marker.repeat(10)),
  fc.constant([marker]),
  fc.constant({ [marker]: marker }),
);

const fields = [
  ["id"],
  ["sentAt"],
  ["dueBy"],
  ["urgent"],
  ["category"],
  ["body"],
  ["sender", "kind"],
  ["sender", "unit"],
  ["sender", "organisation"],
  ["recipient", "assignment"],
  ["patient", "nhsNumber"],
  ["patient"],
  ["sender"],
] as const;

function withValue(path: readonly string[], value: unknown): Record<string, unknown> {
  const fragment: Record<string, unknown> = {};
  let target = fragment;
  path.slice(0, -1).forEach((key) => {
    const next: Record<string, unknown> = {};
    target[key] = next;
    target = next;
  });
  target[path[path.length - 1] ?? "id"] = value;
  return task(fragment);
}

/** A bad record of each kind a batch may hold, with the marker inside it. */
const brokenLines = [
  `{"id": "B1", "body": ${marker}}`,
  `{"id": "B2", "body": "${marker}`,
  `{"id": "B3", "body": "${marker}\t"}`,
  `{"id": "B4", "${marker}": 1,}`,
  `"${marker}`,
  `${marker}`,
];

describe("no record content in errors", () => {
  it("keeps a bad field's value out of every InputError's message and issues", async () => {
    const guard = createGuard({ practice: practice as PracticePolicyInput });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), markerValue, async (path, value) => {
        const result = await guard.evaluate(withValue(path, value) as TaskInputRaw).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (result === undefined) return; // the value was valid there (a body, a unit)
        expect(isGuardError(result)).toBe(true);
        const text = JSON.stringify({
          message: (result as Error).message,
          issues: (result as { issues?: unknown }).issues,
        });
        expect(text).not.toContain("MARKER");
      }),
      fuzz(80, 0.1),
    );
  });

  it("prints no record content in any error line, stderr line or summary, in any format", async () => {
    const good = JSON.stringify(task({ id: "OK1" }));
    const lines = [good, ...brokenLines, JSON.stringify(withValue(["sentAt"], marker)), good];
    for (const format of ["jsonl", "json", "table"]) {
      const result = await runCli(
        [
          "evaluate",
          "-",
          "--practice",
          "examples/practice.json",
          "--input-format",
          "jsonl",
          "-f",
          format,
        ],
        lines.join("\n"),
      );
      expect(result.status).toBe(1);
      expect(result.stderr).not.toContain("MARKER");
      const errorLines = result.stdout.split("\n").filter((l) => /error/.test(l));
      expect(errorLines.length).toBeGreaterThanOrEqual(
        format === "json" ? 1 : brokenLines.length + 1,
      );
      for (const line of errorLines) expect(line).not.toContain("MARKER");
    }
  });

  it("prints no CSV cell in its errors: no header, an unclosed quote, a bad field", async () => {
    const noHeader = await runCli(
      ["evaluate", "-", "-p", "examples/practice.json", "--input-format", "csv"],
      `${marker},2026-11-23T10:15:00Z\n`,
    );
    expect(noHeader.status).toBe(2);
    expect(noHeader.stderr).toMatch(/not a header/);
    expect(noHeader.stderr).not.toContain("MARKER");
    // A record whose cell happens to be a column name ("urgent") reads as a header: its other
    // cells must not be shown either.
    const looksLikeHeader = await runCli(
      ["evaluate", "-", "-p", "examples/practice.json", "--input-format", "csv"],
      `${marker},Jane Example,urgent\nx,y,z\n`,
    );
    expect(looksLikeHeader.status).toBe(2);
    expect(looksLikeHeader.stderr).toMatch(/column 1 is not a column/);
    expect(looksLikeHeader.stderr).not.toContain("MARKER");
    expect(looksLikeHeader.stderr).not.toContain("Jane");
    const rows = [
      "id,sentAt,sender.organisation,sender.unit,recipient.unit,recipient.assignment,urgent,body",
      `C1,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,${marker},x`,
      `C2,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,no,"${marker}`,
      `C3,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,no,"${marker}" ${marker}`,
    ];
    const bad = await runCli(
      ["evaluate", "-", "-p", "examples/practice.json", "--input-format", "csv", "-f", "jsonl"],
      rows.join("\n"),
    );
    expect(bad.status).toBe(1);
    expect(bad.stdout.split("\n").filter((l) => l.includes('"error"'))).toHaveLength(3);
    expect(`${bad.stdout}${bad.stderr}`).not.toContain("MARKER");
  });
});

/** An error's message and issues, as a caller would log them. */
function errorText(error: unknown): string {
  return JSON.stringify({
    message: (error as Error).message,
    issues: (error as { issues?: unknown }).issues,
  });
}

describe("no record content in report and diff output", () => {
  const guard = createGuard({ practice: practice as PracticePolicyInput });
  /** A bad record with the marker in it: a broken line, or a task whose marked field is refused. */
  const badRecord = fc.oneof(
    fc.constantFrom(...brokenLines),
    fc
      .tuple(fc.constantFrom(...fields), markerValue)
      .map(([path, value]) => JSON.stringify(withValue(path, value))),
  );
  const commands: [string, string[]][] = [
    ...["text", "json", "csv", "html"].map((f): [string, string[]] => [
      `report -f ${f}`,
      ["report", "-", "-f", f],
    ]),
    ...["text", "json", "html"].map((f): [string, string[]] => [
      `diff -f ${f}`,
      ["diff", "--candidate", "examples/rulesets/seven-day-window.json", "-", "-f", f],
    ]),
  ];

  it("prints no bad record's content on stdout or stderr of report and diff, in any format", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(badRecord, fc.constant("good")), { minLength: 1, maxLength: 6 }),
        async (records) => {
          const lines: string[] = [];
          for (const [i, record] of records.entries()) {
            if (record === "good") {
              lines.push(JSON.stringify(task({ id: `OK${i}` })));
              continue;
            }
            // A marked field that is valid there (a body, a unit) is content the report may count.
            const parsed = (() => {
              try {
                return JSON.parse(record) as unknown;
              } catch {
                return undefined;
              }
            })();
            if (parsed !== undefined) {
              const ok = await guard.evaluate(parsed as TaskInputRaw).then(
                () => true,
                () => false,
              );
              if (ok) continue;
            }
            lines.push(record);
          }
          const bad = lines.filter((l) => l.includes("MARKER")).length;
          // diff counts a record that is JSON but not a task in its matrix (error → error); only
          // a record it cannot read at all is left out of the document, and exit 1 says so.
          const unreadable = lines.filter((l) => {
            try {
              JSON.parse(l);
              return false;
            } catch {
              return true;
            }
          }).length;
          for (const [name, args] of commands) {
            const result = await runCli(
              [...args, "-p", "examples/practice.json", "--input-format", "jsonl", "-q"],
              lines.join("\n"),
            );
            const failed = name.startsWith("diff") ? unreadable > 0 : bad > 0;
            expect(result.status, `${name}: ${result.stderr}`).toBe(failed ? 1 : 0);
            expect(result.stdout.length, name).toBeGreaterThan(0);
            expect(result.stderr, name).not.toContain("MARKER");
            expect(result.stdout, name).not.toContain("MARKER");
          }
        },
      ),
      fuzz(5, 0.005),
    );
  });

  it("prints no CSV cell of a broken row on stdout or stderr of report and diff", async () => {
    const rows = [
      "id,sentAt,sender.organisation,sender.unit,recipient.unit,recipient.assignment,urgent,body",
      `C1,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,${marker},x`,
      `C2,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,no,"${marker}`,
      `C3,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,no,"${marker}" ${marker}`,
      "C4,2026-11-23T10:15:00Z,Trust,Ward 7,Example Surgery,unassigned,no,Please see",
    ];
    for (const [name, args] of commands) {
      const result = await runCli(
        [...args, "-p", "examples/practice.json", "--input-format", "csv", "-q"],
        rows.join("\n"),
      );
      expect(result.status, `${name}: ${result.stderr}`).toBe(1);
      expect(`${result.stdout}${result.stderr}`, name).not.toContain("MARKER");
    }
    const noHeader = await runCli(
      ["report", "-", "-p", "examples/practice.json", "--input-format", "csv"],
      `${marker},2026-11-23T10:15:00Z\n`,
    );
    expect(noHeader.status).toBe(2);
    expect(noHeader.stderr).not.toContain("MARKER");
  });
});

describe("no record content in FHIR errors", () => {
  const bases = [fhirTask(), fhirTask(practitionerRoleRequester())];
  /** A FHIR value with the marker in it: as text, a reference, a type, a date, an id. */
  const fhirMarker = fc.oneof(
    markerValue,
    fc.constantFrom(
      `Organization/${marker}`,
      `${marker}/x`,
      `#${marker}`,
      `2026-11-23T${marker}`,
      `${marker}Resource`,
      // A literal reference's type is letters only.
      "MARKERJaneExample/1",
      "MARKERJaneExample",
    ),
  );

  it("keeps a FHIR element's value out of fromFhirTask's errors and the errors of the task it maps to", async () => {
    const guard = createGuard({ practice: practice as PracticePolicyInput });
    const mutation = fc.constantFrom(...bases).chain((base) =>
      fc.record({
        base: fc.constant(base),
        path: fc.constantFrom(...jsonPaths(base)),
        value: fhirMarker,
      }),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async ({ base, path, value }) => {
        const resource = setAt(base, path, value);
        let mapped: unknown;
        try {
          mapped = fromFhirTask(resource, { recipientUnit: "Example Surgery" });
        } catch (error) {
          expect(isGuardError(error), String(error)).toBe(true);
          expect(errorText(error)).not.toContain("MARKER");
          return;
        }
        const result = await guard.evaluate(mapped as TaskInputRaw).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (result !== undefined) expect(errorText(result)).not.toContain("MARKER");
      }),
      fuzz(120, 0.2),
    );
  });
});

describe("table and text output", () => {
  const hostile = fc.string({
    unit: fc.constantFrom(
      "a",
      "\u001b",
      "[",
      "8",
      "m",
      "\u009b",
      "\u202e",
      "\u2066",
      "\r",
      "\n",
      "\u0007",
      "\u0000",
      "\u2028",
    ),
    minLength: 1,
    maxLength: 12,
  });

  it("escapes every control, C1 and bidi character from task data, and keeps input order with error rows in place", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: hostile, organisation: hostile, bad: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
        async (rows) => {
          const lines = rows.map((r, i) =>
            r.bad
              ? `{"id": ${JSON.stringify(r.id)},`
              : JSON.stringify(
                  task({ id: `${i}${r.id}`, sender: { organisation: r.organisation } }),
                ),
          );
          const table = await runCli(
            [
              "evaluate",
              "-",
              "-p",
              "examples/practice.json",
              "--input-format",
              "jsonl",
              "-f",
              "table",
            ],
            lines.join("\n"),
          );
          const printed = table.stdout.split("\n").filter((l) => l !== "");
          for (const line of printed) expect(unprintable(line), JSON.stringify(line)).toBe(false);
          const numbers = printed.slice(1).map((l) => Number(l.trim().split(/\s+/)[0]));
          expect(numbers).toEqual(rows.map((_, i) => i + 1));
          printed.slice(1).forEach((l, i) => {
            if (rows[i]?.bad) expect(l).toMatch(/ error /);
          });
          const report = await runCli(
            [
              "report",
              "-",
              "-p",
              "examples/practice.json",
              "--input-format",
              "jsonl",
              "-f",
              "text",
            ],
            lines.join("\n"),
          );
          for (const line of report.stdout.split("\n"))
            expect(unprintable(line), JSON.stringify(line)).toBe(false);
        },
      ),
      fuzz(25, 0.05),
    );
  });

  it("escapes control, C1 and bidi characters in every task field that reaches the table, report text, diff text or stderr", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          id: hostile,
          organisation: hostile,
          team: hostile,
          name: hostile,
          role: hostile,
          unit: hostile,
          odsCode: hostile,
          assignee: hostile,
        }),
        async (v) => {
          // Due in ten days: fires under the bundled 14-day window, not under seven days, so
          // diff lists the task's id among its samples.
          const fields = (i: number) =>
            task({
              id: `${i}${v.id}`,
              sender: {
                organisation: `x${v.organisation}`,
                team: `x${v.team}`,
                name: `x${v.name}`,
                role: `x${v.role}`,
                unit: `x${v.unit}`,
                odsCode: `x${v.odsCode}`,
              },
              recipient: { assignment: "user", assignee: `x${v.assignee}` },
              dueBy: "2026-12-03",
              body: `Please review within 10 days. ${journal}`,
            });
          const input = [0, 1, 2].map((i) => JSON.stringify(fields(i))).join("\n");
          const base = ["-", "-p", "examples/practice.json", "--input-format", "jsonl"];
          const runs = [
            ["evaluate", ...base, "-f", "table"],
            ["report", ...base, "-f", "text"],
            ["diff", "--candidate", "examples/rulesets/seven-day-window.json", ...base],
          ];
          for (const args of runs) {
            const result = await runCli(args, input);
            expect(result.stdout.length, args[0]).toBeGreaterThan(0);
            for (const line of `${result.stdout}\n${result.stderr}`.split("\n"))
              expect(unprintable(line), `${args[0]}: ${JSON.stringify(line)}`).toBe(false);
            if (args[0] === "diff") expect(result.stdout).toMatch(/\(\d+\): 0/);
          }
        },
      ),
      fuzz(10, 0.03),
    );
  });
});

describe("score, test and CSV output", () => {
  const nasty = "\u001b[8m\u009b31m\u202e\u2066\u0007";

  it("escapes control, C1 and bidi characters from labelled records, golden cases and sender names in score text, test text and report CSV", async () => {
    const { scoreLabelled } = await import("../../src/analysis/score.js");
    const { renderScoreText } = await import("../../src/analysis/score-format.js");
    const { checkGolden, renderTestText } = await import("../../src/analysis/golden.js");
    const record = {
      id: `L1${nasty}`,
      voice: `ward${nasty}`,
      task: task({ id: `T1${nasty}`, body: `Please issue a fit note${nasty}. ${journal}` }),
      expect: { category: "other", rules: [], humanReview: false },
    };
    const score = renderScoreText(await scoreLabelled([record]));
    expect(score).toContain("L1\\x1b[8m");
    const golden = {
      line: 1,
      task: task({ id: `G1${nasty}` }),
      expected: { outcome: "reject" as const, rules: ["fit-note"] },
    };
    const report = renderTestText({
      ruleset: { name: "r", version: "1", hash: "0".repeat(64) },
      examples: [],
      golden: {
        source: "golden.jsonl",
        results: [checkGolden(golden as never, { error: `bad${nasty}` })],
        unreadable: [],
      },
    });
    expect(report).toContain("G1\\x1b[8m");
    const input = JSON.stringify(
      task({ sender: { organisation: `Org${nasty}`, unit: `Unit${nasty}`, team: `Team${nasty}` } }),
    );
    const csv = await runCli(
      [
        "report",
        "-",
        "-p",
        "examples/practice.json",
        "--input-format",
        "jsonl",
        "-f",
        "csv",
        "--table",
        "organisations",
      ],
      input,
    );
    expect(csv.stdout).toContain("Org\\x1b[8m");
    for (const text of [score, report, csv.stdout.replace(/\r\n/g, "\n")])
      for (const line of text.split("\n"))
        expect(unprintable(line), JSON.stringify(line)).toBe(false);
  });
});

describe("validate and error lines", () => {
  it("escapes control, C1 and bidi characters from ruleset text and file names in validate's output and CLI error lines", async () => {
    const { cp, mkdtemp, readFile, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { root } = await import("../cli/run-cli.js");
    const nasty = "\u001b[8m\u009b31m\u202e";
    const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-escapes-"));
    const rulesets: string[] = [];
    for (const change of [
      (r: { name: string }) => {
        r.name = `named${nasty}`;
      },
      (r: { phrases: { negators: string[] } }) => {
        r.phrases.negators[0] = `no${nasty}x`;
      },
    ]) {
      const folder = join(dir, `rules${rulesets.length}`);
      await cp(join(root, "rules"), folder, { recursive: true });
      const file = join(folder, "ruleset.json");
      const ruleset = JSON.parse(await readFile(file, "utf8"));
      change(ruleset);
      await writeFile(file, JSON.stringify(ruleset));
      rulesets.push(folder);
    }
    const runs = [
      await runCli(["validate", rulesets[0] ?? ""]),
      await runCli(["validate", rulesets[1] ?? ""]),
      await runCli(["evaluate", `missing${nasty}.jsonl`, "-p", "examples/practice.json"]),
    ];
    expect(runs[0]?.stdout).toContain("named\\x1b[8m");
    expect(runs[1]?.stdout).toContain("no\\x1b[8m");
    expect(runs[2]?.stderr).toContain("missing\\x1b[8m");
    for (const run of runs)
      for (const line of `${run.stdout}\n${run.stderr}`.split("\n"))
        expect(unprintable(line), JSON.stringify(line)).toBe(false);
  });
});

describe("CDS Hooks cards under GitHub-flavoured Markdown", () => {
  /** Text built from the pieces of links, images, HTML and autolinks. */
  const markdownish = fc.string({
    unit: fc.constantFrom(
      ...["a", "w", "W", ".", "www.", "WwW.", "http", "https", "ftp", "s", ":", "//", "/"],
      ...["@", "<", ">", "[", "]", "(", ")", "!", "\\", "`", "*", "_", "&", "#", ";"],
      ...["\n", " ", "1", "-", "=", "|", "~", "evil.example", "mailto", "javascript", "%"],
      ...["img", "script", "src=x", "\t", "\u00a0", '"', "'", "{", "}"],
    ),
    maxLength: 30,
  });
  /** Anything but text, emphasis and block structure: a link, an image or raw HTML. */
  const active =
    /<a\b|<img\b|<(?!\/?(?:p|em|strong|code|pre|h[1-6]|ul|ol|li|blockquote|hr|br|del|table|thead|tbody|tr|th|td)\b)[a-z]/i;

  it("never renders escaped text as a link, an image or HTML, at a line's start or inside one", async () => {
    const { marked } = await import("marked");
    await fc.assert(
      fc.asyncProperty(markdownish, fc.boolean(), async (text, atStart) => {
        const escaped = escapeMarkdown(text, atStart);
        const html = await marked.parse(atStart ? escaped : `x ${escaped}`, { gfm: true });
        expect(html, JSON.stringify(text)).not.toMatch(active);
      }),
      fuzz(300, 0.2),
    );
  });

  it("never renders a card's text as a link, an image or HTML, whatever the sender, assignee or body", async () => {
    const { marked } = await import("marked");
    const guard = createGuard({ practice: practice as PracticePolicyInput });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ organisation: markdownish, team: markdownish, assignee: markdownish }),
        fc.constantFrom("urgent: please issue a fit note", "please refer", "FYI"),
        async ({ organisation, team, assignee }, body) => {
          const input = task({
            sender: { organisation: `x${organisation}`, team: `x${team}` },
            recipient: { assignment: "user", assignee: `x${assignee}` },
            body: `${body} ${organisation}`,
          });
          const verdict = await guard.evaluate(input as TaskInputRaw);
          for (const card of toCdsCards(verdict)) {
            for (const text of [card.summary, card.detail ?? ""]) {
              const html = await marked.parse(text, { gfm: true });
              expect(html, JSON.stringify(text)).not.toMatch(active);
            }
          }
        },
      ),
      fuzz(60, 0.02),
    );
  });
});
