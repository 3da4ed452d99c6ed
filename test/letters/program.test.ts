import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { exampleInput } from "../../src/analysis/rule-tester.js";
import { createGuard } from "../../src/engine/guard.js";
import { isTemplateError } from "../../src/errors/template-error.js";
import { type PracticePolicy, practiceSchema } from "../../src/input/practice.js";
import { type TaskInput, taskSchema } from "../../src/input/task.js";
import { bundledPrograms } from "../../src/letters/bundled-programs.generated.js";
import { defaultLetterTemplates } from "../../src/letters/bundled-templates.js";
import type { LetterContext } from "../../src/letters/context.js";
import { buildTemplates } from "../../src/letters/custom-templates.js";
import { parseHandlebars } from "../../src/letters/handlebars-parser.cjs";
import { letterView } from "../../src/letters/letter-view.js";
import { escapeHtml, renderProgram } from "../../src/letters/program.js";
import { reduceProgram } from "../../src/letters/reduce-template.js";
import { renderLetter, renderView } from "../../src/letters/render.js";
import { letterKindFor } from "../../src/letters/sender.js";
import { formats, templateFile } from "../../src/letters/templates.js";
import { type LetterKind, letterKinds } from "../../src/letters/types.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { bothWays, type Comparison } from "./both-ways.js";
import {
  acceptingPractice,
  declined,
  delegated,
  escalation,
  fitNote,
  journal,
  practice,
  provider,
  task,
  unassigned,
} from "./fixtures.js";

const root = join(import.meta.dirname, "..", "..");
const date = "2026-10-01";

/** A practice whose every printed field holds the characters HTML escaping changes. */
const awkward: PracticePolicy = practiceSchema.parse({
  ...practice,
  name: `O'Brien & "Partners" <Surgery> \`=`,
  address: ["1 <Example> Street", "Hull & East", "HU1 1AA"],
  signOff: "Dr A O'Example & Dr B `Example`",
});

/** Every kind, and the branches of the rejection and reminder templates. */
const contexts: [LetterKind, LetterContext][] = [
  ["rejection", { practice, date, task, findings: [declined] }],
  ["rejection", { practice: acceptingPractice, date, task, findings: [fitNote, unassigned] }],
  ["rejection", { practice: awkward, date, task, findings: [declined] }],
  ["reminder", { practice: acceptingPractice, date, task, findings: [unassigned, journal] }],
  ["reminder", { practice: acceptingPractice, date, task, findings: [unassigned, delegated] }],
  ["opt-out-notice", { practice, date }],
  ["opt-out-notice", { practice, date, task }],
  ["opt-out-notice", { practice: awkward, date, task }],
  ["provider-agreement", { practice: acceptingPractice, date, provider }],
  ["provider-agreement", { practice, date, provider }],
  ["practice-guidance", { practice: acceptingPractice, date }],
  ["practice-guidance", { practice, date }],
  ["practice-guidance", { practice: awkward, date }],
  ["escalation", { practice: acceptingPractice, date, ...escalation }],
  ["escalation", { practice: awkward, date, team: escalation.team, tasks: escalation.tasks }],
];

const log: Comparison = { renders: new Map(), mismatches: [] };
/** Handlebars itself: the bundled sources compiled by its full compiler, as a custom folder is. */
const handlebars = buildTemplates({}, "templates/");
/** The default set (program.ts) at every render, compared with Handlebars' output. */
const compared = bothWays(defaultLetterTemplates(), handlebars, log);
const ruleset = defaultRuleset();
const letterDate = "2026-12-03";

/** A verdict's letter rendered again from its parts with `compared`; equal to the verdict's. */
async function verdictLetter(policy: unknown, raw: unknown): Promise<void> {
  const verdict = await createGuard({ practice: policy as PracticePolicy, letterDate }).evaluate(
    raw as TaskInput,
  );
  const kind = letterKindFor(verdict.findings, ruleset);
  if (kind === undefined) return;
  const parsed = { practice: practiceSchema.parse(policy), task: taskSchema.parse(raw) };
  const context = { ...parsed, findings: [...verdict.findings], ruleset, date: letterDate };
  const view = letterView(kind, context, verdict);
  expect(renderView(kind, view, compared)).toEqual(verdict.letter);
}

