import * as z from "zod/mini";
import { defaultCategories } from "./categories.generated.js";
import { isoInstant, notAnObject, parseOrThrow, text } from "./common.js";
import { isValidNhsNumber } from "./nhs-number.js";

/** The kinds of organisation a task can come from. */
export const senderKinds = [
  "nhs-provider",
  "independent-provider",
  "gp-practice",
  "pcn",
  "pharmacy",
  "social-care",
  "other",
] as const;
/**
 * What kind of organisation sent a task, one of {@link senderKinds}. NHS and independent
 * providers are bound by the NHS Standard Contract, so the contract rules apply to them.
 *
 * @example parseTask(raw).sender.kind // "nhs-provider"
 */
export type SenderKind = (typeof senderKinds)[number];
export { defaultCategories };

/** A request category: one of the default ruleset's, or one a ruleset defines. */
export type Category = (typeof defaultCategories)[number] | (string & {});

const nhsNumber = z
  .pipe(
    z.string({ error: "patient.nhsNumber must be a string of 10 digits" }),
    z.transform((value: string) => value.replace(/\s+/g, "")),
  )
  .check(
    z.refine((digits: string) => /^\d{10}$/.test(digits), {
      error: "patient.nhsNumber must be 10 digits (spaces allowed), e.g. 943 476 5919",
      // Without abort, a 9-digit number also got a misleading "fails the Modulus 11 check digit".
      abort: true,
    }),
    z.refine(isValidNhsNumber, { error: "patient.nhsNumber fails the Modulus 11 check digit" }),
  );

const dueBy = z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], {
  error:
    "dueBy must be a date that exists (YYYY-MM-DD) or an ISO 8601 date-time (a date-time without an offset is London time)",
});

const optionalText = (what: string) => z.optional(text(what));

/**
 * The zod schema of one SystmOne task (JSON Schema: `schema/task.schema.json`). Unknown fields are dropped, not errors.
 *
 * @example
 * taskSchema.parse({ id: "T1", sentAt: "2026-11-23T09:30:00Z", sender: { organisation: "Hull Trust", unit: "Ward 7" },
 *   recipient: { unit: "Example Surgery", assignment: "unassigned" }, body: "…" }).sender.kind // "nhs-provider"
 */
export const taskSchema = z.object(
  {
    id: z
      .string({ error: "id must be a string" })
      .check(
        z.minLength(1, { error: "id must not be empty" }),
        z.maxLength(200, { error: "id must be at most 200 characters" }),
      ),
    sentAt: isoInstant("sentAt"),
    sender: z.object(
      {
        organisation: text("sender.organisation"),
        odsCode: optionalText("sender.odsCode"),
        unit: text("sender.unit"),
        team: optionalText("sender.team"),
        name: optionalText("sender.name"),
        role: optionalText("sender.role"),
        kind: z._default(
          z.enum(senderKinds, { error: `sender.kind must be one of ${senderKinds.join(", ")}` }),
          "nhs-provider",
        ),
      },
      { error: "sender must be an object with organisation and unit" },
    ),
    recipient: z.object(
      {
        unit: text("recipient.unit"),
        assignment: z.enum(["unassigned", "user", "group"], {
          error: "recipient.assignment must be one of unassigned, user, group",
        }),
        assignee: optionalText("recipient.assignee"),
      },
      { error: "recipient must be an object with unit and assignment" },
    ),
    patient: z.optional(
      z.object({ nhsNumber: z.optional(nhsNumber) }, { error: "patient must be an object" }),
    ),
    urgent: z._default(z.boolean({ error: "urgent must be true or false" }), false),
    dueBy: z.optional(dueBy),
    category: z.optional(
      z.string({ error: "category must be a string" }).check(
        z.regex(/^[a-z][a-z0-9-]{0,63}$/, {
          error: "category must be a category id such as fit-note",
        }),
      ),
    ),
    body: z
      .string({ error: "body must be a string" })
      .check(z.maxLength(20_000, { error: "body must be at most 20,000 characters" })),
  },
  { error: notAnObject("a task", "id, sentAt, sender, recipient and body") },
);

/** A task after validation: defaults applied, NHS number normalised to 10 digits. */
export type TaskInput = z.output<typeof taskSchema>;
/** What a caller may pass: defaults not yet applied. */
export type TaskInputRaw = z.input<typeof taskSchema>;

/**
 * Validates a task.
 *
 * @param input - anything: parsed JSON, a FHIR mapping's output, a form
 * @returns the typed task
 * @throws {InputError} naming the path of every bad field
 * @example parseTask({ id: "" }) // throws InputError with issues at id, sentAt, sender, recipient, body
 */
export function parseTask(input: unknown): TaskInput {
  return parseOrThrow(taskSchema, input, "task");
}
