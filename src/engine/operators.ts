/**
 * json-rules-engine 7.3.1's default operators and operator decorators, as plain synchronous
 * functions with exactly its semantics. Each body is the one in
 * `json-rules-engine/dist/engine-default-operators.js` and
 * `engine-default-operator-decorators.js`, with the same parameter names, so that where
 * json-rules-engine throws a `TypeError` (`b.indexOf is not a function`,
 * `jsonValue.some is not a function`) these throw the same one.
 */

/** An operator with its decorators applied: the fact's value on the left, the condition's `value` on the right. */
export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;

/** Anything with an `indexOf`: in json-rules-engine's callbacks this is only assumed, never checked. */
interface Indexable {
  indexOf(searchElement: unknown): number;
}

/** Anything with `some` and `every`: json-rules-engine's `someValue`/`everyValue` assume the value is one. */
interface Iterated {
  some(predicate: (item: unknown) => boolean): boolean;
  every(predicate: (item: unknown) => boolean): boolean;
}

type Validator = (factValue: unknown) => boolean;

/** json-rules-engine's `Operator`: `evaluate = factValueValidator(factValue) && cb(factValue, jsonValue)` (operator.js). */
interface BaseOperator {
  cb: (a: unknown, b: unknown) => boolean;
  validator?: Validator;
}

/** json-rules-engine's `OperatorDecorator`: a callback given the next operator (operator-decorator.js). */
interface Decorator {
  cb: (factValue: unknown, jsonValue: unknown, next: OperatorFn) => boolean;
  validator?: Validator;
}

/** `numberValidator` in engine-default-operators.js: what `Number.parseFloat` reads as a number passes (so `"12abc"` and `[5]` pass). */
function numberValidator(factValue: unknown): boolean {
  return Number.parseFloat(factValue as string).toString() !== "NaN";
}

const isArray: Validator = Array.isArray;

const baseOperators: ReadonlyMap<string, BaseOperator> = new Map<string, BaseOperator>([
  ["equal", { cb: (a, b) => a === b }],
  ["notEqual", { cb: (a, b) => a !== b }],
  ["in", { cb: (a, b) => (b as Indexable).indexOf(a) > -1 }],
  ["notIn", { cb: (a, b) => (b as Indexable).indexOf(a) === -1 }],
  ["contains", { cb: (a, b) => (a as Indexable).indexOf(b) > -1, validator: isArray }],
  ["doesNotContain", { cb: (a, b) => (a as Indexable).indexOf(b) === -1, validator: isArray }],
  ["lessThan", { cb: (a, b) => (a as number) < (b as number), validator: numberValidator }],
  [
    "lessThanInclusive",
    { cb: (a, b) => (a as number) <= (b as number), validator: numberValidator },
  ],
  ["greaterThan", { cb: (a, b) => (a as number) > (b as number), validator: numberValidator }],
  [
    "greaterThanInclusive",
    { cb: (a, b) => (a as number) >= (b as number), validator: numberValidator },
  ],
]);

const decorators: ReadonlyMap<string, Decorator> = new Map<string, Decorator>([
  [
    "someFact",
    {
      cb: (factValue, jsonValue, next) => (factValue as Iterated).some((fv) => next(fv, jsonValue)),
      validator: isArray,
    },
  ],
  [
    "someValue",
    {
      cb: (factValue, jsonValue, next) => (jsonValue as Iterated).some((jv) => next(factValue, jv)),
    },
  ],
  [
    "everyFact",
    {
      cb: (factValue, jsonValue, next) =>
        (factValue as Iterated).every((fv) => next(fv, jsonValue)),
      validator: isArray,
    },
  ],
  [
    "everyValue",
    {
      cb: (factValue, jsonValue, next) =>
        (jsonValue as Iterated).every((jv) => next(factValue, jv)),
    },
  ],
  ["swap", { cb: (factValue, jsonValue, next) => next(jsonValue, factValue) }],
  ["not", { cb: (factValue, jsonValue, next) => !next(factValue, jsonValue) }],
]);

/** The names of json-rules-engine's ten default operators. */
export const baseOperatorNames: readonly string[] = [...baseOperators.keys()];

/** The names of json-rules-engine's six default operator decorators. */
export const decoratorNames: readonly string[] = [...decorators.keys()];

/** An operator name split the way json-rules-engine's `OperatorMap.get` splits it. */
export interface ParsedOperator {
  /** The undecorated operator, e.g. `equal`. */
  operator: string;
  /** The decorators, outermost first, e.g. `["everyFact", "not"]` for `everyFact:not:equal`. */
  decorators: string[];
}

