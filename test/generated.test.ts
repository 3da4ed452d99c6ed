import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generators } from "../scripts/gen/index.js";

const root = join(import.meta.dirname, "..");

describe("generated files", async () => {
  const files = (await Promise.all(generators.map((g) => g.generate()))).flat();
  it("there is at least one generated file", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(`${file.path} is up to date (run npm run generate)`, async () => {
      const onDisk = await readFile(join(root, file.path), "utf8").catch(() => "(missing)");
      expect(onDisk === file.content, `${file.path} is stale: run npm run generate`).toBe(true);
    });
  }
});
