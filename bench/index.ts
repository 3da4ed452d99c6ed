/**
 * Usage: npm run bench [-- --tasks 5000 --memory 100000,400000 --cli 100000 --quick]
 *        npm run bench -- --startup    (only the start-up and browser-bundle rows, issue 14)
 *
 * One run, one table (issue 6): the compiled engine against json-rules-engine (one Engine
 * reused, and a new Engine per task), GoRules zen-engine running the same decision as a
 * decision table, and hand-written predicates, all deciding the same facts; whole evaluations
 * on both engines; the CLI batch against the serialisation floor of the same records; peak
 * RSS for a small and a large streamed batch; the time a fresh process takes to give a first
 * verdict with a letter, beside bare `node -e 0`; and the gzip size of a minified browser bundle
 * of the public API, per dependency. Every engine's decisions are checked against the
 * reference, so a fast wrong answer shows up as differing decisions. Not part of `npm test`.
 */
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { Engine, type TopLevelCondition } from "json-rules-engine";
import { createCompiledEvaluator } from "../src/engine/compiled.js";
import { createGuard } from "../src/engine/guard.js";
import { prepare } from "../src/engine/prepare.js";
import { createReferenceEvaluator } from "../src/engine/reference.js";
import type { VerdictOrError } from "../src/engine/types.js";
import type { Facts } from "../src/facts/catalogue.js";
import { deriveFacts } from "../src/facts/derive.js";
import type { PracticePolicyInput } from "../src/input/practice.js";
import { parsePractice } from "../src/input/practice.js";
import { parseTask } from "../src/input/task.js";
import { defaultRuleset } from "../src/rules/default.js";
import { type FactsStepResult, factsStep } from "./facts.js";
import { createHandWritten } from "./hand.js";
import {
  type BundleResult,
  kb,
  measureBundle,
  measureStartup,
  type StartupResult,
} from "./startup.js";
import { benchPractices, benchSeed, benchTasks } from "./tasks.js";
import { createZenEvaluator } from "./zen.js";

const root = join(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    tasks: { type: "string", default: "5000" },
    memory: { type: "string", default: "100000,400000" },
    cli: { type: "string", default: "100000" },
    quick: { type: "boolean", default: false },
    startup: { type: "boolean", default: false },
    facts: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  process.stdout.write(`Usage: npm run bench [-- options]

Measures the engines, whole evaluations, the CLI batch, peak RSS, start-up and the browser
bundle; prints one table. Writes nothing into the repository (temporary files go to the system's temp folder).

Options:
  --tasks <n>        tasks per throughput figure (default 5000)
  --memory <a,b>     batch sizes for peak RSS (default 100000,400000)
  --cli <n>          tasks for the CLI batch (default 100000)
  --quick            small sizes and short measurements, for a smoke run
  --startup          only start-up beside bare node and the browser bundle (issue 14)
  --facts            only the facts step, today's phrase lists beside five times as many (issue 10)
  --write            also record this run in bench/results.json (committed; docs/performance.md
                     is generated from it by npm run generate). Without it, nothing is written.
  -h, --help         this help
`);
  process.exit(0);
}
if (args.write === true && (args.quick === true || args.startup === true || args.facts === true)) {
  process.stderr.write(
    "bench: --write records a full run only, not with --quick, --startup or --facts\n",
  );
  process.exit(2);
}
const quick = args.quick === true;
const taskCount = Number(args.tasks);
const memoryCounts = (quick ? "10000,40000" : (args.memory ?? "")).split(",").map(Number);
const cliCount = quick ? 10_000 : Number(args.cli);
/** How long each throughput figure is measured for, after a warm-up pass. */
const measureMs = quick ? 300 : 1500;

type Decide = (facts: Facts) => string[] | Promise<string[]>;

interface Row {
  section: string;
  name: string;
  perSecond: number;
  note?: string;
}

