import { once } from "node:events";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { decodeText, isInputError, jsonSyntaxDetail, parseJson } from "../node.js";

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
    return parseJson(text);
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
  // decodeText's refusal: its sentence, not the error's code and subject.
  if (isInputError(error)) return error.issues.map((i) => i.message).join("; ");
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== undefined && !error.message.startsWith(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/**
 * Creates a folder and its parents. Not `mkdir(…, { recursive: true })`: Node's loops for
 * ever on a folder it cannot create under one that exists (`--letters /proc/letters`).
 *
 * @param path - an absolute path
 * @throws the error of the first folder that cannot be created (ENOENT, EACCES, EEXIST for a file)
 */
export async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && (await stat(path)).isDirectory()) return;
    if (code !== "ENOENT" || dirname(path) === path) throw error;
    await makeFolder(dirname(path));
    // Made meanwhile (two letters' folders at once) is made.
    await mkdir(path).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== "EEXIST") throw again;
    });
  }
}

/** Writes a command's document to `--out <file>` (creating its folder) or to stdout. */
export async function output(io: Io, text: string, out: string | undefined): Promise<void> {
  if (out === undefined || out === "-") {
    await write(io.stdout, text);
    return;
  }
  const target = pathFrom(io, out);
  try {
    await makeFolder(dirname(target));
    await writeFile(target, text);
  } catch (error) {
    throw new CliError(`cannot write ${out}: ${reason(error)}`);
  }
  await write(io.stderr, `wrote ${out}\n`);
}
