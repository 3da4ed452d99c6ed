/**
 * Loading what a command evaluates with: the practice file, the ruleset and a guard over them,
 * each failure a `CliError` (exit 2) naming the file and field at fault.
 */
import { dirname, isAbsolute, join } from "node:path";
import {
  createGuard,
  defaultRuleset,
  type EngineName,
  type Guard,
  isGuardError,
  isInputError,
  isRulesetError,
  loadRuleset,
  type PracticePolicy,
  type PracticePolicyInput,
  parsePractice,
  printable,
  type Ruleset,
  type RulesetIssue,
} from "../node.js";
import { CliError, type Io, pathFrom, readJsonFile, reason, write } from "./io.js";

/**
 * Loads and validates the practice policy file, or fails with exit 2 naming the file and every bad field.
 */
export async function loadPractice(
  io: Io,
  path: string | undefined,
  command: string,
): Promise<PracticePolicy> {
  if (path === undefined) {
    throw new CliError(
      `${command} needs --practice <file>: the practice's policy (JSON); see gp-task-guard ${command} --help`,
    );
  }
  const value = await readJsonFile(io, path, "practice file");
  try {
    return parsePractice(value);
  } catch (error) {
    if (isInputError(error)) {
      throw new CliError(
        [
          `${path}: the practice policy is not valid:`,
          ...error.issues.map((i) => `  ${path} ${i.path || "(root)"}: ${i.message}`),
        ].join("\n"),
      );
    }
    throw error;
  }
}

/** Formats ruleset issues as `folder/file path: message [code]`, one per line. */
export function formatRulesetIssues(dir: string, issues: readonly RulesetIssue[]): string[] {
  // Issue files are relative to the ruleset's folder: the folder given, or a ruleset file's folder.
  const folder = /\.json$/i.test(dir) ? dirname(dir) : dir;
  return issues.map((i) => {
    const file = i.file === dir || isAbsolute(i.file) ? i.file : join(folder, i.file);
    // Ruleset text (a phrase, a name) reaches the terminal: its escapes are shown, not obeyed.
    return printable(`${file}${i.path ? ` ${i.path}` : ""}: ${i.message} [${i.code}]`);
  });
}

/** Formats a `RulesetError` (or anything thrown while loading rules) as lines naming file and path. */
export function rulesetIssueLines(dir: string, error: unknown): string[] {
  if (!isRulesetError(error)) return [`${dir}: ${reason(error)}`];
  return formatRulesetIssues(dir, error.issues);
}

/**
 * Loads a ruleset folder, or the bundled default when `dir` is undefined; fails with exit 2
 * naming each file and JSON path at fault.
 */
export async function loadRules(io: Io, dir: string | undefined): Promise<Ruleset> {
  if (dir === undefined) return defaultRuleset();
  try {
    return await loadRuleset(pathFrom(io, dir));
  } catch (error) {
    if (isRulesetError(error)) {
      throw new CliError(
        [
          `${dir}: the ruleset is not valid:`,
          ...rulesetIssueLines(dir, error).map((l) => `  ${l}`),
        ].join("\n"),
      );
    }
    throw error;
  }
}

/** Makes a guard, turning a ruleset that fails to compile into exit 2. */
export function makeGuard(
  practice: unknown,
  ruleset: Ruleset,
  options: { engine?: EngineName; letterDate?: string; rulesDir?: string },
): Guard {
  try {
    return createGuard({
      practice: practice as PracticePolicyInput,
      ruleset,
      ...(options.engine !== undefined && { engine: options.engine }),
      ...(options.letterDate !== undefined && { letterDate: options.letterDate }),
    });
  } catch (error) {
    if (isRulesetError(error)) {
      throw new CliError(rulesetIssueLines(options.rulesDir ?? "ruleset", error).join("\n"));
    }
    if (isGuardError(error)) throw new CliError(error.message);
    throw error;
  }
}

/** Prints the guard's warnings about the practice policy to stderr. */
export async function printWarnings(io: Io, guard: Guard, practicePath: string): Promise<void> {
  for (const w of guard.warnings)
    await write(io.stderr, `warning: ${practicePath} ${w.path}: ${w.message}\n`);
}
