import { bundledPrograms } from "./bundled-programs.generated.js";
import { renderProgram } from "./program.js";
import { type LetterTemplates, type Render, templateSet } from "./templates.js";

let bundled: LetterTemplates | undefined;

/**
 * The bundled templates, from the reduced syntax trees that scripts/gen/templates.ts checked
 * and wrote at build time: `program.ts` renders them as Handlebars would, so the default
 * letters load neither Handlebars' runtime nor its compiler. An `.html.hbs` template is
 * escaped for HTML, the others are plain text, as when Handlebars compiles them.
 *
 * @returns the same set on every call, prepared on the first
 */
export function defaultLetterTemplates(): LetterTemplates {
  if (bundled) return bundled;
  const render = new Map<string, Render>();
  for (const [file, nodes] of Object.entries(bundledPrograms.templates)) {
    render.set(file, renderProgram(nodes, bundledPrograms.partials, file.endsWith(".html.hbs")));
  }
  bundled = templateSet(render, "default", []);
  return bundled;
}
