import { BatchError } from "../errors/batch-error.js";
import { GuardError, type Issue } from "../errors/guard-error.js";
import { InputError } from "../errors/input-error.js";
import { typed } from "../errors/unreadable.js";
import { deriveFacts } from "../facts/derive.js";
import { isoDate, safeParse } from "../input/common.js";
import { type PracticePolicy, type PracticePolicyInput, parsePractice } from "../input/practice.js";
import { parseTask, type TaskInput, type TaskInputRaw } from "../input/task.js";
import { letterKindFor } from "../letters/sender.js";
import { letterForVerdict } from "../letters/verdict-letter.js";
import { isBuiltRuleset } from "../rules/build.js";
import { defaultRuleset } from "../rules/default.js";
import type { Ruleset } from "../rules/schema.js";
import { createCompiledEvaluator } from "./compiled.js";
import type { EngineName, Evaluator } from "./evaluator.js";
import { type PreparedRuleset, prepare } from "./prepare.js";
import { createReferenceEvaluator } from "./reference.js";
import type { Verdict, VerdictOrError } from "./types.js";
import { assembleVerdict } from "./verdict.js";

/** Options for `createGuard`. */
export interface GuardOptions {
  /**
   * The practice's policy, typed so that a misspelt field is a compile error; still validated
   * when the guard is made (a bad one is an `InputError` with subject `practice`), for callers
   * whose data comes from JSON.
   */
  practice: PracticePolicyInput;
  /** The rules; default: the bundled ruleset (`defaultRuleset()`). */
  ruleset?: Ruleset;
  /** `compiled` (default) or `json-rules-engine` (the reference); both give identical verdicts. */
  engine?: EngineName;
  /**
   * The date printed on letters (`YYYY-MM-DD`). Default: today in London when the letter is
   * rendered; pin it for letters that must be the same on any day (tests, re-runs).
   */
  letterDate?: string;
}

/** Options for `guard.evaluateMany`. */
export interface BatchOptions {
  /** Render each verdict's letter too (default false: batches are for counting; `evaluate` always renders). */
  letters?: boolean;
}

/** A practice's guard: its policy and ruleset, prepared once, evaluating any number of tasks. */
export interface Guard {
  readonly practice: PracticePolicy;
  readonly ruleset: Ruleset;
  readonly engine: EngineName;
  /** What in the practice's policy falls short of the guidance (e.g. no escalation contact). */
  readonly warnings: readonly Issue[];
  /**
   * Evaluates one task.
   * @throws {InputError} naming the path of every bad field of the task
   * @throws {GuardError} nothing else: an unexpected failure is a `GuardError` with code
   *   `EVALUATION_FAILED` and the original error as its `cause`
   */
  evaluate(task: TaskInputRaw): Promise<Verdict>;
  /**
   * Evaluates a batch in order: one verdict or error per record, never a record lost. Stopping
   * early (`break`) closes the source. Records are `unknown`, unlike `evaluate`'s typed task:
   * a batch is data read from files, and a bad record is an error in the stream, not a throw.
   * @throws {BatchError} when the source itself fails, with how many records were answered
   * @throws {InputError} when `tasks` is not iterable (subject `batch`)
   */
  evaluateMany(
    tasks: Iterable<unknown> | AsyncIterable<unknown>,
    options?: BatchOptions,
  ): AsyncIterable<VerdictOrError>;
}

function practiceWarnings(practice: PracticePolicy): Issue[] {
  const warnings: Issue[] = [];
  if (practice.externalTasks.policy !== "decline" && practice.escalationContact === undefined) {
    warnings.push({
      path: "escalationContact",
      code: "missing_escalation_contact",
      message:
        "The guidance advises an identified contact for escalation before agreeing to receive tasks from a provider: add escalationContact.",
    });
  }
  return warnings;
}

function checkCategory(task: TaskInput, ruleset: Ruleset): void {
  if (task.category !== undefined && !Object.hasOwn(ruleset.categories, task.category)) {
    throw new InputError([
      {
        path: "category",
        code: "invalid_value",
        message: `category must be one of ${Object.keys(ruleset.categories).join(", ")}`,
      },
    ]);
  }
}

/**
 * The iterator of a batch: async first, then sync; anything else is an `InputError`.
 *
 * @param tasks - the batch's source
 * @param needs - who needs it, for the error: `evaluateMany`, `scoreLabelled`
 */
export function batchIterator(
  tasks: unknown,
  needs = "evaluateMany",
): AsyncIterator<unknown> | Iterator<unknown> {
  if (tasks !== null && tasks !== undefined) {
    const source = Object(tasks) as Partial<AsyncIterable<unknown> & Iterable<unknown>>;
    const asyncIterator = source[Symbol.asyncIterator];
    if (typeof asyncIterator === "function") return asyncIterator.call(source);
    const syncIterator = source[Symbol.iterator];
    if (typeof syncIterator === "function") return syncIterator.call(source);
  }
  throw new InputError(
    [
      {
        path: "",
        code: "not_iterable",
        message: `${needs} needs an iterable or async iterable of tasks: an array, a generator or a stream of records`,
      },
    ],
    "batch",
  );
}

