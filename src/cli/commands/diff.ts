import {
  type DiffResult,
  diffHasChanges,
  type RulesetDiff,
  renderDiffHtml,
  renderDiffJson,
  renderDiffText,
  VerdictDiff,
} from "../../node.js";
import { batchEvaluator, type TaskResult } from "../batch.js";
import { type Command, common } from "../command.js";
import { CliError, exitCodes, type Io, output, write } from "../io.js";
import { loadPractice, loadRules, makeGuard } from "../load.js";
import type { OptionValues } from "../options.js";
import { Batch } from "../pipeline.js";

function taskIdOf(value: unknown, line: number): string {
  if (typeof value === "object" && value !== null && "id" in value && typeof value.id === "string")
    return value.id;
  return `line ${line}`;
}

function asDiff(result: TaskResult): DiffResult {
  return "verdict" in result ? result.verdict : { error: result.error.code };
}

const renderers = { text: renderDiffText, json: renderDiffJson, html: renderDiffHtml };

/** The diff's options, checked in the order the help lists them. */
function diffOptions(values: OptionValues) {
  const options = {
    format: values.choice("format", ["text", "json", "html"] as const, "text"),
    recordFormat: values.recordFormat(),
    engine: values.engine(),
    samples: values.integer("samples", 0, 1000),
    quiet: values.flag("quiet"),
    candidate: values.text("candidate"),
    base: values.text("base"),
  };
  if (options.candidate === undefined)
    throw new CliError(
      "diff needs --candidate <rules>: the proposed ruleset folder or overlay file",
    );
  return { ...options, candidate: options.candidate };
}

/** The closing lines on stderr, and the exit code: 1 for unread records or, when asked, a change. */
async function diffEnd(
  io: Io,
  diff: RulesetDiff,
  counts: { records: number; unreadable: number },
  options: { quiet: boolean; failOnChange: boolean },
): Promise<number> {
  const { records, unreadable } = counts;
  // Always said, --quiet too: the document counts only the tasks it could read.
  if (unreadable > 0) {
    await write(
      io.stderr,
      `${unreadable} of ${records} records could not be read and are not in the diff (see gp-task-guard evaluate)\n`,
    );
  }
  if (options.failOnChange && diffHasChanges(diff)) {
    if (!options.quiet)
      await write(
        io.stderr,
        `verdicts changed on ${diff.outcomeChanged + diff.findingsChanged} tasks\n`,
      );
    return exitCodes.failed;
  }
  return unreadable > 0 ? exitCodes.failed : exitCodes.ok;
}

export const diffCommand: Command = {
  name: "diff",
  summary: "show how a rule change moves the verdicts of a corpus of past tasks",
  usage: "diff --base <rules> --candidate <rules> <corpus|-> --practice <file> [options]",
  about: `Evaluates the corpus under both rulesets and reports what the change does: what differs in
the rules (parameters with their values, rules added, removed or edited), the outcome
transition matrix (accept/remind/reject before × after), how many tasks each rule fires on
before and after, and sample task ids for each change.`,
  options: {
    base: {
      type: "string",
      value: "<rules>",
      help: "the ruleset in use, a folder or overlay file (default: the bundled rules)",
    },
    candidate: {
      type: "string",
      value: "<rules>",
      help: "the proposed ruleset, a folder or overlay file (required)",
    },
    practice: common.practice,
    engine: common.engine,
    "input-format": common["input-format"],
    format: { type: "string", short: "f", value: "<f>", help: "text (default), json or html" },
    out: { type: "string", short: "o", value: "<file>", help: "write to a file instead of stdout" },
    samples: { type: "string", value: "<n>", help: "task ids shown per change (default 5)" },
    "fail-on-change": {
      type: "boolean",
      help: "exit 1 when any task's outcome or fired rules change (for CI)",
    },
    quiet: { type: "boolean", short: "q", help: "no progress bar" },
  },
  notes: `Exit status: 0 done (or no change with --fail-on-change); 1 a change with --fail-on-change,
or some records could not be read; 2 usage or configuration error.

Example:
  gp-task-guard diff --base rules --candidate my-rules examples/corpus.jsonl -p examples/practice.json
  gp-task-guard diff --candidate examples/rulesets/seven-day-window.json examples/corpus.jsonl -p examples/practice.json`,
  positionals: { min: 1, max: 1 },

  async run([file = "-"], values, io) {
    const options = diffOptions(values);
    const { engine, quiet } = options;
    const practice = await loadPractice(io, values.text("practice"), "diff");
    const base = await loadRules(io, options.base);
    const candidate = await loadRules(io, options.candidate);
    const baseGuard = makeGuard(practice, base, {
      ...(engine !== undefined && { engine }),
      ...(options.base !== undefined && { rulesDir: options.base }),
    });
    const candidateGuard = makeGuard(practice, candidate, {
      ...(engine !== undefined && { engine }),
      rulesDir: options.candidate,
    });
    const before = batchEvaluator(baseGuard);
    const after = batchEvaluator(candidateGuard);
    const { samples } = options;
    const diff = new VerdictDiff(base, candidate, samples === undefined ? {} : { samples });
    const batch = await Batch.open(io, file, {
      what: "corpus",
      format: options.recordFormat,
      quiet,
    });
    let unreadable = 0;
    const records = await batch.stream(async (record) => {
      if ("error" in record) {
        unreadable++;
        return;
      }
      const id = taskIdOf(record.value, record.line);
      diff.add(id, asDiff(await before(record.value)), asDiff(await after(record.value)));
    });
    const result = diff.result();
    await output(io, renderers[options.format](result), values.text("out"));
    const failOnChange = values.flag("fail-on-change");
    return diffEnd(io, result, { records, unreadable }, { quiet, failOnChange });
  },
};
