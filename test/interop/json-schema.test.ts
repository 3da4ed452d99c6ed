import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ErrorObject } from "ajv";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { practiceSchema } from "../../src/input/practice.js";
import { taskSchema } from "../../src/input/task.js";
import { ruleSchema, rulesetSchema } from "../../src/rules/schema.js";

// ajv and ajv-formats are CommonJS with a default export; under ESM the class sits on `.default`.
const Ajv2020 = (Ajv2020Module as unknown as { default: typeof Ajv2020Module }).default;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default;

const root = join(import.meta.dirname, "..", "..");
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), "utf8"));

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
const validators = {
  task: ajv.compile(readJson("schema/task.schema.json") as object),
  practice: ajv.compile(readJson("schema/practice.schema.json") as object),
  rule: ajv.compile(readJson("schema/rule.schema.json") as object),
  ruleset: ajv.compile(readJson("schema/ruleset.schema.json") as object),
};
type SchemaName = keyof typeof validators;

function validate(name: SchemaName, value: unknown): string[] {
  const check = validators[name];
  if (check(value)) return [];
  return (check.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message}`);
}

const task = {
  id: "T-1001",
  sentAt: "2026-11-23T09:30:00Z",
  sender: { organisation: "Hull University Teaching Hospitals", odsCode: "RWA", unit: "Ward 7" },
  recipient: { unit: "Example Surgery", assignment: "unassigned" },
  patient: { nhsNumber: "943 476 5919" },
  dueBy: "2026-12-01",
  body: "Please see my recent journal entry which contains actions (23/11/2026 09:20).",
};

const practice = {
  name: "Example Surgery",
  units: ["Example Surgery"],
  externalTasks: { policy: "decline", from: "2026-12-01" },
  preferredMethod: "e-mail to our generic inbox example.surgery@nhs.net",
  urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
};

const rule = {
  $schema: "../schema/rule.schema.json",
  id: "fit-note",
  title: "Reject requests for fit notes the provider must issue",
  severity: "reject",
  guidance: { section: "Sending and receiving Tasks", quote: "providing fit notes (11.12)" },
  contract: ["SC11.12"],
  conditions: {
    all: [
      { fact: "external", operator: "equal", value: true },
      {
        any: [
          { fact: "category", operator: "equal", value: "fit-note" },
          {
            not: {
              fact: "senderKind",
              operator: "in",
              value: { param: "standardContractSenderKinds" },
            },
          },
        ],
      },
    ],
  },
  message: "The provider issues fit notes.",
  examples: { fires: [{ task: { category: "fit-note" } }], passes: [{ task: {} }] },
};

describe("generated JSON Schemas", () => {
  it("declare draft 2020-12, an $id under the package and a $comment naming the generator", () => {
    for (const name of ["task", "practice", "rule", "ruleset"]) {
      const schema = readJson(`schema/${name}.schema.json`) as Record<string, unknown>;
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toBe(`https://gp-task-guard.dev/schema/${name}.schema.json`);
      expect(schema.$comment).toContain("scripts/gen/schemas.ts");
    }
  });

  it("accept a task (without its defaulted urgent and sender.kind), a practice and a rule that zod accepts", () => {
    expect(taskSchema.safeParse(task).success).toBe(true);
    expect(validate("task", task)).toEqual([]);
    expect(practiceSchema.safeParse(practice).success).toBe(true);
    expect(validate("practice", practice)).toEqual([]);
    expect(ruleSchema.safeParse(rule).success).toBe(true);
    expect(validate("rule", rule)).toEqual([]);
  });

  it("refuse what the zod schemas refuse, at the same place", () => {
    const badTask = { ...task, recipient: { unit: "Example Surgery", assignment: "someone" } };
    expect(taskSchema.safeParse(badTask).success).toBe(false);
    expect(validate("task", badTask)).toEqual([
      "/recipient/assignment must be equal to one of the allowed values",
    ]);
    const badPractice = { ...practice, units: [] };
    expect(validate("practice", badPractice)).toEqual(["/units must NOT have fewer than 1 items"]);
  });

  it("follow the recursive condition schema to any depth and refuse a JSONPath `path`", () => {
    const deep = {
      ...rule,
      conditions: {
        all: [{ any: [{ not: { all: [{ fact: "external", operator: "equal", value: true }] } }] }],
      },
    };
    expect(validate("rule", deep)).toEqual([]);
    const withPath = {
      ...rule,
      conditions: {
        all: [{ any: [{ fact: "external", operator: "equal", value: true, path: "$.x" }] }],
      },
    };
    expect(ruleSchema.safeParse(withPath).success).toBe(false);
    expect(validate("rule", withPath)).not.toEqual([]);
  });

  it("refuse a rule whose top-level condition is a bare fact comparison", () => {
    const bare = { ...rule, conditions: { fact: "external", operator: "equal", value: true } };
    expect(ruleSchema.safeParse(bare).success).toBe(false);
    expect(validate("rule", bare)).not.toEqual([]);
  });
});

const ruleFiles = readdirSync(join(root, "rules")).filter((f) => f.endsWith(".json"));

describe("rules/*.json against the generated JSON Schemas", () => {
  for (const file of ruleFiles) {
    const isRuleset = file === "ruleset.json";
    const name: SchemaName = isRuleset ? "ruleset" : "rule";
    const json = readJson(`rules/${file}`) as Record<string, unknown>;

    it(`${file} names its schema with $schema`, () => {
      expect(json.$schema).toBe(`../schema/${name}.schema.json`);
    });

    it(`${file} is valid against schema/${name}.schema.json`, () => {
      expect(validate(name, json)).toEqual([]);
      expect((isRuleset ? rulesetSchema : ruleSchema).safeParse(json).success).toBe(true);
    });

    if (isRuleset) {
      it("ruleset.json's example task and practice are a valid task and practice", () => {
        const examples = json.examples as { task: unknown; practice: unknown };
        expect(validate("task", examples.task)).toEqual([]);
        expect(validate("practice", examples.practice)).toEqual([]);
      });
    }
  }
});
