import { TemplateError } from "../errors/template-error.js";
import { formatLetterDate } from "./dates.js";
import { builtInHelpers, type HelperParam, letterHelpers, type TemplateHelper } from "./helpers.js";
import { anyShape, mergeShapes, type Shape, scalar } from "./shape.js";

type Program = hbs.AST.Program;

/** How deep partials may include partials. */
export const maxPartialDepth = 10;
/** How many partial inclusions one template may reach, counting each time a partial is reached. */
export const maxPartialCalls = 1_000;
type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;
type PathExpression = hbs.AST.PathExpression;

/** Names no template may read: everything an object inherits, which is how template injection reaches code. */
const forbidden = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

interface Scope {
  shape: Shape;
  /** Block parameters (`as |finding i|`) bound at this level. */
  params: ReadonlyMap<string, Shape>;
  /** Inside `#each`, where `@index`, `@key`, `@first` and `@last` exist. */
  inEach: boolean;
}

interface Walk {
  /** The file being walked, for error messages. */
  file: string;
  html: boolean;
  /** The helpers the templates may call, besides Handlebars' own. */
  helpers: Readonly<Record<string, TemplateHelper>>;
  partials: ReadonlyMap<string, Program>;
  /** Partials being walked, innermost last: a partial that includes itself is refused. */
  active: string[];
  /** Partial inclusions walked so far for this template, shared by the whole walk. */
  calls: { count: number };
  /** The block a `{{#> partial}}…{{/partial}}` passes, for `{{> @partial-block}}`. */
  partialBlock?: {
    program: Program;
    stack: Scope[];
    file: string;
    partialBlock?: Walk["partialBlock"];
  };
}

function where(node: Node): string {
  return node.loc ? ` at line ${node.loc.start.line}, column ${node.loc.start.column + 1}` : "";
}

function fail(walk: Walk, node: Node, path: string, message: string): never {
  throw new TemplateError(walk.file, path, `${message}${where(node)}`);
}

function fieldList(shape: Shape): string {
  if (shape.kind !== "object") return "";
  return ` (known fields: ${[...shape.fields.keys()].join(", ")})`;
}

function resolveParts(
  walk: Walk,
  node: Node,
  start: Shape,
  parts: readonly string[],
  prefix: string,
): Shape {
  let shape = start;
  let path = prefix;
  for (const part of parts) {
    const next = path ? `${path}.${part}` : part;
    if (forbidden.has(part)) {
      fail(walk, node, next, `"${part}" is not a field a letter can read`);
    }
    switch (shape.kind) {
      case "object": {
        const field = shape.fields.get(part);
        if (!field)
          fail(
            walk,
            node,
            next,
            `unknown field "${part}"${path ? ` in ${path}` : ""}${fieldList(shape)}`,
          );
        shape = field;
        break;
      }
      case "array":
        if (part === "length") shape = scalar;
        else if (/^\d+$/.test(part)) shape = shape.items;
        else
          fail(walk, node, next, `${path || "this"} is a list: use {{#each}}, .length or an index`);
        break;
      case "record":
        shape = shape.values;
        break;
      case "any":
        break;
      case "scalar":
        fail(walk, node, next, `${path || "this"} is a single value and has no field "${part}"`);
    }
    path = next;
  }
  return shape;
}

function resolvePath(walk: Walk, stack: readonly Scope[], path: PathExpression): Shape {
  const [head, ...rest] = path.parts;
  if (path.data) {
    if (head === "root") {
      const root = stack[0];
      return root ? resolveParts(walk, path, root.shape, rest, "@root") : anyShape;
    }
    if (head === "index" || head === "key" || head === "first" || head === "last") {
      if (!stack.some((scope) => scope.inEach))
        fail(walk, path, `@${head}`, `@${head} only exists inside {{#each}}`);
      if (rest.length > 0) fail(walk, path, path.original, `@${head} has no fields`);
      return scalar;
    }
    fail(
      walk,
      path,
      path.original,
      `unknown data variable "@${head ?? ""}" (use @root, @index, @key, @first or @last)`,
    );
  }
  if (path.depth >= stack.length) {
    fail(walk, path, path.original, `"${path.original}" climbs above the letter's data`);
  }
  const scope = stack[stack.length - 1 - path.depth];
  if (!scope) return anyShape;
  const scoped = /^(\.|this\b)/.test(path.original);
  if (head !== undefined && path.depth === 0 && !scoped) {
    for (let i = stack.length - 1; i >= 0; i--) {
      const bound = stack[i]?.params.get(head);
      if (bound) return resolveParts(walk, path, bound, rest, head);
    }
  }
  return resolveParts(walk, path, scope.shape, path.parts, "");
}

