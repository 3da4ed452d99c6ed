/**
 * The package's `gp-task-guard/reference` entry, for browsers and bundlers: the public API of
 * the default entry (`src/index.ts`), built with json-rules-engine, so that
 * `createGuard({ engine: "json-rules-engine" })` works in a bundle. The default entry leaves
 * json-rules-engine out to stay light; in Node both names resolve to `src/node.ts`, which
 * imports it on first use.
 *
 * @module gp-task-guard/reference
 */
export * from "./index.js";
