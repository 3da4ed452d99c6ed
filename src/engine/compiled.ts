/**
 * The compiled evaluator: json-rules-engine conditions compiled once into synchronous
 * closures with exactly json-rules-engine 7.3.1's results, run with `allowUndefinedFacts`.
 * No promises, no cloning, no hashing per condition.
 *
 * What is mirrored, and where json-rules-engine does it (`node_modules/json-rules-engine/dist`):
 * - Operators and decorators: `./operators.ts` (engine-default-operators.js,
 *   engine-default-operator-decorators.js, operator.js, operator-decorator.js, operator-map.js).
 * - A missing fact is `undefined` (almanac.js `factValue` with `allowUndefinedFacts`), so
 *   `notEqual`, `notIn` and `not:*` on a missing fact are true. The facts are a plain object
 *   of JSON-like values, as `deriveFacts` makes: json-rules-engine copies them into a `Map`
 *   with `for…in` (engine.js `run`), so only own properties are facts and `constructor` is
 *   none. (A function-valued fact would be called by json-rules-engine; facts are data here.)
 * - `all` and `any` with no conditions are both true, `not` negates (rule.js
 *   `prioritizeAndRun`: `if (conditions.length === 0) return Promise.resolve(true)`).
 * - Priorities (rule.js `prioritizeConditions`, condition.js): the conditions of an `all`/`any`
 *   are grouped by `parseInt(priority) || 1`, highest first; a group decides the result without
 *   the lower groups running, but every condition of a group that runs is evaluated
 *   (`Promise.all`). The boolean results are the same either way; what can differ is a throw,
 *   so a condition whose result no longer matters is still run when it could throw.
 * - Throws: where json-rules-engine rejects at run time (`b.indexOf is not a function` for
 *   `in` with a number, `jsonValue.some is not a function`, `Unknown operator: x`), the
 *   closure throws, with the same message when one condition throws; the core treats either
 *   as an evaluation error. When several conditions would throw, which one is reported may differ.
 * - What json-rules-engine rejects when a rule is added (condition.js constructor, rule.js
 *   `setConditions`), and what the ruleset format forbids (`path`, `params`, `condition`
 *   references, `{fact}` values), is a `RulesetError` when compiling.
 */
import { appendPath } from "../errors/guard-error.js";
import { RulesetError, type RulesetIssue } from "../errors/ruleset-error.js";
import type { Facts } from "../facts/catalogue.js";
import type { Condition } from "../rules/schema.js";
import { compileOperator, type OperatorFn, operatorMayThrow } from "./operators.js";

/** The facts a compiled condition reads: the derived `Facts`, or any record of fact values. */
export type FactValues = Facts | Readonly<Record<string, unknown>>;

/** A compiled condition: true when json-rules-engine would find the condition true. */
export type CompiledCondition = (facts: FactValues) => boolean;

/** One rule for `createCompiledEvaluator`: its id and its conditions, parameters already resolved. */
export interface CompilableRule {
  id: string;
  conditions: Condition;
}

/** The compiled evaluator: `decide(facts)` returns the ids of the rules that fire, in the given order. */
export interface CompiledEvaluator {
  decide(facts: FactValues): string[];
}

type FactRecord = Readonly<Record<string, unknown>>;
type Test = (facts: FactRecord) => boolean;
type Tests = readonly Test[];

interface Node {
  test: Test;
  /** Whether evaluating it can throw; when false, skipping it once the result is known changes nothing. */
  mayThrow: boolean;
  /** json-rules-engine's priority for ordering among siblings. */
  priority: number;
}

const hasOwn = (value: object, key: string): boolean => Object.hasOwn(value, key);

/** condition.js and rule.js `prioritizeConditions`: `parseInt(priority, 10) || 1`. */
function priorityOf(value: unknown): number {
  return Number.parseInt(String(value), 10) || 1;
}

class CompileContext {
  constructor(readonly file: string) {}

  fail(path: string, code: string, message: string): never {
    const issue: RulesetIssue = { file: this.file, path, code, message };
    throw new RulesetError([issue]);
  }
}

