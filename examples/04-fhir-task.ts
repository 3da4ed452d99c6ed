// Usage (after npm ci, which builds dist/): npx tsx examples/04-fhir-task.ts
//
// Reads an HL7 FHIR R4 Task (UK Core Task profile), as a trust's system would send it, maps it
// to a task with fromFhirTask, evaluates it and prints the verdict. Then shows the InputError,
// with FHIR paths, for a Patient passed by mistake and for a requester that names no organisation.
// Imports the package by its own name, as your code would.
import {
  createGuard,
  fhirSystems,
  fromFhirTask,
  isInputError,
  type PracticePolicyInput,
} from "gp-task-guard";

const practice: PracticePolicyInput = {
  name: "Example Surgery",
  units: ["Example Surgery"],
  externalTasks: { policy: "accept" },
  preferredMethod: "e-mail to our generic inbox example.surgery@nhs.net",
  urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
  escalationContact: { name: "Alex Example", role: "Practice Manager" },
};

// A discharge team's request, sent by a named nurse (a contained PractitionerRole) to a
// named GP, with a due date one week away. Synthetic: the NHS number is a test number.
const fhirTask = {
  resourceType: "Task",
  id: "4c1e7a52-9d0b-4f3e-8a61-0b2d9c7e5f14",
  meta: { profile: ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Task"] },
  status: "requested",
  intent: "order",
  priority: "routine",
  code: { coding: [{ system: fhirSystems.taskCategory, code: "prescription-after-discharge" }] },
  description: "Patient discharged from Ward 7 yesterday. Please prescribe the new medication.",
  note: [{ text: "Please see my recent journal entry which contains actions (23/11/2026 09:40)." }],
  for: { identifier: { system: fhirSystems.nhsNumber, value: "943 476 5919" } },
  authoredOn: "2026-11-23T10:15:00+00:00",
  restriction: { period: { end: "2026-11-30" } },
  contained: [
    {
      resourceType: "Organization",
      id: "trust",
      identifier: [{ system: fhirSystems.odsOrganisation, value: "RXX01" }],
      name: "Humber Coast NHS Foundation Trust",
    },
    {
      resourceType: "PractitionerRole",
      id: "nurse",
      organization: { reference: "#trust" },
      practitioner: { display: "Ms Alex Nurse" },
      code: [{ text: "Discharge coordinator" }],
      healthcareService: [{ display: "Ward 7 discharge team" }],
    },
  ],
  requester: { reference: "#nurse" },
  owner: { reference: "Practitioner/G1234567", display: "Dr Sam Example" },
};

const task = fromFhirTask(fhirTask, {
  senderUnit: "Humber Coast Ward 7",
  recipientUnit: "Example Surgery",
});
console.log(task.sender); // { organisation: "Humber Coast NHS Foundation Trust", odsCode: "RXX01", name: "Ms Alex Nurse", … }
console.log(task.recipient); // { unit: "Example Surgery", assignment: "user", assignee: "Dr Sam Example" }

const verdict = await createGuard({ practice }).evaluate(task);
console.log(verdict.outcome); // "reject"
for (const finding of verdict.findings) console.log(`${finding.severity} ${finding.ruleId}`);

// Errors point into the FHIR resource, not into the task it maps to.
for (const resource of [
  { resourceType: "Patient", id: "9434765919" },
  {
    ...fhirTask,
    contained: undefined,
    requester: { type: "PractitionerRole", display: "Ms Alex Nurse" },
  },
]) {
  try {
    fromFhirTask(resource, { recipientUnit: "Example Surgery" });
  } catch (error) {
    if (!isInputError(error)) throw error;
    for (const issue of error.issues) console.log(`${issue.path}: ${issue.message}`);
  }
}
