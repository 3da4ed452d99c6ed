import type { z } from "zod";

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/**
 * Every dotted field path an object schema can produce: `sender.organisation`,
 * `externalTasks.from`. Used to check the fields a message or template names, at load.
 *
 * @example knownPaths(taskSchema).has("recipient.assignee") // true
 */
export function knownPaths(schema: z.ZodType, prefix = "", out = new Set<string>()): Set<string> {
  const def = defOf(schema);
  switch (def.type) {
    case "object":
      for (const [key, child] of Object.entries(def.shape ?? {})) {
        const path = prefix ? `${prefix}.${key}` : key;
        out.add(path);
        knownPaths(child, path, out);
      }
      break;
    case "optional":
    case "default":
    case "nullable":
      if (def.innerType) knownPaths(def.innerType, prefix, out);
      break;
    case "pipe":
      if (def.in) knownPaths(def.in, prefix, out);
      break;
    case "union":
      for (const option of def.options ?? []) knownPaths(option, prefix, out);
      break;
    default:
      break;
  }
  return out;
}
