import { join } from "node:path";
import { type Letter, printable, type Verdict } from "../../node.js";
import { batchEvaluator, type TaskResult } from "../batch.js";
import { type Command, common } from "../command.js";
import { BufferedOutput, CliError, exitCodes, type Io, reason, write } from "../io.js";
import { Batch, LetterFiles, letterFormats, loadSetup } from "../pipeline.js";
import type { BatchRecord } from "../records.js";

const formats = ["json", "jsonl", "table"] as const;

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

function verdictRow(line: number, verdict: Verdict): string {
  const category = `${verdict.category.value}${verdict.category.source === "inferred" ? "*" : ""}`;
  const rules = verdict.findings.map((f) => f.ruleId).join(", ");
  return tableRow(
    line,
    verdict.taskId,
    verdict.outcome,
    verdict.humanReview ? "yes" : "",
    category,
    rules,
  );
}

/** A record that could not be evaluated, as the output reports it. */
interface RecordFailure {
  code: string;
  issues: readonly { path: string; code: string; message: string }[];
}

/** A record's verdict, or why it has none (unreadable, or not a valid task). */
async function resultOf(
  record: BatchRecord,
  evaluate: (task: unknown) => Promise<TaskResult>,
): Promise<{ verdict: Verdict } | { error: RecordFailure }> {
  if ("error" in record) return { error: record.error };
  const result = await evaluate(record.value);
  if ("verdict" in result) return result;
  const { error } = result;
  const issues =
    "issues" in error
      ? (error.issues as RecordFailure["issues"])
      : [{ path: "", code: error.code, message: error.message }];
  return { error: { code: error.code, issues } };
}

/**
 * Writes each record's result as it comes, in input order: a verdict or an error, as JSON
 * lines, one JSON array or a table; and each verdict's letter when a letters folder is given.
 */
class VerdictWriter {
  readonly counts = { records: 0, errors: 0, accept: 0, remind: 0, reject: 0, letters: 0, held: 0 };
  readonly #io: Io;
  readonly #format: (typeof formats)[number];
  readonly #letters: LetterFiles | undefined;
  readonly #out: BufferedOutput;
  #first = true;

  constructor(io: Io, format: (typeof formats)[number], letters: LetterFiles | undefined) {
    this.#io = io;
    this.#format = format;
    this.#letters = letters;
    this.#out = new BufferedOutput(io.stdout);
  }

