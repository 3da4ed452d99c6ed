import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { checkPages } from "../../src/analysis/page-templates.js";
import { buildTemplates } from "../../src/letters/custom-templates.js";
import { parseHandlebars } from "../../src/letters/handlebars-parser.cjs";
import { reduceProgram } from "../../src/letters/reduce-template.js";
import { banner, type Generator } from "./types.js";

const root = join(import.meta.dirname, "..", "..");
const folder = join(root, "templates");
const partialFile = /^partials\/(.+)\.hbs$/;

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

async function readTemplates(dir = folder): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  for (const name of (await hbsFiles(dir, "")).sort()) {
    sources.set(name, await readFile(join(dir, name), "utf8"));
  }
  return sources;
}

/** A set of template sources as a TypeScript constant: file name → Handlebars source. */
function sourcesFile(
  sources: ReadonlyMap<string, string>,
  about: { source: string; doc: string; name: string },
): string {
  const lines = [
    `// ${banner("scripts/gen/templates.ts")}`,
    `// Source: ${about.source}`,
    "",
    `/** ${about.doc} */`,
    `export const ${about.name}: Readonly<Record<string, string>> = {`,
  ];
  for (const [name, source] of sources) {
    lines.push(`  ${JSON.stringify(name)}: ${JSON.stringify(source)},`);
  }
  lines.push("};", "");
  return lines.join("\n");
}

/**
 * Which environments a template is compiled for: `*.html.hbs` and `partials/*.html.hbs` HTML
 * (escaped), `*.txt.hbs`, `*.subject.hbs` and `partials/*.txt.hbs` plain text, and a partial
 * with neither suffix both, as the runtime compiles a partial with its caller's options.
 */
function environments(name: string): ("text" | "html")[] {
  const base = partialFile.exec(name)?.[1] ?? name.replace(/\.hbs$/, "");
  if (base.endsWith(".html")) return ["html"];
  if (base.endsWith(".txt") || base.endsWith(".subject") || !name.startsWith("partials/"))
    return ["text"];
  return ["text", "html"];
}

/**
 * The bundled letters reduced to the nodes `src/letters/program.ts` renders, so that the
 * default letters need no Handlebars at all: each template's tree is Handlebars' own parse
 * (white-space control applied), and a construct outside the subset fails here. Partials are
 * shared by both environments; each template is checked against the partials of its own.
 */
function programsFile(sources: ReadonlyMap<string, string>): string {
  const partialsOf = { text: new Set<string>(), html: new Set<string>() };
  for (const name of sources.keys()) {
    const partial = partialFile.exec(name)?.[1];
    if (partial !== undefined) for (const env of environments(name)) partialsOf[env].add(partial);
  }
  const templates: string[] = [];
  const partials: string[] = [];
  for (const [name, source] of sources) {
    const partial = partialFile.exec(name)?.[1];
    const reduced = environments(name).map((env) =>
      JSON.stringify(
        reduceProgram(parseHandlebars(source), { file: name, partials: partialsOf[env] }),
      ),
    );
    const line = `    ${JSON.stringify(partial ?? name)}: ${reduced[0]},`;
    (partial === undefined ? templates : partials).push(line);
  }
  return [
    `// ${banner("scripts/gen/templates.ts")}`,
    "// Source: templates/**/*.hbs, parsed by Handlebars and reduced by src/letters/reduce-template.ts.",
    "// Template keys are file names; partial keys are partial names.",
    'import type { ProgramSet } from "./program.js";',
    "",
    "/** The bundled letter templates and their partials, reduced for `renderProgram`. */",
    "export const bundledPrograms: ProgramSet = {",
    "  templates: {",
    ...templates,
    "  },",
    "  partials: {",
    ...partials,
    "  },",
    "};",
    "",
  ].join("\n");
}

/**
 * Bundles `templates/**\/*.hbs` into `src/letters/default-templates.generated.ts` (the sources,
 * which custom template folders are checked and compiled with) and
 * `src/letters/bundled-programs.generated.ts` (the same templates reduced, so that the default
 * letters render with `src/letters/program.ts` alone: no Handlebars, no file system). The bundled
 * templates are checked first, as a custom folder's are: a bad one fails the generation.
 * `templates/report/` (the analyst's HTML pages) is checked against the pages' views and
 * bundled as sources into `src/analysis/page-sources.generated.ts`: the pages are compiled
 * when first rendered, in Node, off the path to a first verdict.
 */
export const templatesGenerator: Generator = {
  name: "templates",
  async generate() {
    const sources = await readTemplates();
    buildTemplates(Object.fromEntries(sources), "templates/");
    const pages = await readTemplates(join(folder, "report"));
    checkPages(Object.fromEntries(pages));
    return [
      {
        path: "src/analysis/page-sources.generated.ts",
        content: sourcesFile(pages, {
          source: "templates/report/**/*.hbs. Keys are paths relative to templates/report/.",
          doc: "The analyst's HTML pages and their partials: file name (relative to templates/report/) → Handlebars source.",
          name: "pageSources",
        }),
      },
      {
        path: "src/letters/default-templates.generated.ts",
        content: sourcesFile(sources, {
          source: "templates/**/*.hbs. Keys are paths relative to templates/.",
          doc: "The bundled letter templates: file name (relative to templates/) → Handlebars source.",
          name: "defaultTemplates",
        }),
      },
      { path: "src/letters/bundled-programs.generated.ts", content: programsFile(sources) },
    ];
  },
};
