import type { EngineName } from "../engine/evaluator.js";
import { createGuard, engineIssue } from "../engine/guard.js";
import { InputError } from "../errors/input-error.js";
import { typed, typedAsync } from "../errors/unreadable.js";
import type { PracticePolicyInput } from "../input/practice.js";
import type { TaskInputRaw } from "../input/task.js";
import { assertBuiltRuleset } from "../rules/build.js";
import { canonicalJson } from "../rules/canonical-json.js";
import type { Rule, RuleExample, Ruleset } from "../rules/schema.js";

/** The result of one rule example, in the manner of ESLint's RuleTester. */
export interface ExampleResult {
  ruleId: string;
  kind: "fires" | "passes";
  index: number;
  description: string;
  ok: boolean;
  /** The rules that fired on the example, in ruleset order. */
  fired: string[];
  /** What went wrong, for a person; absent when ok. */
  problem?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Merges a fragment onto a base: objects merge key by key, `null` removes a key, anything
 * else (arrays included) replaces. Only own keys are copied, so no fragment can reach a prototype.
 *
 * @example mergeFragment({ a: { b: 1, c: 2 } }, { a: { c: 3 } }) // { a: { b: 1, c: 3 } }
 */
export function mergeFragment(base: unknown, fragment: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(fragment)) return structuredClone(fragment);
  const out: Record<string, unknown> = structuredClone(base);
  for (const key of Object.keys(fragment)) {
    if (fragment[key] === null) {
      delete out[key];
      continue;
    }
    Object.defineProperty(out, key, {
      value: mergeFragment(out[key], fragment[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The task and practice of an example: its fragments merged onto the ruleset's base. */
export function exampleInput(
  ruleset: Ruleset,
  example: RuleExample,
): { task: unknown; practice: unknown } {
  assertBuiltRuleset(ruleset, "ruleset", "ruleset");
  return typed("example", () => exampleInputOf(ruleset, example));
}

function exampleInputOf(
  ruleset: Ruleset,
  example: RuleExample,
): { task: unknown; practice: unknown } {
  return {
    task: mergeFragment(ruleset.examples.task, example.task),
    practice: mergeFragment(ruleset.examples.practice, example.practice ?? {}),
  };
}

async function runOne(
  ruleset: Ruleset,
  rule: Rule,
  kind: "fires" | "passes",
  example: RuleExample,
  index: number,
  engine: EngineName,
  seen: Set<string>,
): Promise<ExampleResult> {
  const description = example.description ?? `${kind}[${index}]`;
  const result = (fired: string[], problem?: string): ExampleResult => ({
    ruleId: rule.id,
    kind,
    index,
    description,
    ok: problem === undefined,
    fired,
    ...(problem !== undefined && { problem }),
  });
  const { task, practice } = exampleInput(ruleset, example);
  const key = canonicalJson({ task, practice });
  if (seen.has(key))
    return result(
      [],
      "duplicate example: another example of this rule is the same task and practice",
    );
  seen.add(key);
  let fired: string[];
  try {
    const guard = createGuard({ practice: practice as PracticePolicyInput, ruleset, engine });
    const verdict = await guard.evaluate(task as TaskInputRaw);
    fired = verdict.findings.map((f) => f.ruleId);
    const order = new Map(ruleset.rules.map((r, i) => [r.id, i]));
    fired.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  } catch (error) {
    return result([], `the example is not a valid task or practice: ${(error as Error).message}`);
  }
  const fires = fired.includes(rule.id);
  if (kind === "fires" && !fires)
    return result(fired, `expected ${rule.id} to fire; fired: ${fired.join(", ") || "none"}`);
  if (kind === "passes" && fires) return result(fired, `expected ${rule.id} not to fire; it did`);
  if (example.expect !== undefined) {
    // A rule the ruleset disables cannot fire: an example naming it expects the others.
    const want = example.expect
      .filter((id) => !ruleset.disabled.includes(id))
      .sort()
      .join(", ");
    const got = [...fired].sort().join(", ");
    if (want !== got) return result(fired, `expected exactly [${want}] to fire; fired: [${got}]`);
  }
  return result(fired);
}

/**
 * Runs every rule's examples (ESLint RuleTester style): each `fires` example must make its
 * rule fire, each `passes` example must not, `expect` (when given) names exactly the rules
 * that fire, and no rule may repeat an example.
 *
 * @param ruleset - the ruleset whose rules' examples run
 * @param options - the engine to run them on (default `compiled`)
 * @returns one result per example, in ruleset order
 * @throws {InputError} code `invalid_type` for anything but a built ruleset or an options
 *   object, `invalid_value` (path `engine`) for an engine that is neither
 * @example (await runRuleExamples(defaultRuleset())).every((r) => r.ok) // true
 */
export async function runRuleExamples(
  ruleset: Ruleset,
  options: { engine?: EngineName } = {},
): Promise<ExampleResult[]> {
  assertBuiltRuleset(ruleset, "ruleset", "ruleset");
  checkExampleOptions(options);
  return typedAsync("ruleset", () => runRuleExamplesOf(ruleset, options));
}

/** Refuses options that are not an object, or name no engine (subject `options`). */
function checkExampleOptions(options: unknown): void {
  // A revoked proxy throws even on Array.isArray: unreadable options are a typed error too.
  const issue = typed("options", () =>
    typeof options !== "object" || options === null || Array.isArray(options)
      ? { path: "", code: "invalid_type", message: "options must be an object: { engine? }" }
      : engineIssue((options as { engine?: unknown }).engine),
  );
  if (issue) throw new InputError([issue], "options");
}

async function runRuleExamplesOf(
  ruleset: Ruleset,
  options: { engine?: EngineName } = {},
): Promise<ExampleResult[]> {
  const engine = options.engine ?? "compiled";
  const results: ExampleResult[] = [];
  for (const rule of ruleset.rules) {
    const seen = new Set<string>();
    for (const kind of ["fires", "passes"] as const) {
      const examples = rule.examples[kind];
      for (let i = 0; i < examples.length; i++) {
        const example = examples[i];
        if (example) results.push(await runOne(ruleset, rule, kind, example, i, engine, seen));
      }
    }
  }
  return results;
}
