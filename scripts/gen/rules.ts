import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { buildRuleset } from "../../src/rules/build.js";
import { parseRuleMessages } from "../../src/rules/message.js";
import type { Ruleset } from "../../src/rules/schema.js";
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
 * verdict does none of that work again. The prebuilt ruleset is written as references into
 * the files wherever it holds what they hold (everything but `disabled` and `hash`, today),
 * so the data is bundled once.
 */
export const bundledRules: Generator = {
  name: "rules",
  async generate() {
    const files = await readRuleFiles();
    const ruleset = buildRuleset(files); // refuses to bundle a ruleset that does not load
    const head = `// ${banner("scripts/gen/rules.ts")}\n// Source: rules/*.json`;
    const content = filesSource(head, Object.keys(files));
    const ruleFile = files["ruleset.json"] as { categories: Record<string, unknown> };
    const categories = `// ${banner("scripts/gen/rules.ts")}\n// Source: rules/ruleset.json "categories"\n\n/** The request categories of the default ruleset, in inference order. A ruleset may add its own. */\nexport const defaultCategories = ${JSON.stringify(Object.keys(ruleFile.categories), null, 2)} as const;\n`;
    return [
      { path: "src/rules/default-ruleset.generated.ts", content },
      { path: "src/input/categories.generated.ts", content: categories },
      {
        path: "src/rules/prebuilt-ruleset.generated.ts",
        content: prebuiltSource(head, files, ruleset),
      },
    ];
  },
};

/**
 * `defaultRulesetFiles`: rules/*.json imported as they are (the bundler inlines them), so the
 * rules are written once, in rules/, and not copied into TypeScript.
 */
function filesSource(head: string, names: readonly string[]): string {
  const local = (name: string) =>
    `file${name.replace(/\.json$/, "").replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;
  return [
    head,
    ...names.map((name) => `import ${local(name)} from "../../rules/${name}";`),
    "",
    "export const defaultRulesetFiles: Readonly<Record<string, unknown>> = {",
    ...names.map((name) => `  ${JSON.stringify(name)}: ${local(name)},`),
    "};",
    "",
  ].join("\n");
}

/**
 * The prebuilt ruleset as TypeScript: each top-level field, and each rule, that equals its
 * file's (a rule less its `$schema`) is read from `defaultRulesetFiles`; anything
 * `buildRuleset` made anew is written out. `test/rules/build.test.ts` checks the result is
 * exactly what `buildRuleset` returns.
 */
function prebuiltSource(head: string, files: Record<string, unknown>, ruleset: Ruleset): string {
  const main = files["ruleset.json"] as Record<string, unknown>;
  const fields = Object.entries(ruleset).map(([key, value]) => {
    if (key === "rules") {
      const rules = ruleset.rules.map((rule) => {
        const { $schema: _, ...own } = files[`${rule.id}.json`] as Record<string, unknown>;
        return isDeepStrictEqual(own, rule)
          ? `    rule(${JSON.stringify(`${rule.id}.json`)}),`
          : `    ${indent(JSON.stringify(rule, null, 2), 4)},`;
      });
      return `  rules: [\n${rules.join("\n")}\n  ],`;
    }
    const identifier = /^[A-Za-z_$][\w$]*$/.test(key);
    const name = identifier ? key : JSON.stringify(key);
    return isDeepStrictEqual(main[key], value)
      ? `  ${name}: main${identifier ? `.${key}` : `[${name}]`},`
      : `  ${name}: ${indent(JSON.stringify(value, null, 2), 2)},`;
  });
  return [
    `${head}, as buildRuleset assembles them (test/rules/build.test.ts checks it still does).`,
    'import { defaultRulesetFiles as files } from "./default-ruleset.generated.js";',
    'import type { RuleMessages } from "./message-tree.js";',
    'import type { Rule, Ruleset } from "./schema.js";',
    "",
    "// Typed as buildRuleset typed them when this file was generated.",
    'const main = files["ruleset.json"] as Ruleset;',
    "function rule(file: string): Rule {",
    "  const { $schema: _, ...own } = files[file] as Rule & { $schema?: string };",
    "  return own;",
    "}",
    "",
    "/** The default ruleset as `buildRuleset(defaultRulesetFiles)` returns it, hash included. */",
    "export const prebuiltDefaultRuleset: Ruleset = {",
    ...fields,
    "};",
    "",
    "/** Each rule's wording as `parseRuleMessages` parses it, in rule order: rendering never parses. */",
    "export const prebuiltRuleMessages: RuleMessages[] = [",
    ...ruleset.rules.map((rule) => `  ${JSON.stringify(parseRuleMessages(rule))},`),
    "];",
    "",
  ].join("\n");
}

function indent(text: string, spaces: number): string {
  return text.replaceAll("\n", `\n${" ".repeat(spaces)}`);
}
