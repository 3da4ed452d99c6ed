/**
 * The option values of a parsed command line, read by name and checked (`OptionValues`): a bad
 * value is a `CliError` (exit 2) naming the option and what it takes.
 */
import type { EngineName } from "../node.js";
import { CliError } from "./io.js";
import { type RecordFormat, recordFormats } from "./records.js";

/** The option values of a parsed command line. */
export type Values = Record<string, string | boolean | undefined>;

/** A string option's value. */
function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** A boolean option's value. */
function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

/** Checks a choice option against its allowed values. */
function choice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(
      `--${name} must be one of ${allowed.join(", ")}, not ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

/** Checks a whole-number option. */
function integerOption(
  name: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n) || n < min || n > max) {
    throw new CliError(
      `--${name} must be a number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ""}, not ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** Checks a `YYYY-MM-DD` date option. */
function dateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ok =
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!ok)
    throw new CliError(
      `--${name} must be a date that exists, written YYYY-MM-DD, not ${JSON.stringify(value)}`,
    );
  return value;
}

/** The engine option, checked. */
function engineOption(value: string | undefined): EngineName | undefined {
  if (value === undefined) return undefined;
  if (value !== "compiled" && value !== "json-rules-engine") {
    throw new CliError(
      `--engine must be compiled or json-rules-engine, not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The `--input-format` option: how to read a batch, or undefined to go by name and content. */
function recordFormatOption(values: Values): RecordFormat | undefined {
  const value = text(values, "input-format");
  return value === undefined ? undefined : choice("input-format", value, recordFormats, "jsonl");
}

/**
 * A command's option values, as `parseArgs` gave them, each read by its long name and checked:
 * what a command's `run` receives.
 */
export class OptionValues {
  readonly #values: Values;

  constructor(values: Values) {
    this.#values = values;
  }

  /** A string option's value. */
  text(name: string): string | undefined {
    return text(this.#values, name);
  }

  /** A boolean option's value. */
  flag(name: string): boolean {
    return flag(this.#values, name);
  }

  /** A choice option, checked against its allowed values; `fallback` when not given. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    return choice(name, this.text(name), allowed, fallback);
  }

  /** A number option from `min` to `max`, checked. */
  integer(name: string, min: number, max?: number): number | undefined {
    return integerOption(name, this.text(name), min, max);
  }

  /** A `YYYY-MM-DD` date option, checked. */
  date(name: string): string | undefined {
    return dateOption(name, this.text(name));
  }

  /** `--engine`, checked. */
  engine(): EngineName | undefined {
    return engineOption(this.text("engine"));
  }

  /** `--input-format`: how to read a batch, or undefined to go by name and content. */
  recordFormat(): RecordFormat | undefined {
    return recordFormatOption(this.#values);
  }
}
