import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(
  readFileSync(new URL("./package.json", import.meta.url), "utf8"),
) as {
  version: string;
};

export default defineConfig([
  {
    // index: the default entry (browsers, bundlers), which imports no Node module; node: the
    // same API with loadRuleset and loadTemplates reading files, for the `node` condition.
    entry: { index: "src/index.ts", node: "src/node.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "neutral",
    treeshake: true,
    // Keep `node:` specifiers (only dist/node.* has any, as lazy imports).
    removeNodeProtocol: false,
    external: [/^node:/],
    // The runtime dependencies the library loads at start-up are bundled, tree-shaken, into the
    // entry: Node then reads one file instead of some 150 (zod/mini alone imports every locale
    // and its JSON Schema code, which the bundle drops), about half the import time. They stay
    // dependencies for the CLI, the types (zod) and the lazy loads (the Handlebars compiler,
    // json-rules-engine), which are still resolved from node_modules at run time.
    noExternal: ["zod", "handlebars", "@date-fns/tz", "date-fns", "@noble/hashes"],
    // import.meta.url in the CommonJS build (the Handlebars compiler is required from beside the package).
    shims: true,
  },
  {
    // The gp-task-guard bin: one ESM file for Node, dependencies left to node_modules.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: true,
    clean: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    define: { __VERSION__: JSON.stringify(version) },
  },
]);
