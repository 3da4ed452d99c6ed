#!/usr/bin/env node
/**
 * Usage: node scripts/check-doc-commands.mjs [--help]
 *
 * Runs every shell command in README.md and docs/**.md (fenced ```sh or ```bash blocks) as
 * written, after `npm ci` and the build, in a scratch copy of the repository (so no committed
 * file is overwritten), one block per bash session in order. Fails naming each command that
 * exits non-zero. The few commands it skips are listed below, each with why. CI runs it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(
    "Usage: node scripts/check-doc-commands.mjs\n\nRuns every ```sh command of README.md and docs/ in a scratch copy of the repository.\n",
  );
  process.exit(0);
}

/** Commands not run, and why. */
const skipped = new Map([
  ["npm ci && npm run demo", "npm ci is what this runs after; CI's demo step runs npm run demo"],
  ["npm test", "CI runs the test suite as its own step"],
  ["npm ci", "this runs after npm ci"],
  ["npm pack", "CI's pack step packs and checks the tarball"],
]);

const root = join(import.meta.dirname, "..");
const docs = ["README.md"];
const walk = (dir) => {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith(".md")) docs.push(path);
  }
};
walk("docs");

/** The commands of each fenced sh/bash block: continuation lines joined, trailing comments kept. */
function blocks(markdown) {
  const out = [];
  for (const match of markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
    const commands = [];
    let pending = "";
    for (const line of match[1].split("\n")) {
      if (pending === "" && (line.trim() === "" || line.trim().startsWith("#"))) continue;
      pending += line.endsWith("\\") ? `${line.slice(0, -1)} ` : line;
      if (!line.endsWith("\\")) {
        commands.push(pending.trim());
        pending = "";
      }
    }
    out.push(commands);
  }
  return out;
}

const scratch = mkdtempSync(join(tmpdir(), "gp-task-guard-docs-"));
cpSync(root, scratch, {
  recursive: true,
  filter: (src) => !/[/\\](node_modules|\.git|\.tmp)$/.test(src),
});
symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"));

const failures = [];
let ran = 0;
for (const doc of docs) {
  for (const commands of blocks(readFileSync(join(root, doc), "utf8"))) {
    const script = [];
    for (const command of commands) {
      const bare = command.replace(/\s+#.*$/, "").trim();
      if (skipped.has(bare)) {
        process.stdout.write(`skip  ${doc}: ${bare} (${skipped.get(bare)})\n`);
        continue;
      }
      script.push(command);
    }
    for (const [i, command] of script.entries()) {
      // Earlier commands of the block run first, quietly, so that a block reads as one session.
      const setup = script.slice(0, i).map((c) => `${c} > /dev/null 2>&1`);
      const result = spawnSync("bash", ["-c", [...setup, command].join("\n")], {
        cwd: scratch,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        timeout: 300_000,
      });
      ran += 1;
      const ok = result.status === 0;
      process.stdout.write(`${ok ? "ok   " : "FAIL "} ${doc}: ${command}\n`);
      if (!ok) failures.push(`${doc}: ${command}\n${(result.stderr || result.stdout).slice(-800)}`);
    }
  }
}
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(
  `\n${ran} commands run, ${failures.length} failed, from ${docs.length} markdown files (README.md and docs/)\n`,
);
if (failures.length > 0) {
  process.stderr.write(`\n${failures.join("\n\n")}\n`);
  process.exit(1);
}
