/**
 * The shape of the data a zod schema describes, read through zod's public `z.toJSONSchema`:
 * for `npm run generate` (scripts/gen/shapes.ts writes the letters' shapes) and the check of the
 * analyst's page templates, both at build time. Nothing on the library's run-time path imports
 * it, so that zod's JSON Schema code stays out of the package's start-up and browser bundles.
 */
import { z } from "zod";
import { anyShape, dateScalar, mergeShapes, type Shape, scalar } from "./shape.js";

/** The mark {@link shapeOf} puts on ISO date and date-time strings. */
const DATE = "x-iso-date";

/** A JSON Schema node as `z.toJSONSchema` writes it: the keywords read here. */
interface JsonSchemaNode {
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  $ref?: string;
  $defs?: Record<string, JsonSchemaNode>;
  const?: unknown;
  enum?: unknown[];
  /** Set by {@link shapeOf} on ISO date and date-time strings (JSON Schema has no format for a local date-time). */
  [DATE]?: true;
}

/**
 * Reads the shape of the data a zod schema describes, for checking the field names a template
 * or rule message reads. Goes through zod's public `z.toJSONSchema` (input side, so a
 * transformed field has the shape of what it was read from), not zod's internals.
 *
 * @param schema - a zod schema (objects, arrays, unions, optionals, records, scalars)
 * @returns its shape; `any` for schemas whose data JSON Schema does not describe (custom, unknown)
 * @example shapeOf(z.object({ name: z.string() })) // { kind: "object", fields: Map { "name" => { kind: "scalar" } } }
 */
export function shapeOf(schema: z.core.$ZodType): Shape {
  const root = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    cycles: "ref",
    reused: "inline",
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema instanceof z.core.$ZodISODate || zodSchema instanceof z.core.$ZodISODateTime)
        jsonSchema[DATE] = true;
    },
  }) as JsonSchemaNode;
  return fromJsonSchema(root, root, new Set());
}

function fromJsonSchema(node: JsonSchemaNode, root: JsonSchemaNode, refs: Set<string>): Shape {
  const read = (child: JsonSchemaNode) => fromJsonSchema(child, root, refs);
  if (node.$ref !== undefined) {
    const target = node.$ref === "#" ? root : root.$defs?.[node.$ref.replace("#/$defs/", "")];
    // A recursive schema (z.lazy) reads as `any` below its first level.
    if (target === undefined || refs.has(node.$ref)) return anyShape;
    return fromJsonSchema(target, root, new Set(refs).add(node.$ref));
  }
  const options = node.anyOf ?? node.oneOf;
  if (options !== undefined) {
    // null adds nothing a template could read: a nullable object keeps its fields.
    const shapes = options.filter((o) => o.type !== "null").map(read);
    const [first, ...rest] = shapes;
    return first ? rest.reduce(mergeShapes, first) : scalar;
  }
  switch (node.type) {
    case "object":
      if (node.properties !== undefined) {
        const fields = new Map<string, Shape>();
        for (const [name, field] of Object.entries(node.properties)) fields.set(name, read(field));
        return { kind: "object", fields };
      }
      return {
        kind: "record",
        values:
          typeof node.additionalProperties === "object"
            ? read(node.additionalProperties)
            : anyShape,
      };
    case "array":
      return node.items ? { kind: "array", items: read(node.items) } : anyShape;
    case "string":
      return node[DATE] === true ? dateScalar : scalar;
    case "number":
    case "integer":
    case "boolean":
    case "null":
      return scalar;
    default:
      return "const" in node || node.enum !== undefined ? scalar : anyShape;
  }
}

/**
 * Every dotted field path an object schema can produce: `sender.organisation`,
 * `externalTasks.from` (the fields of each option of a union included). Used to check the
 * fields a rule message names, at load.
 *
 * @example knownPaths(taskSchema).has("recipient.assignee") // true
 */
export function knownPaths(schema: z.core.$ZodType): Set<string> {
  const out = new Set<string>();
  const walk = (shape: Shape, prefix: string): void => {
    if (shape.kind !== "object") return;
    for (const [key, child] of shape.fields) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      walk(child, path);
    }
  };
  walk(shapeOf(schema), "");
  return out;
}
