import Handlebars from "handlebars";
import { TemplateError } from "../errors/template-error.js";
import { defaultTemplates } from "./default-templates.generated.js";
import { letterHelpers } from "./helpers.js";
import { type LetterKind, letterKinds } from "./types.js";
import { checkTemplate } from "./validate.js";
import { viewShape } from "./view.js";

/** The three templates of a kind: subject line, plain text body, HTML document. */
export type TemplateFormat = "subject" | "txt" | "html";
const formats: readonly TemplateFormat[] = ["subject", "txt", "html"];

type Render = (data: object) => string;

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

const knownHelpers = Object.fromEntries(Object.keys(letterHelpers).map((name) => [name, true]));
const textOptions = { strict: true, knownHelpersOnly: true, knownHelpers, noEscape: true } as const;
const htmlOptions = { strict: true, knownHelpersOnly: true, knownHelpers } as const;

/** The file name of one of a kind's templates: `rejection.txt.hbs`. */
export function templateFile(kind: LetterKind, format: TemplateFormat): string {
  return `${kind}.${format}.hbs`;
}

const topLevel = new Set(
  letterKinds.flatMap((kind) => formats.map((format) => templateFile(kind, format))),
);
const partialFile = /^partials\/([a-z][a-z0-9-]*(?:\.(?:txt|html))?)\.hbs$/;

function environment(partials: ReadonlyMap<string, string>): typeof Handlebars {
  const env = Handlebars.create();
  env.unregisterHelper("log");
  for (const [name, helper] of Object.entries(letterHelpers)) env.registerHelper(name, helper.fn);
  for (const [name, source] of partials) env.registerPartial(name, source);
  return env;
}