describe("the bundled letters, rendered without Handlebars (src/letters/program.ts)", () => {
  for (const [i, [kind, context]] of contexts.entries()) {
    it(`render ${kind} (case ${i + 1}) exactly as Handlebars renders the same templates`, () => {
      const letter = renderLetter(kind, context);
      expect(letter.text.length).toBeGreaterThan(200);
      expect(letter).toEqual(renderLetter(kind, context, { templates: handlebars }));
      expect(renderLetter(kind, context, { templates: compared })).toEqual(letter);
    });
  }

  it("render every letter of the golden corpus, on two practices, byte for byte as Handlebars", async () => {
    const lines = readFileSync(join(root, "examples/corpus.jsonl"), "utf8").split("\n");
    const policies = [
      JSON.parse(readFileSync(join(root, "examples/practice.json"), "utf8")),
      acceptingPractice,
    ];
    for (const policy of policies) {
      for (const line of lines.filter((l) => l !== ""))
        await verdictLetter(policy, JSON.parse(line));
    }
  });

  it("render every letter of the rules' own examples byte for byte as Handlebars", async () => {
    for (const rule of ruleset.rules) {
      for (const example of [...rule.examples.fires, ...rule.examples.passes]) {
        const input = exampleInput(ruleset, example);
        await verdictLetter(input.practice, input.task);
      }
    }
  });

  it("rendered every bundled template both ways, raw output and errors alike", () => {
    const files = letterKinds.flatMap((kind) =>
      formats.map((format) => templateFile(kind, format)),
    );
    expect(Object.keys(bundledPrograms.templates).sort()).toEqual([...files].sort());
    for (const file of files) expect(log.renders.get(file) ?? 0, file).toBeGreaterThan(0);
    expect([...log.renders.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    expect(log.mismatches).toEqual([]);
  });

  it("escapes HTML exactly as Handlebars' escapeExpression", () => {
    const safe = new Handlebars.SafeString("<b>kept</b>");
    const values = [
      `Tom & "Jerry" <'x'> \`=`,
      "",
      "plain",
      0,
      1,
      -0,
      Number.NaN,
      false,
      true,
      null,
    ];
    for (const value of [...values, undefined, [1, "<a>"], { toString: () => "<o>" }, safe]) {
      expect(escapeHtml(value)).toBe(Handlebars.Utils.escapeExpression(value as string));
    }
  });

  it("fails on a missing field with Handlebars' strict-mode message, which render.ts reads", () => {
    const nodes = reduceProgram(parseHandlebars("Dear {{lead.name}}"), {
      file: "t",
      partials: new Set(),
    });
    const ours = () => renderProgram(nodes, {}, true)({ lead: {} });
    const theirs = () => Handlebars.compile("Dear {{lead.name}}", { strict: true })({ lead: {} });
    expect(ours).toThrow(/^"name" not defined in \[object Object\]$/);
    expect(theirs).toThrow(/^"name" not defined in \[object Object\] - 1:7$/);
  });
});

describe("reducing a bundled template at generate time", () => {
  const reduce = (source: string) =>
    reduceProgram(parseHandlebars(source), {
      file: "rejection.txt.hbs",
      partials: new Set(["team"]),
    });

  it("keeps fields, blocks, helper calls and partials, joining text", () => {
    expect(reduce('Hi {{! note }}{{name}}{{#if (eq a "b")}}!{{else}}?{{/if}} {{> team}}')).toEqual([
      "Hi ",
      ["value", ["path", "name"]],
      ["if", ["call", "eq", ["path", "a"], ["string", "b"]], ["!"], ["?"]],
      " ",
      ["partial", "team"],
    ]);
  });

  it.each([
    ["{{lookup a b}}", 'the helper call "lookup" (line 1)'],
    ["{{#each a}}{{../b}}{{/each}}", 'the parent lookup "../b" (line 1)'],
    ["{{{a}}}", "unescaped output"],
    ["{{#each a as |x|}}{{x}}{{/each}}", "block parameters"],
    ["{{> team a}}", 'arguments to the partial "team"'],
    ["{{> signature}}", 'the partial "signature", not in this set,'],
    ["{{formatDate}}", "a helper without arguments"],
    ['{{plural n "day"}}', '"plural" with 2 arguments (it takes 3)'],
    ["{{formatDate d style=1}}", "hash arguments"],
    ["{{#if a b}}{{/if}}", "without exactly one argument"],
    ["{{#unknown a}}{{/unknown}}", 'the block "{{#unknown}}"'],
    ["{{eq 1 2}}", "a NumberLiteral"],
    ["{{@index.x}}", "the data variable"],
    ['{{#*inline "x"}}{{/inline}}', "a DecoratorBlock"],
  ])("refuses %s with a TemplateError naming the file", (source, what) => {
    let error: unknown;
    try {
      reduce(source);
    } catch (caught) {
      error = caught;
    }
    expect(isTemplateError(error)).toBe(true);
    expect((error as Error).message).toContain("Template rejection.txt.hbs: ");
    expect((error as Error).message).toContain(what);
  });
});

describe("the default letters' weight", () => {
  it("give a first verdict with a letter without loading Handlebars (not even its parser) or json-rules-engine", () => {
    const script = `
      import { createRequire } from "node:module";
      const { createGuard } = await import(${JSON.stringify(join(root, "src/index.ts"))});
      const { acceptingPractice, task } = await import(${JSON.stringify(join(root, "test/letters/fixtures.ts"))});
      const verdict = await createGuard({ practice: acceptingPractice }).evaluate(task);
      const loaded = Object.keys(createRequire(import.meta.url).cache)
        .filter((file) => /node_modules\\/(handlebars|json-rules-engine)\\//.test(file))
        .map((file) => file.replace(/.*node_modules\\//, ""));
      console.log(JSON.stringify({ outcome: verdict.outcome, letter: verdict.letter?.kind, loaded }));
    `;
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { cwd: root, encoding: "utf8" },
    );
    expect(child.stderr).toBe("");
    const result = JSON.parse(child.stdout) as {
      outcome: string;
      letter: string;
      loaded: string[];
    };
    expect(result).toMatchObject({ outcome: "reject", letter: "rejection" });
    // The default ruleset's messages are prebuilt, so not even the parser is required.
    expect(result.loaded).toEqual([]);
  });
});
