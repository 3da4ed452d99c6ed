import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { isKnownOperator, operatorMayThrow } from "../engine/operators.js";
import { formatPath } from "../errors/guard-error.js";
import { InputError } from "../errors/input-error.js";
import { RulesetError, type RulesetIssue } from "../errors/ruleset-error.js";
import { typed } from "../errors/unreadable.js";
import { factCatalogue, isFactName } from "../facts/catalogue.js";
import { factParameters, lexiconOf } from "../facts/lexicon.js";
import { MAX_PHRASES, MAX_STEPS_PER_WORD } from "../facts/matcher.js";
import { safeParse, toFileIssues } from "../input/common.js";
import { canonicalJson } from "./canonical-json.js";
import { checkComparedValue, checkParameters } from "./check-parameters.js";
import {
  checkPhrases,
  checkReading,
  checkSpokenPunctuation,
  countRulesetPhrases,
} from "./check-phrases.js";
import { checkReviewPhrases } from "./check-review-phrases.js";
import { forEachFactCondition } from "./conditions.js";
import { defaultRulesetFiles } from "./default-ruleset.generated.js";
import { checkMessage, parseRuleMessages } from "./message.js";
import { adoptRuleMessages, type RuleMessages } from "./message-tree.js";
import { applyOverlay, DEFAULT_BASE, isOverlay, mapIssues, type RulesetSource } from "./overlay.js";
import { findRepeatedPhrases, type RepeatedPhrase } from "./repeated-phrases.js";
import {
  type FactCondition,
  RULESET_FILE,
  type Rule,
  type RuleFile,
  type Ruleset,
  type RulesetFile,
  ruleSchema,
  rulesetSchema,
} from "./schema.js";

export { RULESET_FILE };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** Far deeper than any real rule; deep enough JSON would overflow the stack of every recursive step after this one. */
const MAX_DEPTH = 100;

/** The files of a ruleset folder: `ruleset.json` and `<id>.json`, each already parsed from JSON. */
export type RulesetFiles = Readonly<Record<string, unknown>>;

/** Far more values than any real ruleset holds (the bundled one has about 5,000). */
const MAX_VALUES = 1_000_000;

/** What a walk over the files has found so far: its issues, and how many values it visited. */
type Walk = { issues: RulesetIssue[]; values: number };

function forbiddenKeys(value: unknown, file: string, path: PropertyKey[], walk: Walk): void {
  if (typeof value !== "object" || value === null || walk.values > MAX_VALUES) return;
  if (path.length > MAX_DEPTH || ++walk.values > MAX_VALUES) {
    walk.issues.push(tooBig(file, path, walk.values > MAX_VALUES));
    walk.values = Number.POSITIVE_INFINITY; // one such issue says it: the walk stops
    return;
  }
  if (Array.isArray(value)) {
    // A phrase list is mostly strings: only a list's objects and lists are walked into.
    value.forEach((item, i) => {
      if (typeof item === "object" && item !== null) forbiddenKeys(item, file, [...path, i], walk);
    });
    return;
  }
  for (const key of Object.keys(value)) {
    const at = [...path, key];
    if (FORBIDDEN_KEYS.has(key)) {
      walk.issues.push({
        file,
        path: formatPath(at),
        code: "forbidden_key",
        message: `the key "${key}" is not allowed anywhere in a ruleset (prototype pollution)`,
      });
    } else {
      forbiddenKeys((value as Record<string, unknown>)[key], file, at, walk);
    }
  }
}

/**
 * The issue for JSON nested too deep, or holding too many values (a cycle or an object shared
 * many times over, which only a program can build, counts every time it is reached).
 */
