import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { transformSync } from "esbuild";
import Handlebars from "handlebars";
import { checkPages } from "../../src/analysis/page-templates.js";
import { templateCompileOptions } from "../../src/letters/compile-options.js";
import { buildTemplates } from "../../src/letters/custom-templates.js";
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

const position = String.raw`\{start:\{line:\d+,column:\d+\},end:\{line:\d+,column:\d+\}\}`;
/** What a precompiled spec carries only for error messages, or for runtimes before 4.6. */
const unneeded: [RegExp, string][] = [
  // The source position of a helper call (`options.loc`), read only by Handlebars' exceptions.
  [new RegExp(`,loc:${position}`, "g"), ""],
  // The same, as the third argument of a strict lookup (`container.strict(obj, name, loc)`).
  [new RegExp(`,${position}\\)`, "g"), ")"],
  // A fallback for runtimes without `container.lookupProperty`; the bundled runtime has it.
  [
    /(\w+)\.lookupProperty\|\|function\((\w+),(\w+)\)\{if\(Object\.prototype\.hasOwnProperty\.call\(\2,\3\)\)return \2\[\3\]\}/g,
    "$1.lookupProperty",
  ],
];

/**
 * A precompiled spec minified: a third of the bytes for Node to parse at start-up and for a
 * browser to download. Whitespace and local names change, and what `unneeded` names goes:
 * the runtime calls the spec's functions by position, and the letters render byte for byte
 * as before (test/letters/precompiled.test.ts). A strict lookup that fails (a field missing,
 * which the view checks rule out first) names no line and column.
 */
function minified(spec: string): string {
  // An assignment, so that the minifier keeps the object (it drops an unused expression).
  const { code } = transformSync(`spec=${spec}`, { minify: true, loader: "js" });
  let out = code
    .trim()
    .replace(/^spec=/, "")
    .replace(/;$/, "");
  for (const [pattern, replacement] of unneeded) out = out.replace(pattern, replacement);
  // A Handlebars that writes these differently must not leave them in silently.
  if (/\{start:\{line:|lookupProperty\|\|/.test(out))
    throw new Error("scripts/gen/templates.ts: a precompiled spec kept a position or fallback");
  return out;
}

/** Handlebars' precompiled specs, so that the default letters need only its runtime. */
function precompiledFile(sources: ReadonlyMap<string, string>): string {
  const sets = {
    text: { templates: [], partials: [] },
    html: { templates: [], partials: [] },
  } as Record<"text" | "html", { templates: string[]; partials: string[] }>;
  for (const [name, source] of sources) {
    const partial = partialFile.exec(name)?.[1];
    for (const env of environments(name)) {
      // Typed as a spec object, precompile returns the spec as JavaScript source.
      const spec = minified(String(Handlebars.precompile(source, templateCompileOptions[env])));
      const key = JSON.stringify(partial ?? name);
      sets[env][partial === undefined ? "templates" : "partials"].push(`      ${key}: ${spec},`);
    }
  }
  const lines = [
    "// @ts-nocheck: Handlebars' precompiler writes untyped JavaScript.",
    `// ${banner("scripts/gen/templates.ts")}`,
    "// Source: templates/**/*.hbs, precompiled by Handlebars.precompile with the options of",
    "// src/letters/compile-options.ts, then minified. Template keys are file names; partial keys",
    "// are partial names.",
    'import type { TemplateSpecification } from "handlebars";',
    "",
    "/** A set of precompiled templates and the partials they may call, for one environment. */",
    "interface PrecompiledSet {",
    "  readonly templates: Readonly<Record<string, TemplateSpecification>>;",
    "  readonly partials: Readonly<Record<string, TemplateSpecification>>;",
    "}",
    "",
    "/** The bundled letter templates, precompiled: `text` for subjects and text letters, `html` for HTML. */",
    'export const precompiledTemplates: Readonly<Record<"text" | "html", PrecompiledSet>> = {',
  ];
  for (const env of ["text", "html"] as const) {
    lines.push(`  ${env}: {`, "    templates: {", ...sets[env].templates, "    },");
    lines.push("    partials: {", ...sets[env].partials, "    },", "  },");
  }
  lines.push("};", "");
  return lines.join("\n");
}

/**
 * Bundles `templates/**\/*.hbs` into `src/letters/default-templates.generated.ts` (the sources,
 * which custom template folders are checked and compiled with) and
 * `src/letters/precompiled-templates.generated.ts` (the same templates precompiled, so that
 * the default letters render with Handlebars' runtime alone and no file system). The bundled
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
      { path: "src/letters/precompiled-templates.generated.ts", content: precompiledFile(sources) },
    ];
  },
};
