/**
 * Start-up and weight (issue 14): the time a fresh process takes to give its first verdict
 * with a letter, side by side with bare `node -e 0`, and the gzip size of a minified browser
 * bundle of the public API with what each dependency puts in it. Both measure the build
 * (`dist/`), as a user meets it; `bench/index.ts` builds it first.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";
import { browserVariants } from "../scripts/browser-variants.js";

const root = join(import.meta.dirname, "..");

/** How many times each process is started: medians of at least five. */
export const startupRuns = 7;

export interface StartupResult {
  /** Medians of the wall-clock time of the whole process, in ms. */
  bareMs: number;
  firstVerdictMs: number;
  /** Medians of the CPU time (user + system) each process used, in ms: less swayed by load. */
  bareCpuMs: number;
  firstVerdictCpuMs: number;
  /** Median time from process start to the package imported, inside the process. */
  importMs: number;
  runs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${child.stderr}`);
  return { ms, stdout: child.stdout };
}

const bareScript =
  "const c = process.cpuUsage(); process.stdout.write(JSON.stringify({ cpuMs: (c.user + c.system) / 1000 }))";

/**
 * Starts bare node and `bench/first-verdict.mjs` alternately, `runs` times each, so that both
 * see the same machine load, and takes the medians.
 */
export function measureStartup(runs = startupRuns): StartupResult {
  const bare: number[] = [];
  const bareCpu: number[] = [];
  const first: number[] = [];
  const firstCpu: number[] = [];
  const imported: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = timed(["-e", bareScript]);
    bare.push(b.ms);
    bareCpu.push((JSON.parse(b.stdout) as { cpuMs: number }).cpuMs);
    const f = timed(["bench/first-verdict.mjs"]);
    first.push(f.ms);
    const r = JSON.parse(f.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, number>;
    firstCpu.push(r.cpuMs ?? Number.NaN);
    imported.push(r.importMs ?? Number.NaN);
  }
  return {
    bareMs: median(bare),
    firstVerdictMs: median(first),
    bareCpuMs: median(bareCpu),
    firstVerdictCpuMs: median(firstCpu),
    importMs: median(imported),
    runs,
  };
}

export interface BundleResult {
  minifiedBytes: number;
  gzipBytes: number;
  /** Minified bytes in the bundle per dependency, and `gp-task-guard` for the package itself. */
  parts: { name: string; bytes: number }[];
  /** What had to be left out for the bundle to build at all, if anything. */
  caveat?: string;
}

/** gp-task-guard's generated data, named apart from its code: they are most of its weight. */
const ownData: Record<string, string> = {
  "src/letters/bundled-programs.generated.ts": "gp-task-guard: letter templates, reduced",
  "src/letters/default-templates.generated.ts": "gp-task-guard: letter templates, sources",
  "src/rules/prebuilt-ruleset.generated.ts": "gp-task-guard: default ruleset",
  "src/rules/default-ruleset.generated.ts": "gp-task-guard: default ruleset files",
};

/** The npm package a bundled file belongs to, or which part of gp-task-guard. */
function packageOf(file: string): string {
  const parts = file.split("/");
  const at = parts.lastIndexOf("node_modules");
  if (at === -1) {
    // The bundled rules are imported from rules/*.json by the generated default ruleset.
    if (file.startsWith("rules/")) return "gp-task-guard: default ruleset";
    return ownData[file] ?? "gp-task-guard: code";
  }
  const scope = parts[at + 1] ?? "";
  return scope.startsWith("@") ? `${scope}/${parts[at + 2]}` : scope;
}

function partsOf(metafile: Metafile): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const name = packageOf(file);
      bytes.set(name, (bytes.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytes]
    .map(([name, n]) => ({ name, bytes: n }))
    .filter((p) => p.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

const api = "{ createGuard, renderLetter, fromFhirTask, toCdsCards }";

/** esbuild with no flags but bundle and minify, from an entry that re-exports the public API. */
function plainBuild(from: string, external: string[] = [], plugins: Plugin[] = []) {
  return build({
    stdin: {
      contents: `export ${api} from ${JSON.stringify(from)};\n`,
      resolveDir: root,
      sourcefile: "browser-entry.js",
    },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    external,
    plugins,
  });
}

/**
 * Bundles the public API for a browser as a plain bundler does with no flags (esbuild:
 * bundle and minify, its defaults otherwise), importing the package by its own name, and
 * gzips the result. When the plain bundle fails, it is built again with Node's built-in
 * modules left external, and `caveat` says so. The package's build carries its start-up
 * dependencies inside it, so what each contributes is read from the same bundle built from
 * the sources.
 */
export async function measureBundle(): Promise<BundleResult> {
  let caveat: string | undefined;
  let result: Awaited<ReturnType<typeof plainBuild>>;
  try {
    result = await plainBuild("gp-task-guard");
  } catch (error) {
    const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? String(error);
    caveat = `the plain bundle fails (${first}); measured with node:* left external`;
    result = await plainBuild("gp-task-guard", ["node:*"]);
  }
  // The sources, with the browser variants the default entry is built with (tsup.config.ts).
  const sources = await plainBuild("./src/index.ts", caveat === undefined ? [] : ["node:*"], [
    browserVariants(),
  ]);
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    parts: partsOf(sources.metafile),
    ...(caveat !== undefined && { caveat }),
  };
}

/** `12.3 KB` (1 KB = 1,000 bytes, as bundlers report). */
export function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
