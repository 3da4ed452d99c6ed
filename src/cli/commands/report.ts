import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type ReportRecordError,
  recordError,
  renderReportCsv,
  renderReportJson,
  renderReportText,
  reportFormats,
  reportTables,
} from "../../analysis/report.js";
import { renderReportHtml } from "../../analysis/report-html.js";
import { Summariser } from "../../analysis/summarise.js";
import { londonToday } from "../../letters/dates.js";
import { parseTask, renderLetter } from "../../node.js";
import { batchEvaluator, openBatch, type ReadProgress } from "../batch.js";
import { type Command, common, commonHelp, flag, recordFormatOption, text } from "../command.js";
import { FileNames } from "../file-names.js";
import {
  CliError,
  checkInputFile,
  choice,
  dateOption,
  engineOption,
  exitCodes,
  integerOption,
  loadPractice,
  loadRules,
  makeGuard,
  output,
  pathFrom,
  printWarnings,
  reason,
  write,
} from "../io.js";
import { Progress } from "../progress.js";

export const reportCommand: Command = {
  name: "report",
  summary: "evaluate a corpus and report totals and escalation by organisation and team",
  help: `Usage: gp-task-guard report <corpus|-> --practice <file> [options]

Evaluates a corpus of past tasks and reports: outcomes; totals by sending organisation and
team, by rule, by NHS Standard Contract clause, by category and by month (Europe/London);
and where each team stands on the guidance's escalation route: remind the team, then its
service lead, then the ICB primary care team or the LMC. The window and thresholds are the
ruleset's parameters escalationWindowDays, escalationServiceLeadAt and escalationIcbAt.
The report holds counts only: no NHS number, patient detail or task text.

Options:
${commonHelp}
  -f, --format <f>          text (default), json, csv or html (one self-contained file with
                            charts, for a committee paper; no network needed to open it)
      --table <t>           for csv: teams (default), organisations, rules, clauses,
                            categories, months or escalation
  -o, --out <file>          write to a file instead of stdout
      --as-of <date>        the last day of the escalation window, YYYY-MM-DD (default: the
                            latest sending date in the corpus)
      --window <days>       escalation window in days (default: the ruleset's)
      --service-lead-at <n> non-compliant tasks in the window from which to contact the
                            service lead (default: the ruleset's)
      --icb-at <n>          ... from which to tell the ICB or the LMC (default: the ruleset's)
      --date <date>         the date printed as "generated" and on letters (default: today)
      --escalation-letters <dir>
                            write an escalation letter for each team at the service-lead
                            step or beyond, to <dir>/<organisation>_<team>.txt (or .html)
      --letter-format <f>   text (default) or html
  -q, --quiet               no progress bar
  -h, --help                this help

Exit status: 0 every record was evaluated; 1 some records were bad (they are listed in the
report by line, without their values); 2 usage or configuration error.

Examples:
  gp-task-guard report examples/corpus.jsonl -p examples/practice.json
  gp-task-guard report examples/corpus.jsonl -p examples/practice.json -f html -o report.html
  gp-task-guard report corpus.jsonl -p practice.json -f csv --table escalation > escalation.csv`,
  options: {
    ...common,
    format: { type: "string", short: "f" },
    table: { type: "string" },
    out: { type: "string", short: "o" },
    "as-of": { type: "string" },
    window: { type: "string" },
    "service-lead-at": { type: "string" },
    "icb-at": { type: "string" },
    date: { type: "string" },
    "escalation-letters": { type: "string" },
    "letter-format": { type: "string" },
    quiet: { type: "boolean", short: "q" },
  },
  positionals: { min: 1, max: 1 },

  async run([file = "-"], values, io) {
    const format = choice("format", text(values, "format"), reportFormats, "text");
    const table = choice("table", text(values, "table"), reportTables, "teams");
    const recordFormat = recordFormatOption(values);
    const engine = engineOption(text(values, "engine"));
    const asOf = dateOption("as-of", text(values, "as-of"));
    const generatedOn = dateOption("date", text(values, "date")) ?? londonToday();
    const window = integerOption("window", text(values, "window"), 1, 3660);
    const serviceLeadAt = integerOption("service-lead-at", text(values, "service-lead-at"), 1);
    const icbAt = integerOption("icb-at", text(values, "icb-at"), 1);
    const quiet = flag(values, "quiet");
    const letterFormat = choice(
      "letter-format",
      text(values, "letter-format"),
      ["text", "html"] as const,
      "text",
    );
    const practicePath = text(values, "practice");
    const practice = await loadPractice(io, practicePath, "report");
    const rulesDir = text(values, "rules");
    const ruleset = await loadRules(io, rulesDir);
    const guard = makeGuard(practice, ruleset, {
      ...(engine !== undefined && { engine }),
      ...(rulesDir !== undefined && { rulesDir }),
    });
    if (!quiet) await printWarnings(io, guard, practicePath ?? "");
    let summariser: Summariser;
    try {
      summariser = new Summariser({
        ruleset,
        ...(asOf !== undefined && { asOf }),
        ...(window !== undefined && { escalationWindowDays: window }),
        ...(serviceLeadAt !== undefined && { escalationServiceLeadAt: serviceLeadAt }),
        ...(icbAt !== undefined && { escalationIcbAt: icbAt }),
      });
    } catch (error) {
      throw new CliError(`the escalation settings are not valid: ${reason(error)}`);
    }
    const size = await checkInputFile(io, file, "corpus");
    const read: ReadProgress = { bytes: 0, ...(size !== undefined && { total: size }) };
    const progress = new Progress(io, read, { quiet });
    const evaluate = batchEvaluator(guard);
    const errors: ReportRecordError[] = [];
    let records = 0;
    try {
      for await (const record of openBatch(io, file, recordFormat, read)) {
        records++;
        progress.tick(records);
        if ("error" in record) {
          errors.push(recordError(record.line, record.error.code, record.error.issues));
          continue;
        }
        const result = await evaluate(record.value);
        if ("error" in result) {
          const issues =
            "issues" in result.error
              ? (result.error.issues as { path: string; code: string; message: string }[])
              : [];
          errors.push(recordError(record.line, result.error.code, issues));
          continue;
        }
        // The task parsed for the verdict, so it parses again: the sender with defaults applied.
        summariser.add({ verdict: result.verdict, task: parseTask(record.value) });
      }
    } catch (error) {
      progress.done();
      throw new CliError(`reading ${file} failed after ${records} records: ${reason(error)}`);
    }
    progress.done();
    const input = {
      summary: summariser.result(),
      practice,
      records: { read: records, errors },
      generatedOn,
    };
    const document =
      format === "json"
        ? renderReportJson(input)
        : format === "csv"
          ? renderReportCsv(input, table)
          : format === "html"
            ? renderReportHtml(input)
            : renderReportText(input);
    await output(io, document, text(values, "out"));
    const lettersDir = text(values, "escalation-letters");
    if (lettersDir !== undefined) {
      const names = new FileNames();
      let written = 0;
      try {
        await mkdir(pathFrom(io, lettersDir), { recursive: true });
        for (const t of input.summary.escalation?.teams ?? []) {
          if (t.level !== "service-lead" && t.level !== "icb-or-lmc") continue;
          const letter = renderLetter("escalation", {
            practice,
            ruleset,
            date: generatedOn,
            team: t.team,
            tasks: {
              count: t.count,
              // One date per task, so that the letter's weeks count tasks, not days.
              dates: t.perDate.flatMap((d) => Array.from({ length: d.count }, () => d.date)),
              reasons: t.reasons.map((r) => ({ ruleId: r.ruleId, title: r.title, count: r.count })),
            },
          });
          const name = names.next(
            `${t.team.organisation}_${t.team.team ?? t.team.unit}`,
            letterFormat === "html" ? ".html" : ".txt",
          );
          await writeFile(
            join(pathFrom(io, lettersDir), name),
            letterFormat === "html" ? letter.html : letter.text,
          );
          written++;
        }
      } catch (error) {
        throw new CliError(
          `cannot write the escalation letters to ${lettersDir}: ${reason(error)}`,
        );
      }
      if (!quiet)
        await write(io.stderr, `${written} escalation letters written to ${lettersDir}\n`);
    }
    if (errors.length > 0 && !quiet) {
      await write(
        io.stderr,
        `${errors.length} of ${records} records could not be evaluated (listed in the report by line)\n`,
      );
    }
    return errors.length > 0 ? exitCodes.failed : exitCodes.ok;
  },
};
