/**
 * Build time only (`npm run generate`, and the tests): reduces a bundled template's syntax tree,
 * as Handlebars' parser and white-space control leave it, to the nodes `program.ts` renders,
 * and refuses with a `TemplateError` whatever that renderer does not render exactly as
 * Handlebars would: a template edit that needs more fails the generation, never a letter.
 */
import type {} from "handlebars";
import { TemplateError } from "../errors/template-error.js";
import { builtInHelpers, letterHelpers } from "./helpers.js";
import type { ProgramNode, ProgramValue } from "./program.js";

/** The subset's block helpers: Handlebars' own, each taking exactly one argument. */
const blockHelpers = new Set(["if", "unless", "each", "with"]);
/** The data variables `{{#each}}` and the template set (`@root`). */
const dataNames = new Set(["root", "first", "last", "index", "key"]);
/** Every name Handlebars treats as a helper call in `{{name}}`, with the letters' options. */
const helperNames = new Set([
  ...Object.keys(letterHelpers),
  ...builtInHelpers,
  "log",
  "helperMissing",
  "blockHelperMissing",
]);

/** What a template may refer to: the partials of its environment. */
export interface ReduceContext {
  /** The template's file name, for errors. */
  readonly file: string;
  /** The partial names registered in the template's environment. */
  readonly partials: ReadonlySet<string>;
}

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation };

function refuse(node: Node, at: ReduceContext, what: string): never {
  const line = node.loc ? ` (line ${node.loc.start.line})` : "";
  throw new TemplateError(
    at.file,
    "",
    `${what}${line} is outside the Handlebars subset the bundled letters are rendered with (src/letters/program.ts): rewrite it with fields, {{#if}}, {{#unless}}, {{#each}}, {{#with}}, partials and the letter helpers, or extend the renderer and its test`,
  );
}

function path(expr: hbs.AST.Expression, at: ReduceContext): ProgramValue {
  if (expr.type !== "PathExpression") return refuse(expr, at, `a ${expr.type} in place of a field`);
  const p = expr as hbs.AST.PathExpression;
  if (p.depth > 0) return refuse(p, at, `the parent lookup "${p.original}"`);
  if (!p.data) return ["path", ...p.parts];
  const [name] = p.parts;
  if (p.parts.length !== 1 || name === undefined || !dataNames.has(name)) {
    return refuse(p, at, `the data variable "${p.original}"`);
  }
  return ["data", name];
}

/** A helper call: a letter helper, its arguments as many as it takes, no hash arguments. */
function call(node: hbs.AST.SubExpression | hbs.AST.MustacheStatement, at: ReduceContext) {
  const name =
    node.path.type === "PathExpression" ? (node.path as hbs.AST.PathExpression).original : "";
  const helper = Object.hasOwn(letterHelpers, name) ? letterHelpers[name] : undefined;
  if (!helper) return refuse(node, at, `the helper call "${name}"`);
  if (node.hash) return refuse(node, at, `hash arguments to "${name}"`);
  if (node.params.length !== helper.arity) {
    return refuse(
      node,
      at,
      `"${name}" with ${node.params.length} arguments (it takes ${helper.arity})`,
    );
  }
  return ["call", name, ...node.params.map((param) => value(param, at))] as const;
}

function value(expr: hbs.AST.Expression, at: ReduceContext): ProgramValue {
  if (expr.type === "StringLiteral") return ["string", (expr as hbs.AST.StringLiteral).value];
  if (expr.type === "SubExpression") return call(expr as hbs.AST.SubExpression, at);
  return path(expr, at);
}

function mustache(node: hbs.AST.MustacheStatement, at: ReduceContext): ProgramNode {
  if (!node.escaped) return refuse(node, at, "unescaped output ({{{…}}} or {{&…}})");
  if (node.params.length > 0 || node.hash) return ["value", call(node, at)];
  const named = node.path as hbs.AST.PathExpression;
  if (named.type === "PathExpression" && named.parts.length === 1 && !named.data) {
    const [name = ""] = named.parts;
    if (helperNames.has(name)) return refuse(node, at, `"{{${name}}}", a helper without arguments`);
  }
  return ["value", path(node.path, at)];
}

function blockStatement(node: hbs.AST.BlockStatement, at: ReduceContext): ProgramNode {
  const helper =
    node.path.type === "PathExpression" ? (node.path as hbs.AST.PathExpression).original : "";
  if (!blockHelpers.has(helper)) return refuse(node, at, `the block "{{#${helper}}}"`);
  const [param] = node.params;
  if (param === undefined || node.params.length !== 1 || node.hash) {
    return refuse(node, at, `"{{#${helper}}}" without exactly one argument`);
  }
  if (node.program.blockParams?.length) return refuse(node, at, "block parameters (as |…|)");
  const otherwise = node.inverse ? reduceProgram(node.inverse, at) : [];
  return [
    helper as "if" | "unless" | "each" | "with",
    value(param, at),
    reduceProgram(node.program, at),
    otherwise,
  ];
}

function partialStatement(
  node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement,
  at: ReduceContext,
): ProgramNode {
  const name =
    node.name.type === "PathExpression" ? (node.name as hbs.AST.PathExpression).original : "";
  if (node.params.length > 0 || node.hash)
    return refuse(node, at, `arguments to the partial "${name}"`);
  if ("indent" in node && node.indent) return refuse(node, at, `the indented partial "${name}"`);
  const block = node.type === "PartialBlockStatement";
  if (name === "@partial-block" && !block) return ["partial-block"];
  if (!at.partials.has(name))
    return refuse(node, at, `the partial "${name || "(dynamic)"}", not in this set,`);
  return block ? ["partial", name, reduceProgram(node.program, at)] : ["partial", name];
}

function statement(node: hbs.AST.Statement, at: ReduceContext): ProgramNode | undefined {
  switch (node.type) {
    case "ContentStatement":
      return (node as hbs.AST.ContentStatement).value || undefined;
    case "CommentStatement":
      return undefined;
    case "MustacheStatement":
      return mustache(node as hbs.AST.MustacheStatement, at);
    case "BlockStatement":
      return blockStatement(node as hbs.AST.BlockStatement, at);
    case "PartialStatement":
    case "PartialBlockStatement":
      return partialStatement(node as hbs.AST.PartialStatement, at);
    default:
      return refuse(node, at, `a ${node.type}`);
  }
}

/**
 * Reduces a parsed template (`parseHandlebars`, white-space control applied) to the nodes the
 * bundled letters' renderer takes, adjacent text joined.
 *
 * @param program - the template's syntax tree
 * @param at - its file name and the partials its environment holds
 * @returns the template as `ProgramNode`s
 * @throws {TemplateError} naming the file and line of a construct outside the subset: a
 *   helper other than the letter helpers and `if`, `unless`, `each`, `with`; hash arguments;
 *   `../`; block parameters; unescaped output; partial arguments or indentation; decorators
 * @example reduceProgram(parseHandlebars("Dear {{name}}"), { file: "a.txt.hbs", partials: new Set() }) // ["Dear ", ["value", ["path", "name"]]]
 */
export function reduceProgram(program: hbs.AST.Program, at: ReduceContext): ProgramNode[] {
  const nodes: ProgramNode[] = [];
  for (const node of program.body) {
    const reduced = statement(node, at);
    if (reduced === undefined) continue;
    const previous = nodes.at(-1);
    if (typeof reduced === "string" && typeof previous === "string") {
      nodes[nodes.length - 1] = previous + reduced;
    } else nodes.push(reduced);
  }
  return nodes;
}
