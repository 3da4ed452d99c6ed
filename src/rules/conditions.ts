import type { Condition, FactCondition } from "./schema.js";

/**
 * Calls `visit` on every fact comparison in a condition tree, depth first in rule order, with
 * its path below the tree's root.
 *
 * @param condition - an `all` / `any` / `not` tree, or one fact comparison
 * @param visit - called with each comparison and its path, e.g. `["all", 1, "not"]`
 * @example forEachFactCondition({ all: [{ fact: "urgent", operator: "equal", value: true }] }, (c, path) => path) // visits ["all", 0]
 */
export function forEachFactCondition(
  condition: Condition,
  visit: (condition: FactCondition, path: readonly PropertyKey[]) => void,
  path: readonly PropertyKey[] = [],
): void {
  if ("all" in condition) {
    for (const [i, c] of condition.all.entries())
      forEachFactCondition(c, visit, [...path, "all", i]);
  } else if ("any" in condition) {
    for (const [i, c] of condition.any.entries())
      forEachFactCondition(c, visit, [...path, "any", i]);
  } else if ("not" in condition) {
    forEachFactCondition(condition.not, visit, [...path, "not"]);
  } else {
    visit(condition, path);
  }
}

/**
 * A fresh copy of a condition tree with each fact comparison replaced by `map`'s result;
 * `priority` and `name` are kept at every level.
 *
 * @example mapFactConditions({ not: { fact: "urgent", operator: "equal", value: true } }, (c) => ({ ...c, value: false })) // { not: { fact: "urgent", operator: "equal", value: false } }
 */
export function mapFactConditions(
  condition: Condition,
  map: (condition: FactCondition) => FactCondition,
): Condition {
  const { priority, name } = condition;
  const extra = {
    ...(priority !== undefined && { priority }),
    ...(name !== undefined && { name }),
  };
  if ("all" in condition)
    return { all: condition.all.map((c) => mapFactConditions(c, map)), ...extra };
  if ("any" in condition)
    return { any: condition.any.map((c) => mapFactConditions(c, map)), ...extra };
  if ("not" in condition) return { not: mapFactConditions(condition.not, map), ...extra };
  return { ...map(condition), ...extra };
}
