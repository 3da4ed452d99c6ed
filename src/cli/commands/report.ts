import {
  type Letter,
  londonToday,
  type PracticePolicy,
  parseTask,
  type ReportInput,
  type ReportRecordError,
  type Ruleset,
  recordError,
  renderLetter,
  renderReportCsv,
  renderReportHtml,
  renderReportJson,
  renderReportText,
  reportFormats,
  reportTables,
  Summariser,
  type TeamEscalation,
} from "../../node.js";
import { batchEvaluator, type TaskResult } from "../batch.js";
import { type Command, common } from "../command.js";
import { CliError, exitCodes, type Io, output, reason, write } from "../io.js";
import type { OptionValues } from "../options.js";
import { Batch, LetterFiles, letterFormats, loadSetup } from "../pipeline.js";
import type { BatchRecord } from "../records.js";

/** The report's options, checked in the order the help lists them. */
function reportOptions(values: OptionValues) {
  return {
    format: values.choice("format", reportFormats, "text"),
    table: values.choice("table", reportTables, "teams"),
    recordFormat: values.recordFormat(),
    engine: values.engine(),
    asOf: values.date("as-of"),
    date: values.date("date"),
    window: values.integer("window", 1, 3660),
    serviceLeadAt: values.integer("service-lead-at", 1),
    icbAt: values.integer("icb-at", 1),
    quiet: values.flag("quiet"),
    letterFormat: values.choice("letter-format", letterFormats, "text"),
  };
}

type ReportOptions = ReturnType<typeof reportOptions>;

function summariserFor(ruleset: Ruleset, options: ReportOptions): Summariser {
  try {
    return new Summariser({
      ruleset,
      ...(options.asOf !== undefined && { asOf: options.asOf }),
      ...(options.window !== undefined && { escalationWindowDays: options.window }),
      ...(options.serviceLeadAt !== undefined && {
        escalationServiceLeadAt: options.serviceLeadAt,
      }),
      ...(options.icbAt !== undefined && { escalationIcbAt: options.icbAt }),
    });
  } catch (error) {
    throw new CliError(`the escalation settings are not valid: ${reason(error)}`);
  }
}

/** Adds a record's verdict to the summary, or returns why it has none. */
async function summariseRecord(
  record: BatchRecord,
  evaluate: (task: unknown) => Promise<TaskResult>,
  summariser: Summariser,
): Promise<ReportRecordError | undefined> {
  if ("error" in record) return recordError(record.line, record.error.code, record.error.issues);
  const result = await evaluate(record.value);
  if ("error" in result) {
    const issues =
      "issues" in result.error
        ? (result.error.issues as { path: string; code: string; message: string }[])
        : [];
    return recordError(record.line, result.error.code, issues);
  }
  // The task parsed for the verdict, so it parses again: the sender with defaults applied.
  summariser.add({ verdict: result.verdict, task: parseTask(record.value) });
  return undefined;
}

const renderers = {
  text: renderReportText,
  json: renderReportJson,
  csv: renderReportCsv,
  html: renderReportHtml,
} satisfies Record<ReportOptions["format"], unknown>;

function escalationLetter(
  team: TeamEscalation,
  practice: PracticePolicy,
  ruleset: Ruleset,
  date: string,
): Letter {
  return renderLetter("escalation", {
    practice,
    ruleset,
    date,
    team: team.team,
    tasks: {
      count: team.count,
      // One date per task, so that the letter's weeks count tasks, not days.
      dates: team.perDate.flatMap((d) => Array.from({ length: d.count }, () => d.date)),
      reasons: team.reasons.map((r) => ({ ruleId: r.ruleId, title: r.title, count: r.count })),
    },
  });
}

/** Writes an escalation letter for each team at the service-lead step or beyond; how many. */
async function writeEscalationLetters(
  letters: LetterFiles,
  input: ReportInput & { generatedOn: string; practice: PracticePolicy },
  ruleset: Ruleset,
): Promise<number> {
  let written = 0;
  try {
    await letters.makeFolder();
    for (const t of input.summary.escalation?.teams ?? []) {
      if (t.level !== "service-lead" && t.level !== "icb-or-lmc") continue;
      const letter = escalationLetter(t, input.practice, ruleset, input.generatedOn);
      await letters.write(
        letters.pathFor(`${t.team.organisation}_${t.team.team ?? t.team.unit}`),
        letter,
      );
      written++;
    }
  } catch (error) {
    throw new CliError(`cannot write the escalation letters to ${letters.dir}: ${reason(error)}`);
  }
  return written;
}

