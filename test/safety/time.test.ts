import { afterEach, describe, expect, it, vi } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { renderLetter } from "../../src/letters/render.js";
import { practiceWith, task } from "./fuzz.js";

/**
 * End-to-end dates: verdicts and letters on the Europe/London calendar across the 2026 and
 * 2027 clock changes (29 Mar 2026, 25 Oct 2026, 28 Mar 2027, 31 Oct 2027), leap days, and
 * midnight in London versus UTC. CI runs the whole suite under TZ=Europe/London,
 * America/Los_Angeles and Pacific/Auckland; the last block here also switches the process time
 * zone itself, so a run under one zone checks several.
 */

const zones = ["Europe/London", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "UTC"];

function declining(from: string) {
  return createGuard({
    practice: practiceWith({ externalTasks: { policy: "decline", from } }) as PracticePolicyInput,
    letterDate: "2026-10-25",
  });
}

const accepting = createGuard({ practice: practiceWith({}) as PracticePolicyInput });

async function ruleIds(guard: ReturnType<typeof createGuard>, fragment: Record<string, unknown>) {
  return (await guard.evaluate(task(fragment) as TaskInputRaw)).findings.map((f) => f.ruleId);
}

/** [decline date, last instant before it in London, first instant of it in London, why]. */
const declineEdges = [
  ["2026-03-29", "2026-03-28T23:59:59Z", "2026-03-29T00:00:00Z", "spring 2026: GMT midnight"],
  [
    "2026-06-01",
    "2026-05-31T22:59:59Z",
    "2026-05-31T23:00:00Z",
    "summer: BST midnight is 23:00 UTC",
  ],
  ["2026-10-25", "2026-10-24T22:59:59Z", "2026-10-24T23:00:00Z", "autumn 2026: BST midnight"],
  [
    "2026-12-01",
    "2026-12-01T00:30:00+01:00",
    "2026-12-01T00:00:00Z",
    "winter, an offset east of London",
  ],
  ["2027-03-28", "2027-03-27T23:59:59Z", "2027-03-28T00:00:00Z", "spring 2027: GMT midnight"],
  ["2027-10-31", "2027-10-30T22:59:59Z", "2027-10-30T23:00:00Z", "autumn 2027: BST midnight"],
  ["2028-02-29", "2028-02-28T23:59:59Z", "2028-02-29T00:00:00Z", "the 2028 leap day"],
] as const;

/** [sentAt, dueBy or body, fires, why]: immediate-action is "due within 14 London days, inclusive". */
const dueCases: [string, Record<string, unknown>, boolean, string][] = [
  ["2026-03-16T10:00:00Z", { dueBy: "2026-03-30" }, true, "14 days across spring 2026"],
  ["2026-03-16T10:00:00Z", { dueBy: "2026-03-31" }, false, "15 days across spring 2026"],
  ["2026-10-18T10:00:00Z", { dueBy: "2026-11-01" }, true, "14 days across autumn 2026"],
  ["2026-10-18T10:00:00Z", { dueBy: "2026-11-02" }, false, "15 days across autumn 2026"],
  ["2027-03-21T10:00:00Z", { dueBy: "2027-04-04" }, true, "14 days across spring 2027"],
  ["2027-03-21T10:00:00Z", { dueBy: "2027-04-05" }, false, "15 days across spring 2027"],
  ["2027-10-24T10:00:00Z", { dueBy: "2027-11-07" }, true, "14 days across autumn 2027"],
  ["2027-10-24T10:00:00Z", { dueBy: "2027-11-08" }, false, "15 days across autumn 2027"],
  ["2026-05-31T23:30:00Z", { dueBy: "2026-06-15" }, true, "sent 00:30 BST 1 June: 14 days"],
  ["2026-05-31T22:30:00Z", { dueBy: "2026-06-15" }, false, "sent 23:30 BST 31 May: 15 days"],
  ["2026-05-31T23:30:00Z", { dueBy: "2026-06-15T22:30:00Z" }, true, "due 23:30 BST 15 June"],
  ["2026-05-31T23:30:00Z", { dueBy: "2026-06-15T23:30:00Z" }, false, "due 00:30 BST 16 June"],
  ["2026-05-31T23:30:00Z", { dueBy: "2026-06-16T00:30:00" }, false, "a local due time is London's"],
  ["2028-02-15T10:00:00Z", { dueBy: "2028-02-29" }, true, "to the 2028 leap day: 14 days"],
  ["2028-02-16T10:00:00Z", { dueBy: "2028-03-01" }, true, "over the 2028 leap day: 14 days"],
  ["2028-02-15T10:00:00Z", { dueBy: "2028-03-01" }, false, "over the 2028 leap day: 15 days"],
  ["2027-02-15T10:00:00Z", { dueBy: "2027-03-01" }, true, "no leap day in 2027: 14 days"],
  ["2027-02-14T10:00:00Z", { dueBy: "2027-03-01" }, false, "no leap day in 2027: 15 days"],
  ["2026-11-23T10:00:00Z", { dueBy: "2026-11-01" }, true, "overdue counts"],
  [
    "2026-03-20T10:00:00Z",
    { body: "Please repeat bloods within 14 days." },
    true,
    "body, spring 2026",
  ],
  [
    "2026-03-20T10:00:00Z",
    { body: "Please repeat bloods within 15 days." },
    false,
    "body, 15 days",
  ],
  [
    "2026-10-20T10:00:00Z",
    { body: "Please review in a fortnight." },
    true,
    "a fortnight, autumn 2026",
  ],
  [
    "2027-10-25T10:00:00Z",
    { body: "Please act within 10 working days." },
    true,
    "10 working days: 14 calendar days",
  ],
  [
    "2027-10-25T10:00:00Z",
    { body: "Please act within 11 working days." },
    false,
    "11 working days: 15 calendar days",
  ],
  ["2028-02-20T10:00:00Z", { body: "Please review by 29/02/2028." }, true, "a written leap day"],
  [
    "2028-01-31T10:00:00Z",
    { body: "Please review within 1 month." },
    false,
    "a month from 31 January 2028 is 29 February: 29 days",
  ],
  [
    "2026-12-31T23:59:59-01:00",
    { body: "Please review within 14 days." },
    true,
    "sent in London's 2027 from a zone still in 2026",
  ],
];

