import { describe, expect, it } from "vitest";
import { helpText, optionLines, parseCommand } from "../../src/cli/command.js";
import { commands } from "../../src/cli/run.js";

describe("command help", () => {
  it("lays out an option table: flags in a column, long ones on their own line, --help last", () => {
    expect(
      optionLines({
        format: { type: "string", short: "f", value: "<f>", help: "text (default)\nor json" },
        "a-very-long-option-name": { type: "string", value: "<n>", help: "a number" },
        quiet: { type: "boolean", short: "q", help: "no progress bar" },
      }),
    ).toBe(
      [
        "  -f, --format <f>  text (default)",
        "                    or json",
        "      --a-very-long-option-name <n>",
        "                    a number",
        "  -q, --quiet       no progress bar",
        "  -h, --help        this help",
      ].join("\n"),
    );
  });

  it("lists exactly the options each command parses, from its option table", () => {
    for (const command of commands) {
      const help = helpText(command);
      const options = help.slice(help.indexOf("\nOptions:\n"));
      const listed = [...options.matchAll(/^ {2}(?:-\w, | {4})--([\w-]+)/gm)].map((m) => m[1]);
      expect(listed, command.name).toEqual([...Object.keys(command.options), "help"]);
      for (const [name, option] of Object.entries(command.options)) {
        const args = option.type === "string" ? [`--${name}`, "x"] : [`--${name}`];
        const { values } = parseCommand(command, [...args, ..."a".repeat(command.positionals.min)]);
        expect(values[name], `${command.name} --${name}`).toBe(
          option.type === "string" ? "x" : true,
        );
      }
    }
  });
});
