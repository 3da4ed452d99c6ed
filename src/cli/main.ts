/**
 * The gp-task-guard command line (the package's `bin`). Thin: parse argv, call the public
 * API, print, map errors to exit codes. See `gp-task-guard --help`.
 */
import { run } from "./run.js";

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
});
