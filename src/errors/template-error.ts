import { GuardError, isInstance } from "./guard-error.js";

/**
 * A letter template that cannot be compiled or rendered, or a letter context that lacks a field
 * the template needs. `template` names the template, `path` the field or helper at fault.
 *
 * @example
 * err.template // "rejection.txt.hbs"
 * err.path     // "practice.preferredMethod"
 */
export class TemplateError extends GuardError {
  override name = "TemplateError";
  readonly template: string;
  readonly path: string;

  constructor(template: string, path: string, message: string, options?: { cause?: unknown }) {
    super(
      "TEMPLATE_INVALID",
      `Template ${template}${path ? ` (${path})` : ""}: ${message}`,
      options,
    );
    this.template = template;
    this.path = path;
  }
}

/** @returns true when `value` is a `TemplateError`. @example isTemplateError(err) */
export function isTemplateError(value: unknown): value is TemplateError {
  return isInstance(value, TemplateError);
}
