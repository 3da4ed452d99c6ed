import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { bundleMetafile } from "../../scripts/browser-variants.js";
import { jsonAsStrings } from "../../scripts/json-strings.js";

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

  it("the Node entry builds to ASCII only, so V8 reads it as a one-byte string", async () => {
    // One character beyond Latin-1 (an en dash in a regular expression, which esbuild leaves
    // as it is) made V8 decode and scan the whole 900 KB entry as two-byte text at every import.
    const { outputFiles } = await build({
      stdin: { contents: 'export * from "./src/node.ts";', resolveDir: root, loader: "ts" },
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      external: ["node:*", "json-rules-engine"],
      minifyWhitespace: true,
      minifySyntax: true,
      plugins: [jsonAsStrings()],
      logLevel: "silent",
    });
    const text = outputFiles.map((file) => file.text).join("");
    expect(text.length).toBeGreaterThan(100_000);
    expect([...new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f))]).toEqual([]);
  });
});
