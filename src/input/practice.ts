import * as z from "zod/mini";
import { isoDate, notAnObject, parseOrThrow, text } from "./common.js";

const agreement = z.object({
  odsCode: text("odsCode"),
  name: text("name"),
  acknowledgedOn: isoDate("acknowledgedOn"),
  contact: z.optional(text("contact")),
});

const externalTasks = z.discriminatedUnion(
  "policy",
  [
    z.object({ policy: z.literal("accept") }),
    z.object({
      policy: z.literal("agreed-providers"),
      agreements: z.array(agreement, { error: "agreements must be an array" }),
    }),
    z.object({ policy: z.literal("decline"), from: isoDate("from") }),
  ],
  { error: 'externalTasks.policy must be one of "accept", "agreed-providers", "decline"' },
);

/**
 * The zod schema of a practice's policy (JSON Schema: `schema/practice.schema.json`).
 *
 * @example practiceSchema.parse(practice).externalTasks.policy // "decline"
 */
export const practiceSchema = z.object(
  {
    name: text("name"),
    units: z
      .array(text("unit"), { error: "units must be an array of SystmOne unit names" })
      .check(z.minLength(1, { error: "units must name at least one SystmOne unit" })),
    odsCode: z.optional(text("odsCode")),
    externalTasks,
    preferredMethod: text("preferredMethod"),
    urgentRoute: z.object(
      {
        phone: text("urgentRoute.phone"),
        email: z.optional(
          z.email({ error: "urgentRoute.email must be an e-mail address (a generic inbox)" }),
        ),
      },
      { error: "urgentRoute must be an object with a phone number" },
    ),
    escalationContact: z.optional(
      z.object({
        name: text("escalationContact.name"),
        role: z.optional(text("escalationContact.role")),
        email: z.optional(z.email({ error: "escalationContact.email must be an e-mail address" })),
        phone: z.optional(text("escalationContact.phone")),
      }),
    ),
    address: z.optional(z.array(text("address line"))),
    signOff: z.optional(text("signOff")),
  },
  {
    error: notAnObject(
      "a practice policy",
      "name, units, externalTasks, preferredMethod and urgentRoute",
    ),
  },
);

/** A practice's policy after validation. */
export type PracticePolicy = z.output<typeof practiceSchema>;
/**
 * A practice's policy as a caller writes it, before validation: what `createGuard`'s
 * `practice` takes, so that a misspelt field is a compile error. Defaults are filled in and
 * every field checked at run time, giving {@link PracticePolicy}.
 *
 * @example const practice: PracticePolicyInput = { name: "Example Surgery", units: ["Example Surgery"], externalTasks: { policy: "accept" } };
 */
export type PracticePolicyInput = z.input<typeof practiceSchema>;

/**
 * Validates a practice policy.
 *
 * @throws {InputError} naming the path of every bad field (subject `practice`)
 * @example parsePractice({ name: "Example Surgery", units: [] }) // throws: units must name at least one SystmOne unit
 */
export function parsePractice(input: unknown): PracticePolicy {
  return parseOrThrow(practiceSchema, input, "practice");
}
