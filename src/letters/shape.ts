import type { z } from "zod";

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

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
  format?: string;
}

function defOf(schema: z.ZodType): Def {
  return schema._zod.def as unknown as Def;
}

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

/**
 * Reads the shape of the data a zod schema produces, for checking template field names.
 *
 * @param schema - a zod schema (objects, arrays, unions, optionals, records, scalars)
 * @returns its shape; `any` for schemas whose output is not described (custom, unknown)
 * @example shapeOf(z.object({ name: z.string() })) // { kind: "object", fields: Map { "name" => { kind: "scalar" } } }
 */
export function shapeOf(schema: z.ZodType): Shape {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const fields = new Map<string, Shape>();
      for (const [name, field] of Object.entries(def.shape ?? {})) fields.set(name, shapeOf(field));
      return { kind: "object", fields };
    }
    case "array":
      return def.element ? { kind: "array", items: shapeOf(def.element) } : anyShape;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return def.innerType ? shapeOf(def.innerType) : anyShape;
    case "union": {
      const options = (def.options ?? []).map(shapeOf);
      const [first, ...rest] = options;
      return first ? rest.reduce(mergeShapes, first) : anyShape;
    }
    case "pipe": {
      // A transform's output is not described; the input side is what the data looks like.
      const out = def.out ? defOf(def.out) : undefined;
      const side = out && out.type !== "transform" ? def.out : def.in;
      return side ? shapeOf(side) : anyShape;
    }
    case "record":
      return { kind: "record", values: def.valueType ? shapeOf(def.valueType) : anyShape };
    case "lazy":
      return def.getter ? shapeOf(def.getter()) : anyShape;
    case "string":
      return def.format === "date" || def.format === "datetime" ? dateScalar : scalar;
    case "number":
    case "int":
    case "boolean":
    case "bigint":
    case "literal":
    case "enum":
    case "date":
    case "null":
    case "undefined":
    case "template_literal":
      return scalar;
    default:
      return anyShape;
  }
}

/** An object shape with the given fields. */
export function objectShape(fields: Record<string, Shape>): Shape {
  return { kind: "object", fields: new Map(Object.entries(fields)) };
}
