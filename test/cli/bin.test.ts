/**
 * Smoke tests of the built bin, `node cli.js …`, as a user runs it: the bundle starts, reads
 * standard input, writes to real pipes and sets the exit code. The bin is built once, from
 * tsup.config.ts's CLI entry, into .tmp/cli-bin/ (inside the repository, so its dependencies
 * resolve from node_modules), so `npm test` works on a fresh clone before `npm run build`.
 * Everything else about the commands is tested in-process in test/cli/cli.e2e.test.ts.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { build, type Options } from "tsup";
import { beforeAll, describe, expect, it } from "vitest";
import config from "../../tsup.config.js";
import { root } from "./run-cli.js";

const outDir = join(root, ".tmp", "cli-bin");
const cli = join(outDir, "cli.js");

beforeAll(async () => {
  // The config may be a function (tsup calls it with the command line's options).
  const resolved = typeof config === "function" ? await config({}) : config;
  const entries = (Array.isArray(resolved) ? resolved : [resolved]) as Options[];
  const cliEntry = entries.find(
    (e) => typeof e.entry === "object" && e.entry !== null && "cli" in e.entry,
  );
  if (cliEntry === undefined) throw new Error("tsup.config.ts has no cli entry");
  await rm(outDir, { recursive: true, force: true });
  await build({ ...cliEntry, outDir, config: false, silent: true, sourcemap: false });
}, 120_000);

function bin(args: string[], input?: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8", input });
}

describe("the gp-task-guard bin", () => {
  it("prints the package's version", async () => {
    const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
      version: string;
    };
    const { status, stdout } = bin(["--version"]);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it("evaluates a task from standard input and exits 0", async () => {
    const single = await readFile(join(root, "test/cli/fixtures/single-task.json"), "utf8");
    const { status, stdout, stderr } = bin(
      ["evaluate", "-", "-p", "examples/practice.json", "-f", "jsonl", "-q"],
      single,
    );
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ taskId: "40000133", outcome: "reject" });
  });

  it("exits 1 for a batch with bad records and 2 for a missing practice file", () => {
    const bad = bin([
      "evaluate",
      "test/cli/fixtures/batch-malformed.jsonl",
      "-p",
      "examples/practice.json",
      "-f",
      "jsonl",
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stdout.trimEnd().split("\n")).toHaveLength(6);
    const missing = bin(["evaluate", "examples/corpus.jsonl", "-p", "no/such/practice.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the practice file no\/such\/practice\.json/);
  });

  it("ends with exit 2 and one line, no stack, when the output cannot be written (> /dev/full)", () => {
    // /dev/full is Linux's always-full device (CI runs on Linux); elsewhere there is none.
    if (!existsSync("/dev/full")) return;
    const full = openSync("/dev/full", "w");
    try {
      const result = spawnSync(
        process.execPath,
        [cli, "evaluate", "examples/corpus.jsonl", "-p", "examples/practice.json", "-q"],
        { cwd: root, encoding: "utf8", stdio: ["ignore", full, "pipe"] },
      );
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/cannot write the output: ENOSPC/);
      expect(result.stderr).not.toMatch(/\s+at /);
    } finally {
      closeSync(full);
    }
  });
});
