/**
 * Custom template folders in the package's browser entries: there is no file system, so a
 * folder path is refused with a `TemplateError` and the bundled letters are used.
 * Building with this file in place of `custom-templates.ts` (tsup.config.ts) keeps Handlebars'
 * parser and compiler, the template sources and the template checker out of browser bundles.
 */
import { TemplateError } from "../errors/template-error.js";
import type { templatesFromFolderSync as nodeFolder } from "./custom-templates.js";

/** Refuses a templates folder: it can only be read in Node. */
export const templatesFromFolderSync: typeof nodeFolder = (dir) => {
  throw new TemplateError(
    String(dir),
    "",
    "a templates folder can only be read in Node: in a browser the bundled templates are used",
  );
};
