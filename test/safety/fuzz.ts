import fc from "fast-check";
import { expect } from "vitest";
import { mergeFragment } from "../../src/analysis/rule-tester.js";
import { type GuardError, isGuardError } from "../../src/errors/guard-error.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";

/**
 * Shared settings and generators of the safety suite. `npm test` runs every property with a
 * small, fixed number of runs and a fixed seed, so CI is quick and repeatable; `npm run fuzz`
 * (or `FUZZ_RUNS=n`) runs the same properties many more times. `FUZZ_SEED` changes the seed.
 */

const envRuns = Number(process.env.FUZZ_RUNS);
/** True under `npm run fuzz` or with FUZZ_RUNS set: the long run. */
export const longRun = Number.isFinite(envRuns) || process.env.npm_lifecycle_event === "fuzz";
const longRuns = Number.isFinite(envRuns) && envRuns > 0 ? envRuns : 50_000;
const seed = Number.isFinite(Number(process.env.FUZZ_SEED)) ? Number(process.env.FUZZ_SEED) : 7;

/**
 * fast-check parameters for one property.
 *
 * @param ciRuns - runs in `npm test`; the long run uses FUZZ_RUNS (default 50,000), scaled by `weight`
 * @param weight - the share of the long run's runs this property gets (slow properties take fewer)
 */
export function fuzz(ciRuns: number, weight = 1): { seed: number; numRuns: number } {
  return { seed, numRuns: longRun ? Math.max(ciRuns, Math.round(longRuns * weight)) : ciRuns };
}

export const ruleset = defaultRuleset();
/** The ruleset's example practice: takes external tasks, one unit "Example Surgery". */
export const practice = ruleset.examples.practice as Record<string, unknown>;
/** A compliant external task (information only, journal reference, unassigned). */
export const baseTask = ruleset.examples.task as Record<string, unknown>;
export const journal =
  "Please see my recent journal entry which contains actions (23/11/2026 10:05).";

/** The base task with a fragment merged on (`null` removes a field). */
export function task(fragment: Record<string, unknown> = {}): Record<string, unknown> {
  return mergeFragment(baseTask, fragment) as Record<string, unknown>;
}

/** The example practice with a fragment merged on. */
export function practiceWith(fragment: Record<string, unknown>): Record<string, unknown> {
  return mergeFragment(practice, fragment) as Record<string, unknown>;
}

/** The task's top-level fields: every InputError path about a task starts with one of them. */
export const taskFields = [
  "id",
  "sentAt",
  "sender",
  "recipient",
  "patient",
  "urgent",
  "dueBy",
  "category",
  "body",
];

/**
 * Runs a call that must end in a value or a `GuardError`: anything else (a TypeError, a
 * RangeError, or the guard's EVALUATION_FAILED wrapper around one) is rethrown, so the
 * property fails and fast-check shrinks the input.
 */
export async function settle<T>(
  call: () => T | Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: GuardError }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (!isGuardError(error)) throw error;
    // The guard's last-resort wrapper for an unexpected failure: a bug, not an answer.
    if (error.code === "EVALUATION_FAILED") throw error.cause ?? error;
    return { ok: false, error };
  }
}

/** Every issue of an error names a path (a string), a code and a message for a person. */
export function expectIssues(error: GuardError): { path: string; code: string }[] {
  const issues = (error as { issues?: unknown }).issues;
  expect(Array.isArray(issues) && issues.length > 0).toBe(true);
  const list = issues as { path: unknown; code: unknown; message: unknown }[];
  for (const issue of list) {
    expect(typeof issue.path).toBe("string");
    expect(typeof issue.code).toBe("string");
    expect(typeof issue.message === "string" && issue.message.length > 0).toBe(true);
  }
  return list as { path: string; code: string }[];
}

/** The names of Object.prototype's own properties, to check nothing was added to it. */
export function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

const keyNames = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"];

/** Keys that attack prototypes, mixed with ordinary ones. */
export const hostileKey = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...keyNames) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Strings that are hard to handle: huge, lone surrogates, right-to-left marks, NULs, emoji. */
export const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\ud800",
    "\udfff",
    "\u202e",
    "\ufeff",
    "😀",
    "SystemOne",
    "__proto__",
    "constructor",
    "{{practice.name}}",
    "<script>alert(1)</script>",
    "&amp;",
    "9999-12-31",
    "0000-01-01T00:00:00Z",
    "2026-02-29",
    "2028-02-29T23:59:60Z",
  ),
  fc.integer({ min: 200, max: 30_000 }).map((n) => "x".repeat(n)),
);