function isHelperName(walk: Walk, name: string): boolean {
  return Object.hasOwn(walk.helpers, name) || builtInHelpers.has(name);
}

function simpleName(path: PathExpression): string | undefined {
  return !path.data &&
    path.depth === 0 &&
    path.parts.length === 1 &&
    !/^(\.|this\b)/.test(path.original)
    ? path.parts[0]
    : undefined;
}

function walkExpression(walk: Walk, stack: readonly Scope[], expression: Expression): Shape {
  switch (expression.type) {
    case "PathExpression":
      return resolvePath(walk, stack, expression as PathExpression);
    case "SubExpression": {
      const sub = expression as hbs.AST.SubExpression;
      return walkHelperCall(walk, stack, sub, sub.path, sub.params, sub.hash);
    }
    default:
      return scalar;
  }
}

function walkHash(
  walk: Walk,
  stack: readonly Scope[],
  hash: hbs.AST.Hash | undefined,
): Map<string, Shape> {
  const fields = new Map<string, Shape>();
  for (const pair of hash?.pairs ?? []) {
    if (forbidden.has(pair.key))
      fail(walk, pair, pair.key, `"${pair.key}" is not a name a template can set`);
    fields.set(pair.key, walkExpression(walk, stack, pair.value));
  }
  return fields;
}

function describe(param: Expression): string {
  return param.type === "PathExpression" ? (param as PathExpression).original : param.type;
}

/** Checks one helper argument against what the helper takes (`{{formatDate practice.name}}` is refused). */
function checkArgument(
  walk: Walk,
  helper: string,
  kind: HelperParam,
  param: Expression | undefined,
  shape: Shape | undefined,
): void {
  if (param === undefined || shape === undefined || shape.kind === "any") return;
  if (param.type === "StringLiteral" && kind === "date") {
    if (formatLetterDate((param as hbs.AST.StringLiteral).value) === undefined) {
      fail(walk, param, helper, `${helper} needs a date that exists, written YYYY-MM-DD`);
    }
    return;
  }
  const ok =
    kind === "list"
      ? shape.kind === "array"
      : kind === "date"
        ? shape.kind === "scalar" && shape.date === true && param.type !== "NumberLiteral"
        : shape.kind === "scalar";
  if (!ok) {
    const wanted = {
      date: "a date field (such as date or task.sentAt)",
      list: "a list (such as findings)",
      value: "a single value",
    }[kind];
    fail(walk, param, helper, `${helper} needs ${wanted}, and ${describe(param)} is not one`);
  }
}

function walkHelperCall(
  walk: Walk,
  stack: readonly Scope[],
  node: Node,
  path: PathExpression,
  params: readonly Expression[],
  hash: hbs.AST.Hash | undefined,
): Shape {
  const name = simpleName(path);
  if (name === undefined || !isHelperName(walk, name)) {
    fail(
      walk,
      node,
      path.original,
      `unknown helper "${path.original}" (helpers: ${[...Object.keys(walk.helpers), ...builtInHelpers].join(", ")})`,
    );
  }
  const shapes = params.map((param) => walkExpression(walk, stack, param));
  walkHash(walk, stack, hash);
  const expected = name === "lookup" ? 2 : walk.helpers[name]?.arity;
  if (expected === undefined) {
    fail(walk, node, name, `{{${name}}} is a block helper: write {{#${name} …}}…{{/${name}}}`);
  }
  if (shapes.length !== expected) {
    fail(
      walk,
      node,
      name,
      `${name} takes ${expected} argument${expected === 1 ? "" : "s"}, not ${shapes.length}`,
    );
  }
  walk.helpers[name]?.params.forEach((kind, i) => {
    checkArgument(walk, name, kind, params[i], shapes[i]);
  });
  if (name === "lookup") {
    // A computed key could name an inherited property; Handlebars would deny it, but log to the console.
    const key = params[1];
    if (!key || (key.type !== "StringLiteral" && key.type !== "NumberLiteral")) {
      fail(walk, node, "lookup", 'lookup takes a quoted field name, e.g. (lookup practice "name")');
    }
    const literal = String((key as hbs.AST.StringLiteral).value);
    return resolveParts(walk, key, shapes[0] ?? anyShape, [literal], "lookup");
  }
  return scalar;
}

