/**
 * json-rules-engine's module, imported on demand: Node parses it only when a guard asks for the
 * reference engine. The package's default browser entry builds with
 * `json-rules-engine.browser.ts` in its place (tsup.config.ts), because a plain bundler inlines
 * a lazy `import()` and would carry it in every bundle; `gp-task-guard/reference` keeps this one.
 *
 * @returns the module as imported (its CommonJS build may sit under `default`)
 * @throws {Error} when json-rules-engine cannot be imported
 */
export async function importJsonRulesEngine(): Promise<{ Engine?: unknown; default?: unknown }> {
  return await import("json-rules-engine");
}
