import { mergeFragment } from "../../src/analysis/rule-tester.js";
import { InputError } from "../../src/errors/input-error.js";
import { defaultRuleset } from "../../src/rules/default.js";

/**
 * Runs `parse` and returns the `InputError` it throws. Fails the test when the input is
 * accepted, and lets any other error (a crash) through.
 */
export function inputErrorOf(parse: () => unknown): InputError {
  try {
    parse();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError, but the input was accepted");
}

/** The distinct paths an `InputError` names, in order. */
export function pathsOf(error: InputError): string[] {
  return [...new Set(error.issues.map((issue) => issue.path))];
}

/** The default ruleset's base task with a fragment merged on (`null` removes a key). */
export function taskWith(fragment: Record<string, unknown> = {}): unknown {
  return mergeFragment(defaultRuleset().examples.task, fragment);
}

/** The default ruleset's base practice with a fragment merged on (`null` removes a key). */
export function practiceWith(fragment: Record<string, unknown> = {}): unknown {
  return mergeFragment(defaultRuleset().examples.practice, fragment);
}
