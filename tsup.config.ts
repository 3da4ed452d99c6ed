import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "neutral",
    treeshake: true,
    // Keep `node:` specifiers so that browser bundlers see the lazy file-system import for what it is.
    removeNodeProtocol: false,
    external: [/^node:/],
  },
]);