/**
 * JSON values whose objects may carry `__proto__`, `constructor` and `prototype` keys, as
 * JSON.parse makes them (own properties, not prototypes).
 */
export const hostileJson: fc.Arbitrary<unknown> = fc
  .letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer(),
      hostileString,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(hostileKey, tie("value"), { maxKeys: 4 }),
    ),
  }))
  .value.map((v) => JSON.parse(JSON.stringify(v) ?? "null") as unknown);

/** London dates around the 2026 and 2027 clock changes, leap days and year ends. */
export const edgeInstants = [
  "2026-03-28T23:30:00Z",
  "2026-03-29T00:59:59Z",
  "2026-03-29T01:00:00Z",
  "2026-03-29T23:00:00Z",
  "2026-05-31T23:30:00Z",
  "2026-10-24T23:00:00Z",
  "2026-10-25T00:30:00Z",
  "2026-10-25T01:30:00Z",
  "2026-11-30T23:30:00Z",
  "2026-12-31T23:59:59Z",
  "2027-03-28T00:30:00Z",
  "2027-03-28T23:00:00Z",
  "2027-10-30T23:30:00Z",
  "2027-10-31T01:30:00Z",
  "2028-02-28T23:59:59Z",
  "2028-02-29T12:00:00+01:00",
  "2026-12-01T00:30:00+01:00",
  "2026-11-30T19:00:00-05:00",
];

/** Body fragments that drive the rules: urgency, negation, timeframes, categories, journal references, dates. */
const bodyFragments = [
  "urgent",
  "URGENT",
  "not urgent",
  "non-urgent",
  "no action required",
  "asap",
  "safeguarding concern",
  "deteriorating",
  "please",
  "please could you",
  "within 7 days",
  "within 14 days",
  "within 15 days",
  "within 2 weeks",
  "in a fortnight",
  "within 48 hours",
  "within 10 working days",
  "within 3 months",
  "by tomorrow",
  "by Friday",
  "by the end of the week",
  "by 1 December",
  "by 29/02/2028",
  "before 31 March 2027",
  "seen 2 weeks ago",
  "fit note",
  "please issue a fit note",
  "prescription",
  "please prescribe",
  "refer to cardiology",
  "please refer",
  "please inform the patient of the results",
  "act on the results",
  "for your information",
  "FYI",
  "bloods",
  "blood pressure 150/90",
  "HbA1c 48",
  journal,
  "journal entry",
  "see journal",
  "23/11/2026",
  "10:05",
  "SystemOne",
  ".",
  ",",
  ";",
  "\n",
  "—",
  "(",
  ")",
  "’",
  "é",
  "😀",
];

/** A task body made of the fragments that matter to the rules, in any order, up to ~1 KB. */
export const ruleBody = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...bodyFragments) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(" "));

const senderKinds = [
  "nhs-provider",
  "independent-provider",
  "gp-practice",
  "pcn",
  "pharmacy",
  "social-care",
  "other",
] as const;

