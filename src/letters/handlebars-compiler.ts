import type Handlebars from "handlebars";
import { TemplateError } from "../errors/template-error.js";

type NodeProcess = { getBuiltinModule?: NodeJS.Process["getBuiltinModule"] };

let compiler: typeof Handlebars | undefined;

/**
 * The full Handlebars (parser and compiler), loaded on first use, for custom template
 * folders only: the bundled letters are reduced at build time and rendered without Handlebars
 * (`program.ts`), so a process that never reads a templates folder never loads it. It is
 * required through Node's `createRequire`, not imported, so that neither Node at start-up nor
 * a browser bundler sees it; a folder of templates needs Node's file system anyway.
 *
 * @param subject - what needs the compiler, for the error: a folder path or a template name
 * @returns the Handlebars module
 * @throws {TemplateError} outside Node ≥ 20.16, or when `handlebars` cannot be resolved
 */
export function handlebarsCompiler(subject: string): typeof Handlebars {
  if (compiler) return compiler;
  const getBuiltin = (globalThis as { process?: NodeProcess }).process?.getBuiltinModule;
  if (typeof getBuiltin !== "function") {
    throw new TemplateError(
      subject,
      "",
      "custom templates can only be compiled in Node 20.16 or later: elsewhere use the bundled templates",
    );
  }
  try {
    const { createRequire } = getBuiltin("node:module");
    compiler = createRequire(import.meta.url)("handlebars") as typeof Handlebars;
  } catch (error) {
    throw new TemplateError(
      subject,
      "",
      `cannot load the Handlebars compiler that custom templates need: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return compiler;
}
