import { describe, expect, it } from "vitest";
import { mergeFragment } from "../../src/analysis/rule-tester.js";
import { createGuard, evaluateTask } from "../../src/engine/guard.js";
import type { Verdict, VerdictOrError } from "../../src/engine/types.js";
import { BatchError } from "../../src/errors/batch-error.js";
import { InputError } from "../../src/errors/input-error.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";

const ruleset = defaultRuleset();
// The ruleset's example practice and task are JSON: typed here as the inputs they are.
const practice = ruleset.examples.practice as PracticePolicyInput;
const task = (fragment: Record<string, unknown> = {}) =>
  mergeFragment(ruleset.examples.task, fragment) as TaskInputRaw;
const journal = "Please see my recent journal entry which contains actions (23/11/2026 10:05).";
const declining = mergeFragment(practice, {
  externalTasks: { policy: "decline", from: "2026-12-01" },
}) as PracticePolicyInput;

describe("verdicts", () => {
  const guard = createGuard({ practice });

  it("accepts a compliant information task with no findings", async () => {
    const verdict = await guard.evaluate(task());
    expect(verdict.outcome).toBe("accept");
    expect(verdict.findings).toEqual([]);
    expect(verdict.letter).toBeUndefined();
    expect(verdict.humanReview).toBe(false);
  });

  it("rejects a fit note request from a trust and cites SC11.12", async () => {
    const verdict = await guard.evaluate(
      task({ body: `Please issue a fit note for 4 weeks. ${journal}` }),
    );
    expect(verdict.outcome).toBe("reject");
    const finding = verdict.findings.find((f) => f.ruleId === "fit-note");
    expect(finding?.contract.map((c) => c.clause)).toEqual(["11.12"]);
    expect(finding?.guidance.quote).toContain("fit notes");
    expect(verdict.category).toEqual({
      value: "fit-note",
      source: "inferred",
      matched: "issue a fit note",
    });
    expect(verdict.letter?.kind).toBe("rejection");
    expect(verdict.letter?.text).toContain("11.12");
  });

  it("orders findings reject, then remind, then info, and ruleset order within each", async () => {
    const verdict = await guard.evaluate(
      task({
        recipient: { assignment: "user", assignee: "Dr A Example" },
        urgent: true,
        body: "Please could you take bloods within 3 days.",
      }),
    );
    const severities = verdict.findings.map((f) => f.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ["reject", "remind", "info"].indexOf(a) - ["reject", "remind", "info"].indexOf(b),
      ),
    );
    expect(verdict.findings.map((f) => f.ruleId)).toEqual([
      "immediate-action",
      "urgent-by-task",
      "must-be-unassigned",
      "journal-reference-missing",
      "delegated-clinical-work",
    ]);
    expect(verdict.outcome).toBe("reject");
  });

  it("reminds when the worst finding is a reminder, with a reminder letter", async () => {
    const verdict = await guard.evaluate(
      task({ recipient: { assignment: "group", assignee: "Admin" } }),
    );
    expect(verdict.outcome).toBe("remind");
    expect(verdict.letter?.kind).toBe("reminder");
  });

  it("accepts a task whose only findings are info, and sends the opt-out notice before the decline date", async () => {
    const verdict = await createGuard({ practice: declining }).evaluate(task());
    expect(verdict.outcome).toBe("accept");
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(["external-tasks-declined-soon"]);
    expect(verdict.letter?.kind).toBe("opt-out-notice");
  });

  it("sends the guidance's suggested rejection text once the decline date is reached", async () => {
    const verdict = await createGuard({ practice: declining }).evaluate(
      task({ sentAt: "2026-12-01T09:00:00Z" }),
    );
    expect(verdict.outcome).toBe("reject");
    const text = verdict.letter?.text ?? "";
    expect(text).toContain("Dear Colleague");
    expect(text).toContain("1 December 2026");
    expect(text).toContain("Your Task has not been acted on or actioned");
    expect(text).toContain("SystmOne");
    expect(text).not.toMatch(/&[a-z#0-9]+;/i);
  });

  it("gives internal tasks no findings, whatever they ask", async () => {
    const verdict = await guard.evaluate(
      task({
        sender: {
          organisation: "Example Surgery",
          unit: "example  surgery",
          kind: "gp-practice",
          odsCode: null,
        },
        recipient: { assignment: "user", assignee: "Dr A Example" },
        body: "Please issue a fit note within 2 days.",
      }),
    );
    expect(verdict.facts.external).toBe(false);
    expect(verdict.findings).toEqual([]);
  });
});

describe("human review", () => {
  const guard = createGuard({ practice });

  it("flags an internal task with the urgent flag for a person to read, though it has no findings", async () => {
    const verdict = await guard.evaluate(
      task({ sender: { unit: "Example Surgery", kind: "gp-practice" }, urgent: true }),
    );
    expect(verdict.findings).toEqual([]);
    expect(verdict.humanReview).toBe(true);
  });

  it("flags safety language even when the task is accepted", async () => {
    const verdict = await guard.evaluate(
      task({ body: `For information: safeguarding concern raised at the home visit. ${journal}` }),
    );
    expect(verdict.facts.safetyLanguage).toBe(true);
    expect(verdict.humanReview).toBe(true);
  });

  it.each([
    ["Patient not eating and urgent review needed.", "urgentLanguage"],
    ["No improvement so urgent review please.", "urgentLanguage"],
    ["No appetite and chest pain since yesterday.", "safetyLanguage"],
  ] as const)("does not let a negation reach across a conjunction: %s", async (body, fact) => {
    const verdict = await guard.evaluate(task({ body: `${body} ${journal}` }));
    expect(verdict.facts[fact]).toBe(true);
    expect(verdict.humanReview).toBe(true);
  });

  it("does not flag 'not urgent' as urgent", async () => {
    const verdict = await guard.evaluate(
      task({ body: `Not urgent: for information, the patient is now stable. ${journal}` }),
    );
    expect(verdict.facts.urgentLanguage).toBe(false);
    expect(verdict.humanReview).toBe(false);
  });
});

describe("determinism and engines", () => {
  const bodies = [
    "Please issue a fit note for 6 weeks.",
    "URGENT please review today",
    "Seen in clinic. Please prescribe ramipril 2.5mg.",
    "Please refer the patient to dermatology within 2 weeks.",
    journal,
    "Please inform the patient of the results.",
    "Not urgent. Could you arrange a B12 injection in 6 weeks?",
  ];
  const tasks = Array.from({ length: 1000 }, (_, i) =>
    task({
      id: `T-${i}`,
      sentAt: `2026-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:30:00Z`,
      urgent: i % 11 === 0,
      recipient: { assignment: ["unassigned", "user", "group"][i % 3] },
      body: bodies[i % bodies.length],
    }),
  );

  for (const engine of ["compiled", "json-rules-engine"] as const) {
    it(`gives 1,000 concurrent evaluations on one guard the sequential verdicts (${engine})`, async () => {
      const guard = createGuard({ practice: declining, engine });
      const sequential: Verdict[] = [];
      for (const t of tasks) sequential.push(await guard.evaluate(t));
      const concurrent = await Promise.all(tasks.map((t) => guard.evaluate(t)));
      expect(concurrent).toEqual(sequential);
      expect(new Set(sequential.map((v) => v.outcome))).toEqual(
        new Set(["accept", "remind", "reject"]),
      );
    });
  }

  it("gives identical verdicts on both engines", async () => {
    const compiled = createGuard({ practice: declining, engine: "compiled" });
    const reference = createGuard({ practice: declining, engine: "json-rules-engine" });
    for (const t of tasks.slice(0, 300)) {
      expect(await compiled.evaluate(t)).toEqual(await reference.evaluate(t));
    }
  });

  it("gives the same verdict for the same input and ruleset hash, from a fresh guard", async () => {
    const five = tasks[5] as TaskInputRaw;
    const one = await evaluateTask(five, { practice });
    const two = await evaluateTask(structuredClone(five), { practice });
    expect(two).toEqual(one);
    expect(one.ruleset).toEqual({
      name: ruleset.name,
      version: ruleset.version,
      hash: ruleset.hash,
    });
    expect(ruleset.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("batches", () => {
  const guard = createGuard({ practice });

  it("answers every record in order: records in = verdicts + errors out", async () => {
    const input = [
      task({ id: "A" }),
      { id: "bad" },
      null,
      task({ id: "B", urgent: true }),
      "x",
      task({ id: "C" }),
    ];
    const out: VerdictOrError[] = [];
    for await (const item of guard.evaluateMany(input)) out.push(item);
    expect(out.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(out.map((o) => o.ok)).toEqual([true, false, false, true, false, true]);
    const bad = out[1];
    expect(
      bad?.ok === false && bad.error instanceof InputError && bad.error.issues.map((i) => i.path),
    ).toContain("sentAt");
    const verdicts = out.flatMap((o) => (o.ok ? [o.verdict.taskId] : []));
    expect(verdicts).toEqual(["A", "B", "C"]);
    expect(out.every((o) => !o.ok || o.verdict.letter === undefined)).toBe(true);
  });

  it("reads async iterables and renders letters when asked", async () => {
    async function* source() {
      yield task({ id: "A", urgent: true });
    }
    const out: VerdictOrError[] = [];
    for await (const item of guard.evaluateMany(source(), { letters: true })) out.push(item);
    expect(out[0]?.ok === true && out[0].verdict.letter?.kind).toBe("rejection");
  });

  it("reports how far it got when the source fails half way", async () => {
    async function* failing() {
      yield task({ id: "A" });
      yield task({ id: "B" });
      throw new Error("disk went away");
    }
    const out: VerdictOrError[] = [];
    const run = async () => {
      for await (const item of guard.evaluateMany(failing())) out.push(item);
    };
    await expect(run()).rejects.toSatisfy((e) => e instanceof BatchError && e.processed === 2);
    expect(out).toHaveLength(2);
  });
});

describe("guard configuration", () => {
  it("warns when a practice that takes tasks has no escalation contact", () => {
    const guard = createGuard({
      practice: mergeFragment(practice, { escalationContact: null }) as PracticePolicyInput,
    });
    expect(guard.warnings.map((w) => w.path)).toEqual(["escalationContact"]);
    expect(createGuard({ practice }).warnings).toEqual([]);
  });

  it("refuses a bad practice policy with an InputError naming the field", () => {
    expect(() => createGuard({ practice: { ...practice, units: [] } })).toThrowError(InputError);
    try {
      createGuard({ practice: { ...practice, units: [] } });
    } catch (error) {
      expect((error as InputError).issues[0]?.path).toBe("units");
      expect((error as InputError).subject).toBe("practice");
    }
  });

  it("refuses a category the ruleset does not define, naming the field", async () => {
    const guard = createGuard({ practice });
    await expect(guard.evaluate(task({ category: "made-up" }))).rejects.toSatisfy(
      (e) => e instanceof InputError && e.issues[0]?.path === "category",
    );
  });

  it.each([
    ["null", null, ""],
    ["a number", 5, ""],
    ["a ruleset shaped by hand", { practice, ruleset: {} }, "ruleset"],
    ["null for a ruleset", { practice, ruleset: null }, "ruleset"],
    ["an unknown engine", { practice, engine: "drools" }, "engine"],
    ["a letter date that does not exist", { practice, letterDate: "2026-02-30" }, "letterDate"],
    ["a letter date that is not a string", { practice, letterDate: 20261201 }, "letterDate"],
  ])(
    "refuses %s as options with an InputError (subject options) at its path",
    (_, options, path) => {
      let thrown: unknown;
      try {
        createGuard(options as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InputError);
      expect((thrown as InputError).subject).toBe("options");
      expect((thrown as InputError).issues.map((i) => i.path)).toEqual([path]);
    },
  );

  it("takes the rulesets buildRuleset made, the bundled one included", () => {
    expect(createGuard({ practice, ruleset }).ruleset).toBe(ruleset);
    expect(createGuard({ practice, letterDate: "2028-02-29" }).ruleset.hash).toBe(ruleset.hash);
  });

  it("refuses a spread copy of a ruleset, whose hash would no longer match its rules", () => {
    const copy = {
      ...ruleset,
      parameters: { ...ruleset.parameters, immediateWithinDays: 7 },
    };
    expect(copy.hash).toBe(ruleset.hash);
    expect(() => createGuard({ practice, ruleset: copy })).toThrowError(
      expect.objectContaining({
        subject: "options",
        issues: [expect.objectContaining({ path: "ruleset" })],
      }),
    );
  });
});
