import type { Finding } from "../../src/engine/types.js";
import { type PracticePolicy, practiceSchema } from "../../src/input/practice.js";
import { type TaskInput, taskSchema } from "../../src/input/task.js";

/** A realistic, synthetic practice that stops taking external tasks on 1 December 2026. */
export const practice: PracticePolicy = practiceSchema.parse({
  name: "Example Surgery",
  units: ["Example Surgery"],
  odsCode: "B99999",
  address: ["1 Example Street", "Hull", "HU1 1AA"],
  externalTasks: { policy: "decline", from: "2026-12-01" },
  preferredMethod: "e-mail to our generic inbox, example.surgery@nhs.net",
  urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
  escalationContact: {
    name: "Sam Example",
    role: "Practice Manager",
    email: "example.surgery@nhs.net",
    phone: "01482 000001",
  },
  signOff: "Dr A Example, GP Partner",
});

/** The same practice, still accepting tasks from other providers. */
export const acceptingPractice: PracticePolicy = practiceSchema.parse({
  ...practice,
  externalTasks: { policy: "accept" },
});

/** A task from a community nursing team, sent on 2 December 2026, the day after the decline date. */
export const task: TaskInput = taskSchema.parse({
  id: "T-2026-0042",
  sentAt: "2026-12-02T09:30:00Z",
  sender: {
    organisation: "Example Community Trust",
    odsCode: "RXX",
    unit: "Example Community Nursing",
    team: "District Nursing",
    name: "Jo Bloggs",
    role: "Community Nurse",
  },
  recipient: { unit: "Example Surgery", assignment: "user", assignee: "Dr A Example" },
  patient: { nhsNumber: "943 476 5919" },
  body: "Please issue a fit note for 4 weeks.",
});

const guidance = { section: "Sending and receiving Tasks", quote: "…" };

export const declined: Finding = {
  ruleId: "external-tasks-declined",
  severity: "reject",
  title: "Reject external tasks once the practice has stopped accepting them",
  message:
    "Example Surgery does not accept tasks from external providers from 2026-12-01. The task has not been acted on or actioned.",
  guidance: { section: "Suggested text for rejection of communication via Task", quote: "…" },
  contract: [],
};

export const fitNote: Finding = {
  ruleId: "fit-note",
  severity: "reject",
  title: "Reject requests for fit notes the provider must issue",
  message:
    'The task asks the practice to do work the NHS Standard Contract places on the provider (category "fit-note").',
  guidance,
  contract: [
    {
      id: "SC11.12",
      clause: "11.12",
      summary:
        "The provider issues fit notes for the full duration of absence and extends them as required.",
      edition: "NHS Standard Contract Service Conditions (October 2024)",
    },
  ],
};

export const unassigned: Finding = {
  ruleId: "must-be-unassigned",
  severity: "remind",
  title: "Require tasks from another unit to be Unassigned",
  message:
    'The task was addressed to Dr A Example. Tasks sent outside your own SystmOne unit must be marked "Unassigned".',
  guidance,
  contract: [],
};

export const journal: Finding = {
  ruleId: "journal-reference-missing",
  severity: "remind",
  title: "Require the task to point to a dated journal entry",
  message:
    'The task asks the practice to act but does not point to a journal entry with its date and time. The body should say "Please see my recent journal entry which contains actions (date/time)".',
  guidance,
  contract: [],
};

export const delegated: Finding = {
  ruleId: "delegated-clinical-work",
  severity: "info",
  title: "Note that delegated clinical work must be reasonable",
  message: "The task delegates clinical work: the sender stays responsible for the patient's care.",
  guidance,
  contract: [],
};

/** The provider a practice confirms its Task arrangements with. */
export const provider = {
  name: "Example Community Trust",
  odsCode: "RXX",
  address: ["Trust Headquarters", "2 Example Road", "Hull", "HU2 2BB"],
  manager: { name: "Alex Manager", role: "Director of Community Services" },
  contact: {
    name: "Chris Contact",
    role: "Community Services Manager",
    email: "community.services@nhs.net",
    phone: "01482 111111",
  },
};

/** A team that keeps sending tasks that do not follow the guidance, and what they were. */
export const escalation = {
  team: {
    organisation: "Example Community Trust",
    team: "District Nursing",
    unit: "Example Community Nursing",
  },
  lead: { name: "Pat Lead", role: "Service Lead, Community Nursing" },
  tasks: {
    count: 4,
    dates: ["2026-09-01", "2026-09-08T23:30:00Z", "2026-09-15", "2026-09-22"],
    reasons: [
      {
        ruleId: "must-be-unassigned",
        title: "Require tasks from another unit to be Unassigned",
        count: 3,
      },
      {
        ruleId: "fit-note",
        title: "Reject requests for fit notes the provider must issue",
        count: 1,
      },
    ],
  },
};