/**
 * Splits an operator name into its decorators and base operator, as json-rules-engine's
 * `OperatorMap.get` does (operator-map.js): peel `decorator:` prefixes off the front until
 * the rest is a known operator; a prefix that is not a decorator, or a name with no known
 * operator left, is unknown.
 *
 * @param name - an operator name such as `everyFact:not:equal`
 * @returns the parts, or `undefined` when json-rules-engine would report `Unknown operator`
 * @example parseOperator("everyFact:not:equal") // { operator: "equal", decorators: ["everyFact", "not"] }
 * @example parseOperator("sometimes:equal") // undefined
 */
export function parseOperator(name: string): ParsedOperator | undefined {
  const found: string[] = [];
  let rest = name;
  while (!baseOperators.has(rest)) {
    const colon = rest.indexOf(":");
    if (colon <= 0) return undefined;
    const decorator = rest.slice(0, colon);
    if (!decorators.has(decorator)) return undefined;
    found.push(decorator);
    rest = rest.slice(colon + 1);
  }
  return { operator: rest, decorators: found };
}

/**
 * Tells whether json-rules-engine (with only its defaults) knows an operator name.
 *
 * @param name - an operator name, possibly decorated
 * @returns true when `compileOperator(name)` returns a function
 * @example isKnownOperator("not:in") // true
 * @example isKnownOperator("notin") // false
 */
export function isKnownOperator(name: string): boolean {
  return parseOperator(name) !== undefined;
}

function withValidator(validator: Validator | undefined, cb: OperatorFn): OperatorFn {
  if (validator === undefined) return cb;
  return (factValue, jsonValue) => validator(factValue) && cb(factValue, jsonValue);
}

/**
 * Builds one operator, decorators applied innermost first as `OperatorMap.get` does, so
 * `everyFact:not:equal` is `everyFact(not(equal))`. Each decorator checks its own
 * validator on the value it receives, then calls the next operator with its validator.
 *
 * @param name - an operator name, possibly decorated
 * @returns a synchronous function of (fact value, condition value), or `undefined` for an unknown name
 * @example compileOperator("someFact:greaterThan")?.([1, 20], 10) // true
 * @example compileOperator("contains")?.("abc", "b") // false: contains needs an array fact
 */
export function compileOperator(name: string): OperatorFn | undefined {
  const parsed = parseOperator(name);
  if (parsed === undefined) return undefined;
  const base = baseOperators.get(parsed.operator);
  if (base === undefined) return undefined;
  let op = withValidator(base.validator, base.cb);
  for (let i = parsed.decorators.length - 1; i >= 0; i--) {
    const decorator = decorators.get(parsed.decorators[i] ?? "");
    if (decorator === undefined) return undefined;
    const next = op;
    op = withValidator(decorator.validator, (factValue, jsonValue) =>
      decorator.cb(factValue, jsonValue, next),
    );
  }
  return op;
}

/** What is known, when compiling, about one argument on its way to the base operator. */
type Slot = { known: false } | { known: true; values: readonly unknown[] };

/**
 * Tells whether an operator, applied to this condition value, can throw for some fact value.
 * Only `in`/`notIn` (`b.indexOf`) and `someValue`/`everyValue` (`jsonValue.some`) can, when
 * what reaches them is not an array (or a string, which has `indexOf`). The condition value
 * is followed through the decorators (`swap` trades it for the fact, `someValue`/`everyValue`
 * hand on its items); a fact value is never known. Used to skip conditions whose result no
 * longer matters without hiding a throw. Fact values are assumed to be JSON data.
 *
 * @param name - an operator name, possibly decorated (an unknown name can throw)
 * @param value - the condition's literal value
 * @returns false only when no fact value can make the operator throw
 * @example operatorMayThrow("in", ["a"]) // false
 * @example operatorMayThrow("in", 5) // true: (5).indexOf is not a function
 * @example operatorMayThrow("swap:in", ["a"]) // true: the fact becomes b
 */
export function operatorMayThrow(name: string, value: unknown): boolean {
  const parsed = parseOperator(name);
  if (parsed === undefined) return true;
  let fact: Slot = { known: false };
  let json: Slot = { known: true, values: [value] };
  for (const decorator of parsed.decorators) {
    if (decorator === "swap") {
      [fact, json] = [json, fact];
    } else if (decorator === "someFact" || decorator === "everyFact") {
      // the validator lets only arrays through, and the next operator sees their items
      if (fact.known) fact = { known: true, values: fact.values.filter(Array.isArray).flat() };
    } else if (decorator === "someValue" || decorator === "everyValue") {
      if (!json.known || !json.values.every(Array.isArray)) return true;
      json = { known: true, values: json.values.flat() };
    }
  }
  if (parsed.operator === "in" || parsed.operator === "notIn") {
    return !json.known || !json.values.every((v) => Array.isArray(v) || typeof v === "string");
  }
  return false;
}
