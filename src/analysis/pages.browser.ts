/**
 * The analyst's HTML pages in the package's browser entries: they are compiled from their
 * template sources with the full Handlebars when first rendered, which needs Node. Building
 * with this file in place of `pages.ts` (tsup.config.ts) keeps the sources, Handlebars'
 * compiler and the template checker out of browser bundles.
 */
import type { z } from "zod";
import { TemplateError } from "../errors/template-error.js";
import type { PageName, PageViews } from "./page-templates.js";

/**
 * Refuses to render a page: the pages are rendered in Node.
 *
 * @throws {TemplateError} always, in a browser
 */
export function renderPage<P extends PageName>(name: P, _view: z.output<PageViews[P]>): string {
  throw new TemplateError(
    `${name}.html.hbs`,
    "",
    "the analyst's HTML pages are rendered in Node: in a browser use the JSON or text forms",
  );
}
