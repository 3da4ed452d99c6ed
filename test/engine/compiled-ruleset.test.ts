import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corpusTasks } from "../../scripts/generate-corpus.js";
import { exampleInput, mergeFragment } from "../../src/analysis/rule-tester.js";
import { createGuard } from "../../src/engine/guard.js";
import type { VerdictOrError } from "../../src/engine/types.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";
import type { Phrase } from "../../src/rules/schema.js";

const ruleset = defaultRuleset();
const base = ruleset.examples.practice;

/** Every external-task policy, so that every rule can fire somewhere. */
const practices = {
  accept: base,
  "decline-reached": mergeFragment(base, {
    externalTasks: { policy: "decline", from: "2025-06-01" },
  }),
  "decline-soon": mergeFragment(base, { externalTasks: { policy: "decline", from: "2030-01-01" } }),
  "agreed-providers": mergeFragment(base, {
    externalTasks: {
      policy: "agreed-providers",
      agreements: [
        {
          odsCode: "RXX01",
          name: "Humber Coast NHS Foundation Trust",
          acknowledgedOn: "2026-01-05",
        },
        {
          odsCode: "RV9",
          name: "Humber Teaching NHS Foundation Trust",
          acknowledgedOn: "2025-02-01",
        },
      ],
    },
  }),
} as const;

/** Both engines over the same records: every verdict (or error) must be the same. */
async function compareEngines(
  practice: unknown,
  tasks: readonly unknown[],
  letters: boolean,
): Promise<{ compared: number; errors: number; fired: Map<string, number> }> {
  const run = async (engine: "compiled" | "json-rules-engine") => {
    const out: VerdictOrError[] = [];
    for await (const r of createGuard({
      practice: practice as PracticePolicyInput,
      engine,
    }).evaluateMany(tasks, { letters })) {
      out.push(r);
    }
    return out;
  };
  const compiled = await run("compiled");
  const reference = await run("json-rules-engine");
  expect(compiled.length).toBe(tasks.length);
  const fired = new Map<string, number>();
  let errors = 0;
  for (const [i, c] of compiled.entries()) {
    // one toEqual per record keeps a failure message to the record that differs
    if (!isDeepStrictEqual(c, reference[i])) expect(c).toEqual(reference[i]);
    if (!c.ok) errors++;
    else for (const f of c.verdict.findings) fired.set(f.ruleId, (fired.get(f.ruleId) ?? 0) + 1);
  }
  return { compared: compiled.length, errors, fired };
}

function merge(into: Map<string, number>, from: Map<string, number>): void {
  for (const [id, n] of from) into.set(id, (into.get(id) ?? 0) + n);
}

describe("the compiled engine gives json-rules-engine's verdicts on the default ruleset", () => {
  it("agrees on every rule example, with letters", async () => {
    let compared = 0;
    for (const rule of ruleset.rules) {
      for (const example of [...rule.examples.fires, ...rule.examples.passes]) {
        const { task, practice } = exampleInput(ruleset, example);
        const [compiled, reference] = await Promise.all([
          createGuard({ practice: practice as PracticePolicyInput, engine: "compiled" }).evaluate(
            task as TaskInputRaw,
          ),
          createGuard({
            practice: practice as PracticePolicyInput,
            engine: "json-rules-engine",
          }).evaluate(task as TaskInputRaw),
        ]);
        expect(compiled).toEqual(reference);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(ruleset.rules.length * 2);
  });

  it("agrees on the example corpus, with letters, a quarter under each external-task policy", async () => {
    const text = await readFile(join(import.meta.dirname, "../../examples/corpus.jsonl"), "utf8");
    const tasks: unknown[] = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line));
    const result = await comparePerPolicy(tasks, true);
    expect(result.compared).toBe(tasks.length);
    // every rule fires somewhere, so no rule's agreement is vacuous
    expect([...result.fired.keys()].sort()).toEqual(ruleIds);
  }, 60_000);

  it("agrees on 1,000 newly generated corpus tasks (seed 7), a quarter under each policy", async () => {
    const result = await comparePerPolicy([...corpusTasks({ seed: 7, count: 1000 })]);
    expect(result.compared).toBe(1000);
    expect(result.errors).toBe(0);
  }, 60_000);

  it("agrees on 1,000 random tasks built from the ruleset's own phrases (fast-check, seed 20241001)", async () => {
    const tasks = fc.sample(randomTask, { seed: 20241001, numRuns: 1000 });
    const result = await comparePerPolicy(tasks);
    expect(result.compared).toBe(1000);
    // the generator makes valid tasks, and they reach every rule
    expect(result.errors).toBe(0);
    expect([...result.fired.keys()].sort()).toEqual(ruleIds);
  }, 60_000);
});

