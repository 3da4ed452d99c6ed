import { z } from "zod";

/** A ruleset's main file name. */
export const RULESET_FILE = "ruleset.json";

/** Rule ids, category ids and parameter names: lower-case words joined by hyphens (camelCase for parameters). */
const slug = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, {
  error: "must be lower-case words joined by hyphens, e.g. fit-note",
});
const paramName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, {
  error: "must be a camelCase name, e.g. immediateWithinDays",
});

const primitive = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A condition's `value`: a JSON literal, or `{ "param": "name" }` naming a ruleset parameter. */
export const conditionValueSchema = z.union([
  primitive,
  z.array(primitive),
  z.strictObject({ param: paramName }),
]);

/** One comparison of a fact with a value, in json-rules-engine's form (no `path`: JSONPath is not allowed). */
export const factConditionSchema = z.strictObject({
  fact: z.string().min(1, { error: "fact must name a fact" }),
  operator: z.string().min(1, { error: "operator must name an operator" }),
  value: conditionValueSchema,
  priority: z.number().int().positive().optional(),
  name: z.string().optional(),
});

export type ConditionValue = z.infer<typeof conditionValueSchema>;
export type FactCondition = z.infer<typeof factConditionSchema>;
export type Condition =
  | FactCondition
  | { all: Condition[]; priority?: number; name?: string }
  | { any: Condition[]; priority?: number; name?: string }
  | { not: Condition; priority?: number; name?: string };

const nested: z.ZodType<Condition> = z.lazy(() => conditionSchema);
const decoration = {
  priority: z.number().int().positive().optional(),
  name: z.string().optional(),
};

/** A json-rules-engine condition: `all`, `any`, `not` over fact conditions. */
export const conditionSchema: z.ZodType<Condition> = z.union([
  z.strictObject({ all: z.array(nested), ...decoration }),
  z.strictObject({ any: z.array(nested), ...decoration }),
  z.strictObject({ not: nested, ...decoration }),
  factConditionSchema,
]);

/** A rule's top level must be `all`, `any` or `not` (json-rules-engine's requirement). */
export const topLevelConditionSchema = z.union(
  [
    z.strictObject({ all: z.array(nested), ...decoration }),
    z.strictObject({ any: z.array(nested), ...decoration }),
    z.strictObject({ not: nested, ...decoration }),
  ],
  { error: 'conditions must be an object with "all", "any" or "not" at the top' },
);

/** A rule example: a task fragment merged onto the ruleset's example task, and optionally a practice fragment. */
export const exampleSchema = z.strictObject({
  description: z.string().optional(),
  task: z.record(z.string(), z.unknown()),
  practice: z.record(z.string(), z.unknown()).optional(),
  /** When given, exactly these rules must fire on the example (ESLint RuleTester's `errors`). */
  expect: z.array(slug).optional(),
});
export type RuleExample = z.infer<typeof exampleSchema>;

/** The JSON form of one rule file, `rules/<id>.json`. */
export const ruleSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  title: z.string().min(1),
  severity: z.enum(["reject", "remind", "info"]),
  /** `false` keeps the rule in the ruleset's files but out of what runs (and out of the hash). */
  enabled: z.boolean().optional(),
  /** When true, a task on which this rule fires must be read by a person (sets `verdict.humanReview`). */
  humanReview: z.boolean().optional(),
  guidance: z.strictObject({ section: z.string().min(1), quote: z.string().min(1) }),
  contract: z.array(z.string().min(1)),
  conditions: topLevelConditionSchema,
  message: z.string().min(1),
  /**
   * The letter a finding of this rule leads to: the verdict's letter is the one its first
   * finding (reject, then remind, then info) leads to. Default: `rejection` for a reject rule,
   * `reminder` for a remind rule, `none` for an info rule.
   */
  letter: z
    .enum(["rejection", "reminder", "opt-out-notice", "none"], {
      error: "letter must be one of rejection, reminder, opt-out-notice, none",
    })
    .optional(),
  /**
   * The words the sender reads in a letter: a heading and a reason, written to the sender and
   * templated like `message` from `task.*`, `practice.*`, `facts.*`, `parameters.*` and
   * `words.*` (the sender's own words that the facts were read from). Absent: letters print
   * the analyst's `message`, without a heading.
   */
  sender: z
    .strictObject({
      heading: z.string().min(1),
      reason: z.string().min(1),
      /**
       * The reason is the letter's whole message, printed as a paragraph in place of the list
       * of reasons (the guidance's suggested text for a declined task).
       */
      standalone: z.boolean().optional(),
    })
    .optional(),
  examples: z.strictObject({
    fires: z.array(exampleSchema).min(1, { error: "a rule needs at least one example that fires" }),
    passes: z
      .array(exampleSchema)
      .min(1, { error: "a rule needs at least one example that passes" }),
  }),
});
export type RuleFile = z.infer<typeof ruleSchema>;

/** A phrase to find in a task body: words (a trailing `*` matches any word ending), or `allOf` phrases within one sentence or the next. */
export const phraseSchema = z.union([
  z.string().min(1),
  z.strictObject({ allOf: z.array(z.string().min(1)).min(2) }),
]);
export type Phrase = z.infer<typeof phraseSchema>;

const parameterValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.array(z.number()),
]);

