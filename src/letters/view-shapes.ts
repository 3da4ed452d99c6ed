import { fromShapeJson, type Shape } from "./shape.js";
import type { LetterKind } from "./types.js";
import { schemaFieldPaths, viewShapes } from "./view-shapes.generated.js";

const shapes = new Map<string, Shape>();

/**
 * The shape of the data a kind's templates may read: its context schema's fields, with the
 * ruleset view in place of the ruleset, and `subject` in the body templates. Generated from the
 * zod schemas at build time (scripts/gen/shapes.ts), so checking a custom template runs no JSON
 * Schema code.
 *
 * @param kind - the kind of letter
 * @param withSubject - true for the text and HTML bodies, false for the subject template
 * @returns the shape, read once per kind
 * @example viewShape("rejection", true).kind // "object"
 */
export function viewShape(kind: LetterKind, withSubject: boolean): Shape {
  const key = `${kind}:${withSubject ? "body" : "subject"}`;
  const cached = shapes.get(key);
  if (cached) return cached;
  const json = viewShapes[key];
  if (json === undefined) throw new Error(`no generated shape for ${key}: run npm run generate`);
  const shape = fromShapeJson(json);
  shapes.set(key, shape);
  return shape;
}

let fieldPaths: { task: Set<string>; practice: Set<string> } | undefined;

/**
 * The dotted field paths of a task and of a practice policy (`sender.organisation`,
 * `externalTasks.from`), generated from their schemas: the fields a rule message may name.
 *
 * @example schemaFields().task.has("recipient.assignee") // true
 */
export function schemaFields(): { task: Set<string>; practice: Set<string> } {
  fieldPaths ??= {
    task: new Set(schemaFieldPaths.task),
    practice: new Set(schemaFieldPaths.practice),
  };
  return fieldPaths;
}
