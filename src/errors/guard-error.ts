/** One problem found in an input, a ruleset or a template: data first, then a sentence for a person. */
export interface Issue {
  /** Where the problem is, as a path into the input: `recipient.assignment`, `conditions.all[0].fact`. Empty for the whole value. */
  path: string;
  /** A stable machine-readable code, e.g. `invalid_type`, `unknown_fact`. */
  code: string;
  /** What was wrong, where, and what would be right. */
  message: string;
}

/**
 * The base class of every error gp-task-guard throws on purpose.
 *
 * @example
 * try { await guard.evaluate(task) } catch (e) { if (isGuardError(e)) console.log(e.code) }
 */
export class GuardError extends Error {
  /** A stable code for programs: `INPUT_INVALID`, `RULESET_INVALID`, `TEMPLATE_INVALID`. */
  readonly code: string;
  override name = "GuardError";

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Tells whether a value is an error thrown by gp-task-guard.
 *
 * @param value - anything caught
 * @returns true for a `GuardError` or one of its subclasses
 * @example isGuardError(new InputError([])) // true
 */
export function isGuardError(value: unknown): value is GuardError {
  return isInstance(value, GuardError);
}

/**
 * `value instanceof type`, false rather than a TypeError for a revoked proxy or a proxy whose
 * prototype trap throws: a type guard answers for anything caught.
 */
export function isInstance<T>(
  value: unknown,
  type: abstract new (...args: never[]) => T,
): value is T {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** Formats a path array the way people read it: `conditions.all[0].fact`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(appendPath, "");
}

/** One more step on a formatted path: `appendPath("conditions.all", 0)` is `conditions.all[0]`. */
export function appendPath(path: string, key: PropertyKey): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? String(key) : `${path}.${String(key)}`;
}

export function summariseIssues(issues: readonly Issue[], limit = 3): string {
  const shown = issues.slice(0, limit).map((i) => `${i.path || "(root)"}: ${i.message}`);
  const more = issues.length > limit ? ` (and ${issues.length - limit} more)` : "";
  return shown.join("; ") + more;
}
