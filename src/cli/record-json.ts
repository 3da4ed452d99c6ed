import type { Outcome } from "../index.js";
import type { TaskResult } from "./batch.js";

/** A record that could not be evaluated, as the batch output prints it. */
export interface RecordErrorJson {
  code: string;
  issues: unknown;
}

/** One record's line of output: its JSON and, for a verdict, its outcome. */
export interface RecordOutput {
  json: string;
  outcome?: Outcome;
}

/** The output line of a record the reader refused (bad JSON, too long) or the guard refused. */
export function errorOutput(line: number, error: RecordErrorJson): RecordOutput {
  return { json: JSON.stringify({ line, error: { code: error.code, issues: error.issues } }) };
}

/**
 * One evaluated record as `evaluate` prints it, whichever thread evaluated it: the verdict
 * without its letter, or `{"line", "error": {"code", "issues"}}`.
 */
export function resultOutput(line: number, result: TaskResult): RecordOutput {
  if ("verdict" in result) {
    const { letter: _letter, ...withoutLetter } = result.verdict;
    return { json: JSON.stringify(withoutLetter), outcome: result.verdict.outcome };
  }
  const { error } = result;
  const issues =
    "issues" in error ? error.issues : [{ path: "", code: error.code, message: error.message }];
  return errorOutput(line, { code: error.code, issues });
}