function tooBig(file: string, path: PropertyKey[], tooMany: boolean): RulesetIssue {
  return tooMany
    ? {
        file,
        path: formatPath(path),
        code: "too_large",
        message: `the ruleset holds more than ${MAX_VALUES.toLocaleString("en-GB")} objects and lists (or refers to itself): it stops here`,
      }
    : {
        file,
        path: formatPath(path),
        code: "too_deep",
        message: `the JSON is nested more than ${MAX_DEPTH} levels deep here: flatten the conditions`,
      };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function isParam(value: unknown): value is { param: string } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type ConditionContext = {
  file: string;
  ruleset: RulesetFile;
  issues: RulesetIssue[];
  /** The JSON path of a part of the condition. */
  at: (...more: PropertyKey[]) => string;
};

/** The value compared, and whether the operator can take it and the fact be compared with it. */
function checkConditionValue(condition: FactCondition, ctx: ConditionContext): void {
  const { file, ruleset, issues, at } = ctx;
  const { operator, value } = condition;
  if (!isKnownOperator(operator)) return;
  const compared = isParam(value) ? ruleset.parameters[value.param] : value;
  if (operatorMayThrow(operator, compared)) {
    issues.push({
      file,
      path: at("operator"),
      code: "operator_may_throw",
      message: `operator "${operator}" would fail when the rule runs with this value: in and notIn need a list (or text) to look in, someValue: and everyValue: need a list, and swap: puts the fact there instead`,
    });
  }
  const mismatch = checkComparedValue(condition.fact, operator, compared);
  if (mismatch !== undefined && (compared !== undefined || !isParam(value))) {
    issues.push({
      file,
      path: isParam(value) ? at("value", "param") : at("value"),
      code: "value_type",
      message: isParam(value) ? `parameter "${value.param}": ${mismatch}` : mismatch,
    });
  }
}

/** A `{param}` value must name a parameter, and a category value a category of the ruleset. */
function checkValueNames(condition: FactCondition, ctx: ConditionContext): void {
  const { file, ruleset, issues, at } = ctx;
  const value = condition.value;
  if (isParam(value)) {
    if (!Object.hasOwn(ruleset.parameters, value.param)) {
      issues.push({
        file,
        path: at("value", "param"),
        code: "unknown_parameter",
        message: `unknown parameter "${value.param}": ruleset.json defines ${Object.keys(ruleset.parameters).join(", ")}`,
      });
    }
    return;
  }
  if (condition.fact !== "category" && condition.fact !== "requests") return;
  const named = Array.isArray(value) ? value : [value];
  named.forEach((category, i) => {
    if (typeof category === "string" && !Object.hasOwn(ruleset.categories, category)) {
      issues.push({
        file,
        path: Array.isArray(value) ? at("value", i) : at("value"),
        code: "unknown_category",
        message: `unknown category "${category}": ruleset.json defines ${Object.keys(ruleset.categories).join(", ")}`,
      });
    }
  });
}

function checkFactCondition(
  condition: FactCondition,
  path: readonly PropertyKey[],
  context: { file: string; ruleset: RulesetFile; issues: RulesetIssue[] },
): void {
  const ctx: ConditionContext = { ...context, at: (...more) => formatPath([...path, ...more]) };
  const { file, issues, at } = ctx;
  if (!isFactName(condition.fact)) {
    issues.push({
      file,
      path: at("fact"),
      code: "unknown_fact",
      message: `unknown fact "${condition.fact}": known facts are ${Object.keys(factCatalogue).join(", ")}`,
    });
  }
  if (!isKnownOperator(condition.operator)) {
    issues.push({
      file,
      path: at("operator"),
      code: "unknown_operator",
      message: `unknown operator "${condition.operator}": use json-rules-engine's defaults (equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive), optionally behind decorators such as not: or everyFact:`,
    });
  }
  checkConditionValue(condition, ctx);
  checkValueNames(condition, ctx);
}

/**
 * Validates and assembles a ruleset from its files, already parsed from JSON. Pure: the
 * bundled default ruleset and `loadRuleset(dir)` both come through here. `ruleset.json` may be
 * an overlay of the bundled rules (`"extends": "default"`); an overlay of a folder needs
 * `loadRuleset`, which can read it.
 *
 * @param files - `ruleset.json` and one `<id>.json` per rule, parsed
 * @returns the ruleset, deep-frozen, with the hash of what runs (enabled rules, merged overlay)
 * @throws {RulesetError} listing every problem with its file and JSON path: schema errors,
 *   an unknown fact, operator, parameter, category or clause, a duplicate or mismatched id,
 *   a rule file not listed, a forbidden key (`__proto__`, `constructor`, `prototype`),
 *   a message or sender wording naming a field that does not exist, a condition whose operator would throw
 *   with its value (`in` over a number), JSON nested more than 100 levels deep
 * @example buildRuleset({ "ruleset.json": {...}, "fit-note.json": {...} }).rules[0].id // "fit-note"
 */
export function buildRuleset(files: RulesetFiles): Ruleset {
  return typed(RULESET_FILE, () => buildFiles(files), unreadableFiles);
}

/** A `RulesetError` for files that could not be read at all (a throwing getter, a revoked proxy). */
function unreadableFiles(): RulesetError {
  return new RulesetError([
    {
      file: RULESET_FILE,
      path: "",
      code: "unreadable",
      message:
        "the ruleset's files could not be read: a property getter threw, or a value is a revoked proxy or not plain JSON data",
    },
  ]);
}

function buildFiles(files: RulesetFiles): Ruleset {
  const top = typeof files === "object" && files !== null ? files[RULESET_FILE] : undefined;
  if (!isOverlay(top)) return buildSource({ files, origins: {} });
  const base = (top as { extends: unknown }).extends;
  if (base !== DEFAULT_BASE) {
    throw new RulesetError([
      {
        file: RULESET_FILE,
        path: "extends",
        code: "unreadable",
        message: `buildRuleset can only extend "default": an overlay of a folder or file needs loadRuleset, which reads it`,
      },
    ]);
  }
  const { [RULESET_FILE]: _top, ...beside } = files;
  return buildSource(
    applyOverlay(defaultSource(), top, RULESET_FILE, { files: beside, origins: {} }),
  );
}

/** The bundled ruleset's files, as the base of an overlay. */
export function defaultSource(): RulesetSource {
  return { files: { ...defaultRulesetFiles }, origins: {} };
}

/**
 * Builds merged files, naming in each issue the file a person edits (the overlay for what it
 * set), not the merged copy.
 *
 * @throws {RulesetError} as `buildRuleset`
 */
export function buildSource(source: RulesetSource): Ruleset {
  let ruleset: Ruleset;
  try {
    ruleset = assemble(source.files);
  } catch (error) {
    if (error instanceof RulesetError && Object.keys(source.origins).length > 0) {
      throw new RulesetError(mapIssues(error.issues, source.origins));
    }
    throw error;
  }
  built.add(ruleset);
  return ruleset;
}

/**
 * Adopts a ruleset `buildRuleset` assembled at build time (the bundled default, generated by
 * scripts/gen/rules.ts): frozen and known as built, without validating, hashing or parsing its
 * messages again.
 *
 * @param ruleset - `buildRuleset`'s output, as generated
 * @param messages - each rule's wording as `parseRuleMessages` parsed it, in rule order
 * @returns the same object, deep-frozen
 */
export function adoptPrebuiltRuleset(ruleset: Ruleset, messages: readonly RuleMessages[]): Ruleset {
  const frozen = deepFreeze(ruleset);
  frozen.rules.forEach((rule, i) => {
    const parsed = messages[i];
    if (parsed === undefined) throw new TypeError(`no parsed messages for rule "${rule.id}"`);
    adoptRuleMessages(rule, parsed);
  });
  built.add(frozen);
  return frozen;
}

/** Every ruleset `buildRuleset` has returned: a guard takes no other (its hash would lie). */
const built = new WeakSet<object>();

/**
 * Whether `value` is a ruleset `buildRuleset` made (through `loadRuleset` or `defaultRuleset`),
 * rather than an object shaped like one: a spread copy with a changed parameter keeps the old
 * `hash`, so verdicts would name a ruleset that did not make them.
 */
export function isBuiltRuleset(value: unknown): value is Ruleset {
  return typeof value === "object" && value !== null && built.has(value);
}

/**
 * Refuses anything but a built ruleset where an entry point takes one: a hand-made object, a
 * proxy or a copy would be read field by field and fail as a TypeError somewhere inside.
 *
 * @param value - the argument
 * @param path - its name, for the issue (`ruleset`, `base`)
 * @param subject - what was being read, for `InputError.subject`
 * @throws {InputError} code `invalid_type`, naming `path`
 */
export function assertBuiltRuleset(
  value: unknown,
  path: string,
  subject: string,
): asserts value is Ruleset {
  if (isBuiltRuleset(value)) return;
  throw new InputError(
    [
      {
        path,
        code: "invalid_type",
        message: `${path} must come from defaultRuleset(), loadRuleset(dir) or buildRuleset(files)`,
      },
    ],
    subject,
  );
}

const phraseCounts = new WeakMap<Ruleset, number>();

/**
 * How many phrases a ruleset's lists stand for once word groups are put in, against the limit
 * a ruleset may reach: how much room an analyst has left before the load refuses the lists.
 *
 * @param ruleset - from `defaultRuleset()`, `loadRuleset(dir)` or `buildRuleset(files)`
 * @returns the count and the limit
 * @throws {InputError} code `invalid_type` for anything but a built ruleset
 * @example phraseCount(defaultRuleset()).limit // 80000
 */
export function phraseCount(ruleset: Ruleset): { count: number; limit: number } {
  assertBuiltRuleset(ruleset, "ruleset", "phraseCount");
  // A built ruleset is frozen: its count is counted once.
  let count = phraseCounts.get(ruleset);
  if (count === undefined) {
    count = countRulesetPhrases(ruleset);
    phraseCounts.set(ruleset, count);
  }
  return { count, limit: MAX_PHRASES };
}

/**
 * Entries of a phrase list that read as an earlier entry of the same list once shorthand,
 * spelling and word endings are read ("needs continuing" and "need continuing"): an analyst's
 * check before adding a phrase, since a repeat matches nothing new but counts against the limit.
 * `gp-task-guard validate` lists them.
 *
 * @param ruleset - from `defaultRuleset()`, `loadRuleset(dir)` or `buildRuleset(files)`
 * @returns each repeat with its path, the entry, and the entry and path it repeats
 * @throws {InputError} code `invalid_type` for anything but a built ruleset
 * @example repeatedPhrases(defaultRuleset()).length // 0
 */
export function repeatedPhrases(ruleset: Ruleset): RepeatedPhrase[] {
  assertBuiltRuleset(ruleset, "ruleset", "repeatedPhrases");
  return findRepeatedPhrases(ruleset);
}

/** A rule's own checks: its id, conditions, clauses and the fields its wording names. */
function checkRule(
  rule: RuleFile,
  id: string,
  ctx: { file: string; ruleset: RulesetFile; issues: RulesetIssue[] },
  parameterNames: ReadonlySet<string>,
): void {
  const { file, ruleset, issues } = ctx;
  if (rule.id !== id) {
    issues.push({
      file,
      path: "id",
      code: "id_mismatch",
      message: `the rule's id "${rule.id}" differs from its file name "${file}"`,
    });
  }
  forEachFactCondition(rule.conditions, (condition, path) =>
    checkFactCondition(condition, ["conditions", ...path], { file, ruleset, issues }),
  );
  rule.contract.forEach((clause, i) => {
    if (!Object.hasOwn(ruleset.contract.clauses, clause)) {
      issues.push({
        file,
        path: `contract[${i}]`,
        code: "unknown_clause",
        message: `unknown clause "${clause}": the catalogue in ruleset.json has ${Object.keys(ruleset.contract.clauses).join(", ")}`,
      });
    }
  });
  for (const issue of checkMessage(rule.message, parameterNames)) issues.push({ file, ...issue });
  for (const field of ["heading", "reason"] as const) {
    const source = rule.sender?.[field];
    if (source === undefined) continue;
    const options = { path: `sender.${field}`, words: true };
    for (const issue of checkMessage(source, parameterNames, options))
      issues.push({ file, ...issue });
  }
}

/** ruleset.json parsed, after checking that the files are an object without forbidden keys. */
function parseRulesetFile(files: RulesetFiles): RulesetFile {
  if (typeof files !== "object" || files === null) {
    throw new RulesetError([
      {
        file: RULESET_FILE,
        path: "",
        code: "invalid_type",
        message:
          'a ruleset is an object of parsed files: { "ruleset.json": {…}, "<id>.json": {…} }',
      },
    ]);
  }
  const issues: RulesetIssue[] = [];
  const walk: Walk = { issues, values: 0 };
  for (const [file, content] of Object.entries(files)) forbiddenKeys(content, file, [], walk);
  if (issues.length > 0) throw new RulesetError(issues);

  if (!Object.hasOwn(files, RULESET_FILE)) {
    throw new RulesetError([
      { file: RULESET_FILE, path: "", code: "missing_file", message: "ruleset.json is missing" },
    ]);
  }
  const parsed = safeParse(rulesetSchema, files[RULESET_FILE]);
  if (!parsed.success) throw new RulesetError(toFileIssues(parsed.error, RULESET_FILE));
  return parsed.data;
}

/** The parameters the facts read must be there, with their types. */
function checkFactParameters(ruleset: RulesetFile): RulesetIssue[] {
  const issues: RulesetIssue[] = [];
  for (const [name, type] of Object.entries(factParameters)) {
    if (typeof ruleset.parameters[name] !== type) {
      issues.push({
        file: RULESET_FILE,
        path: `parameters.${name}`,
        code: "missing_parameter",
        message: `parameters.${name} must be a ${type}: the facts need it`,
      });
    }
  }
  return issues;
}

/**
 * Reads and checks each rule ruleset.json lists, in order, and notes any file it does not list;
 * a disabled rule is checked too, but kept apart.
 */
function readRules(
  files: RulesetFiles,
  ruleset: RulesetFile,
  issues: RulesetIssue[],
): { rules: Rule[]; disabled: string[] } {
  const seen = new Set<string>();
  const rules: Rule[] = [];
  const disabled: string[] = [];
  const parameterNames = new Set(Object.keys(ruleset.parameters));
  const listed = (index: number, code: string, message: string) =>
    issues.push({ file: RULESET_FILE, path: `rules[${index}]`, code, message });
  for (const [index, id] of ruleset.rules.entries()) {
    const file = `${id}.json`;
    if (seen.has(id)) {
      listed(index, "duplicate_id", `rule "${id}" is listed twice`);
      continue;
    }
    seen.add(id);
    if (!Object.hasOwn(files, file)) {
      listed(index, "missing_file", `rule "${id}" is listed but ${file} does not exist`);
      continue;
    }
    const result = safeParse(ruleSchema, files[file]);
    if (!result.success) {
      issues.push(...toFileIssues(result.error, file));
      continue;
    }
    const rule: RuleFile = result.data;
    checkRule(rule, id, { file, ruleset, issues }, parameterNames);
    const { $schema: _schema, enabled, ...rest } = rule;
    if (enabled === false) disabled.push(id);
    else rules.push(rest);
  }
  for (const file of Object.keys(files)) {
    if (file !== RULESET_FILE && !seen.has(file.replace(/\.json$/, ""))) {
      issues.push({
        file,
        path: "",
        code: "not_listed",
        message: `${file} is not listed in ruleset.json "rules", so it would never run`,
      });
    }
  }
  return { rules, disabled };
}

function assemble(files: RulesetFiles): Ruleset {
  const ruleset = parseRulesetFile(files);
  const issues: RulesetIssue[] = [
    ...checkFactParameters(ruleset),
    ...checkParameters(ruleset.parameters),
    ...checkPhrases(ruleset),
    ...checkReading(ruleset),
    ...checkSpokenPunctuation(ruleset),
  ];
  const { rules, disabled } = readRules(files, ruleset, issues);
  if (issues.length > 0) throw new RulesetError(issues);

  const { $schema: _schema, rules: _ids, ...definition } = ruleset;
  if (rules.length === 0) {
    issues.push({
      file: RULESET_FILE,
      path: "rules",
      code: "no_rules",
      message: "every rule is disabled: a ruleset needs at least one rule that runs",
    });
    throw new RulesetError(issues);
  }
  // The hash covers what runs: a disabled rule's file does not change it.
  const hash = bytesToHex(sha256(utf8ToBytes(canonicalJson({ ...definition, rules }))));
  const built = deepFreeze({ ...definition, rules, disabled, hash });
  checkMatchingCost(built);
  const unread = checkReviewPhrases(built);
  if (unread.length > 0) throw new RulesetError(unread);
  // Parsed once here, where they were checked, so that rendering never parses.
  for (const rule of built.rules) adoptRuleMessages(rule, parseRuleMessages(rule));
  return built;
}

/**
 * Phrase matching stays linear in the body whatever the lists: the compiled phrases (cached for
 * the guard that evaluates with them) must bound the steps one body word can start. Checked last,
 * once the phrases are known to be sound, since it compiles them.
 */
function checkMatchingCost(ruleset: Ruleset): void {
  const steps = lexiconOf(ruleset).matcher.worstSteps;
  if (steps <= MAX_STEPS_PER_WORD) return;
  throw new RulesetError([
    {
      file: RULESET_FILE,
      path: "phrases",
      code: "too_costly",
      message: `the phrases let one word of a task start up to ${steps.toLocaleString("en-GB")} matching steps; at most ${MAX_STEPS_PER_WORD} keep matching linear in the body: use fewer overlapping prefixes (word*) and any-word gaps (_)`,
    },
  ]);
}
