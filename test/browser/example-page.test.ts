/**
 * The browser entry and examples/browser/: the default entry bundles with a plain
 * `esbuild --bundle --platform=browser` (no plugins, no externals), and the example page,
 * opened from a file in headless Chromium with no server, evaluates a task a user fills in.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserVariants } from "../../scripts/browser-variants.js";
import { createGuard } from "../../src/index.js";
import { parsePractice } from "../../src/input/practice.js";
import { defaultRuleset } from "../../src/rules/default.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");
const chromium = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (path): path is string => path !== undefined && path !== "" && existsSync(path),
);
const inCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

/** What a person types into the page: a task other than the one the page starts with. */
const taskFile = join(root, "examples", "tasks", "06-b12-no-journal.json");

function textOf(html: string, id: string): string | undefined {
  const match = html.match(new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`));
  return match?.[1]
    ?.replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

describe("the default entry in a browser bundle", () => {
  it("bundles with esbuild --bundle --platform=browser and nothing else", async () => {
    const result = await build({
      entryPoints: [join(root, "src", "index.ts")],
      bundle: true,
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    // Node built-ins appear only as strings for process.getBuiltinModule, never as imports.
    expect(result.outputFiles[0]?.text).not.toMatch(/(?:import\(|require\(|from )\s*["']node:/);
  });

  it("is what bundlers get from package.json; Node gets the entry that reads files", async () => {
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
    const entry = pkg.exports["."];
    expect(Object.keys(entry)[0]).toBe("node");
    expect(entry.node.import.default).toBe("./dist/node.js");
    expect(entry.import.default).toBe("./dist/index.js");
    expect(entry.require.default).toBe("./dist/index.cjs");
    expect(pkg.module).toBe("./dist/index.js");
    const reference = pkg.exports["./reference"];
    expect(reference.node.import.default).toBe("./dist/node.js");
    expect(reference.import.default).toBe("./dist/reference.js");
    expect(reference.require.default).toBe("./dist/reference.cjs");
  });

  it("is built without json-rules-engine, the Handlebars compiler, template sources or checker", async () => {
    const result = await build({
      stdin: {
        contents:
          'export { createGuard, renderLetter, fromFhirTask, toCdsCards } from "./src/index.ts";',
        resolveDir: root,
        sourcefile: "entry.js",
      },
      bundle: true,
      minify: true,
      platform: "browser",
      write: false,
      metafile: true,
      logLevel: "silent",
      plugins: [browserVariants()],
    });
    // What the bundle carries: inputs with bytes in the output (tree-shaken ones list 0).
    const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => file),
    );
    expect(inputs).toContain("src/letters/bundled-programs.generated.ts");
    const heavy =
      /handlebars\/dist\/cjs\/handlebars\/runtime|json-rules-engine\/|jsonpath-plus|eventemitter2|compiler\/(compiler|javascript-compiler)|default-templates\.generated|view-shapes\.generated|letters\/validate\.ts|letters\/custom-templates\.ts|zod\/v4\/classic|json-schema/;
    expect(inputs.filter((file) => heavy.test(file))).toEqual([]);
  });

  it("refuses a templates folder, the HTML pages and the reference engine with typed errors; /reference runs it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-variants-"));
    try {
      const bundle = async (name: string, keep: string[]) => {
        const file = join(dir, `${name}.mjs`);
        await build({
          entryPoints: [join(root, "src", `${name}.ts`)],
          bundle: true,
          format: "esm",
          platform: "browser",
          outfile: file,
          logLevel: "silent",
          plugins: [browserVariants(keep)],
        });
        return (await import(pathToFileURL(file).href)) as typeof import("../../src/index.js");
      };
      const browser = await bundle("index", []);
      const reference = await bundle("reference", ["json-rules-engine"]);
      const { practice, task } = defaultRuleset().examples;
      const fitNote = { ...task, body: "Please issue a fit note for 4 weeks from today." };
      expect(() =>
        browser.renderLetter(
          "practice-guidance",
          { practice: practice as never },
          {
            templates: "templates",
          },
        ),
      ).toThrow(/a templates folder can only be read in Node/);
      // The analyst's pages are compiled from their templates in Node only.
      const rules = browser.defaultRuleset();
      const diff = new browser.VerdictDiff(rules, rules).result();
      expect(() => browser.renderDiffHtml(diff)).toThrow(
        /the analyst's HTML pages are rendered in Node/,
      );
      const guard = browser.createGuard({
        practice: practice as never,
        engine: "json-rules-engine",
      });
      await expect(guard.evaluate(fitNote as never)).rejects.toSatisfy(
        (e) =>
          browser.isGuardError(e) &&
          e.code === "REFERENCE_ENGINE_UNAVAILABLE" &&
          /gp-task-guard\/reference/.test(e.message),
      );
      const compiled = await browser
        .createGuard({ practice: practice as never })
        .evaluate(fitNote as never);
      const referenced = await reference
        .createGuard({ practice: practice as never, engine: "json-rules-engine" })
        .evaluate(fitNote as never);
      expect(compiled.outcome).toBe("reject");
      expect(referenced.findings.map((f) => f.ruleId)).toEqual(
        compiled.findings.map((f) => f.ruleId),
      );
      expect(referenced.letter).toEqual(compiled.letter);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("has loadRuleset and loadTemplates that reject with the library's errors, saying why", async () => {
    const { loadRuleset, loadTemplates, isRulesetError, isTemplateError } = await import(
      "../../src/index.js"
    );
    await expect(loadRuleset("rules")).rejects.toSatisfy(
      (e) => isRulesetError(e) && /needs Node/.test(e.message),
    );
    await expect(loadTemplates("templates")).rejects.toSatisfy(
      (e) => isTemplateError(e) && /needs Node/.test(e.message),
    );
  });
});

describe("examples/browser", () => {
  let dir = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gp-task-guard-page-"));
    // The page's script as `npm run example:browser` bundles it, with the package's name
    // pointing at this checkout's default entry (not at a dist/ that may be stale).
    await build({
      entryPoints: [join(root, "examples", "browser", "app.ts")],
      bundle: true,
      platform: "browser",
      outfile: join(dir, "app.js"),
      alias: { "gp-task-guard": join(root, "src", "index.ts") },
      logLevel: "silent",
    });
    const task = await readFile(taskFile, "utf8");
    // A person's steps, run after the page's own script: fill in the task, press Evaluate.
    const person = `<script>
      window.addEventListener("load", () => {
        document.getElementById("task").value = ${JSON.stringify(task)};
        document.getElementById("evaluate").click();
      });
    </script>`;
    const page = await readFile(join(root, "examples", "browser", "index.html"), "utf8");
    expect(page).toContain('<script src="app.js" defer></script>');
    await writeFile(join(dir, "index.html"), page.replace("</body>", `${person}\n</body>`));
  }, 60_000);

  afterAll(async () => {
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(chromium === undefined && !inCi)(
    "shows the verdict and the letter Node gives for a task filled in by hand, from a file URL",
    async () => {
      if (chromium === undefined) throw new Error("Chromium is not installed: CI must install it");
      const profile = await mkdtemp(join(tmpdir(), "gp-task-guard-chromium-"));
      let html = "";
      try {
        const { stdout } = await run(
          chromium,
          [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--virtual-time-budget=10000",
            `--user-data-dir=${profile}`,
            "--dump-dom",
            pathToFileURL(join(dir, "index.html")).href,
          ],
          { timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
        );
        html = stdout;
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
      const practice = parsePractice(
        JSON.parse(await readFile(join(root, "examples", "practice.json"), "utf8")),
      );
      const expected = await createGuard({ practice }).evaluate(
        JSON.parse(await readFile(taskFile, "utf8")),
      );
      expect(html).toMatch(/<section id="problem"[^>]*hidden/);
      expect(html).not.toMatch(/<section id="result"[^>]*hidden/);
      expect(textOf(html, "outcome")).toBe(expected.outcome);
      expect(expected.outcome).toBe("remind");
      expect(textOf(html, "letter-subject")).toBe(expected.letter?.subject);
      expect(textOf(html, "letter-text")).toBe(expected.letter?.text);
      for (const finding of expected.findings) expect(html).toContain(finding.title);
    },
    120_000,
  );
});
