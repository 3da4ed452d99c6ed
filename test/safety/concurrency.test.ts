import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import type { Verdict, VerdictOrError } from "../../src/engine/types.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { fuzz, practiceWith } from "./fuzz.js";

const corpusFile = join(import.meta.dirname, "..", "..", "examples", "corpus.jsonl");
const corpus = (await readFile(corpusFile, "utf8"))
  .split("\n")
  .filter((line) => line.trim() !== "")
  .slice(0, 240)
  .map((line) => JSON.parse(line) as unknown);
// Malformed records mixed in: errors must come back in their places too.
const records: unknown[] = corpus.flatMap((task, i) =>
  i % 40 === 0 ? [task, { id: `bad-${i}` }] : [task],
);
const practice = practiceWith({
  units: ["Example Surgery", "Example Surgery Branch"],
  externalTasks: { policy: "decline", from: "2026-06-01" },
});

/** A stable text of one error: its code and the paths of its issues. */
function errorAnswer(error: unknown): string {
  const { code, issues = [] } = error as { code?: string; issues?: { path: string }[] };
  return `error ${String(code)} ${issues.map((i) => i.path).join(",")}`;
}

/** A stable text of one answer: the verdict without its letter, or the error's code and paths. */
function answer(result: VerdictOrError | { ok: true; verdict: Verdict }): string {
  if (!result.ok) return errorAnswer(result.error);
  const { letter: _letter, ...rest } = result.verdict;
  return JSON.stringify(rest);
}

/** What `evaluate` answers for one record, as text. */
async function evaluated(guard: { evaluate(task: unknown): Promise<Verdict> }, record: unknown) {
  return guard.evaluate(record).then((verdict) => answer({ ok: true, verdict }), errorAnswer);
}

/** An async source that pauses (a macrotask) before some records, so callers interleave. */
async function* slowly(items: readonly unknown[], pauses: readonly boolean[]) {
  for (const [i, item] of items.entries()) {
    if (pauses[i % pauses.length]) await new Promise((resolve) => setTimeout(resolve, 0));
    yield item;
  }
}

async function drain(results: AsyncIterable<VerdictOrError>): Promise<string[]> {
  const out: string[] = [];
  for await (const result of results) out.push(answer(result));
  return out;
}

describe.each(["compiled", "json-rules-engine"] as const)(
  "one guard, many callers (%s)",
  (engine) => {
    const guard = createGuard({ practice: practice as PracticePolicyInput, engine });

    it("gives concurrent evaluateMany consumers and evaluate callers the sequential answers", async () => {
      const sequential: string[] = [];
      for (const record of records) sequential.push(await evaluated(guard, record));
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 2, max: 6 }),
          fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
          fc.boolean(),
          async (consumers, pauses, letters) => {
            // Each consumer takes every n-th record from its own offset; evaluate callers take the rest at once.
            const slices = Array.from({ length: consumers }, (_, c) =>
              records
                .map((record, i) => ({ record, i }))
                .filter(({ i }) => i % (consumers + 1) === c),
            );
            const singles = records
              .map((record, i) => ({ record, i }))
              .filter(({ i }) => i % (consumers + 1) === consumers);
            const [batches, single] = await Promise.all([
              Promise.all(
                slices.map((slice, c) =>
                  drain(
                    guard.evaluateMany(
                      c % 2 === 0
                        ? slowly(
                            slice.map((s) => s.record),
                            pauses,
                          )
                        : slice.map((s) => s.record),
                      { letters },
                    ),
                  ),
                ),
              ),
              Promise.all(singles.map(({ record }) => evaluated(guard, record))),
            ]);
            slices.forEach((slice, c) => {
              expect(batches[c]).toEqual(slice.map(({ i }) => sequential[i]));
            });
            expect(single).toEqual(singles.map(({ i }) => sequential[i]));
          },
        ),
        fuzz(engine === "compiled" ? 8 : 3, 0.002),
      );
    });

    it("renders each letter for its own task when many callers ask at once", async () => {
      const tasks = corpus.slice(0, 60);
      const alone = [];
      for (const task of tasks)
        alone.push((await guard.evaluate(task as TaskInputRaw)).letter?.text ?? "");
      const together = await Promise.all(
        tasks.map(async (task) => (await guard.evaluate(task as TaskInputRaw)).letter?.text ?? ""),
      );
      expect(together).toEqual(alone);
      expect(together.filter((text) => text !== "").length).toBeGreaterThan(10);
    });
  },
);

describe("guards for different practices at once", () => {
  it("gives each practice's guard the verdicts it gives alone, whatever else runs", async () => {
    const accepting = createGuard({ practice: practiceWith({}) as PracticePolicyInput });
    const declining = createGuard({ practice: practice as PracticePolicyInput });
    const tasks = corpus.slice(0, 80);
    const alone = async (guard: typeof accepting) => {
      const out: string[] = [];
      for (const task of tasks) out.push(await evaluated(guard, task));
      return out;
    };
    const [a, d] = [await alone(accepting), await alone(declining)];
    const [a2, d2] = await Promise.all([
      drain(accepting.evaluateMany(slowly(tasks, [true, false]))),
      drain(declining.evaluateMany(slowly(tasks, [false, true]))),
    ]);
    expect(a2).toEqual(a);
    expect(d2).toEqual(d);
    expect(a).not.toEqual(d);
  });
});
