/**
 * The analyst's HTML pages (report, ruleset diff, score) are Handlebars templates in
 * `templates/report/`, checked here against their typed views (`page-views.ts`) with the
 * letters' checker: by `npm run generate`, which bundles their sources, and again by
 * `pages.ts` before it compiles them on first use. A page
 * opens with `{{#> page.html}}` for the shared frame (stylesheet, heading, footer) and draws
 * with the shared partials (`bar-chart`, `column-chart`, `legend`, `table`).
 */
import { TemplateError } from "../errors/template-error.js";
import { parseTemplate } from "../letters/custom-templates.js";
import { checkTemplate } from "../letters/validate.js";
import { pageShape } from "../letters/view-shapes.js";
import { pageHelpers } from "./page-helpers.js";
import type { diffViewSchema, reportViewSchema, scoreViewSchema } from "./page-views.js";

/** Each page's view (its template is `templates/report/<name>.html.hbs`). */
export interface PageViews {
  report: typeof reportViewSchema;
  diff: typeof diffViewSchema;
  score: typeof scoreViewSchema;
}

/** The analyst's HTML pages, by name. */
export type PageName = keyof PageViews;

/** The pages, in the order they are checked. */
export const pageNames: readonly PageName[] = ["report", "diff", "score"];

const partialFile = /^partials\/([a-z][a-z0-9-]*(?:\.html)?)\.hbs$/;

/** Handlebars' compile options for the pages: escaped, a missing field an error, only the page helpers. */
export const pageCompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(pageHelpers).map((name) => [name, true])),
} as const;

/** The partial name of a file of `templates/report/`, or undefined for a page. */
export function pagePartialName(file: string): string | undefined {
  return partialFile.exec(file)?.[1];
}

/**
 * Checks the page templates, as `npm run generate` and the first render do: every page
 * is present, every file is a page or a partial, and each page (with the partials it includes)
 * reads only fields its view has, calls only the page helpers and escapes all data.
 *
 * @param sources - file name (relative to `templates/report/`) → source
 * @throws {TemplateError} naming the template and the field, helper or partial at fault
 * @example checkPages({ ...sources, "report.html.hbs": "{{nope}}" }) // throws TemplateError: Template report.html.hbs (nope): unknown field "nope" …
 */
export function checkPages(sources: Readonly<Record<string, string>>): void {
  const partials = new Map<string, hbs.AST.Program>();
  for (const [file, source] of Object.entries(sources)) {
    const name = pagePartialName(file);
    if (name !== undefined) partials.set(name, parseTemplate(file, source));
    else if (!(pageNames as readonly string[]).includes(file.replace(/\.html\.hbs$/, ""))) {
      const pages = pageNames.map((p) => `${p}.html.hbs`);
      throw new TemplateError(
        file,
        "",
        `unknown template name: templates/report/ holds ${pages.join(", ")} and partials/<name>.hbs`,
      );
    }
  }
  for (const name of pageNames) {
    const file = `${name}.html.hbs`;
    const source = sources[file];
    if (source === undefined) throw new TemplateError(file, "", "the page's template is missing");
    // The view's shape is generated from its zod schema (scripts/gen/shapes.ts), so that
    // checking the pages at their first render runs no JSON Schema code.
    checkTemplate(file, parseTemplate(file, source), pageShape(name), {
      html: true,
      partials,
      helpers: pageHelpers,
    });
  }
}
