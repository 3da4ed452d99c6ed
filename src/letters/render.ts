import { printable } from "../analysis/format.js";
import { GuardError } from "../errors/guard-error.js";
import { TemplateError } from "../errors/template-error.js";
import { typed } from "../errors/unreadable.js";
import { defaultLetterTemplates } from "./bundled-templates.js";
import { type LetterContext, parseLetterContext } from "./context.js";
import { templatesFromFolderSync } from "./custom-templates.js";
import { letterView } from "./letter-view.js";
import {
  compiledTemplate,
  isLetterTemplates,
  type LetterTemplates,
  resetEachBudget,
  type TemplateFormat,
  templateFile,
} from "./templates.js";
import { type Letter, type LetterKind, letterKinds } from "./types.js";
import type { LetterView } from "./view.js";

/**
 * Drops spaces and tabs at the end of every line. A scan, not `/[ \t]+$/gm`: that expression
 * retries from every space of a long run inside a line and is quadratic on a name padded with
 * thousands of spaces.
 */
function trimLineEnds(text: string): string {
  // Odd items are the line breaks themselves (the ones `$` sees in multiline mode), kept as they are.
  return text
    .split(/([\n\r\u2028\u2029])/)
    .map((line, i) => {
      if (i % 2 === 1) return line;
      let end = line.length;
      while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
      return line.slice(0, end);
    })
    .join("");
}

/**
 * Text letters: no trailing spaces, at most one blank line in a row, one final newline, and
 * every control, C1 and bidi character from the data shown as an escape (`\x1b`), since a
 * text letter is read in terminals and mail clients: a name holding `ESC[8m` hid what followed.
 */
function tidyText(text: string): string {
  return `${trimLineEnds(text)
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .replace(/[^\n]+/g, printable)}\n`;
}

function tidyHtml(html: string): string {
  return `${trimLineEnds(html)
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
    resetEachBudget();
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
  const subject = printable(run(kind, "subject", templates, view).replace(/\s+/g, " ").trim());
  const data = { ...view, subject };
  return {
    kind,
    subject,
    text: tidyText(run(kind, "txt", templates, data)),
    html: tidyHtml(run(kind, "html", templates, data)),
    ...(view.held !== undefined && { held: { reason: view.held.reason } }),
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

/** `options.templates`, read once; `null` or absent options mean the bundled templates. */
function templatesOption(options: unknown): string | LetterTemplates | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object") {
    throw new TemplateError("", "options", "options must be an object, e.g. { templates: dir }");
  }
  try {
    return (options as RenderLetterOptions).templates;
  } catch (error) {
    throw new TemplateError("", "options.templates", "options.templates cannot be read", {
      cause: error,
    });
  }
}

/** Options of `renderLetter`. */
export interface RenderLetterOptions {
  /**
   * Templates that override the bundled ones by file name: a folder path (read synchronously
   * in Node ≥ 20.16, checked and compiled once per folder for the life of the process), or a
   * set from `loadTemplates(dir)` (re-reads the folder; works wherever it was loaded).
   */
  templates?: string | LetterTemplates;
}

/**
 * Renders one of the six kinds of letter (`letterKinds`) for a practice: subject, plain text and a
 * complete HTML document, with the bundled templates or a folder's overrides.
 *
 * @param kind - `rejection`, `reminder`, `opt-out-notice`, `provider-agreement`,
 *   `practice-guidance` or `escalation`
 * @param context - `practice` (a practice policy), `date` (`YYYY-MM-DD`, default today in
 *   Europe/London), `ruleset` (default the bundled one), and what the kind needs: `task` and
 *   `findings` (rejection, reminder), `provider` (provider-agreement), `team`, `tasks` and
 *   optionally `lead` (escalation)
 * @param options - `templates`: a folder path or a `loadTemplates` result
 * @returns the letter; for a rejection, reminder or opt-out notice about an urgent or
 *   safety-related task, with `held` (the same decision as the verdict's `humanReview`)
 * @throws {TemplateError} when a field the kind needs is missing (`path` names it), or a
 *   custom template is not valid
 * @throws {InputError} when a field is present but not valid (subject `letter-context`)
 * @example
 * renderLetter("opt-out-notice", { practice, date: "2026-10-01" }).subject
 * // "From 1 December 2026, Example Surgery will not accept SystmOne Tasks"
 */
export function renderLetter(
  kind: LetterKind,
  context: LetterContext,
  options?: RenderLetterOptions | null,
): Letter {
  if (!(letterKinds as readonly unknown[]).includes(kind)) {
    throw new TemplateError(
      typeof kind === "string" ? kind : "(not a string)",
      "kind",
      `unknown kind of letter: use one of ${letterKinds.join(", ")}`,
    );
  }
  const templates = resolveTemplates(templatesOption(options));
  const parsed = typed("letter-context", () => parseLetterContext(kind, context));
  return renderView(kind, letterView(kind, parsed), templates);
}
