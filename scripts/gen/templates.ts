import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { banner, type Generator } from "./types.js";

const root = join(import.meta.dirname, "..", "..");
const folder = join(root, "templates");

async function hbsFiles(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && entry.name === "partials" && prefix === "") {
      names.push(...(await hbsFiles(join(dir, entry.name), "partials/")));
    } else if (entry.isFile() && entry.name.endsWith(".hbs")) {
      names.push(`${prefix}${entry.name}`);
    }
  }
  return names;
}

/**
 * Bundles `templates/**\/*.hbs` into `src/letters/default-templates.generated.ts`, so the
 * default letters render with no file system (browser bundles).
 */
export const templatesGenerator: Generator = {
  name: "templates",
  async generate() {
    const names = (await hbsFiles(folder, "")).sort();
    const lines = [
      `// ${banner("scripts/gen/templates.ts")}`,
      "// Source: templates/**/*.hbs. Keys are paths relative to templates/.",
      "",
      "/** The bundled letter templates: file name (relative to templates/) → Handlebars source. */",
      "export const defaultTemplates: Readonly<Record<string, string>> = {",
    ];
    for (const name of names) {
      const source = await readFile(join(folder, name), "utf8");
      lines.push(`  ${JSON.stringify(name)}: ${JSON.stringify(source)},`);
    }
    lines.push("};", "");
    return [{ path: "src/letters/default-templates.generated.ts", content: lines.join("\n") }];
  },
};
