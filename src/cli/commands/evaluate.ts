import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { batchEvaluator, openBatch, type ReadProgress, type TaskResult } from "../batch.js";
import { type Command, common, commonHelp, flag, text } from "../command.js";
import { FileNames } from "../file-names.js";
import {
  BufferedOutput,
  CliError,
  checkInputFile,
  choice,
  dateOption,
  engineOption,
  exitCodes,
  type Io,
  integerOption,
  loadPractice,
  loadRules,
  makeGuard,
  pathFrom,
  printWarnings,
  reason,
  write,
} from "../io.js";
import { type ChunkResult, type ShippedRecord, WorkerPool, workerKind } from "../parallel.js";
import { Progress } from "../progress.js";
import { type RecordOutput, resultOutput } from "../record-json.js";
import { recordFormats } from "../records.js";

const formats = ["json", "jsonl", "table"] as const;

/** Records sent to a worker at a time: large enough that messages cost little per record. */
const chunkSize = 500;
/** A file at least this large is worth starting worker threads for (about 7,000 tasks). */
const parallelFrom = 4 * 1024 * 1024;

/**
 * How many worker threads evaluate: none (1) for table output, letters (written by the main
 * thread) or a bin run in-process; otherwise `--jobs`, or one per core for a large file.
 */
function jobsFor(
  io: Io,
  options: {
    requested: number | undefined;
    format: string;
    letters: boolean;
    size: number | undefined;
  },
): number {
  if (io.workerScript === undefined || options.format === "table" || options.letters) return 1;
  if (options.requested !== undefined) return options.requested;
  return options.size !== undefined && options.size >= parallelFrom ? availableParallelism() : 1;
}
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
  return `${String(line).padStart(6)}  ${cut(id, 20)}  ${outcome.padEnd(7)}  ${review.padEnd(6)}  ${cut(category, 28)}  ${rules}`.trimEnd();
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
      --letters <dir>      write each verdict's letter to <dir>/<task id>.txt (or .html)
      --letter-format <f>  text (default) or html
      --letter-date <d>    the date printed on letters, YYYY-MM-DD (default: today, London)
  -j, --jobs <n>           threads evaluating a jsonl or json output without --letters
                           (default: one per core for a file of 4 MB or more, else 1);
                           the output is the same, in the same order, whatever the number
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
    jobs: { type: "string", short: "j" },
  },
  positionals: { min: 1, max: 1 },

  async run([file = "-"], values, io) {
    const format = choice(
      "format",
      text(values, "format"),
      formats,
      io.stdout.isTTY === true ? "table" : "jsonl",
    );
    const inputFormat = text(values, "input-format");
    const recordFormat =
      inputFormat === undefined
        ? undefined
        : choice("input-format", inputFormat, recordFormats, "jsonl");
    const letterFormat = choice(
      "letter-format",
      text(values, "letter-format"),
      letterFormats,
      "text",
    );
    const letterDate = dateOption("letter-date", text(values, "letter-date"));
    const engine = engineOption(text(values, "engine"));
    const quiet = flag(values, "quiet");
    const requested = integerOption("jobs", text(values, "jobs"), 1, 64);
    if (requested !== undefined && !Number.isInteger(requested)) {
      throw new CliError(`--jobs must be a whole number from 1 to 64, not ${requested}`);
    }
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
    const counts = { records: 0, errors: 0, accept: 0, remind: 0, reject: 0, letters: 0 };
    let first = true;
    const out = new BufferedOutput(io.stdout);
    if (format === "json") await out.write("[");
    if (format === "table")
      await write(
        io.stdout,
        `${tableRow("line", "task", "outcome", "review", "category", "rules")}\n`,
      );

    /** Prints one record's JSON line (jsonl and json formats) and counts it. */
    const emitJson = async (output: RecordOutput) => {
      counts.records++;
      if (output.outcome === undefined) counts.errors++;
      else counts[output.outcome]++;
      if (format === "jsonl") await out.write(`${output.json}\n`);
      if (format === "json") {
        await out.write(`${first ? "\n" : ",\n"}${output.json}`);
        first = false;
      }
    };

    const emit = async (line: number, result: TaskResult) => {
      const output = resultOutput(line, result);
      if ("verdict" in result) {
        const { verdict } = result;
        if (format === "table") {
          await write(
            io.stdout,
            `${tableRow(line, verdict.taskId, verdict.outcome, verdict.humanReview ? "yes" : "", `${verdict.category.value}${verdict.category.source === "inferred" ? "*" : ""}`, verdict.findings.map((f) => f.ruleId).join(", "))}\n`,
          );
        }
        const { letter } = verdict;
        if (lettersDir !== undefined && letter !== undefined) {
          const name = names.next(verdict.taskId, letterFormat === "html" ? ".html" : ".txt");
          try {
            await writeFile(
              join(pathFrom(io, lettersDir), name),
              letterFormat === "html" ? letter.html : letter.text,
            );
          } catch (error) {
            throw new CliError(
              `cannot write the letter ${join(lettersDir, name)}: ${reason(error)}`,
            );
          }
          counts.letters++;
        }
      } else if (format === "table") {
        const { error } = result;
        const issues = (
          "issues" in error
            ? error.issues
            : [{ path: "", code: error.code, message: error.message }]
        ) as { path: string; message: string }[];
        const detail = issues.map((i) => `${i.path || "(record)"}: ${i.message}`).join("; ");
        await out.write(`${tableRow(line, "", "error", "", "", detail)}\n`);
      }
      await emitJson(output);
      progress.tick(counts.records);
    };

    const failed = async (error: unknown): Promise<never> => {
      await out.flush();
      progress.done();
      if (error instanceof CliError) throw error;
      throw new CliError(
        `reading ${file} failed after ${counts.records} records: ${reason(error)}`,
      );
    };

    const jobs = jobsFor(io, { requested, format, letters: lettersDir !== undefined, size });
    if (jobs > 1 && io.workerScript !== undefined) {
      const pool = new WorkerPool(
        io.workerScript,
        {
          kind: workerKind,
          separator: format === "json" ? ",\n" : "\n",
          practice,
          ...(rulesDir !== undefined && { rulesDir: pathFrom(io, rulesDir) }),
          ...(engine !== undefined && { engine }),
          ...(letterDate !== undefined && { letterDate }),
        },
        jobs,
      );
      // Chunks in flight, oldest first: at most two per worker, so memory stays flat.
      const inFlight: Promise<ChunkResult>[] = [];
      const writeOldest = async () => {
        const oldest = inFlight.shift();
        if (oldest === undefined) return;
        const result = await oldest;
        if (result.records === 0) return;
        counts.records += result.records;
        counts.errors += result.counts.errors;
        counts.accept += result.counts.accept;
        counts.remind += result.counts.remind;
        counts.reject += result.counts.reject;
        if (format === "jsonl") await out.write(`${result.text}\n`);
        else {
          await out.write(`${first ? "\n" : ",\n"}${result.text}`);
          first = false;
        }
        progress.tick(counts.records);
      };
      let chunk: ShippedRecord[] = [];
      const send = async () => {
        if (chunk.length === 0) return;
        const promise = pool.run(chunk);
        // Awaited in turn by writeOldest; this only keeps a failure from being unhandled meanwhile.
        promise.catch(() => {});
        inFlight.push(promise);
        chunk = [];
        while (inFlight.length > jobs * 2) await writeOldest();
      };
      try {
        for await (const record of openBatch(io, file, recordFormat, read, { jsonlText: true })) {
          chunk.push(
            "error" in record
              ? {
                  line: record.line,
                  error: { code: record.error.code, issues: record.error.issues },
                }
              : record,
          );
          if (chunk.length >= chunkSize) await send();
        }
        await send();
        while (inFlight.length > 0) await writeOldest();
      } catch (error) {
        // Print what was already evaluated before saying how far the batch got.
        try {
          while (inFlight.length > 0) await writeOldest();
        } catch {
          // a worker failed too: the error below names the first failure
        }
        await failed(error);
      } finally {
        await pool.close();
      }
    } else {
      try {
        for await (const record of openBatch(io, file, recordFormat, read)) {
          if ("error" in record) {
            await emit(record.line, { error: record.error });
            continue;
          }
          await emit(record.line, await evaluate(record.value));
        }
      } catch (error) {
        await failed(error);
      }
    }
    if (format === "json") await out.write(first ? "]\n" : "\n]\n");
    await out.flush();
    progress.done();
    if (!quiet) {
      const letters =
        lettersDir !== undefined
          ? `; ${counts.letters.toLocaleString("en-GB")} letters written to ${lettersDir}`
          : "";
      await write(
        io.stderr,
        `${counts.records.toLocaleString("en-GB")} records: ${counts.reject} reject, ${counts.remind} remind, ${counts.accept} accept, ${counts.errors} could not be evaluated${letters}\n`,
      );
    }
    return counts.errors > 0 ? exitCodes.failed : exitCodes.ok;
  },
};
