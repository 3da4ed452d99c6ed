import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build, type Plugin } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateScenario } from "./scenario.js";

const run = promisify(execFile);

/** Debian's Chromium (`apt-get install -y chromium`), or one named by CHROMIUM. */
const chromium = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (path): path is string => path !== undefined && path !== "" && existsSync(path),
);
const inCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";
if (chromium === undefined && !inCi) {
  console.warn(
    "browser test skipped: Chromium is not installed (apt-get update && apt-get install -y chromium). CI installs it and runs this test.",
  );
}

/** A Node import met while bundling: where, and whether statically or through a lazy `import()`. */
interface NodeImport {
  path: string;
  kind: string;
  importer: string;
}

/** Leaves Node built-ins out of the bundle, recording each import of one and how it is made. */
function recordNodeImports(found: NodeImport[]): Plugin {
  return {
    name: "record-node-imports",
    setup(setupBuild) {
      setupBuild.onResolve({ filter: /^node:/ }, (args) => {
        found.push({ path: args.path, kind: args.kind, importer: args.importer });
        return { path: args.path, external: true };
      });
    },
  };
}

function decodeEntities(html: string): string {
  return html
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

describe("in a browser", () => {
  const nodeImports: NodeImport[] = [];
  let dir = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gp-task-guard-browser-"));
    const bundle = await build({
      entryPoints: [join(import.meta.dirname, "page.ts")],
      bundle: true,
      platform: "browser",
      format: "iife",
      target: "es2022",
      write: false,
      logLevel: "silent",
      plugins: [recordNodeImports(nodeImports)],
    });
    const script = bundle.outputFiles[0]?.text ?? "";
    await writeFile(join(dir, "page.js"), script);
    // The first script catches a bundle that fails as it loads (a static Node import would).
    await writeFile(
      join(dir, "index.html"),
      [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8"><title>gp-task-guard in a browser</title></head><body>',
        '<pre id="verdict">pending</pre>',
        "<script>window.addEventListener('error', (e) => { document.getElementById('verdict').textContent = JSON.stringify({ error: String(e.message) }); });</script>",
        '<script src="page.js"></script>',
        "</body></html>",
      ].join("\n"),
    );
  }, 60_000);

  afterAll(async () => {
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it("bundles for the browser with Node built-ins reached only through a lazy import()", () => {
    const eager = nodeImports.filter((i) => i.kind !== "dynamic-import");
    expect(eager, "static Node imports reachable from the main entry").toEqual([]);
  });

  it.skipIf(chromium === undefined && !inCi)(
    "evaluates a FHIR Task in headless Chromium and gives the verdict Node gives",
    async () => {
      if (chromium === undefined) {
        throw new Error(
          "Chromium is not installed: CI must install it (apt-get install -y chromium)",
        );
      }
      const profile = await mkdtemp(join(tmpdir(), "gp-task-guard-chromium-"));
      try {
        const { stdout } = await run(
          chromium,
          [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=10000",
            `--user-data-dir=${profile}`,
            "--dump-dom",
            pathToFileURL(join(dir, "index.html")).href,
          ],
          { timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
        );
        const text = stdout.match(/<pre id="verdict">([\s\S]*?)<\/pre>/)?.[1];
        expect(text, "the page wrote nothing into #verdict").toBeDefined();
        const fromBrowser = JSON.parse(decodeEntities(text ?? "")) as Record<string, unknown>;
        expect(fromBrowser.error).toBeUndefined();
        expect(String(fromBrowser.userAgent)).toContain("Chrome");
        const { userAgent: _agent, ...verdict } = fromBrowser;
        expect(verdict).toEqual(await evaluateScenario());
        expect(verdict.ruleIds).toEqual(verdict.referenceRuleIds);
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
