/**
 * json-rules-engine in the package's default browser entry: absent, so that a bundle of the
 * default entry never carries it (about 75 KB minified with jsonpath-plus and eventemitter2).
 * `engine: "json-rules-engine"` then rejects with `REFERENCE_ENGINE_UNAVAILABLE` and this
 * reason; `gp-task-guard/reference` is the same API with json-rules-engine, for bundles that
 * need it. Node always uses `json-rules-engine.ts`.
 */
import type { importJsonRulesEngine as nodeImport } from "./json-rules-engine.js";

/** Rejects: json-rules-engine is not in this build. */
export const importJsonRulesEngine: typeof nodeImport = async () => {
  throw new Error(
    'the package\'s default browser entry leaves json-rules-engine out: import from "gp-task-guard/reference" to use it',
  );
};
