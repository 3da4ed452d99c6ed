/**
 * Usage: node bench/first-verdict.mjs
 *
 * Measures, in a fresh process, the time from the process's start to the package being
 * imported (by its name, as a user loads it: the build for Node's `node` condition) and to the first verdict with
 * its letter (a fit-note request from a trust: a rejection), and the CPU time used by then.
 * Prints `{ importMs, firstVerdictMs, cpuMs }` as JSON.
 */
const { createGuard, defaultRuleset } = await import("gp-task-guard");
const importMs = performance.now();
const ruleset = defaultRuleset();
const guard = createGuard({ practice: ruleset.examples.practice, ruleset });
const verdict = await guard.evaluate({
  ...ruleset.examples.task,
  body: "Please issue a fit note for 4 weeks from today.",
});
const firstVerdictMs = performance.now();
const cpu = process.cpuUsage();
if (verdict.letter === undefined) throw new Error(`no letter (outcome ${verdict.outcome})`);
process.stdout.write(
  `${JSON.stringify({ importMs, firstVerdictMs, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
