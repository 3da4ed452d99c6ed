import type { Engine as EngineClass } from "json-rules-engine";
import { GuardError } from "../errors/guard-error.js";
import type { Facts } from "../facts/catalogue.js";
import type { Evaluator } from "./evaluator.js";
import { importJsonRulesEngine } from "./json-rules-engine.js";
import type { ResolvedRule } from "./prepare.js";

type EngineModule = { Engine: typeof EngineClass };

let loading: Promise<EngineModule> | undefined;

async function importEngine(): Promise<EngineModule> {
  try {
    const module = await importJsonRulesEngine();
    // Its CommonJS build reaches an ESM importer as `default` in some bundlers.
    const Engine = module.Engine ?? (module.default as { Engine?: unknown } | undefined)?.Engine;
    if (typeof Engine !== "function") throw new Error("it has no Engine export");
    return { Engine: Engine as typeof EngineClass };
  } catch (error) {
    loading = undefined;
    throw new GuardError(
      "REFERENCE_ENGINE_UNAVAILABLE",
      `The reference engine (json-rules-engine) could not be loaded: ${error instanceof Error ? error.message : String(error)}. The default compiled engine gives the same verdicts.`,
      { cause: error },
    );
  }
}

/** json-rules-engine, imported on first use and once per process. */
function loadEngine(): Promise<EngineModule> {
  loading ??= importEngine();
  return loading;
}

/**
 * The reference evaluator: json-rules-engine itself, imported when the first task is decided
 * (so that a guard on the compiled engine never loads it). A new Engine is built for every
 * evaluation, because runs that share one Engine concurrently lose rules
 * (json-rules-engine #303). Facts are passed as plain values: no JSONPath, no dynamic facts.
 *
 * @param rules - the ruleset's rules with parameters resolved
 * @returns an evaluator whose `decide` resolves to the fired rule ids in ruleset order
 * @throws {GuardError} from `decide`, code `REFERENCE_ENGINE_UNAVAILABLE`, when json-rules-engine cannot be imported
 * @example await createReferenceEvaluator(prepare(defaultRuleset()).rules).decide(facts) // ["fit-note"]
 */
export function createReferenceEvaluator(rules: readonly ResolvedRule[]): Evaluator {
  const order = rules.map((r) => r.id);
  return {
    async decide(facts: Facts): Promise<string[]> {
      const { Engine } = await loadEngine();
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
