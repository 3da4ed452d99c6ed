/**
 * The gp-task-guard command line (the package's `bin`). Thin: parse argv, call the public
 * API, print, map errors to exit codes. See `gp-task-guard --help`.
 */
import { run } from "./run.js";

// A closed pipe (`gp-task-guard evaluate … | head`) ends the output, not with a crash. Any
// other output error (`> /dev/full`: ENOSPC) is exit 2 with one line, no stack: exit 1 would
// say "some records were bad", and the verdicts were not all written.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  try {
    process.stderr.write(
      `gp-task-guard: cannot write the output: ${error.code ?? "error"}${error.code === "ENOSPC" ? " (no space left on the device)" : ""}\n`,
    );
  } finally {
    process.exit(2);
  }
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
});