function compileNode(condition: unknown, path: string, ctx: CompileContext): Node {
  if (typeof condition !== "object" || condition === null || Array.isArray(condition)) {
    return ctx.fail(path, "invalid_condition", "a condition must be an object");
  }
  const record = condition as Readonly<Record<string, unknown>>;
  // condition.js `booleanOperator`: any, then all, then not, by own property
  const kind = hasOwn(record, "any")
    ? "any"
    : hasOwn(record, "all")
      ? "all"
      : hasOwn(record, "not")
        ? "not"
        : undefined;
  const priority = priorityOf(record.priority);
  if (kind === "not") {
    const child = record.not;
    if (Array.isArray(child)) {
      return ctx.fail(appendPath(path, "not"), "invalid_condition", '"not" cannot be an array');
    }
    const inner = compileNode(child, appendPath(path, "not"), ctx);
    const test = inner.test;
    return { test: (facts) => !test(facts), mayThrow: inner.mayThrow, priority };
  }
  if (kind !== undefined) {
    const children = record[kind];
    if (!Array.isArray(children)) {
      return ctx.fail(appendPath(path, kind), "invalid_condition", `"${kind}" must be an array`);
    }
    const nodes = children.map((c: unknown, i) =>
      compileNode(c, appendPath(appendPath(path, kind), i), ctx),
    );
    return { ...compileGroup(nodes, kind), priority };
  }
  return { ...compileFact(record, path, ctx), priority };
}

function compileFact(
  record: Readonly<Record<string, unknown>>,
  path: string,
  ctx: CompileContext,
): Omit<Node, "priority"> {
  for (const key of ["condition", "path", "params"]) {
    if (hasOwn(record, key)) {
      ctx.fail(
        appendPath(path, key),
        "unsupported_condition",
        `"${key}" is not allowed in a ruleset condition`,
      );
    }
  }
  for (const key of ["fact", "operator", "value"]) {
    if (!hasOwn(record, key)) {
      ctx.fail(
        path,
        "invalid_condition",
        `a condition needs "all", "any", "not", or "fact", "operator" and "value"; "${key}" is missing`,
      );
    }
  }
  const { fact, operator, value } = record;
  if (typeof fact !== "string" || fact === "") {
    return ctx.fail(appendPath(path, "fact"), "invalid_condition", "fact must name a fact");
  }
  if (typeof operator !== "string") {
    return ctx.fail(
      appendPath(path, "operator"),
      "invalid_condition",
      "operator must name an operator",
    );
  }
  if (typeof value === "object" && value !== null && hasOwn(value, "fact")) {
    return ctx.fail(
      appendPath(path, "value"),
      "unsupported_condition",
      "a value may not refer to a fact",
    );
  }
  // jre clones the conditions for each run; a copy here keeps later changes out the same way
  const literal: unknown = Array.isArray(value) ? [...value] : value;
  const op = compileOperator(operator);
  if (op === undefined) {
    // jre (condition.js `evaluate`) rejects when the condition is reached, not when the rule is added
    const message = `Unknown operator: ${operator}`;
    return {
      test: () => {
        throw new Error(message);
      },
      mayThrow: true,
    };
  }
  return {
    test: specialise(fact, operator, literal, op),
    mayThrow: operatorMayThrow(operator, literal),
  };
}

/**
 * Names that a plain object inherits from `Object.prototype` (`constructor`, `toString`,
 * `__proto__`…): for these `facts[name]` is not the fact, so they are read with `hasOwn`.
 * Every other name is read directly, which for a plain object is its own property or undefined.
 */
function inherited(name: string): boolean {
  return name in Object.prototype;
}

