/**
 * Scoring a labelled evaluation set: each task's verdict against what a careful reader of the
 * guidance said it should be (issue 10, item 7). The measure of how well the rules and phrase
 * lists read real task text, so an analyst sees what a change does to accuracy, not only to
 * counts. Counts are the usual information-retrieval ones, per rule and per category (one vs
 * rest), with precision, recall and F1.
 */
import type { EngineName } from "../engine/evaluator.js";
import { batchIterator, createGuard, type Guard } from "../engine/guard.js";
import type { Verdict } from "../engine/types.js";
import { BatchError } from "../errors/batch-error.js";
import type { Issue } from "../errors/guard-error.js";
import { isInputError } from "../errors/input-error.js";
import { typed, typedAsync } from "../errors/unreadable.js";
import { safeParse, toIssues } from "../input/common.js";
import { labelledTaskSchema } from "../input/labelled.js";
import type { PracticePolicyInput } from "../input/practice.js";
import { assertBuiltRuleset } from "../rules/build.js";
import { defaultRuleset } from "../rules/default.js";
import type { Ruleset } from "../rules/schema.js";

/** True positives, false positives and false negatives of one label. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Precision, recall and F1 of one label (a rule, a category, human review), fractions 0–1,
 * with the counts they come from. `support` is the number of expected positives (tp + fn).
 */
export interface Metric extends Counts {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** What a verdict says, or should say, in the terms the labels use. */
export interface Expectation {
  category: string;
  /** Rule ids, sorted. */
  rules: string[];
  humanReview: boolean;
}

/** Where a record is: its file (when the scorer was told) and line (or position, from 1). */
export interface RecordPlace {
  file?: string;
  line: number;
}

/** A task whose verdict differs from its labels in its rules, human review or category. */
export interface ScoreMiss extends RecordPlace {
  id: string;
  voice?: string;
  /** What differs. */
  differs: ("rules" | "humanReview" | "category")[];
  expected: Expectation;
  got: Expectation;
  /** Expected rules that did not fire, and rules that fired unexpected. */
  missing: string[];
  extra: string[];
  /** The task's text, so the reader sees why (labelled sets are synthetic). */
  body: string;
}

/** A record that could not be scored: where, a code, and the fields at fault (never their values). */
export interface ScoreRecordError extends RecordPlace {
  code: string;
  paths: string[];
}

/** The score of a labelled set. Fractions are 0–1; see {@link metricOf} for 0/0. */
export interface Score {
  /** Tasks scored. */
  tasks: number;
  /** Records read: `tasks + errors.length`. */
  records: number;
  ruleset: { name: string; version: string; hash: string };
  engine: EngineName;
  /** Tasks whose fired rules are exactly the expected ones and whose human review matches. */
  exact: { count: number; fraction: number };
  humanReview: Metric;
  /** Every rule id seen in the labels or the findings: ruleset order, then others by name. */
  rules: Record<string, Metric>;
  /** Every category seen, expected against `verdict.category.value`, one vs rest. */
  categories: Record<string, Metric>;
  /** Expected category → category the verdict gave → tasks. */
  confusion: Record<string, Record<string, number>>;
  misses: ScoreMiss[];
  errors: ScoreRecordError[];
  /** Labels that name no rule (enabled or disabled) or category of the ruleset: typos, or another ruleset's. */
  unknown: { rules: string[]; categories: string[] };
}

/** Options of {@link scoreLabelled}. */
export interface ScoreOptions {
  /** Default: the bundled ruleset. */
  ruleset?: Ruleset;
  /** The practice of records that carry none. Default: the ruleset's example practice. */
  practice?: unknown;
  engine?: EngineName;
}

/**
 * Precision, recall and F1 from counts. When nothing was expected and nothing found, a
 * fraction is 0/0: precision and recall are then 1 (nothing was missed, nothing was wrong),
 * and F1 is 0 only when both are 0.
 *
 * @param counts - true positives, false positives, false negatives
 * @returns the metric, with the counts and `support` (tp + fn)
 * @example metricOf({ tp: 3, fp: 1, fn: 2 }) // { precision: 0.75, recall: 0.6, f1: 0.666…, support: 5, … }
 * @example metricOf({ tp: 0, fp: 0, fn: 0 }).precision // 1
 */
export function metricOf(counts: Counts): Metric {
  return typed("counts", () => metricOfOf(counts));
}

function metricOfOf(counts: Counts): Metric {
  const { tp, fp, fn } = counts;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn, tp, fp, fn };
}

