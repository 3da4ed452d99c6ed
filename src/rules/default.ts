import { buildRuleset } from "./build.js";
import { defaultRulesetFiles } from "./default-ruleset.generated.js";
import type { Ruleset } from "./schema.js";

let cached: Ruleset | undefined;

/**
 * The bundled default ruleset (Humberside LMCs, October 2024): the files of `rules/`,
 * compiled into the package so it works with no file system (browsers, bundlers).
 *
 * @returns the same frozen ruleset object on every call
 * @example defaultRuleset().rules.map((r) => r.id).includes("fit-note") // true
 */
export function defaultRuleset(): Ruleset {
  cached ??= buildRuleset(defaultRulesetFiles);
  return cached;
}
