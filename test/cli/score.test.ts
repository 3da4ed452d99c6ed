/**
 * `gp-task-guard score`, run in this process through `run(argv, io)` (run-cli.ts).
 * test/cli/fixtures/labelled.jsonl holds the first lines of the project's labelled set A.
 */
import { describe, expect, it } from "vitest";
import { runCli as run } from "./run-cli.js";

const fixture = "test/cli/fixtures/labelled.jsonl";

const task = (id: string, extra: object = {}) => ({
  id,
  sentAt: "2026-11-16T09:40:00Z",
  sender: { organisation: "Humber Trust", unit: "Ward 7", kind: "nhs-provider" },
  recipient: { unit: "Example Surgery", assignment: "user", assignee: "Dr A Smith" },
  category: "information",
  body: "For information: the patient moved house last month.",
  ...extra,
});
const line = (id: string, rules: string[], extra: object = {}) =>
  JSON.stringify({
    id,
    task: task(id, extra),
    expect: { category: "information", rules, humanReview: false },
  });

describe("gp-task-guard score", () => {
  it("scores a labelled file as text: the figures, the rules table and the misses", async () => {
    const result = await run(["score", fixture]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Labelled set: 5 tasks scored of 5 records/);
    expect(result.stdout).toMatch(
      /\nRules\n {2}rule +support +tp +fp +fn +precision +recall +F1\n/,
    );
    expect(result.stdout).toContain("\nMisses (");
  });

  it("prints one JSON object with tasks, human review and per-rule figures", async () => {
    const result = await run(["score", fixture, "--format", "json"]);
    expect(result.status).toBe(0);
    const score = JSON.parse(result.stdout) as {
      tasks: number;
      humanReview: { precision: number; recall: number };
      rules: Record<string, { precision: number; recall: number; f1: number; support: number }>;
    };
    expect(score.tasks).toBe(5);
    expect(typeof score.humanReview.precision).toBe("number");
    expect(typeof score.humanReview.recall).toBe("number");
    expect(Object.keys(score.rules)).toContain("journal-reference-missing");
    for (const m of Object.values(score.rules)) {
      expect(Object.keys(m)).toEqual(
        expect.arrayContaining(["precision", "recall", "f1", "support"]),
      );
    }
  });

  it("lists a bad line by its number without its content, counts it, and exits 1", async () => {
    const input = [
      line("T1", ["must-be-unassigned"]),
      '{"id": "T2", "task": {"body": "Jane Doe 943 476 5919"',
      line("T3", ["must-be-unassigned"], { sentAt: "Jane Doe" }),
      "",
      line("T5", ["must-be-unassigned"]),
    ].join("\n");
    const result = await run(["score", "-"], input);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^Labelled set: 2 tasks scored of 4 records \(2 could not be scored\)/,
    );
    expect(result.stdout).toContain("  stdin line 2: invalid_json\n");
    expect(result.stdout).toContain("  stdin line 3: invalid_task (task.sentAt)\n");
    expect(result.stderr).toBe("2 of 4 records could not be scored (listed by line)\n");
    expect(result.stdout + result.stderr).not.toMatch(/Jane Doe|943 476 5919/);
  });

  it("exits 1 naming each rule below --min-f1 and human review below --min-review-recall", async () => {
    const input = [
      line("T1", ["fit-note", "must-be-unassigned"]),
      JSON.stringify({
        id: "T2",
        task: task("T2"),
        expect: { category: "information", rules: ["must-be-unassigned"], humanReview: true },
      }),
    ].join("\n");
    const failing = await run(
      ["score", "-", "--min-f1", "0.9", "--min-review-recall", "1", "-f", "json"],
      input,
    );
    expect(failing.status).toBe(1);
    expect(failing.stderr).toBe(
      "below the minimum: rule fit-note: F1 0.0000 is below 0.9\n" +
        "below the minimum: human review: recall 0.0000 is below 1 (1 missed)\n",
    );
    const passing = await run(
      ["score", "-", "--min-f1", "0.9"],
      line("T1", ["must-be-unassigned"]),
    );
    expect([passing.status, passing.stderr]).toEqual([0, ""]);
  });

  it("refuses a minimum outside 0 to 1 and an unknown format (exit 2)", async () => {
    const low = await run(["score", fixture, "--min-f1", "90"]);
    expect(low.status).toBe(2);
    expect(low.stderr).toContain("--min-f1 must be a number from 0 to 1");
    const format = await run(["score", fixture, "-f", "csv"]);
    expect(format.status).toBe(2);
  });

  it("scores against another ruleset given by --rules (an overlay file)", async () => {
    const result = await run(
      ["score", "-", "-r", "examples/rulesets/fit-note-disabled.json", "-f", "json"],
      line("T1", ["must-be-unassigned"]),
    );
    expect(result.status).toBe(0);
    const score = JSON.parse(result.stdout) as { ruleset: { name: string; hash: string } };
    const base = JSON.parse((await run(["score", "-", "-f", "json"], line("T1", []))).stdout) as {
      ruleset: { hash: string };
    };
    expect(score.ruleset.hash).not.toBe(base.ruleset.hash);
  });

  it("gives the same figures on the reference engine (--engine json-rules-engine)", async () => {
    const figures = async (engine: string) => {
      const { status, stdout } = await run(["score", fixture, "--engine", engine, "-f", "json"]);
      expect(status).toBe(0);
      const { engine: used, ...rest } = JSON.parse(stdout) as { engine: string };
      return { used, rest };
    };
    const compiled = await figures("compiled");
    const reference = await figures("json-rules-engine");
    expect([compiled.used, reference.used]).toEqual(["compiled", "json-rules-engine"]);
    expect(reference.rest).toEqual(compiled.rest);
  });

  it("has --help, and needs at least one labelled file (exit 2)", async () => {
    const help = await run(["score", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: gp-task-guard score <labelled\.jsonl>\.\.\./);
    expect((await run(["--help"])).stdout).toMatch(/\n {2}score +score the verdicts/);
    const none = await run(["score"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("score takes at least 1 argument, not 0");
  });

  it("writes a self-contained HTML page", async () => {
    const result = await run(["score", fixture, "-f", "html"]);
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(result.stdout).toContain("<h2>Misses</h2>");
  });
});
