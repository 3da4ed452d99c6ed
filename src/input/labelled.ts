import * as z from "zod/mini";
import { notAnObject, text } from "./common.js";

const slugList = (what: string) =>
  z.array(text(what), { error: `${what} must be an array of rule ids` });

/**
 * The zod schema of one record of a labelled evaluation set (one JSONL line): the task, what
 * a careful reader says the verdict should be, and optionally the practice it was sent to.
 * The task and practice are checked by the guard, so their errors name `task.…` and
 * `practice.…`; unknown fields are dropped, not errors.
 *
 * @example labelledTaskSchema.parse(record).expect.rules // ["fit-note", "journal-reference-missing"]
 */
export const labelledTaskSchema = z.object(
  {
    id: text("id"),
    /** Who wrote it: "acute ward (discharge)", "community pharmacy"… */
    voice: z.optional(text("voice")),
    task: z.unknown(),
    /** The practice the task was sent to; default: the scorer's practice. */
    practice: z.optional(z.unknown()),
    expect: z.object(
      {
        category: text("expect.category"),
        rules: slugList("expect.rules"),
        humanReview: z.boolean({ error: "expect.humanReview must be true or false" }),
      },
      { error: "expect must be an object: { category, rules, humanReview }" },
    ),
    note: z.optional(z.string()),
  },
  { error: notAnObject("a labelled record", "id, task and expect") },
);
/**
 * One record of a labelled evaluation set, after {@link labelledTaskSchema}: a task, the
 * verdict a careful reader of the guidance would give it (`expect`: category, rule ids, human
 * review), and optionally its own practice, the voice it is written in and a note.
 *
 * @example labelledTaskSchema.parse(JSON.parse(line)).expect.rules // ["fit-note"]
 */
export type LabelledTask = z.output<typeof labelledTaskSchema>;