/** The JSON form of `rules/ruleset.json`. */
export const rulesetSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: "version must be semver, e.g. 1.0.0" }),
  description: z.string().optional(),
  guidance: z
    .strictObject({ title: z.string(), publisher: z.string(), date: z.string() })
    .optional(),
  /** Rule ids in evaluation order: `<id>.json` must exist for each. */
  rules: z.array(slug).min(1),
  parameters: z.record(paramName, parameterValue),
  contract: z.strictObject({
    edition: z.string().min(1),
    note: z.string().optional(),
    clauses: z.record(
      z.string().regex(/^[A-Z]+[0-9][0-9.]*$/, { error: "clause ids look like SC12.1.3" }),
      z.strictObject({
        clause: z.string().min(1),
        title: z.string().min(1),
        summary: z.string().min(1),
      }),
    ),
  }),
  /** Categories in inference order: the first whose phrase matches the body wins. */
  categories: z.record(
    slug,
    z.strictObject({
      label: z.string().min(1),
      requestsAction: z.boolean(),
      /** The sender's ask: for a category that requests action, read only where it is a request. */
      phrases: z.array(phraseSchema),
      /** When given, one of these must appear in the task too ("discharge" for discharge medicines). */
      context: z.array(phraseSchema).optional(),
      /** Categories that, once read, rule this one out (a discharge prescription is not also a clinic one). */
      notWith: z.array(slug).optional(),
      /** The category an inferred ask becomes when the sender is not a Standard Contract kind. */
      otherSenders: slug.optional(),
    }),
  ),
  /** How words are read before phrases are matched: shorthand and spelling. */
  reading: z
    .strictObject({
      /** A word (or "d/c"-style compound) and what it reads as; an object for a reading with exceptions. */
      shorthand: z.record(
        z.string().min(1),
        z.union([
          z.string().min(1),
          z.strictObject({
            reads: z.string().min(1),
            /** Not after these words ("OD" after a dose is once daily, not an overdose). */
            notAfter: z.array(z.string().min(1)).optional(),
            /** Not after a number or a number with its unit ("20mg OD" is once daily). */
            notAfterDose: z.boolean().optional(),
          }),
        ]),
      ),
      /** Misspellings of words that decide a rule, and their correct form. */
      spelling: z.record(z.string().min(1), z.string().min(1)),
      /** Real words the edit-distance correction must leave alone ("deferred" is not "referred"). */
      spellingExceptions: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** Word groups a phrase may name in braces: "repeat {test}" is one phrase per member of `test`. */
  wordGroups: z.record(slug, z.array(z.string().min(1)).min(1)).optional(),
  /** Results stated in the text that need a person to read them now. */
  criticalResults: z
    .array(
      z.strictObject({
        label: z.string().min(1),
        analyte: z.array(z.string().min(1)).min(1),
        atLeast: z.number().optional(),
        below: z.number().optional(),
      }),
    )
    .optional(),
  /** England and Wales bank holidays, for working days. */
  calendar: z
    .strictObject({
      bankHolidays: z.strictObject({
        region: z.string().min(1),
        source: z.string().min(1),
        dates: z.array(
          z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dates look like 2026-12-25" }),
        ),
      }),
    })
    .optional(),
  phrases: z.strictObject({
    urgent: z.array(phraseSchema),
    negators: z.array(z.string().min(1)),
    /** Words that end a negator's reach: "not eating and urgent review" is urgent. */
    negationStops: z.array(z.string().min(1)).optional(),
    /**
     * For the urgent and safety lists (they decide human review): the only words a negator
     * reaches across ("no longer urgent", "not an urgent request"); any other word ends its
     * reach, so "not coping urgent review" is urgent. Absent: the negation window alone.
     */
    reviewNegationFillers: z.array(z.string().min(1)).optional(),
    safety: z.array(phraseSchema),
    journal: z.array(phraseSchema),
    action: z.array(phraseSchema),
    clinical: z.array(phraseSchema),
    /** Words that open a request when they start a clause ("refer to ENT", "chase the CT"). */
    imperatives: z.array(z.string().min(1)).optional(),
    /** Negation after the term: "fit note not needed", "DVT ruled out". */
    negatedAfter: z.array(phraseSchema).optional(),
    /** Phrases holding a negator that do not negate: "no change in", "not only". */
    pseudoNegations: z.array(phraseSchema).optional(),
    /** Hypothetical and conditional: "if", "should he", "in case"; reach to the sentence's end. */
    hypothetical: z.array(phraseSchema).optional(),
    /** Already done, before the term: "has been", "we have", "already". */
    done: z.array(phraseSchema).optional(),
    /** Already done, after the term: "issued", "supplied", "arranged". */
    doneAfter: z.array(phraseSchema).optional(),
    /** Service names that hold trigger words: "Urgent Treatment Centre", "A&E". */
    services: z.array(phraseSchema).optional(),
  }),
  examples: z.strictObject({
    task: z.record(z.string(), z.unknown()),
    practice: z.record(z.string(), z.unknown()),
  }),
});
export type RulesetFile = z.infer<typeof rulesetSchema>;

/** One rule of a loaded ruleset (an enabled one: disabled rules are not in `rules`). */
export type Rule = Omit<RuleFile, "$schema" | "enabled">;

/** A loaded, validated ruleset: plain data, deep-frozen. Same `hash`, same verdicts. */
export interface Ruleset extends Omit<RulesetFile, "$schema" | "rules"> {
  /** SHA-256 of the ruleset's content (ruleset.json and every rule, canonical JSON). */
  readonly hash: string;
  readonly rules: readonly Rule[];
  /** Ids of rules whose file says `"enabled": false`: checked when loaded, never run. */
  readonly disabled: readonly string[];
}
