import { letterHelpers } from "./helpers.js";

const knownHelpers = Object.fromEntries(Object.keys(letterHelpers).map((name) => [name, true]));

/**
 * Handlebars' compile options for the two environments letters render in, for the compiler
 * that custom template folders go through: `text` (subjects and plain text, never escaped) and
 * `html` (escaped). The bundled letters' renderer (`program.ts`) renders as these options
 * make Handlebars render, which test/letters/program.test.ts checks. `strict` makes a missing field an error rather than an
 * empty string; `knownHelpersOnly` refuses helpers that are not the letter helpers.
 */
export const templateCompileOptions = {
  text: { strict: true, knownHelpersOnly: true, knownHelpers, noEscape: true },
  html: { strict: true, knownHelpersOnly: true, knownHelpers },
} as const;
