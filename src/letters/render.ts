import { GuardError } from "../errors/guard-error.js";
import { TemplateError } from "../errors/template-error.js";
import {
  compiledTemplate,
  defaultLetterTemplates,
  isLetterTemplates,
  type LetterTemplates,
  type TemplateFormat,
  templateFile,
  templatesFromFolderSync,
} from "./templates.js";
import type { Letter, LetterKind } from "./types.js";
import type { LetterView } from "./view.js";

/** Text letters: no trailing spaces, at most one blank line in a row, one final newline. */
function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

function tidyHtml(html: string): string {
  return `${html
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{2,}/g, "\n")
    .trim()}\n`;
}

function run(
  kind: LetterKind,
  format: TemplateFormat,
  templates: LetterTemplates,
  data: object,
): string {
  const render = compiledTemplate(templates, kind, format);
  try {
    return render(data);
  } catch (error) {
    if (error instanceof GuardError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // Handlebars strict mode: `"email" not defined in [object Object] - 3:14`
    const field = /^"([^"]+)" not defined in/.exec(message)?.[1] ?? "";
    const where = / - (\d+):(\d+)$/.exec(message);
    throw new TemplateError(
      templateFile(kind, format),
      field,
      field
        ? `the letter's data has no "${field}"${where ? ` (line ${where[1]}, column ${Number(where[2]) + 1})` : ""}: guard optional fields with {{#if}}`
        : message,
      { cause: error },
    );
  }
}

/**
 * Renders a letter from its prepared data with a checked template set.
 *
 * @param kind - the kind of letter
 * @param view - the letter's data (validated context, ruleset view)
 * @param templates - the template set (default: the bundled templates)
 * @returns subject, plain text and HTML
 * @throws {TemplateError} when a template fails on this data
 */
export function renderView(
  kind: LetterKind,
  view: LetterView,
  templates: LetterTemplates = defaultLetterTemplates(),
): Letter {
  const subject = run(kind, "subject", templates, view).replace(/\s+/g, " ").trim();
  const data = { ...view, subject };
  return {
    kind,
    subject,
    text: tidyText(run(kind, "txt", templates, data)),
    html: tidyHtml(run(kind, "html", templates, data)),
  };
}

/**
 * The template set `options.templates` names: a folder path (read synchronously, once per
 * folder), a set from `loadTemplates`, or the bundled templates when absent.
 *
 * @throws {TemplateError} for a folder that cannot be read or holds a bad template
 */
export function resolveTemplates(templates: string | LetterTemplates | undefined): LetterTemplates {
  if (templates === undefined) return defaultLetterTemplates();
  if (typeof templates === "string") return templatesFromFolderSync(templates);
  if (isLetterTemplates(templates)) return templates;
  throw new TemplateError(
    "",
    "options.templates",
    "options.templates must be a folder path or the result of loadTemplates(dir)",
  );
}
