import {
  LabelledScorer,
  renderScoreHtml,
  renderScoreJson,
  renderScoreText,
  scoreGate,
} from "../../node.js";
import { openBatch } from "../batch.js";
import { type Command, common } from "../command.js";
import { CliError, checkInputFile, exitCodes, type Io, output, reason, write } from "../io.js";
import { loadPractice, loadRules } from "../load.js";

/** Reads each labelled file line by line into the scorer; a line that is not JSON is counted as an error. */
async function scoreFiles(io: Io, files: readonly string[], scorer: LabelledScorer): Promise<void> {
  for (const file of files) await checkInputFile(io, file, "labelled set");
  for (const path of files) {
    const file = path === "-" ? "stdin" : path;
    let line = 0;
    try {
      for await (const record of openBatch(io, path, "jsonl", { bytes: 0 })) {
        line = record.line;
        if ("error" in record)
          scorer.addError({ file, line }, record.error.issues[0]?.code ?? "unreadable");
        else await scorer.add(record.value, { file, line });
      }
    } catch (error) {
      throw new CliError(`reading ${file} failed after line ${line}: ${reason(error)}`);
    }
  }
}

export const scoreCommand: Command = {
  name: "score",
  summary: "score the verdicts on a labelled evaluation set: precision, recall, every miss",
  usage: "score <labelled.jsonl>... [options]",
  about: `Evaluates every task of one or more labelled sets and compares each verdict with its labels:
per rule and per category precision, recall, F1 and support (labelled positives), human
review's precision and recall, a confusion matrix of categories, and every task whose rules,
human review or category differ from its labels, with its text. Precision and recall are 1
when nothing was labelled and nothing found.

Each line: {"id", "voice"?, "task": {...}, "expect": {"category", "rules": [ids],
"humanReview"}, "practice"?: {...}, "note"?}. A task is evaluated for its own practice, else
--practice, else the ruleset's example practice. A line that cannot be read or scored is
listed by file and line with the fields at fault (never their values) and counted.`,
  options: {
    practice: {
      type: "string",
      short: "p",
      value: "<file>",
      help: `the practice for records without their own (default: the
ruleset's example practice)`,
    },
    rules: common.rules,
    engine: common.engine,
    format: {
      type: "string",
      short: "f",
      value: "<f>",
      help: "text (default), json or html (one self-contained page)",
    },
    out: { type: "string", short: "o", value: "<file>", help: "write to a file instead of stdout" },
    "min-f1": {
      type: "string",
      value: "<x>",
      help: "exit 1 when a rule with support has F1 below x (0 to 1)",
    },
    "min-review-recall": {
      type: "string",
      value: "<x>",
      help: "exit 1 when human review's recall is below x (0 to 1)",
    },
  },
  notes: `The output holds the text of every missed task: share it only where the set may go.

Exit status: 0 scored (and above the minimums); 1 a line could not be scored, or a minimum
was not met (each named on stderr); 2 usage or configuration error.

Examples:
  gp-task-guard score test/labelled/set-a.jsonl test/labelled/set-b.jsonl
  gp-task-guard score test/labelled/set-a.jsonl -r examples/rulesets/seven-day-window.json -f json
  gp-task-guard score test/labelled/*.jsonl --min-f1 0.9 --min-review-recall 1`,
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },

  async run(files, values, io) {
    const formats = ["text", "json", "html"] as const;
    const format = values.choice("format", formats, "text");
    const engine = values.engine();
    const minF1 = values.integer("min-f1", 0, 1);
    const minReviewRecall = values.integer("min-review-recall", 0, 1);
    const practicePath = values.text("practice");
    const practice =
      practicePath === undefined ? undefined : await loadPractice(io, practicePath, "score");
    const ruleset = await loadRules(io, values.text("rules"));
    const scorer = new LabelledScorer({
      ruleset,
      ...(practice !== undefined && { practice }),
      ...(engine !== undefined && { engine }),
    });
    await scoreFiles(io, files, scorer);
    const score = scorer.result();
    const render = { text: renderScoreText, json: renderScoreJson, html: renderScoreHtml };
    await output(io, render[format](score), values.text("out"));
    if (score.errors.length > 0)
      await write(
        io.stderr,
        `${score.errors.length} of ${score.records} records could not be scored (listed by line)\n`,
      );
    const failures = scoreGate(score, {
      ...(minF1 !== undefined && { minF1 }),
      ...(minReviewRecall !== undefined && { minReviewRecall }),
    });
    for (const failure of failures) await write(io.stderr, `below the minimum: ${failure}\n`);
    return failures.length > 0 || score.errors.length > 0 ? exitCodes.failed : exitCodes.ok;
  },
};
