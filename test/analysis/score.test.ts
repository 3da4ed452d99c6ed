import { HtmlValidate } from "html-validate";
import { describe, expect, it } from "vitest";
import { metricOf, scoreGate, scoreLabelled } from "../../src/analysis/score.js";
import { renderScoreJson, renderScoreText } from "../../src/analysis/score-format.js";
import { renderScoreHtml } from "../../src/analysis/score-html.js";
import { createGuard } from "../../src/engine/guard.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";

/**
 * Two tasks whose verdicts do not depend on reading text: the sender's category is given, and
 * the one rule that fires is about addressing. `assigned` is external, addressed to a user,
 * for information: only must-be-unassigned fires. `internal` is from the practice's own unit:
 * nothing fires.
 */
const assigned = {
  id: "S1",
  sentAt: "2026-11-16T09:40:00Z",
  sender: { organisation: "Humber Trust", unit: "Ward 7", kind: "nhs-provider" },
  recipient: { unit: "Example Surgery", assignment: "user", assignee: "Dr A Smith" },
  category: "information",
  body: "For information: the patient moved house last month.",
};
const internal = {
  ...assigned,
  id: "S2",
  sender: { organisation: "Example Surgery", unit: "Example Surgery", kind: "gp-practice" },
  recipient: { unit: "Example Surgery", assignment: "unassigned" },
  category: "admin",
  body: "Please update the patient's address on the record.",
};

const record = (id: string, task: object, category: string, rules: string[], review: boolean) => ({
  id,
  voice: "test",
  task: { ...task, id },
  expect: { category, rules, humanReview: review },
});

describe("metricOf", () => {
  it("computes precision, recall and F1 from counts", () => {
    const m = metricOf({ tp: 3, fp: 1, fn: 2 });
    expect(m.precision).toBe(0.75);
    expect(m.recall).toBe(0.6);
    expect(m.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35, 12);
    expect(m.support).toBe(5);
  });

  it("takes 0/0 as 1: nothing expected and nothing found is neither missed nor wrong", () => {
    expect(metricOf({ tp: 0, fp: 0, fn: 0 })).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
      support: 0,
      tp: 0,
      fp: 0,
      fn: 0,
    });
    // Only missed: precision 0/0 = 1, recall 0, F1 0.
    expect(metricOf({ tp: 0, fp: 0, fn: 2 })).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    // Only false alarms: precision 0, recall 0/0 = 1, F1 0.
    expect(metricOf({ tp: 0, fp: 3, fn: 0 })).toMatchObject({ precision: 0, recall: 1, f1: 0 });
  });
});

describe("scoreLabelled", () => {
  it("the fixture tasks give the verdicts the hand counts below assume", async () => {
    const guard = createGuard({
      practice: defaultRuleset().examples.practice as PracticePolicyInput,
    });
    const a = await guard.evaluate(assigned as TaskInputRaw);
    expect(a.findings.map((f) => f.ruleId)).toEqual(["must-be-unassigned"]);
    expect([a.category.value, a.humanReview]).toEqual(["information", false]);
    const b = await guard.evaluate(internal as TaskInputRaw);
    expect([b.findings.length, b.category.value, b.humanReview]).toEqual([0, "admin", false]);
  });

  it("counts rules, human review, categories and exact matches as worked out by hand", async () => {
    const score = await scoreLabelled([
      // exact
      record("R1", assigned, "information", ["must-be-unassigned"], false),
      // rules right, human review labelled yes: fn for review, not exact
      record("R2", assigned, "information", ["must-be-unassigned"], true),
      // rule not labelled: fp; category labelled admin: fn admin, fp information
      record("R3", assigned, "admin", [], false),
      // fit-note labelled, not fired: fn
      record("R4", assigned, "information", ["fit-note", "must-be-unassigned"], false),
      // internal: nothing fires, nothing labelled: exact
      record("R5", internal, "admin", [], false),
    ]);
    expect(score.tasks).toBe(5);
    expect(score.records).toBe(5);
    expect(score.rules["must-be-unassigned"]).toMatchObject({ tp: 3, fp: 1, fn: 0, support: 3 });
    expect(score.rules["must-be-unassigned"]?.precision).toBe(0.75);
    expect(score.rules["must-be-unassigned"]?.f1).toBeCloseTo(6 / 7, 12);
    expect(score.rules["fit-note"]).toMatchObject({ precision: 1, recall: 0, f1: 0, support: 1 });
    expect(Object.keys(score.rules)).toEqual(["must-be-unassigned", "fit-note"]);
    expect(score.humanReview).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: 1, recall: 0 });
    expect(score.categories.information).toMatchObject({ tp: 3, fp: 1, fn: 0 });
    expect(score.categories.admin).toMatchObject({ tp: 1, fp: 0, fn: 1, recall: 0.5 });
    expect(score.confusion).toEqual({
      information: { information: 3 },
      admin: { information: 1, admin: 1 },
    });
    expect(score.exact).toEqual({ count: 2, fraction: 0.4 });
    expect(score.misses.map((m) => [m.id, m.differs])).toEqual([
      ["R2", ["humanReview"]],
      ["R3", ["rules", "category"]],
      ["R4", ["rules"]],
    ]);
    expect(score.misses[1]).toMatchObject({
      line: 3,
      extra: ["must-be-unassigned"],
      missing: [],
      body: assigned.body,
    });
    expect(score.unknown).toEqual({ rules: [], categories: [] });
  });

  it("gives precision and recall 1 to an empty set, and the gate refuses it", async () => {
    const score = await scoreLabelled([]);
    expect(score.tasks).toBe(0);
    expect(score.humanReview).toMatchObject({ precision: 1, recall: 1 });
    expect(score.rules).toEqual({});
    expect(scoreGate(score, { minReviewRecall: 1 })).toEqual(["no task was scored"]);
  });

  it("counts a bad record as an error with its position and paths, never its values", async () => {
    const score = await scoreLabelled([
      record("R1", assigned, "information", ["must-be-unassigned"], false),
      { id: "R2", task: assigned, expect: { category: "information", rules: "none" } },
      record("R3", { ...assigned, sentAt: "Jane Doe 16/11" }, "information", [], false),
      { ...record("R4", assigned, "information", [], false), practice: { name: "Secret Surgery" } },
      "not an object",
    ]);
    expect(score.tasks + score.errors.length).toBe(5);
    expect(score.errors).toEqual([
      { line: 2, code: "invalid_record", paths: ["expect.rules", "expect.humanReview"] },
      { line: 3, code: "invalid_task", paths: ["task.sentAt"] },
      {
        line: 4,
        code: "invalid_practice",
        paths: [
          "practice.units",
          "practice.externalTasks",
          "practice.preferredMethod",
          "practice.urgentRoute",
        ],
      },
      { line: 5, code: "invalid_record", paths: ["(record)"] },
    ]);
    expect(JSON.stringify(score)).not.toMatch(/Jane Doe|Secret Surgery/);
  });

  it("evaluates a record for its own practice when it carries one", async () => {
    const declining = {
      ...defaultRuleset().examples.practice,
      externalTasks: { policy: "decline", from: "2026-10-01" },
    };
    const score = await scoreLabelled([
      {
        ...record("R1", assigned, "information", ["external-tasks-declined"], false),
        practice: declining,
      },
    ]);
    expect(score.rules["external-tasks-declined"]).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });

  it("lists labels that name no rule or category of the ruleset", async () => {
    const score = await scoreLabelled([
      record("R1", assigned, "informaton", ["must-be-unassigned", "fit-notes"], false),
    ]);
    expect(score.unknown).toEqual({ rules: ["fit-notes"], categories: ["informaton"] });
    expect(score.rules["fit-notes"]).toMatchObject({ support: 1, recall: 0 });
  });
});

