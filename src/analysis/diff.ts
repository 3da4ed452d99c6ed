import type { Outcome, Verdict } from "../engine/types.js";
import { typed, unreadable } from "../errors/unreadable.js";
import { assertBuiltRuleset } from "../rules/build.js";
import { canonicalJson } from "../rules/canonical-json.js";
import type { Ruleset } from "../rules/schema.js";
import { formatCount, formatPercent, printable, shortHash, textTable } from "./format.js";

/** A task's state under one ruleset: its outcome, or `error` when it could not be evaluated. */
export type DiffState = Outcome | "error";
const states: readonly DiffState[] = ["accept", "remind", "reject", "error"];

/** What changed between two rulesets' files, for a person reading the diff. */
export interface RulesetChange {
  /** Where: `parameters.immediateWithinDays`, `rules/fit-note.json conditions`, `contract.clauses.SC11.3`. */
  path: string;
  kind: "added" | "removed" | "changed";
  /** Before and after, for scalar parameters. */
  before?: unknown;
  after?: unknown;
}

/** The effect of a ruleset change on a corpus. */
export interface RulesetDiff {
  base: { name: string; version: string; hash: string };
  candidate: { name: string; version: string; hash: string };
  /** What differs in the rulesets themselves. */
  changes: RulesetChange[];
  /** Tasks compared. */
  total: number;
  /** Tasks whose outcome changed. */
  outcomeChanged: number;
  /** Tasks whose outcome stayed but whose fired rules changed. */
  findingsChanged: number;
  /** before → after → tasks, over accept, remind, reject and error. */
  matrix: Record<DiffState, Record<DiffState, number>>;
  /** Per rule: tasks it fired on before and after; rules of either ruleset, candidate order first. */
  rules: {
    ruleId: string;
    title: string;
    before: number;
    after: number;
    status: "same" | "added" | "removed" | "changed";
  }[];
  /** Each outcome transition with sample task ids. */
  transitions: { from: DiffState; to: DiffState; count: number; samples: string[] }[];
  /** Per rule, tasks it newly fires on and no longer fires on, with samples. */
  ruleChanges: {
    ruleId: string;
    gained: number;
    lost: number;
    gainedSamples: string[];
    lostSamples: string[];
  }[];
}

function compareRecords(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  path: string,
  changes: RulesetChange[],
  scalars: boolean,
): void {
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) changes.push({ path: `${path}.${key}`, kind: "removed" });
  }
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) {
      changes.push({
        path: `${path}.${key}`,
        kind: "added",
        ...(scalars && { after: after[key] }),
      });
    } else if (canonicalJson(before[key]) !== canonicalJson(after[key])) {
      changes.push({
        path: `${path}.${key}`,
        kind: "changed",
        ...(scalars && { before: before[key], after: after[key] }),
      });
    }
  }
}

/**
 * Lists what differs between two rulesets: parameters (with their values), rules added,
 * removed or changed (and which parts of each rule), contract clauses, categories, phrase lists.
 *
 * @param base - the ruleset in use
 * @param candidate - the proposed one
 * @returns the changes, in the order: ruleset fields, parameters, rules, clauses, categories, phrases
 * @example compareRulesets(base, candidate) // [{ path: "parameters.immediateWithinDays", kind: "changed", before: 14, after: 21 }]
 */
