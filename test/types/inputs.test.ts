/**
 * The public functions' parameters carry the input types, so a misspelt field is a compile
 * error: each `@ts-expect-error` below fails `npm run typecheck` ("unused directive") if the
 * parameter it marks ever goes back to `unknown`. At run time, validation still names the field
 * for callers whose data has no type (JSON from a file).
 */
import { describe, expect, it } from "vitest";
import {
  createGuard,
  evaluateTask,
  InputError,
  type PracticePolicyInput,
  type TaskInputRaw,
} from "../../src/index.js";

const practice: PracticePolicyInput = {
  name: "Example Surgery",
  units: ["Example Surgery"],
  externalTasks: { policy: "accept" },
  preferredMethod: "e-mail to our generic inbox example.surgery@nhs.net",
  urgentRoute: { phone: "01482 000000" },
  escalationContact: { name: "Alex Example" },
};

const task: TaskInputRaw = {
  id: "S1-0001",
  sentAt: "2026-11-23T10:00:00Z",
  sender: { organisation: "Humber Coast NHS Foundation Trust", unit: "Humber Coast Outpatients" },
  recipient: { unit: "Example Surgery", assignment: "unassigned" },
  body: "For information: seen in clinic today.",
};

describe("typed inputs", () => {
  it("refuses a misspelt practice field at compile time and at run time", () => {
    // @ts-expect-error `nmae` is not a field of PracticePolicyInput (and `name` is missing)
    expect(() => createGuard({ practice: { nmae: "x" } })).toThrowError(InputError);
    // @ts-expect-error a policy the practice schema does not have
    const badPolicy: PracticePolicyInput = { ...practice, externalTasks: { policy: "sometimes" } };
    expect(() => createGuard({ practice: badPolicy })).toThrowError(InputError);
  });

  it("refuses a misspelt task field at compile time; at run time the unknown field is ignored", async () => {
    const guard = createGuard({ practice });
    // @ts-expect-error `sentat` is not a field of TaskInputRaw
    const pending = guard.evaluate({ ...task, sentat: "2026-11-23T10:00:00Z" });
    await expect(pending).resolves.toMatchObject({ taskId: "S1-0001" });
    const recipient = { unit: "X", assignment: "anyone" };
    // @ts-expect-error `assignment` takes "unassigned", "user" or "group", not any string
    const misaddressed = evaluateTask({ ...task, recipient }, { practice });
    await expect(misaddressed).rejects.toThrowError(InputError);
  });

  it("takes untyped records in a batch, answering each bad one with an error", async () => {
    const records: unknown[] = [task, { id: "broken" }];
    const out = [];
    for await (const item of createGuard({ practice }).evaluateMany(records)) out.push(item);
    expect(out.map((o) => (o.ok ? o.verdict.outcome : "error"))).toEqual(["accept", "error"]);
  });
});
