/**
 * The bundled letters' renderer: a small interpreter for the subset of Handlebars the bundled
 * templates use, so that the default letters need neither Handlebars' runtime nor its
 * precompiled JavaScript (issue 14). `npm run generate` reduces each template's syntax tree,
 * as Handlebars' own parser and white-space control leave it, to the nodes below
 * (`reduce-template.ts`, which refuses anything else), and this file renders them as the
 * Handlebars 4.7 runtime renders the same template compiled with `compile-options.ts`:
 * - a strict lookup (`{{a.b}}`) fails with Handlebars' message (`container.strict` in
 *   lib/handlebars/runtime.js); other lookups read own properties only (`lookupProperty`);
 * - HTML output is escaped by `escapeExpression` (lib/handlebars/utils.js), text output not;
 * - `if`, `unless`, `each` and `with` follow lib/handlebars/helpers/, and `{{#each}}` counts
 *   against the same budget as the compiled templates' (`countEachItem`).
 * test/letters/program.test.ts renders every bundled template both ways and compares them.
 */
import { letterHelpers } from "./helpers.js";
import { countEachItem } from "./templates.js";

/**
 * A value in a template: a field of the context (`["path", "lead", "name"]`; no parts is
 * `this`), a data variable (`["data", "first"]` is `@first`), a quoted string, or a call of
 * a letter helper with its arguments (`["call", "plural", …]`).
 */
export type ProgramValue =
  | readonly ["path", ...string[]]
  | readonly ["data", ...string[]]
  | readonly ["string", string]
  | readonly ["call", string, ...ProgramValue[]];

/**
 * A piece of a template: text; `["value", v]` (`{{v}}`, escaped in HTML); a block of one of
 * Handlebars' helpers with its body and `{{else}}` part; `["partial", name]` (`{{> name}}`),
 * with a body for a partial block (`{{#> name}}…{{/name}}`); `["partial-block"]`
 * (`{{> @partial-block}}`).
 */
export type ProgramNode =
  | string
  | readonly ["value", ProgramValue]
  | readonly ["if" | "unless" | "each" | "with", ProgramValue, ProgramNodes, ProgramNodes]
  | readonly ["partial", string]
  | readonly ["partial", string, ProgramNodes]
  | readonly ["partial-block"];

/** A template's nodes, in order. */
export type ProgramNodes = readonly ProgramNode[];

/**
 * The bundled templates, reduced: file name → nodes, and partial name → nodes. A partial renders
 * with its caller's escaping (`.html.hbs` templates escape, the others do not).
 */
export interface ProgramSet {
  readonly templates: Readonly<Record<string, readonly ProgramNode[]>>;
  readonly partials: Readonly<Record<string, readonly ProgramNode[]>>;
}

/** Handlebars' `@data` frame: `@root`, an `{{#each}}`'s `@first` …, and the partial block. */
interface Frame {
  [name: string]: unknown;
  "partial-block"?: Block;
}

type Block = (context: unknown, data: Frame) => string;

interface Scope {
  readonly html: boolean;
  readonly partials: ProgramSet["partials"];
  readonly data: Frame;
}

const escapes: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
  "`": "&#x60;",
  "=": "&#x3D;",
};

/**
 * Handlebars' `escapeExpression`: nothing for null and undefined, `toHTML()` for a safe
 * string, and `& < > " ' \` =` as entities in everything else, as a string.
 *
 * @example escapeHtml(`Tom & "Jerry"`) // "Tom &amp; &quot;Jerry&quot;"
 */