  async open(): Promise<void> {
    if (this.#format === "json") await this.#out.write("[");
    if (this.#format === "table")
      await write(
        this.#io.stdout,
        `${tableRow("line", "task", "outcome", "review", "category", "rules")}\n`,
      );
  }

  async add(line: number, result: { verdict: Verdict } | { error: RecordFailure }): Promise<void> {
    this.counts.records++;
    const json =
      "verdict" in result
        ? await this.#verdict(line, result.verdict)
        : await this.#error(line, result.error);
    if (this.#format === "jsonl") await this.#out.write(`${json}\n`);
    if (this.#format === "json") {
      await this.#out.write(`${this.#first ? "\n" : ",\n"}${json}`);
      this.#first = false;
    }
  }

  async #verdict(line: number, verdict: Verdict): Promise<string> {
    this.counts[verdict.outcome]++;
    const { letter, ...withoutLetter } = verdict;
    // Through the same buffer as error rows, so every row keeps its input order.
    if (this.#format === "table") await this.#out.write(`${verdictRow(line, verdict)}\n`);
    if (letter !== undefined) await this.#letter(verdict.taskId, letter);
    return JSON.stringify(withoutLetter);
  }

  async #error(line: number, error: RecordFailure): Promise<string> {
    this.counts.errors++;
    if (this.#format === "table") {
      const detail = error.issues.map((i) => `${i.path || "(record)"}: ${i.message}`).join("; ");
      await this.#out.write(`${tableRow(line, "", "error", "", "", detail)}\n`);
    }
    return JSON.stringify({ line, error: { code: error.code, issues: error.issues } });
  }

  async #letter(taskId: string, letter: Letter): Promise<void> {
    if (this.#letters === undefined) return;
    // Held letters wait apart, for a person to read the task before they are sent.
    const sub = letter.held ? "held" : undefined;
    const path = this.#letters.pathFor(taskId, sub);
    try {
      if (letter.held && this.counts.held === 0) await this.#letters.makeFolder(sub);
      await this.#letters.write(path, letter);
    } catch (error) {
      throw new CliError(`cannot write the letter ${path}: ${reason(error)}`);
    }
    if (letter.held) this.counts.held++;
    this.counts.letters++;
  }

  async close(): Promise<void> {
    if (this.#format === "json") await this.#out.write(this.#first ? "]\n" : "\n]\n");
    await this.#out.flush();
  }

  /** Writes what is gathered, before an error is reported. */
  flush(): Promise<void> {
    return this.#out.flush();
  }

  /** The closing line on stderr: counts by outcome, and where the letters went. */
  summary(): string {
    const { counts } = this;
    const dir = this.#letters?.dir;
    const letters =
      dir !== undefined
        ? `; ${counts.letters.toLocaleString("en-GB")} letters written to ${dir}, ${counts.held.toLocaleString("en-GB")} of them held in ${join(dir, "held")} until a person has read the task`
        : "";
    return `${counts.records.toLocaleString("en-GB")} records: ${counts.reject} reject, ${counts.remind} remind, ${counts.accept} accept, ${counts.errors} could not be evaluated${letters}\n`;
  }
}

/** The letters folder, created, when `--letters` is given. */
async function lettersFolder(
  io: Io,
  values: Parameters<Command["run"]>[1],
  format: (typeof letterFormats)[number],
): Promise<LetterFiles | undefined> {
  const dir = values.text("letters");
  if (dir === undefined) return undefined;
  const letters = new LetterFiles(io, dir, format);
  try {
    await letters.makeFolder();
  } catch (error) {
    throw new CliError(`cannot create the letters folder ${dir}: ${reason(error)}`);
  }
  return letters;
}

export const evaluateCommand: Command = {
  name: "evaluate",
  summary: "evaluate a task or a batch (JSON, JSONL or CSV) and print verdicts",
  usage: "evaluate <file|-> --practice <file> [options]",
  about: `Evaluates each task of a file (or stdin with -) against the practice's policy and the rules,
streaming: memory stays flat however large the batch.

Input: one task (JSON), an array of tasks (JSON), one task per line (JSONL) or CSV with a
header row of dotted column names (id, sentAt, sender.organisation, sender.odsCode,
sender.unit, sender.team, sender.name, sender.role, sender.kind, recipient.unit,
recipient.assignment, recipient.assignee, patient.nhsNumber, urgent, dueBy, category, body;
urgent reads true/false, yes/no, 1/0).`,
  options: {
    ...common,
    format: {
      type: "string",
      short: "f",
      value: "<f>",
      help: `jsonl: one line per input record, in order: the verdict, or
{"line": N, "error": {"code", "issues"}} for a bad record;
json: the same as one array; table: a line per record for people
(default: table when stdout is a terminal, else jsonl)`,
    },
    letters: {
      type: "string",
      value: "<dir>",
      help: `write each verdict's letter to <dir>/<task id>.txt (or .html);
a held letter (the task is urgent or safety-related: a person
reads the task before the letter is sent) to <dir>/held/`,
    },
    "letter-format": { type: "string", value: "<f>", help: "text (default) or html" },
    "letter-date": {
      type: "string",
      value: "<d>",
      help: "the date printed on letters, YYYY-MM-DD (default: today, London)",
    },
    quiet: { type: "boolean", short: "q", help: "no progress bar and no summary on stderr" },
  },
  notes: `Exit status: 0 every record was evaluated; 1 some records were bad (the rest were
evaluated); 2 usage or configuration error (bad practice or rules file).

Examples:
  gp-task-guard evaluate examples/corpus.jsonl -p examples/practice.json -f jsonl > verdicts.jsonl
  gp-task-guard evaluate tasks.csv -p practice.json --letters letters/
  cat task.json | gp-task-guard evaluate - -p practice.json -f json`,
  positionals: { min: 1, max: 1 },

  async run([file = "-"], values, io) {
    const tty = io.stdout.isTTY === true;
    const format = values.choice("format", formats, tty ? "table" : "jsonl");
    const recordFormat = values.recordFormat();
    const letterFormat = values.choice("letter-format", letterFormats, "text");
    const letterDate = values.date("letter-date");
    const engine = values.engine();
    const quiet = values.flag("quiet");
    const { guard } = await loadSetup(io, values, "evaluate", { engine, letterDate, quiet });
    const batch = await Batch.open(io, file, { what: "batch file", format: recordFormat, quiet });
    const letters = await lettersFolder(io, values, letterFormat);
    const evaluate = batchEvaluator(guard, { letters: letters !== undefined });
    const writer = new VerdictWriter(io, format, letters);
    await writer.open();
    await batch.stream(
      async (record) => writer.add(record.line, await resultOf(record, evaluate)),
      {
        keepCliErrors: true,
        onError: () => writer.flush(),
      },
    );
    await writer.close();
    if (!quiet) await write(io.stderr, writer.summary());
    return writer.counts.errors > 0 ? exitCodes.failed : exitCodes.ok;
  },
};
