/**
 * End-to-end tests of the gp-task-guard CLI as a user runs it, from argv to exit code, stdout
 * and stderr, in this process through `run(argv, io)` (test/cli/run-cli.ts): a spawned
 * `node cli.js` costs about a second each on this machine. The built bin itself is
 * smoke-tested in test/cli/bin.test.ts.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { root, runCli as run } from "./run-cli.js";

const fixtures = join(import.meta.dirname, "fixtures");
const practice = "examples/practice.json";
const corpus = "examples/corpus.jsonl";
let scratch = "";

beforeAll(async () => {
  await mkdir(join(root, ".tmp"), { recursive: true });
  scratch = await mkdtemp(join(root, ".tmp", "cli-scratch-"));
  return () => rm(scratch, { recursive: true, force: true });
});

/** A copy of the default rules to edit, in the scratch folder. */
async function copyOfRules(name: string): Promise<string> {
  const dir = join(scratch, name);
  await cp(join(root, "rules"), dir, { recursive: true });
  return dir;
}

async function editJson(
  file: string,
  edit: (json: Record<string, unknown>) => void,
): Promise<void> {
  const json = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  edit(json);
  await writeFile(file, JSON.stringify(json, null, 2));
}

describe("gp-task-guard evaluate", () => {
  it("gives one output line per record, in order, for a batch with a malformed line in the middle, and exits 1", async () => {
    const input = await readFile(join(fixtures, "batch-malformed.jsonl"), "utf8");
    const recordsIn = input.split("\n").filter((line) => line.trim() !== "").length;
    const { status, stdout, stderr } = await run([
      "evaluate",
      "test/cli/fixtures/batch-malformed.jsonl",
      "-p",
      practice,
      "-f",
      "jsonl",
    ]);
    expect(status).toBe(1);
    const out = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(out).toHaveLength(recordsIn);
    const errors = out.filter((o) => "error" in o);
    const verdicts = out.filter((o) => "outcome" in o);
    expect(verdicts.length + errors.length).toBe(recordsIn);
    expect(errors.map((e) => e.line)).toEqual([3, 5]);
    expect(errors[0].error).toMatchObject({
      code: "INPUT_INVALID",
      issues: [{ code: "invalid_json", path: "" }],
    });
    expect(errors[1].error.issues.map((i: { path: string }) => i.path)).toEqual([
      "patient.nhsNumber",
    ]);
    expect(out.map((o) => o.taskId ?? `line ${o.line}`)).toEqual([
      "40000133",
      "40000376",
      "line 3",
      "line 5",
      "40001124",
      "40001509",
    ]);
    expect(stderr).toContain("6 records: 2 reject, 1 remind, 1 accept, 2 could not be evaluated");
  });

  it("exits 0 when every record was evaluated, and reads CSV, a JSON array and stdin alike", async () => {
    const csv = await run([
      "evaluate",
      "test/cli/fixtures/tasks.csv",
      "-p",
      practice,
      "-f",
      "json",
    ]);
    expect(csv.status).toBe(1); // two of the CSV fixture's rows are bad on purpose
    const items = JSON.parse(csv.stdout) as { taskId?: string; line?: number }[];
    expect(items.map((i) => i.taskId ?? `line ${i.line}`)).toEqual([
      "CSV-1",
      "CSV-2",
      "line 5",
      "CSV-4",
      "line 7",
    ]);

    const array = await run([
      "evaluate",
      "test/cli/fixtures/array-with-a-bad-element.txt",
      "-p",
      practice,
      "-f",
      "jsonl",
      "-q",
    ]);
    expect(array.stdout.trimEnd().split("\n")).toHaveLength(4);

    const single = await readFile(join(fixtures, "single-task.json"), "utf8");
    const piped = await run(["evaluate", "-", "-p", practice, "-f", "jsonl", "-q"], single);
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ taskId: "40000133", outcome: "reject" });
    expect(piped.stderr).toBe("");
  });

  it("exits 2 naming the file when the practice file is missing", async () => {
    const { status, stdout, stderr } = await run([
      "evaluate",
      corpus,
      "-p",
      "no/such/practice.json",
    ]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/cannot read the practice file no\/such\/practice\.json: ENOENT/);
  });

  it("exits 2 naming the file and field when the practice policy is not valid", async () => {
    const file = join(scratch, "bad-practice.json");
    await writeFile(
      file,
      JSON.stringify({
        name: "Example Surgery",
        units: [],
        externalTasks: { policy: "sometimes" },
      }),
    );
    const { status, stderr } = await run(["evaluate", corpus, "-p", file]);
    expect(status).toBe(2);
    expect(stderr).toContain(`${file} units: units must name at least one SystmOne unit`);
    expect(stderr).toContain(`${file} externalTasks.policy:`);
  });

  it("exits 2 naming the rule file and JSON path when --rules has a rule with an unknown fact", async () => {
    const dir = await copyOfRules("unknown-fact-evaluate");
    await editJson(join(dir, "fit-note.json"), (rule) => {
      (rule.conditions as { all: { fact: string }[] }).all[2] = {
        fact: "senderType",
        operator: "equal",
        value: "x",
      } as never;
    });
    const { status, stderr } = await run(["evaluate", corpus, "-p", practice, "-r", dir]);
    expect(status).toBe(2);
    expect(stderr).toContain(
      `${dir}/fit-note.json conditions.all[2].fact: unknown fact "senderType"`,
    );
  });

  /** Evaluates a JSONL batch from stdin with letters (dated 30 November 2026) written to `dir`. */
  const evaluateWithLetters = (dir: string, batch: string) =>
    run(
      [
        "evaluate",
        "-",
        "-p",
        practice,
        "-f",
        "jsonl",
        "--letters",
        dir,
        "--letter-date",
        "2026-11-30",
      ],
      batch,
    );

  it("writes one letter per verdict that has one, named by a file-system-safe task id", async () => {
    const dir = join(scratch, "letters");
    const tasks = (await readFile(join(root, corpus), "utf8")).split("\n").slice(0, 3);
    const hostile = JSON.parse(tasks[0] ?? "{}") as Record<string, unknown>;
    const batch = [
      JSON.stringify({ ...hostile, id: "../../escape/CON" }),
      JSON.stringify({ ...hostile, id: "a/b" }),
      JSON.stringify({ ...hostile, id: "a b" }),
    ].join("\n");
    const { status, stderr } = await evaluateWithLetters(dir, batch);
    expect(status).toBe(0);
    expect(stderr).toContain("3 letters written");
    // The names are the same whether a letter is held (in held/) or not.
    const held = await readdir(join(dir, "held")).catch(() => []);
    const folder = held.length > 0 ? join(dir, "held") : dir;
    expect((await readdir(folder)).filter((name) => name !== "held").sort()).toEqual([
      "a_b-2.txt",
      "a_b.txt",
      "escape_CON.txt",
    ]);
    const letter = await readFile(join(folder, "a_b.txt"), "utf8");
    expect(letter).toContain("30 November 2026");
    expect(letter).not.toMatch(/&amp;|&lt;|&#/);
  });

  it("writes a held letter (urgent or safety-related task) to <dir>/held, and counts it", async () => {
    const dir = join(scratch, "held-letters");
    const [first] = (await readFile(join(root, corpus), "utf8")).split("\n");
    const base = JSON.parse(first ?? "{}") as Record<string, unknown>;
    const batch = [
      { ...base, id: "urgent-1", urgent: true, body: "Please issue a fit note for 4 weeks." },
      { ...base, id: "plain-1", urgent: false, body: "Please issue a fit note for 4 weeks." },
    ]
      .map((task) => JSON.stringify(task))
      .join("\n");
    const { status, stderr } = await evaluateWithLetters(dir, batch);
    expect(status).toBe(0);
    expect(stderr).toContain(
      `2 letters written to ${dir}, 1 of them held in ${join(dir, "held")} until a person has read the task`,
    );
    expect((await readdir(dir)).sort()).toEqual(["held", "plain-1.txt"]);
    expect(await readdir(join(dir, "held"))).toEqual(["urgent-1.txt"]);
    const held = await readFile(join(dir, "held", "urgent-1.txt"), "utf8");
    expect(held).toContain("The practice has seen it: it was marked urgent.");
    expect(held).not.toContain("has not been acted on");
    expect(await readFile(join(dir, "plain-1.txt"), "utf8")).toContain(
      "Your Task has not been acted on or actioned",
    );
  });

  it("refuses an unknown option or a missing argument with exit 2 and a pointer to --help", async () => {
    const unknown = await run(["evaluate", corpus, "-p", practice, "--colour"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("See gp-task-guard evaluate --help");
    expect((await run(["evaluate"])).status).toBe(2);
    expect((await run(["evaluate", corpus, "-p", practice, "-f", "xml"])).stderr).toContain(
      "--format must be one of json, jsonl, table",
    );
  });
});

describe("gp-task-guard diff", () => {
  it("shows the effect of changing immediateWithinDays on the corpus", async () => {
    const dir = await copyOfRules("immediate-21");
    await editJson(join(dir, "ruleset.json"), (ruleset) => {
      (ruleset.parameters as Record<string, unknown>).immediateWithinDays = 21;
    });
    const { status, stdout } = await run([
      "diff",
      "--base",
      "rules",
      "--candidate",
      dir,
      corpus,
      "-p",
      practice,
      "-f",
      "json",
    ]);
    expect(status).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.changes).toEqual([
      { path: "parameters.immediateWithinDays", kind: "changed", before: 14, after: 21 },
    ]);
    const rule = diff.rules.find((r: { ruleId: string }) => r.ruleId === "immediate-action");
    expect(rule.after).toBeGreaterThan(rule.before);
    expect(diff.total).toBe(1000);
    // A longer window only adds rejections: nothing leaves reject.
    expect(diff.matrix.reject.accept + diff.matrix.reject.remind).toBe(0);
    expect(diff.matrix.accept.reject + diff.matrix.remind.reject).toBe(diff.outcomeChanged);
    const ids = new Set(
      (await readFile(join(root, corpus), "utf8"))
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).id),
    );
    for (const t of diff.transitions) for (const id of t.samples) expect(ids.has(id)).toBe(true);

    // The text form and the exit codes, over the corpus's first 200 tasks (which hold changes).
    const part = join(scratch, "corpus-200.jsonl");
    const lines = (await readFile(join(root, corpus), "utf8")).split("\n").slice(0, 200);
    await writeFile(part, `${lines.join("\n")}\n`);
    const text = (await run(["diff", "--candidate", dir, part, "-p", practice])).stdout;
    expect(text).toContain("parameters.immediateWithinDays: 14 → 21");
    expect(text).toMatch(/remind → reject \(\d+\): \d+/);

    const failOnChange = ["-p", practice, "--fail-on-change", "-q"];
    expect((await run(["diff", "--candidate", dir, part, ...failOnChange])).status).toBe(1);
    expect((await run(["diff", "--candidate", "rules", part, ...failOnChange])).status).toBe(0);
  });
});

