import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files whose work is done while they are collected, not in their tests, so vitest's order
 * (recorded test durations, else file size) starts them last: generated.test.ts builds every
 * generated doc, which runs the docs' CLI samples, before its first test. Started last, it ran
 * alone on one core at the end of the run; started first, beside the rest.
 */
const COLLECTED_SLOWLY = ["test/generated.test.ts"];

class SlowCollectionFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (file: TestSpecification) =>
      COLLECTED_SLOWLY.some((name) => file.moduleId.endsWith(name)) ? 0 : 1;
    return sorted.toSorted((a, b) => slow(a) - slow(b));
  }
}

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
    sequence: { sequencer: SlowCollectionFirst },
  },
});
