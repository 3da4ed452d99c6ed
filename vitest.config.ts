import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Test files share their worker's module cache (isolate: false): importing the library,
    // zod, json-rules-engine and Handlebars, and compiling the default ruleset's lexicon, then
    // happen once per worker instead of once per file, which was half of the suite's CPU time.
    // This is safe because no test mocks a module; the files that change process state
    // (process.env.TZ, fake timers, module reloads) put it back in `finally` or `afterEach`.
    isolate: false,
  },
});
