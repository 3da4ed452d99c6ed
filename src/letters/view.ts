import { z } from "zod";
import type { Ruleset } from "../rules/schema.js";
import type { ParsedLetterContext } from "./context.js";
import { contextSchemaFor } from "./context.js";
import { objectShape, type Shape, scalar, shapeOf } from "./shape.js";
import type { LetterKind } from "./types.js";

/** The ruleset as templates see it: the clause catalogue as a list, in catalogue order. */
export interface RulesetView {
  name: string;
  version: string;
  edition: string;
  clauses: { id: string; clause: string; title: string; summary: string }[];
  parameters: Record<string, unknown>;
}

/** The data a letter's templates render: the validated context, the ruleset view and the subject. */
export interface LetterView extends Omit<ParsedLetterContext, "ruleset"> {
  ruleset: RulesetView;
  /** The rendered subject line (absent while the subject itself renders). */
  subject?: string;
}

const rulesetViewSchema = z.object({
  name: z.string(),
  version: z.string(),
  edition: z.string(),
  clauses: z.array(
    z.object({ id: z.string(), clause: z.string(), title: z.string(), summary: z.string() }),
  ),
  parameters: z.record(z.string(), z.unknown()),
});

/**
 * Turns a ruleset into what templates read.
 *
 * @example rulesetView(defaultRuleset()).clauses[0] // { id: "SC8.4", clause: "8.4", title: "Onward referral", summary: "…" }
 */
export function rulesetView(ruleset: Ruleset): RulesetView {
  return {
    name: ruleset.name,
    version: ruleset.version,
    edition: ruleset.contract.edition,
    clauses: Object.entries(ruleset.contract.clauses).map(([id, entry]) => ({
      id,
      clause: entry.clause,
      title: entry.title,
      summary: entry.summary,
    })),
    parameters: { ...ruleset.parameters },
  };
}

const shapes = new Map<string, Shape>();

/**
 * The shape of the data a kind's templates may read: its context schema's fields, with the
 * ruleset view in place of the ruleset, and `subject` in the body templates.
 *
 * @param kind - the kind of letter
 * @param withSubject - true for the text and HTML bodies, false for the subject template
 * @returns the shape, built once per kind
 */
export function viewShape(kind: LetterKind, withSubject: boolean): Shape {
  const key = `${kind}:${withSubject}`;
  const cached = shapes.get(key);
  if (cached) return cached;
  const context = shapeOf(contextSchemaFor(kind));
  const fields: Record<string, Shape> =
    context.kind === "object" ? Object.fromEntries(context.fields) : {};
  fields.ruleset = shapeOf(rulesetViewSchema);
  if (withSubject) fields.subject = scalar;
  const shape = objectShape(fields);
  shapes.set(key, shape);
  return shape;
}
