import * as z from "zod/mini";
import { nonEmpty } from "../input/common.js";

/** A ruleset's main file name. */
export const RULESET_FILE = "ruleset.json";

/** Rule ids, category ids and parameter names: lower-case words joined by hyphens (camelCase for parameters). */
const slug = z.string().check(
  z.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, {
    error: "must be lower-case words joined by hyphens, e.g. fit-note",
  }),
);
const paramName = z.string().check(
  z.regex(/^[a-z][A-Za-z0-9]*$/, {
    error: "must be a camelCase name, e.g. immediateWithinDays",
  }),
);

const primitive = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A condition's `value`: a JSON literal, or `{ "param": "name" }` naming a ruleset parameter. */
export const conditionValueSchema = z.union([
  primitive,
  z.array(primitive),
  z.strictObject({ param: paramName }),
]);

/** One comparison of a fact with a value, in json-rules-engine's form (no `path`: JSONPath is not allowed). */
export const factConditionSchema = z.strictObject({
  fact: z.string().check(z.minLength(1, { error: "fact must name a fact" })),
  operator: z.string().check(z.minLength(1, { error: "operator must name an operator" })),
  value: conditionValueSchema,
  priority: z.optional(z.number().check(z.int(), z.positive())),
  name: z.optional(z.string()),
});

export type ConditionValue = z.infer<typeof conditionValueSchema>;
export type FactCondition = z.infer<typeof factConditionSchema>;
/**
 * A rule's conditions, in json-rules-engine's format: a fact compared with a value by an
 * operator (`{ fact, operator, value }`), or `all`, `any` or `not` of nested conditions.
 * Facts, operators and parameters (`{ "param": "immediateWithinDays" }`) are checked when the
 * ruleset loads.
 *
 * @example const condition: Condition = { all: [{ fact: "external", operator: "equal", value: true }] };
 */
export type Condition =
  | FactCondition
  | { all: Condition[]; priority?: number; name?: string }
  | { any: Condition[]; priority?: number; name?: string }
  | { not: Condition; priority?: number; name?: string };

const nested: z.ZodMiniType<Condition> = z.lazy(() => conditionSchema);
const decoration = {
  priority: z.optional(z.number().check(z.int(), z.positive())),
  name: z.optional(z.string()),
};

/** A json-rules-engine condition: `all`, `any`, `not` over fact conditions. */
export const conditionSchema: z.ZodMiniType<Condition> = z.union([
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
  description: z.optional(z.string()),
  task: z.record(z.string(), z.unknown()),
  practice: z.optional(z.record(z.string(), z.unknown())),
  /** When given, exactly these rules must fire on the example (ESLint RuleTester's `errors`). */
  expect: z.optional(z.array(slug)),
});
/**
 * One example of a rule file: a task (and optionally a practice) on which the rule must fire
 * (`examples.fires`) or must not (`examples.passes`), with what it shows; `gp-task-guard
 * test` runs every one.
 *
 * @example rule.examples.fires[0]?.description // "a due date 14 days after sending is immediate"
 */
export type RuleExample = z.infer<typeof exampleSchema>;

/** The JSON form of one rule file, `rules/<id>.json`. */
export const ruleSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: slug,
  title: nonEmpty(),
  severity: z.enum(["reject", "remind", "info"]),
  /** `false` keeps the rule in the ruleset's files but out of what runs (and out of the hash). */
  enabled: z.optional(z.boolean()),
  /** When true, a task on which this rule fires must be read by a person (sets `verdict.humanReview`). */
  humanReview: z.optional(z.boolean()),
  guidance: z.strictObject({ section: nonEmpty(), quote: nonEmpty() }),
  contract: z.array(nonEmpty()),
  conditions: topLevelConditionSchema,
  message: nonEmpty(),
  /**
   * The letter a finding of this rule leads to: the verdict's letter is the one its first
   * finding (reject, then remind, then info) leads to. Default: `rejection` for a reject rule,
   * `reminder` for a remind rule, `none` for an info rule.
   */
  letter: z.optional(
    z.enum(["rejection", "reminder", "opt-out-notice", "none"], {
      error: "letter must be one of rejection, reminder, opt-out-notice, none",
    }),
  ),
  /**
   * The words the sender reads in a letter: a heading and a reason, written to the sender and
   * templated like `message` from `task.*`, `practice.*`, `facts.*`, `parameters.*` and
   * `words.*` (the sender's own words that the facts were read from). Absent: letters print
   * the analyst's `message`, without a heading.
   */
  sender: z.optional(
    z.strictObject({
      heading: nonEmpty(),
      reason: nonEmpty(),
      /**
       * The reason is the letter's whole message, printed as a paragraph in place of the list
       * of reasons (the guidance's suggested text for a declined task).
       */
      standalone: z.optional(z.boolean()),
    }),
  ),
  examples: z.strictObject({
    fires: z
      .array(exampleSchema)
      .check(z.minLength(1, { error: "a rule needs at least one example that fires" })),
    passes: z
      .array(exampleSchema)
      .check(z.minLength(1, { error: "a rule needs at least one example that passes" })),
  }),
});
/**
 * A rule file, `rules/<id>.json`, as {@link ruleSchema} reads it: id, title, severity,
 * conditions, guidance quote, contract clause ids, message, words to the sender, the letter it
 * leads to, `enabled`, and examples that must fire and must not.
 *
 * @example const rule: RuleFile = ruleSchema.parse(JSON.parse(text));
 */