/** The common undecorated operators with the condition value fixed; everything else calls `op`. */
function specialise(fact: string, operator: string, v: unknown, op: OperatorFn): Test {
  if (inherited(fact)) {
    return (facts) => op(hasOwn(facts, fact) ? facts[fact] : undefined, v);
  }
  switch (operator) {
    case "equal":
      return (facts) => facts[fact] === v;
    case "notEqual":
      return (facts) => facts[fact] !== v;
    case "in":
      if (Array.isArray(v)) return (facts) => v.indexOf(facts[fact]) > -1;
      break;
    case "notIn":
      if (Array.isArray(v)) return (facts) => v.indexOf(facts[fact]) === -1;
      break;
    case "contains":
      return (facts) => {
        const a = facts[fact];
        return Array.isArray(a) && a.indexOf(v) > -1;
      };
  }
  if (typeof v === "number") {
    // a number passes numberValidator unless it is NaN, and NaN compares false anyway
    switch (operator) {
      case "lessThan":
        return (facts) => {
          const a = facts[fact];
          return typeof a === "number" ? a < v : op(a, v);
        };
      case "lessThanInclusive":
        return (facts) => {
          const a = facts[fact];
          return typeof a === "number" ? a <= v : op(a, v);
        };
      case "greaterThan":
        return (facts) => {
          const a = facts[fact];
          return typeof a === "number" ? a > v : op(a, v);
        };
      case "greaterThanInclusive":
        return (facts) => {
          const a = facts[fact];
          return typeof a === "number" ? a >= v : op(a, v);
        };
    }
  }
  return (facts) => op(facts[fact], v);
}

/**
 * rule.js `prioritizeAndRun`: none → true; one → that condition; otherwise priority groups,
 * highest first, each group run whole (`Promise.all`) and the next only while undecided.
 */
function compileGroup(nodes: readonly Node[], kind: "all" | "any"): Omit<Node, "priority"> {
  const mayThrow = nodes.some((n) => n.mayThrow);
  const [only] = nodes;
  if (nodes.length === 0) return { test: () => true, mayThrow: false };
  if (nodes.length === 1 && only !== undefined) return { test: only.test, mayThrow };
  const byPriority = new Map<number, Node[]>();
  for (const node of nodes) {
    const group = byPriority.get(node.priority);
    if (group) group.push(node);
    else byPriority.set(node.priority, [node]);
  }
  const groups = [...byPriority.entries()].sort(([a], [b]) => b - a).map(([, g]) => g);
  const runs = groups.map((g) => (kind === "any" ? anyOfGroup(g) : allOfGroup(g)));
  return { test: kind === "any" ? someOf(runs) : everyOf(runs), mayThrow };
}

/** `tests` in order, stopping at the first true: the plain short circuit. */
function someOf(tests: Tests): Test {
  const [a, b, c] = tests;
  if (tests.length === 1 && a) return a;
  if (tests.length === 2 && a && b) return (facts) => a(facts) || b(facts);
  if (tests.length === 3 && a && b && c) return (facts) => a(facts) || b(facts) || c(facts);
  return (facts) => {
    for (const test of tests) if (test(facts)) return true;
    return false;
  };
}

/** `tests` in order, stopping at the first false: the plain short circuit. */
function everyOf(tests: Tests): Test {
  const [a, b, c] = tests;
  if (tests.length === 1 && a) return a;
  if (tests.length === 2 && a && b) return (facts) => a(facts) && b(facts);
  if (tests.length === 3 && a && b && c) return (facts) => a(facts) && b(facts) && c(facts);
  return (facts) => {
    for (const test of tests) if (!test(facts)) return false;
    return true;
  };
}

/**
 * One priority group of an `any`: true when one is true, but, as jre runs a whole group with
 * `Promise.all`, the conditions after the deciding one that could throw are still run.
 */
function anyOfGroup(group: readonly Node[]): Test {
  const tests = group.map((n) => n.test);
  if (!group.some((n) => n.mayThrow)) return someOf(tests);
  const rest = throwersAfter(group);
  return (facts) => {
    for (let i = 0; i < tests.length; i++) {
      if ((tests[i] as Test)(facts)) {
        for (const t of rest[i] as Tests) t(facts);
        return true;
      }
    }
    return false;
  };
}

