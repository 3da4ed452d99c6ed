import {
  isInputError,
  isTemplateError,
  type Letter,
  type LetterContext,
  type LetterKind,
  letterKinds,
  type PracticePolicy,
  type Ruleset,
  renderLetter,
  type TaskInputRaw,
} from "../../node.js";
import { type Command, common } from "../command.js";
import { CliError, exitCodes, type Io, output, pathFrom, readJsonFile, write } from "../io.js";
import { loadPractice, loadRules, makeGuard } from "../load.js";
import type { OptionValues } from "../options.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function letterKind(name: string): LetterKind {
  if (!(letterKinds as readonly string[]).includes(name)) {
    throw new CliError(
      `unknown letter ${JSON.stringify(name)}: use one of ${letterKinds.join(", ")}`,
    );
  }
  return name as LetterKind;
}

/** The `--context` file's fields, an object. */
async function contextFile(io: Io, path: string | undefined): Promise<Record<string, unknown>> {
  const extra = path === undefined ? {} : await readJsonFile(io, path, "context file");
  if (!isRecord(extra)) throw new CliError(`${path}: the context must be a JSON object`);
  return extra;
}

/** The `--task` file evaluated: the task and its findings, for a rejection or reminder. */
async function taskContext(
  io: Io,
  taskPath: string,
  setup: { practice: PracticePolicy; ruleset: Ruleset; rulesDir: string | undefined },
): Promise<Record<string, unknown>> {
  const task = await readJsonFile(io, taskPath, "task file");
  const { practice, ruleset, rulesDir } = setup;
  const guard = makeGuard(practice, ruleset, rulesDir === undefined ? {} : { rulesDir });
  try {
    const verdict = await guard.evaluate(task as TaskInputRaw);
    return { task, findings: verdict.findings };
  } catch (error) {
    if (isInputError(error)) {
      throw new CliError(
        [
          `${taskPath}: the task is not valid:`,
          ...error.issues.map((i) => `  ${taskPath} ${i.path}: ${i.message}`),
        ].join("\n"),
      );
    }
    throw error;
  }
}

/** Renders the letter; a missing or bad context field is exit 2 saying which option gives it. */
function render(
  kind: LetterKind,
  context: LetterContext,
  io: Io,
  templates: string | undefined,
): Letter {
  try {
    return renderLetter(
      kind,
      context,
      templates === undefined ? {} : { templates: pathFrom(io, templates) },
    );
  } catch (error) {
    if (isTemplateError(error)) {
      const hint =
        error.path === "task" || error.path === "findings"
          ? " (give --task <file>)"
          : ["provider", "team", "tasks"].some((f) => error.path.startsWith(f))
            ? " (give it in --context <file>)"
            : "";
      throw new CliError(`${kind}: ${error.message}${hint}`);
    }
    if (isInputError(error)) {
      throw new CliError(
        [
          `${kind}: the letter's context is not valid:`,
          ...error.issues.map((i) => `  ${i.path}: ${i.message}`),
        ].join("\n"),
      );
    }
    throw error;
  }
}

export const letterCommand: Command = {
  name: "letter",
  summary:
    "render any letter (rejection, reminder, opt-out notice, agreement, guidance, escalation)",
  usage: "letter <kind> --practice <file> [options]",
  about: `Renders one of the letters of the guidance for the practice, to stdout or a file:
  rejection, reminder    for a task: --task <file> (it is evaluated, and its findings go in)
  opt-out-notice         to providers, before the practice stops accepting tasks (policy decline)
  provider-agreement     to a provider's senior manager: --context with {"provider": {"name",
                         "odsCode"?, "manager"?: {"name", "role"?}, "contact": {"name", ...}}}
  practice-guidance      the practice's "Guidance for the use of Tasks in SystmOne"
  escalation             to a service lead: --context with {"team": {"organisation", "team"?},
                         "lead"?: {"name"}, "tasks": {"count", "dates": [...], "reasons"?}}
                         (gp-task-guard report -f json gives team and tasks per team)`,
  options: {
    practice: common.practice,
    rules: common.rules,
    task: {
      type: "string",
      value: "<file>",
      help: "the task, for rejection and reminder (and optionally opt-out-notice)",
    },
    context: {
      type: "string",
      value: "<file>",
      help: "more context fields (JSON object), see above",
    },
    templates: {
      type: "string",
      value: "<dir>",
      help: "templates overriding the bundled ones by file name",
    },
    date: {
      type: "string",
      value: "<date>",
      help: "the letter's date, YYYY-MM-DD (default: today, London)",
    },
    format: {
      type: "string",
      short: "f",
      value: "<f>",
      help: "text (default) or html (a complete document that prints on A4)",
    },
    out: { type: "string", short: "o", value: "<file>", help: "write to a file instead of stdout" },
  },
  notes: `Exit status: 0 written; 2 usage error, or a field the letter needs is missing (named).

Examples:
  gp-task-guard letter opt-out-notice -p examples/practice.json --date 2026-10-01
  gp-task-guard letter rejection -p examples/practice.json --task task.json -f html -o letter.html`,
  positionals: { min: 1, max: 1 },

  async run([kindName = ""], values: OptionValues, io) {
    const kind = letterKind(kindName);
    const format = values.choice("format", ["text", "html"] as const, "text");
    const date = values.date("date");
    const practice = await loadPractice(io, values.text("practice"), "letter");
    const rulesDir = values.text("rules");
    const ruleset = await loadRules(io, rulesDir);
    const extra = await contextFile(io, values.text("context"));
    const taskPath = values.text("task");
    const context = {
      ...extra,
      practice,
      ruleset,
      ...(date !== undefined && { date }),
      ...(taskPath !== undefined &&
        (await taskContext(io, taskPath, { practice, ruleset, rulesDir }))),
    };
    const letter = render(kind, context as LetterContext, io, values.text("templates"));
    await output(io, format === "html" ? letter.html : letter.text, values.text("out"));
    // A held letter waits for a person to read the task: say so beside the letter, not in it.
    if (letter.held) await write(io.stderr, `Held: ${letter.held.reason}\n`);
    return exitCodes.ok;
  },
};
