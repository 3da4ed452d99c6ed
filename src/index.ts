/**
 * gp-task-guard: checks SystmOne tasks sent to a GP practice against Humberside LMCs'
 * tasking guidance (October 2024). The public API (docs/api-and-errors.md); nothing else is
 * exported.
 *
 * This is the package's default entry, for browsers and bundlers: it imports no Node module.
 * `loadRuleset` and `loadTemplates` read files, so here they only say that they need Node;
 * Node resolves the package to `src/node.ts` (the `node` export condition), where they work.
 *
 * @module gp-task-guard
 */

// The analyst's tools, which `gp-task-guard report`, `diff`, `test` and `score` are thin over
export { type Coverage, CoverageCounter } from "./analysis/coverage.js";
export {
  type DiffResult,
  diffHasChanges,
  type RulesetDiff,
  renderDiffJson,
  renderDiffText,
  VerdictDiff,
} from "./analysis/diff.js";
export { renderDiffHtml } from "./analysis/diff-html.js";
export { printable } from "./analysis/format.js";
export {
  checkGolden,
  expectationOf,
  type GoldenCase,
  type GoldenExpectation,
  type GoldenResult,
  type RuleTestReport,
  readGoldenCase,
  renderTestJson,
  renderTestText,
  rulesetIdentity,
  testPassed,
} from "./analysis/golden.js";
export {
  type ReportFormat,
  type ReportInput,
  type ReportRecordError,
  type ReportTable,
  recordError,
  renderReportCsv,
  renderReportJson,
  renderReportText,
  reportFormats,
  reportTables,
} from "./analysis/report.js";
export { renderReportHtml } from "./analysis/report-html.js";
export { type ExampleResult, exampleInput, runRuleExamples } from "./analysis/rule-tester.js";
export type {
  Counts,
  Expectation,
  Metric,
  RecordPlace,
  Score,
  ScoreGate,
  ScoreMiss,
  ScoreOptions,
  ScoreRecordError,
} from "./analysis/score.js";
export { LabelledScorer, metricOf, scoreGate, scoreLabelled } from "./analysis/score.js";
export { renderScoreJson, renderScoreText } from "./analysis/score-format.js";
export { renderScoreHtml } from "./analysis/score-html.js";
export type {
  EscalationLevel,
  EscalationStep,
  SummariseOptions,
  Summary,
  SummaryItem,
  TeamEscalation,
} from "./analysis/summarise.js";
// Analysis
export { escalationLevels, Summariser, summarise } from "./analysis/summarise.js";
export type { EngineName } from "./engine/evaluator.js";
export type { BatchOptions, Guard, GuardOptions } from "./engine/guard.js";
// Evaluation
export { createGuard, evaluateTask } from "./engine/guard.js";
export type {
  ClauseCitation,
  Finding,
  Outcome,
  Severity,
  Verdict,
  VerdictOrError,
} from "./engine/types.js";
export { BatchError, isBatchError } from "./errors/batch-error.js";
export type { Issue } from "./errors/guard-error.js";

// Errors
export { GuardError, isGuardError } from "./errors/guard-error.js";
export { InputError, isInputError } from "./errors/input-error.js";
export type { RulesetIssue } from "./errors/ruleset-error.js";
export { isRulesetError, RulesetError } from "./errors/ruleset-error.js";
export { isTemplateError, TemplateError } from "./errors/template-error.js";
export type { FactName, Facts } from "./facts/catalogue.js";
export { factCatalogue } from "./facts/catalogue.js";
export { decodeText } from "./input/decode.js";
export { type FhirTaskOptions, fhirSystems, fromFhirTask } from "./input/fhir.js";
export { jsonSyntaxDetail, parseJson } from "./input/json-syntax.js";
export { type LabelledTask, labelledTaskSchema } from "./input/labelled.js";
export { isValidNhsNumber } from "./input/nhs-number.js";
export type { PracticePolicy, PracticePolicyInput } from "./input/practice.js";
export { parsePractice, practiceSchema } from "./input/practice.js";
export type { Category, SenderKind, TaskInput, TaskInputRaw } from "./input/task.js";
// Input
export { defaultCategories, parseTask, senderKinds, taskSchema } from "./input/task.js";
export type { LetterContext } from "./letters/context.js";
export { letterContextSchema } from "./letters/context.js";
export { londonToday } from "./letters/dates.js";
export type { RenderLetterOptions } from "./letters/render.js";
export { renderLetter } from "./letters/render.js";
export type { LetterTemplates } from "./letters/templates.js";
// Letters
export type { Letter, LetterKind } from "./letters/types.js";
export { letterKinds } from "./letters/types.js";
export { loadRuleset, loadTemplates } from "./node-only.js";
export { type CdsHooksCard, toCdsCards } from "./output/cds-hooks.js";
export type { RulesetFiles } from "./rules/build.js";
export { buildRuleset, phraseCount, repeatedPhrases } from "./rules/build.js";
// Rules
export { defaultRuleset } from "./rules/default.js";
export type { RepeatedPhrase } from "./rules/repeated-phrases.js";
export type {
  Condition,
  Rule,
  RuleExample,
  RuleFile,
  Ruleset,
  RulesetFile,
} from "./rules/schema.js";
export { conditionSchema, ruleSchema, rulesetSchema } from "./rules/schema.js";
