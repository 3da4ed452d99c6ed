/**
 * Usage: node --import tsx bench/memory.ts <count>
 *
 * Streams `count` generated tasks through one guard's `evaluateMany` (compiled engine, no
 * letters), dropping each verdict, and prints `{ count, verdicts, errors, maxRssKiB, seconds,
 * heapAfterGcMiB }` as JSON. Run in its own process by bench/index.ts, so that its peak RSS is
 * the batch's alone; with `--expose-gc`, the live heap after a full collection at the end tells
 * a leak (it grows with the count) from V8 merely growing its heap lazily (it does not).
 */
import { createGuard } from "../src/engine/guard.js";
import type { PracticePolicyInput } from "../src/input/practice.js";
import { defaultRuleset } from "../src/rules/default.js";
import { benchPractices, benchTasks } from "./tasks.js";

const count = Number(process.argv[2] ?? "100000");
const ruleset = defaultRuleset();
const [practice] = benchPractices(ruleset);
const guard = createGuard({ practice: practice as PracticePolicyInput, ruleset });
const started = performance.now();
let verdicts = 0;
let errors = 0;
for await (const result of guard.evaluateMany(benchTasks(count))) {
  if (result.ok) verdicts++;
  else errors++;
}
const seconds = (performance.now() - started) / 1000;
const maxRssKiB = process.resourceUsage().maxRSS;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapAfterGcMiB = gc ? process.memoryUsage().heapUsed / 2 ** 20 : Number.NaN;
process.stdout.write(
  `${JSON.stringify({ count, verdicts, errors, maxRssKiB, seconds, heapAfterGcMiB })}\n`,
);
