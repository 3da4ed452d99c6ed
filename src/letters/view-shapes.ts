import { fromShapeJson, type Shape, type ShapeJson } from "./shape.js";
import type { LetterKind } from "./types.js";
import { shapesJson } from "./view-shapes.generated.js";

interface GeneratedShapes {
  views: Readonly<Record<string, ShapeJson>>;
  pages: Readonly<Record<string, ShapeJson>>;
  fields: Readonly<Record<"task" | "practice", readonly string[]>>;
}

let generated: GeneratedShapes | undefined;
/** The generated shapes, parsed on first use. */
function shapes(): GeneratedShapes {
  generated ??= JSON.parse(shapesJson) as GeneratedShapes;
  return generated;
}

const read = new Map<string, Shape>();

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
  const cached = read.get(key);
  if (cached) return cached;
  const json = shapes().views[key];
  if (json === undefined) throw new Error(`no generated shape for ${key}: run npm run generate`);
  const shape = fromShapeJson(json);
  read.set(key, shape);
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
    task: new Set(shapes().fields.task),
    practice: new Set(shapes().fields.practice),
  };
  return fieldPaths;
}

const pages = new Map<string, Shape>();

/**
 * The shape of the view an analyst's page (`report`, `diff`, `score`) renders, generated from
 * its zod schema (src/analysis/page-views.ts) at build time, as the letters' are.
 *
 * @example pageShape("report").kind // "object"
 */
export function pageShape(name: string): Shape {
  const cached = pages.get(name);
  if (cached) return cached;
  const json = shapes().pages[name];
  if (json === undefined)
    throw new Error(`no generated shape for page ${name}: run npm run generate`);
  const shape = fromShapeJson(json);
  pages.set(name, shape);
  return shape;
}
