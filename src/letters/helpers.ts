import { formatNhsNumber } from "../input/nhs-number.js";
import { formatLetterDate } from "./dates.js";

/**
 * What a helper's argument must be, checked when a template loads: `date` an ISO date or
 * date-time field (or a quoted date), `list` a list field, `value` any single value.
 */
export type HelperParam = "date" | "list" | "value";

/** A helper templates may call: its function and the arguments it takes. */
export interface TemplateHelper {
  arity: number;
  params: readonly HelperParam[];
  fn: (...args: unknown[]) => unknown;
}

/** Does a list of findings hold one whose `field` is `value`? (the hasRule and hasSeverity helpers) */
function someFinding(findings: unknown, field: "ruleId" | "severity", value: unknown): boolean {
  return (
    Array.isArray(findings) &&
    findings.some(
      (finding: unknown) =>
        typeof finding === "object" &&
        finding !== null &&
        (finding as Record<string, unknown>)[field] === value,
    )
  );
}

/**
 * The helpers letter templates may call, besides Handlebars' `if`, `unless`, `each`, `with`
 * and `lookup`. Every one is pure: no I/O, no logging.
 *
 * - `formatDate value` → "1 December 2026" (Europe/London)
 * - `formatNhsNumber value` → "943 476 5919"
 * - `hasRule findings "rule-id"` → true when a finding comes from that rule
 * - `hasSeverity findings "remind"` → true when a finding has that severity
 * - `eq a b` → true when `a === b`
 * - `plural count "day" "days"` → "1 day", "14 days"
 * - `includes text part` → true when `text` contains `part`, ignoring case ("Dr A Example,
 *   Example Surgery" includes "example surgery")
 */
/**
 * What kind of value a helper was given, for its error: never the value, which may be a
 * sender's name or an NHS number (`{{plural task.sender.name …}}` printed the name).
 */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "a piece of text";
  return `a ${typeof value}`;
}

export const letterHelpers: Readonly<Record<string, TemplateHelper>> = {
  formatDate: {
    arity: 1,
    params: ["date"],
    fn: (value) => {
      const formatted = typeof value === "string" ? formatLetterDate(value) : undefined;
      if (formatted === undefined) {
        throw new Error(`formatDate needs an ISO date such as 2026-12-01, not ${kindOf(value)}`);
      }
      return formatted;
    },
  },
  formatNhsNumber: {
    arity: 1,
    params: ["value"],
    fn: (value) =>
      typeof value === "string" && /^\d{10}$/.test(value) ? formatNhsNumber(value) : value,
  },
  hasRule: {
    arity: 2,
    params: ["list", "value"],
    fn: (findings, ruleId) => someFinding(findings, "ruleId", ruleId),
  },
  hasSeverity: {
    arity: 2,
    params: ["list", "value"],
    fn: (findings, severity) => someFinding(findings, "severity", severity),
  },
  eq: { arity: 2, params: ["value", "value"], fn: (a, b) => a === b },
  plural: {
    arity: 3,
    params: ["value", "value", "value"],
    fn: (count, one, many) => {
      if (typeof count !== "number" || !Number.isFinite(count)) {
        throw new Error(`plural needs a number, not ${kindOf(count)}`);
      }
      return `${count} ${Math.abs(count) === 1 ? String(one) : String(many)}`;
    },
  },
  includes: {
    arity: 2,
    params: ["value", "value"],
    fn: (text, part) =>
      typeof text === "string" &&
      typeof part === "string" &&
      part !== "" &&
      text.toLowerCase().includes(part.toLowerCase()),
  },
};

/** Handlebars' own helpers a template may use (`log` is left out: the library never logs). */
export const builtInHelpers = new Set(["if", "unless", "each", "with", "lookup"]);
