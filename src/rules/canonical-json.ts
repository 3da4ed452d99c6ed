import { stringify } from "safe-stable-stringify";

/**
 * JSON with object keys in code-unit order and no whitespace, so equal content gives equal
 * text: the ruleset hash, ruleset diffs and duplicate rule examples all compare by it. Keys
 * whose value is `undefined` are left out, as `JSON.stringify` leaves them out.
 *
 * @param value - JSON-like data (a cycle is written as `"[Circular]"`, never a crash)
 * @returns the canonical JSON text, or `undefined` for `undefined` itself
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: object): string;
export function canonicalJson(value: unknown): string | undefined;
export function canonicalJson(value: unknown): string | undefined {
  return stringify(value);
}
