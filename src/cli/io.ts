import { once } from "node:events";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import {
  createGuard,
  decodeText,
  defaultRuleset,
  type EngineName,
  type Guard,
  isGuardError,
  isInputError,
  isRulesetError,
  jsonSyntaxDetail,
  loadRuleset,
  type PracticePolicy,
  type PracticePolicyInput,
  parsePractice,
  type Ruleset,
  type RulesetIssue,
} from "../node.js";

/** Where a command reads and writes: the process's streams, or test doubles. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  /** The directory relative paths are read from. */
  cwd: string;
}

/** Exit codes: 0 all done, 1 some records or checks failed, 2 usage or configuration error. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * An error a command reports to the user and exits with: a message naming the file and path,
 * and the exit code (2 for usage and configuration errors).
 */
export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;
  constructor(message: string, exitCode: number = exitCodes.usage) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Writes text, waiting when the stream's buffer is full, so memory stays flat on large outputs. */
export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/**
 * Output gathered into chunks of about 64 KiB before it is written: one write per record
 * costs more than evaluating the record. `flush` before exiting or reporting an error.
 */
export class BufferedOutput {
  #pending: string[] = [];
  #size = 0;
  readonly #stream: NodeJS.WritableStream;
  readonly #limit: number;

  constructor(stream: NodeJS.WritableStream, limit = 1 << 16) {
    this.#stream = stream;
    this.#limit = limit;
  }

  /** Adds text; writes the gathered chunk once it reaches the limit. */
  async write(text: string): Promise<void> {
    this.#pending.push(text);
    this.#size += text.length;
    if (this.#size >= this.#limit) await this.flush();
  }

  /** Writes whatever is gathered. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const chunk = this.#pending.join("");
    this.#pending = [];
    this.#size = 0;
    await write(this.#stream, chunk);
  }
}

/** A path as the user gave it, resolved against the working directory. */
export function pathFrom(io: Io, path: string): string {
  return resolve(io.cwd, path);
}

/** Reads a file the user named, or fails with exit 2 naming it. */
export async function readUserFile(io: Io, path: string, what: string): Promise<string> {
  try {
    return decodeText(await readFile(pathFrom(io, path)));
  } catch (error) {
    throw new CliError(`cannot read the ${what} ${path}: ${reason(error)}`);
  }
}

/** Reads a JSON file the user named, or fails with exit 2 naming it and the syntax error. */
export async function readJsonFile(io: Io, path: string, what: string): Promise<unknown> {
  const text = await readUserFile(io, path, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path}: the ${what} is not valid JSON: ${jsonSyntaxDetail(error, text)}`);
  }
}

/** Checks that an input file exists and is a file, so a missing batch is exit 2 before any output. */
export async function checkInputFile(
  io: Io,
  path: string,
  what: string,
): Promise<number | undefined> {
  if (path === "-") return undefined;
  try {
    const info = await stat(pathFrom(io, path));
    if (!info.isFile()) throw new CliError(`the ${what} ${path} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read the ${what} ${path}: ${reason(error)}`);
  }
}

/** The message of an error, without a stack; file system errors keep their code. */
export function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== undefined && !error.message.startsWith(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/**
 * Loads and validates the practice policy file, or fails with exit 2 naming the file and every bad field.
 */
export async function loadPractice(
  io: Io,
  path: string | undefined,
  command: string,
): Promise<PracticePolicy> {
  if (path === undefined) {
    throw new CliError(
      `${command} needs --practice <file>: the practice's policy (JSON); see gp-task-guard ${command} --help`,
    );
  }
  const value = await readJsonFile(io, path, "practice file");
  try {
    return parsePractice(value);
  } catch (error) {
    if (isInputError(error)) {
      throw new CliError(
        [
          `${path}: the practice policy is not valid:`,
          ...error.issues.map((i) => `  ${path} ${i.path || "(root)"}: ${i.message}`),
        ].join("\n"),
      );
    }
    throw error;
  }
}

/** Formats ruleset issues as `folder/file path: message [code]`, one per line. */
export function formatRulesetIssues(dir: string, issues: readonly RulesetIssue[]): string[] {
  // Issue files are relative to the ruleset's folder: the folder given, or a ruleset file's folder.
  const folder = /\.json$/i.test(dir) ? dirname(dir) : dir;
  return issues.map((i) => {
    const file = i.file === dir || isAbsolute(i.file) ? i.file : join(folder, i.file);
    return `${file}${i.path ? ` ${i.path}` : ""}: ${i.message} [${i.code}]`;
  });
}

/** Formats a `RulesetError` (or anything thrown while loading rules) as lines naming file and path. */
export function rulesetIssueLines(dir: string, error: unknown): string[] {
  if (!isRulesetError(error)) return [`${dir}: ${reason(error)}`];
  return formatRulesetIssues(dir, error.issues);
}

/**
 * Loads a ruleset folder, or the bundled default when `dir` is undefined; fails with exit 2
 * naming each file and JSON path at fault.
 */
export async function loadRules(io: Io, dir: string | undefined): Promise<Ruleset> {
  if (dir === undefined) return defaultRuleset();
  try {
    return await loadRuleset(pathFrom(io, dir));
  } catch (error) {
    if (isRulesetError(error)) {
      throw new CliError(
        [
          `${dir}: the ruleset is not valid:`,
          ...rulesetIssueLines(dir, error).map((l) => `  ${l}`),
        ].join("\n"),
      );
    }
    throw error;
  }
}

/** The engine option, checked. */
export function engineOption(value: string | undefined): EngineName | undefined {
  if (value === undefined) return undefined;
  if (value !== "compiled" && value !== "json-rules-engine") {
    throw new CliError(
      `--engine must be compiled or json-rules-engine, not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Makes a guard, turning a ruleset that fails to compile into exit 2. */
export function makeGuard(
  practice: unknown,
  ruleset: Ruleset,
  options: { engine?: EngineName; letterDate?: string; rulesDir?: string },
): Guard {
  try {
    return createGuard({
      practice: practice as PracticePolicyInput,
      ruleset,
      ...(options.engine !== undefined && { engine: options.engine }),
      ...(options.letterDate !== undefined && { letterDate: options.letterDate }),
    });
  } catch (error) {
    if (isRulesetError(error)) {
      throw new CliError(rulesetIssueLines(options.rulesDir ?? "ruleset", error).join("\n"));
    }
    if (isGuardError(error)) throw new CliError(error.message);
    throw error;
  }
}

/** Prints the guard's warnings about the practice policy to stderr. */
export async function printWarnings(io: Io, guard: Guard, practicePath: string): Promise<void> {
  for (const w of guard.warnings)
    await write(io.stderr, `warning: ${practicePath} ${w.path}: ${w.message}\n`);
}

/** Checks a choice option against its allowed values. */
export function choice<T extends string>(
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
export function integerOption(
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
export function dateOption(name: string, value: string | undefined): string | undefined {
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

/** Writes a command's document to `--out <file>` (creating its folder) or to stdout. */
export async function output(io: Io, text: string, out: string | undefined): Promise<void> {
  if (out === undefined || out === "-") {
    await write(io.stdout, text);
    return;
  }
  const target = pathFrom(io, out);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  } catch (error) {
    throw new CliError(`cannot write ${out}: ${reason(error)}`);
  }
  await write(io.stderr, `wrote ${out}\n`);
}
