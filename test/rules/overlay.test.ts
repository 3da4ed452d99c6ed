import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRuleExamples } from "../../src/analysis/rule-tester.js";
import { createGuard } from "../../src/engine/guard.js";
import { RulesetError } from "../../src/errors/ruleset-error.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { loadRuleset } from "../../src/rules/load.js";

const root = join(import.meta.dirname, "..", "..");
const examples = join(root, "examples", "rulesets");

async function scratch(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gptg-overlay-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), JSON.stringify(content));
  }
  return dir;
}

async function issuesOf(load: Promise<unknown>) {
  try {
    await load;
  } catch (error) {
    if (error instanceof RulesetError) return error.issues;
    throw error;
  }
  throw new Error("expected a RulesetError");
}

describe("ruleset overlays", () => {
  it("sets one parameter in a file that extends the bundled rules", async () => {
    const file = join(examples, "seven-day-window.json");
    expect((await readFile(file, "utf8")).trim().split("\n").length).toBeLessThanOrEqual(4);
    const ruleset = await loadRuleset(file);
    expect(ruleset.parameters.immediateWithinDays).toBe(7);
    expect(ruleset.rules.map((r) => r.id)).toEqual(defaultRuleset().rules.map((r) => r.id));
    expect(ruleset.hash).not.toBe(defaultRuleset().hash);
    // The same overlay built in memory (no file system) is the same ruleset.
    const built = buildRuleset({
      "ruleset.json": { extends: "default", parameters: { immediateWithinDays: 7 } },
    });
    expect(built.hash).toBe(ruleset.hash);
  });

  it("hashes what runs: an overlay that changes nothing has the default's hash", () => {
    const same = buildRuleset({
      "ruleset.json": { extends: "default", parameters: { immediateWithinDays: 14 } },
    });
    expect(same.hash).toBe(defaultRuleset().hash);
  });

  it("disables a rule by override, with the hash of a ruleset without that rule", async () => {
    const ruleset = await loadRuleset(join(examples, "fit-note-disabled.json"));
    expect(ruleset.disabled).toEqual(["fit-note"]);
    expect(ruleset.rules.map((r) => r.id)).not.toContain("fit-note");

    const files = structuredClone(defaultRulesetFiles) as Record<string, Record<string, unknown>>;
    delete files["fit-note.json"];
    const top = files["ruleset.json"] as { rules: string[] };
    top.rules = top.rules.filter((id) => id !== "fit-note");
    expect(buildRuleset(files).hash).toBe(ruleset.hash);
  });

  it('disables a rule with "enabled": false in its own file, keeping it listed', async () => {
    const files = structuredClone(defaultRulesetFiles) as Record<string, Record<string, unknown>>;
    (files["fit-note.json"] as Record<string, unknown>).enabled = false;
    const dir = await scratch(files);
    const ruleset = await loadRuleset(dir);
    expect(ruleset.disabled).toEqual(["fit-note"]);
    expect(ruleset.hash).toBe((await loadRuleset(join(examples, "fit-note-disabled.json"))).hash);
  });

  it("lets fit-note requests through when fit-note is disabled, and still runs every other example", async () => {
    const ruleset = await loadRuleset(join(examples, "fit-note-disabled.json"));
    const practice = defaultRuleset().examples.practice;
    const fitNote = defaultRuleset().rules.find((r) => r.id === "fit-note");
    const guard = createGuard({ practice: practice as PracticePolicyInput, ruleset });
    const base = defaultRuleset().examples.task;
    for (const example of fitNote?.examples.fires ?? []) {
      const verdict = await guard.evaluate({ ...base, ...example.task } as TaskInputRaw);
      expect(verdict.findings.map((f) => f.ruleId)).not.toContain("fit-note");
    }
    const task = JSON.parse(
      await readFile(join(root, "examples", "tasks", "01-fit-note-from-ward.json"), "utf8"),
    );
    expect(
      (
        await createGuard({
          practice: practice as PracticePolicyInput,
          ruleset: defaultRuleset(),
        }).evaluate(task)
      ).outcome,
    ).toBe("reject");
    expect((await guard.evaluate(task)).outcome).not.toBe("reject");
    expect((await runRuleExamples(ruleset)).filter((r) => !r.ok)).toEqual([]);
  });

  it("adds a rule, its clauses and categories in one file; new categories are tried first", async () => {
    const ruleset = await loadRuleset(join(examples, "shared-care.json"));
    const rule = ruleset.rules.find((r) => r.id === "shared-care-without-agreement");
    expect(rule?.contract).toEqual(["SC11.3", "SC11.4"]);
    expect(ruleset.rules.at(-1)?.id).toBe("shared-care-without-agreement");
    expect(Object.keys(ruleset.categories).slice(0, 2)).toEqual([
      "shared-care-agreed",
      "shared-care-request",
    ]);
    expect(Object.keys(ruleset.contract.clauses)).toContain("SC8.4");
    const results = await runRuleExamples(ruleset);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.filter((r) => r.ruleId === rule?.id).length).toBeGreaterThanOrEqual(5);
  });

  it("resolves a path in extends from the overlay's own folder, through a chain", async () => {
    const dir = await scratch({
      "team/seven.json": { extends: "default", parameters: { immediateWithinDays: 7 } },
      "analyst/both.json": {
        extends: "../team/seven.json",
        overrides: { "fit-note": { enabled: false } },
      },
    });
    const ruleset = await loadRuleset(join(dir, "analyst", "both.json"));
    expect(ruleset.parameters.immediateWithinDays).toBe(7);
    expect(ruleset.disabled).toEqual(["fit-note"]);
  });

  it("reads a folder whose ruleset.json is an overlay, with a new rule's file beside it", async () => {
    const added = structuredClone(defaultRulesetFiles["fit-note.json"]) as Record<string, unknown>;
    added.id = "fit-note-again";
    const dir = await scratch({
      "ruleset.json": { extends: "default", rules: ["fit-note-again"] },
      "fit-note-again.json": added,
    });
    const ruleset = await loadRuleset(dir);
    expect(ruleset.rules.at(-1)?.id).toBe("fit-note-again");
  });

  it("names the overlay's file and path of each mistake", async () => {
    const dir = await scratch({
      "bad.json": {
        extends: "default",
        overrides: {
          "no-such-rule": { enabled: false },
          "fit-note": { severity: "warn" },
        },
      },
      "bad-fact.json": {
        extends: "default",
        overrides: {
          "fit-note": {
            conditions: { all: [{ fact: "nosuchfact", operator: "equal", value: true }] },
          },
        },
      },
      "loop-a.json": { extends: "loop-b.json" },
      "loop-b.json": { extends: "loop-a.json" },
      "missing.json": { extends: "nowhere/ruleset.json" },
      "typo.json": { extends: "default", paramters: {} },
    });
    expect(await issuesOf(loadRuleset(join(dir, "bad.json")))).toEqual([
      expect.objectContaining({
        file: "bad.json",
        path: "overrides.no-such-rule",
        code: "unknown_rule",
      }),
      expect.objectContaining({ file: "bad.json", path: "overrides.fit-note.severity" }),
    ]);
    expect(await issuesOf(loadRuleset(join(dir, "bad-fact.json")))).toEqual([
      expect.objectContaining({
        file: "bad-fact.json",
        path: "overrides.fit-note.conditions.all[0].fact",
        code: "unknown_fact",
      }),
    ]);
    expect(await issuesOf(loadRuleset(join(dir, "loop-a.json")))).toEqual([
      expect.objectContaining({ path: "extends", code: "extends_loop" }),
    ]);
    expect(await issuesOf(loadRuleset(join(dir, "missing.json")))).toEqual([
      expect.objectContaining({ code: "unreadable" }),
    ]);
    expect(await issuesOf(loadRuleset(join(dir, "typo.json")))).toEqual([
      expect.objectContaining({ file: "typo.json", code: "unrecognized_keys" }),
    ]);
    const badName = await issuesOf(
      Promise.resolve().then(() =>
        buildRuleset({
          "ruleset.json": { extends: "default", parameters: { "Within-Days": 7 } },
        }),
      ),
    );
    expect(badName).toContainEqual(
      expect.objectContaining({ file: "ruleset.json", path: "parameters.Within-Days" }),
    );
  });

  it("refuses a path in extends in buildRuleset, which reads no files", () => {
    expect(() => buildRuleset({ "ruleset.json": { extends: "../rules" } })).toThrow(
      /only extend "default"/,
    );
  });
});
