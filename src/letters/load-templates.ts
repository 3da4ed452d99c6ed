/**
 * `loadTemplates`, apart from the rest of the letters code: it imports `node:fs`, so only the
 * package's Node entry (`src/node.ts`) reaches it and browser bundles never see the import.
 */
import { buildTemplates, type FolderFs, readFolder } from "./custom-templates.js";
import type { LetterTemplates } from "./templates.js";

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
  const io: FolderFs = { fs: await import("node:fs"), path: await import("node:path") };
  const { overrides } = readFolder(dir, io);
  return buildTemplates(overrides, io.path.resolve(dir));
}
