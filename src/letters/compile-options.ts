import { letterHelpers } from "./helpers.js";

const knownHelpers = Object.fromEntries(Object.keys(letterHelpers).map((name) => [name, true]));

/**
 * Handlebars' compile options for the two environments letters render in, shared by the
 * build-time precompiler (scripts/gen/templates.ts) and the compiler that custom template
 * folders go through, so that both produce the same letters: `text` (subjects and plain text,
 * never escaped) and `html` (escaped). `strict` makes a missing field an error rather than an
 * empty string; `knownHelpersOnly` refuses helpers that are not the letter helpers.
 */
export const templateCompileOptions = {
  text: { strict: true, knownHelpersOnly: true, knownHelpers, noEscape: true },
  html: { strict: true, knownHelpersOnly: true, knownHelpers },
} as const;
