import { z } from "zod";
import { practiceSchema } from "../../src/input/practice.js";
import { taskSchema } from "../../src/input/task.js";
import { ruleSchema, rulesetSchema } from "../../src/rules/schema.js";
import { banner, type GeneratedFile, type Generator } from "./types.js";

const script = "scripts/gen/schemas.ts";

/** Where the schemas say they live: their `$id` base. An identifier, not a fetched address. */
export const schemaBaseUrl = "https://gp-task-guard.dev/schema/";

/** One JSON Schema to write: the file name under `schema/`, its zod source, title and description. */
export interface SchemaSource {
  file: string;
  schema: z.core.$ZodType;
  title: string;
  description: string;
}

const sources: SchemaSource[] = [
  {
    file: "task.schema.json",
    schema: taskSchema,
    title: "gp-task-guard task",
    description:
      "One SystmOne task sent to a GP practice (taskSchema). Unknown fields are ignored.",
  },
  {
    file: "practice.schema.json",
    schema: practiceSchema,
    title: "gp-task-guard practice policy",
    description: "A practice's policy for tasks from other providers (practiceSchema).",
  },
  {
    file: "rule.schema.json",
    schema: ruleSchema,
    title: "gp-task-guard rule",
    description: "One rule file, rules/<id>.json (ruleSchema).",
  },
  {
    file: "ruleset.schema.json",
    schema: rulesetSchema,
    title: "gp-task-guard ruleset",
    description: "A ruleset's rules/ruleset.json (rulesetSchema).",
  },
];

/**
 * zod names the definition it pulls out of a recursive schema `__schema0`; the only recursive
 * schema here is the json-rules-engine condition, so it gets its own name for editors' messages.
 */
function nameDefinitions(json: Record<string, unknown>, file: string): Record<string, unknown> {
  const defs = json.$defs;
  if (defs === undefined) return json;
  const names = Object.keys(defs as Record<string, unknown>);
  if (names.length !== 1 || names[0] !== "__schema0") {
    throw new Error(
      `${script}: ${file} has definitions ${names.join(", ")}; expected only the recursive condition. Name them here.`,
    );
  }
  const text = JSON.stringify(json).replaceAll('"#/$defs/__schema0"', '"#/$defs/condition"');
  const renamed = JSON.parse(text) as Record<string, unknown>;
  renamed.$defs = { condition: (renamed.$defs as Record<string, unknown>).__schema0 };
  return renamed;
}

/**
 * Builds one JSON Schema (draft 2020-12, input side: defaults make a field optional) with its
 * `$id`, title and a `$comment` saying it is generated.
 *
 * @param source - the zod schema and where it goes
 * @returns the schema as a plain JSON object
 * @example
 * buildJsonSchema({ file: "task.schema.json", schema: taskSchema, title: "…", description: "…" }).$id
 * // "https://gp-task-guard.dev/schema/task.schema.json"
 */
export function buildJsonSchema(source: SchemaSource): Record<string, unknown> {
  const generated = z.toJSONSchema(source.schema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "throw",
    cycles: "ref",
  }) as Record<string, unknown>;
  const { $schema, ...rest } = nameDefinitions(generated, source.file);
  return {
    $schema,
    $id: `${schemaBaseUrl}${source.file}`,
    $comment: banner(script),
    title: source.title,
    description: source.description,
    ...rest,
  };
}

/** Writes `schema/{task,practice,rule,ruleset}.schema.json` from the zod schemas. */
export const schemasGenerator: Generator = {
  name: "schemas",
  async generate(): Promise<GeneratedFile[]> {
    return sources.map((source) => ({
      path: `schema/${source.file}`,
      content: `${JSON.stringify(buildJsonSchema(source), null, 2)}\n`,
    }));
  },
};