export type RuleFile = z.infer<typeof ruleSchema>;

/**
 * A phrase to find in a task body: words, matched by their stems ("referred" is "refer"); a
 * trailing `*` matches any word ending, `_` any one word, `{name}` each word of a word group,
 * and a leading `=` the word as read, not its stem (`=bloods` is not the "blood" of "blood
 * pressure"). Or `allOf` phrases within one sentence or the next.
 */
export const phraseSchema = z.union([
  nonEmpty(),
  z.strictObject({ allOf: z.array(nonEmpty()).check(z.minLength(2)) }),
]);
export type Phrase = z.infer<typeof phraseSchema>;

const parameterValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.array(z.number()),
]);

/** A timeframe phrase: lower-case words, digits and apostrophes ("2day"), `[word]` for an optional word. */
const timeframePhrase = z.string().check(
  z.regex(/^(\[?[a-z0-9'][a-z0-9'/]*\]?)( \[?[a-z0-9'][a-z0-9'/]*\]?)*$/, {
    error:
      'timeframe phrases are lower-case words apart by single spaces (a word may hold "/": "w/c"), [word] optional',
  }),
);
/** A lead before a bare period: lower-case words, which may hold "/", "-" or "&" ("r/v", "re-check"). */
const periodLead = z.string().check(
  z.regex(/^[a-z0-9'&/-]+( [a-z0-9'&/-]+)*$/, {
    error: "period leads are lower-case words apart by single spaces (a word may hold / - &)",
  }),
);
const timeframeUnit = z.enum(["working-days", "days", "weeks", "fortnights", "months", "hours"]);

