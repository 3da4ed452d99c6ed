import { Engine } from "json-rules-engine";
import type { Facts } from "../facts/catalogue.js";
import type { Evaluator } from "./evaluator.js";
import type { ResolvedRule } from "./prepare.js";

/**
 * The reference evaluator: json-rules-engine itself. A new Engine is built for every
 * evaluation, because runs that share one Engine concurrently lose rules
 * (json-rules-engine #303). Facts are passed as plain values: no JSONPath, no dynamic facts.
 *
 * @param rules - the ruleset's rules with parameters resolved
 * @returns an evaluator whose `decide` resolves to the fired rule ids in ruleset order
 * @example await createReferenceEvaluator(prepare(defaultRuleset()).rules).decide(facts) // ["fit-note"]
 */
export function createReferenceEvaluator(rules: readonly ResolvedRule[]): Evaluator {
  const order = rules.map((r) => r.id);
  return {
    async decide(facts: Facts): Promise<string[]> {
      const engine = new Engine([], { allowUndefinedFacts: true });
      for (const rule of rules) {
        engine.addRule({
          name: rule.id,
          // json-rules-engine builds its own Condition objects from this JSON; it does not mutate it.
          conditions: rule.conditions as never,
          event: { type: rule.id },
        });
      }
      const runtime: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(facts))
        if (value !== undefined) runtime[key] = value;
      const { events } = await engine.run(runtime);
      const fired = new Set(events.map((e) => e.type));
      return order.filter((id) => fired.has(id));
    },
  };
}