export function compareRulesets(base: Ruleset, candidate: Ruleset): RulesetChange[] {
  const changes: RulesetChange[] = [];
  for (const key of ["name", "version"] as const) {
    if (base[key] !== candidate[key])
      changes.push({ path: key, kind: "changed", before: base[key], after: candidate[key] });
  }
  compareRecords(base.parameters, candidate.parameters, "parameters", changes, true);
  const baseRules = new Map(base.rules.map((r) => [r.id, r]));
  const candidateRules = new Map(candidate.rules.map((r) => [r.id, r]));
  const toggled = (id: string, before: boolean) =>
    changes.push({ path: `rules/${id}.json enabled`, kind: "changed", before, after: !before });
  for (const id of baseRules.keys()) {
    if (candidateRules.has(id)) continue;
    if (candidate.disabled.includes(id)) toggled(id, true);
    else changes.push({ path: `rules/${id}.json`, kind: "removed" });
  }
  for (const [id, rule] of candidateRules) {
    const old = baseRules.get(id);
    if (old === undefined) {
      if (base.disabled.includes(id)) toggled(id, false);
      else changes.push({ path: `rules/${id}.json`, kind: "added" });
      continue;
    }
    const parts = (Object.keys({ ...old, ...rule }) as (keyof typeof rule)[]).filter(
      (key) => canonicalJson(old[key]) !== canonicalJson(rule[key]),
    );
    if (parts.length > 0)
      changes.push({ path: `rules/${id}.json ${parts.join(", ")}`, kind: "changed" });
  }
  if (
    canonicalJson(base.rules.map((r) => r.id)) !==
      canonicalJson(candidate.rules.map((r) => r.id)) &&
    base.rules.length === candidate.rules.length
  ) {
    changes.push({ path: "rules (order)", kind: "changed" });
  }
  if (base.contract.edition !== candidate.contract.edition) {
    changes.push({
      path: "contract.edition",
      kind: "changed",
      before: base.contract.edition,
      after: candidate.contract.edition,
    });
  }
  compareRecords(
    base.contract.clauses,
    candidate.contract.clauses,
    "contract.clauses",
    changes,
    false,
  );
  compareRecords(base.categories, candidate.categories, "categories", changes, false);
  compareRecords(base.phrases, candidate.phrases, "phrases", changes, false);
  if (canonicalJson(base.examples) !== canonicalJson(candidate.examples))
    changes.push({ path: "examples", kind: "changed" });
  return changes;
}

/** One task's result under a ruleset: a verdict, or the code of the error that stopped it. */
export type DiffResult = Verdict | { error: string };

function stateOf(result: DiffResult): DiffState {
  return "error" in result ? "error" : result.outcome;
}

function firedOf(result: DiffResult): Set<string> {
  return "error" in result ? new Set() : new Set(result.findings.map((f) => f.ruleId));
}

/**
 * Compares the verdicts of a corpus under two rulesets one task at a time, so a corpus of any
 * size can stream through; `result()` gives the transition matrix, per-rule fire counts and
 * sample task ids for each change.
 *
 * @example
 * const diff = new VerdictDiff(base, candidate);
 * diff.add("T1", await baseGuard.evaluate(task), await candidateGuard.evaluate(task));
 * diff.result().matrix.remind.reject // 1
 */
export class VerdictDiff {
  readonly #base: Ruleset;
  readonly #candidate: Ruleset;
  readonly #samples: number;
  readonly #matrix: Record<DiffState, Record<DiffState, number>>;
  readonly #samplesByTransition = new Map<string, string[]>();
  readonly #before = new Map<string, number>();
  readonly #after = new Map<string, number>();
  readonly #gained = new Map<string, { count: number; samples: string[] }>();
  readonly #lost = new Map<string, { count: number; samples: string[] }>();
  #total = 0;
  #outcomeChanged = 0;
  #findingsChanged = 0;

  /**
   * @param base - the ruleset in use
   * @param candidate - the proposed ruleset
   * @param options - `samples`: task ids kept per change (default 5)
   */
  constructor(base: Ruleset, candidate: Ruleset, options: { samples?: number } = {}) {
    assertBuiltRuleset(base, "base", "ruleset");
    assertBuiltRuleset(candidate, "candidate", "ruleset");
    this.#base = base;
    this.#candidate = candidate;
    this.#samples = typed("options", () => options?.samples) ?? 5;
    const row = () => ({ accept: 0, remind: 0, reject: 0, error: 0 });
    this.#matrix = { accept: row(), remind: row(), reject: row(), error: row() };
  }

