/**
 * Custom letter templates: reading a templates folder, checking each template against the data
 * its kind renders (`view-shapes.generated.ts`) and compiling it with the full Handlebars.
 * Node only: the package's browser entries build with `custom-templates.browser.ts` in its place
 * (tsup.config.ts), so that they carry the reduced bundled letters and their renderer alone,
 * without Handlebars, the template sources or the checker.
 */
import type Handlebars from "handlebars";
import { isInputError } from "../errors/input-error.js";
import { TemplateError } from "../errors/template-error.js";
import { decodeText } from "../input/decode.js";
import { templateCompileOptions } from "./compile-options.js";
import { defaultTemplates } from "./default-templates.generated.js";
import { handlebarsCompiler } from "./handlebars-compiler.js";
import { parseHandlebars } from "./handlebars-parser.cjs";
import {
  environment,
  formats,
  type LetterTemplates,
  type Render,
  templateFile,
  templateSet,
} from "./templates.js";
import { letterKinds } from "./types.js";
import { checkTemplate } from "./validate.js";
import { viewShape } from "./view-shapes.js";

const topLevel = new Set(
  letterKinds.flatMap((kind) => formats.map((format) => templateFile(kind, format))),
);
const partialFile = /^partials\/([a-z][a-z0-9-]*(?:\.(?:txt|html))?)\.hbs$/;

function sourceEnvironment(
  compiler: typeof Handlebars,
  partials: ReadonlyMap<string, string>,
): typeof Handlebars {
  const env = environment(compiler);
  for (const [name, source] of partials) env.registerPartial(name, source);
  return env;
}

/**
 * How deep blocks nest in a template, from its text: Handlebars' parser takes time quadratic
 * in the depth (5,000 nested `{{#if}}` take a minute, then overflow the stack), so depth is
 * bounded before it parses. `{{^}}` alone is an `else`, not a block.
 */
function blockDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of source.matchAll(/\{\{~?\s*([#/]|\^(?!\s*~?\}\}))/g)) {
    depth += match[1] === "/" ? -1 : 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * Parses a template within the bounds on size and nesting, turning a syntax error into a
 * `TemplateError` that names the file.
 *
 * @throws {TemplateError} for a template too long, nested too deep, or not valid Handlebars
 */
export function parseTemplate(file: string, source: string): hbs.AST.Program {
  if (source.length > maxTemplateChars) {
    throw new TemplateError(
      file,
      "",
      `is longer than ${maxTemplateChars.toLocaleString("en-GB")} characters`,
    );
  }
  if (blockDepth(source) > maxBlockDepth) {
    throw new TemplateError(file, "", `nests blocks more than ${maxBlockDepth} deep`);
  }
  try {
    return parseHandlebars(source);
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
  const compiler = handlebarsCompiler(origin);
  const partialSources = new Map<string, string>();
  const partialAsts = new Map<string, hbs.AST.Program>();
  for (const [file, source] of sources) {
    const name = partialFile.exec(file)?.[1];
    if (name === undefined) continue;
    partialSources.set(name, source);
    partialAsts.set(name, parseTemplate(file, source));
  }
  const textEnv = sourceEnvironment(compiler, partialSources);
  const htmlEnv = sourceEnvironment(compiler, partialSources);
  const render = new Map<string, Render>();
  for (const kind of letterKinds) {
    for (const format of formats) {
      const file = templateFile(kind, format);
      const source = sources.get(file);
      if (source === undefined) continue;
      const html = format === "html";
      checkTemplate(file, parseTemplate(file, source), viewShape(kind, format !== "subject"), {
        html,
        partials: partialAsts,
      });
      render.set(
        file,
        html
          ? htmlEnv.compile(source, templateCompileOptions.html)
          : textEnv.compile(source, templateCompileOptions.text),
      );
    }
  }
  return templateSet(render, origin, Object.keys(overrides).sort());
}

/** The most characters one template file may hold (the largest bundled one is under 5,000). */
export const maxTemplateChars = 100_000;
/** The most characters a templates folder may hold in all. */
export const maxFolderChars = 1_000_000;
/** How deep blocks (`{{#if}}`, `{{#each}}`, partial blocks) may nest in one template. */
export const maxBlockDepth = 40;

/** The parts of `node:fs` and `node:path` a templates folder is read with. */
export interface FolderFs {
  fs: Pick<typeof import("node:fs"), "readdirSync" | "realpathSync" | "statSync" | "readFileSync">;
  path: Pick<typeof import("node:path"), "join" | "resolve" | "sep">;
}

function folderError(file: string, message: string, cause?: unknown): TemplateError {
  return new TemplateError(file, "", message, cause === undefined ? undefined : { cause });
}

/** A file system error as its code only: a message could quote a path outside the folder. */
function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "it cannot be read";
}

/**
 * Reads one `.hbs` entry of the folder: it must be a regular file (a symbolic link is followed
 * only when it stays inside the folder) and no longer than {@link maxTemplateChars}.
 */
function readEntry(root: string, relative: string, { fs, path }: FolderFs): string {
  let real: string;
  try {
    real = fs.realpathSync(path.join(root, relative));
  } catch (error) {
    throw folderError(
      relative,
      `cannot be read (${fsReason(error)}): a symbolic link to nothing, or a file that went away`,
      error,
    );
  }
  if (!real.startsWith(root + path.sep)) {
    throw folderError(
      relative,
      "is a symbolic link to a file outside the templates folder: copy the file into the folder instead",
    );
  }
  const info = fs.statSync(real, { throwIfNoEntry: false });
  if (!info?.isFile()) throw folderError(relative, "is not a file (a folder named *.hbs?)");
  if (info.size > maxTemplateChars * 4) {
    throw folderError(
      relative,
      `is longer than ${maxTemplateChars.toLocaleString("en-GB")} characters`,
    );
  }
  // As editors save it: a byte order mark dropped, UTF-16 with one decoded, without one
  // refused by name (it was read as UTF-8 full of NUL characters).
  let source: string;
  try {
    source = decodeText(fs.readFileSync(real));
  } catch (error) {
    if (!isInputError(error)) throw error;
    throw folderError(relative, error.issues.map((i) => i.message).join("; "));
  }
  if (source.length > maxTemplateChars) {
    throw folderError(
      relative,
      `is longer than ${maxTemplateChars.toLocaleString("en-GB")} characters`,
    );
  }
  return source;
}

/** The `.hbs` names in a folder of the templates folder, sorted so that errors are stable. */
function listTemplates(root: string, sub: string, { fs, path }: FolderFs): string[] {
  const dir = sub === "" ? root : path.join(root, sub);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".hbs"))
    .sort()
    .map((name) => (sub === "" ? name : `${sub}/${name}`));
}

/**
 * Reads a templates folder: its `.hbs` files and those of its `partials` folder, each checked by
 * {@link readEntry}, within {@link maxFolderChars} in all.
 *
 * @throws {TemplateError} naming the folder when it cannot be read, or the file at fault
 */
export function readFolder(dir: unknown, io: FolderFs): { overrides: Record<string, string> } {
  if (typeof dir !== "string" || dir === "") {
    throw new TemplateError(
      "",
      "options.templates",
      "the templates folder must be a path (a non-empty string)",
    );
  }
  let root: string;
  let files: string[];
  try {
    root = io.fs.realpathSync(io.path.resolve(dir));
    files = listTemplates(root, "", io);
  } catch (error) {
    throw folderError(dir, `cannot read the templates folder (${fsReason(error)})`, error);
  }
  if (io.fs.readdirSync(root).includes("partials")) {
    const partials = io.path.join(root, "partials");
    let real: string;
    try {
      real = io.fs.realpathSync(partials);
    } catch (error) {
      throw folderError("partials", `cannot be read (${fsReason(error)})`, error);
    }
    if (real !== partials) {
      throw folderError(
        "partials",
        "is a symbolic link: the partials folder must be a real folder",
      );
    }
    if (io.fs.statSync(real).isDirectory()) files.push(...listTemplates(root, "partials", io));
  }
  const overrides: Record<string, string> = {};
  let total = 0;
  for (const file of files) {
    const source = readEntry(root, file, io);
    total += source.length;
    if (total > maxFolderChars) {
      throw folderError(
        dir,
        `holds more than ${maxFolderChars.toLocaleString("en-GB")} characters of templates`,
      );
    }
    overrides[file] = source;
  }
  return { overrides };
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
  const io: FolderFs = { fs: getBuiltin("node:fs"), path: getBuiltin("node:path") };
  const key = typeof dir === "string" ? io.path.resolve(dir) : "";
  const cached = folderCache.get(key);
  if (cached) return cached;
  const { overrides } = readFolder(dir, io);
  const set = buildTemplates(overrides, key);
  folderCache.set(key, set);
  return set;
}
