import { describe, expect, it } from "vitest";
import { isTemplateError } from "../../src/errors/template-error.js";
import { practiceSchema } from "../../src/input/practice.js";
import { taskSchema } from "../../src/input/task.js";
import { formatLetterDate, londonToday } from "../../src/letters/dates.js";
import { letterForVerdict } from "../../src/letters/verdict-letter.js";
import { defaultRuleset } from "../../src/rules/default.js";
import {
  acceptingPractice,
  declined,
  delegated,
  fitNote,
  journal,
  practice,
  task,
  unassigned,
} from "./fixtures.js";
import { htmlProblems } from "./html.js";

const ruleset = defaultRuleset();
const responsibility =
  "There is an expectation that the sender of a task continues to review the patient record to monitor that the request has been actioned/completed and to follow up/escalate as required.";
const entity = /&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

/** A task sent before the practice's decline date. */
const earlyTask = taskSchema.parse({ ...task, sentAt: "2026-11-10T14:05:00Z" });

describe("letterForVerdict: rejection for a declined external task", () => {
  const letter = letterForVerdict({
    kind: "rejection",
    practice,
    task,
    findings: [declined],
    ruleset,
    date: "2026-12-03",
  });

  it("follows the guidance's suggested text with the practice, the date, the method and the urgent route", () => {
    expect(letter.text).toContain(
      "You have communicated with Example Surgery via a SystmOne Task (sent on 2 December 2026",
    );
    expect(letter.text).toContain(
      "Please be aware that from 1 December 2026 we do not accept tasks from external providers as a method of communication with the practice due to patient safety concerns. Please resend the information via e-mail to our generic inbox, example.surgery@nhs.net. Your Task has not been acted on or actioned.",
    );
    expect(letter.text).toContain("telephone the practice on 01482 000000");
    expect(letter.text).toContain(
      "Please do not send e-mails to individuals in the practice team: this has the same patient safety issues as individual Tasks.",
    );
    expect(letter.text).toContain(responsibility);
  });

  it("pins the wording of the text letter", () => {
    expect(letter.subject).toMatchInlineSnapshot(
      `"Your SystmOne Task of 2 December 2026 has not been actioned"`,
    );
    expect(letter.text).toMatchInlineSnapshot(`
      "Example Surgery
      1 Example Street
      Hull
      HU1 1AA
      Telephone: 01482 000000
      E-mail: example.surgery@nhs.net
      ODS code: B99999

      3 December 2026

      To: Jo Bloggs (Community Nurse), District Nursing, Example Community Trust

      Dear Colleague

      You have communicated with Example Surgery via a SystmOne Task (sent on 2 December 2026 by Jo Bloggs from Example Community Nursing, reference T-2026-0042, about the patient with NHS number 943 476 5919). Please be aware that from 1 December 2026 we do not accept tasks from external providers as a method of communication with the practice due to patient safety concerns. Please resend the information via e-mail to our generic inbox, example.surgery@nhs.net. Your Task has not been acted on or actioned.

      If you have an urgent patient safety concern, do not use a Task: telephone the practice on 01482 000000 or e-mail our generic inbox, example.surgery@nhs.net. Please do not send e-mails to individuals in the practice team: this has the same patient safety issues as individual Tasks.

      Sending a Task to another organisation or team does not end your responsibility for the patient's care. There is an expectation that the sender of a task continues to review the patient record to monitor that the request has been actioned/completed and to follow up/escalate as required.

      Yours faithfully

      Dr A Example, GP Partner
      Example Surgery
      "
    `);
  });

  it("has the same content in a valid, self-contained HTML document", async () => {
    expect(letter.html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(letter.html).toContain("<strong>Your Task has not been acted on or actioned.</strong>");
    expect(letter.html).toContain("from 1 December 2026 we do not accept tasks");
    expect(letter.html).not.toMatch(/<link|<img|<script|url\(|@import/);
    expect(await htmlProblems(letter.html)).toEqual([]);
  });
});

describe("letterForVerdict: rejection for other reasons", () => {
  const letter = letterForVerdict({
    kind: "rejection",
    practice: acceptingPractice,
    task,
    findings: [fitNote, unassigned, journal],
    ruleset,
    date: "2026-12-03",
  });

  it("names each reason with its contract clause, then what to change next time", () => {
    expect(letter.text).toContain(
      "- The provider issues and extends fit notes\n  Your Task asks the practice to issue or extend a fit note (“Please issue a fit note for 4 weeks”).",
    );
    expect(letter.text).toContain(
      "NHS Standard Contract clause 11.12: The provider issues fit notes for the full duration of absence and extends them as required.",
    );
    expect(letter.text).toContain("For your next Task, please also note:");
    expect(letter.text).toContain(
      "“Please see my recent journal entry which contains actions (date/time)”",
    );
    expect(letter.text).not.toContain("we do not accept tasks from external providers");
    expect(letter.text).toContain(responsibility);
  });

  it("pins the wording of the text letter", () => {
    expect(letter.text).toMatchInlineSnapshot(`
      "Example Surgery
      1 Example Street
      Hull
      HU1 1AA
      Telephone: 01482 000000
      E-mail: example.surgery@nhs.net
      ODS code: B99999

      3 December 2026

      To: Jo Bloggs (Community Nurse), District Nursing, Example Community Trust

      Dear Colleague

      You have communicated with Example Surgery via a SystmOne Task (sent on 2 December 2026 by Jo Bloggs from Example Community Nursing, reference T-2026-0042, about the patient with NHS number 943 476 5919). Your Task has not been acted on or actioned, because it does not follow Humberside LMCs' guidance on the use of Tasks in SystmOne (October 2024):

      - The provider issues and extends fit notes
        Your Task asks the practice to issue or extend a fit note (“Please issue a fit note for 4 weeks”). This is the provider's responsibility under the NHS Standard Contract, so please arrange it yourselves: sending a Task does not pass the responsibility to the practice.
        NHS Standard Contract clause 11.12: The provider issues fit notes for the full duration of absence and extends them as required.

      If you still need the practice to act, please contact us via e-mail to our generic inbox, example.surgery@nhs.net, not by Task.

      For your next Task, please also note:

      - Tasks to another unit must be Unassigned
        Your Task was addressed to Dr A Example. When you send a Task outside your own SystmOne unit, please mark the recipient as “Unassigned”: a named recipient may not be on duty or could be on annual leave, so the Task may be left unread, and Task groups are set up differently in each SystmOne unit, so a Task sent to a group may reach the wrong person.

      - Point to a dated journal entry
        Your Task asks the practice to act but does not point to a journal entry with its date and time. Please keep the details of care in the journal in the patient's record, and write in the body of the Task: “Please see my recent journal entry which contains actions (date/time)”, giving the date and time of that entry.

      If you have an urgent patient safety concern, do not use a Task: telephone the practice on 01482 000000 or e-mail our generic inbox, example.surgery@nhs.net. Please do not send e-mails to individuals in the practice team: this has the same patient safety issues as individual Tasks.

      Sending a Task to another organisation or team does not end your responsibility for the patient's care. There is an expectation that the sender of a task continues to review the patient record to monitor that the request has been actioned/completed and to follow up/escalate as required.

      Yours faithfully

      Dr A Example, GP Partner
      Example Surgery
      "
    `);
  });

  it("is valid HTML with the reasons as a list", async () => {
    expect(letter.html).toContain(
      '<span class="reason-title">The provider issues and extends fit notes</span>',
    );
    expect(letter.html).toContain('<span class="clause">NHS Standard Contract clause 11.12:');
    expect(await htmlProblems(letter.html)).toEqual([]);
  });
});

describe("letterForVerdict: reminder", () => {
  const letter = letterForVerdict({
    kind: "reminder",
    practice: acceptingPractice,
    task,
    findings: [unassigned, journal, delegated],
    ruleset,
    date: "2026-12-03",
  });

  it("says what to change next time: Unassigned, the journal reference sentence, details in the journal", () => {
    expect(letter.text).toContain(
      "When you send a Task outside your own SystmOne unit, please mark the recipient as “Unassigned”",
    );
    expect(letter.text).toContain(
      "write in the body of the Task: “Please see my recent journal entry which contains actions (date/time)”, giving the date and time of that entry.",
    );
    expect(letter.text).toContain(
      "Please keep the details of care in the journal in the patient's record",
    );
    expect(letter.text).toContain(
      "Please also note:\n\n- Work you delegate stays your responsibility",
    );
    expect(letter.text).toContain(responsibility);
  });

  it("pins the wording of the text letter", () => {
    expect(letter.subject).toMatchInlineSnapshot(
      `"Your SystmOne Task of 2 December 2026: a reminder for next time"`,
    );
    expect(letter.text).toMatchInlineSnapshot(`
      "Example Surgery
      1 Example Street
      Hull
      HU1 1AA
      Telephone: 01482 000000
      E-mail: example.surgery@nhs.net
      ODS code: B99999

      3 December 2026

      To: Jo Bloggs (Community Nurse), District Nursing, Example Community Trust

      Dear Colleague

      Thank you for your SystmOne Task (sent on 2 December 2026 by Jo Bloggs from Example Community Nursing, reference T-2026-0042, about the patient with NHS number 943 476 5919). We have accepted it, but it does not follow Humberside LMCs' guidance on the use of Tasks in SystmOne (October 2024). When you next send a Task to Example Surgery, please change the following:

      - Tasks to another unit must be Unassigned
        Your Task was addressed to Dr A Example. When you send a Task outside your own SystmOne unit, please mark the recipient as “Unassigned”: a named recipient may not be on duty or could be on annual leave, so the Task may be left unread, and Task groups are set up differently in each SystmOne unit, so a Task sent to a group may reach the wrong person.

      - Point to a dated journal entry
        Your Task asks the practice to act but does not point to a journal entry with its date and time. Please keep the details of care in the journal in the patient's record, and write in the body of the Task: “Please see my recent journal entry which contains actions (date/time)”, giving the date and time of that entry.

      Please also note:

      - Work you delegate stays your responsibility
        Your Task asks the practice to take on clinical work (“Please issue a fit note for 4 weeks”). Please make sure that work you delegate is reasonable and appropriate for general practice, and keep reviewing the patient's record to check that it has been done.

      If you have an urgent patient safety concern, do not use a Task: telephone the practice on 01482 000000 or e-mail our generic inbox, example.surgery@nhs.net. Please do not send e-mails to individuals in the practice team: this has the same patient safety issues as individual Tasks.

      Sending a Task to another organisation or team does not end your responsibility for the patient's care. There is an expectation that the sender of a task continues to review the patient record to monitor that the request has been actioned/completed and to follow up/escalate as required.

      Yours faithfully

      Dr A Example, GP Partner
      Example Surgery
      "
    `);
  });

  it("is valid HTML", async () => {
    expect(letter.html).toContain(
      "“Please see my recent journal entry which contains actions (date/time)”",
    );
    expect(await htmlProblems(letter.html)).toEqual([]);
  });
});

describe("letterForVerdict: opt-out notice", () => {
  const letter = letterForVerdict({
    kind: "opt-out-notice",
    practice,
    task: earlyTask,
    findings: [],
    ruleset,
    date: "2026-12-03",
  });

  it("gives the decline date, the preferred method and the urgent route", () => {
    expect(letter.subject).toBe(
      "From 1 December 2026, Example Surgery will not accept SystmOne Tasks",
    );
    expect(letter.text).toContain("Thank you for your SystmOne Task (sent on 10 November 2026");
    expect(letter.text).toContain(
      "from 1 December 2026, Example Surgery will not accept SystmOne Tasks from external providers",
    );
    expect(letter.text).toContain(
      "please send information and requests via e-mail to our generic inbox, example.surgery@nhs.net.",
    );
    expect(letter.text).toContain("telephone the practice on 01482 000000");
    expect(letter.text).toContain(responsibility);
  });

  it("pins the wording of the text letter", () => {
    expect(letter.text).toMatchInlineSnapshot(`
      "Example Surgery
      1 Example Street
      Hull
      HU1 1AA
      Telephone: 01482 000000
      E-mail: example.surgery@nhs.net
      ODS code: B99999

      3 December 2026

      To: Jo Bloggs (Community Nurse), District Nursing, Example Community Trust

      Dear Colleague

      Change to how Example Surgery receives communication from other providers

      Thank you for your SystmOne Task (sent on 10 November 2026 by Jo Bloggs from Example Community Nursing, reference T-2026-0042, about the patient with NHS number 943 476 5919), which we have received.

      Please be aware that from 1 December 2026, Example Surgery will not accept SystmOne Tasks from external providers as a method of communication with the practice, due to patient safety concerns. Tasks are not a formally established route of communication for the practice and sit outside our normal workflow, and there is an increased risk of critical information being missed when Tasks are used instead of defined communication pathways.

      From that date, please send information and requests via e-mail to our generic inbox, example.surgery@nhs.net. Tasks sent to the practice from that date will not be acted on or actioned.

      If you have an urgent patient safety concern, do not use a Task: telephone the practice on 01482 000000 or e-mail our generic inbox, example.surgery@nhs.net. Please do not send e-mails to individuals in the practice team: this has the same patient safety issues as individual Tasks.

      Please share this notice with colleagues in your team or service who send Tasks to the practice.

      Sending a Task to another organisation or team does not end your responsibility for the patient's care. There is an expectation that the sender of a task continues to review the patient record to monitor that the request has been actioned/completed and to follow up/escalate as required.

      Yours faithfully

      Dr A Example, GP Partner
      Example Surgery
      "
    `);
  });

  it("is valid HTML", async () => {
    expect(await htmlProblems(letter.html)).toEqual([]);
  });

  it("is a TemplateError naming practice.externalTasks.from when the practice has no decline date", () => {
    const attempt = () =>
      letterForVerdict({
        kind: "opt-out-notice",
        practice: acceptingPractice,
        task,
        findings: [],
        ruleset,
      });
    expect(attempt).toThrow(/practice\.externalTasks\.from/);
    try {
      attempt();
    } catch (error) {
      expect(isTemplateError(error) && error.path).toBe("practice.externalTasks.from");
    }
  });
});

describe("letterForVerdict: dates and determinism", () => {
  const input = { kind: "rejection", practice, task, findings: [declined], ruleset } as const;

  it("is dated today in London without a date, and the same with a date pinned", () => {
    const today = letterForVerdict(input);
    expect(today.text).toContain(
      `ODS code: B99999\n\n${formatLetterDate(londonToday())}\n\nTo: Jo Bloggs`,
    );
    const first = letterForVerdict({ ...input, date: "2026-12-03" });
    const second = letterForVerdict({ ...input, findings: [{ ...declined }], date: "2026-12-03" });
    expect(second).toEqual(first);
  });

  it("prints a given date under the letterhead as 1 December 2026", () => {
    const letter = letterForVerdict({ ...input, date: "2026-12-03" });
    expect(letter.text).toContain("ODS code: B99999\n\n3 December 2026\n\nTo: Jo Bloggs");
    expect(letter.html).toContain('<p class="date">3 December 2026</p>');
  });

  it("names the task by its London sending date (23:30 UTC on 31 May is 1 June)", () => {
    const late = taskSchema.parse({ ...task, sentAt: "2027-05-31T23:30:00Z" });
    const letter = letterForVerdict({ ...input, task: late });
    expect(letter.subject).toBe("Your SystmOne Task of 1 June 2027 has not been actioned");
  });
});

describe("letterForVerdict: data that looks like markup or templates", () => {
  const awkward = practiceSchema.parse({
    ...practice,
    name: `Smith & Jones <Surgery> "The" {{practice.name}}`,
    preferredMethod: "e-mail <b>only</b> to a&b@nhs.net {{{raw}}}",
    signOff: "Dr O'Brien & Partners",
  });
  const awkwardTask = taskSchema.parse({
    ...task,
    sender: { ...task.sender, name: "<script>alert(1)</script>", team: "{{#each x}}" },
  });

  for (const kind of ["rejection", "reminder", "opt-out-notice"] as const) {
    const findings = kind === "rejection" ? [declined] : kind === "reminder" ? [unassigned] : [];
    const letter = letterForVerdict({
      kind,
      practice: awkward,
      task: awkwardTask,
      findings,
      ruleset,
    });

    it(`${kind}: appears literally in the text letter, with no HTML entities`, () => {
      expect(letter.text).toContain(`Smith & Jones <Surgery> "The" {{practice.name}}`);
      expect(letter.text).toContain("Dr O'Brien & Partners");
      if (kind !== "reminder")
        expect(letter.text).toContain("e-mail <b>only</b> to a&b@nhs.net {{{raw}}}");
      expect(letter.text).toContain("<script>alert(1)</script>");
      expect(letter.text).not.toMatch(entity);
    });

    it(`${kind}: is escaped in the HTML letter, which stays valid`, async () => {
      expect(letter.html).toContain(
        "Smith &amp; Jones &lt;Surgery&gt; &quot;The&quot; {{practice.name}}",
      );
      expect(letter.html).toContain("Dr O&#x27;Brien &amp; Partners");
      expect(letter.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(letter.html).not.toContain("<script>");
      expect(letter.html).not.toContain("<b>only</b>");
      expect(await htmlProblems(letter.html)).toEqual([]);
    });
  }
});
