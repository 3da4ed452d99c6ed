import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import { isGuardError } from "../../src/errors/guard-error.js";
import { isInputError } from "../../src/errors/input-error.js";
import { isTemplateError, type TemplateError } from "../../src/errors/template-error.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { buildTemplates } from "../../src/letters/custom-templates.js";
import { renderLetter } from "../../src/letters/render.js";
import { type LetterKind, letterKinds } from "../../src/letters/types.js";
import {
  DELETE,
  fuzz,
  hostileJson,
  hostileString,
  jsonPaths,
  mutationOf,
  practiceWith,
  setAt,
  settle,
  task,
} from "./fuzz.js";

const decliningPractice = practiceWith({
  externalTasks: { policy: "decline", from: "2026-12-01" },
  address: ["1 Example Street", "Exampleton"],
  signOff: "The Partners",
});
const letterTask = task({
  recipient: { assignment: "user", assignee: "Dr A Example" },
  body: "Please issue a fit note for 4 weeks.",
});
const findings = [
  {
    ruleId: "fit-note",
    severity: "reject",
    title: "Reject fit note requests",
    message: "The provider issues fit notes.",
    guidance: { section: "Sending and receiving Tasks", quote: "providing fit notes" },
    contract: [{ id: "SC11.12", clause: "11.12", summary: "The provider issues fit notes." }],
  },
  {
    ruleId: "must-be-unassigned",
    severity: "remind",
    title: "Require tasks to be unassigned",
    message: "Send tasks unassigned.",
    guidance: { section: "Sending and receiving Tasks", quote: "Unassigned" },
    contract: [],
  },
];

/** A context each kind of letter renders from. */
const contexts: Record<LetterKind, Record<string, unknown>> = {
  rejection: { practice: decliningPractice, task: letterTask, findings, date: "2026-12-02" },
  reminder: { practice: decliningPractice, task: letterTask, findings, date: "2026-12-02" },
  "opt-out-notice": { practice: decliningPractice, date: "2026-10-01" },
  "provider-agreement": {
    practice: decliningPractice,
    provider: {
      name: "Humber Coast NHS Foundation Trust",
      odsCode: "RXX01",
      manager: { name: "A Manager", role: "Head of Community Services" },
      contact: { name: "B Contact", email: "contact@nhs.net" },
    },
    date: "2026-10-01",
  },
  "practice-guidance": { practice: decliningPractice, date: "2026-10-01" },
  escalation: {
    practice: decliningPractice,
    team: { organisation: "Humber Coast NHS Foundation Trust", team: "District Nursing" },
    lead: { name: "C Lead", role: "Service Lead" },
    tasks: {
      count: 3,
      dates: ["2026-11-02", "2026-11-09"],
      reasons: [{ title: "Addressed to a named person", count: 3 }],
    },
    date: "2026-11-30",
  },
};

const kind = fc.constantFrom(...letterKinds);

/** A TemplateError names a path (or the template itself); an InputError names each field. */
function expectNamedError(error: unknown): void {
  expect(isTemplateError(error) || isInputError(error)).toBe(true);
  if (isTemplateError(error)) expect(typeof (error as TemplateError).path).toBe("string");
  if (isInputError(error)) expect(error.issues.length).toBeGreaterThan(0);
}

/** The paths of every string leaf of a kind's example context. */
function stringPaths(k: LetterKind): (string | number)[][] {
  return jsonPaths(contexts[k]).filter((path) => {
    let value: unknown = contexts[k];
    for (const key of path) value = (value as Record<string | number, unknown>)[key];
    return typeof value === "string";
  });
}

