import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { isTemplateError, type TemplateError } from "../../src/errors/template-error.js";
import { buildTemplates } from "../../src/letters/custom-templates.js";
import { defaultTemplates } from "../../src/letters/default-templates.generated.js";
import { loadTemplates } from "../../src/letters/load-templates.js";
import { renderLetter } from "../../src/letters/render.js";
import { acceptingPractice, task, unassigned } from "./fixtures.js";
import { htmlProblems } from "./html.js";

const context = { practice: acceptingPractice, date: "2026-10-01", task, findings: [unassigned] };

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-templates-"));
  for (const [name, source] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), source);
  }
  return dir;
}

function refusal(files: Record<string, string>): TemplateError {
  try {
    buildTemplates(files, "test");
  } catch (error) {
    if (isTemplateError(error)) return error;
    throw error;
  }
  throw new Error("expected the templates to be refused");
}

describe("custom templates from a folder", () => {
  it("override a bundled template by name, keeping the others", async () => {
    const dir = await folder({
      "reminder.txt.hbs":
        "Hello from {{practice.name}} about your Task of {{formatDate task.sentAt}}.\n",
      "partials/signature.html.hbs": "<p>With thanks, the {{practice.name}} team</p>\n",
    });
    const letter = renderLetter("reminder", context, { templates: dir });
    expect(letter.text).toBe("Hello from Example Surgery about your Task of 2 December 2026.\n");
    expect(letter.html).toContain("<p>With thanks, the Example Surgery team</p>");
    expect(letter.subject).toBe("Your SystmOne Task of 2 December 2026: a reminder for next time");
    expect(await htmlProblems(letter.html)).toEqual([]);
  });

  it("are read and compiled once per folder by renderLetter, and afresh by loadTemplates", async () => {
    const dir = await folder({ "reminder.subject.hbs": "First {{practice.name}}" });
    expect(renderLetter("reminder", context, { templates: dir }).subject).toBe(
      "First Example Surgery",
    );
    await writeFile(join(dir, "reminder.subject.hbs"), "Second {{practice.name}}");
    expect(renderLetter("reminder", context, { templates: dir }).subject).toBe(
      "First Example Surgery",
    );
    const templates = await loadTemplates(dir);
    expect(templates.overridden).toEqual(["reminder.subject.hbs"]);
    expect(renderLetter("reminder", context, { templates }).subject).toBe("Second Example Surgery");
  });

  it("is a TemplateError at load for a field that does not exist, naming the field", async () => {
    const dir = await folder({ "reminder.txt.hbs": "Dear {{task.sender.nmae}}\n" });
    await expect(loadTemplates(dir)).rejects.toMatchObject({
      name: "TemplateError",
      template: "reminder.txt.hbs",
      path: "task.sender.nmae",
    });
    await expect(loadTemplates(dir)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TemplateError: Template reminder.txt.hbs (task.sender.nmae): unknown field "nmae" in task.sender (known fields: organisation, odsCode, unit, team, name, role, kind) at line 1, column 8]`,
    );
    expect(() => renderLetter("reminder", context, { templates: dir })).toThrow(
      /task\.sender\.nmae/,
    );
  });

  it("is a TemplateError at load for a field of another kind's context", () => {
    expect(refusal({ "opt-out-notice.txt.hbs": "{{team.organisation}}" }).path).toBe("team");
    expect(refusal({ "practice-guidance.txt.hbs": "{{provider.name}}" }).path).toBe("provider");
  });

  it("is a TemplateError at load for a helper that does not exist", () => {
    const error = refusal({ "reminder.txt.hbs": "{{shout practice.name}}" });
    expect(error.path).toBe("shout");
    expect(error.message).toMatchInlineSnapshot(
      `"Template reminder.txt.hbs (shout): unknown helper "shout" (helpers: formatDate, formatNhsNumber, hasRule, hasSeverity, eq, plural, includes, if, unless, each, with, lookup) at line 1, column 1"`,
    );
    expect(refusal({ "reminder.txt.hbs": '{{log "hello"}}' }).path).toBe("log");
    expect(refusal({ "reminder.txt.hbs": "{{#shout}}x{{/shout}}" }).path).toBe("shout");
    expect(refusal({ "reminder.txt.hbs": "{{formatDate}}" }).path).toBe("formatDate");
  });

  it("is a TemplateError at load for an unknown partial, a partial in a loop, or a decorator", () => {
    expect(refusal({ "reminder.txt.hbs": "{{> nowhere}}" }).path).toBe("nowhere");
    expect(
      refusal({ "partials/loop.hbs": "{{> loop}}", "reminder.txt.hbs": "{{> loop}}" }).path,
    ).toBe("loop");
    expect(refusal({ "reminder.txt.hbs": '{{#*inline "x"}}y{{/inline}}' }).message).toMatch(
      /decorators/,
    );
  });

  it("is a TemplateError at load for a file name that is not a template", () => {
    const error = refusal({ "rejectoin.txt.hbs": "" });
    expect(error.template).toBe("rejectoin.txt.hbs");
    expect(error.message).toMatch(/unknown template name/);
  });

  it("is a TemplateError at load for a syntax error", () => {
    expect(refusal({ "reminder.txt.hbs": "{{#if task}}" }).message).toMatch(
      /not a valid Handlebars template/,
    );
  });

  it("is a TemplateError for a folder that cannot be read", async () => {
    const missing = join(tmpdir(), "gp-task-guard-no-such-folder");
    await expect(loadTemplates(missing)).rejects.toMatchObject({
      name: "TemplateError",
      template: missing,
    });
    expect(() => renderLetter("reminder", context, { templates: missing })).toThrow(
      /cannot read the templates folder/,
    );
  });

  it("is a TemplateError naming the field when a template prints an optional field that is absent", () => {
    const templates = buildTemplates(
      { "reminder.txt.hbs": "{{task.sender.role}} {{task.dueBy}}" },
      "test",
    );
    const { role: _, ...sender } = task.sender;
    expect(() =>
      renderLetter("reminder", { ...context, task: { ...task, sender } }, { templates }),
    ).toThrow(
      expect.objectContaining({
        name: "TemplateError",
        template: "reminder.txt.hbs",
        path: "role",
      }),
    );
  });
});

describe("templates cannot reach code or escape HTML", () => {
  it.each([
    ["{{constructor}}", "constructor"],
    ["{{__proto__}}", "__proto__"],
    ["{{practice.constructor.name}}", "practice.constructor"],
    ["{{task.__proto__.polluted}}", "task.__proto__"],
    ['{{lookup this "constructor"}}', "lookup.constructor"],
    ['{{#with (lookup practice "__proto__")}}{{/with}}', "lookup.__proto__"],
    ["{{#each practice}}{{this.constructor}}{{/each}}", "constructor"],
    ["{{@root.constructor}}", "@root.constructor"],
    ["{{hasOwnProperty}}", "hasOwnProperty"],
  ])("%s is refused at load", (source, path) => {
    const error = refusal({ "reminder.txt.hbs": source });
    expect(error.path).toBe(path);
    expect(error.message).toMatch(/not a field a letter can read/);
  });

  it("a lookup with a computed key (which data could set to constructor) is refused at load", () => {
    const error = refusal({ "reminder.txt.hbs": "{{lookup practice task.sender.name}}" });
    expect(error.path).toBe("lookup");
    expect(error.message).toMatch(/quoted field name/);
  });

  it("Handlebars itself still denies prototype access at render time", () => {
    const render = Handlebars.create().compile("{{constructor.name}}", { strict: false });
    expect(render({})).toBe("");
  });

  it.each([["{{{practice.name}}}"], ["{{&practice.name}}"]])(
    "%s (unescaped) is refused in an HTML template",
    (source) => {
      expect(refusal({ "reminder.html.hbs": source }).message).toMatch(
        /HTML letters escape all data/,
      );
      expect(refusal({ "partials/signature.html.hbs": source }).template).toBe(
        "partials/signature.html.hbs",
      );
    },
  );

  it("unescaped output is allowed in a text template, where nothing is escaped anyway", () => {
    const templates = buildTemplates({ "reminder.txt.hbs": "{{{practice.name}}}" }, "test");
    expect(renderLetter("reminder", context, { templates }).text).toBe("Example Surgery\n");
  });
});

describe("the bundled templates", () => {
  it("are all in the generated module, one text, HTML and subject template per kind", () => {
    const names = Object.keys(defaultTemplates);
    expect(names.filter((n) => !n.startsWith("partials/")).length).toBe(18);
    expect(names.filter((n) => n.startsWith("partials/")).length).toBeGreaterThanOrEqual(5);
  });

  it("pass the same checks as custom templates", () => {
    expect(buildTemplates({}, "default").overridden).toEqual([]);
  });
});
