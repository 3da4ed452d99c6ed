import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isTemplateError, type TemplateError } from "../../src/errors/template-error.js";
import type { LetterContext } from "../../src/letters/context.js";
import { buildTemplates } from "../../src/letters/custom-templates.js";
import { loadTemplates } from "../../src/letters/load-templates.js";
import { renderLetter } from "../../src/letters/render.js";
import { practice } from "./fuzz.js";

/**
 * Custom templates are code an analyst supplies: a folder must not reach outside itself, and
 * a template must not take longer to check or render than its size suggests.
 */

const declining = { ...practice, externalTasks: { policy: "decline", from: "2026-12-01" } };
const context = { practice: declining, date: "2026-10-01" } as unknown as LetterContext;

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-hostile-templates-"));
  for (const [name, source] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), source);
  }
  return dir;
}

async function refusedFolder(dir: unknown): Promise<TemplateError> {
  const error = await loadTemplates(dir as string).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isTemplateError(error), String(error)).toBe(true);
  // The path the library was given as a folder, never a stack: and renderLetter agrees.
  expect(() => renderLetter("opt-out-notice", context, { templates: dir as string })).toThrowError(
    expect.objectContaining({ name: "TemplateError" }),
  );
  return error as TemplateError;
}

function refused(files: Record<string, string>): TemplateError {
  const started = performance.now();
  try {
    buildTemplates(files, "test");
  } catch (error) {
    expect(performance.now() - started).toBeLessThan(2_000);
    if (isTemplateError(error)) return error;
    throw error;
  }
  throw new Error("expected the templates to be refused");
}

describe("a custom templates folder", () => {
  it("refuses a template that is a symbolic link to a file outside the folder", async () => {
    const outside = await folder({ "secret.txt": "not a letter {{practice.name}}" });
    const dir = await folder({});
    await symlink(join(outside, "secret.txt"), join(dir, "opt-out-notice.txt.hbs"));
    const error = await refusedFolder(dir);
    expect(error.template).toBe("opt-out-notice.txt.hbs");
    expect(error.message).toMatch(/outside the templates folder/);
    expect(error.message).not.toContain(outside);
  });

  it("reads a template saved with a byte order mark or as UTF-16 with one, and refuses UTF-16 without one by name", async () => {
    const text = "Hello from {{practice.name}}";
    for (const bytes of [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    ]) {
      const dir = await folder({});
      await writeFile(join(dir, "opt-out-notice.subject.hbs"), bytes);
      const templates = await loadTemplates(dir);
      expect(renderLetter("opt-out-notice", context, { templates }).subject).toBe(
        "Hello from Example Surgery",
      );
    }
    const dir = await folder({});
    await writeFile(join(dir, "opt-out-notice.subject.hbs"), Buffer.from(text, "utf16le"));
    const error = await refusedFolder(dir);
    expect(error.message).toMatch(/UTF-16 without a byte order mark/);
    expect(error.message).not.toContain("\u0000");
  });

  it("follows a symbolic link that stays inside the folder", async () => {
    const dir = await folder({ "shared.hbs.txt": "Hello from {{practice.name}}" });
    await symlink(join(dir, "shared.hbs.txt"), join(dir, "opt-out-notice.subject.hbs"));
    const templates = await loadTemplates(dir);
    expect(renderLetter("opt-out-notice", context, { templates }).subject).toBe(
      "Hello from Example Surgery",
    );
  });

  it("refuses a folder named *.hbs, a dangling symbolic link and a linked partials folder with a TemplateError", async () => {
    const withFolder = await folder({ "opt-out-notice.txt.hbs/inner": "x" });
    expect((await refusedFolder(withFolder)).message).toMatch(/is not a file/);
    const dangling = await folder({});
    await symlink(join(dangling, "nowhere.hbs"), join(dangling, "opt-out-notice.txt.hbs"));
    expect((await refusedFolder(dangling)).message).toMatch(/symbolic link to nothing/);
    const outside = await folder({ "signature.hbs": "x" });
    const linked = await folder({});
    await symlink(outside, join(linked, "partials"));
    expect((await refusedFolder(linked)).template).toBe("partials");
  });

  it("answers a folder that is not a path (undefined, a number, an empty string) with a TemplateError", async () => {
    for (const dir of [undefined, 42, "", null]) {
      const error = await loadTemplates(dir as unknown as string).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isTemplateError(error), String(dir)).toBe(true);
    }
    expect(() =>
      renderLetter("opt-out-notice", context, { templates: 42 as unknown as string }),
    ).toThrowError(expect.objectContaining({ name: "TemplateError" }));
  });

  it("refuses a template over 100,000 characters", async () => {
    const dir = await folder({ "opt-out-notice.txt.hbs": "x".repeat(100_001) });
    expect((await refusedFolder(dir)).message).toMatch(/longer than 100,000 characters/);
  });
});

