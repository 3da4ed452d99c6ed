/**
 * The zod schemas of what a letter's templates read besides the context (the ruleset view,
 * reasons, the held notice, an escalation's weeks), and the shape each kind's templates may
 * read. Build time only: `npm run generate` (scripts/gen/shapes.ts) writes these shapes into
 * `view-shapes.generated.ts`, which custom templates are checked against when they load, so
 * that no JSON Schema code runs in the library. The interfaces they mirror are in `view.ts`.
 */
import * as z from "zod/mini";
import { contextSchemaFor } from "./context.js";
import { objectShape, type Shape, scalar } from "./shape.js";
import { shapeOf } from "./shape-of.js";
import type { LetterKind } from "./types.js";

const reasonViewSchema = z.object({
  severity: z.string(),
  heading: z.optional(z.string()),
  reason: z.string(),
  standalone: z.boolean(),
  review: z.boolean(),
  contract: z.array(z.object({ clause: z.string(), summary: z.string() })),
});

const heldViewSchema = z.object({
  reason: z.string(),
  flagged: z.boolean(),
  urgent: z.boolean(),
  urgentWords: z.optional(z.string()),
  safety: z.boolean(),
  safetyWords: z.optional(z.string()),
  due: z.optional(z.string()),
  dueWords: z.optional(z.string()),
});

const tasksExtraSchema = z.object({
  weeks: z.array(
    z.object({
      start: z.iso.date(),
      month: z.optional(z.string()),
      count: z.number(),
      sentOn: z.string(),
    }),
  ),
  unlisted: z.number(),
  byMonth: z.boolean(),
});

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
 * The shape of the data a kind's templates may read: its context schema's fields, with the
 * ruleset view in place of the ruleset, and `subject` in the body templates.
 *
 * @param kind - the kind of letter
 * @param withSubject - true for the text and HTML bodies, false for the subject template
 * @returns the shape
 */
export function buildViewShape(kind: LetterKind, withSubject: boolean): Shape {
  const context = shapeOf(contextSchemaFor(kind));
  const fields: Record<string, Shape> =
    context.kind === "object" ? Object.fromEntries(context.fields) : {};
  fields.ruleset = shapeOf(rulesetViewSchema);
  fields.reasons = shapeOf(z.array(reasonViewSchema));
  fields.notes = fields.reasons;
  fields.standalone = shapeOf(reasonViewSchema);
  fields.held = shapeOf(heldViewSchema);
  const tasks = fields.tasks;
  if (tasks?.kind === "object") {
    const extra = shapeOf(tasksExtraSchema);
    if (extra.kind === "object")
      fields.tasks = { kind: "object", fields: new Map([...tasks.fields, ...extra.fields]) };
  }
  if (withSubject) fields.subject = scalar;
  return objectShape(fields);
}
