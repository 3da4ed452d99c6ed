import { describe, expect, it } from "vitest";
import { CoverageCounter } from "../../src/analysis/coverage.js";
import {
  compareRulesets,
  diffHasChanges,
  renderDiffText,
  VerdictDiff,
} from "../../src/analysis/diff.js";
import { renderDiffHtml } from "../../src/analysis/diff-html.js";
import { createGuard } from "../../src/engine/guard.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { practiceWith } from "../input/helpers.js";

const base = defaultRuleset();

/** The default ruleset with its parameters changed. */
function withParameters(parameters: Record<string, unknown>) {
  const files = structuredClone(defaultRulesetFiles) as Record<string, Record<string, unknown>>;
  const ruleset = files["ruleset.json"] as { parameters: Record<string, unknown>; version: string };
  Object.assign(ruleset.parameters, parameters);
  return buildRuleset(files);
}

/** The bundled example practice, with an escalation contact these reports name. */
const practice = practiceWith({
  escalationContact: { name: "Alex Example" },
}) as PracticePolicyInput;

function task(id: string, dueBy: string): TaskInputRaw {
  return {
    id,
    sentAt: "2026-06-01T10:00:00Z",
    dueBy,
    sender: {
      organisation: "Humber Coast NHS Foundation Trust",
      odsCode: "RZH",
      unit: "Humber Coast Community Services",
    },
    recipient: { unit: "Example Surgery", assignment: "unassigned" },
    body: "Please arrange a dressing change. Please see my recent journal entry which contains actions (01/06/2026 09:00).",
  };
}

describe("compareRulesets", () => {
  it("lists a changed parameter with its values, and nothing for the same content", () => {
    expect(compareRulesets(base, base)).toEqual([]);
    expect(compareRulesets(base, withParameters({ immediateWithinDays: 21 }))).toEqual([
      { path: "parameters.immediateWithinDays", kind: "changed", before: 14, after: 21 },
    ]);
  });
});

describe("VerdictDiff", () => {
  it("counts outcome transitions and rule fire counts, with sample task ids", async () => {
    const candidate = withParameters({ immediateWithinDays: 21 });
    const before = createGuard({ practice, ruleset: base });
    const after = createGuard({ practice, ruleset: candidate });
    const diff = new VerdictDiff(base, candidate, { samples: 1 });
    // Due in 10 days: immediate under both; 18 days: only under 21; 30 days: under neither.
    for (const [id, due] of [
      ["T10", "2026-06-11"],
      ["T18a", "2026-06-19"],
      ["T18b", "2026-06-19"],
      ["T30", "2026-07-01"],
    ] as const) {
      const t = task(id, due);
      diff.add(id, await before.evaluate(t), await after.evaluate(t));
    }
    diff.add("BAD", { error: "INPUT_INVALID" }, { error: "INPUT_INVALID" });
    const result = diff.result();
    expect(result.total).toBe(5);
    expect(result.matrix.reject.reject).toBe(1);
    expect(result.matrix.accept.reject).toBe(2);
    expect(result.matrix.accept.accept).toBe(1);
    expect(result.matrix.error.error).toBe(1);
    expect(result.outcomeChanged).toBe(2);
    expect(result.transitions).toEqual([
      { from: "accept", to: "reject", count: 2, samples: ["T18a"] },
    ]);
    expect(result.rules.find((r) => r.ruleId === "immediate-action")).toMatchObject({
      before: 1,
      after: 3,
      status: "same",
    });
    expect(result.ruleChanges).toEqual([
      { ruleId: "immediate-action", gained: 2, lost: 0, gainedSamples: ["T18a"], lostSamples: [] },
    ]);
    expect(diffHasChanges(result)).toBe(true);
    const text = renderDiffText(result);
    expect(text).toContain("parameters.immediateWithinDays: 14 → 21");
    expect(text).toContain("accept → reject (2): T18a");
    const html = renderDiffHtml(result);
    // The one off-diagonal cell is the darkest shade, and the legend names that shade.
    expect(html).toMatch(
      /<td class="n shade-4" title="2 tasks: accepted before, rejected after">2<\/td>/,
    );
    expect(html).toContain('<i class="shade-4"></i>2 tasks changed this way');
  });
});

describe("CoverageCounter", () => {
  it("counts how often each rule fired and each condition was true and false", async () => {
    const guard = createGuard({ practice, ruleset: base });
    const coverage = new CoverageCounter(base);
    for (const t of [task("T10", "2026-06-11"), task("T30", "2026-07-01")]) {
      const verdict = await guard.evaluate(t);
      coverage.add(
        verdict.facts,
        verdict.findings.map((f) => f.ruleId),
      );
    }
    const result = coverage.result();
    expect(result.tasks).toBe(2);
    expect(result.rules.find((r) => r.ruleId === "immediate-action")?.fired).toBe(1);
    expect(result.neverFired).toContain("fit-note");
    const due = result.conditions.find(
      (c) => c.ruleId === "immediate-action" && c.fact === "daysUntilDue",
    );
    expect(due).toMatchObject({
      operator: "lessThanInclusive",
      value: 14,
      true: 1,
      false: 1,
      errors: 0,
    });
    const external = result.conditions.find(
      (c) => c.ruleId === "immediate-action" && c.fact === "external",
    );
    expect(result.neverFalse).toContainEqual(external);
    expect(result.percent).toBeGreaterThan(0);
    expect(result.percent).toBeLessThan(100);
  });
});
