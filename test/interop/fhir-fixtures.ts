/** Synthetic FHIR R4 Tasks (UK Core Task profile) for the interop tests. No real patient data. */

export const ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
export const NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
export const CATEGORY = "https://gp-task-guard.dev/CodeSystem/task-category";

type Json = Record<string, unknown>;

/**
 * A district nurse's task to a practice, as a trust's SystmOne unit would send it over FHIR:
 * the organisation as requester (display and ODS code), the practice as owner, the patient by
 * NHS number. `overrides` replace top-level elements; `undefined` removes one.
 */
export function fhirTask(overrides: Json = {}): Json {
  const base: Json = {
    resourceType: "Task",
    id: "f6a1c2d4-5b3e-4f10-9a7c-2d8e6b1f0a93",
    meta: { profile: ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Task"] },
    identifier: [
      { system: "https://humbercoast.example.nhs.uk/Id/task", value: "HC-20261123-0042" },
    ],
    status: "requested",
    intent: "order",
    priority: "routine",
    code: { text: "Information" },
    description: "For your information: the patient was seen at home today and is now stable.",
    for: {
      reference: "Patient/9434765919",
      identifier: { system: NHS_NUMBER, value: "9434765919" },
      display: "PATIENT, Test",
    },
    authoredOn: "2026-11-23T10:15:00+00:00",
    lastModified: "2026-11-23T10:15:00+00:00",
    requester: {
      reference: "Organization/RXX01",
      identifier: { system: ODS, value: "RXX01" },
      display: "Humber Coast NHS Foundation Trust",
    },
    owner: {
      reference: "Organization/B99999",
      identifier: { system: ODS, value: "B99999" },
      display: "Example Surgery",
    },
    note: [
      {
        authorString: "District Nurse",
        time: "2026-11-23T10:15:00+00:00",
        text: "Please see my recent journal entry which contains actions (23/11/2026 10:05).",
      },
    ],
  };
  const task: Json = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete task[key];
    else task[key] = value;
  }
  return task;
}

/** A PractitionerRole requester carried inside the Task, with its organisation, person, role and team. */
export function practitionerRoleRequester(): Json {
  return {
    contained: [
      {
        resourceType: "Organization",
        id: "org",
        identifier: [{ system: ODS, value: "RXX01" }],
        name: "Humber Coast NHS Foundation Trust",
      },
      {
        resourceType: "Practitioner",
        id: "nurse",
        name: [{ family: "Nurse", given: ["Alex"], prefix: ["Ms"] }],
      },
      {
        resourceType: "HealthcareService",
        id: "team",
        name: "District Nursing (Hull East)",
      },
      {
        resourceType: "PractitionerRole",
        id: "role",
        practitioner: { reference: "#nurse" },
        organization: { reference: "#org" },
        code: [
          {
            coding: [
              { system: "http://snomed.info/sct", code: "224535009", display: "Registered nurse" },
            ],
          },
        ],
        healthcareService: [{ reference: "#team" }],
      },
    ],
    requester: { reference: "#role" },
  };
}

/** A bare Patient: what a caller passes by mistake when they meant the Task about them. */
export const patientResource: Json = {
  resourceType: "Patient",
  id: "9434765919",
  identifier: [{ system: NHS_NUMBER, value: "9434765919" }],
  name: [{ family: "PATIENT", given: ["Test"] }],
};
