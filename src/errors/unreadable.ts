import { type GuardError, isGuardError } from "./guard-error.js";
import { InputError } from "./input-error.js";

/**
 * Runs an entry point's work and turns anything but a `GuardError` into an `InputError`: a
 * property getter that throws, a revoked proxy or an object whose prototype throws reach the
 * library as a `TypeError` from deep inside zod or a Handlebars helper, and no entry point may
 * throw an untyped error for bad input.
 *
 * @param subject - what was being read, for `InputError.subject` (`options`, `fhir-task`)
 * @param work - the entry point's body
 * @param wrap - makes the typed error (default an `InputError` with code `unreadable`)
 * @returns what `work` returns
 * @throws {GuardError} the one `work` threw, or the one `wrap` makes
 * @example typed("options", () => createGuardUnchecked(options)) // throws InputError (unreadable) for a revoked proxy
 */
export function typed<T>(
  subject: string,
  work: () => T,
  wrap: (cause: unknown) => GuardError = () => unreadable(subject),
): T {
  try {
    return work();
  } catch (error) {
    if (isGuardError(error)) throw error;
    throw wrap(error);
  }
}

/** The `InputError` for a value the library could not read at all. */
export function unreadable(subject: string): InputError {
  return new InputError(
    [
      {
        path: "",
        code: "unreadable",
        message: `the ${subject} could not be read: a property getter threw, or it is a revoked proxy or not plain data`,
      },
    ],
    subject,
  );
}

/**
 * `typed` for an entry point that returns a promise: a rejection that is not a `GuardError`
 * becomes one too.
 *
 * @example await typedAsync("ruleset", () => runExamples(ruleset)) // rejects with InputError (unreadable) for a revoked proxy
 */
export async function typedAsync<T>(
  subject: string,
  work: () => Promise<T>,
  wrap: (cause: unknown) => GuardError = () => unreadable(subject),
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isGuardError(error)) throw error;
    throw wrap(error);
  }
}

/**
 * The `InputError` for an argument of the wrong kind, named: `printable(42)`.
 *
 * @param subject - what was being read (`text`, `bytes`)
 * @param expected - what would be right, for a person: "a string"
 */
export function wrongKind(subject: string, expected: string): InputError {
  return new InputError(
    [{ path: "", code: "invalid_type", message: `the ${subject} must be ${expected}` }],
    subject,
  );
}