describe("scoreGate", () => {
  it("names each rule with support below the F1 minimum, and human review below its recall", async () => {
    const score = await scoreLabelled([
      record("R1", assigned, "information", ["fit-note", "must-be-unassigned"], true),
      record("R2", internal, "admin", [], false),
    ]);
    expect(scoreGate(score, { minF1: 0.9, minReviewRecall: 1 })).toEqual([
      "rule fit-note: F1 0.0000 is below 0.9",
      "human review: recall 0.0000 is below 1 (1 missed)",
    ]);
    expect(scoreGate(score, { minF1: 0 })).toEqual([]);
    expect(scoreGate(score, {})).toEqual([]);
  });
});

describe("the score's outputs", () => {
  const scored = scoreLabelled([
    record("R1", assigned, "information", ["must-be-unassigned"], false),
    record("R<2>", assigned, "admin", [], true),
  ]);

  it("JSON: tasks, human review and per-rule precision, recall, F1 and support, fractions 0-1", async () => {
    const json = JSON.parse(renderScoreJson(await scored)) as {
      tasks: number;
      humanReview: Record<string, number>;
      rules: Record<string, Record<string, number>>;
    };
    expect(json.tasks).toBe(2);
    expect(Object.keys(json.humanReview)).toEqual(
      expect.arrayContaining(["precision", "recall", "tp", "fp", "fn"]),
    );
    const rule = json.rules["must-be-unassigned"];
    expect(rule).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
    for (const m of [json.humanReview, ...Object.values(json.rules)]) {
      for (const key of ["precision", "recall", "f1"]) {
        expect(m[key]).toBeGreaterThanOrEqual(0);
        expect(m[key]).toBeLessThanOrEqual(1);
      }
    }
  });

  it("text: a table of rules, then each miss with what differs and its text", async () => {
    const text = renderScoreText(await scored);
    expect(text).toMatch(/^Labelled set: 2 tasks scored of 2 records \(0 could not be scored\)\n/);
    expect(text).toMatch(/must-be-unassigned\s+1\s+1\s+1\s+0\s+0\.500\s+1\.000\s+0\.667/);
    expect(text).toContain("R<2> · test · line 2");
    expect(text).toContain("rules: extra must-be-unassigned (labelled: none)");
    expect(text).toContain("human review: labelled yes, got no");
    expect(text).toContain("category: labelled admin, got information");
    expect(text).toContain(`body: ${assigned.body}`);
  });

  it("HTML: one valid self-contained page, data escaped", async () => {
    const html = renderScoreHtml(await scored);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("R&lt;2&gt;");
    expect(html).not.toMatch(/<script|<link|<img|src=/);
    const report = await new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "no-inline-style": "off", "long-title": "off" },
    }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
  });
});