describe("letter contexts", () => {
  it("renders any kind of letter from any JSON context, or refuses it with a TemplateError or InputError", async () => {
    await fc.assert(
      fc.asyncProperty(kind, hostileJson, async (k, context) => {
        const result = await settle(() => renderLetter(k, context as never));
        if (!result.ok) expectNamedError(result.error);
      }),
      fuzz(300),
    );
  });

  it("renders a letter from a valid context with any one field changed, or names what is wrong", async () => {
    const mutation = kind.chain((k) => mutationOf(contexts[k]).map((m) => ({ k, ...m })));
    await fc.assert(
      fc.asyncProperty(mutation, async ({ k, path, replacement }) => {
        const result = await settle(() =>
          renderLetter(k, setAt(contexts[k], path, replacement) as never),
        );
        if (result.ok) {
          expect(result.value.kind).toBe(k);
          expect(result.value.text.endsWith("\n")).toBe(true);
        } else expectNamedError(result.error);
      }),
      fuzz(400),
    );
  });

  it("escapes every printed field in HTML letters and prints it as it is in text letters", async () => {
    const marker = fc.constantFrom(
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      "O'Brien & Sons <Ltd>",
      "{{practice.name}}",
    );
    // Every string leaf of the context that is free text (not a date, e-mail, code or id).
    const textPaths = (k: LetterKind) =>
      stringPaths(k).filter((path) => {
        const last = String(path[path.length - 1]);
        return (
          !/date|sentAt|email|odsCode|nhsNumber|id|ruleId|severity|policy|from|kind|assignment|unit|dueBy|category|acknowledgedOn/i.test(
            last,
          ) && !path.includes("dates")
        );
      });
    await fc.assert(
      fc.asyncProperty(
        kind.chain((k) =>
          fc.record({
            k: fc.constant(k),
            path: fc.constantFrom(...textPaths(k)),
            text: marker,
          }),
        ),
        async ({ k, path, text }) => {
          const context = setAt(contexts[k], path, `QQ1 ${text} QQ2`);
          const letter = renderLetter(k, context as never);
          if (/[<>&"']/.test(text)) expect(letter.html).not.toContain(text);
          expect(letter.html).not.toMatch(/<script|<img/i);
          // Data is printed, never run as a template: a field reading {{practice.name}} stays so.
          if (letter.text.includes("QQ1")) expect(letter.text).toContain(`QQ1 ${text} QQ2`);
          expect(letter.text).not.toMatch(/&(?:lt|gt|amp|quot|#x27|#39|#x3D|#96);/);
          expect(letter.subject).not.toMatch(/&(?:lt|gt|amp|quot|#x27|#39|#x3D|#96);/);
        },
      ),
      fuzz(200),
    );
  });

  /** A C0 (line feed apart), C1, line-separator or bidi override or isolate character. */
  const controlOrBidi = (n: number) =>
    (n < 0x20 && n !== 0x0a) ||
    (n >= 0x7f && n <= 0x9f) ||
    n === 0x2028 ||
    (n >= 0x202a && n <= 0x202e) ||
    (n >= 0x2066 && n <= 0x2069);
  it("shows control, C1 and bidi characters from any field as escapes in text letters and subjects", async () => {
    const control = fc.constantFrom(
      "\u001b[8m",
      "\u009b8m",
      "\u202e",
      "\u2066",
      "\u0007",
      "\r",
      "\u2028",
    );
    await fc.assert(
      fc.asyncProperty(
        kind.chain((k) =>
          fc.record({ k: fc.constant(k), path: fc.constantFrom(...stringPaths(k)), c: control }),
        ),
        async ({ k, path, c }) => {
          const context = setAt(contexts[k], path, `QQ1${c}QQ2`);
          const result = await settle(() => renderLetter(k, context as never));
          if (!result.ok) return expectNamedError(result.error);
          for (const text of [result.value.text, result.value.subject])
            expect([...text].filter((c) => controlOrBidi(c.codePointAt(0) ?? 0))).toEqual([]);
          if (result.value.text.includes("QQ1")) expect(result.value.text).toMatch(/QQ1\\(x|u)/);
        },
      ),
      fuzz(200),
    );
  });

  it("renders letters whose fields hold huge, empty-looking, right-to-left or unpaired-surrogate text", async () => {
    await fc.assert(
      fc.asyncProperty(kind, hostileString, async (k, text) => {
        const context = setAt(contexts[k], ["practice", "name"], `Surgery ${text}`);
        const result = await settle(() => renderLetter(k, context as never));
        if (!result.ok) expectNamedError(result.error);
      }),
      fuzz(200),
    );
  });
});

describe("custom templates", () => {
  const fields = [
    "practice.name",
    "practice.preferredMethod",
    "practice.urgentRoute.phone",
    "practice.urgentRoute.email",
    "practice.externalTasks.from",
    "task.sender.organisation",
    "task.sender.team",
    "task.body",
    "provider.name",
    "team.organisation",
    "tasks.count",
    "date",
    "subject",
    "ruleset.edition",
    "findings",
    "nosuch.field",
  ];
  const field = fc.constantFrom(...fields);
  const piece = fc.oneof(
    fc.string({ maxLength: 8 }),
    field.map((f) => `{{${f}}}`),
    field.map((f) => `{{{${f}}}}`),
    field.map((f) => `{{formatDate ${f}}}`),
    fc.tuple(field, field).map(([a, b]) => `{{#if ${a}}}{{${b}}}{{/if}}`),
    field.map((f) => `{{#each findings}}{{title}} {{${f}}}{{/each}}`),
    fc.constantFrom(
      "{{> letterhead.txt}}",
      "{{> letterhead.html}}",
      "{{> nosuch}}",
      "{{#with practice}}{{name}}{{/with}}",
      '{{lookup practice "name"}}',
      '{{lookup practice "constructor"}}',
      "{{practice.constructor}}",
      "{{practice.__proto__}}",
      "{{log practice.name}}",
      "{{#each practice}}{{@key}}{{/each}}",
      "{{",
      "{{/if}}",
      "{{@root.practice.name}}",
      "{{../practice}}",
      "{{!-- a comment --}}",
    ),
  );
  const source = fc.array(piece, { maxLength: 6 }).map((p) => p.join(" "));
  const file = fc.oneof(
    fc
      .tuple(kind, fc.constantFrom("subject", "txt", "html"))
      .map(([k, format]) => `${k}.${format}.hbs`),
    fc.constantFrom("partials/sender.hbs", "partials/extra.html.hbs", "nosuch.hbs", "../x.hbs"),
  );

  it("checks any custom template when the set is built, and renders every letter with a set that builds, escaping HTML", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(file, source, { minKeys: 1, maxKeys: 2 }),
        kind,
        async (overrides, k) => {
          const built = await settle(() => buildTemplates(overrides, "fuzz"));
          if (!built.ok) {
            expect(isTemplateError(built.error)).toBe(true);
            return;
          }
          const hostile = setAt(
            contexts[k],
            ["practice", "name"],
            "<script>alert(1)</script> & Co",
          );
          const letter = await settle(() =>
            renderLetter(k, hostile as never, { templates: built.value }),
          );
          if (!letter.ok) {
            expect(isTemplateError(letter.error)).toBe(true);
            return;
          }
          expect(letter.value.html).not.toContain("<script>");
        },
      ),
      fuzz(150, 0.4),
    );
  });

  it("refuses a template that reads a prototype (constructor, __proto__, lookup) when the set is built", () => {
    for (const sourceText of [
      "{{practice.constructor}}",
      "{{practice.__proto__}}",
      '{{lookup practice "constructor"}}',
      "{{#with practice}}{{constructor.name}}{{/with}}",
      "{{#each findings}}{{__proto__}}{{/each}}",
    ]) {
      const result = (() => {
        try {
          buildTemplates({ "reminder.txt.hbs": sourceText }, "test");
          return undefined;
        } catch (error) {
          return error;
        }
      })();
      expect(isTemplateError(result)).toBe(true);
    }
  });

  it("refuses a triple-stash (unescaped) field in an HTML template", () => {
    const error = (() => {
      try {
        buildTemplates({ "reminder.html.hbs": "<p>{{{practice.name}}}</p>" }, "test");
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(isTemplateError(error)).toBe(true);
  });
});

describe("letters sent by a guard", () => {
  const other = practiceWith({
    name: "Other Practice",
    units: ["Other Practice"],
    odsCode: "B88888",
    preferredMethod: "e-mail to other.practice@nhs.net",
    urgentRoute: { phone: "01482 999999", email: "other.practice@nhs.net" },
    escalationContact: { name: "Other Manager", email: "other.practice@nhs.net" },
    externalTasks: { policy: "decline", from: "2026-12-01" },
  });
  const ours = practiceWith({ externalTasks: { policy: "decline", from: "2026-12-01" } });

  it("puts only its own practice's name, phone and route in its letters, even with another practice's guard running at once", async () => {
    const guards = [
      createGuard({ practice: ours as PracticePolicyInput }),
      createGuard({ practice: other as PracticePolicyInput }),
    ];
    const details = [
      ["Example Surgery", "01482 000000", "example.surgery@nhs.net"],
      ["Other Practice", "01482 999999", "other.practice@nhs.net"],
    ];
    const tasks = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      task({
        id: `L${i}`,
        sentAt: i % 2 === 0 ? "2026-12-02T09:00:00Z" : "2026-11-02T09:00:00Z",
        recipient: { unit: i % 4 < 2 ? "Example Surgery" : "Other Practice" },
        urgent: i % 3 === 0,
        body: i % 3 === 1 ? "Please issue a fit note." : "For information.",
      }),
    );
    const verdicts = await Promise.all(
      tasks.flatMap((t) =>
        guards.map(async (guard, g) => ({ g, v: await guard.evaluate(t as TaskInputRaw) })),
      ),
    );
    let letters = 0;
    for (const { g, v } of verdicts) {
      const letter = v.letter;
      if (letter === undefined) continue;
      letters++;
      const own = details[g] ?? [];
      const theirs = details[1 - g] ?? [];
      for (const format of [letter.text, letter.html, letter.subject]) {
        for (const detail of theirs) expect(format).not.toContain(detail);
      }
      expect(letter.text).toContain(own[0]);
      expect(letter.text).toContain(own[1]);
    }
    expect(letters).toBeGreaterThan(8);
  });

  it("never throws from evaluate for a practice whose printed fields are hostile", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(["name"], ["preferredMethod"], ["signOff"], ["urgentRoute", "phone"]),
        hostileString,
        async (path, text) => {
          const practiceInput = setAt(ours, [...path], text === "" ? DELETE : text);
          const made = await settle(() =>
            createGuard({ practice: practiceInput as PracticePolicyInput }),
          );
          if (!made.ok) return;
          const result = await settle(() =>
            made.value.evaluate(task({ sentAt: "2026-12-02T09:00:00Z" }) as TaskInputRaw),
          );
          if (!result.ok) expect(isGuardError(result.error)).toBe(true);
          else expect(result.value.letter?.kind).toBe("rejection");
        },
      ),
      fuzz(150),
    );
  });
});
