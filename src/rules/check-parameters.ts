import { parseOperator } from "../engine/operators.js";
import type { RulesetIssue } from "../errors/ruleset-error.js";
import { factCatalogue, isFactName } from "../facts/catalogue.js";
import { senderKinds } from "../input/task.js";
import type { RulesetFile } from "./schema.js";

/**
 * What each parameter the program reads must hold. A parameter of the wrong type or out of
 * range does not fail: it makes a comparison false on every task (`immediateWithinDays:
 * "fourteen"`) or a fact meaningless (`journalDateWithinChars: -5`), so the rule it feeds
 * stops firing without a word. Parameters a custom ruleset adds for its own rules are checked
 * by how its conditions use them (see {@link checkComparedValue}).
 */
const RULESET_FILE = "ruleset.json";

const known: Readonly<Record<string, { min: number; max: number } | { oneOf: readonly string[] }>> =
  {
    immediateWithinDays: { min: 0, max: 366 },
    careDetailMinChars: { min: 0, max: 20_000 },
    careDetailMinTerms: { min: 0, max: 1_000 },
    negationWindowWords: { min: 0, max: 50 },
    // Wider than negationWindowWords is safe: only reviewNegationFillers may come between.
    reviewNegationWindowWords: { min: 0, max: 50 },
    journalDateWithinChars: { min: 1, max: 20_000 },
    escalationWindowDays: { min: 1, max: 3_660 },
    escalationServiceLeadAt: { min: 1, max: 1_000_000 },
    escalationIcbAt: { min: 1, max: 1_000_000 },
    // "one" read as NaN, or -1, and an action due today or tomorrow was no longer flagged for review.
    reviewWithinDays: { min: 0, max: 366 },
    // Correction is on (1) or off (0): one edit is all it does.
    spellingMaxEdits: { min: 0, max: 1 },
    spellingMinLetters: { min: 1, max: 100 },
    spellingSafetyMinLetters: { min: 1, max: 100 },
    standardContractSenderKinds: { oneOf: senderKinds },
  };

/**
 * Checks the parameters the program reads: whole numbers in range, or lists of known values.
 *
 * @param parameters - `ruleset.json` `parameters`, after its schema
 * @returns one issue per bad parameter, at `parameters.<name>`
 * @example checkParameters({ immediateWithinDays: "fourteen" })
 * // [{ file: "ruleset.json", path: "parameters.immediateWithinDays", code: "invalid_parameter", … }]
 */
export function checkParameters(parameters: RulesetFile["parameters"]): RulesetIssue[] {
  const issues: RulesetIssue[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    const spec = known[name];
    if (spec === undefined) continue;
    const issue = (message: string, path = `parameters.${name}`) =>
      issues.push({ file: RULESET_FILE, path, code: "invalid_parameter", message });
    if ("oneOf" in spec) {
      if (!Array.isArray(value)) {
        issue(`parameters.${name} must be a list of ${spec.oneOf.join(", ")}`);
        continue;
      }
      value.forEach((item, i) => {
        if (typeof item !== "string" || !spec.oneOf.includes(item)) {
          issue(
            `parameters.${name}[${i}] must be one of ${spec.oneOf.join(", ")}`,
            `parameters.${name}[${i}]`,
          );
        }
      });
    } else if (
      typeof value !== "number" ||
      !Number.isInteger(value) ||
      value < spec.min ||
      value > spec.max
    ) {
      issue(
        `parameters.${name} must be a whole number from ${spec.min} to ${spec.max.toLocaleString("en-GB")}`,
      );
    }
  }
  return issues;
}

const numeric = new Set(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]);

function typeOf(value: unknown): string {
  return Array.isArray(value) ? "list" : value === null ? "null" : typeof value;
}

/**
 * Checks that a condition's value can ever equal or order against its fact: a number for
 * `lessThan` and the like, the fact's own type for `equal`, items of it for `in`. Only plain
 * operators (and `not:`) are checked; the other decorators change what is compared.
 *
 * @param fact - the condition's fact
 * @param operator - its operator
 * @param value - the value compared (a parameter's value, when it names one)
 * @returns a message when the comparison can never be true (or never false), else undefined
 * @example checkComparedValue("daysUntilDue", "lessThanInclusive", "fourteen")
 * // "lessThanInclusive compares numbers, and this value is a string"
 */
export function checkComparedValue(
  fact: string,
  operator: string,
  value: unknown,
): string | undefined {
  const parsed = parseOperator(operator);
  if (parsed === undefined || parsed.decorators.some((d) => d !== "not")) return undefined;
  const base = parsed.operator;
  if (numeric.has(base)) {
    return typeof value === "number"
      ? undefined
      : `${base} compares numbers, and this value is ${typeOf(value) === "list" ? "a list" : `a ${typeOf(value)}`}`;
  }
  if (!isFactName(fact)) return undefined;
  const expected = factCatalogue[fact].type;
  const items = base === "in" || base === "notIn" ? value : undefined;
  if (base === "equal" || base === "notEqual") {
    if (value !== null && typeOf(value) !== expected) {
      return `${fact} is a ${expected}, and this value is a ${typeOf(value)}: ${base} would never match`;
    }
  } else if (Array.isArray(items)) {
    const wrong = items.findIndex((item) => typeOf(item) !== expected);
    if (wrong !== -1) {
      return `${fact} is a ${expected}, and item ${wrong} of this list is a ${typeOf(items[wrong])}: it would never match`;
    }
  }
  return undefined;
}
