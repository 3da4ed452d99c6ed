import { formatLongDate } from "../facts/calendar.js";
import type { Rule } from "./schema.js";

/**
 * A rule message (or sender wording) as parsed, in the small grammar `checkMessage` allows:
 * text; `["field", path]`; `["date", path]` ("1 December 2026"); `["plural", path, one, many]`
 * ("14 days"); `["if" | "unless", path, then, else]`. Parsed when a ruleset is built (the
 * default's at build time, `npm run generate`), so that rendering a message never needs
 * Handlebars' parser and a browser bundle does not carry it.
 */
export type MessageNode =
  | string
  | ["field" | "date", string[]]
  | ["plural", string[], string, string]
  | ["if" | "unless", string[], MessageNode[], MessageNode[]];

/** A rule's wording, parsed: its message, and its sender heading and reason when it has them. */
export interface RuleMessages {
  message: MessageNode[];
  heading?: MessageNode[];
  reason?: MessageNode[];
}

export type Render = (context: object) => string;

const parsedOf = new WeakMap<Rule, RuleMessages>();

/**
 * Records a built rule's wording, parsed: `buildRuleset` records every rule it builds, and the
 * bundled default's come parsed from the build.
 */
export function adoptRuleMessages(rule: Rule, messages: RuleMessages): void {
  parsedOf.set(rule, messages);
}

/** Whether `rule` came from a built ruleset, its wording checked and parsed. */
export function hasRuleMessages(rule: unknown): boolean {
  return typeof rule === "object" && rule !== null && parsedOf.has(rule as Rule);
}

/**
 * A rule's wording, parsed when its ruleset was built.
 *
 * @throws {TypeError} for a rule no ruleset was built with (a copy, or an object shaped like a
 *   rule): its wording was never checked
 */
export function ruleMessages(rule: Rule): RuleMessages {
  const messages = parsedOf.get(rule);
  if (messages === undefined) {
    throw new TypeError(
      `the wording of rule "${String(rule.id)}" was never checked: use a ruleset from defaultRuleset(), loadRuleset or buildRuleset`,
    );
  }
  return messages;
}

function formatDate(value: unknown): string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? formatLongDate(value)
    : value == null
      ? ""
      : String(value);
}

/** "1 day", "14 days": a count with its noun; nothing for a value that is not a number. */
function plural(value: unknown, one: string, many: string): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "";
  return `${value} ${Math.abs(value) === 1 ? one : many}`;
}

/** Reads a checked path from the context, own properties only; absent is undefined. */
function reader(parts: readonly string[]): (context: object) => unknown {
  return (context) => {
    let value: unknown = context;
    for (const part of parts) {
      if (typeof value !== "object" || value === null || !Object.hasOwn(value, part))
        return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  };
}

/** Handlebars' truthiness for #if: false, null, undefined, "", 0 and [] are false. */
function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function renderOf(node: MessageNode): Render {
  if (typeof node === "string") return () => node;
  switch (node[0]) {
    case "field": {
      const read = reader(node[1]);
      return (context) => {
        const value = read(context);
        return value == null ? "" : String(value);
      };
    }
    case "date": {
      const read = reader(node[1]);
      return (context) => formatDate(read(context));
    }
    case "plural": {
      const [, path, one, many] = node;
      const read = reader(path);
      return (context) => plural(read(context), one, many);
    }
    default: {
      const [name, path, then, otherwise] = node;
      const read = reader(path);
      const yes = compileMessageTree(then);
      const no = compileMessageTree(otherwise);
      const negate = name === "unless";
      return (context) => (truthy(read(context)) !== negate ? yes(context) : no(context));
    }
  }
}

/**
 * A parsed message as a plain-text renderer. Fields are read as own properties only; an absent
 * optional field prints nothing rather than failing the verdict.
 *
 * @example compileMessageTree(["Due ", ["date", ["facts", "dueOn"]]])({ facts: { dueOn: "2026-12-01" } }) // "Due 1 December 2026"
 */
export function compileMessageTree(nodes: readonly MessageNode[]): Render {
  const parts = nodes.map(renderOf);
  return (context) => {
    let out = "";
    for (const part of parts) out += part(context);
    return out;
  };
}
