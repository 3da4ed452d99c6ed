import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError, choice, type Io } from "./io.js";
import { type RecordFormat, recordFormats } from "./records.js";

/** The option values of a parsed command line. */
export type Values = Record<string, string | boolean | undefined>;

/** One CLI command: its name, help text, options, and what it does. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  run(positionals: string[], values: Values, io: Io): Promise<number>;
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
      options: { ...command.options, help: { type: "boolean", short: "h" } },
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

/** A string option's value. */
export function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** A boolean option's value. */
export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

/** The `--input-format` option: how to read a batch, or undefined to go by name and content. */
export function recordFormatOption(values: Values): RecordFormat | undefined {
  const value = text(values, "input-format");
  return value === undefined ? undefined : choice("input-format", value, recordFormats, "jsonl");
}

/** The options most commands share. */
export const common = {
  practice: { type: "string", short: "p" },
  rules: { type: "string", short: "r" },
  engine: { type: "string" },
  "input-format": { type: "string" },
} as const;

export const commonHelp = `  -p, --practice <file>    the practice's policy (JSON, see: gp-task-guard schema practice)
  -r, --rules <rules>      a ruleset folder or overlay file (default: the bundled rules)
      --engine <name>      compiled (default) or json-rules-engine (the reference)
      --input-format <f>   json, jsonl or csv (default: .csv and .jsonl by name, else sniffed)`;