const ruleIds = ruleset.rules.map((r) => r.id).sort();

/** Task i runs under policy i mod 4: every policy sees a spread of tasks, each task runs once. */
async function comparePerPolicy(
  tasks: readonly unknown[],
  letters = false,
): Promise<{ compared: number; errors: number; fired: Map<string, number> }> {
  const policies = Object.values(practices);
  const total = { compared: 0, errors: 0, fired: new Map<string, number>() };
  for (const [p, practice] of policies.entries()) {
    const share = tasks.filter((_, i) => i % policies.length === p);
    const result = await compareEngines(practice, share, letters);
    total.compared += result.compared;
    total.errors += result.errors;
    merge(total.fired, result.fired);
  }
  return total;
}

// ---------------------------------------------------------------------------------------
// Random tasks: the fields the facts read, and bodies made of the ruleset's phrases, so that
// boundaries (due in 14 days, negated urgency, long clinical bodies) come up often.

/** A phrase as words a body could hold: a word ending for `*`, a group's first member, "the" for `_`. */
function phraseText(phrase: Phrase): string {
  const text = typeof phrase === "string" ? phrase : phrase.allOf.join(" ");
  return text
    .replaceAll("*", "s")
    .replace(/\{([a-z-]+)\}/g, (_, name: string) => ruleset.wordGroups?.[name]?.[0] ?? name)
    .replace(/(^|\s)_(?=\s|$)/g, "$1the");
}

const { urgent, safety, action, clinical, journal } = ruleset.phrases;
const phrases: string[] = [
  ...[urgent, safety, action, clinical, journal].flatMap((list) => list.map(phraseText)),
  ...Object.values(ruleset.categories).flatMap((c) =>
    [...c.phrases, ...(c.context ?? [])].map(phraseText),
  ),
  "within 2 weeks",
  "within 14 days",
  "within 15 days",
  "by 01/12/2026",
  "in 6 weeks",
  "today",
  "tomorrow",
  "journal entry (23/11/2026 10:05)",
  "the patient",
  "blood pressure",
];

const isoDay = fc
  .integer({ min: 0, max: 60 })
  .map((d) => new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10));

const randomTask = fc
  .record({
    day: fc.integer({ min: 0, max: 40 }),
    hour: fc.integer({ min: 0, max: 23 }),
    senderUnit: fc.constantFrom(
      "Humber Coast Community Nursing",
      "Example Surgery",
      "example surgery",
    ),
    recipientUnit: fc.constantFrom("Example Surgery", "Example Surgery Branch"),
    assignment: fc.constantFrom("unassigned", "user", "group"),
    kind: fc.constantFrom(
      "nhs-provider",
      "independent-provider",
      "gp-practice",
      "pcn",
      "pharmacy",
      "social-care",
      "other",
    ),
    odsCode: fc.option(fc.constantFrom("RXX01", "RV9", "RZH"), { nil: undefined }),
    urgent: fc.boolean(),
    dueBy: fc.option(isoDay, { nil: undefined }),
    category: fc.option(fc.constantFrom(...Object.keys(ruleset.categories)), {
      nil: undefined,
      freq: 4,
    }),
    // Clinical phrases weighted in, so long detailed bodies (care-details-in-body) still come
    // up however long the other lists grow.
    words: fc.array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...phrases), weight: 3 },
        { arbitrary: fc.constantFrom(...clinical.map(phraseText)), weight: 1 },
      ),
      { minLength: 0, maxLength: 12 },
    ),
    padding: fc.integer({ min: 0, max: 900 }),
  })
  .map((r) => {
    const sentAt = new Date(Date.UTC(2026, 10, 1 + r.day, r.hour, 30)).toISOString();
    const body = `${r.words.join(". ")}. ${"x".repeat(r.padding)}`.trim();
    return {
      id: `R-${r.day}-${r.hour}-${r.words.length}-${r.padding}`,
      sentAt,
      sender: {
        organisation: "Humber Coast NHS Foundation Trust",
        unit: r.senderUnit,
        kind: r.kind,
        ...(r.odsCode !== undefined && { odsCode: r.odsCode }),
      },
      recipient: {
        unit: r.recipientUnit,
        assignment: r.assignment,
        ...(r.assignment !== "unassigned" && { assignee: "Admin Team" }),
      },
      urgent: r.urgent,
      ...(r.dueBy !== undefined && { dueBy: r.dueBy }),
      ...(r.category !== undefined && { category: r.category }),
      body,
    };
  });
