import {
  diffHasChanges,
  renderDiffJson,
  renderDiffText,
  VerdictDiff,
} from "../../analysis/diff.js";
import { renderDiffHtml } from "../../analysis/diff-html.js";
import { batchEvaluator, openBatch, type ReadProgress, type TaskResult } from "../batch.js";
import { type Command, common, flag, recordFormatOption, text } from "../command.js";
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
  output,
  reason,
  write,
} from "../io.js";
import { Progress } from "../progress.js";

function taskIdOf(value: unknown, line: number): string {
  if (typeof value === "object" && value !== null && "id" in value && typeof value.id === "string")
    return value.id;
  return `line ${line}`;
}

function asDiff(result: TaskResult): Parameters<VerdictDiff["add"]>[1] {
  return "verdict" in result ? result.verdict : { error: result.error.code };
}

export const diffCommand: Command = {
  name: "diff",
  summary: "show how a rule change moves the verdicts of a corpus of past tasks",
  help: `Usage: gp-task-guard diff --base <rules> --candidate <rules> <corpus|-> --practice <file> [options]

Evaluates the corpus under both rulesets and reports what the change does: what differs in
the rules (parameters with their values, rules added, removed or edited), the outcome
transition matrix (accept/remind/reject before × after), how many tasks each rule fires on
before and after, and sample task ids for each change.

Options:
      --base <rules>      the ruleset in use, a folder or overlay file (default: the bundled rules)
      --candidate <rules> the proposed ruleset, a folder or overlay file (required)
  -p, --practice <file>   the practice's policy (JSON)
      --engine <name>     compiled (default) or json-rules-engine
      --input-format <f>  json, jsonl or csv (default: by name, else sniffed)
  -f, --format <f>        text (default), json or html
  -o, --out <file>        write to a file instead of stdout
      --samples <n>       task ids shown per change (default 5)
      --fail-on-change    exit 1 when any task's outcome or fired rules change (for CI)
  -q, --quiet             no progress bar
  -h, --help              this help

Exit status: 0 done (or no change with --fail-on-change); 1 a change with --fail-on-change,
or some records could not be read; 2 usage or configuration error.

Example:
  gp-task-guard diff --base rules --candidate my-rules examples/corpus.jsonl -p examples/practice.json
  gp-task-guard diff --candidate examples/rulesets/seven-day-window.json examples/corpus.jsonl -p examples/practice.json`,
  options: {
    practice: common.practice,
    engine: common.engine,
    "input-format": common["input-format"],
    base: { type: "string" },
    candidate: { type: "string" },
    format: { type: "string", short: "f" },
    out: { type: "string", short: "o" },
    samples: { type: "string" },
    "fail-on-change": { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
  },
  positionals: { min: 1, max: 1 },

  async run([file = "-"], values, io) {
    const format = choice(
      "format",
      text(values, "format"),
      ["text", "json", "html"] as const,
      "text",
    );
    const recordFormat = recordFormatOption(values);
    const engine = engineOption(text(values, "engine"));
    const samples = integerOption("samples", text(values, "samples"), 0, 1000);
    const quiet = flag(values, "quiet");
    const candidateDir = text(values, "candidate");
    if (candidateDir === undefined)
      throw new CliError(
        "diff needs --candidate <rules>: the proposed ruleset folder or overlay file",
      );
    const baseDir = text(values, "base");
    const practice = await loadPractice(io, text(values, "practice"), "diff");
    const base = await loadRules(io, baseDir);
    const candidate = await loadRules(io, candidateDir);
    const baseGuard = makeGuard(practice, base, {
      ...(engine !== undefined && { engine }),
      ...(baseDir !== undefined && { rulesDir: baseDir }),
    });
    const candidateGuard = makeGuard(practice, candidate, {
      ...(engine !== undefined && { engine }),
      rulesDir: candidateDir,
    });
    const before = batchEvaluator(baseGuard);
    const after = batchEvaluator(candidateGuard);
    const diff = new VerdictDiff(base, candidate, samples === undefined ? {} : { samples });

    const size = await checkInputFile(io, file, "corpus");
    const read: ReadProgress = { bytes: 0, ...(size !== undefined && { total: size }) };
    const progress = new Progress(io, read, { quiet });
    let records = 0;
    let unreadable = 0;
    try {
      for await (const record of openBatch(io, file, recordFormat, read)) {
        records++;
        progress.tick(records);
        if ("error" in record) {
          unreadable++;
          continue;
        }
        const id = taskIdOf(record.value, record.line);
        diff.add(id, asDiff(await before(record.value)), asDiff(await after(record.value)));
      }
    } catch (error) {
      progress.done();
      throw new CliError(`reading ${file} failed after ${records} records: ${reason(error)}`);
    }
    progress.done();
    const result = diff.result();
    const document =
      format === "json"
        ? renderDiffJson(result)
        : format === "html"
          ? renderDiffHtml(result)
          : renderDiffText(result);
    await output(io, document, text(values, "out"));
    if (unreadable > 0 && !quiet) {
      await write(
        io.stderr,
        `${unreadable} of ${records} records could not be read and are not in the diff (see gp-task-guard evaluate)\n`,
      );
    }
    if (flag(values, "fail-on-change") && diffHasChanges(result)) {
      if (!quiet)
        await write(
          io.stderr,
          `verdicts changed on ${result.outcomeChanged + result.findingsChanged} tasks\n`,
        );
      return exitCodes.failed;
    }
    return unreadable > 0 ? exitCodes.failed : exitCodes.ok;
  },
};
