/** json-rules-engine's default operators: the only ones a rule may use. */
export const operatorNames = [
  "equal",
  "notEqual",
  "in",
  "notIn",
  "contains",
  "doesNotContain",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
] as const;

/** json-rules-engine's default operator decorators, written `decorator:operator`. */
export const decoratorNames = [
  "someFact",
  "someValue",
  "everyFact",
  "everyValue",
  "swap",
  "not",
] as const;

const operators = new Set<string>(operatorNames);
const decorators = new Set<string>(decoratorNames);

/**
 * Tells whether an operator name is allowed: a default operator, optionally behind decorators.
 *
 * @example isKnownOperator("not:in") // true
 * @example isKnownOperator("matches") // false
 */
export function isKnownOperator(name: string): boolean {
  const parts = name.split(":");
  const base = parts.pop();
  return base !== undefined && operators.has(base) && parts.every((d) => decorators.has(d));
}
