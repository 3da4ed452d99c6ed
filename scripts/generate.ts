/**
 * Usage: npm run generate
 * Regenerates every generated file (bundled rules and templates, JSON Schemas, README tables).
 * test/generated.test.ts fails when any of them is stale.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { generators } from "./gen/index.js";

const root = join(import.meta.dirname, "..");
for (const generator of generators) {
  for (const file of await generator.generate()) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    console.log(`${generator.name}: wrote ${file.path}`);
  }
}
