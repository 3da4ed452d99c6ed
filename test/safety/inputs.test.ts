import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import { InputError, isInputError } from "../../src/errors/input-error.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import { parsePractice } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import {
  dotted,
  expectIssues,
  fuzz,
  hostileJson,
  mutationOf,
  practice,
  practiceWith,
  setAt,
  settle,
  task,
  taskFields,
  validTask,
} from "./fuzz.js";

/** Every field a task can have, so that mutations reach the optional ones too. */
const fullTask = task({
  sender: { team: "District Nursing", name: "A Nurse", role: "Staff Nurse", kind: "nhs-provider" },
  recipient: { assignment: "user", assignee: "Dr A Example" },
  dueBy: "2026-12-31",
  category: "information",
  urgent: false,
});

/** Every field a practice can have. */
const fullPractice = practiceWith({
  externalTasks: {
    policy: "agreed-providers",
    agreements: [
      {
        odsCode: "RXX01",
        name: "Humber Coast",
        acknowledgedOn: "2026-01-01",
        contact: "Service Lead",
      },
    ],
  },
  escalationContact: {
    name: "Practice Manager",
    role: "Practice Manager",
    email: "example.surgery@nhs.net",
    phone: "01482 000001",
  },
  address: ["1 Example Street", "Exampleton"],
  signOff: "The Partners",
});

/** Values a JavaScript caller (not only JSON) can pass: Maps, Dates, BigInts, boxed values, null prototypes. */
const anyValue = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

function isPlainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

describe("tasks", () => {
  const guards = (["compiled", "json-rules-engine"] as const).map((engine) =>
    createGuard({ practice: practice as PracticePolicyInput, engine }),
  );

  it("answers any JSON value given as a task with a verdict or an InputError naming task fields", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileJson, validTask), async (input) => {
        for (const guard of guards) {
          const result = await settle(() => guard.evaluate(input as TaskInputRaw));
          if (result.ok) continue;
          expect(isInputError(result.error)).toBe(true);
          expect((result.error as InputError).subject).toBe("task");
          for (const issue of expectIssues(result.error)) {
            const root = issue.path.split(/[.[]/)[0] ?? "";
            if (isPlainObject(input)) expect(taskFields).toContain(root);
            else expect(issue.path).toBe("");
          }
        }
      }),
      fuzz(300),
    );
  });

  it("answers any JavaScript value given as a task (Maps, Dates, BigInts, null prototypes) with a verdict or an InputError", async () => {
    await fc.assert(
      fc.asyncProperty(anyValue, async (input) => {
        const result = await settle(() => guards[0]?.evaluate(input as TaskInputRaw));
        if (!result.ok) expect(isInputError(result.error)).toBe(true);
      }),
      fuzz(300),
    );
  });

  it("answers a valid task with one field changed (wrong type, missing, huge, odd unicode, hostile keys) with a verdict or an InputError at that field", async () => {
    await fc.assert(
      fc.asyncProperty(mutationOf(fullTask), async ({ path, replacement }) => {
        const input = setAt(fullTask, path, replacement);
        for (const guard of guards) {
          const result = await settle(() => guard.evaluate(input as TaskInputRaw));
          if (result.ok) {
            expect(result.value.taskId).toBe((input as { id: unknown }).id);
            continue;
          }
          expect(isInputError(result.error)).toBe(true);
          const issues = expectIssues(result.error);
          if (path.length > 0) {
            for (const issue of issues) expect(issue.path.startsWith(dotted(path))).toBe(true);
          }
        }
      }),
      fuzz(400),
    );
  });

  it("answers a task whose JSON carries __proto__, constructor and prototype keys at any depth without reading them", async () => {
    const keys = ["__proto__", "constructor", "prototype"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        fc.constantFrom([], ["sender"], ["recipient"], ["patient"]),
        fc.constantFrom<unknown>(
          { urgent: true, kind: "gp-practice", assignment: "user", body: "URGENT" },
          { polluted: true },
          "x",
          null,
        ),
        async (key, at, payload) => {
          const json = JSON.stringify(fullTask);
          const parsed = JSON.parse(json) as Record<string, unknown>;
          const hostile = setAt(parsed, [...at, key], payload);
          const verdict = await guards[0]?.evaluate(hostile as TaskInputRaw);
          const plain = await guards[0]?.evaluate(fullTask as TaskInputRaw);
          expect(verdict?.findings).toEqual(plain?.findings);
          expect(verdict?.humanReview).toBe(plain?.humanReview);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      fuzz(60, 0.005),
    );
  });

  it("refuses a body over 20,000 characters and an id over 200 with an InputError at that field", async () => {
    const guard = guards[0];
    for (const [fragment, path] of [
      [{ body: "x".repeat(20_001) }, "body"],
      [{ id: "x".repeat(201) }, "id"],
    ] as const) {
      const error = await guard?.evaluate(task(fragment) as TaskInputRaw).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((i) => i.path)).toEqual([path]);
    }
  });
});

describe("practices", () => {
  it("answers any JSON value given as a practice with a guard or an InputError about the practice", async () => {
    await fc.assert(
      fc.asyncProperty(hostileJson, async (input) => {
        const result = await settle(() => createGuard({ practice: input as PracticePolicyInput }));
        if (result.ok) return;
        expect(isInputError(result.error)).toBe(true);
        expect((result.error as InputError).subject).toBe("practice");
        expectIssues(result.error);
      }),
      fuzz(300),
    );
  });

  it("answers a valid practice with one field changed with a guard or an InputError at that field, and a guard it makes answers every task", async () => {
    await fc.assert(
      fc.asyncProperty(
        mutationOf(fullPractice),
        fc.array(validTask, { minLength: 1, maxLength: 3 }),
        async ({ path, replacement }, tasks) => {
          const input = setAt(fullPractice, path, replacement);
          const made = await settle(() => createGuard({ practice: input as PracticePolicyInput }));
          if (!made.ok) {
            expect(isInputError(made.error)).toBe(true);
            const issues = expectIssues(made.error);
            if (path.length > 0) {
              for (const issue of issues) expect(issue.path.startsWith(dotted(path))).toBe(true);
            }
            return;
          }
          for (const t of tasks) {
            const result = await settle(() => made.value.evaluate(t as TaskInputRaw));
            if (!result.ok) throw result.error;
          }
        },
      ),
      fuzz(300),
    );
  });

  it("ignores __proto__ keys in a practice's JSON: they neither supply fields nor change the policy", () => {
    const hostile = JSON.parse(
      JSON.stringify({ ...practice, externalTasks: { policy: "decline", from: "2026-12-01" } }),
    ) as Record<string, unknown>;
    const withProto = setAt(hostile, ["__proto__"], {
      externalTasks: { policy: "accept" },
      units: ["Humber Coast Community Nursing"],
    });
    const parsed = parsePractice(withProto);
    expect(parsed.externalTasks.policy).toBe("decline");
    expect(parsed.units).toEqual(["Example Surgery"]);
    expect(({} as Record<string, unknown>).units).toBeUndefined();
  });
});