export function escapeHtml(value: unknown): string {
  if (typeof value !== "string") {
    const html = (value as { toHTML?: unknown } | null | undefined)?.toHTML;
    if (value && typeof html === "function") return html.call(value);
    if (value == null) return "";
    if (!value) return `${value}`;
  }
  return `${value}`.replace(/[&<>"'`=]/g, (char) => escapes[char] ?? char);
}

/** Handlebars' `lookupProperty`: own properties only (a TypeError on undefined, as there). */
function lookup(parent: unknown, name: string): unknown {
  const result = (parent as Record<string, unknown>)[name];
  if (result == null) return result;
  const prototypeConstructor =
    name === "constructor" &&
    typeof result === "function" &&
    parent === (result as { prototype?: unknown }).prototype;
  return Object.hasOwn(parent as object, name) && !prototypeConstructor ? result : undefined;
}

/** Handlebars' `container.strict`: the field must be there, or the letter fails naming it. */
function strictLookup(parent: unknown, name: string): unknown {
  if (!parent || !(name in (parent as object))) {
    throw new Error(`"${name}" not defined in ${parent}`);
  }
  return lookup(parent, name);
}

function read(value: ProgramValue, context: unknown, scope: Scope, strict = false): unknown {
  switch (value[0]) {
    case "string":
      return value[1];
    case "call": {
      const [, name, ...args] = value;
      const helper = letterHelpers[name];
      if (!helper) throw new Error(`Missing helper: "${name}"`);
      return helper.fn(...args.map((arg) => read(arg, context, scope)));
    }
    default: {
      const [kind, ...parts] = value;
      let found: unknown = kind === "data" ? scope.data : context;
      parts.forEach((part, i) => {
        found = strict && i === parts.length - 1 ? strictLookup(found, part) : lookup(found, part);
      });
      return found;
    }
  }
}

/** Handlebars' `isEmpty`: `{{#if}}` and `{{#with}}` go by it (`0` is not empty). */
function isEmpty(value: unknown): boolean {
  return (!value && value !== 0) || (Array.isArray(value) && value.length === 0);
}

/**
 * What `{{#each}}` visits, as Handlebars' `each` helper does: an array's items (holes
 * skipped, `@index` the array index, `@last` at the last index), another iterable's, or an
 * object's own keys. `none` is whether it takes the `{{else}}` part.
 */
function entries(list: unknown): {
  visits: [key: unknown, index: number, last: boolean, item: unknown][];
  none: boolean;
} {
  if (!list || typeof list !== "object") return { visits: [], none: true };
  if (Array.isArray(list)) {
    const visits = [...list.keys()]
      .filter((i) => i in list)
      .map((i): [number, number, boolean, unknown] => [i, i, i === list.length - 1, list[i]]);
    return { visits, none: list.length === 0 };
  }
  const pairs: [unknown, unknown][] =
    Symbol.iterator in list
      ? [...(list as Iterable<unknown>)].map((item, i) => [i, item])
      : Object.keys(list).map((key) => [key, (list as Record<string, unknown>)[key]]);
  const visits = pairs.map(([key, item], i): [unknown, number, boolean, unknown] => [
    key,
    i,
    i === pairs.length - 1,
    item,
  ]);
  return { visits, none: visits.length === 0 };
}

/** `{{#each}}`: the body once per entry with `@key`, `@index`, `@first`, `@last`; or the else. */
function each(node: BlockNode, list: unknown, context: unknown, scope: Scope): string {
  const { visits, none } = entries(list);
  if (none) return renderNodes(node[3], context, scope);
  const data: Frame = { ...scope.data };
  const inner = { ...scope, data };
  let out = "";
  for (const [key, index, last, item] of visits) {
    Object.assign(data, { key, index, first: index === 0, last });
    countEachItem();
    out += renderNodes(node[2], item, inner);
  }
  return out;
}

type BlockNode = Extract<ProgramNode, readonly [string, ProgramValue, ProgramNodes, unknown]>;

/** A block of one of Handlebars' helpers, which call a function-valued argument first. */
function block(node: BlockNode, context: unknown, scope: Scope): string {
  const [helper, param, body, otherwise] = node;
  let value = read(param, context, scope);
  if (typeof value === "function") value = value.call(context);
  if (helper === "each") return each(node, value, context, scope);
  // `if` takes the else part for a falsy or empty value, `with` for an empty one only (0 is
  // not), and `unless` is `if` with its two parts swapped, as in Handlebars' helpers.
  const empty = helper === "with" ? isEmpty(value) : !value || isEmpty(value);
  const chosen = empty === (helper === "unless") ? body : otherwise;
  return renderNodes(chosen, helper === "with" && !empty ? value : context, scope);
}

/** `{{> name}}`, or `{{#> name}}body{{/name}}` with the body as the partial's `@partial-block`. */
function partial(node: PartialNode, context: unknown, scope: Scope): string {
  const [, name, body] = node;
  const nodes = scope.partials[name];
  if (nodes === undefined) throw new Error(`The partial ${name} could not be found`);
  if (body === undefined) return renderNodes(nodes, context, scope);
  const outer = scope.data["partial-block"];
  const partialBlock: Block = (at, data) =>
    renderNodes(body, at, { ...scope, data: { ...data, "partial-block": outer } });
  return renderNodes(nodes, context, {
    ...scope,
    data: { ...scope.data, "partial-block": partialBlock },
  });
}

type PartialNode = Extract<ProgramNode, readonly ["partial", ...unknown[]]>;

function renderNode(node: ProgramNode, context: unknown, scope: Scope): string {
  if (typeof node === "string") return node;
  switch (node[0]) {
    case "value": {
      let value = read(node[1], context, scope, true);
      if (node[1][0] !== "call" && typeof value === "function") value = value.call(context);
      if (scope.html) return escapeHtml(value);
      return value == null ? "" : `${value}`;
    }
    case "partial":
      return partial(node, context, scope);
    case "partial-block": {
      const partialBlock = scope.data["partial-block"];
      if (typeof partialBlock !== "function") {
        throw new Error("The partial @partial-block could not be found");
      }
      return partialBlock(context, scope.data);
    }
    default:
      return block(node, context, scope);
  }
}

function renderNodes(nodes: readonly ProgramNode[], context: unknown, scope: Scope): string {
  let out = "";
  for (const node of nodes) out += renderNode(node, context, scope);
  return out;
}

/**
 * A reduced template as a renderer, as Handlebars would compile it with the letters' options:
 * HTML escaped when `html`, plain text otherwise; partials from the same set.
 *
 * @param nodes - the template, reduced by `reduceTemplate`
 * @param partials - the partials it may call, reduced
 * @param html - escape values for HTML
 * @returns data in, text out
 * @throws {Error} at render time, as Handlebars does: a field missing from a strict lookup
 *   (`"email" not defined in [object Object]`), or a failing helper
 * @example renderProgram(["Dear ", ["value", ["path", "name"]]], {}, false)({ name: "Dr A" }) // "Dear Dr A"
 */
export function renderProgram(
  nodes: readonly ProgramNode[],
  partials: ProgramSet["partials"],
  html: boolean,
): (data: object) => string {
  return (data) => renderNodes(nodes, data, { html, partials, data: { root: data } });
}