describe("a custom template's cost is bounded when it loads", () => {
  it("refuses 5,000 nested blocks at once, before Handlebars parses them", () => {
    const deep = `${"{{#if date}}".repeat(5_000)}x${"{{/if}}".repeat(5_000)}`;
    expect(refused({ "opt-out-notice.txt.hbs": deep }).message).toMatch(/nests blocks/);
  });

  it("refuses partials that fan out exponentially (each including the next twice, 20 deep)", () => {
    const files: Record<string, string> = { "opt-out-notice.txt.hbs": "{{> p0}}" };
    for (let i = 0; i < 20; i++) files[`partials/p${i}.hbs`] = `{{> p${i + 1}}}{{> p${i + 1}}}`;
    files["partials/p20.hbs"] = "x";
    expect(refused(files).message).toMatch(/more than 10 deep|more than 1000 times/);
    const wide: Record<string, string> = {
      "opt-out-notice.txt.hbs": "{{> a}}",
      "partials/a.hbs": "{{> b}}".repeat(40),
      "partials/b.hbs": "{{> c}}".repeat(40),
      "partials/c.hbs": "x",
    };
    expect(refused(wide).message).toMatch(/more than 1,?000 times/);
  });

  it("refuses at render, in moments, nested loops that would visit millions of items (24 deep over two units)", () => {
    const deep = `${"{{#each @root.practice.units}}".repeat(24)}x${"{{/each}}".repeat(24)}`;
    const templates = buildTemplates({ "opt-out-notice.txt.hbs": deep }, "test");
    const twoUnits = {
      ...context,
      practice: { ...declining, units: ["Example Surgery", "Example Branch"] },
    } as unknown as LetterContext;
    const started = performance.now();
    expect(() => renderLetter("opt-out-notice", twoUnits, { templates })).toThrowError(
      expect.objectContaining({
        name: "TemplateError",
        message: expect.stringMatching(/visited more than 100,000 items/),
      }),
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    // Each render has its own budget: a loop that fits renders every time.
    const shallow = buildTemplates(
      { "opt-out-notice.txt.hbs": "{{#each practice.units}}{{this}} {{/each}}" },
      "test",
    );
    for (let i = 0; i < 3; i++) {
      expect(renderLetter("opt-out-notice", twoUnits, { templates: shallow }).text).toMatch(
        /Example Surgery Example Branch/,
      );
    }
  });

  it("keeps the bundled templates within the bounds", () => {
    expect(buildTemplates({}, "default").overridden).toEqual([]);
  });
});

describe("helper arguments are checked when a template loads", () => {
  it.each([
    ["{{formatDate practice.name}}", "formatDate", /needs a date field/],
    ['{{formatDate "2026-02-30"}}', "formatDate", /date that exists/],
    ["{{formatDate 20261201}}", "formatDate", /needs a date field/],
    ['{{#if (hasRule practice.name "fit-note")}}x{{/if}}', "hasRule", /needs a list/],
    ["{{formatNhsNumber practice}}", "formatNhsNumber", /single value/],
  ])("refuses %s", (source, path, message) => {
    const error = refused({ "opt-out-notice.txt.hbs": source });
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it("accepts a date field, a quoted date and a date in a list", () => {
    const templates = buildTemplates(
      {
        "opt-out-notice.txt.hbs":
          '{{formatDate date}} {{formatDate "2026-12-01"}} {{formatDate practice.externalTasks.from}}',
      },
      "test",
    );
    expect(renderLetter("opt-out-notice", context, { templates }).text).toBe(
      "1 October 2026 1 December 2026 1 December 2026\n",
    );
  });
});

describe("helper errors when a letter renders", () => {
  it("never print the value a helper was given ({{plural}} of a name printed the name)", () => {
    const marker = "MARKER-Jane-Example";
    const named = { ...context, practice: { ...declining, name: marker } } as LetterContext;
    for (const source of [
      '{{plural practice.name "day" "days"}}',
      '{{plural practice.odsCode "a" "b"}}',
    ]) {
      const templates = buildTemplates({ "opt-out-notice.txt.hbs": source }, "test");
      let error: unknown;
      try {
        renderLetter("opt-out-notice", named, { templates });
      } catch (e) {
        error = e;
      }
      expect(isTemplateError(error)).toBe(true);
      expect((error as TemplateError).message).toMatch(/plural needs a number, not a/);
      expect((error as TemplateError).message).not.toContain(marker);
    }
  });
});

describe("renderLetter's options", () => {
  it("takes null options as none, and answers other options that are not an object with a TemplateError", () => {
    expect(renderLetter("opt-out-notice", context, null).subject).toMatch(/Example Surgery/);
    const getter = Object.defineProperty({}, "templates", {
      get() {
        throw new Error("boom");
      },
    });
    for (const options of ["x", 1, getter]) {
      expect(() => renderLetter("opt-out-notice", context, options as never)).toThrowError(
        expect.objectContaining({ name: "TemplateError" }),
      );
    }
  });
});