function walkMustache(walk: Walk, stack: readonly Scope[], node: hbs.AST.MustacheStatement): void {
  if (!node.escaped && walk.html) {
    fail(walk, node, "", "HTML letters escape all data: use {{…}}, not {{{…}}} or {{&…}}");
  }
  if (node.path.type !== "PathExpression") {
    fail(walk, node, "", "a mustache must name a field or a helper");
  }
  const path = node.path as PathExpression;
  const name = simpleName(path);
  const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
  if (hasArguments || (name !== undefined && isHelperName(walk, name))) {
    walkHelperCall(walk, stack, node, path, node.params, node.hash);
    return;
  }
  const shape = resolvePath(walk, stack, path);
  if (shape.kind === "object" || shape.kind === "array" || shape.kind === "record") {
    fail(
      walk,
      node,
      path.original,
      `${path.original} is ${shape.kind === "array" ? "a list" : "an object"}: print one of its fields`,
    );
  }
}

function itemShape(walk: Walk, node: Node, path: string, shape: Shape): Shape {
  switch (shape.kind) {
    case "array":
      return shape.items;
    case "record":
      return shape.values;
    case "object": {
      const values = [...shape.fields.values()];
      const [first, ...rest] = values;
      return first ? rest.reduce(mergeShapes, first) : anyShape;
    }
    case "any":
      return anyShape;
    case "scalar":
      return fail(
        walk,
        node,
        path,
        `{{#each}} needs a list or an object, and ${path} is a single value`,
      );
  }
}

function bind(names: readonly string[] | undefined, shapes: readonly Shape[]): Map<string, Shape> {
  const params = new Map<string, Shape>();
  (names ?? []).forEach((name, i) => {
    params.set(name, shapes[i] ?? scalar);
  });
  return params;
}

function walkBlock(walk: Walk, stack: Scope[], node: hbs.AST.BlockStatement): void {
  const name = simpleName(node.path);
  if (name !== "if" && name !== "unless" && name !== "each" && name !== "with") {
    fail(
      walk,
      node,
      node.path.original,
      `unknown block helper "#${node.path.original}" (use #if, #unless, #each or #with)`,
    );
  }
  if (node.params.length !== 1) {
    fail(walk, node, name, `#${name} takes 1 argument, not ${node.params.length}`);
  }
  const [param] = node.params;
  const shape = param ? walkExpression(walk, stack, param) : anyShape;
  walkHash(walk, stack, node.hash);
  const label = param?.type === "PathExpression" ? (param as PathExpression).original : name;
  const blockParams = node.program?.blockParams;
  if (name === "each") {
    const items = itemShape(walk, node, label, shape);
    walkProgram(
      walk,
      [...stack, { shape: items, params: bind(blockParams, [items, scalar]), inEach: true }],
      node.program,
    );
  } else if (name === "with") {
    walkProgram(
      walk,
      [...stack, { shape, params: bind(blockParams, [shape]), inEach: false }],
      node.program,
    );
  } else {
    walkProgram(walk, stack, node.program);
  }
  if (node.inverse) walkProgram(walk, stack, node.inverse);
}

/** `{{> @partial-block}}`: the block the enclosing partial was called with, in its caller's scope. */
function walkPartialBlock(walk: Walk, node: Node, path: PathExpression): void {
  const given = walk.partialBlock;
  if (path.original !== "@partial-block" || !given) {
    fail(
      walk,
      node,
      path.original,
      `{{> ${path.original}}} only works inside a partial called as a block`,
    );
  }
  walkProgram(
    { ...walk, file: given.file, partialBlock: given.partialBlock },
    given.stack,
    given.program,
  );
}

/** A named partial, checked against the limits on recursion, depth and inclusions. */
function partialCalled(walk: Walk, node: Node, name: string): Program {
  const partial = walk.partials.get(name);
  if (!partial) {
    fail(
      walk,
      node,
      name,
      `unknown partial "${name}" (partials: ${[...walk.partials.keys()].join(", ")})`,
    );
  }
  if (walk.active.includes(name)) fail(walk, node, name, `partial "${name}" includes itself`);
  if (walk.active.length >= maxPartialDepth) {
    fail(walk, node, name, `partials nest more than ${maxPartialDepth} deep`);
  }
  walk.calls.count++;
  if (walk.calls.count > maxPartialCalls) {
    // Each inclusion is rendered as often as it is reached: a partial that includes another
    // twice, twenty deep, renders a million times.
    fail(walk, node, name, `includes partials more than ${maxPartialCalls} times in all`);
  }
  return partial;
}

