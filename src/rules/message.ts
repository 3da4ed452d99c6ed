import type { Issue } from "../errors/guard-error.js";
import { isFactName } from "../facts/catalogue.js";
import { parseHandlebars } from "../letters/handlebars-parser.cjs";
import { schemaFields as fields } from "../letters/view-shapes.js";
import {
  compileMessageTree,
  type MessageNode,
  type Render,
  type RuleMessages,
} from "./message-tree.js";
import type { Rule } from "./schema.js";

const blockHelpers = new Set(["if", "unless"]);

interface Node {
  type: string;
  [key: string]: unknown;
}

/**
 * Parsed messages by source. A ruleset is checked when it is built and its messages compiled
 * when it is prepared, and an analyst's overlay or a mutated copy rebuilds the same fifteen
 * messages; Handlebars' parser was most of a build's time. The trees are only read, never
 * changed, so one tree serves every caller. Bounded: the oldest entry goes first.
 */
const parsed = new Map<string, Node>();
const PARSED_MAX = 512;

function parseMessage(source: string): Node {
  let ast = parsed.get(source);
  if (ast === undefined) {
    ast = parseHandlebars(source) as unknown as Node;
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value ?? "");
    parsed.set(source, ast);
  }
  return ast;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

/**
 * The sender's own words a letter's wording may quote as `words.<name>`: the stretch of the
 * task's body that a text fact was read from (`words.request` for the category, `urgent`,
 * `safety`, `timeframe`). Absent when the fact was not read from the body.
 */
export const senderWordNames = ["request", "urgent", "safety", "timeframe"] as const;
export type SenderWordName = (typeof senderWordNames)[number];
const wordNames: ReadonlySet<string> = new Set(senderWordNames);

/** Where a message is checked: its path in the rule file, and whether it may quote `words.*`. */
export interface MessageOptions {
  /** The issues' path (default `message`). */
  path?: string;
  /** Allow `words.<name>`, the sender's own words (sender wording only). */
  words?: boolean;
}

function isPluralCall(path: Node, params: readonly unknown[], hash: unknown): boolean {
  return (
    String(path.original) === "plural" &&
    params.length === 3 &&
    !hash &&
    isNode(params[0]) &&
    params[0].type === "PathExpression" &&
    params.slice(1).every((p) => isNode(p) && p.type === "StringLiteral")
  );
}

/** Walks a parsed message and notes each field, helper or block that is not allowed. */
class MessageChecker {
  readonly issues: Issue[] = [];
  readonly #at: string;
  readonly #parameters: ReadonlySet<string>;
  readonly #words: boolean;
  readonly #roots: string;

  constructor(parameters: ReadonlySet<string>, options: MessageOptions) {
    this.#at = options.path ?? "message";
    this.#parameters = parameters;
    this.#words = options.words === true;
    this.#roots = options.words
      ? "task.*, practice.*, facts.<fact>, parameters.<parameter> or words.<name>"
      : "task.*, practice.*, facts.<fact> or parameters.<parameter>";
  }

  fail(code: string, message: string): void {
    this.issues.push({ path: this.#at, code, message });
  }

  visit(node: unknown): void {
    if (Array.isArray(node)) {
      for (const child of node) this.visit(child);
      return;
    }
    if (!isNode(node)) return;
    switch (node.type) {
      case "MustacheStatement":
      case "SubExpression":
        this.#mustache(node);
        return;
      case "BlockStatement":
        this.#block(node);
        return;
      case "PathExpression":
        this.#path(node);
        return;
      case "PartialStatement":
      case "PartialBlockStatement":
      case "DecoratorBlock":
      case "Decorator":
        this.fail("unknown_helper", "partials and decorators are not allowed in a message");
        return;
      case "Program":
        this.visit(node.body);
        return;
      default:
        return;
    }
  }

  #mustache(node: Node): void {
    const path = node.path as Node;
    const params = (node.params as unknown[]) ?? [];
    if (
      path.type === "PathExpression" &&
      String(path.original) === "date" &&
      params.length === 1 &&
      !node.hash
    ) {
      this.visit(params);
    } else if (isPluralCall(path, params, node.hash)) {
      this.visit(params[0]);
    } else if (params.length > 0 || node.hash) {
      this.fail(
        "unknown_helper",
        `helper "${String(path.original)}" is not allowed in a message: use {{date field}}, {{plural field "day" "days"}} or a field`,
      );
    } else if (path.type === "PathExpression") this.#path(path);
    else this.fail("unknown_field", "a message may only print fields");
  }

  #block(node: Node): void {
    const name = String((node.path as Node).original);
    if (!blockHelpers.has(name))
      this.fail("unknown_helper", `block "${name}" is not allowed: use #if or #unless`);
    this.visit(node.params);
    this.visit(node.program);
    this.visit(node.inverse);
  }

