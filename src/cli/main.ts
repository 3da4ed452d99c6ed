/**
 * The gp-task-guard command line (the package's `bin`). Thin: parse argv, call the public
 * API, print, map errors to exit codes. See `gp-task-guard --help`.
 *
 * The same file runs as `evaluate`'s worker threads: started with a worker setup in
 * `workerData`, it answers chunks of records instead (see parallel.ts).
 */
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { isWorkerSetup, serveWorker } from "./parallel.js";
import { run } from "./run.js";

if (!isMainThread && parentPort !== null && isWorkerSetup(workerData)) {
  await serveWorker(workerData, parentPort);
} else {
  // A closed pipe (`gp-task-guard evaluate … | head`) ends the output, not with a crash.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });

  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    workerScript: fileURLToPath(import.meta.url),
  });
}
