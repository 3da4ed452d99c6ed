import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleMetafile } from "../../scripts/browser-variants.js";

// Issue 14: what the package's entries carry. Each is bundled from the sources here as tsup
// bundles it, and the modules that put bytes into the output are listed.

const root = join(import.meta.dirname, "..", "..");

async function carried(source: string, browser: boolean): Promise<string[]> {
  const metafile = await bundleMetafile(source, root, browser);
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file),
  );
}

describe("what the entries carry", () => {
  it("the Node entry validates with zod/mini: no classic zod, no JSON Schema generation", async () => {
    const files = await carried('export * from "./src/node.ts";', false);
    expect(files.some((f) => f.includes("node_modules/zod/v4/mini/"))).toBe(true);
    expect(files.filter((f) => /zod\/v4\/classic\/|to-json-schema/.test(f))).toEqual([]);
  });

  it("a browser bundle of the public API carries no Handlebars runtime, parser or compiler", async () => {
    const files = await carried(
      'export { createGuard, renderLetter, fromFhirTask, toCdsCards } from "./src/index.ts";',
      true,
    );
    expect(files).toContain("src/letters/bundled-programs.generated.ts");
    expect(files.filter((f) => /handlebars\/(runtime|compiler\/)/.test(f))).toEqual([]);
  });
});
