import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { labelledSetFiles } from "../../scripts/labelled-sets.js";

const root = join(import.meta.dirname, "..", "..");
const scripts = (
  JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The labelled files a package.json script scores, in the order it names them. */
const scored = (name: string) =>
  (scripts[name] ?? "").match(/test\/labelled\/set-[a-z]+\.jsonl/g) ?? [];

describe("labelled sets", () => {
  const sets = labelledSetFiles(root);

  it("are scored and gated whole: npm run score and score:gate name every set file", () => {
    expect(sets.length).toBeGreaterThan(10);
    expect(scored("score")).toEqual(sets);
    expect(scored("score:gate")).toEqual(sets);
  });

  it("are held out from set E on: npm run score:held-out names every set written blind", () => {
    const first = ["a", "b", "c", "d"].map((x) => `test/labelled/set-${x}.jsonl`);
    expect(scored("score:held-out")).toEqual(sets.filter((f) => !first.includes(f)));
  });
});
