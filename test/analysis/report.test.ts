import { describe, expect, it } from "vitest";
import {
  recordError,
  renderReportCsv,
  renderReportJson,
  renderReportText,
  reportTables,
} from "../../src/analysis/report.js";
import { renderReportHtml } from "../../src/analysis/report-html.js";
import { summarise } from "../../src/analysis/summarise.js";
import { createGuard } from "../../src/engine/guard.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { practiceWith } from "../input/helpers.js";

/** The bundled example practice, with an escalation contact these reports name. */
const practice = practiceWith({
  escalationContact: { name: "Alex Example" },
}) as PracticePolicyInput;
const hostile = `=HYPERLINK("x") <script>alert(1)</script> & Co`;

async function input() {
  const guard = createGuard({ practice });
  const tasks: TaskInputRaw[] = ["2026-05-01", "2026-05-20", "2026-06-03"].map((day, i) => ({
    id: `R-${i}`,
    sentAt: `${day}T10:00:00Z`,
    sender: { organisation: hostile, unit: "Unit <b>", team: 'Team "A"' },
    recipient: { unit: "Example Surgery", assignment: "user", assignee: "Dr Helen Marsden" },
    patient: { nhsNumber: "943 476 5919" },
    body: "Seen in clinic. Please issue a fit note for 6 weeks.",
  }));
  const pairs = [];
  for (const task of tasks) pairs.push({ verdict: await guard.evaluate(task), task });
  return {
    summary: summarise(pairs, { ruleset: defaultRuleset() }),
    practice,
    records: {
      read: 4,
      errors: [
        recordError(4, "INPUT_INVALID", [
          { path: "patient.nhsNumber", code: "custom", message: "9434765918 fails" },
        ]),
      ],
    },
    generatedOn: "2026-06-30",
  };
}

describe("report renderers", () => {
  it("prints the text report's sections, and a bad record by line and field, never by value", async () => {
    const text = renderReportText(await input());
    for (const heading of [
      "Outcomes",
      "Escalation:",
      "By sending organisation",
      "By team",
      "By rule",
      "By contract clause",
      "By category",
      "By month (Europe/London)",
      "Records that could not be evaluated",
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("3 tasks sent from 1 May 2026 to 3 June 2026");
    expect(text).toMatch(/4\s+INPUT_INVALID\s+patient\.nhsNumber/);
    expect(text).not.toContain("9434765918");
    expect(text).not.toMatch(/943 ?476 ?5919/);
  });

  it("gives every CSV table a header row and neutralises a sender name that reads as a formula", async () => {
    const data = await input();
    for (const table of reportTables) {
      const csv = renderReportCsv(data, table);
      expect(csv.endsWith("\r\n")).toBe(true);
      expect(csv.split("\r\n")[0]).toMatch(/^[a-zA-Z]/);
    }
    const teams = renderReportCsv(data, "teams");
    expect(teams.split("\r\n")[0]).toContain("must-be-unassigned");
    expect(teams).toContain(`"'=HYPERLINK(""x"")`);
    expect(renderReportCsv(data, "escalation")).toContain("service-lead");
  });

  it("escapes task data in the HTML report and keeps JSON as data", async () => {
    const data = await input();
    const html = renderReportHtml(data);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("Team &quot;A&quot;");
    expect(html).not.toContain('Team "A"');
    const json = JSON.parse(renderReportJson(data));
    expect(json.summary.byOrganisation[0].organisation).toBe(hostile);
    expect(json.records.errors[0]).toEqual({
      line: 4,
      code: "INPUT_INVALID",
      paths: ["patient.nhsNumber"],
    });
  });
});
