/**
 * The steps every batch command takes, in order: load the practice and ruleset into a guard,
 * open the batch (checked before any output), stream its records, write the results. A
 * command's `run` reads as these steps with its own work between them.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EngineName, Guard, Letter, PracticePolicy, Ruleset } from "../node.js";
import { openBatch, type ReadProgress } from "./batch.js";
import { FileNames } from "./file-names.js";
import { CliError, checkInputFile, type Io, makeFolder, pathFrom, reason } from "./io.js";
import { loadPractice, loadRules, makeGuard, printWarnings } from "./load.js";
import type { OptionValues } from "./options.js";
import { Progress } from "./progress.js";
import type { BatchRecord, RecordFormat } from "./records.js";

/** What a batch command evaluates with: the practice, the ruleset, and a guard over both. */
export interface Setup {
  practice: PracticePolicy;
  ruleset: Ruleset;
  guard: Guard;
}

/**
 * Step 1, load: the practice (`--practice`, required), the ruleset (`--rules`, else the
 * bundled one) and a guard over them; the guard's warnings go to stderr unless `quiet`.
 *
 * @throws {CliError} exit 2 naming the file and field at fault
 */
export async function loadSetup(
  io: Io,
  values: OptionValues,
  command: string,
  options: { engine?: EngineName | undefined; letterDate?: string | undefined; quiet: boolean },
): Promise<Setup> {
  const practicePath = values.text("practice");
  const practice = await loadPractice(io, practicePath, command);
  const rulesDir = values.text("rules");
  const ruleset = await loadRules(io, rulesDir);
  const guard = makeGuard(practice, ruleset, {
    ...(options.engine !== undefined && { engine: options.engine }),
    ...(options.letterDate !== undefined && { letterDate: options.letterDate }),
    ...(rulesDir !== undefined && { rulesDir }),
  });
  if (!options.quiet) await printWarnings(io, guard, practicePath ?? "");
  return { practice, ruleset, guard };
}

/** How a batch is read: what to call it in errors, its format, and whether to show progress. */
export interface BatchSource {
  /** e.g. "batch file", "corpus": named when it cannot be read. */
  what: string;
  /** The record format, or undefined to go by name and content. */
  format?: RecordFormat | undefined;
  /** No progress bar. */
  quiet?: boolean | undefined;
}

/** What to do when streaming stops on an error. */
export interface StreamOptions {
  /** Let a `CliError` (a usage error of the input, or one the handler raised) through as it is. */
  keepCliErrors?: boolean;
  /** Runs before the error is reported, e.g. to flush the output so far. */
  onError?: () => Promise<void>;
}

/**
 * Steps 2 and 3, open and stream: a batch file (or stdin for `-`), checked when opened so that
 * a missing file is exit 2 before any output, then read record by record with a progress bar.
 */
export class Batch {
  readonly #io: Io;
  readonly #file: string;
  readonly #format: RecordFormat | undefined;
  readonly #read: ReadProgress;
  readonly #progress: Progress;
  #records = 0;

  private constructor(io: Io, file: string, source: BatchSource, size: number | undefined) {
    this.#io = io;
    this.#file = file;
    this.#format = source.format;
    this.#read = { bytes: 0, ...(size !== undefined && { total: size }) };
    this.#progress = new Progress(io, this.#read, { quiet: source.quiet === true });
  }

  /**
   * Checks that the file exists and is a file.
   *
   * @throws {CliError} exit 2 naming the file
   */
  static async open(io: Io, file: string, source: BatchSource): Promise<Batch> {
    return new Batch(io, file, source, await checkInputFile(io, file, source.what));
  }

  /**
   * Hands each record (a value, or the error that made it unreadable) to `handle`, in order.
   *
   * @returns how many records were read
   * @throws {CliError} exit 2 when reading fails: "reading <file> failed after N records"
   */
  async stream(
    handle: (record: BatchRecord) => Promise<void>,
    options: StreamOptions = {},
  ): Promise<number> {
    try {
      for await (const record of openBatch(this.#io, this.#file, this.#format, this.#read)) {
        this.#records++;
        this.#progress.tick(this.#records);
        await handle(record);
      }
    } catch (error) {
      await options.onError?.();
      this.#progress.done();
      if (options.keepCliErrors === true && error instanceof CliError) throw error;
      const count = this.#records;
      throw new CliError(`reading ${this.#file} failed after ${count} records: ${reason(error)}`);
    }
    this.#progress.done();
    return this.#records;
  }
}

/** The formats a letter is written in. */
export const letterFormats = ["text", "html"] as const;

/**
 * Step 4, write, for letters: one file per letter in a folder, named from an id without
 * collisions (`.txt` or `.html`). Errors are the file system's: the caller names them.
 */
export class LetterFiles {
  readonly #io: Io;
  readonly #names = new FileNames();
  readonly #format: (typeof letterFormats)[number];
  /** The folder, as the user gave it. */
  readonly dir: string;

  constructor(io: Io, dir: string, format: (typeof letterFormats)[number]) {
    this.#io = io;
    this.dir = dir;
    this.#format = format;
  }

  /** Creates a folder (the letters folder, or one under it), with its parents. */
  async makeFolder(sub?: string): Promise<void> {
    const folder = sub === undefined ? this.dir : join(this.dir, sub);
    await makeFolder(pathFrom(this.#io, folder));
  }

  /** The next free path (as the user would write it) for a letter about `id`. */
  pathFor(id: string, sub?: string): string {
    const name = this.#names.next(id, this.#format === "html" ? ".html" : ".txt");
    return sub === undefined ? join(this.dir, name) : join(this.dir, sub, name);
  }

  /** Writes the letter, in the folder's format, to a path from {@link pathFor}. */
  async write(path: string, letter: Letter): Promise<void> {
    await writeFile(pathFrom(this.#io, path), this.#format === "html" ? letter.html : letter.text);
  }
}
