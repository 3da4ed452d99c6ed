import { docsGenerator } from "./docs.js";
import { prebuiltLexicon } from "./lexicon.js";
import { bundledRules } from "./rules.js";
import { schemasGenerator } from "./schemas.js";
import { shapesGenerator } from "./shapes.js";
import { templatesGenerator } from "./templates.js";
import type { Generator } from "./types.js";

/** Every generator, in the order they run. Add one import and one entry per generator. */
export const generators: Generator[] = [
  // First: the rules' build checks message fields against the task and practice shapes it writes.
  shapesGenerator,
  bundledRules,
  prebuiltLexicon,
  schemasGenerator,
  templatesGenerator,
  docsGenerator,
];
