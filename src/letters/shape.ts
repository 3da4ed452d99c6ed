/**
 * What a template may read at a place in its data: the fields of an object, the items of an
 * array, a scalar, or an open record (any key: ruleset parameters, results of `lookup`).
 */
export type Shape =
  | { kind: "object"; fields: ReadonlyMap<string, Shape> }
  | { kind: "array"; items: Shape }
  | { kind: "record"; values: Shape }
  | { kind: "scalar"; date?: true }
  | { kind: "any" };

export const scalar: Shape = { kind: "scalar" };
/** A scalar that is always an ISO date or date-time: what `formatDate` accepts. */
export const dateScalar: Shape = { kind: "scalar", date: true };
export const anyShape: Shape = { kind: "any" };

/** Merges two shapes a value may have (the options of a union) into one that allows both. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a.kind === "object" && b.kind === "object") {
    const fields = new Map(a.fields);
    for (const [name, shape] of b.fields) {
      const mine = fields.get(name);
      fields.set(name, mine ? mergeShapes(mine, shape) : shape);
    }
    return { kind: "object", fields };
  }
  if (a.kind === "array" && b.kind === "array")
    return { kind: "array", items: mergeShapes(a.items, b.items) };
  if (a.kind === "scalar" && b.kind === "scalar") return a.date && b.date ? dateScalar : scalar;
  return anyShape;
}

/** An object shape with the given fields. */
export function objectShape(fields: Record<string, Shape>): Shape {
  return { kind: "object", fields: new Map(Object.entries(fields)) };
}

/**
 * A shape as plain JSON (an object's fields as a record, in order): how
 * `npm run generate` writes the shapes of the letters' data into `view-shapes.generated.ts`.
 */
export type ShapeJson =
  | { kind: "object"; fields: Readonly<Record<string, ShapeJson>> }
  | { kind: "array"; items: ShapeJson }
  | { kind: "record"; values: ShapeJson }
  | { kind: "scalar"; date?: true }
  | { kind: "any" };

/**
 * Turns a shape into plain JSON, for a generated file.
 *
 * @example toShapeJson(objectShape({ name: scalar })) // { kind: "object", fields: { name: { kind: "scalar" } } }
 */
export function toShapeJson(shape: Shape): ShapeJson {
  switch (shape.kind) {
    case "object":
      return {
        kind: "object",
        fields: Object.fromEntries([...shape.fields].map(([k, v]) => [k, toShapeJson(v)])),
      };
    case "array":
      return { kind: "array", items: toShapeJson(shape.items) };
    case "record":
      return { kind: "record", values: toShapeJson(shape.values) };
    default:
      return shape;
  }
}

/**
 * Reads a shape back from its JSON form.
 *
 * @example fromShapeJson({ kind: "object", fields: { name: { kind: "scalar" } } }).kind // "object"
 */
export function fromShapeJson(json: ShapeJson): Shape {
  switch (json.kind) {
    case "object":
      return {
        kind: "object",
        fields: new Map(Object.entries(json.fields).map(([k, v]) => [k, fromShapeJson(v)])),
      };
    case "array":
      return { kind: "array", items: fromShapeJson(json.items) };
    case "record":
      return { kind: "record", values: fromShapeJson(json.values) };
    default:
      return json;
  }
}