/** The closing lines on stderr: the letters written, and the records that could not be read. */
async function reportEnd(
  io: Io,
  lettersDir: string | undefined,
  written: number,
  input: ReportInput,
): Promise<void> {
  if (lettersDir !== undefined)
    await write(io.stderr, `${written} escalation letters written to ${lettersDir}\n`);
  const { read, errors } = input.records ?? { read: 0, errors: [] };
  if (errors.length > 0) {
    await write(
      io.stderr,
      `${errors.length} of ${read} records could not be evaluated (listed in the report by line)\n`,
    );
  }
}

export const reportCommand: Command = {
  name: "report",
  summary: "evaluate a corpus and report totals and escalation by organisation and team",
  usage: "report <corpus|-> --practice <file> [options]",
  about: `Evaluates a corpus of past tasks and reports: outcomes; totals by sending organisation and
team, by rule, by NHS Standard Contract clause, by category and by month (Europe/London);
and where each team stands on the guidance's escalation route: remind the team, then its
service lead, then the ICB primary care team or the LMC. The window and thresholds are the
ruleset's parameters escalationWindowDays, escalationServiceLeadAt and escalationIcbAt.
The report holds counts only: no NHS number, patient detail or task text.`,
  options: {
    practice: common.practice,
    rules: common.rules,
    engine: common.engine,
    "input-format": common["input-format"],
    format: {
      type: "string",
      short: "f",
      value: "<f>",
      help: `text (default), json, csv or html (one self-contained file with
charts, for a committee paper; no network needed to open it)`,
    },
    table: {
      type: "string",
      value: "<t>",
      help: `for csv: teams (default), organisations, rules, clauses,
categories, months or escalation`,
    },
    out: { type: "string", short: "o", value: "<file>", help: "write to a file instead of stdout" },
    "as-of": {
      type: "string",
      value: "<date>",
      help: `the last day of the escalation window, YYYY-MM-DD (default: the
latest sending date in the corpus)`,
    },
    window: {
      type: "string",
      value: "<days>",
      help: "escalation window in days (default: the ruleset's)",
    },
    "service-lead-at": {
      type: "string",
      value: "<n>",
      help: `non-compliant tasks in the window from which to contact the
service lead (default: the ruleset's)`,
    },
    "icb-at": {
      type: "string",
      value: "<n>",
      help: "... from which to tell the ICB or the LMC (default: the ruleset's)",
    },
    date: {
      type: "string",
      value: "<date>",
      help: 'the date printed as "generated" and on letters (default: today)',
    },
    "escalation-letters": {
      type: "string",
      value: "<dir>",
      help: `write an escalation letter for each team at the service-lead
step or beyond, to <dir>/<organisation>_<team>.txt (or .html)`,
    },
    "letter-format": { type: "string", value: "<f>", help: "text (default) or html" },
    quiet: { type: "boolean", short: "q", help: "no progress bar" },
  },
  notes: `Exit status: 0 every record was evaluated; 1 some records were bad (they are listed in the
report by line, without their values); 2 usage or configuration error.

Examples:
  gp-task-guard report examples/corpus.jsonl -p examples/practice.json
  gp-task-guard report examples/corpus.jsonl -p examples/practice.json -f html -o report.html
  gp-task-guard report corpus.jsonl -p practice.json -f csv --table escalation > escalation.csv`,
  positionals: { min: 1, max: 1 },

  async run([file = "-"], values, io) {
    const options = reportOptions(values);
    const { quiet } = options;
    const generatedOn = options.date ?? londonToday();
    const { practice, ruleset, guard } = await loadSetup(io, values, "report", options);
    const summariser = summariserFor(ruleset, options);
    const batch = await Batch.open(io, file, {
      what: "corpus",
      format: options.recordFormat,
      quiet,
    });
    const evaluate = batchEvaluator(guard);
    const errors: ReportRecordError[] = [];
    const read = await batch.stream(async (record) => {
      const error = await summariseRecord(record, evaluate, summariser);
      if (error !== undefined) errors.push(error);
    });
    const summary = summariser.result();
    const input = { summary, practice, records: { read, errors }, generatedOn };
    await output(io, renderers[options.format](input, options.table), values.text("out"));
    const lettersDir = values.text("escalation-letters");
    const written =
      lettersDir === undefined
        ? 0
        : await writeEscalationLetters(
            new LetterFiles(io, lettersDir, options.letterFormat),
            input,
            ruleset,
          );
    if (!quiet) await reportEnd(io, lettersDir, written, input);
    return errors.length > 0 ? exitCodes.failed : exitCodes.ok;
  },
};