/** The JSON form of `rules/ruleset.json`. */
export const rulesetSchema = z.strictObject({
  $schema: z.optional(z.string()),
  name: nonEmpty(),
  version: z
    .string()
    .check(
      z.regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: "version must be semver, e.g. 1.0.0" }),
    ),
  description: z.optional(z.string()),
  guidance: z.optional(
    z.strictObject({ title: z.string(), publisher: z.string(), date: z.string() }),
  ),
  /** Rule ids in evaluation order: `<id>.json` must exist for each. */
  rules: z.array(slug).check(z.minLength(1)),
  parameters: z.record(paramName, parameterValue),
  contract: z.strictObject({
    edition: nonEmpty(),
    note: z.optional(z.string()),
    clauses: z.record(
      z.string().check(z.regex(/^[A-Z]+[0-9][0-9.]*$/, { error: "clause ids look like SC12.1.3" })),
      z.strictObject({
        clause: nonEmpty(),
        title: nonEmpty(),
        summary: nonEmpty(),
      }),
    ),
  }),
  /** Categories in inference order: the first whose phrase matches the body wins. */
  categories: z
    .record(
      slug,
      z.strictObject({
        label: nonEmpty(),
        requestsAction: z.boolean(),
        /** The sender's ask: for a category that requests action, read only where it is a request. */
        phrases: z.array(phraseSchema),
        /** When given, one of these must appear in the task too ("discharge" for discharge medicines). */
        context: z.optional(z.array(phraseSchema)),
        /**
         * Context read in the sender's organisation, unit, team and role ("TIA Clinic", "Ward
         * 110"), when the body names none that rules this category out.
         */
        senderContext: z.optional(z.array(phraseSchema)),
        /** Categories that, when also read, rule this one out (a discharge prescription is not also a clinic one). */
        notWith: z.optional(z.array(slug)),
        /**
         * Words that, anywhere in the task and not negated, rule this category out: a result of
         * a test "requested by your practice" is the practice's to act on, not the sender's.
         */
        notWhen: z.optional(z.array(phraseSchema)),
        /**
         * Words of the thing asked for ("script", "record", "review"), read only when a task
         * asks something and none of the categories' phrases names it: the ask is then read as
         * the first category, in order, with one of these words where the task asks, else
         * anywhere in it, not negated.
         */
        askWords: z.optional(z.array(nonEmpty())),
        /** The category an inferred ask becomes when the sender is not a Standard Contract kind. */
        otherSenders: z.optional(slug),
        /**
         * Services whose ask of this category is read as `otherSenders` too, though their kind
         * is a Standard Contract one: a laboratory ("Blood Sciences") runs tests that others
         * order, so a repeat it asks for is of the practice's own test. Read in the sender's
         * organisation, unit, team and role; `unless` words there or in the body ("clinic",
         * "ward", "our") name the sender's own service after all.
         */
        otherSenderServices: z.optional(
          z.strictObject({
            services: z.array(phraseSchema),
            unless: z.optional(z.array(phraseSchema)),
          }),
        ),
        /**
         * A task whose text names no category and asks nothing is read as this one ("Baby
         * feeding well, no concerns" is information). At most one category, and one that
         * requests no action; without it such a task is "other".
         */
        whenNothingAsked: z.optional(z.literal(true)),
        /**
         * An ask of this category still counts under a condition ("if not fit to return after
         * this, pls extend"): the condition is whether the thing is needed, not whether to ask.
         */
        asksUnderCondition: z.optional(z.literal(true)),
      }),
    )
    .check(
      z.superRefine((categories, ctx) => {
        let chosen: string | undefined;
        for (const [id, c] of Object.entries(categories)) {
          if (c.otherSenderServices !== undefined && c.otherSenders === undefined)
            ctx.issues.push({
              code: "custom",
              input: c.otherSenderServices,
              path: [id, "otherSenderServices"],
              message:
                "services read as other senders need `otherSenders`, the category they read as",
            });
          if (c.whenNothingAsked !== true) continue;
          if (!c.requestsAction && chosen === undefined) {
            chosen = id;
            continue;
          }
          ctx.issues.push({
            code: "custom",
            input: c.whenNothingAsked,
            path: [id, "whenNothingAsked"],
            message: c.requestsAction
              ? "a category read when nothing is asked cannot request action"
              : `only one category is read when nothing is asked: "${chosen}" already is`,
          });
        }
      }),
    ),
  /** How words are read before phrases are matched: shorthand and spelling. */
  reading: z.optional(
    z.strictObject({
      /** A word (or "d/c"-style compound) and what it reads as; an object for a reading with exceptions. */
      shorthand: z.record(
        nonEmpty(),
        z.union([
          nonEmpty(),
          z.strictObject({
            reads: nonEmpty(),
            /** Not after these words ("OD" after a dose is once daily, not an overdose). */
            notAfter: z.optional(z.array(nonEmpty())),
            /** Not after a number or a number with its unit ("20mg OD" is once daily). */
            notAfterDose: z.optional(z.boolean()),
          }),
        ]),
      ),
      /** Misspellings of words that decide a rule, and their correct form. */
      spelling: z.record(nonEmpty(), nonEmpty()),
      /** Real words the edit-distance correction must leave alone ("deferred" is not "referred"). */
      spellingExceptions: z.optional(z.array(nonEmpty())),
      /**
       * How a result's value is read after its analyte (`criticalResults`): the only words that
       * may come between them (`links`: "K+ came back at 6.9"), and the words before
       * (`countBefore`: "in 2", "every 4") and after (`countAfter`: "2 weeks", "4 hourly") a
       * number that make it a count, a period or a frequency, not a result.
       */
      results: z.optional(
        z.strictObject({
          links: z.array(nonEmpty()),
          countBefore: z.array(nonEmpty()),
          countAfter: z.array(nonEmpty()),
          /**
           * Units of a dose: a number straight before one ends the search for a value, unless a
           * "/" follows the unit ("dose reduced to 62.5mcg" is no value; "CRP 210mg/L" is).
           */
          doseUnits: z.optional(z.array(nonEmpty())),
          /** How many words after the analyte its value may come (absent: 5). */
          withinWords: z.optional(z.number().check(z.int(), z.gte(1), z.lte(12))),
          /**
           * How many other words may also come between them, in the same sentence, when a link
           * word stands straight before the value ("INR from the anticoag clinic came back
           * 9.4"); absent: none.
           */
          skipWords: z.optional(z.number().check(z.int(), z.gte(0), z.lte(6))),
          /**
           * Words that restate an earlier value of the same analyte ("Na 126 on d/c (was 119 on
           * admission)"): a value straight after one is read too, within the same words.
           */
          earlierValue: z.optional(z.array(nonEmpty())),
          /**
           * Words a few words after a value that make it an earlier one ("eGFR 18 on recheck,
           * 44 a fortnight ago"), read as `earlierValue` is.
           */
          earlierValueAfter: z.optional(z.array(nonEmpty())),
          /** How many words after a value `earlierValueAfter` may stand (absent: 3). */
          earlierValueAfterWords: z.optional(z.number().check(z.int(), z.gte(1), z.lte(6))),
          /**
           * Words before a later value after an earlier one ("creatinine from 90 to 310", "eGFR
           * 61 (Aug) now 18"): the value straight after one is read as today's, the one before
           * as the earlier.
           */
          laterValue: z.optional(z.array(nonEmpty())),
          /**
           * Numbers written as words, read as values ("INR eight point six", "sodium one
           * hundred and twelve"): each word's value (units, teens and tens), the words for a
           * decimal point, for a hundred, and those that may join a hundred to what follows.
           * Only two words or more make a value: "INR two" alone is read as written.
           */
          spelledNumbers: z.optional(
            z.strictObject({
              words: z.record(nonEmpty(), z.number().check(z.int(), z.gte(0), z.lte(90))),
              point: z.optional(z.array(nonEmpty())),
              hundred: z.optional(z.array(nonEmpty())),
              joiners: z.optional(z.array(nonEmpty())),
            }),
          ),
        }),
      ),
      /**
       * How many sentences in a row the parts of a category's `allOf` phrase may stand in ("K+
       * 6.8 on clinic bloods today. Tried to call, no answer. Please contact him" is three);
       * absent: 2, as for every other list's `allOf` phrases.
       */
      askPartsSentences: z.optional(z.number().check(z.int(), z.gte(1), z.lte(5))),
      /**
       * Words in quotation marks are someone's own words, and a person reads them: a
       * disclosure, a threat, an explanation that does not fit ("said \"daddy hurt mummy\"").
       * A quotation of `minWords` to `maxWords` words counts, unless a `phrases.quotedMessages`
       * entry stands before it in its sentence; absent: quotation marks are read past.
       */
      quotedWords: z.optional(
        z
          .strictObject({
            minWords: z.number().check(z.int(), z.gte(1), z.lte(20)),
            maxWords: z.number().check(z.int(), z.gte(1), z.lte(200)),
          })
          .check(
            z.superRefine((limits, ctx) => {
              if (limits.minWords <= limits.maxWords) return;
              ctx.issues.push({
                code: "custom",
                input: limits.maxWords,
                path: ["maxWords"],
                message: `maxWords must be at least minWords (${limits.minWords})`,
              });
            }),
          ),
      ),
      /**
       * Punctuation spoken into dictation software and typed out as words ("seen in clinic full
       * stop please prescribe"): each one or two words, and whether they end a sentence or a
       * clause. They are read as the mark, never as words.
       */
      spokenPunctuation: z.optional(
        z.record(
          z.string().check(
            z.regex(/^[a-z]+( [a-z]+)?$/, {
              error: "spoken punctuation is one or two lower-case words",
            }),
          ),
          z.enum(["sentence", "clause"]),
        ),
      ),
      /** Units written against a number, read as two words: "500mg" is "500 mg", "6.8mmol/L" "6.8 mmol". */
      units: z.optional(
        z.array(z.string().check(z.regex(/^[a-z]+$/, { error: "a unit is lower-case letters" }))),
      ),
    }),
  ),
  /** Word groups a phrase may name in braces: "repeat {test}" is one phrase per member of `test`. */
  wordGroups: z.optional(z.record(slug, z.array(nonEmpty()).check(z.minLength(1)))),
  /** Results stated in the text that need a person to read them now. */
  criticalResults: z.optional(
    z.array(
      z.strictObject({
        label: nonEmpty(),
        analyte: z.array(nonEmpty()).check(z.minLength(1)),
        atLeast: z.optional(z.number()),
        below: z.optional(z.number()),
        /**
         * A value against an earlier one stated after it ("creat 210 (baseline 80)", "eGFR 38,
         * was 62"): critical when the value is at least this many times the earlier one...
         */
        timesEarlierAtLeast: z.optional(z.number().check(z.positive())),
        /** ...or at most this many times it (0.67: a fall of a third or more). */
        timesEarlierAtMost: z.optional(z.number().check(z.positive())),
        /**
         * Words one of which must stand in the task too, not negated, for the limits to apply:
         * a blood pressure of 140 is critical in pregnancy ("34/40, BP 148/96") and not else.
         */
        whenAlso: z.optional(z.array(phraseSchema).check(z.minLength(1))),
        /**
         * A score's maximum: written after the name as a fraction of it ("SAD PERSONS 8/10",
         * "qSOFA 2/3"), the value is the score, not a day and month.
         */
        outOf: z.optional(z.int().check(z.positive())),
        /**
         * Units one of which must be written straight after the value for it to count: a drug's
         * level ("digoxin 3.8 ug/L") and not its dose ("digoxin 125 micrograms"). Lower case, as
         * written, spaces ignored: "ug/l", "mg/l".
         */
        unitsAfter: z.optional(
          z
            .array(
              z
                .string()
                .check(
                  z.regex(/^[^\sA-Z]+$/, { error: "a unit is written in lower case, no spaces" }),
                ),
            )
            .check(z.minLength(1)),
        ),
      }),
    ),
  ),
  /** England and Wales bank holidays, for working days. */
  calendar: z.optional(
    z.strictObject({
      bankHolidays: z.strictObject({
        region: nonEmpty(),
        source: nonEmpty(),
        dates: z.array(
          z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dates look like 2026-12-25" })),
        ),
      }),
    }),
  ),
  /**
   * The words timeframes are written in, read by `findTimeframe` around its grammar ("within
   * the next N <unit>", "by <weekday>", "by <date>"). A phrase's words are literal; `[the]` is
   * an optional word. Absent: the bundled ruleset's.
   */
  timeframes: z.optional(
    z.strictObject({
      /** Numbers written as words: "two", "a couple of". */
      numbers: z.record(timeframePhrase, z.number().check(z.int(), z.gte(1), z.lte(999))),
      /** Units, singular (a plural "s" is read too), and what each counts. */
      units: z.record(timeframePhrase, timeframeUnit),
      /** Clinical shorthand denominators: "2/52" is two weeks. */
      shorthand: z.record(z.string().check(z.regex(/^\d{1,2}$/)), timeframeUnit),
      /**
       * Other spellings of the words the time-frame grammar writes itself, each read as that
       * word: "nxt week" is "next week".
       */
      spellings: z.optional(z.record(timeframePhrase, timeframePhrase)),
      /** Words after a duration that make it past, not a due date: "2 weeks ago". */
      notAfter: z.array(timeframePhrase),
      /**
       * Units of a measured change that make the duration after them a rate, not a due date:
       * "weight up 3kg in 5 days", "lost 2 stone in 3/12".
       */
      rateAfter: z.optional(z.array(timeframePhrase)),
      /**
       * Words straight before "in" or "within" that make the duration after them how long
       * something took, not a due date: "was in 5 days with pneumonia", "resolved within 18 hrs".
       */
      tookBefore: z.optional(z.array(timeframePhrase)),
      /**
       * Words that may stand between a duration's lead and its number ("in about 10 days",
       * "within approx 2/52"), and between a word for running out and a weekday ("will last till
       * about Sunday").
       */
      approximate: z.optional(z.array(timeframePhrase)),
      /** The weekdays, Monday first. */
      weekdays: z.array(timeframePhrase).check(z.length(7)),
      /**
       * Short weekday names and the day each is (1 Monday … 7 Sunday): "by Fri", "on Weds".
       * Read after a lead word ("by", "on", "this", "next"); a full name is read alone too, and
       * so are the short names in `weekdayShortAlone`.
       */
      weekdayShort: z.optional(
        z.record(timeframePhrase, z.number().check(z.int(), z.gte(1), z.lte(7))),
      ),
      /**
       * The names of `weekdayShort` read alone too, in a clause that asks, as a full name is
       * ("bloods tues"): those that spell no English word ("sat", "sun" and "wed" do).
       */
      weekdayShortAlone: z.optional(z.array(timeframePhrase)),
      /**
       * Words straight before a weekday's name that put the day in the past, so it is no due
       * date: "visited last Thursday", "unwell since Monday".
       */
      pastDayLeads: z.optional(z.array(timeframePhrase)),
      /** After "by", "before" or "for": today's date ("by end of day", "by cob", "for tonight"). */
      endOfDay: z.array(timeframePhrase),
      /** After "by", "before", "for" or "until": tomorrow. */
      tomorrow: z.array(timeframePhrase),
      /** Before a written date: "by", "no later than", "due [by]". */
      deadline: z.array(timeframePhrase),
      /** Alone, in a clause that asks: today ("same day", "this afternoon"). */
      bareToday: z.array(timeframePhrase),
      /**
       * Words straight before a bare "today" that make it the day something happened, not
       * when the ask is due: "as per clinic today", "bloods taken today", "for 2/52 from today".
       */
      bareTodayNotAfter: z.optional(z.array(timeframePhrase)),
      /**
       * Words before one of `bareTodayNotAfter` or `bareTodayAfterReference` that make it an
       * ask again: "can a prescription be sent today", "should have started today", "needs to
       * be seen today".
       */
      bareTodayAskAfter: z.optional(z.array(timeframePhrase)),
      /**
       * Words up to five words before a bare "today" that make it the day of an event referred
       * to, not when the ask is due: "as per our clinic plan today", "as agreed at continence
       * clinic today", "seen cardio OPD today".
       */
      bareTodayAfterReference: z.optional(z.array(timeframePhrase)),
      /** Alone, in a clause that asks: tomorrow ("tomoz"). */
      bareTomorrow: z.array(timeframePhrase),
      /** "in the next <few> days": three days. */
      fewDays: z.array(timeframePhrase),
      /**
       * Before a written date, in a clause that asks: the date of an event the practice's
       * action is for ("remove sutures on 26/10", "runs out 11/12"). Read
       * only when the date is on or after the day the task was sent.
       */
      eventDate: z.optional(z.array(timeframePhrase)),
      /**
       * Words before an event named a few words on, whose date follows: "before", "for" in
       * "before our panel 22/10". Read with `eventNouns`; either absent: none.
       */
      eventLeads: z.optional(z.array(timeframePhrase)),
      /** The events of `eventLeads`: "panel", "surgery", "conference". */
      eventNouns: z.optional(z.array(timeframePhrase)),
      /**
       * Words that may not come between an `eventLeads` word and its event: a start or an end
       * ("from", "until" in "for 4 weeks from discharge date 27/01"). Absent: none.
       */
      eventNotBetween: z.optional(z.array(timeframePhrase)),
      /**
       * Before a written date, in a clause that asks: the day the asked-for thing must start
       * ("prescribe from 9/11", "starting 21/12"). Read only when the date is after the day
       * the task was sent: a start on that day itself is no deadline ("fit note from today").
       */
      startDate: z.optional(z.array(timeframePhrase)),
      /**
       * A word that names a written date as a deadline one to three words on ("due her B12
       * 2/01", "INR due for pt 30/10"), or a day's word of `bareToday` ("due her dose
       * tonight"), in any clause of a task that asks; never "due to", and a date only when it
       * is on or after the day the task was sent. The word straight before a date is
       * `deadline`'s. Absent: neither is read.
       */
      dueAhead: z.optional(z.array(timeframePhrase)),
      /**
       * Before a written date: the day something runs out ("runs out 11/12", "expires on
       * 1/12"), read in any task that asks, when the date is still to come.
       */
      expiry: z.optional(z.array(timeframePhrase)),
      /**
       * Before a bare clinical period, a few words back, in a clause that asks: the action
       * the period is due in ("repeat U&E 2/52", "r/v 1/52"). Absent: a period needs "in" or
       * "within" before it to be a due date.
       */
      periodAfter: z.optional(z.array(periodLead)),
      /**
       * Before a day's number, in a clause that asks: the day after an operation or discharge
       * that something is due ("remove clips day 10"), read as that many days from sending.
       */
      dayNumber: z.optional(z.array(timeframePhrase)),
      /**
       * Words after a range of day numbers that make it days after an operation or discharge
       * ("clips day 10-12 post op"), and after a count of days ("sutures out 10-14 days post
       * op", "5 days after the change"): due by its nearer end, counted from sending, in a
       * clause that asks. Absent: neither is read.
       */
      dayRangeAfter: z.optional(z.array(timeframePhrase)),
      /**
       * Words straight before a count that make it how long, not by when: "x 2/52", "for 7
       * days", "every 2 days", "the last 5 days". Absent: none, so such a count may read as a due
       * date.
       */
      durationLeads: z.optional(z.array(timeframePhrase)),
      /**
       * Words straight after a bare day that tell it as past: "her INR from Tuesday was 2.4",
       * "bloods today were normal". Absent: none.
       */
      pastAfter: z.optional(z.array(timeframePhrase)),
      /**
       * Words that point back to a time named earlier, in a clause that asks ("before then"):
       * due by that time, wherever the body named it.
       */
      anaphora: z.optional(z.array(timeframePhrase)),
      /**
       * Words straight after a bare day that make it the time asked for, even in a clause that
       * asks nothing itself: "could a GP visit please, not urgent, next week is fine". Absent:
       * none.
       */
      askedAfter: z.optional(z.array(timeframePhrase)),
      /**
       * Days known by name and their month and day ("christmas eve": "12-24"), read as a date
       * after one of `namedDayLeads` ("before Xmas", "first thing after new year").
       */
      namedDays: z.optional(
        z.record(
          timeframePhrase,
          z.string().check(
            z.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
              error: 'a named day is its month and day, "MM-DD" ("12-25")',
            }),
          ),
        ),
      ),
      /**
       * Words for the next bank holiday ("the bank holiday", "the BH"), read like a named day
       * after one of `namedDayLeads`: the first of the ruleset's bank holidays on or after the
       * day the task was sent ("before the BH"; "after the BH" is the working day after it).
       * Absent: none.
       */
      bankHolidayNames: z.optional(z.array(timeframePhrase)),
      /**
       * Words before a named day (`namedDays`) or a day's number alone ("by the 24th"), in a
       * clause that asks: that day is when the ask is due, the next such day on or after the
       * day the task was sent. Absent: neither is read.
       */
      namedDayLeads: z.optional(z.array(timeframePhrase)),
      /**
       * Words before a clock time ("before 6", "b4 12", "by 5.30pm"): in a task that asks, due
       * the day it was sent. An hour (1 to 12) with "am", "pm" or "o'clock" is a clock time
       * anywhere; a bare one only at the end of a clause or before one of `clockAfter` ("before
       * 5 today", "b4 12 as the chemist shuts"), never before a unit ("by 12 weeks"). Absent:
       * neither is read.
       */
      clockLeads: z.optional(z.array(timeframePhrase)),
      /** Words that may follow a bare hour after one of `clockLeads` ("today", "as", "please"). */
      clockAfter: z.optional(z.array(timeframePhrase)),
      /**
       * Words between a clock time and one of `bareToday`, either way round ("booked in at 11
       * today", "today at 14:00"): in a task that asks, due the day it was sent, in any clause,
       * unless it is the day of an event (`bareTodayNotAfter`, `bareTodayAfterReference`: "seen
       * at 10 today"). Absent: not read.
       */
      clockTodayLeads: z.optional(z.array(timeframePhrase)),
      /**
       * Words before "tomorrow" or the end of a day that make it a deadline in any clause of a
       * task that asks ("by tomorrow", "for tonight", "until tomorrow"). Absent: none.
       */
      dayLeads: z.optional(z.array(timeframePhrase)),
      /**
       * Those of `deadline` that a date after them is met before, not on: "before 25/12" is due
       * by the 24th (never before the day the task was sent). Absent: every deadline word's
       * date is itself the day due.
       */
      beforeDateLeads: z.optional(z.array(timeframePhrase)),
      /** Words before the end of a week or a weekend as a deadline ("by", "b4"). Absent: none. */
      weekEndLeads: z.optional(z.array(timeframePhrase)),
      /** Words for a weekend ("weekend", "wknd"). Absent: none, so no weekend is read. */
      weekend: z.optional(z.array(timeframePhrase)),
    }),
  ),
  /**
   * The guidance's escalation route for a team that keeps sending non-compliant tasks, step by
   * step in route order, as a report names each step (`label`, and `short` in a table). Where
   * a team stands is counted against the parameters `escalationServiceLeadAt` and
   * `escalationIcbAt`. Absent: reports print the step ids.
   */
  escalation: z.optional(
    z.strictObject({
      steps: z.strictObject({
        none: z.strictObject({ label: nonEmpty(), short: nonEmpty() }),
        "remind-team": z.strictObject({ label: nonEmpty(), short: nonEmpty() }),
        "service-lead": z.strictObject({ label: nonEmpty(), short: nonEmpty() }),
        "icb-or-lmc": z.strictObject({ label: nonEmpty(), short: nonEmpty() }),
      }),
    }),
  ),
  phrases: z.strictObject({
    urgent: z.array(phraseSchema),
    negators: z.array(nonEmpty()),
    /** Words that end a negator's reach: "not eating and urgent review" is urgent. */
    negationStops: z.optional(z.array(nonEmpty())),
    /**
     * Words that join a list's last item ("and"): a clause after an asking clause and a comma
     * that holds one a word or two in is that list's end and goes on with the ask ("Please
     * arrange BP recheck, bloods and ECG this week"). Absent: no clause is read as a list's end.
     */
    listJoiners: z.optional(z.array(nonEmpty())),
    /**
     * Words that end a hypothetical's reach, as ConText's terminators do: "if worse ... but
     * please could GP see her today" asks. Absent: a hypothetical reaches to the sentence's end.
     */
    hypotheticalStops: z.optional(z.array(nonEmpty())),
    /**
     * For the urgent and safety lists (they decide human review): the only words a negator
     * reaches across ("no longer urgent", "not an urgent request"); any other word ends its
     * reach, so "not coping urgent review" is urgent. Absent: the negation window alone.
     */
    reviewNegationFillers: z.optional(z.array(nonEmpty())),
    safety: z.array(phraseSchema),
    /**
     * Safety phrases for a change for the worse ("worsening", "more confused"): like `safety`,
     * but not in a hypothetical, where they are safety-netting advice ("if symptoms worsen,
     * GP may wish to refer back").
     */
    deterioration: z.optional(z.array(phraseSchema)),
    /**
     * Words that say a need falls today or tomorrow though no ask is written ("none for
     * tonight's dose", "the appt is tomorrow and they won't see him without", "he is here now"):
     * for review only. Asserted (not negated, a plan, done or hypothetical), they set `dueSoon`
     * for a person to read; they never give a rule a due date. Absent: none.
     */
    dueSoonWords: z.optional(z.array(phraseSchema)),
    journal: z.array(phraseSchema),
    action: z.array(phraseSchema),
    clinical: z.array(phraseSchema),
    /** Words that open a request when they start a clause ("refer to ENT", "chase the CT"). */
    imperatives: z.optional(z.array(nonEmpty())),
    /** Words that may stand before a sentence's opening imperative: "please refer to ENT". */
    requestLeads: z.optional(z.array(nonEmpty())),
    /**
     * Words that may stand before an imperative opening a later clause of an asking sentence:
     * "please prescribe X, and complete the DNACPR". Absent: only a clause's first word counts.
     */
    clauseLinks: z.optional(z.array(nonEmpty())),
    /**
     * Words straight before a verb in the past that make its clause a report of what was done,
     * unless the clause asked before it: "we arranged a sweat test", "her needs have increased".
     */
    pastLeads: z.optional(z.array(nonEmpty())),
    /**
     * Words between an ask and a done-word after it that make the done-word what the ask wants
     * done, not a report: "could we have a prescription sent to pharmacy today". Absent: none.
     */
    causatives: z.optional(z.array(nonEmpty())),
    /**
     * Words that open an ask written as a question when they start a sentence and the person or
     * thing asked comes next: "could reception book her in", "can this be actioned". The verb
     * after them is an imperative or one of `questionVerbs`. Absent: questions ask only through
     * `action` phrases ("could you").
     */
    questionModals: z.optional(z.array(nonEmpty())),
    /** Verbs besides the imperatives that complete such a question: "be", "have" ("can he have a B12 booked"). */
    questionVerbs: z.optional(z.array(nonEmpty())),
    /**
     * The ones who may be asked by a question's modal later in a clause, not at its start: "when
     * someone has a minute could they add it", "not urgent but could you review". Absent: a
     * question asks only from the start of its clause.
     */
    questionSubjects: z.optional(z.array(nonEmpty())),
    /** Negation after the term: "fit note not needed", "DVT ruled out". */
    negatedAfter: z.optional(z.array(phraseSchema)),
    /** Phrases holding a negator that do not negate: "no change in", "not only". */
    pseudoNegations: z.optional(z.array(phraseSchema)),
    /** Hypothetical and conditional: "if", "should he", "in case"; reach to the sentence's end. */
    hypothetical: z.optional(z.array(phraseSchema)),
    /** Already done, before the term: "has been", "we have", "already". */
    done: z.optional(z.array(phraseSchema)),
    /** Already done, after the term: "issued", "supplied", "arranged". */
    doneAfter: z.optional(z.array(phraseSchema)),
    /** Service names that hold trigger words: "Urgent Treatment Centre", "A&E". */
    services: z.optional(z.array(phraseSchema)),
    /**
     * Pseudo-triggers (ConText): phrases that hold an urgent, safety or category-context word
     * but do not act as one: "prompting with medication" is not "promptly"; "discharged to GP"
     * from a clinic is not a discharge from hospital.
     */
    pseudoTriggers: z.optional(z.array(phraseSchema)),
    /**
     * Services whose every task is safety-related, read in the sender's organisation, unit, team
     * and role ("Hospice", "Safeguarding Adults Team"): a person reads the task.
     */
    safetyServices: z.optional(z.array(phraseSchema)),
    /**
     * Words that make a clause the sender's own plan ("we will review in 2/52", "clinic in 2
     * weeks", "crisis team to f/u within 72 hrs"): a timeframe in such a clause, when the
     * clause asks nothing itself, is no due date for the practice.
     */
    senderPlans: z.optional(z.array(phraseSchema)),
    /**
     * Advice the sender reports giving ("advised to see GP", "safety netting given"): like a
     * hypothetical, what follows it in its own clause asks nothing of the practice, but its
     * reach ends with the clause ("Advised to see GP - please could you refer to ENT" asks).
     */
    reportedAdvice: z.optional(z.array(phraseSchema)),
    /**
     * Words that say the task asks nothing of the practice ("no GP action required", "no
     * further action needed"): with one, not negated, only an explicit ask counts ("please",
     * "GP to", a question), not an opening imperative, the need told before it, or an ask word.
     */
    nothingAsked: z.optional(z.array(phraseSchema)),
    /**
     * Urgent words that make the practice's action urgent only in a sentence that asks
     * ("please refer under 2WW"); elsewhere they name a pathway the sender has used ("seen in
     * the 2WW clinic"), which the safety list, not urgency, is for.
     */
    urgentWhenAsked: z.optional(z.array(phraseSchema)),
    /**
     * Words that, as a whole clause after a spaced dash, give the clause before them to the
     * practice ("Plan: repeat FBC in 3/12 - GP", "LFTs by Friday - GP pls"): that clause asks.
     */
    assignees: z.optional(z.array(phraseSchema)),
    /**
     * Words before a quotation that say it quotes a message, a form or a label, not what
     * someone said ("re your task", "resending task", "forwarded as received"): with
     * `reading.quotedWords`, such a quotation is not read as someone's own words.
     */
    quotedMessages: z.optional(z.array(phraseSchema)),
    /**
     * Words that make what follows them what the patient is told or may do, not an ask of the
     * practice ("let her know she can start azathioprine", "tell him to carry on with the
     * fluclox", "and that she must start the prednisolone we gave her"): a category's ask word
     * straight after one asks for nothing. Safety words and dates after them are read as ever.
     */
    toldLeads: z.optional(z.array(phraseSchema)),
  }),
  examples: z.strictObject({
    task: z.record(z.string(), z.unknown()),
    practice: z.record(z.string(), z.unknown()),
  }),
});
/**
 * A ruleset's `ruleset.json`, as {@link rulesetSchema} reads it: name, version, guidance,
 * the rule ids in order, parameters, the contract clause catalogue, categories and phrase
 * lists, the reading data and an example task and practice. An overlay (`extends`) is merged
 * into one of these before it is checked.
 *
 * @example (JSON.parse(text) as RulesetFile).parameters.immediateWithinDays // 14
 */
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