  #path(node: Node): void {
    const parts = node.parts as string[];
    const original = String(node.original);
    if (node.data === true || Number(node.depth) > 0 || parts.length === 0) {
      this.fail("unknown_field", `"${original}" is not allowed: name ${this.#roots}`);
      return;
    }
    const [root, ...rest] = parts;
    const path = rest.join(".");
    const one = rest.length === 1;
    const ok =
      (root === "task" && fields().task.has(path)) ||
      (root === "practice" && fields().practice.has(path)) ||
      (root === "facts" && one && isFactName(path)) ||
      (root === "parameters" && one && this.#parameters.has(path)) ||
      (this.#words && root === "words" && one && wordNames.has(path));
    if (!ok) this.fail("unknown_field", `"${original}" does not exist: name ${this.#roots}`);
  }
}

/**
 * Checks a rule message (or a rule's sender wording) before it is ever rendered: Handlebars
 * syntax, only `if`/`unless` blocks, the helpers `{{date field}}` and
 * `{{plural field "day" "days"}}`, and only fields that exist (`task.*`, `practice.*`,
 * `facts.<fact>`, `parameters.<parameter>`, and for sender wording `words.<name>`).
 *
 * @returns issues with `path` "message" (or `options.path`); empty when the message is sound
 * @example checkMessage("{{facts.urgnt}}", new Set()) // [{ path: "message", code: "unknown_field", … }]
 */
export function checkMessage(
  source: string,
  parameters: ReadonlySet<string>,
  options: MessageOptions = {},
): Issue[] {
  const checker = new MessageChecker(parameters, options);
  let ast: unknown;
  try {
    ast = parseMessage(source);
  } catch (error) {
    checker.fail(
      "template_syntax",
      `the message is not a valid Handlebars template: ${(error as Error).message}`,
    );
    return checker.issues;
  }
  checker.visit(ast);
  return checker.issues;
}

/** Handlebars' syntax tree of a message as `MessageNode`s, in the grammar `checkMessage` allows. */
function treeOf(nodes: readonly unknown[]): MessageNode[] {
  const out: MessageNode[] = [];
  for (const node of nodes) {
    if (!isNode(node)) continue;
    if (node.type === "ContentStatement") {
      out.push(String(node.value));
    } else if (node.type === "MustacheStatement") {
      const path = node.path as Node;
      const params = (node.params as Node[] | undefined) ?? [];
      const [param] = params;
      if (String(path.original) === "date" && param !== undefined) {
        out.push(["date", param.parts as string[]]);
      } else if (String(path.original) === "plural" && param !== undefined) {
        const one = String(params[1]?.value ?? "");
        const many = String(params[2]?.value ?? "");
        out.push(["plural", param.parts as string[], one, many]);
      } else {
        out.push(["field", path.parts as string[]]);
      }
    } else if (node.type === "BlockStatement") {
      const [param] = (node.params as Node[] | undefined) ?? [];
      out.push([
        String((node.path as Node).original) === "unless" ? "unless" : "if",
        (param?.parts as string[] | undefined) ?? [],
        treeOf(((node.program as Node | null)?.body as unknown[]) ?? []),
        treeOf(((node.inverse as Node | null)?.body as unknown[]) ?? []),
      ]);
    }
  }
  return out;
}

/**
 * Parses a message that `checkMessage` has passed with Handlebars' parser (its white-space
 * control included) into the tree a message is rendered from.
 *
 * @example parseMessageTree("Due {{date facts.dueOn}}") // ["Due ", ["date", ["facts", "dueOn"]]]
 */
export function parseMessageTree(source: string): MessageNode[] {
  return treeOf((parseMessage(source).body as unknown[]) ?? []);
}

/** A built rule's wording, parsed (`adoptRuleMessages`). */
export function parseRuleMessages(rule: Rule): RuleMessages {
  return {
    message: parseMessageTree(rule.message),
    ...(rule.sender !== undefined && {
      heading: parseMessageTree(rule.sender.heading),
      reason: parseMessageTree(rule.sender.reason),
    }),
  };
}

/**
 * Compiles a message that `checkMessage` has passed into a plain-text renderer: Handlebars
 * parses it (with its white-space control), and the small grammar a message may use (fields,
 * `#if`, `#unless`, `{{date x}}` for "1 December 2026", `{{plural x "day" "days"}}` for
 * "14 days") becomes closures. Fields are read as
 * own properties only; an absent optional field prints nothing rather than failing the verdict.
 *
 * @example compileMessage("Due {{date facts.dueOn}}")({ facts: { dueOn: "2026-12-01" } }) // "Due 1 December 2026"
 */
export function compileMessage(source: string): Render {
  return compileMessageTree(parseMessageTree(source));
}
