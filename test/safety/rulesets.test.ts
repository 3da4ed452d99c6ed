import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import { isRulesetError, RulesetError } from "../../src/errors/ruleset-error.js";
import { factCatalogue } from "../../src/facts/catalogue.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { loadRuleset } from "../../src/rules/load.js";
import type { Ruleset } from "../../src/rules/schema.js";
import {
  dotted,
  expectIssues,
  fuzz,
  hostileJson,
  mutationOf,
  practice,
  setAt,
  settle,
  task,
  validPractice,
  validTask,
} from "./fuzz.js";

const files = defaultRulesetFiles as Record<string, unknown>;
const fileNames = Object.keys(files);

function withFile(
  name: string,
  path: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  return { ...files, [name]: setAt(files[name], path, value) };
}

function rulesetError(call: () => unknown): RulesetError {
  try {
    call();
  } catch (error) {
    if (error instanceof RulesetError) return error;
    throw error;
  }
  throw new Error("expected a RulesetError");
}

/**
 * A ruleset that builds must evaluate any valid task on both engines to the same verdict. One
 * guard per engine serves every task (a guard is reusable; making one compiles the ruleset).
 */
async function evaluatesOnBothEngines(
  ruleset: Ruleset,
  tasks: readonly unknown[],
  practiceInput: unknown = practice,
): Promise<void> {
  const guards = (["compiled", "json-rules-engine"] as const).map((engine) =>
    createGuard({ practice: practiceInput as PracticePolicyInput, ruleset, engine }),
  );
  for (const taskInput of tasks) {
    const results = [];
    for (const guard of guards) {
      const result = await settle(() => guard.evaluate(taskInput as TaskInputRaw));
      if (!result.ok) throw result.error;
      results.push(result.value.findings.map((f) => `${f.ruleId}: ${f.message}`));
    }
    expect(results[0]).toEqual(results[1]);
  }
}

describe("rule files that are not what they should be", () => {
  it.each([
    ["null", null],
    ["a string", "rules"],
    ["a number", 15],
    ["an array", [files["ruleset.json"]]],
    ["undefined", undefined],
  ])("refuses %s in place of the ruleset's files with a RulesetError", (_name, value) => {
    const error = rulesetError(() => buildRuleset(value as never));
    expect(error.issues.length).toBeGreaterThan(0);
  });

  it("refuses conditions nested thousands deep with a RulesetError, not a stack overflow", () => {
    let deep: unknown = { fact: "external", operator: "equal", value: true };
    for (let i = 0; i < 20_000; i++) deep = { all: [deep] };
    const error = rulesetError(() => buildRuleset(withFile("fit-note.json", ["conditions"], deep)));
    expect(error.issues[0]).toMatchObject({ file: "fit-note.json", code: "too_deep" });
    expect(error.issues[0]?.path).toMatch(/^conditions\.all\[0\]/);
  });

  it("refuses files that refer to themselves or share one object 2^40 times, quickly", () => {
    const cycle: Record<string, unknown> = {};
    cycle.a = cycle;
    cycle.b = cycle;
    let shared: unknown = { fact: "external", operator: "equal", value: true };
    for (let i = 0; i < 40; i++) shared = { all: [shared, shared] };
    const overlayCycle: Record<string, unknown> = { extends: "default" };
    overlayCycle.parameters = overlayCycle;
    for (const value of [
      cycle,
      { ...files, "ruleset.json": cycle },
      withFile("fit-note.json", ["conditions"], shared),
      { "ruleset.json": overlayCycle },
    ]) {
      const started = performance.now();
      const error = rulesetError(() => buildRuleset(value as never));
      expect(error.issues[0]?.code).toMatch(/^(too_large|too_deep|unreadable)$/);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });

  it("refuses a condition that would throw on every task (in with a number) at load, naming its path", () => {
    const error = rulesetError(() =>
      buildRuleset(
        withFile("fit-note.json", ["conditions"], {
          all: [{ fact: "category", operator: "in", value: 5 }],
        }),
      ),
    );
    expect(error.issues[0]).toMatchObject({
      file: "fit-note.json",
      path: "conditions.all[0].operator",
      code: "operator_may_throw",
    });
  });

  it("refuses someValue: over a value that is not a list, and swap:in over a fact, at load", () => {
    for (const condition of [
      { fact: "external", operator: "someValue:equal", value: true },
      { fact: "dueText", operator: "swap:in", value: "days" },
      { fact: "senderKind", operator: "in", value: { param: "immediateWithinDays" } },
    ]) {
      const error = rulesetError(() =>
        buildRuleset(withFile("fit-note.json", ["conditions"], { all: [condition] })),
      );
      expect(error.issues.map((i) => i.code)).toContain("operator_may_throw");
    }
  });

  it("reads a folder that holds a directory named like a rule file as a RulesetError", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-rules-"));
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(dir, name), JSON.stringify(content));
    }
    await mkdir(join(dir, "folder.json"));
    const error = await loadRuleset(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRulesetError(error)).toBe(true);
    expect(error).toMatchObject({ file: "folder.json" });
  });
});

