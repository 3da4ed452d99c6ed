import { writeFile } from "node:fs/promises";
import {
  CoverageCounter,
  checkGolden,
  type EngineName,
  exampleInput,
  expectationOf,
  type GoldenResult,
  type Ruleset,
  type RuleTestReport,
  readGoldenCase,
  renderTestJson,
  renderTestText,
  rulesetIdentity,
  runRuleExamples,
  type TaskInputRaw,
  testPassed,
} from "../../node.js";
import { batchEvaluator, type TaskResult } from "../batch.js";
import { type Command, common } from "../command.js";
import { CliError, exitCodes, type Io, pathFrom, reason, write } from "../io.js";
import { loadPractice, loadRules, makeGuard } from "../load.js";
import { Batch } from "../pipeline.js";

type Evaluate = (task: unknown) => Promise<TaskResult>;
type GoldenReport = NonNullable<RuleTestReport["golden"]>;

/** Evaluates tasks and counts, for coverage, the facts their rules saw and the rules that fired. */
function counting(evaluate: Evaluate, coverage: CoverageCounter): Evaluate {
  return async (task) => {
    const result = await evaluate(task);
    if ("verdict" in result) {
      const { verdict } = result;
      coverage.add(
        verdict.facts,
        verdict.findings.map((f) => f.ruleId),
      );
    }
    return result;
  };
}

function errorCode(result: TaskResult): string {
  return "error" in result ? result.error.code : "";
}

/** Checks every case of a golden file; with `update`, the lines that would make each pass. */
async function checkGoldenFile(
  io: Io,
  path: string,
  evaluate: Evaluate,
  update: boolean,
): Promise<GoldenReport & { updated: string[] }> {
  const batch = await Batch.open(io, path, { what: "golden file", format: "jsonl", quiet: true });
  const report: GoldenReport & { updated: string[] } = {
    source: path,
    results: [],
    unreadable: [],
    updated: [],
  };
  await batch.stream(
    async (record) => {
      if ("error" in record) {
        const problem = record.error.issues[0]?.message ?? record.error.message;
        report.unreadable.push({ line: record.line, problem });
        return;
      }
      const golden = readGoldenCase(record.line, record.value);
      if ("problem" in golden) {
        report.unreadable.push(golden);
        return;
      }
      const result = await evaluate(golden.task);
      const verdict = "verdict" in result ? result.verdict : undefined;
      report.results.push(checkGolden(golden, verdict ?? { error: errorCode(result) }));
      if (update) {
        report.updated.push(
          JSON.stringify(
            verdict === undefined
              ? { task: golden.task }
              : { task: golden.task, expected: expectationOf(verdict) },
          ),
        );
      }
    },
    { keepCliErrors: true },
  );
  return report;
}
/**
 * Rewrites the golden file with the current verdicts and says how many changed; the run is
 * then judged by them, so every case that has a verdict passes.
 */
async function updateGoldenFile(
  io: Io,
  golden: GoldenReport & { updated: string[] },
): Promise<GoldenReport> {
  const { source, results, unreadable } = golden;
  try {
    await writeFile(pathFrom(io, source), `${golden.updated.join("\n")}\n`);
  } catch (error) {
    throw new CliError(`cannot write ${source}: ${reason(error)}`);
  }
  const changed = results.filter((r) => !r.ok).length;
  await write(
    io.stderr,
    `updated ${source}: ${changed} of ${results.length} expectations changed\n`,
  );
  const current = (r: GoldenResult): GoldenResult =>
    "error" in r.actual
      ? r
      : { line: r.line, taskId: r.taskId, ok: true, expected: r.actual, actual: r.actual };
  return { source, results: results.map(current), unreadable };
}

/** Counts, for coverage, the tasks of a corpus (its unreadable records are skipped). */
async function coverCorpus(io: Io, path: string, evaluate: Evaluate): Promise<void> {
  const batch = await Batch.open(io, path, { what: "corpus", quiet: true });
  await batch.stream(
    async (record) => {
      if ("value" in record) await evaluate(record.value);
    },
    { keepCliErrors: true },
  );
}

/** Counts, for coverage, the rules' own examples, each on its own practice. */
async function coverExamples(
  ruleset: Ruleset,
  engine: EngineName | undefined,
  coverage: CoverageCounter,
): Promise<void> {
  for (const rule of ruleset.rules) {
    for (const example of [...rule.examples.fires, ...rule.examples.passes]) {
      const { task, practice } = exampleInput(ruleset, example);
      try {
        const guard = makeGuard(practice, ruleset, engine === undefined ? {} : { engine });
        const verdict = await guard.evaluate(task as TaskInputRaw);
        coverage.add(
          verdict.facts,
          verdict.findings.map((f) => f.ruleId),
        );
      } catch {
        // A broken example is already reported by the examples run.
      }
    }
  }
}

