import { RulesetError } from "../errors/ruleset-error.js";
import { buildRuleset } from "./build.js";
import type { Ruleset } from "./schema.js";

/**
 * Loads a ruleset folder: `ruleset.json` and one `<id>.json` per rule. The only function of
 * the library that reads files (Node only; the file system is imported lazily, so browser
 * bundles never load it).
 *
 * @param dir - the folder, e.g. `rules` or `examples/rulesets/extended`
 * @returns the validated ruleset
 * @throws {RulesetError} naming the file and JSON path of every problem, including
 *   unreadable files and JSON syntax errors
 * @example (await loadRuleset("rules")).rules.length // 15
 */
export async function loadRuleset(dir: string): Promise<Ruleset> {
  const { readdir, readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    throw new RulesetError([
      {
        file: dir,
        path: "",
        code: "unreadable",
        message: `cannot read the ruleset folder: ${(error as Error).message}`,
      },
    ]);
  }
  const files: Record<string, unknown> = {};
  for (const name of names) {
    let text: string;
    try {
      text = await readFile(join(dir, name), "utf8");
    } catch (error) {
      throw new RulesetError([
        {
          file: name,
          path: "",
          code: "unreadable",
          message: `cannot read ${name}: ${(error as Error).message}`,
        },
      ]);
    }
    try {
      files[name] = JSON.parse(text);
    } catch (error) {
      throw new RulesetError([
        { file: name, path: "", code: "invalid_json", message: (error as Error).message },
      ]);
    }
  }
  return buildRuleset(files);
}