/** One priority group of an `all`: as `anyOfGroup`, stopping at the first false. */
function allOfGroup(group: readonly Node[]): Test {
  const tests = group.map((n) => n.test);
  if (!group.some((n) => n.mayThrow)) return everyOf(tests);
  const rest = throwersAfter(group);
  return (facts) => {
    for (let i = 0; i < tests.length; i++) {
      if (!(tests[i] as Test)(facts)) {
        for (const t of rest[i] as Tests) t(facts);
        return false;
      }
    }
    return true;
  };
}

/** The tests after each position that could still throw: run them once the result is known. */
function throwersAfter(group: readonly Node[]): Tests[] {
  return group.map((_, i) =>
    group
      .slice(i + 1)
      .filter((n) => n.mayThrow)
      .map((n) => n.test),
  );
}

/**
 * Compiles one json-rules-engine condition (`all`/`any`/`not` or a fact condition, `{param}`
 * values already replaced) into a synchronous function that gives json-rules-engine 7.3.1's
 * result for it, run with `allowUndefinedFacts: true`.
 *
 * @param condition - the condition, parameters resolved
 * @returns a function of the facts: true when json-rules-engine would find the condition true
 * @throws {RulesetError} when the condition is malformed or uses what the ruleset format
 *   forbids (`path`, `params`, a `condition` reference, a `{fact}` value). The returned function
 *   throws where json-rules-engine rejects at run time: an unknown operator reached, or `in`,
 *   `notIn`, `someValue`, `everyValue` given a value without `indexOf`/`some`.
 * @example
 * const late = compileCondition({ all: [{ fact: "daysUntilDue", operator: "lessThanInclusive", value: 14 }] });
 * late({ daysUntilDue: 3 }) // true
 * late({}) // false: a missing fact is undefined
 */
export function compileCondition(condition: Condition): CompiledCondition {
  return compileNode(condition, "", new CompileContext("")).test as CompiledCondition;
}

/**
 * Compiles rules once into an evaluator whose `decide(facts)` gives the ids of the rules that
 * fire, in the given order, exactly as json-rules-engine 7.3.1 (with `allowUndefinedFacts`)
 * would fire them: the same `Evaluator` shape as the reference engine, but synchronous.
 *
 * @param rules - each rule's id and conditions (top level `all`, `any` or `not`), parameters resolved
 * @returns the evaluator
 * @throws {RulesetError} when a rule's conditions are malformed (file `<id>.json`). `decide`
 *   throws where json-rules-engine's `run` would reject, e.g. a fact named `""` (`factId required`)
 *   or an `in` condition whose value is a number.
 * @example
 * const evaluator = createCompiledEvaluator([
 *   { id: "urgent-by-task", conditions: { all: [{ fact: "urgentFlag", operator: "equal", value: true }] } },
 * ]);
 * evaluator.decide({ urgentFlag: true }) // ["urgent-by-task"]
 */
export function createCompiledEvaluator(rules: ReadonlyArray<CompilableRule>): CompiledEvaluator {
  const compiled = rules.map((rule) => {
    const ctx = new CompileContext(`${rule.id}.json`);
    const conditions: unknown = rule.conditions;
    // rule.js `setConditions`: the root must be all, any or not (condition references are not allowed)
    if (
      typeof conditions !== "object" ||
      conditions === null ||
      !(hasOwn(conditions, "all") || hasOwn(conditions, "any") || hasOwn(conditions, "not"))
    ) {
      ctx.fail(
        "conditions",
        "invalid_condition",
        'conditions must be an object with "all", "any" or "not" at the top',
      );
    }
    return { id: rule.id, test: compileNode(conditions, "conditions", ctx).test };
  });
  return {
    decide(facts) {
      // engine.js `run` makes a Fact of every key, and fact.js throws for an empty id
      if (hasOwn(facts, "")) throw new Error("factId required");
      const record = facts as FactRecord;
      const fired: string[] = [];
      for (const rule of compiled) if (rule.test(record)) fired.push(rule.id);
      return fired;
    },
  };
}