/** The test's options, checked in the order the help lists them. */
function testOptions(values: Parameters<Command["run"]>[1]) {
  const options = {
    format: values.choice("format", ["text", "json"] as const, "text"),
    engine: values.engine(),
    minCoverage: values.integer("min-coverage", 0, 100),
    golden: values.text("golden"),
    corpus: values.text("corpus"),
    update: values.flag("update-golden"),
  };
  if (options.update && options.golden === undefined)
    throw new CliError("--update-golden needs --golden <file>");
  return options;
}

export const testCommand: Command = {
  name: "test",
  summary: "run every rule's examples, a golden corpus, and report coverage",
  usage: "test [rules] [options]",
  about: `Tests a ruleset folder or overlay file (default: the bundled rules), in the manner of ESLint's RuleTester:
  - every rule's examples: each "fires" example must make its rule fire, each "passes"
    example must not, "expect" (when given) names exactly the rules that fire;
  - a golden corpus (--golden): JSONL lines {"task": {...}, "expected": {"outcome",
    "rules", "humanReview"?}}; each task's verdict must match (rules in any order);
  - coverage on the golden and --corpus tasks (or on the examples when neither is given):
    rules never fired, conditions never true and never false. Coverage is the share of
    outcomes seen: each rule counts once (it fired), each condition twice (true, false).`,
  options: {
    golden: {
      type: "string",
      value: "<file>",
      help: "a golden corpus of expected verdicts (JSONL)",
    },
    "update-golden": {
      type: "boolean",
      help: `rewrite the golden file with the current verdicts (a corpus of bare
tasks becomes a golden file); review the change before committing`,
    },
    corpus: {
      type: "string",
      value: "<file>",
      help: "more tasks (JSON, JSONL or CSV) to measure coverage on",
    },
    practice: {
      type: "string",
      short: "p",
      value: "<file>",
      help: `the practice for golden and corpus tasks (default: the ruleset's
example practice)`,
    },
    "min-coverage": { type: "string", value: "<n>", help: "fail when coverage is below n percent" },
    engine: common.engine,
    format: { type: "string", short: "f", value: "<f>", help: "text (default) or json" },
  },
  notes: `Exit status: 0 all passed; 1 an example or golden verdict failed, or coverage is below the
minimum; 2 usage or configuration error.

Examples:
  gp-task-guard test examples/rulesets/shared-care.json --corpus examples/corpus.jsonl -p examples/practice.json
  gp-task-guard test rules --golden golden.jsonl --min-coverage 80`,
  positionals: { min: 0, max: 1 },

  async run([dir], values, io) {
    const options = testOptions(values);
    const { engine, golden, corpus } = options;
    const ruleset = await loadRules(io, dir);
    const practicePath = values.text("practice");
    const practice: unknown =
      practicePath === undefined
        ? ruleset.examples.practice
        : await loadPractice(io, practicePath, "test");
    const report: RuleTestReport = {
      ruleset: rulesetIdentity(ruleset),
      examples: await runRuleExamples(ruleset, engine === undefined ? {} : { engine }),
      ...(options.minCoverage !== undefined && { minCoverage: options.minCoverage }),
    };
    const coverage = new CoverageCounter(ruleset);
    const sources: string[] = [];
    if (golden !== undefined || corpus !== undefined) {
      const guard = makeGuard(practice, ruleset, {
        ...(engine !== undefined && { engine }),
        ...(dir !== undefined && { rulesDir: dir }),
      });
      const evaluate = counting(batchEvaluator(guard), coverage);
      if (golden !== undefined) {
        const checked = await checkGoldenFile(io, golden, evaluate, options.update);
        sources.push(golden);
        const { updated: _, ...result } = checked;
        report.golden = options.update ? await updateGoldenFile(io, checked) : result;
      }
      if (corpus !== undefined) {
        await coverCorpus(io, corpus, evaluate);
        sources.push(corpus);
      }
    } else {
      // No corpus: coverage of the rules' own examples.
      sources.push("the rules' examples");
      await coverExamples(ruleset, engine, coverage);
    }
    report.coverage = { ...coverage.result(), source: sources.join(" and ") };
    const render = options.format === "json" ? renderTestJson : renderTestText;
    await write(io.stdout, render(report));
    return testPassed(report) ? exitCodes.ok : exitCodes.failed;
  },
};