function toGuardError(error: unknown): GuardError {
  if (error instanceof GuardError) return error;
  return new GuardError(
    "EVALUATION_FAILED",
    `The task could not be evaluated: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

/**
 * Creates a guard for one practice: validates the policy, prepares the ruleset once
 * (phrase lists, parameters, messages, compiled conditions) and evaluates tasks.
 *
 * @param options - the practice policy, and optionally a ruleset and an engine
 * @returns the guard
 * @throws {InputError} when the practice policy is invalid (subject `practice`)
 * @example
 * const guard = createGuard({ practice });
 * (await guard.evaluate(task)).outcome // "reject"
 */
export function createGuard(options: GuardOptions): Guard {
  return typed("options", () => makeGuard(options));
}

function makeGuard(options: GuardOptions): Guard {
  checkOptions(options);
  const practice = parsePractice(options.practice);
  const ruleset = options.ruleset ?? defaultRuleset();
  const engine: EngineName = options.engine ?? "compiled";
  const prepared: PreparedRuleset = prepare(ruleset);
  const evaluator: Evaluator =
    engine === "compiled"
      ? createCompiledEvaluator(prepared.rules)
      : createReferenceEvaluator(prepared.rules);
  const letterDate = options.letterDate;

  async function run(input: unknown, withLetter: boolean): Promise<Verdict> {
    const task = parseTask(input);
    checkCategory(task, ruleset);
    const facts = deriveFacts(task, practice, prepared.lexicon);
    const fired = await evaluator.decide(facts);
    const verdict = assembleVerdict(prepared, task, practice, facts, fired);
    // Which letter is the rules' data (each rule's `letter`), never a rule id here.
    const kind = withLetter ? letterKindFor(verdict.findings, ruleset) : undefined;
    if (kind !== undefined) {
      verdict.letter = letterForVerdict({
        kind,
        practice,
        task,
        findings: verdict.findings,
        ruleset,
        facts,
        humanReview: verdict.humanReview,
        ...(letterDate !== undefined && { date: letterDate }),
      });
    }
    return verdict;
  }

  return {
    practice,
    ruleset,
    engine,
    warnings: Object.freeze(practiceWarnings(practice)),
    async evaluate(task) {
      try {
        return await run(task, true);
      } catch (error) {
        throw toGuardError(error);
      }
    },
    evaluateMany(tasks, batchOptions) {
      const withLetters = typed("batch", () => batchOptions?.letters === true);
      return answerEach(tasks, (task) => run(task, withLetters));
    },
  };
}

/**
 * One answer per task of a batch, in order: its verdict, or the error that stopped it. A
 * source that fails is a `BatchError` naming the index it reached.
 */
async function* answerEach(
  tasks: Iterable<unknown> | AsyncIterable<unknown>,
  evaluate: (task: unknown) => Promise<Verdict>,
): AsyncGenerator<VerdictOrError> {
  let index = 0;
  const iterator = typed("batch", () => batchIterator(tasks));
  let finished = false;
  try {
    while (true) {
      let done: boolean | undefined;
      let value: unknown;
      try {
        const next: unknown = await iterator.next();
        if (typeof next !== "object" || next === null) {
          throw new TypeError("the batch's iterator gave a result that is not an object");
        }
        ({ done, value } = next as IteratorResult<unknown>);
      } catch (error) {
        finished = true;
        throw new BatchError(index, error);
      }
      if (done) {
        finished = true;
        return;
      }
      let result: VerdictOrError;
      try {
        result = { ok: true, index, verdict: await evaluate(value) };
      } catch (error) {
        result = { ok: false, index, error: toGuardError(error) };
      }
      index++;
      yield result;
    }
  } finally {
    // The caller stopped early (break, return, a throw): let the source close its file.
    if (!finished) {
      try {
        await (iterator as Partial<AsyncIterator<unknown>>).return?.();
      } catch {
        // The source's own clean-up failed; the records answered stand.
      }
    }
  }
}

const letterDateSchema = isoDate("letterDate");

/** The issue with an `engine` option that names no engine, if it is one (path `engine`). */
export function engineIssue(engine: unknown): Issue | undefined {
  if (engine === undefined || engine === "compiled" || engine === "json-rules-engine") return;
  return {
    path: "engine",
    code: "invalid_value",
    message: 'engine must be "compiled" or "json-rules-engine"',
  };
}

/** Refuses options a guard cannot be made from, naming each bad one (subject `options`). */
function checkOptions(options: unknown): asserts options is GuardOptions {
  if (typeof options !== "object" || options === null) {
    throw new InputError(
      [
        {
          path: "",
          code: "invalid_type",
          message:
            "createGuard takes an options object: { practice, ruleset?, engine?, letterDate? }",
        },
      ],
      "options",
    );
  }
  const { ruleset, engine, letterDate } = options as Record<string, unknown>;
  const issues: Issue[] = [];
  if (ruleset !== undefined && !isBuiltRuleset(ruleset)) {
    issues.push({
      path: "ruleset",
      code: "invalid_type",
      message:
        "ruleset must come from defaultRuleset(), loadRuleset(dir) or buildRuleset(files); to change a rule or a parameter, change its file and load it again",
    });
  }
  const badEngine = engineIssue(engine);
  if (badEngine) issues.push(badEngine);
  if (letterDate !== undefined && !safeParse(letterDateSchema, letterDate).success) {
    issues.push({
      path: "letterDate",
      code: "invalid_format",
      message: "letterDate must be a date that exists, written YYYY-MM-DD",
    });
  }
  if (issues.length > 0) throw new InputError(issues, "options");
}

/**
 * Evaluates one task with a one-off guard. For many tasks, make one guard and reuse it.
 *
 * @throws {InputError} for a bad task or practice policy
 * @example (await evaluateTask(task, { practice })).findings[0]?.ruleId // "fit-note"
 */
export async function evaluateTask(task: TaskInputRaw, options: GuardOptions): Promise<Verdict> {
  return createGuard(options).evaluate(task);
}