describe("rule messages", () => {
  const optionalFields = [
    "task.recipient.assignee",
    "task.sender.odsCode",
    "task.sender.team",
    "task.patient.nhsNumber",
    "task.dueBy",
    "task.category",
    "practice.escalationContact.name",
    "practice.externalTasks.from",
    "practice.signOff",
    "facts.dueText",
  ];

  it("renders a message that prints optional fields for a task and practice that lack them", async () => {
    const message = optionalFields.map((f) => `[{{${f}}}]`).join(" ");
    const ruleset = buildRuleset(withFile("must-be-unassigned.json", ["message"], message));
    const guard = createGuard({
      practice: { ...practice, escalationContact: undefined } as PracticePolicyInput,
      ruleset,
    });
    const bare = task({
      recipient: { assignment: "user" },
      sender: { odsCode: null, team: null },
      patient: null,
    });
    const verdict = await guard.evaluate(bare as TaskInputRaw);
    const finding = verdict.findings.find((f) => f.ruleId === "must-be-unassigned");
    expect(finding?.message).toBe(optionalFields.map(() => "[]").join(" "));
  });

  it("still prints an optional field when it is there", async () => {
    const ruleset = buildRuleset(
      withFile(
        "must-be-unassigned.json",
        ["message"],
        "To {{task.recipient.assignee}}{{#if task.patient.nhsNumber}} about {{task.patient.nhsNumber}}{{/if}}.",
      ),
    );
    const verdict = await createGuard({
      practice: practice as PracticePolicyInput,
      ruleset,
    }).evaluate(
      task({ recipient: { assignment: "user", assignee: "Dr A Example" } }) as TaskInputRaw,
    );
    expect(verdict.findings[0]?.message).toBe("To Dr A Example about 9434765919.");
  });

  const field = fc.constantFrom(
    ...optionalFields,
    "task.id",
    "task.sender.organisation",
    "task.recipient.assignment",
    "practice.name",
    "practice.urgentRoute.phone",
    "practice.urgentRoute.email",
    ...Object.keys(factCatalogue).map((f) => `facts.${f}`),
    "parameters.immediateWithinDays",
  );
  const piece = fc.oneof(
    fc.string({ maxLength: 10 }),
    field.map((f) => `{{${f}}}`),
    field.map((f) => `{{date ${f}}}`),
    fc.tuple(field, field).map(([a, b]) => `{{#if ${a}}}{{${b}}}{{else}}x{{/if}}`),
    fc.tuple(field, field).map(([a, b]) => `{{#unless ${a}}}{{${b}}}{{/unless}}`),
    fc.constantFrom(
      "{{",
      "}}",
      "{{constructor}}",
      "{{task.__proto__}}",
      "{{task.constructor.name}}",
      '{{lookup task "id"}}',
      "{{> partial}}",
      "{{#each task}}x{{/each}}",
      "{{@root.task.id}}",
      "{{../task}}",
      "{{{task.body}}}",
      "{{!-- comment --}}",
    ),
  );

  it("builds any message made of known fields (or refuses it at load), and never fails when it renders", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(" ")),
        validTask,
        validPractice,
        async (message, taskInput, practiceInput) => {
          const built = await settle(() =>
            buildRuleset(withFile("must-be-unassigned.json", ["message"], message.trim() || "x")),
          );
          if (!built.ok) {
            const issues = expectIssues(built.error);
            expect(issues.some((i) => i.path === "message")).toBe(true);
            return;
          }
          await evaluatesOnBothEngines(built.value, [taskInput], practiceInput);
        },
      ),
      fuzz(12, 0.2),
    );
  });
});