/** Valid tasks that vary every field the rules read. */
export const validTask: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 20 }),
    sentAt: fc.oneof(
      fc.constantFrom(...edgeInstants),
      fc
        .date({
          min: new Date("2025-01-01T00:00:00Z"),
          max: new Date("2028-12-31T23:59:59Z"),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
    ),
    unit: fc.constantFrom(
      "Humber Coast Community Nursing",
      "Example Surgery",
      "example  surgery",
      "Example Surgery Branch",
      "Hull Royal Infirmary Ward 7",
    ),
    kind: fc.constantFrom(...senderKinds),
    odsCode: fc.option(fc.constantFrom("RXX01", "RWA", "B99999", "rxx01"), { nil: undefined }),
    assignment: fc.constantFrom("unassigned", "user", "group"),
    urgent: fc.boolean(),
    dueBy: fc.option(
      fc.oneof(
        fc.constantFrom("2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31", "2028-02-29"),
        fc
          .date({
            min: new Date("2025-01-01T00:00:00Z"),
            max: new Date("2029-01-01T00:00:00Z"),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom("2026-11-30T23:30:00Z", "2026-12-01T00:30:00+01:00", "2026-12-01T09:00"),
      ),
      { nil: undefined },
    ),
    category: fc.option(fc.constantFrom(...ruleCategories()), { nil: undefined }),
    body: ruleBody,
  })
  .map((t) => {
    const out: Record<string, unknown> = {
      id: t.id,
      sentAt: t.sentAt,
      sender: {
        organisation: "Humber Coast NHS Foundation Trust",
        unit: t.unit,
        kind: t.kind,
        ...(t.odsCode !== undefined && { odsCode: t.odsCode }),
      },
      recipient: {
        unit: "Example Surgery",
        assignment: t.assignment,
        ...(t.assignment !== "unassigned" && { assignee: "Dr A Example" }),
      },
      patient: { nhsNumber: "943 476 5919" },
      urgent: t.urgent,
      body: t.body,
    };
    if (t.dueBy !== undefined) out.dueBy = t.dueBy;
    if (t.category !== undefined) out.category = t.category;
    return out;
  });

function ruleCategories(): string[] {
  return Object.keys(ruleset.categories);
}

/** Practices of each external-task policy, with decline dates around the clock changes. */
export const validPractice: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof(
    fc.constant({ policy: "accept" }),
    fc
      .constantFrom("2026-03-29", "2026-10-25", "2026-12-01", "2027-03-28", "2027-10-31")
      .map((from) => ({ policy: "decline", from })),
    fc.constant({
      policy: "agreed-providers",
      agreements: [{ odsCode: "RXX01", name: "Humber Coast", acknowledgedOn: "2026-01-01" }],
    }),
  )
  .map((externalTasks) => practiceWith({ externalTasks }));

/** A path into a JSON value: object keys and array indexes. */
export type JsonPath = (string | number)[];

/** Every path into a JSON value, the root (`[]`) first. */
export function jsonPaths(value: unknown, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      jsonPaths(item, [...prefix, i], out);
    });
  } else if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) {
      jsonPaths((value as Record<string, unknown>)[key], [...prefix, key], out);
    }
  }
  return out;
}

/** The marker for "remove this field" in a mutation. */
export const DELETE = Symbol("delete");

/**
 * A copy of `value` with the value at `path` replaced, or removed when `replacement` is
 * `DELETE`. Keys are defined as own properties, so `__proto__` stays an ordinary key, as
 * JSON.parse makes it.
 */
export function setAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement === DELETE ? undefined : replacement;
  const copy: Record<string | number, unknown> = Array.isArray(value)
    ? (value.slice() as unknown as Record<number, unknown>)
    : typeof value === "object" && value !== null
      ? { ...(value as Record<string, unknown>) }
      : {};
  const next = setAt(copy[head], rest, replacement);
  if (next === undefined && replacement === DELETE && rest.length === 0) {
    delete copy[head];
  } else {
    Object.defineProperty(copy, head, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** JSON.parse'd dotted form of a path, as `formatPath` writes it: `sender.kind`, `rules[2]`. */
export function dotted(path: JsonPath): string {
  let out = "";
  for (const key of path)
    out += typeof key === "number" ? `[${key}]` : out === "" ? key : `.${key}`;
  return out;
}

/**
 * Mutations of a JSON document: a path (the root included) and what goes there — a hostile
 * JSON value, a huge or odd string, or nothing (the field removed).
 */
export function mutationOf(
  document: unknown,
): fc.Arbitrary<{ path: JsonPath; replacement: unknown }> {
  const paths = jsonPaths(document);
  return fc.record({
    path: fc.constantFrom(...paths),
    replacement: fc.oneof(
      { weight: 3, arbitrary: hostileJson },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constant<unknown>(DELETE) },
    ),
  });
}

/**
 * The bundled rule files with the safety list cut to its first 300 phrases, for tests that build
 * many rulesets. A build compiles every phrase, and with the whole list (over 11,000 phrases)
 * each build takes a third of a second, a quarter of that with the list cut. Validation and
 * matching read every list alike, so what is refused, and what a hostile list costs, is the
 * same; tests of the bundled rules as shipped build `defaultRulesetFiles` whole.
 */
export const cutRulesetFiles: Record<string, unknown> = (() => {
  const bundled = defaultRulesetFiles as Record<string, unknown>;
  const main = bundled["ruleset.json"] as { phrases: { safety: unknown[] } };
  return {
    ...bundled,
    "ruleset.json": setAt(main, ["phrases", "safety"], main.phrases.safety.slice(0, 300)),
  };
})();
