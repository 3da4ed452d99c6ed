import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRulesetError } from "../../src/errors/ruleset-error.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { setAt } from "./fuzz.js";

const root = join(import.meta.dirname, "..", "..");

/** Compares dotted versions numerically: -1, 0 or 1. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

async function versionOf(packageJson: string): Promise<string> {
  const { version } = JSON.parse(await readFile(packageJson, "utf8")) as { version: string };
  return version;
}

/** The package.json of `name` as `from`'s package resolves it (nested copies included). */
function packageJsonOf(name: string, from = root): string {
  const resolver = createRequire(join(from, "package.json"));
  let dir = dirname(resolver.resolve(name));
  while (!dir.endsWith(join("node_modules", name))) {
    if (dirname(dir) === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = dirname(dir);
  }
  return join(dir, "package.json");
}

describe("runtime dependencies with known advisories", () => {
  it("resolves json-rules-engine's jsonpath-plus at 10.4.0 or later", async () => {
    const engine = dirname(packageJsonOf("json-rules-engine"));
    const version = await versionOf(packageJsonOf("jsonpath-plus", engine));
    expect(compareVersions(version, "10.4.0")).toBeGreaterThanOrEqual(0);
  });

  it("resolves handlebars at 4.7.10 or later", async () => {
    const version = await versionOf(packageJsonOf("handlebars"));
    expect(compareVersions(version, "4.7.10")).toBeGreaterThanOrEqual(0);
  });

  it("pins jsonpath-plus with an override and records both versions in the committed lockfile", async () => {
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
      overrides?: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.overrides?.["jsonpath-plus"]).toBe("^10.4.0");
    expect(pkg.dependencies.handlebars).toBe("^4.7.10");
    const lock = JSON.parse(await readFile(join(root, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    const locked = (name: string) =>
      Object.entries(lock.packages)
        .filter(([path]) => path.endsWith(`node_modules/${name}`))
        .map(([, entry]) => entry.version ?? "0.0.0");
    expect(locked("jsonpath-plus").length).toBeGreaterThan(0);
    for (const v of locked("jsonpath-plus"))
      expect(compareVersions(v, "10.4.0")).toBeGreaterThanOrEqual(0);
    for (const v of locked("handlebars"))
      expect(compareVersions(v, "4.7.10")).toBeGreaterThanOrEqual(0);
  });

  it("keeps JSONPath out of reach: a rule condition with a path is refused at load", () => {
    const files = defaultRulesetFiles as Record<string, unknown>;
    const withPath = setAt(files["fit-note.json"], ["conditions", "all", 0, "path"], "$..*");
    let error: unknown;
    try {
      buildRuleset({ ...files, "fit-note.json": withPath });
    } catch (e) {
      error = e;
    }
    expect(isRulesetError(error)).toBe(true);
  });
});
