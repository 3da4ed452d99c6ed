/**
 * `evaluate` on several cores: the main thread reads the batch and writes the output in input
 * order; worker threads (the same bin file, started with a setup in `workerData`) parse,
 * evaluate and serialise chunks of records. Each worker makes its own guard from the same
 * practice policy and rules, so the output is byte for byte the output of one thread.
 */
import { Worker } from "node:worker_threads";
import {
  createGuard,
  defaultRuleset,
  type EngineName,
  loadRuleset,
  type Outcome,
} from "../index.js";
import { batchEvaluator } from "./batch.js";
import { errorOutput, type RecordErrorJson, resultOutput } from "./record-json.js";
import { parseJsonlRecord } from "./records.js";

/** Marks `workerData` as an evaluate worker's setup. */
export const workerKind = "gp-task-guard/evaluate-worker";

/** What a worker needs to build the same guard as the main thread. */
export interface WorkerSetup {
  kind: typeof workerKind;
  /** The practice policy, as the main thread read and checked it. */
  practice: unknown;
  /** An absolute ruleset folder; absent for the bundled rules. */
  rulesDir?: string;
  engine?: EngineName;
  letterDate?: string;
  /** What goes between two records' lines: `\n` for jsonl, `,\n` for json. */
  separator: string;
}

/** A record as it travels to a worker: JSONL text, a parsed value, or the reader's error. */
export type ShippedRecord =
  | { line: number; text: string }
  | { line: number; value: unknown }
  | { line: number; error: RecordErrorJson };

/**
 * A chunk's answer: its records' output lines joined by the setup's separator (one string, so
 * the main thread handles one object per chunk), and how many of each outcome and error.
 */
export interface ChunkResult {
  text: string;
  records: number;
  counts: Record<Outcome | "errors", number>;
}

type Request = { seq: number; records: ShippedRecord[] };
type Reply = { seq: number; result: ChunkResult } | { seq: number; failure: string };

/** Whether `data` is an evaluate worker's setup (so the bin runs as a worker). */
export function isWorkerSetup(data: unknown): data is WorkerSetup {
  return typeof data === "object" && data !== null && (data as WorkerSetup).kind === workerKind;
}

/**
 * The worker's side: builds the guard, then answers chunks one at a time, in the order they
 * come. A record's failure is its output line; only a broken guard fails a chunk.
 */
export async function serveWorker(
  setup: WorkerSetup,
  port: {
    on(event: "message", listener: (request: Request) => void): void;
    postMessage(reply: Reply): void;
  },
): Promise<void> {
  const ruleset =
    setup.rulesDir === undefined ? defaultRuleset() : await loadRuleset(setup.rulesDir);
  const guard = createGuard({
    practice: setup.practice,
    ruleset,
    ...(setup.engine !== undefined && { engine: setup.engine }),
    ...(setup.letterDate !== undefined && { letterDate: setup.letterDate }),
  });
  const evaluate = batchEvaluator(guard);

  async function answer(records: ShippedRecord[]): Promise<ChunkResult> {
    const lines: string[] = [];
    const counts: ChunkResult["counts"] = { accept: 0, remind: 0, reject: 0, errors: 0 };
    for (const shipped of records) {
      const record = "text" in shipped ? parseJsonlRecord(shipped.line, shipped.text) : shipped;
      let output: ReturnType<typeof errorOutput>;
      if ("error" in record) output = errorOutput(record.line, record.error);
      else output = resultOutput(record.line, await evaluate(record.value));
      lines.push(output.json);
      counts[output.outcome ?? "errors"]++;
    }
    return { text: lines.join(setup.separator), records: lines.length, counts };
  }

  let queue = Promise.resolve();
  port.on("message", ({ seq, records }) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ seq, result: await answer(records) });
      } catch (error) {
        port.postMessage({ seq, failure: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}

interface Pending {
  resolve: (result: ChunkResult) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads running `script` (the bin) as evaluate workers. Chunks go round-robin;
 * `run` answers each chunk's promise, so the caller keeps input order by awaiting them in turn.
 */
export class WorkerPool {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  #seq = 0;
  #failure: Error | undefined;

  constructor(script: string, setup: WorkerSetup, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: setup });
      worker.on("message", (reply: Reply) => {
        const pending = this.#pending.get(reply.seq);
        if (pending === undefined) return;
        this.#pending.delete(reply.seq);
        if ("result" in reply) pending.resolve(reply.result);
        else pending.reject(new Error(reply.failure));
      });
      worker.on("error", (error) => this.#fail(error));
      worker.on("exit", (code) => {
        if (this.#pending.size > 0) this.#fail(new Error(`an evaluation worker exited (${code})`));
      });
      this.#workers.push(worker);
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  /** Evaluates a chunk on the next worker. */
  run(records: ShippedRecord[]): Promise<ChunkResult> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const seq = this.#seq++;
    const worker = this.#workers[seq % this.#workers.length];
    const promise = new Promise<ChunkResult>((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
    });
    worker?.postMessage({ seq, records } satisfies Request);
    return promise;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
