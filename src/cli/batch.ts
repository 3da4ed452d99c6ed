import { createReadStream } from "node:fs";
import type { BatchOptions, Guard, GuardError, Verdict } from "../node.js";
import { type Io, pathFrom } from "./io.js";
import { type BatchRecord, formatFromName, type RecordFormat, readRecords } from "./records.js";

/** One task's result: its verdict, or the error that stopped it. */
export type TaskResult = { verdict: Verdict } | { error: GuardError };

/**
 * Wraps `guard.evaluateMany` as a function of one task, so several guards can evaluate the
 * same stream in step (diff) and the batch API's savings (no letter unless asked) apply.
 * Calls must not overlap: await each before the next.
 */
export function batchEvaluator(
  guard: Guard,
  options: BatchOptions = {},
): (task: unknown) => Promise<TaskResult> {
  let current: unknown;
  const source: Iterable<unknown> = {
    [Symbol.iterator]: () => ({ next: () => ({ done: false, value: current }) }),
  };
  const results = guard.evaluateMany(source, options)[Symbol.asyncIterator]();
  return async (task) => {
    current = task;
    const next = await results.next();
    if (next.done) throw new Error("the batch evaluator ended");
    return next.value.ok ? { verdict: next.value.verdict } : { error: next.value.error };
  };
}

/** Reading progress, for the progress bar. */
export interface ReadProgress {
  bytes: number;
  /** The file's size, when known. */
  total?: number;
}

/**
 * Opens a batch file (or stdin for `-`) as records, counting the bytes read for the progress bar.
 */
export function openBatch(
  io: Io,
  path: string,
  format: RecordFormat | undefined,
  progress: ReadProgress,
): AsyncGenerator<BatchRecord> {
  const input = path === "-" ? io.stdin : createReadStream(pathFrom(io, path));
  async function* counted(): AsyncGenerator<string | Uint8Array> {
    for await (const chunk of input as AsyncIterable<string | Uint8Array>) {
      progress.bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
      yield chunk;
    }
  }
  const chosen = format ?? (path === "-" ? undefined : formatFromName(path));
  return readRecords(counted(), chosen === undefined ? {} : { format: chosen });
}
