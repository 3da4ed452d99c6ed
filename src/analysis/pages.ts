/**
 * Renders the analyst's HTML pages from the templates that `npm run generate` checked
 * (page-templates.ts) and precompiled, with Handlebars' runtime alone.
 */
import type Handlebars from "handlebars";
import HandlebarsRuntime from "handlebars/runtime.js";
import type { z } from "zod";
import { TemplateError } from "../errors/template-error.js";
import { environment } from "../letters/templates.js";
import { pageHelpers } from "./page-helpers.js";
import type { PageName, pageViews } from "./page-templates.js";
import { precompiledPages } from "./report-templates.generated.js";

type Render = (data: object) => string;
let pages: Map<string, Render> | undefined;

function bundledPages(): Map<string, Render> {
  if (pages) return pages;
  const runtime = HandlebarsRuntime as unknown as { create(): typeof Handlebars };
  const env = environment(runtime, pageHelpers);
  for (const [name, spec] of Object.entries(precompiledPages.partials)) {
    env.registerPartial(name, env.template(spec));
  }
  pages = new Map(
    Object.entries(precompiledPages.templates).map(([file, spec]) => [file, env.template(spec)]),
  );
  return pages;
}

/**
 * Renders one of the analyst's HTML pages from its view, with the bundled templates
 * (checked and precompiled at build time; Handlebars' runtime alone renders them).
 *
 * @param name - the page: `report` or `diff`
 * @param view - the page's view, built by `reportView` or `diffView`
 * @returns the HTML document
 * @example renderPage("diff", diffView(diff)).startsWith("<!DOCTYPE html>") // true
 */
export function renderPage<P extends PageName>(
  name: P,
  view: z.output<(typeof pageViews)[P]>,
): string {
  const render = bundledPages().get(`${name}.html.hbs`);
  if (!render) throw new TemplateError(`${name}.html.hbs`, "", "there is no such page");
  return render(view);
}
