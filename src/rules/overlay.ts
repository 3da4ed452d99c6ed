/**
 * Ruleset overlays: a ruleset file that `extends` another and says only what differs, so that
 * an analyst can try one change (a parameter, a disabled rule, an added rule) in one short file
 * instead of a copy of every rule. Pure: reading the base from disk is `loadRuleset`'s job.
 */
import * as z from "zod/mini";
import { RulesetError, type RulesetIssue } from "../errors/ruleset-error.js";
import { nonEmpty, safeParse, toFileIssues } from "../input/common.js";
import { RULESET_FILE, ruleSchema } from "./schema.js";

/** `extends` naming the bundled ruleset. */
export const DEFAULT_BASE = "default";

const slug = ruleSchema.shape.id;

/** The schemas of an overlay, made by `overlaySchemas` on first use. */
function makeOverlaySchemas() {
  const looseObject = z.record(z.string(), z.unknown());
  return {
    /** An override of a named rule: any rule field but its id, each replacing the base rule's field. */
    ruleOverride: z.partial(z.omit(ruleSchema, { id: true, $schema: true })),
    /**
     * The top level of an overlay. Each section is merged into the base's (objects key by key,
     * lists and values replaced); the merged ruleset is then checked as a whole, so only the
     * shape of each section is checked here.
     */
    overlay: z.strictObject({
      $schema: z.optional(z.string()),
      extends: z
        .string()
        .check(z.minLength(1, { error: 'extends names "default" or a ruleset folder or file' })),
      name: z.optional(nonEmpty()),
      version: z.optional(z.string()),
      description: z.optional(z.string()),
      guidance: z.optional(looseObject),
      /** New rules (an id whose `<id>.json` is beside the overlay, or the rule itself), run after the base's. */
      rules: z.optional(z.array(z.union([slug, looseObject]))),
      parameters: z.optional(looseObject),
      contract: z.optional(looseObject),
      categories: z.optional(z.record(z.string(), looseObject)),
      phrases: z.optional(looseObject),
      examples: z.optional(looseObject),
      /** Fields of named rules to replace, e.g. `{ "fit-note": { "enabled": false } }`. */
      overrides: z.optional(z.record(z.string(), z.unknown())),
    }),
  };
}

let schemas: ReturnType<typeof makeOverlaySchemas> | undefined;

/**
 * The overlay schemas, made once when the first overlay is read: building them cost every
 * process some 5 ms at import (issue 14), though most never read an overlay.
 */
function overlaySchemas(): ReturnType<typeof makeOverlaySchemas> {
  schemas ??= makeOverlaySchemas();
  return schemas;
}

export type RulesetOverlay = z.infer<ReturnType<typeof makeOverlaySchemas>["overlay"]>;

/** Where one merged file's content came from, so that an issue names the file a person edits. */
export interface Origin {
  /** The file shown in issues. */
  file: string;
  /** Prepended to issue paths: the rule's place in the overlay's `rules` list. */
  prefix?: string;
  /** The overlay's override of this rule: issues on these fields point there. */
  override?: { file: string; prefix: string; fields: readonly string[] };
}

