import { compileCondition } from "../engine/compiled.js";
import { resolveConditions } from "../engine/prepare.js";
import { formatPath } from "../errors/guard-error.js";
import { typed } from "../errors/unreadable.js";
import type { Facts } from "../facts/catalogue.js";
import { assertBuiltRuleset } from "../rules/build.js";
import { forEachFactCondition } from "../rules/conditions.js";
import type { FactCondition, Ruleset } from "../rules/schema.js";

/** One comparison of a rule (a leaf of its conditions) and how often it held. */
export interface ConditionCoverage {
  ruleId: string;
  /** Its JSON path in the rule file: `conditions.all[2]`. */
  path: string;
  fact: string;
  operator: string;
  /** The value compared with, parameters resolved. */
  value: unknown;
  /** Tasks on which it was true, false, or threw. */
  true: number;
  false: number;
  errors: number;
}

/** Coverage of a ruleset's rules and conditions over a set of tasks. */
export interface Coverage {
  /** Tasks counted. */
  tasks: number;
  /** Per rule: tasks it fired on. */
  rules: { ruleId: string; fired: number }[];
  conditions: ConditionCoverage[];
  /** Rules that never fired. */
  neverFired: string[];
  /** Conditions never true (they could be removed, or the corpus lacks such tasks). */
  neverTrue: ConditionCoverage[];
  /** Conditions never false (on this corpus they decide nothing). */
  neverFalse: ConditionCoverage[];
  /**
   * Outcomes seen out of outcomes possible, as a percentage: each rule counts once (it fired)
   * and each condition twice (it was true, it was false). 100 when nothing can be covered.
   */
  percent: number;
}

interface Leaf {
  ruleId: string;
  path: string;
  condition: FactCondition;
  test: (facts: Facts) => boolean;
  true: number;
  false: number;
  errors: number;
}

/**
 * Measures how much of a ruleset a set of tasks exercises, one task's facts at a time: which
 * rules fired, and for every comparison in every rule (evaluated on its own, without the short
 * circuit of `all`/`any`) how often it was true and how often false.
 *
 * @example
 * const coverage = new CoverageCounter(ruleset);
 * coverage.add(verdict.facts, verdict.findings.map((f) => f.ruleId));
 * coverage.result().neverFired // ["no-provider-agreement", …]
 */
export class CoverageCounter {
  readonly #leaves: Leaf[] = [];
  readonly #fired = new Map<string, number>();
  #tasks = 0;

  /**
   * @param ruleset - the ruleset whose rules and conditions are counted
   * @throws {RulesetError} when a condition cannot be compiled (a ruleset that loaded never does)
   */
  constructor(ruleset: Ruleset) {
    assertBuiltRuleset(ruleset, "ruleset", "ruleset");
    for (const rule of ruleset.rules) {
      this.#fired.set(rule.id, 0);
      forEachFactCondition(resolveConditions(rule.conditions, ruleset.parameters), (c, path) => {
        const test = compileCondition(c);
        const at = formatPath(["conditions", ...path]);
        this.#leaves.push({
          ruleId: rule.id,
          path: at,
          condition: c,
          test,
          true: 0,
          false: 0,
          errors: 0,
        });
      });
    }
  }

  /** Counts one task: the facts the rules saw and the rules that fired. */
  add(facts: Facts, fired: Iterable<string>): void {
    // Read before counting: fired ids that cannot be read add nothing.
    const ids = typed("fired", () => new Set(fired));
    this.#tasks++;
    for (const id of ids) {
      const n = this.#fired.get(id);
      if (n !== undefined) this.#fired.set(id, n + 1);
    }
    for (const leaf of this.#leaves) {
      try {
        if (leaf.test(facts)) leaf.true++;
        else leaf.false++;
      } catch {
        leaf.errors++;
      }
    }
  }

  /** The coverage of everything added so far. */
  result(): Coverage {
    const conditions: ConditionCoverage[] = this.#leaves.map((leaf) => ({
      ruleId: leaf.ruleId,
      path: leaf.path,
      fact: leaf.condition.fact,
      operator: leaf.condition.operator,
      value: leaf.condition.value,
      true: leaf.true,
      false: leaf.false,
      errors: leaf.errors,
    }));
    const rules = [...this.#fired].map(([ruleId, fired]) => ({ ruleId, fired }));
    const possible = rules.length + conditions.length * 2;
    const seen =
      rules.filter((r) => r.fired > 0).length +
      conditions.reduce((sum, c) => sum + (c.true > 0 ? 1 : 0) + (c.false > 0 ? 1 : 0), 0);
    return {
      tasks: this.#tasks,
      rules,
      conditions,
      neverFired: rules.filter((r) => r.fired === 0).map((r) => r.ruleId),
      neverTrue: conditions.filter((c) => c.true === 0),
      neverFalse: conditions.filter((c) => c.false === 0),
      percent: possible === 0 ? 100 : Math.floor((seen / possible) * 1000) / 10,
    };
  }
}
