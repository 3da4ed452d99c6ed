import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError, type Io } from "./io.js";
import type { OptionValues, Values } from "./options.js";

/** One option of a command: how `parseArgs` reads it, and how `--help` describes it. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** The value's name in the help, e.g. `<file>`. */
  value?: string;
  /** What it does, for `--help`; each further line is indented under the first. */
  help: string;
}

/** A command's options by long name: the one table its parsing and its help are made from. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** One CLI command: its name, what `--help` says, its option table, and what it does. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The usage line after `gp-task-guard `, e.g. `evaluate <file|-> --practice <file> [options]`. */
  usage: string;
  /** The help's paragraphs between the usage line and the options. */
  about: string;
  options: OptionTable;
  /** The help's paragraphs after the options: exit status, examples. */
  notes: string;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  run(positionals: string[], values: OptionValues, io: Io): Promise<number>;
}

const helpOption: OptionSpec = { type: "boolean", short: "h", help: "this help" };

/** Flags longer than this get their description on the next line. */
const widestFlag = 24;

/** The options section of a help text, from the option table, `-h, --help` last. */
export function optionLines(options: OptionTable): string {
  const rows = Object.entries({ ...options, help: helpOption }).map(([name, option]) => ({
    flag: `${option.short ? `-${option.short}, ` : "    "}--${name}${option.value ? ` ${option.value}` : ""}`,
    help: option.help.split("\n"),
  }));
  const width = Math.max(...rows.map((r) => r.flag.length).filter((n) => n <= widestFlag)) + 2;
  const indent = " ".repeat(2 + width);
  return rows
    .flatMap(({ flag, help: [first = "", ...rest] }) => [
      flag.length <= widestFlag
        ? `  ${flag.padEnd(width)}${first}`
        : `  ${flag}\n${indent}${first}`,
      ...rest.map((line) => `${indent}${line}`),
    ])
    .join("\n");
}

/**
 * A command's `--help` text: the usage line, what it does, the options generated from its
 * option table, then its notes.
 */
export function helpText(command: Command): string {
  return [
    `Usage: gp-task-guard ${command.usage}`,
    command.about,
    `Options:\n${optionLines(command.options)}`,
    command.notes,
  ]
    .filter((part) => part !== "")
    .join("\n\n");
}

/** The `parseArgs` configuration of an option table. */
function parseConfig(options: OptionTable): NonNullable<ParseArgsConfig["options"]> {
  return Object.fromEntries(
    Object.entries({ ...options, help: helpOption }).map(([name, { type, short }]) => [
      name,
      short === undefined ? { type } : { type, short },
    ]),
  );
}

/**
 * Parses a command's arguments with `node:util` parseArgs; unknown options and missing values
 * are usage errors (exit 2) that point to the command's help.
 */
export function parseCommand(
  command: Command,
  args: string[],
): { positionals: string[]; values: Values; help: boolean } {
  let parsed: { positionals: string[]; values: Values };
  try {
    parsed = parseArgs({
      args,
      options: parseConfig(command.options),
      allowPositionals: true,
      strict: true,
    }) as { positionals: string[]; values: Values };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${message}\nSee gp-task-guard ${command.name} --help`);
  }
  const help = parsed.values.help === true;
  if (!help) {
    const n = parsed.positionals.length;
    if (n < command.positionals.min || n > command.positionals.max) {
      const { min, max } = command.positionals;
      const want =
        max === Number.POSITIVE_INFINITY
          ? `at least ${min} argument${min === 1 ? "" : "s"}`
          : `${min === max ? `${min}` : `${min} to ${max}`} argument${max === 1 ? "" : "s"}`;
      throw new CliError(
        `${command.name} takes ${want}, not ${n}\nSee gp-task-guard ${command.name} --help`,
      );
    }
  }
  return { ...parsed, help };
}

/** The options most commands share. */
export const common = {
  practice: {
    type: "string",
    short: "p",
    value: "<file>",
    help: "the practice's policy (JSON, see: gp-task-guard schema practice)",
  },
  rules: {
    type: "string",
    short: "r",
    value: "<rules>",
    help: "a ruleset folder or overlay file (default: the bundled rules)",
  },
  engine: {
    type: "string",
    value: "<name>",
    help: "compiled (default) or json-rules-engine (the reference)",
  },
  "input-format": {
    type: "string",
    value: "<f>",
    help: "json, jsonl or csv (default: .csv and .jsonl by name, else sniffed)",
  },
} as const satisfies OptionTable;
