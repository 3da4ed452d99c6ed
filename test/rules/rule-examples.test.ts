import { describe, expect, it } from "vitest";
import { runRuleExamples } from "../../src/analysis/rule-tester.js";
import { defaultRuleset } from "../../src/rules/default.js";

const ruleset = defaultRuleset();

for (const engine of ["compiled", "json-rules-engine"] as const) {
  describe(`default rule examples on the ${engine} engine`, async () => {
    const results = await runRuleExamples(ruleset, { engine });
    it("runs an example for every rule, at least one that fires and one that passes", () => {
      for (const rule of ruleset.rules) {
        expect(
          results.filter((r) => r.ruleId === rule.id && r.kind === "fires").length,
        ).toBeGreaterThan(0);
        expect(
          results.filter((r) => r.ruleId === rule.id && r.kind === "passes").length,
        ).toBeGreaterThan(0);
      }
    });
    for (const result of results) {
      it(`${result.ruleId} ${result.kind === "fires" ? "fires" : "stays silent"}: ${result.description}`, () => {
        expect(result.problem).toBeUndefined();
        expect(result.ok).toBe(true);
      });
    }
  });
}

describe("runRuleExamples options", () => {
  it("refuses options that are not an object, or an engine that is neither, naming the path", async () => {
    for (const [options, path, code] of [
      [42, "", "invalid_type"],
      [[], "", "invalid_type"],
      [null, "", "invalid_type"],
      [{ engine: "fast" }, "engine", "invalid_value"],
    ] as const) {
      await expect(
        runRuleExamples(ruleset, options as unknown as { engine?: "compiled" }),
      ).rejects.toMatchObject({ name: "InputError", issues: [{ path, code }] });
    }
  });
});