describe("mutated rule files", () => {
  it("builds a mutated ruleset or refuses it with a RulesetError whose issues name a file and a path", async () => {
    const mutation = fc
      .constantFrom(...fileNames)
      .chain((file) =>
        mutationOf(files[file]).map(({ path, replacement }) => ({ file, path, replacement })),
      );
    await fc.assert(
      fc.asyncProperty(mutation, validTask, async ({ file, path, replacement }, taskInput) => {
        const changed = withFile(file, path, replacement);
        const built = await settle(() => buildRuleset(changed));
        if (built.ok) {
          await evaluatesOnBothEngines(built.value, [taskInput]);
          return;
        }
        expect(isRulesetError(built.error)).toBe(true);
        const issues = (built.error as RulesetError).issues;
        expectIssues(built.error);
        for (const issue of issues) expect(Object.keys(changed)).toContain(issue.file);
        // The file that changed is named, unless the change made other files unlisted or unknown.
        if (path.length > 0 && file !== "ruleset.json") {
          expect(
            issues.some(
              (i) => i.file === file || i.file === "ruleset.json" || i.code === "not_listed",
            ),
          ).toBe(true);
        }
        if (path.length > 0 && !issues.some((i) => i.file !== file)) {
          expect(
            issues.some(
              (i) =>
                i.path === "" ||
                dotted(path).startsWith(i.path) ||
                i.path.startsWith(dotted(path)) ||
                i.code === "id_mismatch" ||
                i.code === "unknown_field" ||
                i.code === "operator_may_throw" ||
                // A word group taken away is named where it is used: at each phrase naming it.
                (dotted(path).startsWith("wordGroups.") && i.code === "phrase_never_matches"),
            ),
          ).toBe(true);
        }
      }),
      fuzz(15, 0.2),
    );
  });

  it("adds or replaces whole rule files with any JSON and still answers with a ruleset or a RulesetError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 12 }), hostileJson, { maxKeys: 3 }),
        async (extra) => {
          const built = await settle(() => buildRuleset({ ...files, ...extra }));
          if (!built.ok) expectIssues(built.error);
        },
      ),
      fuzz(15, 0.2),
    );
  });
});

describe("conditions over the fact catalogue", () => {
  const factNames = Object.keys(factCatalogue);
  const operators = [
    "equal",
    "notEqual",
    "in",
    "notIn",
    "contains",
    "doesNotContain",
    "lessThan",
    "lessThanInclusive",
    "greaterThan",
    "greaterThanInclusive",
  ];
  const operator = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...operators) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom("not", "swap", "someFact", "someValue", "everyFact", "everyValue"),
          fc.constantFrom(...operators),
        )
        .map(([d, o]) => `${d}:${o}`),
    },
    { weight: 1, arbitrary: fc.constantFrom("sometimes:equal", "Equal", "", "in:not") },
  );
  const value = fc.oneof(
    fc.boolean(),
    fc.integer({ min: -20, max: 40 }),
    fc.constantFrom("fit-note", "nhs-provider", "dueBy", "body", "user", "2026-12-01", ""),
    fc.array(fc.constantFrom("fit-note", "other", "user", "group", 14), { maxLength: 3 }),
    fc.constantFrom(
      { param: "immediateWithinDays" },
      { param: "standardContractSenderKinds" },
      { param: "nope" },
    ),
    fc.constant(null),
  );
  const leaf = fc.record({
    fact: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...factNames) },
      { weight: 1, arbitrary: fc.constantFrom("urgent", "constructor", "__proto__", "") },
    ),
    operator,
    value,
  });
  const condition: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      leaf,
      fc.record({ all: fc.array(tie("node"), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie("node"), { maxLength: 3 }) }),
      fc.record({ not: tie("node") }),
    ),
  })).node;
  const topLevel = fc.oneof(
    fc.record({ all: fc.array(condition, { maxLength: 4 }) }),
    fc.record({ any: fc.array(condition, { maxLength: 4 }) }),
    fc.record({ not: condition }),
  );

  it("either refuses random conditions at load or fires the same rules on both engines for any task", async () => {
    await fc.assert(
      fc.asyncProperty(
        topLevel,
        fc.array(validTask, { minLength: 1, maxLength: 3 }),
        validPractice,
        async (conditions, tasks, practiceInput) => {
          const built = await settle(() =>
            buildRuleset(
              withFile("fit-note.json", ["conditions"], JSON.parse(JSON.stringify(conditions))),
            ),
          );
          if (!built.ok) {
            for (const issue of expectIssues(built.error)) {
              expect(issue.path === "" || issue.path.startsWith("conditions")).toBe(true);
            }
            return;
          }
          await evaluatesOnBothEngines(built.value, tasks, practiceInput);
        },
      ),
      fuzz(15, 0.2),
    );
  });
});
