import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildRuleset } from "../../src/rules/build.js";
import { banner, type Generator } from "./types.js";

const root = join(import.meta.dirname, "..", "..");

/** Reads rules/*.json in name order. */
export async function readRuleFiles(dir = join(root, "rules")): Promise<Record<string, unknown>> {
  const files: Record<string, unknown> = {};
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".json")).sort()) {
    files[name] = JSON.parse(await readFile(join(dir, name), "utf8"));
  }
  return files;
}

/**
 * Bundles rules/ into the build so `defaultRuleset()` works with no file system: the files as
 * they are (`defaultRulesetFiles`, for overlays and tests) and the ruleset `buildRuleset` makes
 * of them (`prebuiltDefaultRuleset`: validated, messages checked, hashed), so that the first
 * verdict does none of that work again.
 */
export const bundledRules: Generator = {
  name: "rules",
  async generate() {
    const files = await readRuleFiles();
    const ruleset = buildRuleset(files); // refuses to bundle a ruleset that does not load
    const head = `// ${banner("scripts/gen/rules.ts")}\n// Source: rules/*.json`;
    const content = `${head}\n\nexport const defaultRulesetFiles: Readonly<Record<string, unknown>> = ${JSON.stringify(files, null, 2)};\n`;
    const ruleFile = files["ruleset.json"] as { categories: Record<string, unknown> };
    const categories = `// ${banner("scripts/gen/rules.ts")}\n// Source: rules/ruleset.json "categories"\n\n/** The request categories of the default ruleset, in inference order. A ruleset may add its own. */\nexport const defaultCategories = ${JSON.stringify(Object.keys(ruleFile.categories), null, 2)} as const;\n`;
    const prebuilt = [
      `${head}, as buildRuleset assembles them (test/rules/build.test.ts checks it still does).`,
      'import type { Ruleset } from "./schema.js";',
      "",
      "/** The default ruleset as `buildRuleset(defaultRulesetFiles)` returns it, hash included. */",
      `export const prebuiltDefaultRuleset: Ruleset = ${JSON.stringify(ruleset, null, 2)};`,
      "",
    ].join("\n");
    return [
      { path: "src/rules/default-ruleset.generated.ts", content },
      { path: "src/input/categories.generated.ts", content: categories },
      { path: "src/rules/prebuilt-ruleset.generated.ts", content: prebuilt },
    ];
  },
};

const START = "<!-- rules-table:start -->";
const END = "<!-- rules-table:end -->";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/** The README's rules table, from the rule files. */
export const readmeRulesTable: Generator = {
  name: "readme-rules",
  async generate() {
    const ruleset = buildRuleset(await readRuleFiles());
    const rows = ruleset.rules.map((rule) => {
      const clauses = rule.contract
        .map((id) => `SC${ruleset.contract.clauses[id]?.clause ?? id}`)
        .join(", ");
      return `| \`${rule.id}\` | ${rule.severity}${rule.humanReview ? " (human review)" : ""} | ${cell(rule.title)} | ${clauses || "–"} | ${cell(rule.guidance.section)} |`;
    });
    const table = [
      START,
      `<!-- ${banner("scripts/gen/rules.ts")} -->`,
      "",
      `Ruleset \`${ruleset.name}\` ${ruleset.version}. Contract clauses: ${cell(ruleset.contract.edition)}.`,
      "",
      "| id | severity | rule | contract | guidance section |",
      "|---|---|---|---|---|",
      ...rows,
      "",
      END,
    ].join("\n");
    const readme = await readFile(join(root, "README.md"), "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start === -1 || end === -1) throw new Error(`README.md lacks ${START} … ${END}`);
    return [
      {
        path: "README.md",
        content: readme.slice(0, start) + table + readme.slice(end + END.length),
      },
    ];
  },
};
