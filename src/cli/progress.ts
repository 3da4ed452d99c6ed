import type { ReadProgress } from "./batch.js";
import type { Io } from "./io.js";

/**
 * A progress bar on stderr, for long batches: shown only when stderr is a terminal and stdout
 * is not (the output goes to a file or a pipe), only once the batch has run for a second, and
 * redrawn at most ten times a second. Silent otherwise.
 */
export class Progress {
  readonly #io: Io;
  readonly #read: ReadProgress;
  readonly #enabled: boolean;
  readonly #started = Date.now();
  #last = 0;
  #shown = false;

  constructor(io: Io, read: ReadProgress, options: { quiet?: boolean } = {}) {
    this.#io = io;
    this.#read = read;
    this.#enabled = options.quiet !== true && io.stderr.isTTY === true && io.stdout.isTTY !== true;
  }

  /** Notes that `records` records have been answered; redraws when due. */
  tick(records: number): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (now - this.#started < 1000 || now - this.#last < 100) return;
    this.#last = now;
    this.#shown = true;
    const { bytes, total } = this.#read;
    const width = Math.max(10, Math.min(40, (this.#io.stderr.columns ?? 80) - 40));
    let line: string;
    if (total !== undefined && total > 0) {
      const share = Math.min(1, bytes / total);
      const filled = Math.round(share * width);
      line = `evaluating ${"█".repeat(filled)}${"░".repeat(width - filled)} ${(share * 100).toFixed(0).padStart(3)}% ${records.toLocaleString("en-GB")} records`;
    } else {
      line = `evaluating… ${records.toLocaleString("en-GB")} records`;
    }
    this.#io.stderr.write(`\r${line}\u001b[K`);
  }

  /** Clears the bar. */
  done(): void {
    if (this.#shown) this.#io.stderr.write("\r\u001b[K");
  }
}
