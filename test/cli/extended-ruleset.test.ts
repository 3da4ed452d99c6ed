import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addedRule, buildExtended, extendedDir } from "../../examples/rulesets/build-extended.js";
import { runRuleExamples } from "../../src/analysis/examples.js";
import { loadRuleset } from "../../src/rules/load.js";

describe("examples/rulesets/extended", () => {
  it("is the default rules plus the ICB's additions (run npx tsx examples/rulesets/build-extended.ts)", async () => {
    const expected = await buildExtended();
    const onDisk = (await readdir(extendedDir)).filter((n) => n.endsWith(".json")).sort();
    expect(onDisk).toEqual([...expected.keys(), `${addedRule}.json`].sort());
    for (const [name, content] of expected) {
      const actual = JSON.parse(await readFile(join(extendedDir, name), "utf8"));
      expect(actual, `${name} is stale`).toEqual(JSON.parse(content));
    }
  });

  it("loads, adds one rule citing SC11.3 and SC11.4, and every rule passes its examples", async () => {
    const ruleset = await loadRuleset(extendedDir);
    const rule = ruleset.rules.find((r) => r.id === addedRule);
    expect(rule?.contract).toEqual(["SC11.3", "SC11.4"]);
    expect(Object.keys(ruleset.categories).slice(0, 2)).toEqual([
      "shared-care-agreed",
      "shared-care-request",
    ]);
    const results = await runRuleExamples(ruleset);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.filter((r) => r.ruleId === addedRule).length).toBeGreaterThanOrEqual(6);
  });
});