afterEach(() => {
  vi.useRealTimers();
});

describe("the decline date, on the London calendar", () => {
  it.each(declineEdges)(
    "declines from %s: a task sent at %s is still before it and one sent at %s is on it (%s)",
    async (from, before, on) => {
      const guard = declining(from);
      expect(await ruleIds(guard, { sentAt: before })).toEqual(["external-tasks-declined-soon"]);
      expect(await ruleIds(guard, { sentAt: on })).toEqual(["external-tasks-declined"]);
    },
  );

  it("counts the days to the decline date on the London calendar, whatever the process time zone", async () => {
    const verdict = await declining("2026-10-25").evaluate(
      task({ sentAt: "2026-10-24T22:59:59Z" }) as TaskInputRaw,
    );
    expect(verdict.facts.daysUntilDecline).toBe(1);
    expect(verdict.facts.sentOn).toBe("2026-10-24");
  });
});

describe("immediate action: due within 14 London calendar days of sending", () => {
  it.each(dueCases)("sent %s with %o: fires %s (%s)", async (sentAt, fragment, fires) => {
    const ids = await ruleIds(accepting, { sentAt, ...fragment });
    expect(ids.includes("immediate-action")).toBe(fires);
  });
});

describe("dates in letters", () => {
  it("names a task sent at 23:30 UTC on 31 May by its London date, 1 June 2026, and the decline date in words", async () => {
    const verdict = await declining("2026-06-01").evaluate(
      task({ sentAt: "2026-05-31T23:30:00Z" }) as TaskInputRaw,
    );
    const letter = verdict.letter;
    expect(letter?.kind).toBe("rejection");
    expect(letter?.subject).toBe("Your SystmOne Task of 1 June 2026 has not been actioned");
    expect(letter?.text).toContain("sent on 1 June 2026");
    expect(letter?.text).toContain("from 1 June 2026 we do not accept tasks");
    expect(letter?.text).toContain("25 October 2026");
  });

  it("dates an opt-out notice sent before the decline date with the guard's letter date", async () => {
    const verdict = await declining("2027-03-28").evaluate(
      task({ sentAt: "2027-03-27T23:59:59Z" }) as TaskInputRaw,
    );
    expect(verdict.letter?.kind).toBe("opt-out-notice");
    expect(verdict.letter?.subject).toContain("From 28 March 2027");
    expect(verdict.letter?.text).toContain("25 October 2026");
  });

  it("dates a letter rendered with no date as today in London: 1 June 2026 at 23:30 UTC on 31 May", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-05-31T23:30:00Z"));
    const letter = renderLetter("practice-guidance", {
      practice: practiceWith({ externalTasks: { policy: "decline", from: "2026-12-01" } }),
    } as never);
    expect(letter.text).toContain("1 June 2026");
    expect(letter.text).not.toContain("31 May 2026");
  });

  it("prints escalation dates given as instants by their London date", () => {
    const letter = renderLetter("escalation", {
      practice: practiceWith({}),
      date: "2027-11-01",
      team: { organisation: "Humber Coast NHS Foundation Trust", team: "District Nursing" },
      tasks: { count: 2, dates: ["2026-10-24T23:30:00Z", "2027-10-31T00:30:00Z"] },
    } as never);
    // 23:30 UTC on Saturday 24 October 2026 is Sunday 25 October in London (BST).
    expect(letter.text).toContain("week beginning 19 October 2026: 1 Task (25 October)");
    expect(letter.text).toContain("week beginning 25 October 2027: 1 Task (31 October)");
    expect(letter.text).not.toContain("24 October");
  });
});

describe("the process time zone does not matter", () => {
  it("gives the same decline, due-date and letter answers under five process time zones", async () => {
    const original = process.env.TZ;
    const runs: string[] = [];
    try {
      for (const zone of zones) {
        process.env.TZ = zone;
        const out: unknown[] = [];
        for (const [from, before, on] of declineEdges) {
          const guard = declining(from);
          out.push(await ruleIds(guard, { sentAt: before }), await ruleIds(guard, { sentAt: on }));
        }
        for (const [sentAt, fragment] of dueCases) {
          out.push((await accepting.evaluate(task({ sentAt, ...fragment }) as TaskInputRaw)).facts);
        }
        const letter = (
          await declining("2026-06-01").evaluate(
            task({ sentAt: "2026-05-31T23:30:00Z" }) as TaskInputRaw,
          )
        ).letter;
        out.push(letter?.text, letter?.html);
        runs.push(JSON.stringify(out));
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(new Set(runs).size).toBe(1);
  });
});