/** A ruleset's files (ruleset.json and `<id>.json`, parsed) with each one's origin. */
export interface RulesetSource {
  files: Record<string, unknown>;
  origins: Record<string, Origin>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Tells whether a parsed ruleset.json is an overlay: an object with `extends`. */
export function isOverlay(content: unknown): boolean {
  return isObject(content) && Object.hasOwn(content, "extends");
}

/** Objects merge key by key (the overlay's new keys last); anything else is replaced. */
function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

/** Categories the overlay adds are tried first, so a narrower category wins over a bundled one. */
function mergeCategories(base: unknown, over: Json): Json {
  const existing = isObject(base) ? base : {};
  const added = Object.fromEntries(
    Object.entries(over).filter(([k]) => !Object.hasOwn(existing, k)),
  );
  const merged = merge(existing, over) as Json;
  return { ...added, ...merged };
}

/** The overlay's new rules: `<id>.json` beside it, or inline rule objects. */
function addedRules(
  overlay: RulesetOverlay,
  file: string,
  beside: RulesetSource,
  issues: RulesetIssue[],
): { ids: string[]; files: Json; origins: Record<string, Origin> } {
  const ids: string[] = [];
  const files: Json = {};
  const origins: Record<string, Origin> = {};
  (overlay.rules ?? []).forEach((entry, i) => {
    if (typeof entry === "string") {
      const name = `${entry}.json`;
      ids.push(entry);
      if (Object.hasOwn(beside.files, name)) {
        files[name] = beside.files[name];
        origins[name] = beside.origins[name] ?? { file: name };
      } else {
        issues.push({
          file,
          path: `rules[${i}]`,
          code: "missing_file",
          message: `rule "${entry}" is listed but ${name} does not exist beside ${file}`,
        });
      }
      return;
    }
    const id = entry.id;
    if (typeof id !== "string" || !safeParse(slug, id).success) {
      issues.push({
        file,
        path: `rules[${i}].id`,
        code: "invalid_id",
        message: "a rule written in the overlay needs an id: lower-case words joined by hyphens",
      });
      return;
    }
    ids.push(id);
    files[`${id}.json`] = entry;
    origins[`${id}.json`] = { file, prefix: `rules[${i}]` };
  });
  return { ids, files, origins };
}

/**
 * Merges the overlay's `overrides` into the named rules' files, noting each override's origin;
 * an override that is not valid, or of a rule the files do not have, is an issue.
 */
function applyOverrides(
  overrides: Readonly<Record<string, unknown>>,
  { files, origins }: RulesetSource,
  { file, baseIds }: { file: string; baseIds: readonly string[] },
  issues: RulesetIssue[],
): void {
  for (const [id, fields] of Object.entries(overrides)) {
    const name = `${id}.json`;
    const path = `overrides.${id}`;
    const result = safeParse(overlaySchemas().ruleOverride, fields);
    if (!result.success) {
      issues.push(
        ...toFileIssues(result.error, file).map((i) => ({
          ...i,
          path: i.path ? `${path}.${i.path}` : path,
        })),
      );
    } else if (!Object.hasOwn(files, name)) {
      issues.push({
        file,
        path,
        code: "unknown_rule",
        message: `there is no rule "${id}" to override: the ruleset it extends has ${baseIds.join(", ")}`,
      });
    } else {
      files[name] = { ...(files[name] as Json), ...(fields as Json) };
      origins[name] = {
        ...(origins[name] ?? { file: name }),
        override: { file, prefix: path, fields: Object.keys(fields as Json) },
      };
    }
  }
}

/**
 * Lays an overlay over its base: the base's files with the overlay's sections merged into
 * ruleset.json, its overrides merged into the named rules' files, its new rules added after the
 * base's (a listed id the base already has replaces that rule in place).
 *
 * @param base - the base ruleset's files, itself not an overlay (already resolved)
 * @param overlay - the overlay's parsed ruleset.json
 * @param file - the overlay's file name, for issues
 * @param beside - rule files beside the overlay, for ids its `rules` lists
 * @returns the merged files, ready for `buildRuleset`
 * @throws {RulesetError} on a malformed overlay, an override of a rule the base does not
 *   have, or a listed rule with no file, each naming the overlay's file and path
 */
export function applyOverlay(
  base: RulesetSource,
  overlay: unknown,
  file: string,
  beside: RulesetSource = { files: {}, origins: {} },
): RulesetSource {
  const parsed = safeParse(overlaySchemas().overlay, overlay);
  if (!parsed.success) throw new RulesetError(toFileIssues(parsed.error, file));
  const {
    $schema: _schema,
    extends: _base,
    rules: _rules,
    overrides = {},
    categories,
    ...sections
  } = parsed.data;
  const issues: RulesetIssue[] = [];
  const files: Json = { ...base.files };
  const origins: Record<string, Origin> = { ...base.origins };
  const baseTop = base.files[RULESET_FILE] as Json;
  const baseIds = Array.isArray(baseTop.rules) ? (baseTop.rules as string[]) : [];

  const added = addedRules(parsed.data, file, beside, issues);
  Object.assign(files, added.files);
  Object.assign(origins, added.origins);

  applyOverrides(overrides, { files, origins }, { file, baseIds }, issues);
  if (issues.length > 0) throw new RulesetError(issues);

  const top = merge(baseTop, sections) as Json;
  if (categories !== undefined) top.categories = mergeCategories(baseTop.categories, categories);
  top.rules = [...baseIds, ...added.ids.filter((id) => !baseIds.includes(id))];
  files[RULESET_FILE] = top;
  origins[RULESET_FILE] = { file };
  return { files, origins };
}

/**
 * Points each issue of a merged ruleset at the file a person would edit: a field an override
 * set at `overrides.<id>.<field>` of the overlay, an inline rule at `rules[i]` of the overlay.
 *
 * @param issues - issues from building the merged files
 * @param origins - where each merged file came from
 * @returns the issues with their files and paths mapped
 */
export function mapIssues(
  issues: readonly RulesetIssue[],
  origins: Readonly<Record<string, Origin>>,
): RulesetIssue[] {
  return issues.map((issue) => {
    const origin = origins[issue.file];
    if (origin === undefined) return issue;
    const first = issue.path.split(/[.[]/, 1)[0] ?? "";
    const join = (prefix: string | undefined) =>
      prefix ? (issue.path ? `${prefix}.${issue.path}` : prefix) : issue.path;
    if (origin.override?.fields.includes(first)) {
      return { ...issue, file: origin.override.file, path: join(origin.override.prefix) };
    }
    return { ...issue, file: origin.file, path: join(origin.prefix) };
  });
}
