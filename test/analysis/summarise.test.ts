import { describe, expect, it } from "vitest";
import { Summariser, type SummaryItem, summarise } from "../../src/analysis/summarise.js";
import { createGuard } from "../../src/engine/guard.js";
import { InputError } from "../../src/errors/input-error.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles as files } from "../../src/rules/default-ruleset.generated.js";
import type { Ruleset } from "../../src/rules/schema.js";
import { practiceWith } from "../input/helpers.js";

/** The bundled example practice, with an escalation contact these reports name. */
const practice = practiceWith({
  escalationContact: { name: "Alex Example" },
}) as PracticePolicyInput;
const guard = createGuard({ practice });
const ruleset = defaultRuleset();

const districtNursing = {
  organisation: "Humber Coast NHS Foundation Trust",
  odsCode: "RZH",
  unit: "Humber Coast Community Services",
  team: "District Nursing",
};
const cardiology = {
  organisation: "Hull and Wolds University Hospitals NHS Trust",
  odsCode: "RZW",
  unit: "HWUH Castle Hill Outpatients",
  team: "Cardiology OPD",
};
const journal = "Please see my recent journal entry which contains actions (01/03/2026 09:00).";

let sequence = 0;
function task(sentAt: string, overrides: Partial<TaskInputRaw> = {}): TaskInputRaw {
  sequence++;
  return {
    id: `SUM-${sequence}`,
    sentAt,
    sender: districtNursing,
    recipient: { unit: "Example Surgery", assignment: "unassigned" },
    patient: { nhsNumber: "999 000 0018" },
    body: `For your information: the patient was seen at home today and is stable. ${journal}`,
    ...overrides,
  };
}

/** A task the default rules remind about: addressed to a named user from another unit. */
function assignedToUser(
  sentAt: string,
  sender: TaskInputRaw["sender"] = districtNursing,
): TaskInputRaw {
  return task(sentAt, {
    sender,
    recipient: { unit: "Example Surgery", assignment: "user", assignee: "Dr Helen Marsden" },
  });
}

async function pairs(tasks: TaskInputRaw[]): Promise<SummaryItem[]> {
  return Promise.all(tasks.map(async (t) => ({ verdict: await guard.evaluate(t), task: t })));
}

