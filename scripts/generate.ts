/**
 * Usage: npm run generate
 * Regenerates every generated file (bundled rules and templates, JSON Schemas, and the
 * generated regions of README.md and docs/: tables, counts, hashes, sample outputs, scores
 * and the recorded bench figures). test/generated.test.ts fails when any of them is stale.
 *
 * The docs' CLI samples run the bundled ruleset, which this script may have just rewritten
 * under src/: when it did, the script runs again in a fresh process, so the samples are made
 * from the new rules and not from the modules this process loaded before.
 */
import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generators } from "./gen/index.js";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(
    "Usage: npm run generate\n\nRewrites the generated files and the generated regions of README.md and docs/.\n",
  );
  process.exit(0);
}

const root = join(import.meta.dirname, "..");
const changed: string[] = [];
for (const generator of generators) {
  for (const file of await generator.generate()) {
    const target = join(root, file.path);
    const before = await readFile(target, "utf8").catch(() => undefined);
    if (before === file.content) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    changed.push(file.path);
    console.log(`${generator.name}: wrote ${file.path}`);
  }
}
if (changed.length === 0) console.log("every generated file was up to date");

if (changed.some((path) => path.startsWith("src/")) && process.env.GP_GENERATE_AGAIN !== "1") {
  console.log("the bundled sources changed: generating again in a fresh process");
  const again = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    stdio: "inherit",
    env: { ...process.env, GP_GENERATE_AGAIN: "1" },
  });
  process.exitCode = again.status ?? 1;
}
