import { availableParallelism } from "node:os";
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
    // One worker per core. Vitest's default is one fewer, which on a 2-core machine ran every
    // file in series on one core; the main process only transforms and reports. Each worker is
    // its own process, and every test that writes files writes them to its own temporary folder.
    maxWorkers: availableParallelism(),
  },
});
