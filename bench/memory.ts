/**
 * Usage: node --import tsx bench/memory.ts <count>
 *
 * Streams `count` generated tasks through one guard's `evaluateMany` (compiled engine, no
 * letters), dropping each verdict, and prints `{ count, verdicts, errors, maxRssKiB, seconds }`
 * as JSON. Run in its own process by bench/index.ts, so that its peak RSS is the batch's alone.
 */
import { createGuard } from "../src/engine/guard.js";
import { defaultRuleset } from "../src/rules/default.js";
import { benchPractices, benchTasks } from "./tasks.js";

const count = Number(process.argv[2] ?? "100000");
const ruleset = defaultRuleset();
const [practice] = benchPractices(ruleset);
const guard = createGuard({ practice, ruleset });
const started = performance.now();
let verdicts = 0;
let errors = 0;
for await (const result of guard.evaluateMany(benchTasks(count))) {
  if (result.ok) verdicts++;
  else errors++;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ count, verdicts, errors, maxRssKiB: process.resourceUsage().maxRSS, seconds })}\n`,
);
