import * as z from "zod/mini";
import { formatPath } from "../errors/guard-error.js";
import { InputError } from "../errors/input-error.js";
import { TemplateError } from "../errors/template-error.js";
import { isoDate, isoInstant, safeParse, text, toIssues } from "../input/common.js";

import { type PracticePolicy, practiceSchema } from "../input/practice.js";
import { type TaskInput, taskSchema } from "../input/task.js";
import { defaultRuleset } from "../rules/default.js";
import { hasRuleMessages } from "../rules/message-tree.js";
import type { Rule, Ruleset } from "../rules/schema.js";
import type { LetterKind } from "./types.js";

/** One contract clause a finding cites. `id` and `edition` are optional for hand-written findings. */
const clauseCitationSchema = z.object({
  id: z.optional(text("contract[].id")),
  clause: text("contract[].clause"),
  summary: text("contract[].summary"),
  edition: z.optional(text("contract[].edition")),
});

/**
 * The zod schema of a finding as a letter reads it (the engine's `Finding`).
 *
 * @example findingSchema.parse(verdict.findings[0]).ruleId // "fit-note"
 */
export const findingSchema = z.object({
  ruleId: text("ruleId"),
  severity: z.enum(["reject", "remind", "info"], {
    error: "severity must be one of reject, remind, info",
  }),
  title: text("title"),
  message: text("message"),
  guidance: z.object({ section: text("guidance.section"), quote: text("guidance.quote") }),
  contract: z._default(z.array(clauseCitationSchema), []),
});

const person = (what: string) =>
  z.object({
    name: text(`${what}.name`),
    role: z.optional(text(`${what}.role`)),
    email: z.optional(z.email({ error: `${what}.email must be an e-mail address` })),
    phone: z.optional(text(`${what}.phone`)),
  });

/** The provider a `provider-agreement` letter is written to. */
const providerSchema = z.object({
  name: text("provider.name"),
  odsCode: z.optional(text("provider.odsCode")),
  address: z.optional(z.array(text("provider.address line"))),
  /** The responsible senior leadership manager the letter is addressed to. */
  manager: z.optional(person("provider.manager")),
  /** The provider's point of contact when the agreed route is not followed. */
  contact: person("provider.contact"),
});

/** The team an `escalation` letter is about. */
const teamSchema = z.object({
  organisation: text("team.organisation"),
  team: z.optional(text("team.team")),
  unit: z.optional(text("team.unit")),
  odsCode: z.optional(text("team.odsCode")),
});

/** The non-compliant tasks an `escalation` letter counts. */
const tasksSchema = z
  .object({
    count: z
      .number({ error: "tasks.count must be a number" })
      .check(
        z.int({ error: "tasks.count must be a whole number" }),
        z.gte(1, { error: "tasks.count must be at least 1" }),
      ),
    /** When each task was sent: one date per task (a date may repeat), or each day once. */
    dates: z
      .array(z.union([isoDate("tasks.dates[]"), isoInstant("tasks.dates[]")]), {
        error: "tasks.dates must be an array of ISO dates",
      })
      .check(z.minLength(1, { error: "tasks.dates must list at least one date" })),
    reasons: z.optional(
      z.array(
        z.object({
          title: text("tasks.reasons[].title"),
          /** The rule behind the reason: the letter prints its heading to the sender, when it has one. */
          ruleId: z.optional(text("tasks.reasons[].ruleId")),
          count: z
            .number()
            .check(z.int(), z.gte(1, { error: "tasks.reasons[].count must be at least 1" })),
        }),
      ),
    ),
  })
  .check(
    z.refine((tasks) => tasks.count >= tasks.dates.length, {
      error: "tasks.count must be at least the number of dates listed",
      path: ["count"],
    }),
  );

/** A ruleset whose rules' wording was checked and parsed when it was built (a copy's is not). */
function isRulesetLike(value: unknown): value is Ruleset {
  if (typeof value !== "object" || value === null) return false;
  const ruleset = value as {
    contract?: { clauses?: unknown };
    parameters?: unknown;
    rules?: unknown;
  };
  return (
    typeof ruleset.contract?.clauses === "object" &&
    ruleset.contract.clauses !== null &&
    typeof ruleset.parameters === "object" &&
    ruleset.parameters !== null &&
    Array.isArray(ruleset.rules) &&
    ruleset.rules.every(hasRuleMessages)
  );
}

const rulesetSchema = z.custom<Ruleset>(isRulesetLike, {
  error: "ruleset must be a loaded Ruleset, from defaultRuleset() or loadRuleset(dir)",
});

const base = {
  practice: practiceSchema,
  date: z.optional(isoDate("date")),
  ruleset: z.optional(rulesetSchema),
};

