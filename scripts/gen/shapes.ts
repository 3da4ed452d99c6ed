import { practiceSchema } from "../../src/input/practice.js";
import { taskSchema } from "../../src/input/task.js";
import { toShapeJson } from "../../src/letters/shape.js";
import { knownPaths } from "../../src/letters/shape-of.js";
import { letterKinds } from "../../src/letters/types.js";
import { buildViewShape } from "../../src/letters/view-schemas.js";
import { banner, type Generator } from "./types.js";

/**
 * The shapes of the data letters and rule messages may read, from their zod schemas through
 * `z.toJSONSchema`, written once at build time so that the library never generates a JSON
 * Schema at run time (src/letters/view-shapes.ts reads them).
 */
export const shapesGenerator: Generator = {
  name: "shapes",
  async generate() {
    const views: Record<string, unknown> = {};
    for (const kind of letterKinds) {
      views[`${kind}:subject`] = toShapeJson(buildViewShape(kind, false));
      views[`${kind}:body`] = toShapeJson(buildViewShape(kind, true));
    }
    const fields = {
      task: [...knownPaths(taskSchema)],
      practice: [...knownPaths(practiceSchema)],
    };
    // One JSON string, parsed on first use: custom templates are rare, and a string costs
    // Node next to nothing to load where the same data as an object literal is parsed at start-up.
    const data = JSON.stringify({ views, fields });
    const content = [
      `// ${banner("scripts/gen/shapes.ts")}`,
      "// Source: the zod schemas of src/letters/context.ts and src/letters/view-schemas.ts (letters),",
      "// src/input/task.ts and src/input/practice.ts (rule messages), read through z.toJSONSchema.",
      "",
      "/**",
      " * JSON: `views` (what each kind's templates may read: `<kind>:subject` for its subject line,",
      " * `<kind>:body` for its text and HTML) and `fields` (every dotted field path of a task and of",
      " * a practice policy, for the fields a rule message may name).",
      " */",
      `export const shapesJson = ${JSON.stringify(data)};`,
      "",
    ].join("\n");
    return [{ path: "src/letters/view-shapes.generated.ts", content }];
  },
};
