/**
 * The contract lives in this repository (README, docs/, the TSDoc): comments and docs must
 * not cite a document that is not here, such as the product specification's sections.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const folders = ["src", "scripts", "test", "docs", "examples", "templates", "rules", "bench"];
const citation = new RegExp(["SP", "EC §"].join(""));

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (/\.(ts|mjs|md|json|hbs|sh|html)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe("references", () => {
  it("cites no section of a specification that is not in the repository", async () => {
    const all = [join(root, "README.md"), join(root, "CHANGELOG.md")];
    for (const folder of folders) all.push(...(await files(join(root, folder))));
    const citing: string[] = [];
    for (const file of all) {
      if (citation.test(await readFile(file, "utf8"))) citing.push(relative(root, file));
    }
    expect(citing).toEqual([]);
  });
});
