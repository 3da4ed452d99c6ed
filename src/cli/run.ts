import { printable } from "../node.js";
import { type Command, helpText, parseCommand } from "./command.js";
import { diffCommand } from "./commands/diff.js";
import { evaluateCommand } from "./commands/evaluate.js";
import { letterCommand } from "./commands/letter.js";
import { reportCommand } from "./commands/report.js";
import { schemaCommand } from "./commands/schema.js";
import { scoreCommand } from "./commands/score.js";
import { testCommand } from "./commands/test.js";
import { validateCommand } from "./commands/validate.js";
import { CliError, exitCodes, type Io, write } from "./io.js";
import { OptionValues } from "./options.js";

/** The commands, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  evaluateCommand,
  reportCommand,
  diffCommand,
  scoreCommand,
  testCommand,
  validateCommand,
  schemaCommand,
  letterCommand,
];

declare const __VERSION__: string | undefined;

function version(): string {
  return typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";
}

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: gp-task-guard <command> [options]

Checks SystmOne tasks sent to a GP practice against Humberside LMCs' tasking guidance.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run gp-task-guard <command> --help for a command's options.
  -h, --help     this help
  -v, --version  the version
`;
}

/**
 * Runs the CLI: picks the command, parses its arguments, runs it, and maps errors to exit
 * codes (0 done, 1 some records or checks failed, 2 usage or configuration error).
 *
 * @param argv - the arguments after the program name
 * @param io - the streams to use
 * @returns the exit code
 * @example await run(["validate", "rules"], io) // 0
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? commands.find((c) => c.name === args[0]) : undefined;
    await write(io.stdout, topic ? `${helpText(topic)}\n` : mainHelp());
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  if (name === "--version" || name === "-v") {
    await write(io.stdout, `${version()}\n`);
    return exitCodes.ok;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (command === undefined) {
      throw new CliError(
        `unknown command ${JSON.stringify(name)}: use one of ${commands.map((c) => c.name).join(", ")}`,
      );
    }
    const { positionals, values, help } = parseCommand(command, [...args]);
    if (help) {
      await write(io.stdout, `${helpText(command)}\n`);
      return exitCodes.ok;
    }
    return await command.run(positionals, new OptionValues(values), io);
  } catch (error) {
    if (error instanceof CliError) {
      // Messages name files, paths and ruleset text: no escape reaches the terminal.
      const message = error.message.split("\n").map(printable).join("\n");
      await write(io.stderr, `gp-task-guard${command ? ` ${command.name}` : ""}: ${message}\n`);
      return error.exitCode;
    }
    const failure = error as NodeJS.ErrnoException;
    if (error instanceof Error && typeof failure.code === "string" && failure.syscall === "write") {
      // The output could not be written (a full disk, a closed device): one line, exit 2.
      await write(io.stderr, `gp-task-guard: cannot write the output: ${failure.code}\n`);
      return exitCodes.usage;
    }
    // Anything else is a bug: say so plainly, with the stack for the report.
    await write(
      io.stderr,
      `gp-task-guard: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return exitCodes.usage;
  }
}
