import {
  diffViewSchema,
  reportViewSchema,
  scoreViewSchema,
} from "../../src/analysis/page-views.js";
import { practiceSchema } from "../../src/input/practice.js";
import { taskSchema } from "../../src/input/task.js";
import { toShapeJson } from "../../src/letters/shape.js";
import { knownPaths, shapeOf } from "../../src/letters/shape-of.js";
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
    const pages = {
      report: toShapeJson(shapeOf(reportViewSchema)),
      diff: toShapeJson(shapeOf(diffViewSchema)),
      score: toShapeJson(shapeOf(scoreViewSchema)),
    };
    const data = JSON.stringify({ views, fields, pages });
    const content = [
      `// ${banner("scripts/gen/shapes.ts")}`,
      "// Source: the zod schemas of src/letters/context.ts and src/letters/view-schemas.ts (letters),",
      "// src/input/task.ts and src/input/practice.ts (rule messages) and src/analysis/page-views.ts",
      "// (the analyst's pages), read through z.toJSONSchema.",
      "",
      "/**",
      " * JSON: `views` (what each kind's templates may read: `<kind>:subject` for its subject line,",
      " * `<kind>:body` for its text and HTML) and `fields` (every dotted field path of a task and of",
      " * a practice policy, for the fields a rule message may name) and `pages` (what each of the",
      " * analyst's pages may read, from src/analysis/page-views.ts).",
      " */",
      `export const shapesJson = ${JSON.stringify(data)};`,
      "",
    ].join("\n");
    return [{ path: "src/letters/view-shapes.generated.ts", content }];
  },
};
