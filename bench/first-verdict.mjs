/**
 * Usage: node bench/first-verdict.mjs
 *
 * Measures, in a fresh process, the time from the process's start to the package being
 * imported (the built `dist/index.js`, as a user loads it) and to the first verdict with
 * its letter (a fit-note request from a trust: a rejection). Prints `{ importMs,
 * firstVerdictMs }` as JSON.
 */
const { createGuard, defaultRuleset } = await import("../dist/index.js");
const importMs = performance.now();
const ruleset = defaultRuleset();
const guard = createGuard({ practice: ruleset.examples.practice, ruleset });
const verdict = await guard.evaluate({
  ...ruleset.examples.task,
  body: "Please issue a fit note for 4 weeks from today.",
});
const firstVerdictMs = performance.now();
if (verdict.letter === undefined) throw new Error(`no letter (outcome ${verdict.outcome})`);
process.stdout.write(`${JSON.stringify({ importMs, firstVerdictMs })}\n`);