function tally(map: Map<string, Counts>, key: string, field: keyof Counts): void {
  const counts = map.get(key) ?? { tp: 0, fp: 0, fn: 0 };
  counts[field]++;
  map.set(key, counts);
}

/** Expected and got label sets of one task as counts: each label a tp, fp or fn. */
function countSets(map: Map<string, Counts>, expected: Set<string>, got: Set<string>): void {
  for (const id of expected) tally(map, id, got.has(id) ? "tp" : "fn");
  for (const id of got) if (!expected.has(id)) tally(map, id, "fp");
}

function ordered(
  map: ReadonlyMap<string, Counts>,
  order: readonly string[],
): Record<string, Metric> {
  const rank = new Map(order.map((id, i) => [id, i]));
  const keys = [...map.keys()].sort(
    (a, b) => (rank.get(a) ?? order.length) - (rank.get(b) ?? order.length) || a.localeCompare(b),
  );
  return Object.fromEntries(keys.map((k) => [k, metricOf(map.get(k) ?? { tp: 0, fp: 0, fn: 0 })]));
}

/** The paths of issues, within the record: `task.sentAt`, `expect.rules[0]`. */
function prefixed(prefix: string, issues: readonly Issue[]): string[] {
  const within = (path: string) => [prefix, path].filter((p) => p !== "").join(".");
  return [...new Set(issues.map((i) => within(i.path) || "(record)"))];
}

function bodyOf(task: unknown): string {
  const body = (task as { body?: unknown }).body;
  return typeof body === "string" ? body : "";
}

async function verdictOf(guard: Guard, task: unknown): Promise<Verdict | { error: Issue[] }> {
  for await (const result of guard.evaluateMany([task])) {
    if (result.ok) return result.verdict;
    if (isInputError(result.error)) return { error: result.error.issues };
    throw result.error;
  }
  throw new Error("evaluateMany gave no result for one task");
}

/** More practices than this in one set and the guards made for them are made again as needed. */
const maxGuards = 32;

/**
 * Scores labelled records one at a time, keeping counts only (and the misses). The CLI feeds
 * it records with their file and line; {@link scoreLabelled} numbers them by position.
 */
export class LabelledScorer {
  readonly #ruleset: Ruleset;
  readonly #engine: EngineName;
  readonly #guard: Guard;
  readonly #guards = new Map<string, Guard>();
  readonly #rules = new Map<string, Counts>();
  readonly #categories = new Map<string, Counts>();
  readonly #confusion = new Map<string, Map<string, number>>();
  readonly #review: Counts = { tp: 0, fp: 0, fn: 0 };
  readonly #misses: ScoreMiss[] = [];
  readonly #errors: ScoreRecordError[] = [];
  #tasks = 0;
  #exact = 0;

  /** @throws {InputError} when `options.practice` is not a valid practice policy */
  constructor(options: ScoreOptions = {}) {
    // A copy taken once: options that cannot be read (a revoked proxy, a getter that throws) are an InputError.
    const read: ScoreOptions = typed("options", () => ({ ...options }));
    if (read.ruleset !== undefined) assertBuiltRuleset(read.ruleset, "ruleset", "options");
    this.#ruleset = read.ruleset ?? defaultRuleset();
    this.#engine = read.engine ?? "compiled";
    this.#guard = this.#makeGuard(read.practice ?? this.#ruleset.examples.practice);
  }

