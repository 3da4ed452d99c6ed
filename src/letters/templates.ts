import type Handlebars from "handlebars";
import { TemplateError } from "../errors/template-error.js";
import { letterHelpers, type TemplateHelper } from "./helpers.js";
import type { LetterKind } from "./types.js";

/** The three templates of a kind: subject line, plain text body, HTML document. */
export type TemplateFormat = "subject" | "txt" | "html";
/** The formats of a kind, in the order a letter renders them. */
export const formats: readonly TemplateFormat[] = ["subject", "txt", "html"];

/** A compiled template: data in, text out. */
export type Render = (data: object) => string;

const brand: unique symbol = Symbol("gp-task-guard.letter-templates");

/**
 * A checked, compiled set of letter templates: the bundled ones, with any overridden from a
 * folder. Get one from `loadTemplates(dir)`; pass it as `renderLetter(…, { templates })`.
 */
export interface LetterTemplates {
  readonly [brand]: true;
  /** Where the overrides came from: a folder, or `"default"` for the bundled templates. */
  readonly origin: string;
  /** The file names (relative to the folder) that replaced or added to the bundled templates. */
  readonly overridden: readonly string[];
}

interface CompiledTemplates extends LetterTemplates {
  readonly render: ReadonlyMap<string, Render>;
}

/** The file name of one of a kind's templates: `rejection.txt.hbs`. */
export function templateFile(kind: LetterKind, format: TemplateFormat): string {
  return `${kind}.${format}.hbs`;
}

/**
 * A Handlebars environment with the given helpers (default: the letter helpers) and without
 * `log` (the library never logs). The analyst's HTML pages use it with their own helpers.
 *
 * @param base - Handlebars (the full package: letters from a folder, the analyst's pages)
 * @param helpers - helper name → helper
 */
export function environment(
  base: { create(): typeof Handlebars },
  helpers: Readonly<Record<string, TemplateHelper>> = letterHelpers,
): typeof Handlebars {
  const env = base.create();
  env.unregisterHelper("log");
  for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper.fn);
  if (helpers === letterHelpers) boundEach(env);
  return env;
}

/**
 * The most items `{{#each}}` may visit in one template's render. Partials are bounded when a
 * template loads, but loops multiply at render time: twenty-four nested `{{#each}}` over a
 * two-unit practice visited 2^24 items and took half a minute (issue 15's fan-out, by loops).
 * The bundled letters visit a few hundred at most.
 */
export const maxEachItems = 100_000;
let eachLeft = maxEachItems;

/** Gives the next render its full `maxEachItems` (renders are synchronous: one at a time). */
export function resetEachBudget(): void {
  eachLeft = maxEachItems;
}

/**
 * Counts one item an `{{#each}}` visits against the render's `maxEachItems`.
 *
 * @throws {Error} when the render has visited more
 */
export function countEachItem(): void {
  eachLeft -= 1;
  if (eachLeft < 0) {
    throw new Error(
      `{{#each}} visited more than ${maxEachItems.toLocaleString("en-GB")} items in one letter: nest fewer loops`,
    );
  }
}

type BlockOptions = Handlebars.HelperOptions;

function boundEach(env: typeof Handlebars): void {
  const each = env.helpers.each as (
    this: unknown,
    context: unknown,
    options: BlockOptions,
  ) => string;
  env.registerHelper("each", function (this: unknown, context: unknown, options: BlockOptions) {
    const fn = options.fn;
    const counted = (item: unknown, inner?: Handlebars.RuntimeOptions) => {
      countEachItem();
      return fn(item, inner);
    };
    return each.call(this, context, { ...options, fn: Object.assign(counted, fn) });
  });
}

/**
 * Wraps compiled templates as a `LetterTemplates` set.
 *
 * @param render - file name → compiled template
 * @param origin - a folder, or `"default"`
 * @param overridden - the file names the folder replaced or added
 */
export function templateSet(
  render: ReadonlyMap<string, Render>,
  origin: string,
  overridden: readonly string[],
): LetterTemplates {
  const set: CompiledTemplates = { [brand]: true, origin, overridden, render };
  return set;
}

/**
 * Finds the compiled template of a kind and format in a set built by `buildTemplates`.
 *
 * @throws {TemplateError} when `set` was not built by gp-task-guard
 */
export function compiledTemplate(
  set: LetterTemplates,
  kind: LetterKind,
  format: TemplateFormat,
): Render {
  const file = templateFile(kind, format);
  const render = (set as Partial<CompiledTemplates>).render?.get(file);
  if (!render) {
    throw new TemplateError(
      file,
      "",
      isLetterTemplates(set)
        ? "there is no such template in this set"
        : "options.templates must be a folder path or the result of loadTemplates(dir)",
    );
  }
  return render;
}

/** Tells whether a value is a template set from `loadTemplates`. */
export function isLetterTemplates(value: unknown): value is LetterTemplates {
  return typeof value === "object" && value !== null && brand in value;
}
