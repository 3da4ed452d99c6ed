import { readFile } from "node:fs/promises";
import type { Plugin } from "esbuild";

/**
 * An esbuild plugin for the package's builds (tsup.config.ts): a JSON file of the package
 * (rules/*.json, templates/cds-hooks.json, src/facts/catalogue.json) is bundled as
 * `JSON.parse` of its text instead of as an object literal. V8 compiles a hundred kilobytes of
 * object literals at import, the default ruleset's among them, several times slower than it
 * scans one string and parses it as JSON (issue 14: start-up). The value is the same; JSON
 * files of dependencies are left to esbuild.
 *
 * @returns the plugin
 * @example build({ entryPoints: ["src/node.ts"], bundle: true, plugins: [jsonAsStrings()] })
 */
export function jsonAsStrings(): Plugin {
  return {
    name: "json-as-strings",
    setup(build) {
      build.onLoad({ filter: /\.json$/ }, async (args) => {
        if (args.path.includes("node_modules")) return undefined;
        // Parsed and written again: refuses a file that is not JSON, and drops its white space.
        const value: unknown = JSON.parse(await readFile(args.path, "utf8"));
        const text = JSON.stringify(JSON.stringify(value));
        return { contents: `export default JSON.parse(${text});`, loader: "js" };
      });
    },
  };
}
