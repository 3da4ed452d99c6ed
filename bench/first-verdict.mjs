/**
 * Usage: node bench/first-verdict.mjs
 *
 * Measures, in a fresh process, the time from the process's start to the package being
 * imported (the built `dist/index.js`, as a user loads it) and to the first verdict with
 * its letter. Prints `{ importMs, firstVerdictMs }` as JSON.
 */
const { createGuard, defaultRuleset } = await import("../dist/index.js");
const importMs = performance.now();
const ruleset = defaultRuleset();
const guard = createGuard({ practice: ruleset.examples.practice, ruleset });
const verdict = await guard.evaluate(ruleset.examples.task);
const firstVerdictMs = performance.now();
if (typeof verdict.outcome !== "string") throw new Error("no verdict");
process.stdout.write(`${JSON.stringify({ importMs, firstVerdictMs })}\n`);
