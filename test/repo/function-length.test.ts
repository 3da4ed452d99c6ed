/**
 * No function in src/ is longer than 80 lines, so that the bar cannot slip back: a function
 * that long does several jobs, and a reader has to hold all of them at once. Aim for under 60.
 *
 * A function's length is its lines from the start of its declaration (name and parameters,
 * not the comment above) to its closing brace: function declarations and expressions, arrow
 * functions, methods, constructors and accessors, in every .ts file of src/ except the
 * generated ones (`*.generated.ts`, written by `npm run generate`).
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const maxLines = 80;

/**
 * Functions allowed over the bar, by `file:name`: none. An entry would have to be split and
 * then taken off (the test fails for an entry that is no longer over the bar).
 */
const allowed = new Set<string>([]);

interface FunctionLength {
  /** `file:name`, the file relative to the repository, the name as the source gives it. */
  id: string;
  /** Where it starts, `file:line`. */
  at: string;
  lines: number;
}

function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (node.name !== undefined) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent)) &&
    parent.name !== undefined
  ) {
    return parent.name.getText(source);
  }
  return "(anonymous)";
}

/**
 * The length of every function in a source text.
 *
 * @param file - the path the ids name, relative to the repository
 */
function functionLengths(file: string, text: string): FunctionLength[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({
        id: `${file}:${nameOf(node, source)}`,
        at: `${file}:${first + 1}`,
        lines: last - first + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".generated.ts")) out.push(path);
  }
  return out;
}

async function allFunctions(): Promise<FunctionLength[]> {
  const all: FunctionLength[] = [];
  for (const path of await sourceFiles(join(root, "src"))) {
    const file = relative(root, path).split("\\").join("/");
    all.push(...functionLengths(file, await readFile(path, "utf8")));
  }
  return all;
}

describe("function length", () => {
  it("counts a function from its declaration to its closing brace, arrows and methods too", () => {
    const text = [
      "/** not counted */",
      "export function outer(a: number): number {",
      "  const inner = (b: number) => {",
      "    return b;",
      "  };",
      "  return inner(a);",
      "}",
      "class C {",
      "  method(): void {}",
      "}",
    ].join("\n");
    const lengths = functionLengths("x.ts", text).map((f) => [f.id, f.at, f.lines]);
    expect(lengths).toEqual([
      ["x.ts:outer", "x.ts:2", 6],
      ["x.ts:inner", "x.ts:3", 3],
      ["x.ts:method", "x.ts:9", 1],
    ]);
  });

  it(`has no function in src/ over ${maxLines} lines, but the few still to split`, async () => {
    const all = await allFunctions();
    const over = all.filter((f) => f.lines > maxLines);
    const unexpected = over
      .filter((f) => !allowed.has(f.id))
      .map((f) => `${f.at} ${f.id}: ${f.lines} lines`);
    expect(unexpected).toEqual([]);
    // An allowed function that has been split (or renamed) comes off the list.
    const stale = [...allowed].filter((id) => !over.some((f) => f.id === id));
    expect(stale).toEqual([]);
  });
});
