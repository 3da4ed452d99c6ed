import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";

/**
 * An esbuild plugin for the package's browser entries (tsup.config.ts, and the bench's bundle
 * from the sources): an import of `./name.js` resolves to `./name.browser.ts` when that file
 * exists, unless `name` is kept. The browser variants leave out what a browser cannot use or
 * must not carry (custom template folders, json-rules-engine) and say so when asked for it.
 *
 * @param keep - module names (`json-rules-engine`) whose Node version the entry keeps
 * @returns the plugin
 * @example build({ entryPoints: ["src/index.ts"], bundle: true, plugins: [browserVariants()] })
 */
export function browserVariants(keep: readonly string[] = []): Plugin {
  return {
    name: "browser-variants",
    setup(build) {
      build.onResolve({ filter: /^\.{1,2}\/.*\.js$/ }, (args) => {
        if (args.importer.includes("node_modules")) return undefined;
        const base = args.path.replace(/\.js$/, "");
        if (keep.some((name) => base.endsWith(`/${name}`))) return undefined;
        const variant = resolve(args.resolveDir, `${base}.browser.ts`);
        return existsSync(variant) ? { path: variant } : undefined;
      });
    },
  };
}

/**
 * What bundling `source` takes in, as the package's library entries are bundled (ES modules,
 * platform neutral, Node's built-ins and json-rules-engine left out), with the browser variants
 * when `browser` is true: for tsup.config.ts (which modules the browser entry reaches) and
 * test/repo/weight.test.ts (what each entry carries).
 *
 * @param source - an ES module (`export * from "./src/index.ts"`)
 * @param root - the repository's root, which `source` is resolved from
 * @param browser - bundle with the `*.browser.ts` variants
 * @returns esbuild's metafile
 */
export async function bundleMetafile(
  source: string,
  root: string,
  browser: boolean,
): Promise<Metafile> {
  const { metafile } = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    external: ["node:*", "json-rules-engine"],
    plugins: browser ? [browserVariants()] : [],
    logLevel: "silent",
  });
  return metafile;
}