const rows: Row[] = [];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Decisions per second over `facts`, cycling until `measureMs` has passed, after one warm-up pass. */
async function throughput(decide: Decide, facts: readonly Facts[], sync: boolean): Promise<number> {
  let sink = 0;
  const pass = async (): Promise<void> => {
    if (sync) for (const f of facts) sink += (decide(f) as string[]).length;
    else for (const f of facts) sink += (await decide(f)).length;
  };
  await pass();
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < measureMs) {
    await pass();
    done += facts.length;
  }
  const elapsed = performance.now() - started;
  if (sink < 0) log("impossible");
  return (done / elapsed) * 1000;
}

async function differing(
  decide: Decide,
  facts: readonly Facts[],
  expected: readonly string[][],
): Promise<number> {
  let count = 0;
  for (const [i, f] of facts.entries()) {
    if (!isDeepStrictEqual(await decide(f), expected[i])) count++;
  }
  return count;
}

/** json-rules-engine with one Engine for all tasks, run one task at a time (#303: never concurrently). */
function reusedEngine(rules: readonly { id: string; conditions: unknown }[]): Decide {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of rules) {
    engine.addRule({
      name: rule.id,
      conditions: structuredClone(rule.conditions) as TopLevelCondition,
      event: { type: rule.id },
    });
  }
  const order = rules.map((r) => r.id);
  return async (facts) => {
    const { events } = await engine.run(facts as object as Record<string, unknown>);
    const fired = new Set(events.map((e) => e.type));
    return order.filter((id) => fired.has(id));
  };
}

async function decisionStep(): Promise<{
  compiledVsJre: number;
  compiledVsHand: number;
  differing: number;
}> {
  const ruleset = defaultRuleset();
  const prepared = prepare(ruleset);
  const practices = benchPractices(ruleset).map((p) => parsePractice(p));
  const facts: Facts[] = [];
  let i = 0;
  for (const raw of benchTasks(taskCount)) {
    const practice = practices[i++ % practices.length];
    if (practice) facts.push(deriveFacts(parseTask(raw), practice, prepared.lexicon));
  }
  log(`decision step: ${facts.length} tasks' facts derived (seed ${benchSeed})`);

  const reference = createReferenceEvaluator(prepared.rules);
  const expected: string[][] = [];
  for (const f of facts) expected.push(await reference.decide(f));

  const compiled = createCompiledEvaluator(prepared.rules);
  const hand = createHandWritten(ruleset);
  const zen = createZenEvaluator(prepared.rules);
  const engines: { name: string; decide: Decide; sync: boolean; slow?: boolean }[] = [
    { name: "compiled (this package, default)", decide: (f) => compiled.decide(f), sync: true },
    { name: "hand-written predicates (the limit)", decide: (f) => hand.decide(f), sync: true },
    {
      name: "json-rules-engine, one Engine reused",
      decide: reusedEngine(prepared.rules),
      sync: false,
    },
    {
      name: "json-rules-engine, new Engine per task",
      decide: (f) => reference.decide(f),
      sync: false,
    },
    { name: "@gorules/zen-engine decision table", decide: (f) => zen.decide(f), sync: false },
  ];
  const rates = new Map<string, number>();
  let totalDiffering = 0;
  for (const engine of engines) {
    const diff = await differing(engine.decide, facts, expected);
    totalDiffering += diff;
    const rate = await throughput(
      engine.decide,
      engine.sync ? facts : facts.slice(0, 2000),
      engine.sync,
    );
    rates.set(engine.name, rate);
    rows.push({
      section: "decide (facts in, rule ids out)",
      name: engine.name,
      perSecond: rate,
      note: `${diff} differing`,
    });
    log(`  ${engine.name}: ${Math.round(rate)}/s, ${diff} differing decisions`);
  }
  const get = (prefix: string) => [...rates].find(([k]) => k.startsWith(prefix))?.[1] ?? Number.NaN;
  return {
    compiledVsJre: get("compiled") / get("json-rules-engine, one"),
    compiledVsHand: get("hand") / get("compiled"),
    differing: totalDiffering,
  };
}