  #makeGuard(practice: unknown): Guard {
    return createGuard({
      practice: practice as PracticePolicyInput,
      ruleset: this.#ruleset,
      engine: this.#engine,
    });
  }

  #guardFor(practice: unknown): Guard | { error: Issue[] } {
    if (practice === undefined) return this.#guard;
    const key = JSON.stringify(practice);
    const known = this.#guards.get(key);
    if (known) return known;
    try {
      const guard = this.#makeGuard(practice);
      if (this.#guards.size >= maxGuards) this.#guards.clear();
      this.#guards.set(key, guard);
      return guard;
    } catch (error) {
      if (isInputError(error)) return { error: error.issues };
      throw error;
    }
  }

  /** Counts a record that could not be read (bad JSON): where, and a code. */
  addError(place: RecordPlace, code: string, paths: readonly string[] = []): void {
    const at = typed("place", () => ({
      line: place.line,
      ...(place.file !== undefined && { file: place.file }),
    }));
    this.#errors.push({ ...at, code, paths: [...paths] });
  }

  /**
   * Scores one record: evaluates its task for its practice and counts the verdict against its
   * labels, or counts it as an error naming the fields at fault.
   */
  async add(value: unknown, place: RecordPlace): Promise<void> {
    let parsed: ReturnType<typeof safeParse<typeof labelledTaskSchema>>;
    try {
      parsed = safeParse(labelledTaskSchema, value);
    } catch {
      // A record that cannot be read at all (a revoked proxy, a getter that throws) is counted, not lost.
      this.addError(place, "unreadable_record");
      return;
    }
    if (!parsed.success) {
      this.addError(place, "invalid_record", prefixed("", toIssues(parsed.error)));
      return;
    }
    const record = parsed.data;
    const guard = this.#guardFor(record.practice);
    if ("error" in guard) {
      this.addError(place, "invalid_practice", prefixed("practice", guard.error));
      return;
    }
    const verdict = await verdictOf(guard, record.task);
    if ("error" in verdict) {
      this.addError(place, "invalid_task", prefixed("task", verdict.error));
      return;
    }
    this.#count(record, verdict, place);
  }

  #count(
    record: { id: string; voice?: string | undefined; task: unknown; expect: Expectation },
    verdict: Verdict,
    place: RecordPlace,
  ): void {
    const expected = new Set(record.expect.rules);
    const got = new Set(verdict.findings.map((f) => f.ruleId));
    countSets(this.#rules, expected, got);
    const category = { expected: record.expect.category, got: verdict.category.value };
    countSets(this.#categories, new Set([category.expected]), new Set([category.got]));
    const row = this.#confusion.get(category.expected) ?? new Map<string, number>();
    row.set(category.got, (row.get(category.got) ?? 0) + 1);
    this.#confusion.set(category.expected, row);
    const review = { expected: record.expect.humanReview, got: verdict.humanReview };
    if (review.expected || review.got)
      this.#review[review.expected ? (review.got ? "tp" : "fn") : "fp"]++;

    this.#tasks++;
    const missing = [...expected].filter((id) => !got.has(id)).sort();
    const extra = [...got].filter((id) => !expected.has(id)).sort();
    const differs: ScoreMiss["differs"] = [
      ...(missing.length + extra.length > 0 ? (["rules"] as const) : []),
      ...(review.expected !== review.got ? (["humanReview"] as const) : []),
      ...(category.expected !== category.got ? (["category"] as const) : []),
    ];
    if (!differs.includes("rules") && !differs.includes("humanReview")) this.#exact++;
    if (differs.length === 0) return;
    this.#misses.push({
      ...place,
      id: record.id,
      ...(record.voice !== undefined && { voice: record.voice }),
      differs,
      expected: { ...record.expect, rules: [...expected].sort() },
      got: { category: category.got, rules: [...got].sort(), humanReview: review.got },
      missing,
      extra,
      body: bodyOf(record.task),
    });
  }

  /** The score of the records added so far. */
  result(): Score {
    const ruleIds = [...this.#ruleset.rules.map((r) => r.id), ...this.#ruleset.disabled];
    const categoryIds = Object.keys(this.#ruleset.categories);
    const rules = ordered(this.#rules, ruleIds);
    const categories = ordered(this.#categories, categoryIds);
    const { name, version, hash } = this.#ruleset;
    return {
      tasks: this.#tasks,
      records: this.#tasks + this.#errors.length,
      ruleset: { name, version, hash },
      engine: this.#engine,
      exact: {
        count: this.#exact,
        fraction: this.#tasks === 0 ? 1 : this.#exact / this.#tasks,
      },
      humanReview: metricOf(this.#review),
      rules,
      categories,
      confusion: Object.fromEntries(
        Object.keys(categories)
          .filter((c) => this.#confusion.has(c))
          .map((c) => [c, Object.fromEntries(this.#confusion.get(c) ?? [])]),
      ),
      misses: [...this.#misses],
      errors: [...this.#errors],
      unknown: {
        rules: Object.keys(rules).filter((id) => !ruleIds.includes(id)),
        categories: Object.keys(categories).filter((c) => !categoryIds.includes(c)),
      },
    };
  }
}

/**
 * Scores a labelled evaluation set: evaluates each record's task (for the record's own
 * `practice`, else `options.practice`, else the ruleset's example practice) and compares the
 * verdict with the record's labels: per rule and per category precision, recall, F1 and
 * support, human review's precision and recall, a confusion matrix of categories, the tasks
 * that match exactly, and every miss with its text. A record that is not a valid labelled
 * record, or whose task or practice is invalid, is counted in `errors` with its position
 * (from 1) and the paths of the fields at fault, never their values: records in = `tasks` +
 * `errors.length`. Precision and recall are 1 when nothing was expected and nothing found
 * (0/0), so a rule that neither fires nor is expected scores 1, not 0.
 *
 * @param records - parsed labelled records, `{ id, voice?, task, expect: { category, rules, humanReview }, practice?, note? }`
 * @param options - the ruleset, the default practice and the engine
 * @returns the score; fractions 0–1
 * @throws {InputError} when `options.practice` is not a valid practice policy
 * @example
 * const score = await scoreLabelled(lines.map((l) => JSON.parse(l)));
 * score.humanReview.recall // 1
 * score.rules["fit-note"] // { precision: 1, recall: 0.95, f1: 0.974…, support: 20, tp: 19, fp: 0, fn: 1 }
 */
export async function scoreLabelled(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: ScoreOptions = {},
): Promise<Score> {
  return typedAsync("records", () => scoreLabelledOf(records, options));
}

async function scoreLabelledOf(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: ScoreOptions = {},
): Promise<Score> {
  const scorer = new LabelledScorer(options);
  let line = 0;
  const iterator = typed("records", () => batchIterator(records, "scoreLabelled"));
  while (true) {
    let next: IteratorResult<unknown>;
    try {
      next = await iterator.next();
      if (typeof next !== "object" || next === null)
        throw new TypeError("the records' iterator gave a result that is not an object");
    } catch (error) {
      // Every record read so far was scored: the batch error says how many.
      throw new BatchError(line, error);
    }
    if (next.done) return scorer.result();
    await scorer.add(next.value, { line: ++line });
  }
}

/** Thresholds of {@link scoreGate}, fractions 0–1. */
export interface ScoreGate {
  /** Every rule with support must have F1 at least this. */
  minF1?: number;
  /** Human review's recall must be at least this. */
  minReviewRecall?: number;
}

/**
 * What a score falls short of: each rule with support whose F1 is below `minF1`, human
 * review's recall below `minReviewRecall`, and a set with no task scored (a gate that passes
 * on nothing would pass on anything).
 *
 * @param score - from {@link scoreLabelled}
 * @param gate - the thresholds
 * @returns one sentence per failure; empty when the score passes
 * @example scoreGate(score, { minF1: 0.9 }) // ["rule immediate-action: F1 0.857 is below 0.9"]
 */
export function scoreGate(score: Score, gate: ScoreGate): string[] {
  return typed("score", () => scoreGateOf(score, gate));
}

function scoreGateOf(score: Score, gate: ScoreGate): string[] {
  if (gate.minF1 === undefined && gate.minReviewRecall === undefined) return [];
  const failures: string[] = [];
  if (score.tasks === 0) failures.push("no task was scored");
  const { minF1, minReviewRecall } = gate;
  if (minF1 !== undefined) {
    for (const [id, m] of Object.entries(score.rules)) {
      if (m.support > 0 && m.f1 < minF1)
        failures.push(`rule ${id}: F1 ${m.f1.toFixed(4)} is below ${minF1}`);
    }
  }
  if (minReviewRecall !== undefined && score.humanReview.recall < minReviewRecall) {
    failures.push(
      `human review: recall ${score.humanReview.recall.toFixed(4)} is below ${minReviewRecall} (${score.humanReview.fn} missed)`,
    );
  }
  return failures;
}