/** Per kind, the context fields its templates need. */
const kindSchemas = {
  rejection: z.object({
    ...base,
    task: taskSchema,
    findings: z
      .array(findingSchema)
      .check(z.minLength(1, { error: "findings must list at least one finding" })),
  }),
  reminder: z.object({
    ...base,
    task: taskSchema,
    findings: z
      .array(findingSchema)
      .check(z.minLength(1, { error: "findings must list at least one finding" })),
  }),
  "opt-out-notice": z.object({
    ...base,
    task: z.optional(taskSchema),
    findings: z.optional(z.array(findingSchema)),
  }),
  "provider-agreement": z.object({ ...base, provider: providerSchema }),
  "practice-guidance": z.object(base),
  escalation: z.object({
    ...base,
    team: teamSchema,
    lead: z.optional(person("lead")),
    tasks: tasksSchema,
  }),
} as const satisfies Record<LetterKind, z.ZodMiniType>;

/**
 * The zod schema of a letter's context: the practice, the date, and what each kind needs
 * (`task` and `findings` for `rejection` and `reminder`, `provider` for `provider-agreement`,
 * `team`, `lead` and `tasks` for `escalation`, `ruleset` for the clause catalogue and
 * parameters). Which fields are required depends on the kind: `renderLetter` checks that.
 *
 * @example letterContextSchema.parse({ practice }).practice.name // "Example Surgery"
 */
export const letterContextSchema = z.object({
  ...base,
  task: z.optional(taskSchema),
  findings: z.optional(z.array(findingSchema)),
  provider: z.optional(providerSchema),
  team: z.optional(teamSchema),
  lead: z.optional(person("lead")),
  tasks: z.optional(tasksSchema),
});

/** What a caller passes to `renderLetter` (defaults not yet applied). */
export type LetterContext = z.input<typeof letterContextSchema>;

/** A letter context after validation, with the fields its kind needs. */
export interface ParsedLetterContext {
  practice: PracticePolicy;
  date?: string;
  ruleset?: Ruleset;
  task?: TaskInput;
  findings?: z.output<typeof findingSchema>[];
  provider?: z.output<typeof providerSchema>;
  team?: z.output<typeof teamSchema>;
  lead?: z.output<ReturnType<typeof person>>;
  tasks?: z.output<typeof tasksSchema>;
}

/** The context schema of one kind of letter: the schema custom templates are checked against. */
export function contextSchemaFor(kind: LetterKind): (typeof kindSchemas)[LetterKind] {
  return kindSchemas[kind];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Whether a rule's words to the sender (or its message, without them) print the decline date. */
function printsDeclineDate(rule: Rule): boolean {
  const sources = rule.sender ? [rule.sender.heading, rule.sender.reason] : [rule.message];
  return sources.some((source) => source.includes("practice.externalTasks.from"));
}

/**
 * Checks that the practice's policy gives the decline date when the letter prints it: the
 * opt-out notice, and a rejection or reminder with a reason whose wording prints it.
 *
 * @param kind - the kind of letter
 * @param practice - the practice's policy
 * @param findings - the findings the letter is about, if any
 * @param ruleset - the ruleset whose rules word the findings (default: the bundled one)
 * @throws {TemplateError} naming `practice.externalTasks.from` when the policy is not `decline`
 * @example requireDeclineDate("opt-out-notice", { ...practice, externalTasks: { policy: "accept" } }, [])
 * // throws TemplateError (practice.externalTasks.from)
 */
export function requireDeclineDate(
  kind: LetterKind,
  practice: PracticePolicy,
  findings: readonly { ruleId: string }[] = [],
  ruleset: Ruleset = defaultRuleset(),
): void {
  if (practice.externalTasks.policy === "decline") return;
  const needed =
    kind === "opt-out-notice" ||
    findings.some((finding) =>
      ruleset.rules.some((rule) => rule.id === finding.ruleId && printsDeclineDate(rule)),
    );
  if (!needed) return;
  throw new TemplateError(
    kind,
    "practice.externalTasks.from",
    `this letter needs the date the practice stops accepting external tasks: set practice.externalTasks to {"policy": "decline", "from": "YYYY-MM-DD"} (it is "${practice.externalTasks.policy}")`,
  );
}

/**
 * Validates a letter context for one kind of letter.
 *
 * @param kind - the kind of letter
 * @param input - the caller's context
 * @returns the typed context
 * @throws {TemplateError} when a field the kind needs is missing (`path` names it)
 * @throws {InputError} when a field is present but wrong (subject `letter-context`)
 * @example parseLetterContext("reminder", { practice }) // throws TemplateError, path "task"
 */
export function parseLetterContext(kind: LetterKind, input: unknown): ParsedLetterContext {
  const schema = kindSchemas[kind];
  const result = safeParse(schema, input);
  if (!result.success) {
    const missing = result.error.issues.filter(
      (issue) => issue.path.length > 0 && valueAt(input, issue.path) === undefined,
    );
    const first = missing[0];
    if (first) {
      const fields = [...new Set(missing.map((issue) => formatPath(issue.path)))];
      throw new TemplateError(
        kind,
        formatPath(first.path),
        `the ${kind} letter needs these fields in its context: ${fields.join(", ")}`,
      );
    }
    throw new InputError(toIssues(result.error), "letter-context");
  }
  const context: ParsedLetterContext = result.data;
  requireDeclineDate(kind, context.practice, context.findings, context.ruleset);
  return context;
}