async function wholeEvaluation(): Promise<{ differing: number }> {
  const ruleset = defaultRuleset();
  const practices = benchPractices(ruleset);
  const tasks = [...benchTasks(Math.min(taskCount, quick ? 1000 : 4000))];
  const run = async (engine: "compiled" | "json-rules-engine", letters: boolean) => {
    const out: VerdictOrError[][] = [];
    const started = performance.now();
    for (const [p, practice] of practices.entries()) {
      const share = tasks.filter((_, i) => i % practices.length === p);
      const results: VerdictOrError[] = [];
      for await (const r of createGuard({
        practice: practice as PracticePolicyInput,
        ruleset,
        engine,
      }).evaluateMany(share, {
        letters,
      })) {
        results.push(r);
      }
      out.push(results);
    }
    return { out, perSecond: (tasks.length / (performance.now() - started)) * 1000 };
  };
  // a warm-up run of each, then the measured ones
  await run("compiled", false);
  await run("json-rules-engine", false);
  const compiled = await run("compiled", false);
  const reference = await run("json-rules-engine", false);
  const compiledLetters = await run("compiled", true);
  let diff = 0;
  compiled.out.forEach((results, p) => {
    results.forEach((r, i) => {
      if (!isDeepStrictEqual(r, reference.out[p]?.[i])) diff++;
    });
  });
  const section = "evaluate (task in, verdict out)";
  rows.push({
    section,
    name: "evaluateMany, compiled",
    perSecond: compiled.perSecond,
    note: `${diff} differing verdicts`,
  });
  rows.push({ section, name: "evaluateMany, json-rules-engine", perSecond: reference.perSecond });
  rows.push({
    section,
    name: "evaluateMany, compiled, with letters",
    perSecond: compiledLetters.perSecond,
  });
  log(`whole evaluation: ${tasks.length} tasks, ${diff} differing verdicts`);
  return { differing: diff };
}

function childJson(command: string, commandArgs: string[]): Record<string, number> {
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0)
    throw new Error(`${command} ${commandArgs.join(" ")} failed: ${result.stderr}`);
  const last = result.stdout.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as Record<string, number>;
}

function memory(): { ratio: number; rss: number[] } {
  const rss: number[] = [];
  for (const count of memoryCounts) {
    log(`memory: streaming ${count} tasks through evaluateMany…`);
    const r = childJson(process.execPath, [
      "--expose-gc",
      "--import",
      "tsx",
      "bench/memory.ts",
      String(count),
    ]);
    const mib = (r.maxRssKiB ?? Number.NaN) / 1024;
    rss.push(mib);
    rows.push({
      section: "memory (evaluateMany, streamed)",
      name: `peak RSS, ${count.toLocaleString("en-GB")} tasks`,
      perSecond: count / (r.seconds ?? Number.NaN),
      note: `${mib.toFixed(0)} MiB peak RSS; live heap after GC ${(r.heapAfterGcMiB ?? Number.NaN).toFixed(1)} MiB; ${r.errors ?? "?"} errors`,
    });
  }
  return { ratio: (rss.at(-1) ?? Number.NaN) / (rss[0] ?? Number.NaN), rss };
}

