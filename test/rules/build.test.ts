import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RulesetError } from "../../src/errors/ruleset-error.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { loadRuleset } from "../../src/rules/load.js";

const rulesDir = join(import.meta.dirname, "..", "..", "rules");

/** A copy of the default files with one file changed. */
function withFile(
  name: string,
  change: (content: Record<string, unknown>) => void,
): Record<string, unknown> {
  const files = structuredClone(defaultRulesetFiles) as Record<string, Record<string, unknown>>;
  const content = files[name];
  if (!content) throw new Error(`no ${name}`);
  change(content);
  return files;
}

function issuesOf(files: Record<string, unknown>) {
  try {
    buildRuleset(files);
  } catch (error) {
    if (error instanceof RulesetError) return error.issues;
    throw error;
  }
  throw new Error("expected a RulesetError");
}

type Json = Record<string, never>;
const conditionsOf = (rule: Record<string, unknown>) => (rule.conditions as { all: Json[] }).all;

describe("reading.quotedWords", () => {
  it("refuses fewer words at most than at least, naming the field", () => {
    const issues = issuesOf(
      withFile("ruleset.json", (r) => {
        (r.reading as Record<string, unknown>).quotedWords = { minWords: 5, maxWords: 2 };
      }),
    );
    expect(issues.map((i) => i.path)).toContain("reading.quotedWords.maxWords");
  });
});

describe("loadRuleset and defaultRuleset", () => {
  it("loads rules/ from disk to the same content hash as the bundled default", async () => {
    const loaded = await loadRuleset(rulesDir);
    expect(loaded.hash).toBe(defaultRuleset().hash);
    expect(loaded.rules.map((r) => r.id)).toHaveLength(15);
  });

  it("is, prebuilt, exactly the ruleset buildRuleset makes of the bundled files", () => {
    const built = buildRuleset(defaultRulesetFiles);
    expect(defaultRuleset()).toStrictEqual(built);
    expect(defaultRuleset().hash).toBe(built.hash);
  });

  it("returns a frozen ruleset, so no caller can change the rules under a guard", () => {
    const ruleset = defaultRuleset();
    expect(Object.isFrozen(ruleset)).toBe(true);
    expect(Object.isFrozen(ruleset.rules[0]?.conditions)).toBe(true);
  });

  it("names the file of a JSON syntax error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gptg-"));
    await writeFile(join(dir, "ruleset.json"), await readFile(join(rulesDir, "ruleset.json")));
    await writeFile(join(dir, "fit-note.json"), "{ not json");
    await expect(loadRuleset(dir)).rejects.toSatisfy(
      (e) =>
        e instanceof RulesetError &&
        e.file === "fit-note.json" &&
        e.issues[0]?.code === "invalid_json",
    );
  });

  it("names the folder when it cannot be read", async () => {
    await expect(loadRuleset(join(tmpdir(), "no-such-ruleset-folder"))).rejects.toBeInstanceOf(
      RulesetError,
    );
  });
});

