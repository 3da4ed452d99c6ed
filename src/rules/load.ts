import { isInputError } from "../errors/input-error.js";
import { RulesetError } from "../errors/ruleset-error.js";
import { decodeText } from "../input/decode.js";
import { jsonSyntaxDetail, parseJson } from "../input/json-syntax.js";
import { buildSource, defaultSource } from "./build.js";
import { applyOverlay, DEFAULT_BASE, isOverlay, type RulesetSource } from "./overlay.js";
import { RULESET_FILE, type Ruleset } from "./schema.js";

/** An overlay may extend an overlay; a chain longer than this is a mistake (or a loop). */
const MAX_EXTENDS = 10;

type Fs = typeof import("node:fs/promises");
type Path = typeof import("node:path");
interface Reader {
  fs: Fs;
  path: Path;
  /** The folder issues are named relative to: the folder (or the file's folder) given to loadRuleset. */
  root: string;
}

function unreadable(file: string, message: string): RulesetError {
  return new RulesetError([{ file, path: "", code: "unreadable", message }]);
}

async function readJson(reader: Reader, file: string): Promise<unknown> {
  const shown = display(reader, file);
  let text: string;
  try {
    text = decodeText(await reader.fs.readFile(file));
  } catch (error) {
    const why = isInputError(error)
      ? error.issues.map((i) => i.message).join("; ")
      : (error as Error).message;
    throw unreadable(shown, `cannot read ${shown}: ${why}`);
  }
  try {
    return parseJson(text);
  } catch (error) {
    throw new RulesetError([
      {
        file: shown,
        path: "",
        code: "invalid_json",
        message: `not valid JSON: ${jsonSyntaxDetail(error, text)}`,
      },
    ]);
  }
}

/** A file's name as issues show it: relative to the folder given to loadRuleset. */
function display(reader: Reader, file: string): string {
  return reader.path.relative(reader.root, file) || reader.path.basename(file);
}

/** Every `.json` file of a folder, keyed by name; `main` is ruleset.json. */
async function readFolder(reader: Reader, dir: string): Promise<RulesetSource> {
  let names: string[];
  try {
    names = (await reader.fs.readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    throw unreadable(
      display(reader, dir),
      `cannot read the ruleset folder: ${(error as Error).message}`,
    );
  }
  const source: RulesetSource = { files: {}, origins: {} };
  for (const name of names) {
    const file = reader.path.join(dir, name);
    source.files[name] = await readJson(reader, file);
    source.origins[name] = { file: display(reader, file) };
  }
  return source;
}

/** A ruleset file (not a folder): it and the rule files its `rules` names, from its folder. */
async function readFile(reader: Reader, file: string): Promise<RulesetSource> {
  const top = await readJson(reader, file);
  const source: RulesetSource = {
    files: { [RULESET_FILE]: top },
    origins: { [RULESET_FILE]: { file: display(reader, file) } },
  };
  const listed =
    typeof top === "object" && top !== null && Array.isArray((top as { rules?: unknown }).rules)
      ? ((top as { rules: unknown[] }).rules.filter((id) => typeof id === "string") as string[])
      : [];
  const dir = reader.path.dirname(file);
  for (const id of listed) {
    const path = reader.path.join(dir, `${id}.json`);
    // A listed rule without a file is reported when the ruleset is checked, with its place.
    const exists = await reader.fs.stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists) continue;
    source.files[`${id}.json`] = await readJson(reader, path);
    source.origins[`${id}.json`] = { file: display(reader, path) };
  }
  return source;
}

/**
 * Reads a ruleset folder or file and, when it is an overlay, its base, down to a ruleset that
 * extends nothing; each base is checked on its own before the overlay is laid over it.
 */
async function resolve(reader: Reader, target: string, chain: string[]): Promise<RulesetSource> {
  const { fs, path } = reader;
  const stat = await fs.stat(target).catch((error: Error) => {
    throw unreadable(display(reader, target), `cannot read the ruleset: ${error.message}`);
  });
  const source = stat.isDirectory()
    ? await readFolder(reader, target)
    : await readFile(reader, target);
  const top = source.files[RULESET_FILE];
  if (!isOverlay(top)) return source;

  const topFile = source.origins[RULESET_FILE]?.file ?? RULESET_FILE;
  const base = (top as { extends: unknown }).extends;
  if (typeof base !== "string") return applyOverlay(source, top, topFile); // reports the type
  let baseSource: RulesetSource;
  if (base === DEFAULT_BASE) {
    baseSource = defaultSource();
  } else {
    const folder = stat.isDirectory() ? target : path.dirname(target);
    const next = path.resolve(folder, base);
    if (chain.includes(next) || chain.length >= MAX_EXTENDS) {
      throw new RulesetError([
        {
          file: topFile,
          path: "extends",
          code: "extends_loop",
          message: `"${base}" leads back to a ruleset already in the chain (${chain.map((c) => display(reader, c)).join(" → ")}), or the chain is longer than ${MAX_EXTENDS}`,
        },
      ]);
    }
    baseSource = await resolve(reader, next, [...chain, next]);
  }
  buildSource(baseSource); // the base must be valid on its own
  const { [RULESET_FILE]: _top, ...beside } = source.files;
  return applyOverlay(baseSource, top, topFile, { files: beside, origins: source.origins });
}

/**
 * Loads a ruleset: a folder (`ruleset.json` and one `<id>.json` per rule) or a ruleset file.
 * Either may be an overlay that `extends` `"default"` (the bundled rules) or another ruleset
 * folder or file, resolved from the overlay's own folder, and changes only `parameters`, rule
 * fields (`overrides`), or adds rules. Node only: the file system is imported lazily, and the
 * browser entry of the package has a `loadRuleset` that says so.
 *
 * @param path - a folder or file, e.g. `rules` or `examples/rulesets/seven-day-window.json`
 * @returns the merged, validated ruleset; its hash is the hash of what runs
 * @throws {RulesetError} naming the file (relative to `path`'s folder) and JSON path of every
 *   problem, including unreadable files, JSON syntax errors and an `extends` loop
 * @example (await loadRuleset("rules")).rules.length // 15
 * @example (await loadRuleset("examples/rulesets/fit-note-disabled.json")).disabled // ["fit-note"]
 */
export async function loadRuleset(path: string): Promise<Ruleset> {
  if (typeof path !== "string" || path === "") {
    throw new RulesetError([
      {
        file: "",
        path: "",
        code: "invalid_path",
        message: "loadRuleset takes the path of a ruleset folder or file (a non-empty string)",
      },
    ]);
  }
  const fs = await import("node:fs/promises");
  const nodePath = await import("node:path");
  const target = nodePath.resolve(path);
  const isDir = await fs.stat(target).then(
    (s) => s.isDirectory(),
    () => true,
  );
  const reader: Reader = { fs, path: nodePath, root: isDir ? target : nodePath.dirname(target) };
  return buildSource(await resolve(reader, target, [target]));
}
