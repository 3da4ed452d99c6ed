import fc from "fast-check";
import { Engine, type TopLevelCondition } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { compileCondition, createCompiledEvaluator } from "../../src/engine/compiled.js";
import {
  baseOperatorNames,
  compileOperator,
  decoratorNames,
  isKnownOperator,
  operatorMayThrow,
} from "../../src/engine/operators.js";
import { isRulesetError } from "../../src/errors/ruleset-error.js";
import type { Condition } from "../../src/rules/schema.js";

type Facts = Record<string, unknown>;
/** What an engine made of a condition: fired or not, or the message of what it threw. */
type Outcome = boolean | { threw: string };

/** The oracle: json-rules-engine itself, one rule, `allowUndefinedFacts` as the core runs it. */
async function jre(conditions: Condition, facts: Facts): Promise<Outcome> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    conditions: structuredClone(conditions) as unknown as TopLevelCondition,
    event: { type: "fired" },
  });
  try {
    const { events } = await engine.run(facts);
    return events.length === 1;
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  }
}

function compiled(conditions: Condition, facts: Facts): Outcome {
  const test = compileCondition(conditions);
  try {
    return test(facts);
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs both engines and checks they agree exactly (same boolean, or the same error message). */
async function agree(conditions: Condition, facts: Facts): Promise<Outcome> {
  const expected = await jre(conditions, facts);
  expect(compiled(conditions, facts)).toEqual(expected);
  return expected;
}

const one = (fact: string, operator: string, value: unknown) =>
  ({ all: [{ fact, operator, value }] }) as Condition;

describe("compiled operators match json-rules-engine", () => {
  it("equal is strict: the number 1 is not the string '1'", async () => {
    expect(await agree(one("a", "equal", "1"), { a: 1 })).toBe(false);
    expect(await agree(one("a", "equal", 1), { a: 1 })).toBe(true);
  });

  it("equal is false and notEqual is true on a missing fact (allowUndefinedFacts makes it undefined)", async () => {
    expect(await agree(one("a", "equal", null), {})).toBe(false);
    expect(await agree(one("a", "notEqual", 1), {})).toBe(true);
  });

  it("a fact given as undefined is the same as a missing one", async () => {
    expect(await agree(one("a", "notEqual", 1), { a: undefined })).toBe(true);
  });

  it("only own properties are facts, so 'constructor' is missing, not Object", async () => {
    expect(await agree(one("constructor", "equal", null), {})).toBe(false);
    expect(await agree(one("toString", "notEqual", 1), {})).toBe(true);
    // String(Object.prototype) is "[object Object]": an inherited __proto__ would be found here
    expect(await agree(one("__proto__", "in", "[object Object]"), {})).toBe(false);
  });

  it("in and notIn look the fact up in an array value with ===", async () => {
    expect(await agree(one("a", "in", ["x", "y"]), { a: "y" })).toBe(true);
    expect(await agree(one("a", "in", [1]), { a: "1" })).toBe(false);
    expect(await agree(one("a", "notIn", ["x"]), { a: "y" })).toBe(true);
  });

  it("in never finds NaN (Array indexOf, not a Set)", async () => {
    expect(await agree(one("a", "notIn", [1, 2]), { a: Number.NaN })).toBe(true);
  });

  it("notIn is true on a missing fact", async () => {
    expect(await agree(one("a", "notIn", ["x"]), {})).toBe(true);
  });

  it("in with a string value is a substring test (String indexOf)", async () => {
    expect(await agree(one("a", "in", "hello"), { a: "ell" })).toBe(true);
    expect(await agree(one("a", "in", "hello"), { a: "" })).toBe(true);
    expect(await agree(one("a", "notIn", "hello"), { a: "bye" })).toBe(true);
  });

  it("in with a string value finds a missing fact as the word 'undefined'", async () => {
    expect(await agree(one("a", "in", "is undefined here"), {})).toBe(true);
  });

  it("in with a number, boolean or null value throws as json-rules-engine does", async () => {
    expect(await agree(one("a", "in", 5), { a: 1 })).toEqual({
      threw: "b.indexOf is not a function",
    });
    expect(await agree(one("a", "notIn", true), { a: 1 })).toEqual({
      threw: "b.indexOf is not a function",
    });
    expect(await agree(one("a", "in", null), { a: 1 })).toEqual({
      threw: "Cannot read properties of null (reading 'indexOf')",
    });
  });

  it("contains is false on a fact that is not an array, even a string that contains the value", async () => {
    expect(await agree(one("a", "contains", "b"), { a: "abc" })).toBe(false);
    expect(await agree(one("a", "contains", "b"), { a: ["a", "b"] })).toBe(true);
  });

  it("doesNotContain is false (not true) on a fact that is not an array", async () => {
    expect(await agree(one("a", "doesNotContain", "z"), { a: "abc" })).toBe(false);
    expect(await agree(one("a", "doesNotContain", "z"), {})).toBe(false);
    expect(await agree(one("a", "doesNotContain", "z"), { a: ["a"] })).toBe(true);
  });

  it("numeric operators are false on a missing fact, null, a boolean or a word", async () => {
    for (const a of [undefined, null, true, "abc", "NaN"]) {
      expect(await agree(one("a", "lessThan", 10), { a })).toBe(false);
      expect(await agree(one("a", "greaterThanInclusive", -10), { a })).toBe(false);
    }
  });

  it("numeric operators accept what parseFloat reads as a number, then compare with JavaScript's <", async () => {
    expect(await agree(one("a", "lessThan", 20), { a: "12" })).toBe(true);
    // "12abc" passes the validator (parseFloat reads 12) but "12abc" < 20 is NaN < 20
    expect(await agree(one("a", "lessThan", 20), { a: "12abc" })).toBe(false);
    // [5] passes the validator and [5] < 10 compares "5" with 10
    expect(await agree(one("a", "lessThan", 10), { a: [5] })).toBe(true);
    // two strings compare as strings: "5" < "10" is false
    expect(await agree(one("a", "lessThan", "10"), { a: "5" })).toBe(false);
    expect(await agree(one("a", "greaterThan", 1), { a: "Infinity" })).toBe(true);
  });

  it("the inclusive operators include the boundary and the others do not", async () => {
    expect(await agree(one("a", "lessThanInclusive", 14), { a: 14 })).toBe(true);
    expect(await agree(one("a", "lessThan", 14), { a: 14 })).toBe(false);
    expect(await agree(one("a", "greaterThanInclusive", 14), { a: 14 })).toBe(true);
    expect(await agree(one("a", "greaterThan", 14), { a: 14 })).toBe(false);
  });

  it("a NaN fact fails every numeric operator", async () => {
    expect(await agree(one("a", "lessThan", 1), { a: Number.NaN })).toBe(false);
    expect(await agree(one("a", "greaterThanInclusive", 1), { a: Number.NaN })).toBe(false);
  });
});

describe("compiled decorators match json-rules-engine", () => {
  it("not: negates, so not:equal on a missing fact is true", async () => {
    expect(await agree(one("a", "not:equal", 1), {})).toBe(true);
  });

  it("not:contains on a fact that is not an array is true (the validator's false is negated)", async () => {
    expect(await agree(one("a", "not:contains", "b"), { a: "abc" })).toBe(true);
  });

  it("swap: puts the value on the left, so swap:in asks whether the fact array holds the value", async () => {
    expect(await agree(one("a", "swap:in", "x"), { a: ["x", "y"] })).toBe(true);
    expect(await agree(one("a", "swap:in", "z"), { a: ["x", "y"] })).toBe(false);
  });

  it("swap:in on a missing fact throws (undefined has no indexOf)", async () => {
    expect(await agree(one("a", "swap:in", "x"), {})).toEqual({
      threw: "Cannot read properties of undefined (reading 'indexOf')",
    });
  });

  it("swap:contains asks whether the value array holds the fact", async () => {
    expect(await agree(one("a", "swap:contains", ["x", "y"]), { a: "y" })).toBe(true);
    expect(await agree(one("a", "swap:contains", "xy"), { a: "y" })).toBe(false);
  });

  it("swap:lessThan checks the value with numberValidator and compares value < fact", async () => {
    expect(await agree(one("a", "swap:lessThan", 3), { a: 5 })).toBe(true);
    expect(await agree(one("a", "swap:lessThan", "x"), { a: 5 })).toBe(false);
  });

  it("someFact: is true when some item of an array fact passes, false on a non-array", async () => {
    expect(await agree(one("a", "someFact:greaterThan", 10), { a: [1, 20] })).toBe(true);
    expect(await agree(one("a", "someFact:greaterThan", 10), { a: 20 })).toBe(false);
    expect(await agree(one("a", "someFact:equal", 1), { a: [] })).toBe(false);
  });

  it("everyFact: is true on an empty array and false on a non-array", async () => {
    expect(await agree(one("a", "everyFact:equal", 1), { a: [] })).toBe(true);
    expect(await agree(one("a", "everyFact:equal", 1), { a: 1 })).toBe(false);
    expect(await agree(one("a", "everyFact:equal", 1), { a: [1, 1] })).toBe(true);
  });

  it("someValue: and everyValue: iterate over an array value", async () => {
    expect(await agree(one("a", "someValue:equal", [1, 2]), { a: 2 })).toBe(true);
    expect(await agree(one("a", "everyValue:lessThan", [5, 6]), { a: 2 })).toBe(true);
    expect(await agree(one("a", "everyValue:lessThan", []), { a: "abc" })).toBe(true);
  });

  it("someValue: on a value that is not an array throws (a string has no some)", async () => {
    expect(await agree(one("a", "someValue:equal", "ab"), { a: "a" })).toEqual({
      threw: "jsonValue.some is not a function",
    });
    expect(await agree(one("a", "everyValue:equal", 3), { a: 3 })).toEqual({
      threw: "jsonValue.every is not a function",
    });
  });

  it("chains apply from the left: everyFact:not:equal is true when no item equals the value", async () => {
    expect(await agree(one("a", "everyFact:not:equal", 3), { a: [1, 2] })).toBe(true);
    expect(await agree(one("a", "everyFact:not:equal", 3), { a: [1, 3] })).toBe(false);
    expect(await agree(one("a", "not:everyFact:equal", 3), { a: 3 })).toBe(true);
    expect(await agree(one("a", "someFact:someValue:equal", [4, 5]), { a: [1, 5] })).toBe(true);
  });

  it("an unknown operator or decorator throws when the condition is reached", async () => {
    expect(await agree(one("a", "notin", [1]), { a: 1 })).toEqual({
      threw: "Unknown operator: notin",
    });
    expect(await agree(one("a", "sometimes:equal", 1), { a: 1 })).toEqual({
      threw: "Unknown operator: sometimes:equal",
    });
    expect(await agree(one("a", ":equal", 1), { a: 1 })).toEqual({
      threw: "Unknown operator: :equal",
    });
  });
});

describe("compiled boolean conditions match json-rules-engine", () => {
  const yes = { fact: "a", operator: "equal", value: 1 };
  const no = { fact: "a", operator: "equal", value: 2 };
  const boom = { fact: "a", operator: "in", value: 5 };

  it("an empty all is true", async () => {
    expect(await agree({ all: [] }, {})).toBe(true);
  });

  it("an empty any is also true in json-rules-engine 7.3.1, not false", async () => {
    expect(await agree({ any: [] }, {})).toBe(true);
    expect(await agree({ all: [{ any: [] }] }, {})).toBe(true);
    expect(await agree({ not: { any: [] } }, {})).toBe(false);
  });

  it("not negates its condition, nested any and all combine as expected", async () => {
    expect(await agree({ not: yes }, { a: 1 })).toBe(false);
    expect(await agree({ any: [no, { all: [yes, { not: no }] }] }, { a: 1 })).toBe(true);
    expect(await agree({ all: [yes, { any: [no, { not: yes }] }] }, { a: 1 })).toBe(false);
  });

  it("a condition that throws makes the rule throw even when a sibling of the same priority already decided", async () => {
    expect(await agree({ all: [no, boom] }, { a: 1 })).toEqual({
      threw: "b.indexOf is not a function",
    });
    expect(await agree({ any: [yes, boom] }, { a: 1 })).toEqual({
      threw: "b.indexOf is not a function",
    });
  });

  it("a higher-priority group that decides an all skips the lower groups, and their throws", async () => {
    expect(await agree({ all: [{ ...no, priority: 5 }, boom] }, { a: 1 })).toBe(false);
    expect(await agree({ any: [boom, { ...yes, priority: 2 }] }, { a: 1 })).toBe(true);
  });

  it("a lower-priority group still runs when the higher group does not decide", async () => {
    expect(await agree({ all: [{ ...yes, priority: 5 }, boom] }, { a: 1 })).toEqual({
      threw: "b.indexOf is not a function",
    });
  });

  it("a nested group's own priority orders it among its siblings", async () => {
    const nested = { any: [no], priority: 3 };
    expect(await agree({ all: [boom, nested] }, { a: 1 })).toBe(false);
  });

  it("a single condition is run without looking at priorities", async () => {
    expect(await agree({ any: [{ ...boom, priority: 9 }] }, { a: 1 })).toEqual({
      threw: "b.indexOf is not a function",
    });
  });

  it("an unknown operator in a group that never runs does not throw", async () => {
    const unknown = { fact: "a", operator: "bogus", value: 1 };
    expect(await agree({ all: [{ ...no, priority: 2 }, unknown] }, { a: 1 })).toBe(false);
  });
});

describe("createCompiledEvaluator", () => {
  const rules = [
    { id: "first", conditions: { all: [{ fact: "n", operator: "greaterThan", value: 1 }] } },
    { id: "second", conditions: { any: [{ fact: "n", operator: "equal", value: 0 }] } },
    { id: "third", conditions: { not: { fact: "n", operator: "equal", value: 0 } } },
  ] satisfies { id: string; conditions: Condition }[];

  it("returns the ids of the rules that fire, in the order given", () => {
    const evaluator = createCompiledEvaluator(rules);
    expect(evaluator.decide({ n: 5 })).toEqual(["first", "third"]);
    expect(evaluator.decide({ n: 0 })).toEqual(["second"]);
  });

  it("throws when any rule throws, as json-rules-engine's run rejects", () => {
    const evaluator = createCompiledEvaluator([
      ...rules,
      { id: "broken", conditions: { all: [{ fact: "n", operator: "in", value: 3 }] } },
    ]);
    expect(() => evaluator.decide({ n: 5 })).toThrow("b.indexOf is not a function");
  });

  it("throws for a fact named with the empty string, as json-rules-engine does", async () => {
    expect(() => createCompiledEvaluator(rules).decide({ "": 1, n: 1 })).toThrow("factId required");
    expect(await jre({ all: [] }, { "": 1 })).toEqual({ threw: "factId required" });
  });

  it("rejects a rule whose conditions are not all, any or not at the top with a RulesetError naming the file", () => {
    const bad = { fact: "n", operator: "equal", value: 1 } as unknown as Condition;
    const error = captured(() => createCompiledEvaluator([{ id: "flat", conditions: bad }]));
    expect(isRulesetError(error) && error.issues).toEqual([
      {
        file: "flat.json",
        path: "conditions",
        code: "invalid_condition",
        message: 'conditions must be an object with "all", "any" or "not" at the top',
      },
    ]);
  });
});

describe("compileCondition refuses what json-rules-engine or the ruleset format refuses", () => {
  it("rejects a path (JSONPath) with a RulesetError at its path", () => {
    const bad = { all: [{ fact: "a", operator: "equal", value: 1, path: "$.x" }] };
    const error = captured(() => compileCondition(bad as unknown as Condition));
    expect(isRulesetError(error) && error.issues[0]?.path).toBe("all[0].path");
  });

  it("rejects not with an array, as json-rules-engine's Condition does", () => {
    const error = captured(() => compileCondition({ not: [] } as unknown as Condition));
    expect(isRulesetError(error) && error.issues[0]?.message).toBe('"not" cannot be an array');
  });

  it("rejects all that is not an array", () => {
    const error = captured(() => compileCondition({ all: {} } as unknown as Condition));
    expect(isRulesetError(error) && error.issues[0]?.message).toBe('"all" must be an array');
  });

  it("rejects a value that refers to a fact", () => {
    const bad = { any: [{ fact: "a", operator: "equal", value: { fact: "b" } }] };
    const error = captured(() => compileCondition(bad as unknown as Condition));
    expect(isRulesetError(error) && error.issues[0]?.code).toBe("unsupported_condition");
  });
});

describe("operators.ts", () => {
  it("knows json-rules-engine's ten operators and six decorators", () => {
    expect(baseOperatorNames).toHaveLength(10);
    expect(decoratorNames).toHaveLength(6);
    expect(isKnownOperator("everyFact:not:greaterThanInclusive")).toBe(true);
    expect(isKnownOperator("not:")).toBe(false);
    expect(compileOperator("bogus")).toBeUndefined();
  });

  it("says an operator may throw only when something without indexOf or some can reach it", () => {
    expect(operatorMayThrow("in", ["a"])).toBe(false);
    expect(operatorMayThrow("not:in", "abc")).toBe(false);
    expect(operatorMayThrow("in", 5)).toBe(true);
    expect(operatorMayThrow("swap:in", ["a"])).toBe(true);
    expect(operatorMayThrow("someValue:in", [["a"], "b"])).toBe(false);
    expect(operatorMayThrow("someValue:in", [1])).toBe(true);
    expect(operatorMayThrow("swap:swap:in", [])).toBe(false);
    expect(operatorMayThrow("swap:equal", 1)).toBe(false);
    expect(operatorMayThrow("bogus", 1)).toBe(true);
  });
});

function captured(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Property-based differential test: random conditions over random facts.

/** Fixed so that a failure reproduces; change it to explore, never to make a failure go away. */
const SEED = 20241001;
const RUNS = 2000;

const factNames = ["a", "b", "c", "d", "missing", "constructor", "__proto__"] as const;

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 20 }),
  fc.constantFrom(0, -0, 1.5, 14, 1e21),
  fc.constantFrom(
    "",
    "a",
    "b",
    "ab",
    "abc",
    "hello",
    "undefined",
    "null",
    "true",
    "[object Object]",
  ),
  fc.constantFrom("12", "12abc", " 3", "3 ", "-1", "1e3", "0x10", "NaN", "Infinity", "abc12"),
  fc.boolean(),
  fc.constant(null),
);
/** A condition value: JSON only, as in a rule file. */
const jsonValue = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }) },
);
/** A fact value: JSON, plus NaN and Infinity, which computed numbers can be. */
const factValue = fc.oneof(
  { weight: 5, arbitrary: jsonValue },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, undefined) },
);

