/**
 * gp-task-guard: checks SystmOne tasks sent to a GP practice against Humberside LMCs'
 * tasking guidance (October 2024). The public API (SPEC §3); nothing else is exported.
 */

// Evaluation
export { createGuard, evaluateTask } from "./engine/guard.js";
export type { BatchOptions, Guard, GuardOptions } from "./engine/guard.js";
export type { EngineName } from "./engine/evaluator.js";
export type {
  ClauseCitation,
  Finding,
  Outcome,
  Severity,
  Verdict,
  VerdictOrError,
} from "./engine/types.js";
export type { Facts, FactName } from "./facts/catalogue.js";
export { factCatalogue } from "./facts/catalogue.js";

// Input
export { taskSchema, parseTask, senderKinds, defaultCategories } from "./input/task.js";
export type { Category, SenderKind, TaskInput, TaskInputRaw } from "./input/task.js";
export { practiceSchema, parsePractice } from "./input/practice.js";
export type { PracticePolicy, PracticePolicyInput } from "./input/practice.js";
export { isValidNhsNumber } from "./input/nhs-number.js";
export { fhirSystems, fromFhirTask, type FhirTaskOptions } from "./input/fhir.js";
export { toCdsCards, type CdsHooksCard } from "./output/cds-hooks.js";

// Rules
export { defaultRuleset } from "./rules/default.js";
export { loadRuleset } from "./rules/load.js";
export { buildRuleset } from "./rules/build.js";
export type { RulesetFiles } from "./rules/build.js";
export { rulesetSchema, ruleSchema, conditionSchema } from "./rules/schema.js";
export type { Condition, Rule, RuleExample, RuleFile, Ruleset, RulesetFile } from "./rules/schema.js";

// Letters
export type { Letter, LetterKind } from "./letters/types.js";
export { letterKinds } from "./letters/types.js";

// Errors
export { GuardError, isGuardError } from "./errors/guard-error.js";
export type { Issue } from "./errors/guard-error.js";
export { InputError, isInputError } from "./errors/input-error.js";
export { RulesetError, isRulesetError } from "./errors/ruleset-error.js";
export type { RulesetIssue } from "./errors/ruleset-error.js";
export { TemplateError, isTemplateError } from "./errors/template-error.js";
export { BatchError, isBatchError } from "./errors/batch-error.js";
