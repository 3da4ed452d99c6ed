import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { prepare } from "../../src/engine/prepare.js";
import { formatLongDate } from "../../src/facts/calendar.js";
import { factCatalogue } from "../../src/facts/catalogue.js";
import { deriveFacts } from "../../src/facts/derive.js";
import { parsePractice } from "../../src/input/practice.js";
import { parseTask } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { compileMessage, parseRuleMessages } from "../../src/rules/message.js";
import { ruleMessages } from "../../src/rules/message-tree.js";

const root = join(import.meta.dirname, "..", "..");
const ruleset = defaultRuleset();
const prepared = prepare(ruleset);

/** Handlebars itself, as the reference for what a message renders to. */
const reference = Handlebars.create();
reference.registerHelper("date", (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? formatLongDate(value)
    : String(value ?? ""),
);

describe("rule messages", () => {
  it("render exactly as Handlebars renders them, for every rule over the example corpus", () => {
    const practices = [
      parsePractice(JSON.parse(readFileSync(join(root, "examples", "practice.json"), "utf8"))),
      parsePractice(ruleset.examples.practice),
    ];
    const tasks = readFileSync(join(root, "examples", "corpus.jsonl"), "utf8")
      .trim()
      .split("\n")
      .slice(0, 300)
      .map((line) => parseTask(JSON.parse(line)));
    // Each task's facts under each practice, derived once for every rule's message.
    const contexts = practices.flatMap((practice) =>
      tasks.map((task) => {
        const facts = deriveFacts(task, practice, prepared.lexicon);
        const all: Record<string, unknown> = {};
        for (const key of Object.keys(factCatalogue))
          all[key] = (facts as unknown as Record<string, unknown>)[key] ?? null;
        return { task, practice, facts: all, parameters: ruleset.parameters };
      }),
    );
    let compared = 0;
    for (const rule of ruleset.rules) {
      const ours = compileMessage(rule.message);
      const theirs = reference.compile(rule.message, { noEscape: true });
      const rendered = contexts.map((context) => ours(context));
      expect(rendered, rule.id).toEqual(contexts.map((context) => theirs(context)));
      compared += rendered.length;
    }
    expect(compared).toBe(ruleset.rules.length * 600);
  });

  it("prints nothing for an absent optional field instead of failing the verdict", () => {
    expect(compileMessage("[{{task.sender.team}}]")({ task: { sender: {} } })).toBe("[]");
  });

  it("reads own properties only, so a message cannot reach a prototype", () => {
    expect(compileMessage("{{task.constructor}}")({ task: {} })).toBe("");
  });

  it("writes dates the way letters do", () => {
    expect(
      compileMessage("from {{date practice.externalTasks.from}}")({
        practice: { externalTasks: { from: "2026-12-01" } },
      }),
    ).toBe("from 1 December 2026");
  });

  it("follows #if and #unless with their else branches", () => {
    const render = compileMessage(
      "{{#if facts.a}}A{{else}}not A{{/if}} {{#unless facts.b}}no B{{else}}B{{/unless}}",
    );
    expect(render({ facts: { a: 1, b: [] } })).toBe("A no B");
    expect(render({ facts: { a: 0, b: ["x"] } })).toBe("not A B");
  });
});

describe("rule wording parsed when the ruleset is built", () => {
  it("renders the default ruleset's wording from the trees parsed at build time", () => {
    for (const rule of defaultRuleset().rules) {
      expect(ruleMessages(rule)).toEqual(parseRuleMessages(rule));
    }
  });

  it("refuses to render the wording of a rule no ruleset was built with, naming it", () => {
    const [first] = defaultRuleset().rules;
    if (first === undefined) throw new Error("no rules");
    expect(() => ruleMessages({ ...first })).toThrow(
      `the wording of rule "${first.id}" was never checked`,
    );
  });
});