describe("gp-task-guard with ruleset overlays", () => {
  const sevenDays = "examples/rulesets/seven-day-window.json";
  const fitNoteOff = "examples/rulesets/fit-note-disabled.json";

  it("diff with the 7-day overlay names immediate-action and only that rule", async () => {
    const { status, stdout } = await run([
      "diff",
      "--candidate",
      sevenDays,
      corpus,
      "-p",
      practice,
      "-f",
      "json",
    ]);
    expect(status).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.changes).toEqual([
      { path: "parameters.immediateWithinDays", kind: "changed", before: 14, after: 7 },
    ]);
    const changed = diff.rules.filter(
      (r: { before: number; after: number }) => r.before !== r.after,
    );
    expect(changed.map((r: { ruleId: string }) => r.ruleId)).toEqual(["immediate-action"]);
    expect(changed[0].after).toBeLessThan(changed[0].before);
    const text = await run([
      "diff",
      "--base",
      "rules",
      "--candidate",
      sevenDays,
      corpus,
      "-p",
      practice,
    ]);
    expect(text.stdout).toMatch(/immediate-action no longer fires \(\d+\)/);
  });

  it("with fit-note disabled, the fit-note example task is no longer rejected", async () => {
    const task = "examples/tasks/01-fit-note-from-ward.json";
    const [before] = JSON.parse(
      (await run(["evaluate", task, "-p", practice, "-f", "json"])).stdout,
    );
    const [after] = JSON.parse(
      (await run(["evaluate", task, "-p", practice, "--rules", fitNoteOff, "-f", "json"])).stdout,
    );
    expect(before.findings.map((f: { ruleId: string }) => f.ruleId)).toContain("fit-note");
    expect(after.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain("fit-note");
    expect(after.outcome).not.toBe("reject");
    const diff = (await run(["diff", "--candidate", fitNoteOff, corpus, "-p", practice])).stdout;
    expect(diff).toContain("rules/fit-note.json enabled: true → false");
  });

  it("validates, tests and reports with an overlay, naming the overlay file of a mistake", async () => {
    expect((await run(["validate", fitNoteOff])).stdout).toContain("14 rules (disabled: fit-note)");
    expect((await run(["test", "examples/rulesets/shared-care.json"])).status).toBe(0);
    expect(
      (await run(["report", corpus, "-p", practice, "--rules", sevenDays, "-f", "json"])).status,
    ).toBe(0);
    const bad = join(scratch, "typo.json");
    await writeFile(bad, JSON.stringify({ extends: "default", overrides: { "fit-nte": {} } }));
    const { status, stdout } = await run(["validate", bad]);
    expect(status).toBe(1);
    expect(stdout).toContain(`${bad} overrides.fit-nte: there is no rule "fit-nte" to override`);
  });
});

