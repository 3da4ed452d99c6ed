import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/errors/guard-error.js";
import { InputError } from "../../src/errors/input-error.js";
import { fhirSystems, fromFhirTask } from "../../src/input/fhir.js";
import {
  CATEGORY,
  fhirTask,
  NHS_NUMBER,
  ODS,
  patientResource,
  practitionerRoleRequester,
} from "./fhir-fixtures.js";

/** The issues of the InputError that `read` throws (fails the test when it does not throw one). */
function issuesOf(read: () => unknown): Issue[] {
  try {
    read();
  } catch (error) {
    if (error instanceof InputError) {
      expect(error.subject).toBe("fhir-task");
      return error.issues;
    }
    throw error;
  }
  throw new Error("expected an InputError, but the resource was read");
}

describe("fromFhirTask", () => {
  it("reads a UK Core Task from a trust to a practice as an unassigned task", () => {
    expect(fromFhirTask(fhirTask())).toEqual({
      id: "f6a1c2d4-5b3e-4f10-9a7c-2d8e6b1f0a93",
      sentAt: "2026-11-23T10:15:00+00:00",
      sender: {
        organisation: "Humber Coast NHS Foundation Trust",
        odsCode: "RXX01",
        unit: "Humber Coast NHS Foundation Trust",
        kind: "nhs-provider",
      },
      recipient: { unit: "Example Surgery", assignment: "unassigned" },
      patient: { nhsNumber: "9434765919" },
      urgent: false,
      body:
        "For your information: the patient was seen at home today and is now stable.\n\n" +
        "Please see my recent journal entry which contains actions (23/11/2026 10:05).",
    });
  });

  it("publishes the package's category and rule code systems", () => {
    expect(fhirSystems.taskCategory).toBe(CATEGORY);
    expect(fhirSystems.rule).toBe("https://gp-task-guard.dev/CodeSystem/rule");
    expect(fhirSystems.odsOrganisation).toBe(ODS);
    expect(fhirSystems.nhsNumber).toBe(NHS_NUMBER);
  });

  describe("owner → recipient.assignment", () => {
    it.each([
      [
        "Organization",
        { type: "Organization", display: "Example Surgery" },
        "unassigned",
        undefined,
      ],
      [
        "Practitioner",
        { reference: "Practitioner/G1234567", display: "Dr Sam Example" },
        "user",
        "Dr Sam Example",
      ],
      [
        "PractitionerRole",
        { type: "PractitionerRole", display: "Dr Sam Example (GP partner)" },
        "user",
        "Dr Sam Example (GP partner)",
      ],
      [
        "CareTeam",
        { reference: "CareTeam/ct1", display: "Prescribing clerks" },
        "group",
        "Prescribing clerks",
      ],
      [
        "Group",
        { type: "http://hl7.org/fhir/StructureDefinition/Group", display: "Admin team" },
        "group",
        "Admin team",
      ],
      [
        "HealthcareService",
        { reference: "https://fhir.example.nhs.uk/HealthcareService/hs9", display: "Results desk" },
        "group",
        "Results desk",
      ],
    ])("an owner that is a %s is addressed %s", (_type, owner, assignment, assignee) => {
      const task = fromFhirTask(fhirTask({ owner }), { recipientUnit: "Example Surgery" });
      expect(task.recipient).toEqual(
        assignee === undefined
          ? { unit: "Example Surgery", assignment }
          : { unit: "Example Surgery", assignment, assignee },
      );
    });

    it("takes the recipient unit from a contained owner's organisation when no option names it", () => {
      const task = fromFhirTask(
        fhirTask({
          contained: [
            { resourceType: "Organization", id: "gp", name: "Example Surgery" },
            {
              resourceType: "PractitionerRole",
              id: "gp-role",
              practitioner: { display: "Dr Sam Example" },
              organization: { reference: "#gp" },
            },
          ],
          owner: { reference: "#gp-role" },
        }),
      );
      expect(task.recipient).toEqual({
        unit: "Example Surgery",
        assignment: "user",
        assignee: "Dr Sam Example",
      });
    });

    it("reads a Task with no owner yet as unassigned in the unit the caller names", () => {
      const task = fromFhirTask(fhirTask({ owner: undefined }), {
        recipientUnit: "Example Surgery",
      });
      expect(task.recipient).toEqual({ unit: "Example Surgery", assignment: "unassigned" });
    });

    it("refuses an owner that is a Patient, at owner", () => {
      const issues = issuesOf(() => fromFhirTask(fhirTask({ owner: { reference: "Patient/1" } })));
      expect(issues.map((i) => [i.path, i.code])).toEqual([["owner", "unsupported_owner"]]);
    });

    it("refuses an owner whose type cannot be told, at owner.type", () => {
      const issues = issuesOf(() =>
        fromFhirTask(fhirTask({ owner: { display: "Someone" } }), {
          recipientUnit: "Example Surgery",
        }),
      );
      expect(issues.map((i) => [i.path, i.code])).toEqual([["owner.type", "unknown_owner_type"]]);
    });

    it("refuses a user owner when nothing names the practice's unit, at owner", () => {
      const issues = issuesOf(() =>
        fromFhirTask(fhirTask({ owner: { reference: "Practitioner/1" } })),
      );
      expect(issues.map((i) => [i.path, i.code])).toEqual([["owner", "missing_recipient_unit"]]);
    });
  });

  describe("priority → urgent", () => {
    it.each([
      ["routine", false],
      ["urgent", true],
      ["asap", true],
      ["stat", true],
    ])("priority %s gives urgent %s", (priority, urgent) => {
      expect(fromFhirTask(fhirTask({ priority })).urgent).toBe(urgent);
    });

    it("a Task with no priority is not urgent", () => {
      expect(fromFhirTask(fhirTask({ priority: undefined })).urgent).toBe(false);
    });

    it("refuses a priority FHIR does not define, at priority", () => {
      const issues = issuesOf(() => fromFhirTask(fhirTask({ priority: "high" })));
      expect(issues).toMatchInlineSnapshot(`
        [
          {
            "code": "invalid_value",
            "message": "priority must be one of routine, urgent, asap, stat",
            "path": "priority",
          },
        ]
      `);
    });
  });

  describe("requester → sender", () => {
    it("reads a contained PractitionerRole as the person, role and team of its organisation", () => {
      const task = fromFhirTask(fhirTask(practitionerRoleRequester()), {
        senderUnit: "Humber Coast Community Nursing",
      });
      expect(task.sender).toEqual({
        organisation: "Humber Coast NHS Foundation Trust",
        odsCode: "RXX01",
        unit: "Humber Coast Community Nursing",
        name: "Ms Alex Nurse",
        role: "Registered nurse",
        team: "District Nursing (Hull East)",
        kind: "nhs-provider",
      });
    });

    it("reads a PractitionerRole reference with an ODS identifier as that organisation, the display as the person", () => {
      const task = fromFhirTask(
        fhirTask({
          requester: {
            type: "PractitionerRole",
            identifier: { system: ODS, value: "RXX01" },
            display: "Ms Alex Nurse",
          },
        }),
      );
      expect(task.sender).toEqual({
        organisation: "RXX01",
        odsCode: "RXX01",
        unit: "RXX01",
        name: "Ms Alex Nurse",
        kind: "nhs-provider",
      });
    });

    it("reads a contained Organization requester's name and ODS code", () => {
      const task = fromFhirTask(
        fhirTask({
          contained: [
            {
              resourceType: "Organization",
              id: "trust",
              identifier: [{ system: ODS, value: "RXX01" }],
              name: "Humber Coast NHS Foundation Trust",
            },
          ],
          requester: { reference: "#trust" },
        }),
      );
      expect(task.sender.organisation).toBe("Humber Coast NHS Foundation Trust");
      expect(task.sender.odsCode).toBe("RXX01");
    });

    it("reads an untyped requester with only a display as the sending organisation, without an ODS code", () => {
      const task = fromFhirTask(fhirTask({ requester: { display: "Humber Coast Hospice" } }), {
        senderKind: "independent-provider",
        senderUnit: "Hospice at Home",
      });
      expect(task.sender).toEqual({
        organisation: "Humber Coast Hospice",
        unit: "Hospice at Home",
        kind: "independent-provider",
      });
    });

    it("refuses a Task with no requester, at requester", () => {
      const issues = issuesOf(() => fromFhirTask(fhirTask({ requester: undefined })));
      expect(issues).toMatchInlineSnapshot(`
        [
          {
            "code": "missing_requester",
            "message": "requester is missing: it names the organisation that sent the task (an Organization, or a PractitionerRole with its organization)",
            "path": "requester",
          },
        ]
      `);
    });

    it("refuses a PractitionerRole requester that names no organisation, at requester.identifier", () => {
      const issues = issuesOf(() =>
        fromFhirTask(
          fhirTask({ requester: { type: "PractitionerRole", display: "Ms Alex Nurse" } }),
        ),
      );
      expect(issues).toMatchInlineSnapshot(`
        [
          {
            "code": "missing_organisation",
            "message": "requester (PractitionerRole) does not say which organisation sent the task: give requester.identifier with the ODS code (system https://fhir.nhs.uk/Id/ods-organization-code) or requester.display, or contain the PractitionerRole with its organization",
            "path": "requester.identifier",
          },
        ]
      `);
    });

    it("refuses a reference to a contained resource that is not there, at requester.reference", () => {
      const issues = issuesOf(() =>
        fromFhirTask(fhirTask({ requester: { reference: "#missing" } })),
      );
      expect(issues.map((i) => [i.path, i.code])).toEqual([
        ["requester.reference", "unresolved_reference"],
      ]);
    });

    it("refuses a Device as requester, at requester", () => {
      const issues = issuesOf(() =>
        fromFhirTask(fhirTask({ requester: { reference: "Device/pump" } })),
      );
      expect(issues.map((i) => [i.path, i.code])).toEqual([["requester", "unsupported_requester"]]);
    });

    it("refuses an empty organisation name at the FHIR element it came from", () => {
      const issues = issuesOf(() =>
        fromFhirTask(fhirTask({ requester: { type: "Organization", display: "  " } })),
      );
      expect(issues).toMatchInlineSnapshot(`
        [
          {
            "code": "too_small",
            "message": "requester.display (the task's sender.organisation) must not be empty",
            "path": "requester.display",
          },
        ]
      `);
    });
  });

  describe("authoredOn → sentAt", () => {
    it("refuses a Task with no authoredOn, at authoredOn", () => {
      const issues = issuesOf(() => fromFhirTask(fhirTask({ authoredOn: undefined })));
      expect(issues.map((i) => [i.path, i.code])).toEqual([["authoredOn", "missing_authored_on"]]);
    });

    it("refuses an authoredOn that is only a date, at authoredOn", () => {
      const issues = issuesOf(() => fromFhirTask(fhirTask({ authoredOn: "2026-11-23" })));
      expect(issues.map((i) => [i.path, i.code])).toEqual([["authoredOn", "invalid_date"]]);
    });

    it("refuses a date-time that does not exist, at authoredOn rather than sentAt", () => {
      const issues = issuesOf(() => fromFhirTask(fhirTask({ authoredOn: "2026-02-30T10:00:00Z" })));
      expect(issues).toMatchInlineSnapshot(`
        [
          {
            "code": "invalid_format",
            "message": "authoredOn (the task's sentAt) must be an ISO 8601 date-time that exists, with Z or an offset, e.g. 2026-11-23T09:30:00Z",
            "path": "authoredOn",
          },
        ]
      `);
    });
  });

  describe("for.identifier → patient.nhsNumber", () => {
    it("reads the NHS number identifier and ignores other identifiers", () => {
      const task = fromFhirTask(
        fhirTask({
          for: {
            identifier: [
              { system: "https://fhir.example.nhs.uk/Id/local-patient", value: "LP-77" },
              { system: NHS_NUMBER, value: "999 000 0018" },
            ],
          },
        }),
      );
      expect(task.patient).toEqual({ nhsNumber: "9990000018" });
    });

    it("leaves the patient out when `for` carries no NHS number", () => {
      const task = fromFhirTask(fhirTask({ for: { reference: "Patient/abc" } }));
      expect(task.patient).toBeUndefined();
    });

    it("refuses an NHS number with a wrong check digit, at for.identifier.value", () => {
      const issues = issuesOf(() =>
        fromFhirTask(
          fhirTask({ for: { identifier: { system: NHS_NUMBER, value: "9434765918" } } }),
        ),
      );
      expect(issues).toMatchInlineSnapshot(`
        [
          {
            "code": "custom",
            "message": "for.identifier.value (the task's patient.nhsNumber) fails the Modulus 11 check digit",
            "path": "for.identifier.value",
          },
        ]
      `);
    });

    it("points at the identifier's index when `for.identifier` is sent as an array", () => {
      const issues = issuesOf(() =>
        fromFhirTask(
          fhirTask({ for: { identifier: [{ system: NHS_NUMBER, value: "943 476 5918" }] } }),
        ),
      );
      expect(issues.map((i) => i.path)).toEqual(["for.identifier[0].value"]);
    });
  });

  describe("description and note[].text → body", () => {
    it("joins the description and every note, in order, as paragraphs", () => {
      const task = fromFhirTask(
        fhirTask({
          description: "Patient discharged from Ward 7 on 20/11/2026.",
          note: [
            { text: "  Please review the medication changes.  " },
            { text: "" },
            {
              text: "Please see my recent journal entry which contains actions (20/11/2026 16:40).",
            },
          ],
        }),
      );
      expect(task.body).toBe(
        "Patient discharged from Ward 7 on 20/11/2026.\n\n" +
          "Please review the medication changes.\n\n" +
          "Please see my recent journal entry which contains actions (20/11/2026 16:40).",
      );
    });

    it("reads a Task with only notes", () => {
      const task = fromFhirTask(
        fhirTask({ description: undefined, note: [{ text: "Bloods due." }] }),
      );
      expect(task.body).toBe("Bloods due.");
    });

    it("refuses a body over 20,000 characters at description", () => {
      const issues = issuesOf(() => fromFhirTask(fhirTask({ description: "x".repeat(20_001) })));
      expect(issues.map((i) => [i.path, i.code])).toEqual([["description", "too_big"]]);
    });
  });

  describe("restriction.period.end → dueBy", () => {
    it.each(["2026-11-30", "2026-11-30T17:00:00+00:00"])("reads %s as the due date", (end) => {
      const task = fromFhirTask(fhirTask({ restriction: { period: { end } } }));
      expect(task.dueBy).toBe(end);
    });

    it("has no due date when the Task has no restriction", () => {
      expect(fromFhirTask(fhirTask()).dueBy).toBeUndefined();
    });

    it("refuses a partial date, at restriction.period.end", () => {
      const issues = issuesOf(() =>
        fromFhirTask(fhirTask({ restriction: { period: { end: "2026-11" } } })),
      );
      expect(issues.map((i) => i.path)).toEqual(["restriction.period.end"]);
    });
  });

  describe("code → category", () => {
    it("reads a coding in the package's category code system", () => {
      const code = {
        coding: [
          { system: "http://snomed.info/sct", code: "183444007" },
          { system: CATEGORY, code: "fit-note", display: "Fit note" },
        ],
      };
      expect(fromFhirTask(fhirTask({ code })).category).toBe("fit-note");
    });

    it("ignores codings in other systems, leaving the category to be inferred", () => {
      const code = {
        coding: [{ system: "http://snomed.info/sct", code: "183444007" }],
        text: "Referral",
      };
      expect(fromFhirTask(fhirTask({ code })).category).toBeUndefined();
    });

    it("reads codes from the system a caller names", () => {
      const code = {
        coding: [{ system: "https://icb.example.nhs.uk/CodeSystem/task-type", code: "admin" }],
      };
      const task = fromFhirTask(fhirTask({ code }), {
        categorySystem: "https://icb.example.nhs.uk/CodeSystem/task-type",
      });
      expect(task.category).toBe("admin");
    });

    it("refuses a code that is not a category id, at code.coding[0].code", () => {
      const issues = issuesOf(() =>
        fromFhirTask(fhirTask({ code: { coding: [{ system: CATEGORY, code: "Fit Note" }] } })),
      );
      expect(issues.map((i) => i.path)).toEqual(["code.coding[0].code"]);
    });
  });

  describe("id", () => {
    it.each(["https://fhir.tpp-uk.com/Id/SystmOne-task-id", "urn:systemone:task"])(
      "prefers an identifier whose system names SystmOne (%s) over the resource id",
      (system) => {
        const identifier = [
          { system: "https://humbercoast.example.nhs.uk/Id/task", value: "HC-1" },
          { system, value: "S1-889911" },
        ];
        expect(fromFhirTask(fhirTask({ identifier })).id).toBe("S1-889911");
      },
    );

    it("falls back to the first identifier when the resource has no id", () => {
      expect(fromFhirTask(fhirTask({ id: undefined })).id).toBe("HC-20261123-0042");
    });

    it("refuses a Task with neither id nor identifier, at id", () => {
      const issues = issuesOf(() =>
        fromFhirTask(fhirTask({ id: undefined, identifier: undefined })),
      );
      expect(issues.map((i) => [i.path, i.code])).toEqual([["id", "missing_id"]]);
    });
  });

  describe("not a Task", () => {
    it("refuses a Patient passed by mistake with one issue at resourceType", () => {
      const issues = issuesOf(() => fromFhirTask(patientResource));
      expect(issues).toMatchInlineSnapshot(`
        [
          {
            "code": "not_a_task",
            "message": "resourceType must be "Task": a Patient resource was given: pass the Task, not the Patient it is for",
            "path": "resourceType",
          },
        ]
      `);
    });

    it("refuses a Bundle and says where the Task is", () => {
      const issues = issuesOf(() => fromFhirTask({ resourceType: "Bundle", entry: [] }));
      expect(issues[0]?.message).toContain("entry[].resource");
    });

    it.each([
      ["null", null],
      ["a string", "Task"],
      ["an array", []],
      ["a number", 42],
    ])("refuses %s, which is not a JSON object", (_what, value) => {
      const issues = issuesOf(() => fromFhirTask(value));
      expect(issues.map((i) => [i.path, i.code])).toEqual([["", "invalid_type"]]);
    });

    it("refuses an object with no resourceType, at resourceType", () => {
      const issues = issuesOf(() => fromFhirTask({ id: "x" }));
      expect(issues.map((i) => [i.path, i.code])).toEqual([["resourceType", "not_a_task"]]);
    });

    it("names the FHIR path of an element with the wrong JSON type", () => {
      const issues = issuesOf(() => fromFhirTask(fhirTask({ note: [{ text: 42 }] })));
      expect(issues.map((i) => i.path)).toEqual(["note[0].text"]);
    });
  });

  it("reports every missing part at once", () => {
    const issues = issuesOf(() =>
      fromFhirTask(fhirTask({ authoredOn: undefined, requester: undefined, owner: undefined })),
    );
    expect(issues.map((i) => i.path)).toEqual(["authoredOn", "requester", "owner"]);
  });
});
