import type Handlebars from "handlebars";
import HandlebarsRuntime from "handlebars/runtime.js";
import { precompiledTemplates } from "./precompiled-templates.generated.js";
import { environment, type LetterTemplates, type Render, templateSet } from "./templates.js";

/**
 * Handlebars' runtime: `create`, `template` and the helper and partial registries, without
 * `parse` or `compile` (its own typings declare nothing, so it is typed here).
 */
const runtime = HandlebarsRuntime as unknown as { create(): typeof Handlebars };

let bundled: LetterTemplates | undefined;

/**
 * The bundled templates, from the specs that scripts/gen/templates.ts checked and precompiled
 * at build time: Handlebars' runtime alone renders them, with no parsing or compiling, so the
 * default letters never load the Handlebars compiler.
 *
 * @returns the same set on every call, prepared on the first
 */
export function defaultLetterTemplates(): LetterTemplates {
  if (bundled) return bundled;
  const render = new Map<string, Render>();
  for (const set of Object.values(precompiledTemplates)) {
    const env = environment(runtime);
    for (const [name, spec] of Object.entries(set.partials)) {
      env.registerPartial(name, env.template(spec));
    }
    for (const [file, spec] of Object.entries(set.templates)) render.set(file, env.template(spec));
  }
  bundled = templateSet(render, "default", []);
  return bundled;
}