/** Builds `dist/` (tsup) so that start-up is measured on what a user imports; false when the build fails. */
function build(): boolean {
  log("building dist/ (npm run build)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0)
    log(`build failed:\n${result.stdout.slice(-1500)}${result.stderr.slice(-1500)}`);
  return result.status === 0 && existsSync(join(root, "dist/index.js"));
}

/** Time to a first verdict with a letter in a fresh process, beside bare node (issue 14). */
function firstVerdict(): StartupResult | undefined {
  const section = "start-up (fresh process, median of runs side by side)";
  if (!build()) {
    rows.push({
      section,
      name: "first verdict",
      perSecond: Number.NaN,
      note: "not measured: npm run build failed",
    });
    return undefined;
  }
  log("start-up: bare node and a first verdict, alternately…");
  const r = measureStartup();
  const ratio = (r.firstVerdictMs / r.bareMs).toFixed(2);
  const cpuRatio = (r.firstVerdictCpuMs / r.bareCpuMs).toFixed(2);
  rows.push({
    section,
    name: "bare node -e 0",
    perSecond: Number.NaN,
    note: `${r.bareMs.toFixed(0)} ms wall, ${r.bareCpuMs.toFixed(0)} ms CPU (median of ${r.runs})`,
  });
  rows.push({
    section,
    name: "first verdict with a letter (the package, as Node imports it)",
    perSecond: Number.NaN,
    note: `${r.firstVerdictMs.toFixed(0)} ms wall (${ratio}× bare), ${r.firstVerdictCpuMs.toFixed(0)} ms CPU (${cpuRatio}× bare); package imported at ${r.importMs.toFixed(0)} ms (median of ${r.runs})`,
  });
  return r;
}

/** The browser bundle of the public API, and what each dependency puts in it (issue 14). */
async function browserBundle(): Promise<BundleResult> {
  log("browser bundle: esbuild --bundle --minify of the public API…");
  const b = await measureBundle();
  const section = "browser bundle (createGuard, renderLetter, fromFhirTask, toCdsCards)";
  rows.push({
    section,
    name: "esbuild --bundle --minify, gzip -9",
    perSecond: Number.NaN,
    note: `${kb(b.gzipBytes)} gzip, ${kb(b.minifiedBytes)} minified${b.caveat ? `; ${b.caveat}` : ""}`,
  });
  const total = b.parts.reduce((sum, part) => sum + part.bytes, 0);
  for (const part of b.parts) {
    rows.push({
      section,
      name: `  ${part.name}`,
      perSecond: Number.NaN,
      note: `${kb(part.bytes)} minified (${((part.bytes / total) * 100).toFixed(0)}%)`,
    });
  }
  return b;
}

/** The built CLI's file, from package.json `bin`, when there is one. */
function cliPath(): string | undefined {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.["gp-task-guard"];
  return bin !== undefined && existsSync(join(root, bin)) ? join(root, bin) : undefined;
}

async function cliBatch(): Promise<number> {
  const cli = cliPath();
  if (cli === undefined) {
    rows.push({
      section: "CLI batch",
      name: `gp-task-guard evaluate, ${cliCount} tasks`,
      perSecond: Number.NaN,
      note: "not measured: no built CLI (package.json bin)",
    });
    return Number.NaN;
  }
  const dir = mkdtempSync(join(tmpdir(), "gp-task-guard-bench-"));
  try {
    const input = join(dir, "tasks.jsonl");
    const out = createWriteStream(input);
    for (const task of benchTasks(cliCount)) out.write(`${JSON.stringify(task)}\n`);
    out.end();
    await finished(out);
    const practice = join(dir, "practice.json");
    const w = createWriteStream(practice);
    w.end(JSON.stringify(benchPractices(defaultRuleset())[0]));
    await finished(w);

    // the serialisation floor: read the same records, parse and stringify each, write them out
    const floorStarted = performance.now();
    const sink = createWriteStream("/dev/null");
    for await (const line of createInterface({ input: createReadStream(input) })) {
      if (line !== "") sink.write(`${JSON.stringify(JSON.parse(line))}\n`);
    }
    sink.end();
    await finished(sink);
    const floorSeconds = (performance.now() - floorStarted) / 1000;

    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [cli, "evaluate", input, "--practice", practice, "--format", "jsonl"],
      {
        cwd: root,
        stdio: ["ignore", "ignore", "pipe"],
        encoding: "utf8",
      },
    );
    const cliSeconds = (performance.now() - started) / 1000;
    const section = "CLI batch (JSONL in, JSONL out)";
    if (result.status !== 0 && result.status !== 1 && result.status !== 2) {
      rows.push({
        section,
        name: "gp-task-guard evaluate",
        perSecond: Number.NaN,
        note: `failed: ${result.stderr.slice(0, 200)}`,
      });
      return Number.NaN;
    }
    rows.push({
      section,
      name: `serialisation floor, ${cliCount} records`,
      perSecond: cliCount / floorSeconds,
    });
    rows.push({
      section,
      name: `gp-task-guard evaluate, ${cliCount} tasks`,
      perSecond: cliCount / cliSeconds,
      note: `exit ${result.status}`,
    });
    return cliSeconds / floorSeconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function format(n: number): string {
  if (!Number.isFinite(n)) return "—";
  return Math.round(n).toLocaleString("en-GB");
}

function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} free), Node ${process.versions.node}, ${process.platform}, load average ${(loadavg()[0] ?? 0).toFixed(1)} (1 min)`;
}

/**
 * With --write, records the run in bench/results.json: the machine, the date, the options,
 * every row and the goals. docs/performance.md is rendered from it (scripts/gen/docs.ts), so
 * the doc shows exactly one recorded run.
 */
function writeResults(goals: string[]): void {
  if (args.write !== true) return;
  const file = join(root, "bench", "results.json");
  const results = {
    $comment:
      "Written by npm run bench -- --write. docs/performance.md is generated from this file.",
    date: new Date().toISOString(),
    machine: machine(),
    options: {
      tasks: taskCount,
      memory: memoryCounts,
      cli: cliCount,
      quick,
      startup: args.startup === true,
    },
    rows: rows.map((row) => ({
      ...row,
      perSecond: Number.isFinite(row.perSecond) ? row.perSecond : null,
    })),
    goals,
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${file}`);
}

