/**
 * Runs the CLI in this process, as the bin would (`run(argv, io)` from src/cli/run.ts), with
 * the repository root as the working directory and the given text as standard input. A
 * spawned `node cli.js` costs about a second on this machine; the bin itself is smoke-tested
 * in test/cli/bin.test.ts.
 */
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { run } from "../../src/cli/run.js";

export const root = join(import.meta.dirname, "..", "..");

/** What a command printed and its exit code. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `gp-task-guard <args>` in-process.
 *
 * @param args - the arguments after the program name
 * @param input - standard input, if any
 * @param cwd - the working directory (default: the repository root)
 * @returns the exit code and everything written to stdout and stderr
 */
export async function runCli(args: string[], input?: string, cwd = root): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const stdin = Readable.from(input === undefined ? [] : [input]);
  const status = await run(args, { stdout, stderr, stdin, cwd });
  return {
    status,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
  };
}
