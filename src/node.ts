/**
 * The package's entry in Node (the `node` export condition): the public API of `src/index.ts`
 * with the helpers that read files, `loadRuleset` and `loadTemplates`, working.
 *
 * @module gp-task-guard in Node
 */
export * from "./index.js";
export { loadTemplates } from "./letters/load-templates.js";
export { loadRuleset } from "./rules/load.js";
