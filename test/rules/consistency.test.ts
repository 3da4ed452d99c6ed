import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCategories } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";
import type { Condition } from "../../src/rules/schema.js";

const root = join(import.meta.dirname, "..", "..");
const ruleset = defaultRuleset();
/** Verbs a rule title may open with (ESLint style: "Require…", "Reject…"). */
const titleVerbs = ["Reject", "Require", "Remind", "Warn", "Flag"];

function requiresExternal(condition: Condition): boolean {
  return (
    "all" in condition &&
    condition.all.some(
      (c) => "fact" in c && c.fact === "external" && c.operator === "equal" && c.value === true,
    )
  );
}

describe("default ruleset consistency", () => {
  it("has exactly the rule files it lists, each named by its id", async () => {
    const files = (await readdir(join(root, "rules"))).filter(
      (f) => f.endsWith(".json") && f !== "ruleset.json",
    );
    expect(files.sort()).toEqual(ruleset.rules.map((r) => `${r.id}.json`).sort());
    for (const file of files) {
      const content = JSON.parse(await readFile(join(root, "rules", file), "utf8"));
      expect(content.id, file).toBe(file.replace(/\.json$/, ""));
      expect(content.$schema, file).toBe("../schema/rule.schema.json");
    }
  });

  it("holds the fifteen default rules with their severities", () => {
    expect(Object.fromEntries(ruleset.rules.map((r) => [r.id, r.severity]))).toEqual({
      "external-tasks-declined": "reject",
      "external-tasks-declined-soon": "info",
      "no-provider-agreement": "reject",
      "must-be-unassigned": "remind",
      "journal-reference-missing": "remind",
      "care-details-in-body": "remind",
      "immediate-action": "reject",
      "urgent-by-task": "reject",
      "results-to-patient": "reject",
      "act-on-results": "reject",
      "onward-referral": "reject",
      "prescription-after-discharge": "reject",
      "prescription-after-clinic": "reject",
      "fit-note": "reject",
      "delegated-clinical-work": "info",
    });
  });

  it("cites the guidance's clause for each Standard Contract rule", () => {
    const cited = Object.fromEntries(
      ruleset.rules
        .filter((r) => r.contract.length > 0)
        .map((r) => [r.id, r.contract.map((id) => ruleset.contract.clauses[id]?.clause)]),
    );
    expect(cited).toEqual({
      "results-to-patient": ["12.1.3"],
      "act-on-results": ["12.1.1"],
      "onward-referral": ["8.4"],
      "prescription-after-discharge": ["11.9"],
      "prescription-after-clinic": ["11.10"],
      "fit-note": ["11.12"],
    });
  });

  it("quotes the guidance word for word in every rule", async () => {
    const guidance = (
      await readFile(
        join(root, "docs", "guidance", "humberside-lmcs-tasking-guidance-2024-10.txt"),
        "utf8",
      )
    )
      .replace(/\*\*|\*/g, "")
      .replace(/\s+/g, " ");
    for (const rule of ruleset.rules) {
      expect(guidance, rule.id).toContain(rule.guidance.quote.replace(/\s+/g, " "));
    }
  });

  it("opens every title with a verb", () => {
    for (const rule of ruleset.rules)
      expect(titleVerbs, rule.id).toContain(rule.title.split(" ")[0]);
  });

  it("requires an external sender in every rule, so internal tasks get no findings", () => {
    for (const rule of ruleset.rules) expect(requiresExternal(rule.conditions), rule.id).toBe(true);
  });

  it("has a README row for every rule", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    for (const rule of ruleset.rules) expect(readme, rule.id).toContain(`| \`${rule.id}\` |`);
  });

  it("defines exactly the default categories, ending with other", () => {
    const ids = Object.keys(ruleset.categories);
    expect(ids.at(-1)).toBe("other");
    const spec = [
      "results-to-patient",
      "act-on-results",
      "onward-referral",
      "prescription-after-discharge",
      "prescription-after-clinic",
      "fit-note",
      "referral-request",
      "prescription-request",
      "clinical-work",
      "condition-update",
      "information",
      "admin",
      "other",
    ];
    expect([...ids].sort()).toEqual([...spec].sort());
    expect(defaultCategories).toEqual(ids);
  });
});
