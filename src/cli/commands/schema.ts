import practiceJsonSchema from "../../../schema/practice.schema.json";
import ruleJsonSchema from "../../../schema/rule.schema.json";
import rulesetJsonSchema from "../../../schema/ruleset.schema.json";
import taskJsonSchema from "../../../schema/task.schema.json";
import type { Command } from "../command.js";
import { CliError, exitCodes, write } from "../io.js";

/** The JSON Schemas shipped in schema/, generated from the zod schemas (npm run generate). */
const schemas: Record<string, unknown> = {
  task: taskJsonSchema,
  practice: practiceJsonSchema,
  rule: ruleJsonSchema,
  ruleset: rulesetJsonSchema,
};

export const schemaCommand: Command = {
  name: "schema",
  summary: "print the JSON Schema of a task, practice, rule or ruleset",
  usage: "schema <task|practice|rule|ruleset>",
  about: `Prints the JSON Schema (draft 2020-12), generated from the library's zod schemas: the same
files as the package's schema/ folder. Point an editor at it to check a practice file or a
rule as you type.

Example:
  gp-task-guard schema practice > practice.schema.json`,
  options: {},
  notes: "",
  positionals: { min: 1, max: 1 },
  async run([name = ""], _values, io) {
    const schema = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
    if (schema === undefined) {
      throw new CliError(
        `unknown schema ${JSON.stringify(name)}: use one of ${Object.keys(schemas).join(", ")}`,
      );
    }
    await write(io.stdout, `${JSON.stringify(schema, null, 2)}\n`);
    return exitCodes.ok;
  },
};
