/**
 * The CLI is a user of the library like any other: a file in src/cli may import only
 *   - Node's built-in modules (`node:` specifiers);
 *   - other files in src/cli;
 *   - the package's public entry modules: the sources of what package.json's `exports` map
 *     resolves `gp-task-guard` to (`dist/index.*` → src/index.ts, `dist/node.*` → src/node.ts,
 *     `dist/reference.*` → src/reference.ts);
 *   - data files the package ships for its users: `.json` files in a folder that package.json's
 *     `files` lists (the JSON Schemas in schema/).
 * Anything else (src/analysis/*, src/input/*, a third-party package) is an import of
 * something a user of the package cannot reach, and fails here.
 */
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const cliDir = join(root, "src", "cli");

interface PackageJson {
  exports: unknown;
  files: string[];
}

async function packageJson(): Promise<PackageJson> {
  return JSON.parse(await readFile(join(root, "package.json"), "utf8")) as PackageJson;
}

/** Every string in the exports map, e.g. "./dist/node.js". */
function exportTargets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "object" && value !== null)
    return Object.values(value).flatMap(exportTargets);
  return [];
}

/** The source files of the package's entry modules: `./dist/<name>.js` → `src/<name>.ts`. */
function entrySources(pkg: PackageJson): Set<string> {
  const sources = new Set<string>();
  for (const target of exportTargets(pkg.exports)) {
    const name = /^\.\/dist\/([\w-]+)\.(?:js|cjs)$/.exec(target)?.[1];
    if (name !== undefined) sources.add(join(root, "src", `${name}.ts`));
  }
  return sources;
}

/** Why an import from `file` of `specifier` is not allowed, or undefined when it is. */
function refusal(
  file: string,
  specifier: string,
  entries: ReadonlySet<string>,
  shipped: readonly string[],
): string | undefined {
  if (specifier.startsWith("node:")) return undefined;
  if (!specifier.startsWith(".")) return "a package other than Node's built-ins";
  const target = resolve(dirname(file), specifier.replace(/\.js$/, ".ts"));
  if (target.startsWith(cliDir + sep)) return undefined;
  if (entries.has(target)) return undefined;
  const inShipped = shipped.some((folder) => target.startsWith(join(root, folder) + sep));
  if (inShipped && target.endsWith(".json")) return undefined;
  return "a module that is not a public entry of the package";
}

/** The module specifiers a source file imports or re-exports, statically or dynamically. */
function specifiers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

async function rules(): Promise<{ entries: Set<string>; shipped: string[] }> {
  const pkg = await packageJson();
  return { entries: entrySources(pkg), shipped: pkg.files.filter((f) => f !== "dist") };
}

describe("the CLI's imports", () => {
  it("takes the package's entry modules from package.json: src/index.ts, node.ts and reference.ts", async () => {
    const { entries } = await rules();
    expect([...entries].map((e) => relative(root, e)).sort()).toEqual([
      join("src", "index.ts"),
      join("src", "node.ts"),
      join("src", "reference.ts"),
    ]);
  });

  it("refuses a library module, a third-party package and a file that is not shipped", async () => {
    const { entries, shipped } = await rules();
    const file = join(cliDir, "commands", "report.ts");
    expect(refusal(file, "../../analysis/report.js", entries, shipped)).toBeDefined();
    expect(refusal(file, "../../input/task.js", entries, shipped)).toBeDefined();
    expect(refusal(file, "zod", entries, shipped)).toBeDefined();
    expect(refusal(file, "../../../package.json", entries, shipped)).toBeDefined();
    expect(refusal(file, "../../../rules/ruleset.ts", entries, shipped)).toBeDefined();
    expect(refusal(file, "../../node.js", entries, shipped)).toBeUndefined();
    expect(refusal(file, "../io.js", entries, shipped)).toBeUndefined();
    expect(refusal(file, "node:fs/promises", entries, shipped)).toBeUndefined();
    expect(refusal(file, "../../../schema/task.schema.json", entries, shipped)).toBeUndefined();
  });

  it("imports only the public entry modules, Node built-ins, shipped JSON and src/cli itself", async () => {
    const { entries, shipped } = await rules();
    const refused: string[] = [];
    for (const file of await sourceFiles(cliDir)) {
      for (const specifier of specifiers(file, await readFile(file, "utf8"))) {
        const why = refusal(file, specifier, entries, shipped);
        if (why !== undefined) refused.push(`${relative(root, file)}: "${specifier}" is ${why}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
