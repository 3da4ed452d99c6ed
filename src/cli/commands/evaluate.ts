import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { printable } from "../../analysis/format.js";
import type { Verdict } from "../../node.js";
import { batchEvaluator, openBatch, type ReadProgress } from "../batch.js";
import { type Command, common, commonHelp, flag, recordFormatOption, text } from "../command.js";
import { FileNames } from "../file-names.js";
import {
  BufferedOutput,
  CliError,
  checkInputFile,
  choice,
  dateOption,
  engineOption,
  exitCodes,
  loadPractice,
  loadRules,
  makeGuard,
  pathFrom,
  printWarnings,
  reason,
  write,
} from "../io.js";
import { Progress } from "../progress.js";

const formats = ["json", "jsonl", "table"] as const;
const letterFormats = ["text", "html"] as const;

function cut(value: string, width: number): string {
  const chars = [...value];
  return chars.length > width ? `${chars.slice(0, width - 1).join("")}…` : value.padEnd(width);
}

function tableRow(
  line: number | string,
  id: string,
  outcome: string,
  review: string,
  category: string,
  rules: string,
): string {
  // Ids, categories and messages come from task data: printable() keeps escapes off the terminal.
  return `${String(line).padStart(6)}  ${cut(printable(id), 20)}  ${outcome.padEnd(7)}  ${review.padEnd(6)}  ${cut(printable(category), 28)}  ${printable(rules)}`.trimEnd();
}

