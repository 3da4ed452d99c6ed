import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exampleInput, mergeFragment } from "../../src/analysis/rule-tester.js";
import { csvRowToTask, readRecords } from "../../src/cli/records.js";
import { createGuard } from "../../src/engine/guard.js";
import { RulesetError } from "../../src/errors/ruleset-error.js";
import { isTemplateError } from "../../src/errors/template-error.js";
import { fromFhirTask } from "../../src/input/fhir.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { loadTemplates } from "../../src/letters/load-templates.js";
import { renderLetter } from "../../src/letters/render.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { checkMessage, compileMessage } from "../../src/rules/message.js";
import { fhirTask } from "../interop/fhir-fixtures.js";
import { practice, practiceWith, prototypeKeys, ruleset, setAt, task } from "./fuzz.js";

const hostileKeys = ["__proto__", "constructor", "prototype"] as const;
const payload = {
  polluted: "yes",
  isAdmin: true,
  toString: "hijacked",
  urgent: false,
  units: ["Humber Coast Community Nursing"],
  externalTasks: { policy: "accept" },
};

/** JSON text whose objects carry `key` with the payload, at the top and at every nested object. */
function hostileJson(value: unknown, key: string): unknown {
  const parsed = JSON.parse(JSON.stringify(value)) as unknown;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== "object" || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = visit(v);
    return JSON.parse(JSON.stringify(out).replace(/^\{/, `{"${key}":${JSON.stringify(payload)},`));
  };
  return visit(parsed);
}

const prototypes = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
};
let before: Record<string, string[]>;

function snapshot(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(prototypes).map(([name, proto]) => [
      name,
      Object.getOwnPropertyNames(proto).sort(),
    ]),
  );
}

function expectUnpolluted(): void {
  expect(snapshot()).toEqual(before);
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(probe.units).toBeUndefined();
  expect(typeof probe.toString).toBe("function");
}

beforeEach(() => {
  before = snapshot();
});
afterEach(() => {
  expectUnpolluted();
});

describe.each(hostileKeys)("%s keys", (key) => {
  it("in a task's JSON at every level neither pollute nor change the verdict", async () => {
    const guard = createGuard({ practice: practice as PracticePolicyInput });
    const plain = task({ urgent: true, body: "Please issue a fit note." });
    const verdict = await guard.evaluate(hostileJson(plain, key) as TaskInputRaw);
    const expected = await guard.evaluate(plain as TaskInputRaw);
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(expected.findings.map((f) => f.ruleId));
    expect(verdict.letter?.text).toBe(expected.letter?.text);
  });

  it("in a practice's JSON at every level neither pollute nor change the policy", async () => {
    const declining = practiceWith({ externalTasks: { policy: "decline", from: "2026-12-01" } });
    const guard = createGuard({ practice: hostileJson(declining, key) as PracticePolicyInput });
    expect(guard.practice.externalTasks.policy).toBe("decline");
    expect(guard.practice.units).toEqual(["Example Surgery"]);
    const verdict = await guard.evaluate(task({ sentAt: "2026-12-02T09:00:00Z" }) as TaskInputRaw);
    expect(verdict.findings[0]?.ruleId).toBe("external-tasks-declined");
  });

  it("in a rule file are refused with a RulesetError naming the file and path", () => {
    const files = defaultRulesetFiles as Record<string, unknown>;
    const hostile = JSON.parse(
      JSON.stringify(files["fit-note.json"]).replace(
        '"conditions":{',
        `"conditions":{"${key}":{"polluted":true},`,
      ),
    ) as unknown;
    let error: unknown;
    try {
      buildRuleset({ ...files, "fit-note.json": hostile });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RulesetError);
    expect((error as RulesetError).issues[0]).toMatchObject({
      file: "fit-note.json",
      path: `conditions.${key}`,
      code: "forbidden_key",
    });
  });

  it("in a letter context at every level neither pollute nor reach the letter", () => {
    const context = {
      practice: practiceWith({ externalTasks: { policy: "decline", from: "2026-12-01" } }),
      date: "2026-10-01",
    };
    const letter = renderLetter("opt-out-notice", hostileJson(context, key) as never);
    const plain = renderLetter("opt-out-notice", context as never);
    expect(letter).toEqual(plain);
    expect(letter.text).not.toContain("hijacked");
  });

  it("in a FHIR Task at every level neither pollute nor change the task read", () => {
    const plain = fhirTask();
    expect(fromFhirTask(hostileJson(plain, key))).toEqual(fromFhirTask(plain));
  });

  it("in a CSV header are ignored, and in JSONL records are plain keys", async () => {
    expect(csvRowToTask([`${key}.polluted`, `sender.${key}`, "id"], ["yes", "x", "T1"])).toEqual({
      id: "T1",
    });
    const line = JSON.stringify(hostileJson(task({ id: "J1" }), key));
    const records = [];
    for await (const record of readRecords(
      (async function* () {
        yield `${line}\n`;
      })(),
    )) {
      records.push(record);
    }
    expect(records).toHaveLength(1);
  });

  it("in a rule example's fragment stay plain keys when merged", () => {
    const fragment = JSON.parse(`{"${key}": {"polluted": "yes"}, "urgent": true}`) as unknown;
    const merged = mergeFragment(task(), fragment) as Record<string, unknown>;
    expect(Object.hasOwn(merged, key)).toBe(true);
    expect(merged.urgent).toBe(true);
    const example = exampleInput(ruleset, { task: fragment as Record<string, unknown> });
    expect(example).toBeDefined();
  });
});