const operatorName = fc
  .tuple(
    fc.array(fc.constantFrom(...decoratorNames), { maxLength: 3 }),
    fc.constantFrom(...baseOperatorNames),
    fc.nat({ max: 99 }),
  )
  .map(([decorators, base, dice]) => {
    // now and then a name json-rules-engine does not know
    if (dice === 0) return "bogus";
    if (dice === 1) return `often:${base}`;
    return [...decorators, base].join(":");
  });

const priority = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 2 });

const factCondition = fc
  .record({
    fact: fc.constantFrom(...factNames),
    operator: operatorName,
    value: jsonValue,
    priority,
  })
  .map(({ priority: p, ...rest }) => (p === undefined ? rest : { ...rest, priority: p }));

function conditionAt(depth: number): fc.Arbitrary<Condition> {
  if (depth === 0) return factCondition as fc.Arbitrary<Condition>;
  const child = conditionAt(depth - 1);
  const leafOrChild = fc.oneof(
    { weight: 2, arbitrary: factCondition },
    { weight: 1, arbitrary: child },
  );
  const withPriority = <T extends object>(arb: fc.Arbitrary<T>) =>
    fc.tuple(arb, priority).map(([c, p]) => (p === undefined ? c : { ...c, priority: p }));
  return fc.oneof(
    withPriority(fc.record({ all: fc.array(leafOrChild, { maxLength: 4 }) })),
    withPriority(fc.record({ any: fc.array(leafOrChild, { maxLength: 4 }) })),
    withPriority(fc.record({ not: leafOrChild })),
  ) as fc.Arbitrary<Condition>;
}