export const evaluateCommand: Command = {
  name: "evaluate",
  summary: "evaluate a task or a batch (JSON, JSONL or CSV) and print verdicts",
  help: `Usage: gp-task-guard evaluate <file|-> --practice <file> [options]

Evaluates each task of a file (or stdin with -) against the practice's policy and the rules,
streaming: memory stays flat however large the batch.

Input: one task (JSON), an array of tasks (JSON), one task per line (JSONL) or CSV with a
header row of dotted column names (id, sentAt, sender.organisation, sender.odsCode,
sender.unit, sender.team, sender.name, sender.role, sender.kind, recipient.unit,
recipient.assignment, recipient.assignee, patient.nhsNumber, urgent, dueBy, category, body;
urgent reads true/false, yes/no, 1/0).

Options:
${commonHelp}
  -f, --format <f>         jsonl: one line per input record, in order: the verdict, or
                           {"line": N, "error": {"code", "issues"}} for a bad record;
                           json: the same as one array; table: a line per record for people
                           (default: table when stdout is a terminal, else jsonl)
      --letters <dir>      write each verdict's letter to <dir>/<task id>.txt (or .html);
                           a held letter (the task is urgent or safety-related: a person
                           reads the task before the letter is sent) to <dir>/held/
      --letter-format <f>  text (default) or html
      --letter-date <d>    the date printed on letters, YYYY-MM-DD (default: today, London)
  -q, --quiet              no progress bar and no summary on stderr
  -h, --help               this help

Exit status: 0 every record was evaluated; 1 some records were bad (the rest were
evaluated); 2 usage or configuration error (bad practice or rules file).

Examples:
  gp-task-guard evaluate examples/corpus.jsonl -p examples/practice.json -f jsonl > verdicts.jsonl
  gp-task-guard evaluate tasks.csv -p practice.json --letters letters/
  cat task.json | gp-task-guard evaluate - -p practice.json -f json`,
  options: {
    ...common,
    format: { type: "string", short: "f" },
    letters: { type: "string" },
    "letter-format": { type: "string" },
    "letter-date": { type: "string" },
    quiet: { type: "boolean", short: "q" },
  },
  positionals: { min: 1, max: 1 },

  async run([file = "-"], values, io) {
    const format = choice(
      "format",
      text(values, "format"),
      formats,
      io.stdout.isTTY === true ? "table" : "jsonl",
    );
    const recordFormat = recordFormatOption(values);
    const letterFormat = choice(
      "letter-format",
      text(values, "letter-format"),
      letterFormats,
      "text",
    );
    const letterDate = dateOption("letter-date", text(values, "letter-date"));
    const engine = engineOption(text(values, "engine"));
    const quiet = flag(values, "quiet");
    const practicePath = text(values, "practice");
    const practice = await loadPractice(io, practicePath, "evaluate");
    const rulesDir = text(values, "rules");
    const ruleset = await loadRules(io, rulesDir);
    const guard = makeGuard(practice, ruleset, {
      ...(engine !== undefined && { engine }),
      ...(letterDate !== undefined && { letterDate }),
      ...(rulesDir !== undefined && { rulesDir }),
    });
    if (!quiet) await printWarnings(io, guard, practicePath ?? "");
    const size = await checkInputFile(io, file, "batch file");

    const lettersDir = text(values, "letters");
    const names = new FileNames();
    if (lettersDir !== undefined) {
      try {
        await mkdir(pathFrom(io, lettersDir), { recursive: true });
      } catch (error) {
        throw new CliError(`cannot create the letters folder ${lettersDir}: ${reason(error)}`);
      }
    }
    const evaluate = batchEvaluator(guard, { letters: lettersDir !== undefined });

    const read: ReadProgress = { bytes: 0, ...(size !== undefined && { total: size }) };
    const progress = new Progress(io, read, { quiet });
    const counts = {
      records: 0,
      errors: 0,
      accept: 0,
      remind: 0,
      reject: 0,
      letters: 0,
      held: 0,
    };
    let first = true;
    const out = new BufferedOutput(io.stdout);
    if (format === "json") await out.write("[");
    if (format === "table")
      await write(
        io.stdout,
        `${tableRow("line", "task", "outcome", "review", "category", "rules")}\n`,
      );

    const emit = async (
      line: number,
      result: { verdict: Verdict } | { error: { code: string; issues: unknown } },
    ) => {
      counts.records++;
      let json: string;
      if ("verdict" in result) {
        const { verdict } = result;
        counts[verdict.outcome]++;
        const { letter, ...withoutLetter } = verdict;
        json = JSON.stringify(withoutLetter);
        if (format === "table") {
          // Through the same buffer as error rows, so every row keeps its input order.
          await out.write(
            `${tableRow(line, verdict.taskId, verdict.outcome, verdict.humanReview ? "yes" : "", `${verdict.category.value}${verdict.category.source === "inferred" ? "*" : ""}`, verdict.findings.map((f) => f.ruleId).join(", "))}\n`,
          );
        }
        if (lettersDir !== undefined && letter !== undefined) {
          const name = names.next(verdict.taskId, letterFormat === "html" ? ".html" : ".txt");
          // Held letters wait apart, for a person to read the task before they are sent.
          const folder = letter.held ? join(lettersDir, "held") : lettersDir;
          try {
            if (letter.held && counts.held === 0)
              await mkdir(pathFrom(io, folder), { recursive: true });
            await writeFile(
              join(pathFrom(io, folder), name),
              letterFormat === "html" ? letter.html : letter.text,
            );
          } catch (error) {
            throw new CliError(`cannot write the letter ${join(folder, name)}: ${reason(error)}`);
          }
          if (letter.held) counts.held++;
          counts.letters++;
        }
      } else {
        counts.errors++;
        json = JSON.stringify({
          line,
          error: { code: result.error.code, issues: result.error.issues },
        });
        if (format === "table") {
          const issues = result.error.issues as { path: string; message: string }[];
          const detail = issues.map((i) => `${i.path || "(record)"}: ${i.message}`).join("; ");
          await out.write(`${tableRow(line, "", "error", "", "", detail)}\n`);
        }
      }
      if (format === "jsonl") await out.write(`${json}\n`);
      if (format === "json") {
        await out.write(`${first ? "\n" : ",\n"}${json}`);
        first = false;
      }
      progress.tick(counts.records);
    };

    try {
      for await (const record of openBatch(io, file, recordFormat, read)) {
        if ("error" in record) {
          await emit(record.line, { error: record.error });
          continue;
        }
        const result = await evaluate(record.value);
        if ("verdict" in result) await emit(record.line, result);
        else {
          const issues =
            "issues" in result.error
              ? result.error.issues
              : [{ path: "", code: result.error.code, message: result.error.message }];
          await emit(record.line, { error: { code: result.error.code, issues } });
        }
      }
    } catch (error) {
      await out.flush();
      progress.done();
      if (error instanceof CliError) throw error;
      throw new CliError(
        `reading ${file} failed after ${counts.records} records: ${reason(error)}`,
      );
    }
    if (format === "json") await out.write(first ? "]\n" : "\n]\n");
    await out.flush();
    progress.done();
    if (!quiet) {
      const letters =
        lettersDir !== undefined
          ? `; ${counts.letters.toLocaleString("en-GB")} letters written to ${lettersDir}, ${counts.held.toLocaleString("en-GB")} of them held in ${join(lettersDir, "held")} until a person has read the task`
          : "";
      await write(
        io.stderr,
        `${counts.records.toLocaleString("en-GB")} records: ${counts.reject} reject, ${counts.remind} remind, ${counts.accept} accept, ${counts.errors} could not be evaluated${letters}\n`,
      );
    }
    return counts.errors > 0 ? exitCodes.failed : exitCodes.ok;
  },
};
