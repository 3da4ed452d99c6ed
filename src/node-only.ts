/**
 * The file-system helpers as the default (browser) entry has them: same names and types as
 * in Node, each rejecting with the library's own error and what to do instead, so that code
 * shared between Node and a browser bundle compiles and fails clearly rather than at bundling.
 */
import { RulesetError } from "./errors/ruleset-error.js";
import { TemplateError } from "./errors/template-error.js";
import type { LetterTemplates } from "./letters/templates.js";
import type { Ruleset } from "./rules/schema.js";

/**
 * Loads a ruleset folder or overlay file: in Node only (the package's `node` export condition).
 *
 * @param path - a ruleset folder or file
 * @returns in this entry, a promise that always rejects
 * @throws {RulesetError} always, here: there is no file system; build the ruleset from its
 *   parsed files with `buildRuleset(files)` instead
 * @example await loadRuleset("rules") // rejects in a browser: RulesetError "needs Node"
 */
export async function loadRuleset(path: string): Promise<Ruleset> {
  throw new RulesetError([
    {
      file: String(path),
      path: "",
      code: "unreadable",
      message:
        "loadRuleset reads files, which needs Node: in a browser, pass the parsed files to buildRuleset(files) (an overlay of the default works there too)",
    },
  ]);
}

/**
 * Loads a folder of letter templates: in Node only (the package's `node` export condition).
 *
 * @param dir - a templates folder
 * @returns in this entry, a promise that always rejects
 * @throws {TemplateError} always, here: there is no file system; the bundled templates are used
 *   when `renderLetter` is given no `templates`
 * @example await loadTemplates("my-templates") // rejects in a browser: TemplateError "needs Node"
 */
export async function loadTemplates(dir: string): Promise<LetterTemplates> {
  throw new TemplateError(
    String(dir),
    "",
    "loadTemplates reads files, which needs Node: in a browser the bundled templates are used",
  );
}