/** The scope a partial's body sees: its context argument, with its hash arguments added. */
function partialScope(
  walk: Walk,
  stack: Scope[],
  node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement,
  name: string,
): Scope[] {
  let inner = stack;
  const [contextParam] = node.params;
  if (node.params.length > 1)
    fail(walk, node, name, "a partial takes at most one context argument");
  if (contextParam) {
    inner = [
      ...stack,
      { shape: walkExpression(walk, stack, contextParam), params: new Map(), inEach: false },
    ];
  }
  const hash = walkHash(walk, stack, node.hash);
  if (hash.size === 0) return inner;
  const top = inner[inner.length - 1];
  const current = top?.shape ?? anyShape;
  const extended =
    current.kind === "object"
      ? { kind: "object" as const, fields: new Map([...current.fields, ...hash]) }
      : anyShape;
  return [
    ...inner.slice(0, -1),
    { shape: extended, params: top?.params ?? new Map(), inEach: top?.inEach ?? false },
  ];
}

function walkPartial(
  walk: Walk,
  stack: Scope[],
  node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement,
  block?: Program,
): void {
  if (node.name.type !== "PathExpression") {
    fail(walk, node, "", "partials must be named, not computed");
  }
  const path = node.name as PathExpression;
  if (path.data) {
    walkPartialBlock(walk, node, path);
    return;
  }
  const name = path.original;
  const partial = partialCalled(walk, node, name);
  const inner = partialScope(walk, stack, node, name);
  if (block) walkProgram(walk, stack, block);
  walkProgram(
    {
      ...walk,
      file: `partials/${name}.hbs`,
      active: [...walk.active, name],
      partialBlock: block
        ? { program: block, stack, file: walk.file, partialBlock: walk.partialBlock }
        : undefined,
    },
    inner,
    partial,
  );
}

function walkProgram(walk: Walk, stack: Scope[], program: Program): void {
  for (const statement of program.body) {
    switch (statement.type) {
      case "ContentStatement":
      case "CommentStatement":
        break;
      case "MustacheStatement":
        walkMustache(walk, stack, statement as hbs.AST.MustacheStatement);
        break;
      case "BlockStatement":
        walkBlock(walk, stack, statement as hbs.AST.BlockStatement);
        break;
      case "PartialStatement":
        walkPartial(walk, stack, statement as hbs.AST.PartialStatement);
        break;
      case "PartialBlockStatement": {
        const block = statement as hbs.AST.PartialBlockStatement;
        walkPartial(walk, stack, block, block.program);
        break;
      }
      default:
        fail(
          walk,
          statement,
          "",
          `${statement.type} is not allowed in letter templates (no decorators or inline partials)`,
        );
    }
  }
}

/**
 * Checks a parsed template before it is ever rendered: every field it reads exists in `shape`
 * (and is not an inherited name such as `constructor`), every helper is one letters provide,
 * every partial exists, and an HTML template never prints data unescaped.
 *
 * @param file - the template's file name, for errors (`rejection.html.hbs`)
 * @param program - the template's AST, from `Handlebars.parse`
 * @param shape - what the template's data may hold
 * @param options - `html`: refuse `{{{…}}}`; `partials`: the partials it may include, by name;
 *   `helpers`: the helpers it may call besides Handlebars' own (default: the letter helpers)
 * @throws {TemplateError} naming the template and the field or helper at fault
 * @example checkTemplate("x.txt.hbs", Handlebars.parse("{{constructor}}"), shape, { html: false, partials: new Map() })
 * // throws TemplateError: Template x.txt.hbs (constructor): "constructor" is not a field a letter can read at line 1, column 1
 */
export function checkTemplate(
  file: string,
  program: Program,
  shape: Shape,
  options: {
    html: boolean;
    partials: ReadonlyMap<string, Program>;
    helpers?: Readonly<Record<string, TemplateHelper>>;
  },
): void {
  walkProgram(
    {
      file,
      html: options.html,
      helpers: options.helpers ?? letterHelpers,
      partials: options.partials,
      active: [],
      calls: { count: 0 },
    },
    [{ shape, params: new Map(), inEach: false }],
    program,
  );
}