  /** Adds one task: its id and its result under the base and the candidate ruleset. */
  add(taskId: string, before: DiffResult, after: DiffResult): void {
    // Everything is read before anything is counted: a result that cannot be read adds nothing.
    const { from, to, firedBefore, firedAfter } = typed("diff-result", () => ({
      from: stateOf(before),
      to: stateOf(after),
      firedBefore: firedOf(before),
      firedAfter: firedOf(after),
    }));
    if (!states.includes(from) || !states.includes(to)) throw unreadable("diff-result");
    this.#total++;
    this.#matrix[from][to]++;
    for (const id of firedBefore) this.#before.set(id, (this.#before.get(id) ?? 0) + 1);
    for (const id of firedAfter) this.#after.set(id, (this.#after.get(id) ?? 0) + 1);
    if (from !== to) {
      this.#outcomeChanged++;
      const key = `${from}>${to}`;
      const samples = this.#samplesByTransition.get(key) ?? [];
      if (samples.length < this.#samples) samples.push(taskId);
      this.#samplesByTransition.set(key, samples);
    }
    let findingsChanged = false;
    const note = (map: Map<string, { count: number; samples: string[] }>, id: string) => {
      findingsChanged = true;
      const entry = map.get(id) ?? { count: 0, samples: [] };
      entry.count++;
      if (entry.samples.length < this.#samples) entry.samples.push(taskId);
      map.set(id, entry);
    };
    for (const id of firedAfter) if (!firedBefore.has(id)) note(this.#gained, id);
    for (const id of firedBefore) if (!firedAfter.has(id)) note(this.#lost, id);
    if (findingsChanged && from === to) this.#findingsChanged++;
  }

  /** The comparison of everything added so far. */
  result(): RulesetDiff {
    const changes = compareRulesets(this.#base, this.#candidate);
    const candidateIds = new Set(this.#candidate.rules.map((r) => r.id));
    // The candidate's rules in its order, then the ones it removed.
    const order = [
      ...this.#candidate.rules.map((r) => r.id),
      ...this.#base.rules.map((r) => r.id).filter((id) => !candidateIds.has(id)),
    ];
    const identity = (r: Ruleset) => ({ name: r.name, version: r.version, hash: r.hash });
    return {
      base: identity(this.#base),
      candidate: identity(this.#candidate),
      changes,
      total: this.#total,
      outcomeChanged: this.#outcomeChanged,
      findingsChanged: this.#findingsChanged,
      matrix: structuredClone(this.#matrix),
      rules: this.#ruleCounts(order, changes),
      transitions: this.#transitions(),
      ruleChanges: this.#ruleChanges(order),
    };
  }

  /** Each rule's fire counts before and after, and whether the change added, removed or edited it. */
  #ruleCounts(order: string[], changes: RulesetChange[]): RulesetDiff["rules"] {
    const changedRules = new Set(
      changes
        .filter((c) => c.kind === "changed" && c.path.startsWith("rules/"))
        .map((c) => c.path.slice(6).split(".json")[0]),
    );
    const baseIds = new Set(this.#base.rules.map((r) => r.id));
    const candidateIds = new Set(this.#candidate.rules.map((r) => r.id));
    const titles = new Map(
      [...this.#base.rules, ...this.#candidate.rules].map((r) => [r.id, r.title]),
    );
    return order.map((ruleId) => ({
      ruleId,
      title: titles.get(ruleId) ?? ruleId,
      before: this.#before.get(ruleId) ?? 0,
      after: this.#after.get(ruleId) ?? 0,
      status: !baseIds.has(ruleId)
        ? ("added" as const)
        : !candidateIds.has(ruleId)
          ? ("removed" as const)
          : changedRules.has(ruleId)
            ? ("changed" as const)
            : ("same" as const),
    }));
  }

  /** The outcome transitions that happened, the most frequent first, with sample task ids. */
  #transitions(): RulesetDiff["transitions"] {
    const transitions: RulesetDiff["transitions"] = [];
    for (const from of states) {
      for (const to of states) {
        const count = this.#matrix[from][to];
        if (from !== to && count > 0)
          transitions.push({
            from,
            to,
            count,
            samples: this.#samplesByTransition.get(`${from}>${to}`) ?? [],
          });
      }
    }
    return transitions.sort((a, b) => b.count - a.count);
  }

  /** The rules that fired on tasks they did not fire on before, or stopped firing. */
  #ruleChanges(order: string[]): RulesetDiff["ruleChanges"] {
    return order
      .map((ruleId) => {
        const gained = this.#gained.get(ruleId);
        const lost = this.#lost.get(ruleId);
        return {
          ruleId,
          gained: gained?.count ?? 0,
          lost: lost?.count ?? 0,
          gainedSamples: gained?.samples ?? [],
          lostSamples: lost?.samples ?? [],
        };
      })
      .filter((r) => r.gained > 0 || r.lost > 0);
  }
}

/** Whether any task's verdict (outcome or fired rules) differs between the rulesets. */
export function diffHasChanges(diff: RulesetDiff): boolean {
  return typed("diff", () => diffHasChangesOf(diff));
}

function diffHasChangesOf(diff: RulesetDiff): boolean {
  return diff.outcomeChanged > 0 || diff.findingsChanged > 0;
}

/** One change in the rules, as a line: `parameters.immediateWithinDays: 14 → 7`. */
export function describeChange(change: RulesetChange): string {
  if (change.before !== undefined || change.after !== undefined) {
    const show = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(v));
    return `${change.path}: ${show(change.before)} → ${show(change.after)}`;
  }
  return `${change.path} ${change.kind}`;
}

/** A ruleset as a reader tells it apart: `humberside-lmcs-tasking 1.0.0 (4eee9d80)`. */
export function rulesetLabel(r: { name: string; version: string; hash: string }): string {
  return `${r.name} ${r.version} (${shortHash(r.hash)})`;
}

/** The states the matrix shows: `error` only when some task could not be evaluated. */
export function matrixStates(diff: RulesetDiff): DiffState[] {
  const hasErrors = states.some((s) => diff.matrix.error[s] > 0 || diff.matrix[s].error > 0);
  return hasErrors ? [...states] : ["accept", "remind", "reject"];
}

/** A change in a count with its sign: `+3`, `−2`, `0`. */
export function signed(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : n < 0 ? `−${formatCount(-n)}` : "0";
}

/**
 * The diff as plain text: what changed in the rules, the outcome transition matrix, per-rule
 * fire counts before and after, and sample task ids for each change.
 *
 * @example renderDiffText(diff).split("\n")[0] // "Ruleset diff: humberside-lmcs-tasking 1.0.0 (4eee9d80) → …"
 */
export function renderDiffText(diff: RulesetDiff): string {
  return typed("diff", () => renderDiffTextOf(diff));
}

function renderDiffTextOf(diff: RulesetDiff): string {
  const out: string[] = [
    `Ruleset diff: ${rulesetLabel(diff.base)} → ${rulesetLabel(diff.candidate)}`,
    "",
  ];
  out.push("Changes in the rules");
  if (diff.changes.length === 0) out.push("  none: the rulesets have the same content");
  for (const change of diff.changes) out.push(`  ${describeChange(change)}`);
  out.push("");
  out.push(
    `Corpus: ${formatCount(diff.total)} tasks; outcome changed on ${formatCount(diff.outcomeChanged)} (${formatPercent(diff.outcomeChanged, diff.total)}), findings changed with the same outcome on ${formatCount(diff.findingsChanged)}`,
    "",
  );
  const shown = matrixStates(diff);
  out.push("Outcome before (rows) → after (columns)");
  out.push(
    textTable(
      ["before \\ after", ...shown],
      shown.map((from) => [from, ...shown.map((to) => diff.matrix[from][to])]),
      2,
    ),
  );
  out.push("Tasks each rule fired on");
  out.push(
    textTable(
      ["rule", "before", "after", "change", "rule file"],
      diff.rules.map((r) => [r.ruleId, r.before, r.after, signed(r.after - r.before), r.status]),
      2,
    ),
  );
  if (diff.transitions.length > 0) {
    out.push("Sample tasks per outcome change");
    for (const t of diff.transitions)
      out.push(`  ${t.from} → ${t.to} (${formatCount(t.count)}): ${t.samples.join(", ")}`);
    out.push("");
  }
  if (diff.ruleChanges.length > 0) {
    out.push("Sample tasks per rule change");
    for (const r of diff.ruleChanges) {
      if (r.gained > 0)
        out.push(
          `  ${r.ruleId} now fires (${formatCount(r.gained)}): ${r.gainedSamples.join(", ")}`,
        );
      if (r.lost > 0)
        out.push(
          `  ${r.ruleId} no longer fires (${formatCount(r.lost)}): ${r.lostSamples.join(", ")}`,
        );
    }
    out.push("");
  }
  // Sample ids come from task data: nothing in them may drive the terminal.
  return out.join("\n").split("\n").map(printable).join("\n");
}

/**
 * The diff as JSON.
 *
 * @example JSON.parse(renderDiffJson(diff)).matrix.remind.reject // 12
 */
export function renderDiffJson(diff: RulesetDiff): string {
  return typed("diff", () => renderDiffJsonOf(diff));
}

function renderDiffJsonOf(diff: RulesetDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
