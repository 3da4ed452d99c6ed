/**
 * Usage: npm run generate [-- --check]
 * Regenerates every generated file (bundled rules and templates, JSON Schemas, and the
 * generated regions of README.md and docs/: tables, counts, hashes, sample outputs, scores
 * and the recorded bench figures). With --check it writes nothing and exits 1 naming each
 * stale file; CI runs it. test/generated.test.ts fails when any of them is stale, but for the
 * regions built from scoring every labelled set, which only --check compares.
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
    "Usage: npm run generate [-- --check]\n\nRewrites the generated files and the generated regions of README.md and docs/.\n--check  write nothing; exit 1 naming each file that is stale\n",
  );
  process.exit(0);
}

const root = join(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const changed: string[] = [];
for (const generator of generators) {
  for (const file of await generator.generate()) {
    const target = join(root, file.path);
    const before = await readFile(target, "utf8").catch(() => undefined);
    if (before === file.content) continue;
    if (check) {
      changed.push(file.path);
      console.error(`${generator.name}: ${file.path} is stale`);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    changed.push(file.path);
    console.log(`${generator.name}: wrote ${file.path}`);
  }
}
if (changed.length === 0) console.log("every generated file was up to date");
if (check && changed.length > 0) {
  console.error("run npm run generate and commit the files it writes");
  process.exit(1);
}

if (changed.some((path) => path.startsWith("src/")) && process.env.GP_GENERATE_AGAIN !== "1") {
  console.log("the bundled sources changed: generating again in a fresh process");
  const again = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    stdio: "inherit",
    env: { ...process.env, GP_GENERATE_AGAIN: "1" },
  });
  process.exitCode = again.status ?? 1;
}
