import { readFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";
import { browserVariants, bundleMetafile } from "./scripts/browser-variants.js";
import { jsonAsStrings } from "./scripts/json-strings.js";

const { version } = JSON.parse(
  readFileSync(new URL("./package.json", import.meta.url), "utf8"),
) as {
  version: string;
};

/** What the library's three entries share. */
const library: Options = {
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  target: "node20",
  platform: "neutral",
  treeshake: true,
  // Keep `node:` specifiers (only dist/node.* has any, as lazy imports).
  removeNodeProtocol: false,
  external: [/^node:/],
  // The runtime dependencies the library loads at start-up are bundled, tree-shaken, into the
  // entry: Node then reads one file instead of some 150, about half the import time. They stay
  // dependencies for the CLI, the types (zod) and the lazy loads (the Handlebars compiler,
  // json-rules-engine), which are still resolved from node_modules at run time.
  noExternal: [
    "zod",
    "handlebars",
    "@date-fns/tz",
    "date-fns",
    "@noble/hashes",
    "safe-stable-stringify",
  ],
  // import.meta.url in the CommonJS build (the Handlebars compiler is required from beside the package).
  shims: true,
};

/**
 * Every module of `src/` the default browser entry reaches, with the `*.browser.ts` variants
 * in place of what they replace.
 */
async function browserModules(): Promise<string[]> {
  const { inputs } = await bundleMetafile(
    'export * from "./src/index.ts";',
    import.meta.dirname,
    true,
  );
  return Object.keys(inputs).filter((f) => f.startsWith("src/") && f.endsWith(".ts"));
}

export default defineConfig(
  async (): Promise<Options[]> => [
    {
      // index, CommonJS: the default entry for `require` in a browser bundler, one file.
      ...library,
      format: ["cjs"],
      entry: { index: "src/index.ts" },
      clean: true,
      esbuildPlugins: [browserVariants(), jsonAsStrings()],
    },
    {
      // index, its declarations for `import` (the modules themselves come from the next build).
      ...library,
      format: ["esm"],
      entry: { index: "src/index.ts" },
      dts: { only: true },
      clean: false,
    },
    {
      // index, ES modules: the default entry for browsers and bundlers, built with the
      // `*.browser.ts` variants (no custom template folders, no json-rules-engine). One output
      // file per module (dist/index.js, dist/letters/render.js, …, shared code in chunks), not
      // one file: a bundler drops a module of this side-effect-free package that nothing uses,
      // with its imports, whereas in one flattened file the top-level code of every module
      // (Handlebars' parser, the analyst's tools) stayed in every bundle.
      ...library,
      format: ["esm"],
      entry: await browserModules(),
      dts: false,
      splitting: true,
      treeshake: false,
      clean: false,
      esbuildPlugins: [browserVariants(), jsonAsStrings()],
      esbuildOptions(options) {
        options.chunkNames = "chunks/[name]-[hash]";
      },
    },
    {
      // reference: the default entry's API with json-rules-engine (`gp-task-guard/reference`).
      ...library,
      entry: { reference: "src/reference.ts" },
      clean: false,
      esbuildPlugins: [browserVariants(["json-rules-engine"]), jsonAsStrings()],
    },
    {
      // node: the same API with loadRuleset, loadTemplates and template folders working, for the
      // `node` condition.
      ...library,
      entry: { node: "src/node.ts" },
      clean: false,
      // Less for Node to parse at start-up; names are kept for stack traces. Not in the browser
      // entries: merged declarations would stop their bundlers from dropping what is unused.
      minifyWhitespace: true,
      minifySyntax: true,
      esbuildPlugins: [jsonAsStrings()],
    },
    {
      // The gp-task-guard bin: one ESM file for Node, dependencies left to node_modules except
      // Handlebars' parser, which src/letters/handlebars-parser.cjs requires on first use: an ES
      // module cannot require a package left outside the bundle.
      entry: { cli: "src/cli/main.ts" },
      noExternal: ["handlebars"],
      format: ["esm"],
      sourcemap: true,
      clean: false,
      target: "node20",
      platform: "node",
      banner: { js: "#!/usr/bin/env node" },
      define: { __VERSION__: JSON.stringify(version) },
      esbuildPlugins: [jsonAsStrings()],
    },
  ],
);