describe("Handlebars", () => {
  it("refuses messages that name a prototype member when the ruleset loads", () => {
    for (const source of [
      "{{task.constructor}}",
      "{{task.__proto__.polluted}}",
      "{{constructor.name}}",
      "{{practice.prototype}}",
      '{{lookup task "constructor"}}',
    ]) {
      expect(checkMessage(source, new Set()).length).toBeGreaterThan(0);
    }
  });

  it("renders messages from own properties only, even if the load-time check were bypassed", () => {
    const context = { task: { id: "T1" } };
    expect(compileMessage("[{{task.constructor}}]")(context)).toBe("[]");
    expect(compileMessage("[{{task.__proto__}}]")(context)).toBe("[]");
    expect(compileMessage("[{{task.toString}}]")(context)).toBe("[]");
    expect(compileMessage("[{{task.id}}]")(context)).toBe("[T1]");
  });

  it("renders letters strict: a custom template printing a field the context lacks is a TemplateError", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-templates-"));
    await writeFile(
      join(dir, "practice-guidance.txt.hbs"),
      "Escalate to {{practice.escalationContact.name}}.",
    );
    let error: unknown;
    try {
      renderLetter(
        "practice-guidance",
        { practice: practiceWith({ escalationContact: null }) } as never,
        { templates: await loadTemplates(dir) },
      );
    } catch (e) {
      error = e;
    }
    expect(isTemplateError(error)).toBe(true);
    expect((error as { path: string }).path).not.toBe("");
  });

  it("is never configured to allow prototype access anywhere in src/", async () => {
    const forbidden = [
      "allowProtoPropertiesByDefault",
      "allowProtoMethodsByDefault",
      "allowedProtoProperties",
      "allowedProtoMethods",
      "allowCallsToHelperMissing",
    ];
    const srcDir = join(import.meta.dirname, "..", "..", "src");
    const files = (await readdir(srcDir, { recursive: true })).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = await readFile(join(srcDir, file), "utf8");
      for (const word of forbidden)
        expect(`${file}: ${text.includes(word)}`).toBe(`${file}: false`);
    }
  });

  it("compiles every Handlebars template in strict mode", async () => {
    const srcDir = join(import.meta.dirname, "..", "..", "src");
    const files = (await readdir(srcDir, { recursive: true })).filter((f) => f.endsWith(".ts"));
    const texts = await Promise.all(files.map((f) => readFile(join(srcDir, f), "utf8")));
    /**
     * Whether the constant `name`, declared in any source file, holds strict: true in every
     * options object it holds (a flat object, or one per kind: `{ text: {…}, html: {…} }`).
     */
    const declaredStrict = (name: string): boolean =>
      texts.some((text) => {
        const at = text.search(new RegExp(`\\b${name}\\b[^=;]*=\\s*\\{`));
        if (at === -1) return false;
        const end = text.slice(at).search(/\n\}/);
        const block = end === -1 ? "" : text.slice(at, at + end + 2);
        const objects = [...block.matchAll(/\{[^{}]*\}/g)].map((m) => m[0]);
        return objects.length > 0 && objects.every((o) => /strict:\s*true/.test(o));
      });
    let compiles = 0;
    for (const [index, file] of files.entries()) {
      const text = texts[index] ?? "";
      for (const match of text.matchAll(/\.compile\(\s*[\w.]+,\s*(\w+)/g)) {
        compiles++;
        const options = match[1] ?? "";
        // The options object is inline or a constant (here or in another module) with strict: true.
        const declared = declaredStrict(options);
        expect(`${file} ${options}: ${declared}`).toBe(`${file} ${options}: true`);
      }
      for (const match of text.matchAll(/\.compile\(\s*[\w.]+,\s*\{([^}]*)\}/g)) {
        compiles++;
        expect(`${file}: ${/strict:\s*true/.test(match[1] ?? "")}`).toBe(`${file}: true`);
      }
    }
    expect(compiles).toBeGreaterThanOrEqual(2);
  });

  it("leaves Object.prototype as it found it after every test above", () => {
    expect(prototypeKeys()).toEqual(before.Object);
    const rulesetHasNoProto = setAt({}, ["__proto__"], { x: 1 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(rulesetHasNoProto)).toBe(Object.prototype);
  });
});