function parse(file: string, source: string): hbs.AST.Program {
  try {
    return Handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(
      file,
      "",
      `not a valid Handlebars template: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Checks and compiles a template set: the bundled templates with `overrides` laid over them.
 *
 * @param overrides - file name (relative to the templates folder) → source
 * @param origin - where the overrides came from, for `LetterTemplates.origin`
 * @returns the compiled set
 * @throws {TemplateError} for an unknown file name, bad syntax, or a template that names a
 *   field, helper or partial that does not exist
 */
export function buildTemplates(
  overrides: Readonly<Record<string, string>>,
  origin: string,
): LetterTemplates {
  const sources = new Map(Object.entries(defaultTemplates));
  for (const [file, source] of Object.entries(overrides)) {
    if (!topLevel.has(file) && !partialFile.test(file)) {
      throw new TemplateError(
        file,
        "",
        `unknown template name: a templates folder holds <kind>.subject.hbs, <kind>.txt.hbs, <kind>.html.hbs (kinds: ${letterKinds.join(", ")}) and partials/<name>.hbs`,
      );
    }
    sources.set(file, source);
  }
  const partialSources = new Map<string, string>();
  const partialAsts = new Map<string, hbs.AST.Program>();
  for (const [file, source] of sources) {
    const name = partialFile.exec(file)?.[1];
    if (name === undefined) continue;
    partialSources.set(name, source);
    partialAsts.set(name, parse(file, source));
  }
  const textEnv = environment(partialSources);
  const htmlEnv = environment(partialSources);
  const render = new Map<string, Render>();
  for (const kind of letterKinds) {
    for (const format of formats) {
      const file = templateFile(kind, format);
      const source = sources.get(file);
      if (source === undefined) continue;
      const html = format === "html";
      checkTemplate(file, parse(file, source), viewShape(kind, format !== "subject"), {
        html,
        partials: partialAsts,
      });
      render.set(
        file,
        html ? htmlEnv.compile(source, htmlOptions) : textEnv.compile(source, textOptions),
      );
    }
  }
  const set: CompiledTemplates = {
    [brand]: true,
    origin,
    overridden: Object.keys(overrides).sort(),
    render,
  };
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

let bundled: LetterTemplates | undefined;

/** The bundled templates, checked and compiled on first use. */
export function defaultLetterTemplates(): LetterTemplates {
  bundled ??= buildTemplates({}, "default");
  return bundled;
}

interface FolderReader {
  list(dir: string): string[];
  read(file: string): string;
  join(...parts: string[]): string;
}

function readFolder(dir: string, reader: FolderReader): Record<string, string> {
  const overrides: Record<string, string> = {};
  const read = (relative: string) => {
    overrides[relative] = reader.read(reader.join(dir, relative));
  };
  let top: string[];
  try {
    top = reader.list(dir);
  } catch (error) {
    throw new TemplateError(
      dir,
      "",
      `cannot read the templates folder: ${(error as Error).message}`,
      { cause: error },
    );
  }
  for (const name of top) {
    if (name.endsWith(".hbs")) read(name);
  }
  if (top.includes("partials")) {
    for (const name of reader.list(reader.join(dir, "partials"))) {
      if (name.endsWith(".hbs")) read(`partials/${name}`);
    }
  }
  return overrides;
}

const folderCache = new Map<string, LetterTemplates>();

/**
 * Reads, checks and compiles a folder of templates synchronously, once per folder: later calls
 * with the same folder reuse the compiled set. Needs Node ≥ 20.16 (`process.getBuiltinModule`),
 * so that no Node module is imported when the library loads (browser bundles stay clean).
 *
 * @param dir - a folder holding any of `<kind>.subject.hbs`, `<kind>.txt.hbs`,
 *   `<kind>.html.hbs` and `partials/<name>.hbs`
 * @returns the bundled templates with the folder's laid over them
 * @throws {TemplateError} when the folder cannot be read (or there is no file system), or a
 *   template in it is not valid
 */
export function templatesFromFolderSync(dir: string): LetterTemplates {
  const getBuiltin = (
    globalThis as { process?: { getBuiltinModule?: NodeJS.Process["getBuiltinModule"] } }
  ).process?.getBuiltinModule;
  if (typeof getBuiltin !== "function") {
    throw new TemplateError(
      dir,
      "",
      "a templates folder can only be read in Node 20.16 or later: elsewhere pass the result of loadTemplates(dir)",
    );
  }
  const fs = getBuiltin("node:fs");
  const path = getBuiltin("node:path");
  const key = path.resolve(dir);
  const cached = folderCache.get(key);
  if (cached) return cached;
  const overrides = readFolder(key, {
    list: (folder) => fs.readdirSync(folder),
    read: (file) => fs.readFileSync(file, "utf8"),
    join: path.join,
  });
  const set = buildTemplates(overrides, key);
  folderCache.set(key, set);
  return set;
}

/**
 * Reads, checks and compiles a folder of templates that override the bundled ones by name.
 * Every template is checked now, not at the first letter: an unknown field, helper or
 * partial, or unescaped data in an HTML template, is a `TemplateError` here. Always reads the
 * folder afresh (use it to pick up edits); pass the result to `renderLetter` as
 * `options.templates`.
 *
 * @param dir - a folder holding any of `<kind>.subject.hbs`, `<kind>.txt.hbs`,
 *   `<kind>.html.hbs` and `partials/<name>.hbs`
 * @returns the checked, compiled set
 * @throws {TemplateError} naming the template and the field or helper at fault
 * @example
 * const templates = await loadTemplates("./my-templates");
 * renderLetter("reminder", context, { templates }).subject // "Your SystmOne Task of 23 November 2026"
 */
export async function loadTemplates(dir: string): Promise<LetterTemplates> {
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
  const key = path.resolve(dir);
  const list = async (folder: string) => fs.readdir(folder);
  let top: string[];
  try {
    top = await list(key);
  } catch (error) {
    throw new TemplateError(
      dir,
      "",
      `cannot read the templates folder: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const files = top.filter((name) => name.endsWith(".hbs"));
  if (top.includes("partials")) {
    files.push(
      ...(await list(path.join(key, "partials")))
        .filter((n) => n.endsWith(".hbs"))
        .map((n) => `partials/${n}`),
    );
  }
  const overrides: Record<string, string> = {};
  for (const file of files) overrides[file] = await fs.readFile(path.join(key, file), "utf8");
  return buildTemplates(overrides, key);
}
