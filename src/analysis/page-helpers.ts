import type { TemplateHelper } from "../letters/helpers.js";
import { formatCount, formatDay, formatPercent } from "./format.js";

function number(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${name} needs a number, not ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * The helpers the analyst's HTML pages may call (`templates/report/`), besides Handlebars'
 * `if`, `unless`, `each`, `with` and `lookup`. Every one is pure: no I/O, no logging.
 *
 * - `count n` → "12,345"
 * - `percent part whole` → "33.3%" ("–" when the whole is 0)
 * - `fraction x` → a fraction 0–1 as a percentage, "87.5%" ("–" when absent)
 * - `day iso` → "1 December 2026"
 * - `eq a b` → true when `a === b`
 */
export const pageHelpers: Readonly<Record<string, TemplateHelper>> = {
  count: { arity: 1, params: ["value"], fn: (n) => formatCount(number("count", n)) },
  percent: {
    arity: 2,
    params: ["value", "value"],
    fn: (part, whole) => formatPercent(number("percent", part), number("percent", whole)),
  },
  fraction: {
    arity: 1,
    params: ["value"],
    fn: (x) => (x === undefined || x === null ? "–" : formatPercent(number("fraction", x), 1)),
  },
  day: {
    arity: 1,
    params: ["date"],
    fn: (iso) => {
      if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(iso)) {
        throw new Error(`day needs an ISO date such as 2026-12-01, not ${JSON.stringify(iso)}`);
      }
      return formatDay(iso.slice(0, 10));
    },
  },
  eq: { arity: 2, params: ["value", "value"], fn: (a, b) => a === b },
};