describe("gp-task-guard test", () => {
  it("fails, naming the rule and its example, when a rule is edited so that it can no longer fire", async () => {
    const dir = await copyOfRules("fit-note-never");
    await editJson(join(dir, "fit-note.json"), (rule) => {
      (rule.conditions as { all: unknown[] }).all.push({
        fact: "external",
        operator: "equal",
        value: false,
      });
    });
    expect((await run(["validate", dir])).status).toBe(0);
    const { status, stdout } = await run(["test", dir, "--corpus", corpus, "-p", practice]);
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /✗ fit-note fires\[0\] "the request in the body is recognised": expected fit-note to fire/,
    );
    expect(stdout).toMatch(/Rules never fired: .*fit-note/);
    expect(stdout.trimEnd().endsWith("FAIL")).toBe(true);
  });

  it("passes the default rules, and fails below --min-coverage", async () => {
    const ok = await run(["test", "--corpus", corpus, "-p", practice]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Rule examples: \d+ passed, 0 failed/);
    const strict = await run(["test", "--corpus", corpus, "-p", practice, "--min-coverage", "100"]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(
      /Coverage on examples\/corpus\.jsonl \(1,000 tasks\): [\d.]+% \(minimum 100%\)/,
    );
  });

  it("checks a golden corpus, and --update-golden records the current verdicts", async () => {
    const golden = join(scratch, "golden.jsonl");
    const lines = (await readFile(join(root, corpus), "utf8")).split("\n").slice(0, 20).join("\n");
    await writeFile(golden, lines);
    const fresh = await run(["test", "--golden", golden, "-p", practice]);
    expect(fresh.status).toBe(1);
    expect(fresh.stdout).toContain("no expectation: run with --update-golden");
    expect(
      (await run(["test", "--golden", golden, "-p", practice, "--update-golden"])).status,
    ).toBe(0);
    expect((await run(["test", "--golden", golden, "-p", practice])).status).toBe(0);
    // The same golden corpus fails under a ruleset that rejects more.
    const dir = await copyOfRules("immediate-60");
    await editJson(join(dir, "ruleset.json"), (ruleset) => {
      (ruleset.parameters as Record<string, unknown>).immediateWithinDays = 60;
    });
    const changed = await run(["test", dir, "--golden", golden, "-p", practice]);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toMatch(
      /✗ line \d+ task \d+: expected \w+ \[.*\].*, got reject \[.*immediate-action/,
    );
  });
});

describe("gp-task-guard validate", () => {
  it("names the file, the JSON path and the fact for a rule with an unknown fact, and exits 1", async () => {
    const dir = await copyOfRules("unknown-fact");
    await editJson(join(dir, "fit-note.json"), (rule) => {
      const all = (rule.conditions as { all: { fact: string }[] }).all;
      const condition = all[1];
      if (condition) condition.fact = "requestKind";
    });
    const { status, stdout } = await run(["validate", dir]);
    expect(status).toBe(1);
    expect(stdout).toContain("not a valid ruleset (1 problem)");
    expect(stdout).toContain(
      `${dir}/fit-note.json conditions.all[1].fact: unknown fact "requestKind"`,
    );
    expect(stdout).toContain("[unknown_fact]");
  });

  it("accepts the bundled rules and the shared-care overlay, and exits 2 for a folder that does not exist", async () => {
    const bundled = (await run(["validate"])).stdout;
    expect(bundled).toMatch(/^\(bundled rules\): valid ruleset humberside-lmcs-tasking/);
    // How much of the phrase limit the lists use, so an analyst sees the room left.
    expect(bundled).toMatch(/\n {2}phrases: [\d,]+ of the 80,000 a ruleset may stand for/);
    // And whether an entry only repeats another in its list.
    expect(bundled).toContain("\n  repeated: no entry reads as an earlier one in its list\n");
    expect((await run(["validate", "examples/rulesets/shared-care.json"])).status).toBe(0);
    expect((await run(["validate", "no/such/rules"])).status).toBe(2);
  });
});

describe("gp-task-guard report", () => {
  const nhsNumbers = async () =>
    (await readFile(join(root, corpus), "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l).patient?.nhsNumber as string | undefined)?.replace(/\s/g, ""))
      .filter((n): n is string => n !== undefined);

  it("never prints an NHS number, in any format", async () => {
    const numbers = await nhsNumbers();
    expect(numbers.length).toBeGreaterThan(900);
    for (const format of ["text", "json", "csv", "html"]) {
      const { status, stdout } = await run([
        "report",
        corpus,
        "-p",
        practice,
        "-f",
        format,
        "--date",
        "2026-11-30",
      ]);
      expect(status).toBe(0);
      const digits = stdout.replace(/[\s,]/g, "");
      for (const n of numbers)
        expect(digits.includes(n), `${format} report shows ${n}`).toBe(false);
    }
  });

  it("writes a self-contained HTML report that passes an HTML validator", async () => {
    const out = join(scratch, "report.html");
    const { status } = await run([
      "report",
      corpus,
      "-p",
      practice,
      "-f",
      "html",
      "-o",
      out,
      "--date",
      "2026-11-30",
    ]);
    expect(status).toBe(0);
    const html = await readFile(out, "utf8");
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(
      html.match(/https?:\/\/[^"\s]+/g)?.filter((u) => u !== "http://www.w3.org/2000/svg") ?? [],
    ).toEqual([]);
    expect(html).toContain("<svg");
    const report = await new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "no-inline-style": "off", "long-title": "off" },
    }).validateString(html);
    expect(
      report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
    ).toEqual([]);
  });

  it("writes an escalation letter for each team at the service-lead step or beyond", async () => {
    const dir = join(scratch, "escalation");
    const json = await run([
      "report",
      corpus,
      "-p",
      practice,
      "-f",
      "json",
      "--date",
      "2026-11-30",
    ]);
    const teams = JSON.parse(json.stdout).summary.escalation.teams as { level: string }[];
    const due = teams.filter((t) => t.level === "service-lead" || t.level === "icb-or-lmc").length;
    expect(due).toBeGreaterThan(0);
    const { status } = await run([
      "report",
      corpus,
      "-p",
      practice,
      "--date",
      "2026-11-30",
      "--escalation-letters",
      dir,
      "-o",
      join(scratch, "r.txt"),
    ]);
    expect(status).toBe(0);
    const files = await readdir(dir);
    expect(files).toHaveLength(due);
    const letter = await readFile(
      join(dir, "Humber_Coast_NHS_Foundation_Trust_District_Nursing.txt"),
      "utf8",
    );
    expect(letter).toContain(
      "SystmOne Tasks from District Nursing, Humber Coast NHS Foundation Trust",
    );
    expect(letter).toContain("30 November 2026");
  });

  it("lists bad records by line without their values, and exits 1", async () => {
    const { status, stdout } = await run([
      "report",
      "test/cli/fixtures/batch-malformed.jsonl",
      "-p",
      practice,
      "-f",
      "json",
    ]);
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.records).toEqual({
      read: 6,
      errors: [
        { line: 3, code: "INPUT_INVALID", paths: ["(record)"] },
        { line: 5, code: "INPUT_INVALID", paths: ["patient.nhsNumber"] },
      ],
    });
    expect(report.summary.outcomes.total).toBe(4);
  });
});

describe("gp-task-guard schema, letter and help", () => {
  it("prints the JSON Schema shipped in schema/", async () => {
    const { status, stdout } = await run(["schema", "task"]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(
      JSON.parse(await readFile(join(root, "schema/task.schema.json"), "utf8")),
    );
    expect((await run(["schema", "patient"])).status).toBe(2);
  });

  it("renders a letter for the practice, and names the missing field with exit 2", async () => {
    const notice = await run(["letter", "opt-out-notice", "-p", practice, "--date", "2026-10-01"]);
    expect(notice.status).toBe(0);
    expect(notice.stdout).toContain(
      "from 1 December 2026, Example Surgery will not accept SystmOne Tasks",
    );
    const missing = await run(["letter", "escalation", "-p", practice]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/team.*tasks/);
  });

  it("has --help for every command", async () => {
    for (const command of ["evaluate", "report", "diff", "test", "validate", "schema", "letter"]) {
      const { status, stdout } = await run([command, "--help"]);
      expect(status).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: gp-task-guard ${command}`));
    }
    expect((await run(["--help"])).stdout).toContain("Commands:");
    expect((await run(["frobnicate"])).status).toBe(2);
    expect((await run(["--version"])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
