/**
 * Renders the analyst's HTML pages from the templates of `templates/report/` (bundled as
 * sources by `npm run generate`), checked against their typed views and compiled when the
 * first page is rendered, with the full Handlebars loaded then: the pages are an analyst's
 * tool, never on the path to a first verdict. Browser bundles use `pages.browser.ts`.
 */
import type { z } from "zod";
import { TemplateError } from "../errors/template-error.js";
import { handlebarsCompiler } from "../letters/handlebars-compiler.js";
import { environment } from "../letters/templates.js";
import { pageHelpers } from "./page-helpers.js";
import { pageSources } from "./page-sources.generated.js";
import {
  checkPages,
  type PageName,
  type PageViews,
  pageCompileOptions,
  pagePartialName,
} from "./page-templates.js";

type Render = (data: object) => string;
let pages: Map<string, Render> | undefined;

/** The pages, checked and compiled on first use. */
function compiledPages(): Map<string, Render> {
  if (pages) return pages;
  checkPages(pageSources);
  const env = environment(handlebarsCompiler("templates/report/"), pageHelpers);
  const compiled = new Map<string, Render>();
  for (const [file, source] of Object.entries(pageSources)) {
    const template = env.compile(source, pageCompileOptions);
    const partial = pagePartialName(file);
    if (partial === undefined) compiled.set(file, template);
    else env.registerPartial(partial, template);
  }
  pages = compiled;
  return pages;
}

/**
 * Renders one of the analyst's HTML pages from its view, with the bundled templates (checked
 * against the page's view and compiled on first use, in Node).
 *
 * @param name - the page: `report`, `diff` or `score`
 * @param view - the page's view, built by `reportView`, `diffView` or `scoreView`
 * @returns the HTML document
 * @throws {TemplateError} outside Node 20.16 or later, where Handlebars' compiler cannot be loaded
 * @example renderPage("diff", diffView(diff)).startsWith("<!DOCTYPE html>") // true
 */
export function renderPage<P extends PageName>(name: P, view: z.output<PageViews[P]>): string {
  const render = compiledPages().get(`${name}.html.hbs`);
  if (!render) throw new TemplateError(`${name}.html.hbs`, "", "there is no such page");
  return render(view);
}
