import { writeFile } from "node:fs/promises";
import { CoverageCounter } from "../../analysis/coverage.js";
import {
  checkGolden,
  expectationOf,
  type GoldenResult,
  type RuleTestReport,
  readGoldenCase,
  renderTestJson,
  renderTestText,
  rulesetIdentity,
  testPassed,
} from "../../analysis/golden.js";
import { exampleInput, runRuleExamples } from "../../analysis/rule-tester.js";
import type { TaskInputRaw } from "../../input/task.js";
import { batchEvaluator, openBatch, type TaskResult } from "../batch.js";
import { type Command, common, flag, text } from "../command.js";
import {
  CliError,
  checkInputFile,
  choice,
  engineOption,
  exitCodes,
  integerOption,
  loadPractice,
  loadRules,
  makeGuard,
  pathFrom,
  reason,
  write,
} from "../io.js";

export const testCommand: Command = {
  name: "test",
  summary: "run every rule's examples, a golden corpus, and report coverage",
  help: `Usage: gp-task-guard test [rules] [options]

Tests a ruleset folder or overlay file (default: the bundled rules), in the manner of ESLint's RuleTester:
  - every rule's examples: each "fires" example must make its rule fire, each "passes"
    example must not, "expect" (when given) names exactly the rules that fire;
  - a golden corpus (--golden): JSONL lines {"task": {...}, "expected": {"outcome",
    "rules", "humanReview"?}}; each task's verdict must match (rules in any order);
  - coverage on the golden and --corpus tasks (or on the examples when neither is given):
    rules never fired, conditions never true and never false. Coverage is the share of
    outcomes seen: each rule counts once (it fired), each condition twice (true, false).

Options:
      --golden <file>      a golden corpus of expected verdicts (JSONL)
      --update-golden      rewrite the golden file with the current verdicts (a corpus of bare
                           tasks becomes a golden file); review the change before committing
      --corpus <file>      more tasks (JSON, JSONL or CSV) to measure coverage on
  -p, --practice <file>    the practice for golden and corpus tasks (default: the ruleset's
                           example practice)
      --min-coverage <n>   fail when coverage is below n percent
      --engine <name>      compiled (default) or json-rules-engine
  -f, --format <f>         text (default) or json
  -h, --help               this help

Exit status: 0 all passed; 1 an example or golden verdict failed, or coverage is below the
minimum; 2 usage or configuration error.

Examples:
  gp-task-guard test examples/rulesets/shared-care.json --corpus examples/corpus.jsonl -p examples/practice.json
  gp-task-guard test rules --golden golden.jsonl --min-coverage 80`,
  options: {
    practice: common.practice,
    engine: common.engine,
    golden: { type: "string" },
    "update-golden": { type: "boolean" },
    corpus: { type: "string" },
    "min-coverage": { type: "string" },
    format: { type: "string", short: "f" },
  },
  positionals: { min: 0, max: 1 },

  async run([dir], values, io) {
    const format = choice("format", text(values, "format"), ["text", "json"] as const, "text");
    const engine = engineOption(text(values, "engine"));
    const minCoverage = integerOption("min-coverage", text(values, "min-coverage"), 0, 100);
    const goldenPath = text(values, "golden");
    const corpusPath = text(values, "corpus");
    const update = flag(values, "update-golden");
    if (update && goldenPath === undefined)
      throw new CliError("--update-golden needs --golden <file>");
    const ruleset = await loadRules(io, dir);
    const practicePath = text(values, "practice");
    const practice: unknown =
      practicePath === undefined
        ? ruleset.examples.practice
        : await loadPractice(io, practicePath, "test");

    const report: RuleTestReport = {
      ruleset: rulesetIdentity(ruleset),
      examples: await runRuleExamples(ruleset, engine === undefined ? {} : { engine }),
      ...(minCoverage !== undefined && { minCoverage }),
    };

    const coverage = new CoverageCounter(ruleset);
    const count = (result: TaskResult) => {
      if ("verdict" in result)
        coverage.add(
          result.verdict.facts,
          result.verdict.findings.map((f) => f.ruleId),
        );
    };
    const sources: string[] = [];
    if (goldenPath !== undefined || corpusPath !== undefined) {
      const guard = makeGuard(practice, ruleset, {
        ...(engine !== undefined && { engine }),
        ...(dir !== undefined && { rulesDir: dir }),
      });
      const evaluate = batchEvaluator(guard);
      if (goldenPath !== undefined) {
        await checkInputFile(io, goldenPath, "golden file");
        sources.push(goldenPath);
        const results: GoldenResult[] = [];
        const unreadable: { line: number; problem: string }[] = [];
        const updated: string[] = [];
        for await (const record of openBatch(io, goldenPath, "jsonl", { bytes: 0 })) {
          if ("error" in record) {
            unreadable.push({
              line: record.line,
              problem: record.error.issues[0]?.message ?? record.error.message,
            });
            continue;
          }
          const golden = readGoldenCase(record.line, record.value);
          if ("problem" in golden) {
            unreadable.push(golden);
            continue;
          }
          const result = await evaluate(golden.task);
          count(result);
          results.push(
            checkGolden(
              golden,
              "verdict" in result ? result.verdict : { error: result.error.code },
            ),
          );
          if (update) {
            updated.push(
              JSON.stringify(
                "verdict" in result
                  ? { task: golden.task, expected: expectationOf(result.verdict) }
                  : { task: golden.task },
              ),
            );
          }
        }
        report.golden = { source: goldenPath, results, unreadable };
        if (update) {
          try {
            await writeFile(pathFrom(io, goldenPath), `${updated.join("\n")}\n`);
          } catch (error) {
            throw new CliError(`cannot write ${goldenPath}: ${reason(error)}`);
          }
          const changed = results.filter((r) => !r.ok).length;
          await write(
            io.stderr,
            `updated ${goldenPath}: ${changed} of ${results.length} expectations changed\n`,
          );
          // The file now holds the current verdicts: judge this run by them.
          report.golden = {
            source: goldenPath,
            results: results.map((r) =>
              "error" in r.actual
                ? r
                : {
                    line: r.line,
                    taskId: r.taskId,
                    ok: true,
                    expected: r.actual,
                    actual: r.actual,
                  },
            ),
            unreadable,
          };
        }
      }
      if (corpusPath !== undefined) {
        await checkInputFile(io, corpusPath, "corpus");
        sources.push(corpusPath);
        for await (const record of openBatch(io, corpusPath, undefined, { bytes: 0 })) {
          if ("value" in record) count(await evaluate(record.value));
        }
      }
    } else {
      // No corpus: coverage of the rules' own examples.
      sources.push("the rules' examples");
      for (const rule of ruleset.rules) {
        for (const example of [...rule.examples.fires, ...rule.examples.passes]) {
          const { task, practice: examplePractice } = exampleInput(ruleset, example);
          try {
            const guard = makeGuard(
              examplePractice,
              ruleset,
              engine === undefined ? {} : { engine },
            );
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
    report.coverage = { ...coverage.result(), source: sources.join(" and ") };

    await write(io.stdout, format === "json" ? renderTestJson(report) : renderTestText(report));
    return testPassed(report) ? exitCodes.ok : exitCodes.failed;
  },
};