describe("summarise", () => {
  it("counts outcomes by organisation, team, rule, clause, category and month", async () => {
    const items = await pairs([
      task("2026-03-02T10:00:00Z"),
      assignedToUser("2026-03-03T10:00:00Z"),
      task("2026-04-01T10:00:00Z", {
        sender: cardiology,
        body: `Seen in Cardiology OPD. Please issue a fit note for 6 weeks. ${journal}`,
      }),
      task("2026-05-01T10:00:00Z", {
        sender: { organisation: "Example Surgery", unit: "Example Surgery", team: "Reception" },
        recipient: { unit: "Example Surgery", assignment: "user", assignee: "Dr Arif Khan" },
        body: "Please call the patient back about their fit note.",
      }),
    ]);
    const summary = summarise(items, { ruleset });
    expect(summary.outcomes).toEqual({ total: 4, accept: 2, remind: 1, reject: 1, humanReview: 0 });
    expect(summary.period).toEqual({ from: "2026-03-02", to: "2026-05-01" });
    expect(summary.byOrganisation.map((o) => [o.organisation, o.total, o.kind])).toEqual([
      ["Humber Coast NHS Foundation Trust", 2, "nhs-provider"],
      ["Example Surgery", 1, "nhs-provider"],
      ["Hull and Wolds University Hospitals NHS Trust", 1, "nhs-provider"],
    ]);
    const dn = summary.byTeam.find((t) => t.team === "District Nursing");
    expect(dn).toMatchObject({
      total: 2,
      accept: 1,
      remind: 1,
      external: true,
      rules: { "must-be-unassigned": 1 },
    });
    expect(summary.byTeam.find((t) => t.team === "Reception")).toMatchObject({
      external: false,
      rules: {},
    });
    expect(summary.byRule.map((r) => r.ruleId)).toEqual(ruleset.rules.map((r) => r.id));
    expect(summary.byRule.find((r) => r.ruleId === "fit-note")?.count).toBe(1);
    expect(summary.byRule.find((r) => r.ruleId === "results-to-patient")?.count).toBe(0);
    expect(summary.byClause).toEqual([
      { id: "SC11.12", clause: "11.12", title: "Fit notes", count: 1 },
    ]);
    expect(summary.byCategory.find((c) => c.category === "fit-note")?.count).toBe(2);
    expect(summary.byMonth.map((m) => [m.month, m.total])).toEqual([
      ["2026-03", 2],
      ["2026-04", 1],
      ["2026-05", 1],
    ]);
  });

  it("files a task by its London date and lists empty months between the first and the last", async () => {
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST).
    const items = await pairs([task("2026-01-15T10:00:00Z"), task("2026-03-31T23:30:00Z")]);
    const summary = summarise(items, { ruleset });
    expect(summary.byMonth.map((m) => [m.month, m.total])).toEqual([
      ["2026-01", 1],
      ["2026-02", 0],
      ["2026-03", 0],
      ["2026-04", 1],
    ]);
    expect(summary.period).toEqual({ from: "2026-01-15", to: "2026-04-01" });
  });

  it("moves a team up the escalation route as its non-compliant tasks in the window reach the thresholds", async () => {
    const parameters = ruleset.parameters;
    expect([
      parameters.escalationServiceLeadAt,
      parameters.escalationIcbAt,
      parameters.escalationWindowDays,
    ]).toEqual([3, 6, 90]);
    const days = [
      "2026-06-01",
      "2026-06-08",
      "2026-06-15",
      "2026-06-22",
      "2026-06-29",
      "2026-07-06",
    ];
    const levels: string[] = [];
    for (let n = 1; n <= days.length; n++) {
      const items = await pairs(days.slice(0, n).map((d) => assignedToUser(`${d}T10:00:00Z`)));
      const team = summarise(items, { ruleset }).escalation?.teams[0];
      levels.push(`${team?.count} ${team?.level}`);
    }
    expect(levels).toEqual([
      "1 remind-team",
      "2 remind-team",
      "3 service-lead",
      "4 service-lead",
      "5 service-lead",
      "6 icb-or-lmc",
    ]);
  });

  it("counts only the window before asOf, keeps the peak, and says what an escalation letter needs", async () => {
    const items = await pairs([
      ...["2026-01-05", "2026-01-06", "2026-01-06", "2026-01-20"].map((d) =>
        assignedToUser(`${d}T10:00:00Z`),
      ),
      assignedToUser("2026-06-01T10:00:00Z"),
      task("2026-06-02T10:00:00Z"),
    ]);
    const summary = summarise(items, { ruleset, asOf: "2026-06-30" });
    expect(summary.escalation).toMatchObject({
      windowDays: 90,
      from: "2026-04-02",
      asOf: "2026-06-30",
    });
    expect(summary.escalation?.teams).toEqual([
      {
        team: districtNursing,
        level: "remind-team",
        count: 1,
        dates: ["2026-06-01"],
        perDate: [{ date: "2026-06-01", count: 1 }],
        reasons: [
          {
            ruleId: "must-be-unassigned",
            title: "Require tasks from another unit to be Unassigned",
            count: 1,
          },
        ],
        peak: { count: 4, endingOn: "2026-01-20", level: "service-lead" },
        totalNonCompliant: 5,
      },
    ]);
    expect(summary.escalation?.levels).toEqual({
      none: 0,
      "remind-team": 1,
      "service-lead": 0,
      "icb-or-lmc": 0,
    });
    expect(summary.byTeam[0]?.escalation).toBe("remind-team");
  });

  it("takes the window and thresholds from the ruleset's parameters, and explicit options over them", async () => {
    const items = await pairs(
      ["2026-06-01", "2026-06-02"].map((d) => assignedToUser(`${d}T10:00:00Z`)),
    );
    const strict: Ruleset = {
      ...ruleset,
      parameters: {
        ...ruleset.parameters,
        escalationServiceLeadAt: 1,
        escalationIcbAt: 2,
        escalationWindowDays: 1,
      },
    };
    expect(summarise(items, { ruleset: strict }).escalation?.teams[0]).toMatchObject({
      count: 1,
      level: "service-lead",
    });
    expect(
      summarise(items, { ruleset: strict, escalationWindowDays: 7 }).escalation?.teams[0],
    ).toMatchObject({
      count: 2,
      level: "icb-or-lmc",
    });
  });

  it("never counts internal tasks or accepted tasks towards escalation", async () => {
    const internal = {
      organisation: "Example Surgery",
      unit: "Example Surgery",
      team: "Reception",
    };
    const items = await pairs([
      assignedToUser("2026-06-01T10:00:00Z", internal),
      task("2026-06-02T10:00:00Z"),
    ]);
    const summary = summarise(items, { ruleset });
    expect(summary.escalation?.teams).toEqual([]);
    expect(summary.escalation?.levels.none).toBe(2);
  });

  it("names the escalation steps as the ruleset does, and by their ids for a ruleset that does not", async () => {
    const items = await pairs([task("2026-06-02T10:00:00Z")]);
    const steps = summarise(items, { ruleset }).escalation?.steps;
    expect(steps?.["service-lead"]).toEqual(ruleset.escalation?.steps["service-lead"]);
    expect(steps?.["icb-or-lmc"].label).toBe("Tell the ICB primary care team or the LMC");
    const { escalation: _, ...rest } = files["ruleset.json"] as Record<string, unknown>;
    const without = buildRuleset({ ...files, "ruleset.json": rest });
    expect(summarise(items, { ruleset: without }).escalation?.steps["remind-team"]).toEqual({
      label: "remind-team",
      short: "remind-team",
    });
  });

  it("counts bare verdicts under an unknown sender", async () => {
    const verdict = await guard.evaluate(task("2026-06-02T10:00:00Z"));
    expect(summarise([verdict], { ruleset }).byOrganisation.map((o) => o.organisation)).toEqual([
      "(unknown)",
    ]);
  });

  it("holds no NHS number and no task body", async () => {
    const items = await pairs([
      assignedToUser("2026-06-01T10:00:00Z"),
      task("2026-06-02T10:00:00Z"),
    ]);
    const text = JSON.stringify(summarise(items, { ruleset }));
    expect(text).not.toMatch(/999 ?000 ?0018/);
    expect(text).not.toContain("seen at home");
  });

  it("summarises nothing to zeros, with no period and no escalation", () => {
    const summary = summarise([], { ruleset });
    expect(summary.outcomes.total).toBe(0);
    expect(summary.period).toBeNull();
    expect(summary.escalation).toBeNull();
    expect(summary.byMonth).toEqual([]);
  });

  it("gives the same summary streamed through a Summariser as in one call", async () => {
    const items = await pairs([
      assignedToUser("2026-06-01T10:00:00Z"),
      task("2026-06-02T10:00:00Z"),
    ]);
    const streamed = new Summariser({ ruleset });
    for (const item of items) streamed.add(item);
    expect(streamed.result()).toEqual(summarise(items, { ruleset }));
  });

  it("refuses thresholds that are not whole numbers, an ICB threshold not above the service lead's, and a bad asOf", () => {
    expect(() => summarise([], { ruleset, escalationWindowDays: 0 })).toThrow(InputError);
    try {
      summarise([], {
        ruleset,
        escalationServiceLeadAt: 5,
        escalationIcbAt: 5,
        asOf: "2026-02-30",
      });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues).toEqual([
        {
          path: "escalationIcbAt",
          code: "invalid_value",
          message: "escalationIcbAt (5) must be more than escalationServiceLeadAt (5)",
        },
        {
          path: "asOf",
          code: "invalid_value",
          message: "asOf must be a date that exists, written YYYY-MM-DD",
        },
      ]);
    }
  });
});
