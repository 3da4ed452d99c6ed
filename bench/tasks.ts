/**
 * The bench's workload: synthetic tasks from the corpus generator (scripts/generate-corpus.ts),
 * spread over the four external-task policies, so that every rule fires on some of them.
 */
import { corpusTasks } from "../scripts/generate-corpus.js";
import { mergeFragment } from "../src/analysis/rule-tester.js";
import type { Ruleset } from "../src/rules/schema.js";

/** The seed of the bench's tasks (not the committed corpus's): the same seed, the same tasks. */
export const benchSeed = 2026;

/** The practice policies the tasks are spread over, task i under policy i mod 4. */
export function benchPractices(ruleset: Ruleset): unknown[] {
  const base = ruleset.examples.practice;
  return [
    base,
    mergeFragment(base, { externalTasks: { policy: "decline", from: "2025-06-01" } }),
    mergeFragment(base, { externalTasks: { policy: "decline", from: "2030-01-01" } }),
    mergeFragment(base, {
      externalTasks: {
        policy: "agreed-providers",
        agreements: [
          {
            odsCode: "RZH",
            name: "Humber Coast NHS Foundation Trust",
            acknowledgedOn: "2025-02-01",
          },
        ],
      },
    }),
  ];
}

/** `count` tasks, lazily, as a caller would send them. */
export function benchTasks(count: number): Generator<unknown> {
  return corpusTasks({ seed: benchSeed, count });
}
