import { describe, expect, it } from "vitest";
import { isInputError } from "../../src/errors/input-error.js";
import { isTemplateError, type TemplateError } from "../../src/errors/template-error.js";
import { practiceSchema } from "../../src/input/practice.js";
import type { LetterContext } from "../../src/letters/context.js";
import { londonToday } from "../../src/letters/dates.js";
import { renderLetter } from "../../src/letters/render.js";
import { type LetterKind, letterKinds } from "../../src/letters/types.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import {
  acceptingPractice,
  declined,
  escalation,
  fitNote,
  practice,
  provider,
  task,
  unassigned,
} from "./fixtures.js";
import { htmlProblems } from "./html.js";

const responsibility =
  "There is an expectation that the sender of a task continues to review the patient record to monitor that the request has been actioned/completed and to follow up/escalate as required.";
const entity = /&(#\d+|#x[0-9a-f]+|[a-z]+);/i;
const date = "2026-10-01";

/** A context for every kind, for a practice that still takes tasks (the decline date for the two that need it). */
const contexts: Record<LetterKind, LetterContext> = {
  rejection: { practice, date, task, findings: [declined] },
  reminder: { practice: acceptingPractice, date, task, findings: [unassigned] },
  "opt-out-notice": { practice, date },
  "provider-agreement": { practice: acceptingPractice, date, provider },
  "practice-guidance": { practice: acceptingPractice, date },
  escalation: { practice: acceptingPractice, date, ...escalation },
};

function templateError(attempt: () => unknown): TemplateError {
  try {
    attempt();
  } catch (error) {
    if (isTemplateError(error)) return error;
    throw error;
  }
  throw new Error("expected a TemplateError");
}

describe("renderLetter: every kind", () => {
  for (const kind of letterKinds) {
    const letter = renderLetter(kind, contexts[kind]);

    it(`${kind}: says SystmOne, is dated 1 October 2026, and reminds the sender of their responsibility`, () => {
      expect(letter.kind).toBe(kind);
      expect(letter.subject.length).toBeGreaterThan(10);
      expect(letter.text).toContain("SystmOne");
      expect(`${letter.subject}${letter.text}${letter.html}`).not.toMatch(/SystemOne/);
      expect(letter.text).toContain("1 October 2026");
      expect(letter.text).toContain(responsibility);
      expect(letter.text).not.toMatch(entity);
    });

    it(`${kind}: is a complete, self-contained, valid HTML document for A4`, async () => {
      expect(letter.html).toMatch(
        /^<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">/,
      );
      expect(letter.html).toContain(`<title>${letter.subject}</title>`);
      expect(letter.html).toContain("@page { size: A4;");
      expect(letter.html).toContain('<header class="letterhead">');
      expect(letter.html).not.toMatch(/<link|<img|<script|src=|url\(|@import|@font-face/);
      expect(letter.html).toContain(responsibility);
      expect(await htmlProblems(letter.html)).toEqual([]);
    });
  }
});

describe("renderLetter: provider-agreement", () => {
  const letter = renderLetter("provider-agreement", contexts["provider-agreement"]);

  it("states how tasks may be used, the point of contact, and asks for a signed acknowledgement", () => {
    expect(letter.subject).toBe("Use of SystmOne Tasks with Example Surgery: please acknowledge");
    expect(letter.text).toContain("Dear Alex Manager");
    expect(letter.text).toContain(
      "Example Surgery is content to receive SystmOne Tasks from Example Community Trust.",
    );
    expect(letter.text).toContain("marked “Unassigned”");
    expect(letter.text).toContain("- Fit notes (clause 11.12): ");
    expect(letter.text).toContain("Do not use a Task when action is needed within 14 days");
    expect(letter.text).toContain(
      "If the agreed route is not followed, we will contact Chris Contact, Community Services Manager, community.services@nhs.net, telephone 01482 111111, at Example Community Trust.",
    );
    expect(letter.text).toContain(
      "Our contact at the practice for these arrangements is Sam Example, Practice Manager",
    );
    expect(letter.text).toContain("Acknowledgement (please sign and return to Example Surgery)");
    expect(letter.text).toContain("Signature: ______");
    expect(letter.html).toContain('<section class="acknowledgement">');
  });

  it("pins the wording", () => {
    expect(letter.text).toMatchInlineSnapshot(`
      "Example Surgery
      1 Example Street
      Hull
      HU1 1AA
      Telephone: 01482 000000
      E-mail: example.surgery@nhs.net
      ODS code: B99999

      1 October 2026

      Alex Manager, Director of Community Services
      Example Community Trust
      Trust Headquarters
      2 Example Road
      Hull
      HU2 2BB

      Dear Alex Manager

      Use of SystmOne Tasks between Example Community Trust and Example Surgery

      Example Surgery is content to receive SystmOne Tasks from Example Community Trust. As Humberside LMCs advise, this letter confirms in writing how Tasks may be used with the practice, and the point of contact if the agreed route is not followed. Please acknowledge it in writing by signing and returning the section at the end.

      How Tasks may be used with Example Surgery

      1. Send Tasks to the practice's SystmOne unit (Example Surgery) marked “Unassigned”, never to a named person or a Task group. A named recipient may not be on duty or could be on annual leave, and Task groups are configured differently in each SystmOne unit. Our Task rules send every Task from another provider to a single inbox, from which it is re-assigned.

      2. Keep the details of care in the journal in the patient's record, not in the body of the Task. The body of the Task should say “Please see my recent journal entry which contains actions (date/time)”, with the date and time of that entry.

      3. Only ask the practice for work that is reasonable and appropriate for general practice. The NHS Standard Contract makes the following the provider's responsibility, so please do not pass them to the practice by Task:

      - Onward referral (clause 8.4): The provider makes onward referrals related to the condition or complaint the patient presented with, including investigations.
      - Prescriptions after discharge (clause 11.9): The provider issues adequate quantities of prescriptions following discharge.
      - Prescriptions after clinic appointments (clause 11.10): The provider issues adequate quantities of prescriptions following clinic appointments.
      - Fit notes (clause 11.12): The provider issues fit notes for the full duration of absence and extends them as required.
      - Acting on results (clause 12.1.1): The person who ordered a test is responsible for acting on the results and arranging the next steps in the patient's care.
      - Reporting results to patients (clause 12.1.3): The provider reports results to the patient.

      4. Do not use a Task when action is needed within 14 days: locally, such requests are “immediate”, and the provider is responsible for completing them. Please make alternative arrangements for the patient's care.

      5. Do not use a Task for anything urgent (see below).

      6. Where a Task is not the right route, please use e-mail to our generic inbox, example.surgery@nhs.net.

      7. Please make sure that everyone at Example Community Trust who can send Tasks has had relevant training.

      If you have an urgent patient safety concern, do not use a Task: telephone the practice on 01482 000000 or e-mail our generic inbox, example.surgery@nhs.net. Please do not send e-mails to individuals in the practice team: this has the same patient safety issues as individual Tasks.

      Sending a Task to another organisation or team does not end your responsibility for the patient's care. There is an expectation that the sender of a task continues to review the patient record to monitor that the request has been actioned/completed and to follow up/escalate as required.

      Point of contact

      If the agreed route is not followed, we will contact Chris Contact, Community Services Manager, community.services@nhs.net, telephone 01482 111111, at Example Community Trust. Our contact at the practice for these arrangements is Sam Example, Practice Manager, example.surgery@nhs.net, telephone 01482 000001.

      Yours faithfully

      Dr A Example, GP Partner
      Example Surgery

      ------------------------------------------------------------

      Acknowledgement (please sign and return to Example Surgery)

      On behalf of Example Community Trust, I acknowledge the arrangements for the use of SystmOne Tasks with Example Surgery set out in this letter of 1 October 2026, and will share them with our staff who send Tasks.

      Name:      ______________________________
      Role:      ______________________________
      Signature: ______________________________
      Date:      ______________________________
      "
    `);
  });

  it("for a practice that declines tasks, confirms the decline date and the route to use instead", () => {
    const declining = renderLetter("provider-agreement", {
      ...contexts["provider-agreement"],
      practice,
    });
    expect(declining.text).toContain(
      "From 1 December 2026, the practice does not accept SystmOne Tasks from external providers",
    );
    expect(declining.text).not.toContain("How Tasks may be used");
    expect(declining.text).toContain("Acknowledgement");
  });

  it("addresses Dear Colleague when no manager is named", () => {
    const { manager: _, ...noManager } = provider;
    expect(
      renderLetter("provider-agreement", { ...contexts["provider-agreement"], provider: noManager })
        .text,
    ).toContain("Dear Colleague");
  });
});

describe("renderLetter: practice-guidance", () => {
  const letter = renderLetter("practice-guidance", contexts["practice-guidance"]);

  it("reproduces the guidance's second part for the practice", () => {
    expect(letter.subject).toBe(
      "Guidance for the use of Tasks in SystmOne when communicating with Example Surgery",
    );
    for (const heading of [
      "Who does this guidance apply to?",
      "Sending Tasks: always “Unassigned”",
      "Details of care belong in the journal",
      "Reasonable delegation",
      "Action timeframe",
      "Your continuing responsibility",
      "When this guidance is not followed",
    ]) {
      expect(letter.text).toContain(`\n${heading}\n`);
    }
    expect(letter.text).toContain("send every Task from another provider to a single inbox");
    expect(letter.text).toContain(
      "“Please see my recent journal entry which contains actions (date/time)”",
    );
    for (const clause of ["8.4", "11.9", "11.10", "11.12", "12.1.1", "12.1.3"]) {
      expect(letter.text).toContain(`(clause ${clause}): `);
    }
    expect(letter.text).toContain(
      "Locally, “immediate” means a request that needs action within 14 days.",
    );
    expect(letter.text).toContain(
      "Our contact for escalation is Sam Example, Practice Manager, example.surgery@nhs.net, telephone 01482 000001.",
    );
  });

  it("pins the wording", () => {
    expect(letter.text).toMatchInlineSnapshot(`
      "Example Surgery
      1 Example Street
      Hull
      HU1 1AA
      Telephone: 01482 000000
      E-mail: example.surgery@nhs.net
      ODS code: B99999

      1 October 2026

      Guidance for the use of Tasks in SystmOne when communicating with Example Surgery

      Purpose of this guidance

      This guidance sets out how to use SystmOne Tasks when communicating with Example Surgery. It follows Humberside LMCs' Guidance on Tasking in Clinical Systems (October 2024), which was developed with frontline clinicians in response to concerns about inappropriate Tasks. Following it reduces the risk of clinical duties being delegated in an unhelpful or unsafe way, and keeps the number of Tasks down so that all of them are actioned in a timely way.

      The use of Tasks does not prevent you from using established and reliable methods of communication, including direct contact, telephone calls and e-mails. Failure to follow this guidance could lead to clinical risk, and even harm to patients, if a Task is sent inappropriately and remains un-actioned for too long.

      Who does this guidance apply to?

      Everyone who sends Tasks to Example Surgery from outside the practice's own SystmOne unit (Example Surgery), whatever their organisation.

      Example Surgery accepts Tasks from other providers that follow this guidance. Where a Task is not the right route, please use e-mail to our generic inbox, example.surgery@nhs.net.

      Sending Tasks: always “Unassigned”

      If you communicate outside your own SystmOne unit using a Task you must make sure that the recipient is marked as “Unassigned”, because:
      - a named recipient may not be on duty or could be on annual leave, so the Task may be left unread and un-actioned;
      - Task groups are configured differently in each SystmOne unit, so a Task sent to a group may reach the wrong recipient.

      Example Surgery has Task rules that send every Task from another provider to a single inbox, which is monitored and from which Tasks are re-assigned as required.

      Details of care belong in the journal

      Extensive details of care must not routinely be included in the body of a Task. They belong in the journal in the patient's record, not only in the Task. The body of the Task should contain the text: “Please see my recent journal entry which contains actions (date/time)”, with the date and time of that entry.

      Reasonable delegation

      If you Task someone, make sure that the action you delegate is reasonable and appropriate for general practice. The person who ordered a test is responsible for acting on the results and arranging other steps in the patient's care. The NHS Standard Contract, to which all providers of NHS services are signatories, makes the following the provider's responsibility:

      - Onward referral (clause 8.4): The provider makes onward referrals related to the condition or complaint the patient presented with, including investigations.
      - Prescriptions after discharge (clause 11.9): The provider issues adequate quantities of prescriptions following discharge.
      - Prescriptions after clinic appointments (clause 11.10): The provider issues adequate quantities of prescriptions following clinic appointments.
      - Fit notes (clause 11.12): The provider issues fit notes for the full duration of absence and extends them as required.
      - Acting on results (clause 12.1.1): The person who ordered a test is responsible for acting on the results and arranging the next steps in the patient's care.
      - Reporting results to patients (clause 12.1.3): The provider reports results to the patient.

      Where a requested action is not a provider's contractual responsibility, it may not be the responsibility of general practice either: the absence of a provider having responsibility is not the same as a GP having responsibility.

      Action timeframe

      Locally, “immediate” means a request that needs action within 14 days. The provider is responsible for completing actions relating to patient care that are required immediately: if your request needs action within 14 days, do not ask the practice to act on it by Task, and make alternative arrangements for the patient's care.

      Urgent concerns

      If you have an urgent patient safety concern, do not use a Task: telephone the practice on 01482 000000 or e-mail our generic inbox, example.surgery@nhs.net. Please do not send e-mails to individuals in the practice team: this has the same patient safety issues as individual Tasks.

      Your continuing responsibility

      Sending a Task to another organisation or team does not end your responsibility for the patient's care. There is an expectation that the sender of a task continues to review the patient record to monitor that the request has been actioned/completed and to follow up/escalate as required.

      When this guidance is not followed

      We will first contact the user or team to remind them of this guidance. If problems persist, we will escalate to their service leads or managers, the ICB primary care team, or Humberside LMCs. Our contact for escalation is Sam Example, Practice Manager, example.surgery@nhs.net, telephone 01482 000001.

      Issued by Example Surgery. Contract edition: NHS Standard Contract Service Conditions, clause numbers as cited by Humberside LMCs (October 2024).
      "
    `);
  });

  it("takes the clauses and the immediate window from the ruleset, not from the template", () => {
    const files = { ...defaultRulesetFiles } as Record<string, unknown>;
    const base = files["ruleset.json"] as {
      parameters: Record<string, unknown>;
      contract: { edition: string; clauses: Record<string, Record<string, string>> };
    };
    files["ruleset.json"] = {
      ...base,
      parameters: { ...base.parameters, immediateWithinDays: 10 },
      contract: {
        ...base.contract,
        edition: "NHS Standard Contract 2027/28",
        clauses: {
          ...base.contract.clauses,
          "SC11.12": { ...base.contract.clauses["SC11.12"], clause: "11.14" },
        },
      },
    };
    const ruleset = buildRuleset(files);
    const renumbered = renderLetter("practice-guidance", {
      ...contexts["practice-guidance"],
      ruleset,
    });
    expect(renumbered.text).toContain("- Fit notes (clause 11.14): ");
    expect(renumbered.text).not.toContain("(clause 11.12)");
    expect(renumbered.text).toContain("needs action within 10 days.");
    expect(renumbered.text).toContain("Contract edition: NHS Standard Contract 2027/28.");
  });

  it("names the agreed providers, or the decline date, from the practice's policy", () => {
    const agreed = practiceSchema.parse({
      ...acceptingPractice,
      externalTasks: {
        policy: "agreed-providers",
        agreements: [
          { odsCode: "RXX", name: "Example Community Trust", acknowledgedOn: "2026-06-01" },
          { odsCode: "RYY", name: "Example Mental Health Trust", acknowledgedOn: "2026-07-01" },
        ],
      },
    });
    expect(renderLetter("practice-guidance", { practice: agreed, date }).text).toContain(
      "accepts Tasks only from providers that have acknowledged a written agreement with the practice (Example Community Trust, Example Mental Health Trust).",
    );
    expect(renderLetter("practice-guidance", { practice, date }).text).toContain(
      "From 1 December 2026, Example Surgery does not accept Tasks from external providers",
    );
  });

  it("points to the practice's preferred method when it has no escalation contact", () => {
    const { escalationContact: _, ...noContact } = acceptingPractice;
    expect(renderLetter("practice-guidance", { practice: noContact, date }).text).toContain(
      "Our contact for escalation is the practice, via e-mail to our generic inbox, example.surgery@nhs.net.",
    );
  });
});

describe("renderLetter: escalation", () => {
  const letter = renderLetter("escalation", contexts.escalation);

  it("names the team, the count and London dates of its tasks, and the reasons", () => {
    expect(letter.subject).toBe(
      "Repeated SystmOne Tasks not following the tasking guidance: District Nursing, Example Community Trust",
    );
    expect(letter.text).toContain("Dear Pat Lead");
    expect(letter.text).toContain(
      "We have received 4 such Tasks. By the week in which they were sent (weeks beginning on a Monday):",
    );
    // 23:30 UTC on 8 September is 00:30 BST on 9 September.
    expect(letter.text).toContain(
      "- week beginning 31 August 2026: 1 Task (1 September)\n- week beginning 7 September 2026: 1 Task (9 September)\n- week beginning 14 September 2026: 1 Task (15 September)\n- week beginning 21 September 2026: 1 Task (22 September)",
    );
    // A reason that names its rule reads as the rule's heading to the sender, not its title.
    expect(letter.text).toContain("- Tasks to another unit must be Unassigned: 3 Tasks");
    expect(letter.text).toContain("- The provider issues and extends fit notes: 1 Task");
    expect(letter.text).not.toMatch(/Require|Reject/);
    // The reasons say what went wrong; the general reminders are for a letter without them.
    expect(letter.text).not.toContain("(clauses 8.4");
    expect(letter.html).toContain("<li>Tasks to another unit must be Unassigned: 3 Tasks</li>");
  });

  it("groups the dates by London week, Monday to Sunday, with counts that add up to the total", () => {
    const letter = renderLetter("escalation", {
      ...contexts.escalation,
      tasks: {
        count: 5,
        // 23:30 UTC on Sunday 6 September is 00:30 BST on Monday 7 September: the next week.
        dates: ["2026-08-31", "2026-09-06T22:30:00Z", "2026-09-06T23:30:00Z", "2026-09-07"],
      },
    });
    expect(letter.text).toContain(
      "- week beginning 31 August 2026: 2 Tasks (31 August, 6 September)\n- week beginning 7 September 2026: 2 Tasks (7 September)\n- dates not given: 1 Task\n",
    );
    expect(letter.html).toContain("<li>dates not given: <strong>1 Task</strong></li>");
  });

  it("groups the dates by month when they span more than fourteen weeks", () => {
    const dates = Array.from({ length: 50 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 5) + i * 7 * 86_400_000).toISOString().slice(0, 10),
    );
    const letter = renderLetter("escalation", {
      ...contexts.escalation,
      tasks: { count: 50, dates },
    });
    expect(letter.text).toContain("By the month in which they were sent:");
    const months = letter.text.split("\n").filter((line) => /^- [A-Z][a-z]+ \d{4}: /.test(line));
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("- January 2026: 4 Tasks (5, 12, 19 and 26 January)");
    const total = months.reduce(
      (sum, line) => sum + Number(/: (\d+) Tasks? \(/.exec(line)?.[1]),
      0,
    );
    expect(total).toBe(50);
    expect(letter.html).toContain("<li>January 2026: <strong>4 Tasks</strong></li>");
  });

  it("lists fifty tasks sent within a month as at most five weeks whose counts add up to fifty", () => {
    const dates = Array.from(
      { length: 50 },
      (_, i) => `2026-09-${String(1 + (i % 28)).padStart(2, "0")}`,
    );
    const letter = renderLetter("escalation", {
      ...contexts.escalation,
      tasks: { count: 50, dates },
    });
    const weeks = letter.text.split("\n").filter((line) => line.startsWith("- week beginning"));
    expect(weeks.length).toBeLessThanOrEqual(5);
    const total = weeks.reduce((sum, line) => sum + Number(/: (\d+) Tasks? \(/.exec(line)?.[1]), 0);
    expect(total).toBe(50);
    expect(letter.text).not.toContain("dates not given");
  });

  it("counts one task in the singular", () => {
    const one = renderLetter("escalation", {
      ...contexts.escalation,
      tasks: { count: 1, dates: ["2026-09-01"] },
    });
    expect(one.text).toContain(
      "We have received 1 such Task. By the week in which they were sent (weeks beginning on a Monday):\n\n- week beginning 31 August 2026: 1 Task (1 September)\n",
    );
    expect(one.text).not.toContain("The guidance was not followed because");
    expect(one.text).toContain("(clauses 8.4, 11.9, 11.10, 11.12, 12.1.1, 12.1.3)");
  });
});

describe("renderLetter: rejection and reminder through the public function", () => {
  it("renders the rejection for other reasons with each clause", () => {
    const letter = renderLetter("rejection", {
      practice: acceptingPractice,
      task,
      findings: [fitNote],
    });
    expect(letter.text).toContain(
      "NHS Standard Contract clause 11.12: The provider issues fit notes",
    );
  });

  it("accepts a finding written by hand without clause ids or edition", () => {
    const letter = renderLetter("rejection", {
      practice: acceptingPractice,
      task,
      findings: [{ ...fitNote, contract: [{ clause: "11.12", summary: "Fit notes." }] }],
    });
    expect(letter.text).toContain("NHS Standard Contract clause 11.12: Fit notes.");
  });
});

describe("renderLetter: the context", () => {
  it("dates the letter today in London when no date is given", () => {
    const letter = renderLetter("opt-out-notice", { practice });
    const [year, month, day] = londonToday().split("-").map(Number);
    const today = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)),
    );
    expect(letter.text).toContain(`\n${today}\n`);
  });

  it("is a TemplateError naming the missing field", () => {
    expect(templateError(() => renderLetter("reminder", { practice })).path).toBe("task");
    expect(templateError(() => renderLetter("reminder", { practice, task })).path).toBe("findings");
    const { contact: _, ...noContact } = provider;
    expect(
      templateError(() =>
        renderLetter("provider-agreement", { practice, provider: noContact } as LetterContext),
      ).path,
    ).toBe("provider.contact");
    expect(
      templateError(() =>
        renderLetter("escalation", { practice, team: escalation.team } as LetterContext),
      ).path,
    ).toBe("tasks");
    expect(templateError(() => renderLetter("practice-guidance", {} as never)).path).toBe(
      "practice",
    );
    expect(
      templateError(() => renderLetter("reminder", { practice })).message,
    ).toMatchInlineSnapshot(
      `"Template reminder (task): the reminder letter needs these fields in its context: task, findings"`,
    );
  });

  it("is a TemplateError naming practice.externalTasks.from when the letter needs a decline date", () => {
    const error = templateError(() =>
      renderLetter("opt-out-notice", { practice: acceptingPractice }),
    );
    expect(error.path).toBe("practice.externalTasks.from");
    expect(
      templateError(() =>
        renderLetter("rejection", { practice: acceptingPractice, task, findings: [declined] }),
      ).path,
    ).toBe("practice.externalTasks.from");
  });

  it("is an InputError naming the path of a field that is present but wrong", () => {
    const attempt = () => renderLetter("opt-out-notice", { practice, date: "2026-02-30" });
    expect(attempt).toThrow(expect.objectContaining({ subject: "letter-context" }));
    try {
      attempt();
    } catch (error) {
      expect(isInputError(error) && error.issues.map((i) => i.path)).toEqual(["date"]);
    }
    try {
      renderLetter("escalation", {
        ...contexts.escalation,
        tasks: { count: 1, dates: ["2026-09-01", "2026-09-02"] },
      });
    } catch (error) {
      expect(isInputError(error) && error.issues.map((i) => i.path)).toEqual(["tasks.count"]);
    }
  });

  it("is an InputError naming ruleset for a copy whose rules' wording was never checked", () => {
    const copy = JSON.parse(JSON.stringify(buildRuleset(defaultRulesetFiles)));
    try {
      renderLetter("rejection", { ...contexts.rejection, ruleset: copy });
      expect.unreachable("a copied ruleset renders");
    } catch (error) {
      expect(isInputError(error) && error.issues.map((i) => i.path)).toEqual(["ruleset"]);
    }
  });

  it("is a TemplateError for a kind that does not exist", () => {
    expect(templateError(() => renderLetter("apology" as LetterKind, { practice })).path).toBe(
      "kind",
    );
  });
});