describe("RulesetError at load, never a silent false", () => {
  it("refuses an unknown fact, naming the file and JSON path", () => {
    const issues = issuesOf(
      withFile("fit-note.json", (rule) => {
        const first = conditionsOf(rule)[1] as Record<string, unknown>;
        first.fact = "catgory";
      }),
    );
    expect(issues.map(({ file, path, code }) => ({ file, path, code }))).toMatchInlineSnapshot(`
      [
        {
          "code": "unknown_fact",
          "file": "fit-note.json",
          "path": "conditions.all[1].fact",
        },
      ]
    `);
    expect(issues[0]?.message).toContain('unknown fact "catgory"');
  });

  it("refuses an unknown operator", () => {
    const issues = issuesOf(
      withFile("fit-note.json", (rule) => {
        (conditionsOf(rule)[1] as Record<string, unknown>).operator = "matches";
      }),
    );
    expect(issues.map((i) => [i.file, i.path, i.code])).toEqual([
      ["fit-note.json", "conditions.all[1].operator", "unknown_operator"],
    ]);
  });

  it("accepts decorated operators such as not:in", () => {
    const files = withFile("fit-note.json", (rule) => {
      (conditionsOf(rule)[1] as Record<string, unknown>).operator = "not:doesNotContain";
    });
    expect(() => buildRuleset(files)).not.toThrow();
  });

  it("refuses an unknown parameter", () => {
    const issues = issuesOf(
      withFile("immediate-action.json", (rule) => {
        (conditionsOf(rule)[1] as Record<string, unknown>).value = { param: "immediateWithinDayz" };
      }),
    );
    expect(issues.map((i) => [i.file, i.path, i.code])).toEqual([
      ["immediate-action.json", "conditions.all[1].value.param", "unknown_parameter"],
    ]);
  });

  it("refuses an unknown clause and an unknown category", () => {
    const issues = issuesOf(
      withFile("fit-note.json", (rule) => {
        rule.contract = ["SC99.9"];
        (conditionsOf(rule)[1] as Record<string, unknown>).value = "fit-notes";
      }),
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ["conditions.all[1].value", "unknown_category"],
      ["contract[0]", "unknown_clause"],
    ]);
  });

  it("refuses a second whenNothingAsked category, and one that requests action", () => {
    const issues = issuesOf(
      withFile("ruleset.json", (ruleset) => {
        const categories = ruleset.categories as Record<string, Record<string, unknown>>;
        (categories["condition-update"] as Record<string, unknown>).whenNothingAsked = true;
        (categories.admin as Record<string, unknown>).whenNothingAsked = true;
      }),
    );
    expect(issues.map((i) => [i.file, i.path, i.code, i.message])).toEqual([
      [
        "ruleset.json",
        "categories.admin.whenNothingAsked",
        "custom",
        "a category read when nothing is asked cannot request action",
      ],
      [
        "ruleset.json",
        "categories.information.whenNothingAsked",
        "custom",
        'only one category is read when nothing is asked: "condition-update" already is',
      ],
    ]);
  });

  it("refuses services read as other senders in a category with no otherSenders", () => {
    const issues = issuesOf(
      withFile("ruleset.json", (ruleset) => {
        const categories = ruleset.categories as Record<string, Record<string, unknown>>;
        (categories.admin as Record<string, unknown>).otherSenderServices = { services: ["lab"] };
      }),
    );
    expect(issues.map((i) => [i.file, i.path, i.code, i.message])).toEqual([
      [
        "ruleset.json",
        "categories.admin.otherSenderServices",
        "custom",
        "services read as other senders need `otherSenders`, the category they read as",
      ],
    ]);
  });

  it.each(["__proto__", "constructor", "prototype"])(
    "refuses the key %s anywhere in a rule file",
    (key) => {
      const files = withFile("fit-note.json", (rule) => {
        Object.defineProperty(rule.guidance, key, { value: { polluted: true }, enumerable: true });
      });
      const issues = issuesOf(files);
      expect(issues.map((i) => [i.file, i.path, i.code])).toEqual([
        ["fit-note.json", `guidance.${key}`, "forbidden_key"],
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it("refuses __proto__ parsed from JSON text in ruleset.json", () => {
    const files = { ...defaultRulesetFiles, "ruleset.json": JSON.parse('{"__proto__": {"x": 1}}') };
    expect(issuesOf(files).map((i) => [i.file, i.path, i.code])).toEqual([
      ["ruleset.json", "__proto__", "forbidden_key"],
    ]);
  });

  it("refuses a rule whose id differs from its file name", () => {
    const issues = issuesOf(
      withFile("fit-note.json", (rule) => {
        rule.id = "fit-notes";
      }),
    );
    expect(issues.map((i) => [i.file, i.path, i.code])).toEqual([
      ["fit-note.json", "id", "id_mismatch"],
    ]);
  });

  it("refuses a duplicate id, a listed rule with no file, and a rule file not listed", () => {
    const files = withFile("ruleset.json", (ruleset) => {
      const ids = ruleset.rules as string[];
      ids.push("fit-note", "no-such-rule");
      ids.splice(ids.indexOf("act-on-results"), 1);
    });
    expect(issuesOf(files).map((i) => [i.file, i.code])).toEqual([
      ["ruleset.json", "duplicate_id"],
      ["ruleset.json", "missing_file"],
      ["act-on-results.json", "not_listed"],
    ]);
  });

  it("refuses a message naming a field that does not exist, and helpers it does not know", () => {
    const issues = issuesOf(
      withFile("fit-note.json", (rule) => {
        rule.message =
          "{{task.sender.organisaton}} {{facts.urgnt}} {{lookup task 'constructor'}} {{#each task}}x{{/each}}";
      }),
    );
    expect(issues.every((i) => i.file === "fit-note.json" && i.path === "message")).toBe(true);
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining('"task.sender.organisaton" does not exist'),
      expect.stringContaining('"facts.urgnt" does not exist'),
      expect.stringContaining('helper "lookup" is not allowed'),
      expect.stringContaining('block "each" is not allowed'),
      expect.stringContaining('"task" does not exist'),
    ]);
  });

  it("refuses a condition with a JSONPath path, so JSONPath never runs on task data", () => {
    const issues = issuesOf(
      withFile("fit-note.json", (rule) => {
        (conditionsOf(rule)[1] as Record<string, unknown>).path = "$..body";
      }),
    );
    expect(issues[0]?.file).toBe("fit-note.json");
    expect(issues[0]?.path).toBe("conditions.all[1]");
  });

  it("refuses a rule without an example that passes", () => {
    const issues = issuesOf(
      withFile("fit-note.json", (rule) => {
        (rule.examples as { passes: unknown[] }).passes = [];
      }),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["examples.passes", "a rule needs at least one example that passes"],
    ]);
  });
});
