import type { Outcome, Verdict } from "../engine/types.js";
import { typed } from "../errors/unreadable.js";
import type { Ruleset } from "../rules/schema.js";
import type { Coverage } from "./coverage.js";
import { formatCount, printable, shortHash } from "./format.js";
import type { ExampleResult } from "./rule-tester.js";

/** What a golden case expects of its task's verdict. */
export interface GoldenExpectation {
  outcome: Outcome;
  /** The rules that fire, in any order. */
  rules: string[];
  /** When given, `verdict.humanReview` must equal it. */
  humanReview?: boolean;
}

/**
 * One line of a golden corpus (JSONL): `{"task": {...}, "expected": {"outcome", "rules", "humanReview"?}}`.
 * A bare task (a corpus line) is a case with no expectation yet: `--update-golden` fills it in.
 */
export interface GoldenCase {
  line: number;
  task: unknown;
  expected?: GoldenExpectation;
}

/** The result of one golden case. */
export interface GoldenResult {
  line: number;
  taskId: string;
  ok: boolean;
  expected?: GoldenExpectation;
  /** What the ruleset gave: the expectation it would write, or the error code. */
  actual: GoldenExpectation | { error: string };
  /** What went wrong, for a person; absent when ok. */
  problem?: string;
}

const outcomes = new Set<string>(["accept", "remind", "reject"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads one golden line's value into a case, or says what is wrong with it.
 *
 * @param line - its line in the golden file
 * @param value - the parsed JSON
 * @returns the case, or a problem for a person
 * @example readGoldenCase(1, { task, expected: { outcome: "reject", rules: ["fit-note"] } }).expected?.outcome // "reject"
 */
export function readGoldenCase(
  line: number,
  value: unknown,
): GoldenCase | { line: number; problem: string } {
  return typed("golden-case", () => readGoldenCaseOf(line, value));
}

function readGoldenCaseOf(
  line: number,
  value: unknown,
): GoldenCase | { line: number; problem: string } {
  if (!isRecord(value))
    return { line, problem: "a golden line must be a JSON object {task, expected}" };
  if (!("task" in value)) return { line, task: value };
  const expected = value.expected;
  if (expected === undefined) return { line, task: value.task };
  if (
    !isRecord(expected) ||
    typeof expected.outcome !== "string" ||
    !outcomes.has(expected.outcome) ||
    !Array.isArray(expected.rules) ||
    !expected.rules.every((r) => typeof r === "string") ||
    (expected.humanReview !== undefined && typeof expected.humanReview !== "boolean")
  ) {
    return {
      line,
      problem:
        'expected must be {"outcome": "accept" | "remind" | "reject", "rules": [rule ids], "humanReview"?: true | false}',
    };
  }
  return {
    line,
    task: value.task,
    expected: {
      outcome: expected.outcome as Outcome,
      rules: expected.rules as string[],
      ...(expected.humanReview !== undefined && { humanReview: expected.humanReview as boolean }),
    },
  };
}

/**
 * What a verdict would write as a golden expectation.
 *
 * @example expectationOf(verdict) // { outcome: "reject", rules: ["fit-note"], humanReview: false }
 */
export function expectationOf(verdict: Verdict): GoldenExpectation {
  return typed("verdict", () => expectationFrom(verdict));
}

function expectationFrom(verdict: Verdict): GoldenExpectation {
  return {
    outcome: verdict.outcome,
    rules: verdict.findings.map((f) => f.ruleId),
    humanReview: verdict.humanReview,
  };
}

function taskIdOf(task: unknown): string {
  return isRecord(task) && typeof task.id === "string" ? task.id : "(no id)";
}

/**
 * Checks one golden case against the verdict (or error) the ruleset gave its task.
 *
 * @param golden - the case
 * @param result - the verdict, or the error's code when the task could not be evaluated
 * @returns ok when the outcome, the set of rules fired and (when expected) `humanReview` match
 * @example checkGolden(golden, verdict).problem // "expected reject [fit-note], got accept []"
 */
export function checkGolden(golden: GoldenCase, result: Verdict | { error: string }): GoldenResult {
  return typed("golden-case", () => checkGoldenOf(golden, result));
}

function checkGoldenOf(golden: GoldenCase, result: Verdict | { error: string }): GoldenResult {
  const base = {
    line: golden.line,
    taskId: taskIdOf(golden.task),
    ...(golden.expected && { expected: golden.expected }),
  };
  if ("error" in result) {
    return {
      ...base,
      ok: false,
      actual: result,
      problem: `the task could not be evaluated (${result.error})`,
    };
  }
  const actual = expectationOf(result);
  const expected = golden.expected;
  if (expected === undefined) {
    return {
      ...base,
      ok: false,
      actual,
      problem: "no expectation: run with --update-golden to record one",
    };
  }
  const want = [...expected.rules].sort().join(", ");
  const got = [...actual.rules].sort().join(", ");
  const humanReviewOk =
    expected.humanReview === undefined || expected.humanReview === actual.humanReview;
  if (expected.outcome === actual.outcome && want === got && humanReviewOk)
    return { ...base, ok: true, actual };
  const review = (h: boolean | undefined) =>
    h === undefined ? "" : h ? ", human review" : ", no human review";
  return {
    ...base,
    ok: false,
    actual,
    problem: `expected ${expected.outcome} [${want}]${review(expected.humanReview)}, got ${actual.outcome} [${got}]${review(expected.humanReview === undefined ? undefined : actual.humanReview)}`,
  };
}

/** Everything `gp-task-guard test` found. */
export interface RuleTestReport {
  ruleset: { name: string; version: string; hash: string };
  examples: ExampleResult[];
  golden?: {
    source: string;
    results: GoldenResult[];
    unreadable: { line: number; problem: string }[];
  };
  coverage?: Coverage & { source: string };
  /** The least coverage accepted, in percent. */
  minCoverage?: number;
}

/**
 * Whether the test run passed: every example and golden case passed, no golden line was
 * unreadable, and coverage is at least `minCoverage`.
 *
 * @example testPassed(report) // true
 */
export function testPassed(report: RuleTestReport): boolean {
  return typed("report", () => testPassedOf(report));
}

function testPassedOf(report: RuleTestReport): boolean {
  const examplesOk = report.examples.every((r) => r.ok);
  const goldenOk =
    report.golden === undefined ||
    (report.golden.results.every((r) => r.ok) && report.golden.unreadable.length === 0);
  const coverageOk =
    report.minCoverage === undefined ||
    report.coverage === undefined ||
    report.coverage.percent >= report.minCoverage;
  return examplesOk && goldenOk && coverageOk;
}

function describeCondition(c: {
  ruleId: string;
  path: string;
  fact: string;
  operator: string;
  value: unknown;
}): string {
  return `${c.ruleId} ${c.path}: ${c.fact} ${c.operator} ${JSON.stringify(c.value)}`;
}

/**
 * The test run as plain text, in the manner of ESLint's RuleTester: failures in full, passes counted.
 *
 * @example renderTestText(report).includes("Rule examples: 62 passed, 0 failed") // true
 */
export function renderTestText(report: RuleTestReport): string {
  return typed("report", () => renderTestTextOf(report));
}

function renderTestTextOf(report: RuleTestReport): string {
  const r = report.ruleset;
  const out: string[] = [`Testing ${r.name} ${r.version} (${shortHash(r.hash)})`, ""];
  const failed = report.examples.filter((e) => !e.ok);
  out.push(
    `Rule examples: ${formatCount(report.examples.length - failed.length)} passed, ${formatCount(failed.length)} failed`,
  );
  for (const f of failed) {
    out.push(`  ✗ ${f.ruleId} ${f.kind}[${f.index}] "${f.description}": ${f.problem ?? "failed"}`);
  }
  if (report.golden) {
    const g = report.golden;
    const bad = g.results.filter((x) => !x.ok);
    out.push("");
    out.push(
      `Golden verdicts (${g.source}): ${formatCount(g.results.length - bad.length)} passed, ${formatCount(bad.length)} failed${g.unreadable.length > 0 ? `, ${formatCount(g.unreadable.length)} unreadable` : ""}`,
    );
    for (const x of bad.slice(0, 50))
      out.push(`  ✗ line ${x.line} task ${x.taskId}: ${x.problem ?? "failed"}`);
    if (bad.length > 50) out.push(`  … and ${formatCount(bad.length - 50)} more`);
    for (const u of g.unreadable.slice(0, 20)) out.push(`  ✗ line ${u.line}: ${u.problem}`);
  }
  if (report.coverage) {
    const c = report.coverage;
    out.push("");
    const min = report.minCoverage === undefined ? "" : ` (minimum ${report.minCoverage}%)`;
    out.push(`Coverage on ${c.source} (${formatCount(c.tasks)} tasks): ${c.percent}%${min}`);
    out.push(
      `  Rules never fired: ${c.neverFired.length === 0 ? "none" : c.neverFired.join(", ")}`,
    );
    out.push(`  Conditions never true:${c.neverTrue.length === 0 ? " none" : ""}`);
    for (const x of c.neverTrue) out.push(`    ${describeCondition(x)}`);
    out.push(`  Conditions never false:${c.neverFalse.length === 0 ? " none" : ""}`);
    for (const x of c.neverFalse) out.push(`    ${describeCondition(x)}`);
    const errors = c.conditions.filter((x) => x.errors > 0);
    if (errors.length > 0) {
      out.push("  Conditions that threw:");
      for (const x of errors)
        out.push(`    ${describeCondition(x)} (${formatCount(x.errors)} tasks)`);
    }
  }
  out.push("");
  out.push(testPassed(report) ? "PASS" : "FAIL");
  // Ids, voices and bodies come from the analyst's files: no escape reaches the terminal.
  return `${out.join("\n").split("\n").map(printable).join("\n")}\n`;
}

/**
 * The test run as JSON, with `passed` at the top.
 *
 * @example JSON.parse(renderTestJson(report)).passed // true
 */
export function renderTestJson(report: RuleTestReport): string {
  return typed("report", () => renderTestJsonOf(report));
}

function renderTestJsonOf(report: RuleTestReport): string {
  return `${JSON.stringify({ passed: testPassed(report), ...report }, null, 2)}\n`;
}

/** The ruleset's identity, as reports print it. */
export function rulesetIdentity(ruleset: Ruleset): RuleTestReport["ruleset"] {
  return typed("ruleset", () => rulesetIdentityOf(ruleset));
}

function rulesetIdentityOf(ruleset: Ruleset): RuleTestReport["ruleset"] {
  return { name: ruleset.name, version: ruleset.version, hash: ruleset.hash };
}