function printTable(): void {
  const out: string[] = [];
  out.push(`Machine: ${machine()}`);
  out.push("");
  out.push("| measure | what | per second | × compiled | notes |");
  out.push("|---|---|---:|---:|---|");
  const compiled = rows.find((r) => r.name.startsWith("compiled"))?.perSecond ?? Number.NaN;
  const compiledWhole =
    rows.find((r) => r.name === "evaluateMany, compiled")?.perSecond ?? Number.NaN;
  for (const row of rows) {
    const base = row.section.startsWith("decide")
      ? compiled
      : row.section.startsWith("evaluate")
        ? compiledWhole
        : Number.NaN;
    const ratio =
      Number.isFinite(base) && Number.isFinite(row.perSecond)
        ? (row.perSecond / base).toFixed(row.perSecond / base < 0.1 ? 4 : 2)
        : "";
    out.push(
      `| ${row.section} | ${row.name} | ${format(row.perSecond)} | ${ratio} | ${row.note ?? ""} |`,
    );
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

/** The facts step on the labelled sets' bodies: today's lists and five times as many phrases. */
function factsRows(): FactsStepResult {
  const result = factsStep(root, defaultRuleset(), quick ? 3 : 5);
  const section = "facts (task in, facts out)";
  result.phrases.forEach((phrases, i) => {
    const micros = result.micros[i] ?? Number.NaN;
    rows.push({
      section,
      name: `deriveFacts, ${phrases.toLocaleString("en-GB")} phrases${i === 0 ? " (today's lists)" : " (5× as many)"}`,
      perSecond: 1e6 / micros,
      note: `${micros.toFixed(1)} µs a task, median of interleaved runs`,
    });
  });
  return result;
}

function factsGoal(facts: FactsStepResult): string {
  return goal(
    "facts step with five times as many phrases within 1.2× of today's lists (medians, side by side)",
    facts.ratio <= 1.2,
    `${facts.ratio.toFixed(2)}× (${facts.micros.map((m) => `${m.toFixed(1)} µs`).join(" against ")} a task)`,
  );
}

function goal(label: string, ok: boolean, detail: string, measured = true): string {
  const verdict = !measured ? "NOT MEASURED" : ok ? "met" : "MISSED";
  return `${verdict}  ${label}: ${detail}`;
}

function startupGoals(startup: StartupResult | undefined, bundle: BundleResult): string[] {
  const ratio = startup ? startup.firstVerdictMs / startup.bareMs : Number.NaN;
  return [
    goal(
      "first verdict with a letter in a fresh process within 2.5× of bare node -e 0 (medians, side by side)",
      ratio <= 2.5,
      startup
        ? `${ratio.toFixed(2)}× (${startup.firstVerdictMs.toFixed(0)} ms against ${startup.bareMs.toFixed(0)} ms; CPU ${(startup.firstVerdictCpuMs / startup.bareCpuMs).toFixed(2)}×)`
        : "not measured",
      startup !== undefined,
    ),
    goal(
      "browser bundle of the public API ≤ 60 KB gzip, plain bundler, no flags",
      bundle.gzipBytes <= 60_000 && bundle.caveat === undefined,
      `${kb(bundle.gzipBytes)} gzip${bundle.caveat ? ` (${bundle.caveat})` : ""}`,
    ),
  ];
}

if (args.facts === true) {
  const facts = factsRows();
  printTable();
  process.stdout.write(`\nGoals (issue 10):\n${factsGoal(facts)}\n`);
} else if (args.startup === true) {
  const startup = firstVerdict();
  const bundle = await browserBundle();
  printTable();
  process.stdout.write(`\nGoals (issue 14):\n${startupGoals(startup, bundle).join("\n")}\n`);
} else {
  const facts = factsRows();
  const decision = await decisionStep();
  const whole = await wholeEvaluation();
  const cliRatio = await cliBatch();
  const mem = memory();
  const startup = firstVerdict();
  const bundle = await browserBundle();

  printTable();
  const goals = [
    goal(
      "compiled ≥ 20× json-rules-engine (one Engine reused), 0 differing",
      decision.compiledVsJre >= 20 && decision.differing === 0 && whole.differing === 0,
      `${decision.compiledVsJre.toFixed(1)}×, ${decision.differing} differing decisions, ${whole.differing} differing verdicts`,
    ),
    goal(
      "compiled decision step within 10× of hand-written predicates",
      decision.compiledVsHand <= 10,
      `hand-written is ${decision.compiledVsHand.toFixed(1)}× faster`,
    ),
    goal(
      `CLI batch of ${cliCount} tasks ≤ 3× the serialisation floor`,
      cliRatio <= 3,
      Number.isFinite(cliRatio) ? `${cliRatio.toFixed(2)}×` : "no built CLI yet",
      Number.isFinite(cliRatio),
    ),
    goal(
      `peak RSS for ${memoryCounts.at(-1)} tasks ≤ 1.3× that for ${memoryCounts[0]}`,
      mem.ratio <= 1.3,
      `${mem.ratio.toFixed(2)}× (${mem.rss.map((m) => `${m.toFixed(0)} MiB`).join(" → ")})`,
    ),
  ];
  process.stdout.write(`\nGoals (issue 6):\n${goals.join("\n")}\n`);
  const textGoals = [
    factsGoal(facts),
    goal(
      `CLI batch of ${cliCount} tasks within 2× the serialisation floor`,
      cliRatio <= 2,
      Number.isFinite(cliRatio) ? `${cliRatio.toFixed(2)}×` : "no built CLI yet",
      Number.isFinite(cliRatio),
    ),
  ];
  process.stdout.write(`\nGoals (issue 10):\n${textGoals.join("\n")}\n`);
  process.stdout.write(`\nGoals (issue 14):\n${startupGoals(startup, bundle).join("\n")}\n`);
  writeResults([...goals, ...textGoals, ...startupGoals(startup, bundle)]);
}