/** A top-level condition (all, any or not), nested up to depth 4. */
const topLevel = fc.integer({ min: 1, max: 4 }).chain((depth) => conditionAt(depth));

const facts = fc.dictionary(fc.constantFrom("a", "b", "c", "d"), factValue, { maxKeys: 4 });

/** Same boolean or both throw: which error is reported when several conditions throw may differ. */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  return typeof a === "boolean" || typeof b === "boolean" ? a === b : true;
}

describe("compiled conditions agree with json-rules-engine on random conditions and facts", () => {
  it(`gives the same result (or both throw) for ${RUNS} random conditions, seed ${SEED}`, async () => {
    const tally = { fired: 0, notFired: 0, threw: 0 };
    await fc.assert(
      fc.asyncProperty(topLevel, facts, async (conditions, given) => {
        const expected = await jre(conditions, given);
        const actual = compiled(conditions, given);
        if (typeof expected === "boolean") tally[expected ? "fired" : "notFired"] += 1;
        else tally.threw += 1;
        expect(sameOutcome(actual, expected), JSON.stringify({ expected, actual })).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // the generator must reach all three outcomes for the comparison to mean anything
    expect(tally.fired).toBeGreaterThan(RUNS / 10);
    expect(tally.notFired).toBeGreaterThan(RUNS / 10);
    expect(tally.threw).toBeGreaterThan(RUNS / 50);
  });

  it(`fires the same rules as one json-rules-engine Engine with many rules (${RUNS / 4} runs)`, async () => {
    const ruleSet = fc.array(topLevel, { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(ruleSet, facts, async (conditionsList, given) => {
        const rules = conditionsList.map((conditions, i) => ({ id: `r${i}`, conditions }));
        const engine = new Engine([], { allowUndefinedFacts: true });
        for (const rule of rules) {
          engine.addRule({
            conditions: structuredClone(rule.conditions) as unknown as TopLevelCondition,
            event: { type: rule.id },
          });
        }
        let expected: string[] | "threw";
        try {
          const { events } = await engine.run(given);
          const fired = new Set(events.map((e) => e.type));
          expected = rules.map((r) => r.id).filter((id) => fired.has(id));
        } catch {
          expected = "threw";
        }
        let actual: string[] | "threw";
        try {
          actual = createCompiledEvaluator(rules).decide(given);
        } catch {
          actual = "threw";
        }
        expect(actual).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS / 4 },
    );
  });
});
