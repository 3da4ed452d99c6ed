import { type Lexicon, lexiconOf } from "../facts/lexicon.js";
import { mapFactConditions } from "../rules/conditions.js";
import { compileMessageTree, ruleMessages } from "../rules/message-tree.js";
import type { Condition, ConditionValue, Rule, Ruleset } from "../rules/schema.js";

/** A rule's conditions with every `{param}` replaced by the parameter's value. */
export interface ResolvedRule {
  id: string;
  conditions: Condition;
}

/** What a guard needs from a ruleset, computed once per ruleset object. */
export interface PreparedRuleset {
  ruleset: Ruleset;
  lexicon: Lexicon;
  rules: ResolvedRule[];
  byId: ReadonlyMap<string, { rule: Rule; order: number; message: (context: object) => string }>;
}

function resolveValue(value: ConditionValue, parameters: Ruleset["parameters"]): ConditionValue {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const resolved = parameters[value.param];
    // buildRuleset has refused unknown parameters, so this is always defined.
    return (resolved ?? null) as ConditionValue;
  }
  return value;
}

/** Replaces `{param}` values with the ruleset's parameters, returning fresh objects. */
export function resolveConditions(
  condition: Condition,
  parameters: Ruleset["parameters"],
): Condition {
  return mapFactConditions(condition, (c) => ({
    fact: c.fact,
    operator: c.operator,
    value: resolveValue(c.value, parameters),
  }));
}

const cache = new WeakMap<Ruleset, PreparedRuleset>();

/**
 * A rule message compiled on its first render: a verdict renders the messages of the rules that
 * fire, so a guard's first verdict does not wait for all of them. Parsed when the ruleset was
 * built.
 */
function lazyMessage(rule: Rule): (context: object) => string {
  let render: ((context: object) => string) | undefined;
  return (context) => {
    render ??= compileMessageTree(ruleMessages(rule).message);
    return render(context);
  };
}

/**
 * Prepares a ruleset once: phrase lists compiled, parameters resolved, messages compiled on
 * first use.
 *
 * @example prepare(defaultRuleset()).rules.length // 15
 */
export function prepare(ruleset: Ruleset): PreparedRuleset {
  const hit = cache.get(ruleset);
  if (hit) return hit;
  const prepared: PreparedRuleset = {
    ruleset,
    lexicon: lexiconOf(ruleset),
    rules: ruleset.rules.map((rule) => ({
      id: rule.id,
      conditions: resolveConditions(rule.conditions, ruleset.parameters),
    })),
    byId: new Map(
      ruleset.rules.map((rule, order) => [rule.id, { rule, order, message: lazyMessage(rule) }]),
    ),
  };
  cache.set(ruleset, prepared);
  return prepared;
}
