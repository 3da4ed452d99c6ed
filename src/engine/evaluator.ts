import type { Facts } from "../facts/catalogue.js";

/** Decides which rules fire on a task's facts. */
export interface Evaluator {
  /** The ids of the rules whose conditions hold, in ruleset order. */
  decide(facts: Facts): string[] | Promise<string[]>;
}

/** The evaluators a guard can use: the compiled fast path, or json-rules-engine itself (the reference). */
export type EngineName = "compiled" | "json-rules-engine";
