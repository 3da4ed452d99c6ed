import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import { type InputError, isInputError } from "../../src/errors/input-error.js";
import { fromFhirTask } from "../../src/input/fhir.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import { fhirTask, practitionerRoleRequester } from "../interop/fhir-fixtures.js";
import {
  expectIssues,
  fuzz,
  hostileJson,
  hostileString,
  mutationOf,
  practice,
  prototypeKeys,
  setAt,
  settle,
} from "./fuzz.js";

/** The FHIR Task elements the mapping reads, and the options: every issue path starts with one. */
const fhirRoots = [
  "",
  "resourceType",
  "id",
  "identifier",
  "priority",
  "code",
  "description",
  "for",
  "authoredOn",
  "requester",
  "owner",
  "restriction",
  "note",
  "contained",
  "options",
];

const guard = createGuard({ practice: practice as PracticePolicyInput });

/** A FHIR resource gives a task that evaluates, or an InputError whose paths are FHIR paths. */
async function fhirAnswers(resource: unknown, options = {}): Promise<void> {
  const mapped = await settle(() => fromFhirTask(resource, options));
  if (mapped.ok) {
    const verdict = await settle(() => guard.evaluate(mapped.value));
    if (!verdict.ok) throw verdict.error;
    return;
  }
  expect(isInputError(mapped.error)).toBe(true);
  expect((mapped.error as InputError).subject).toBe("fhir-task");
  for (const issue of expectIssues(mapped.error)) {
    expect(fhirRoots).toContain(issue.path.split(/[.[]/)[0]);
  }
}

describe("FHIR Task resources", () => {
  const bases = [fhirTask(), fhirTask(practitionerRoleRequester())];

  it("maps any JSON value to a task that evaluates, or an InputError with FHIR paths", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileJson,
          hostileJson.map((v) => ({
            ...(typeof v === "object" && v !== null ? v : { value: v }),
            resourceType: "Task",
          })),
        ),
        (resource) => fhirAnswers(resource),
      ),
      fuzz(300),
    );
  });

  it("maps a Task with any one element changed (organisation or practitioner requester) to a task that evaluates, or an InputError with FHIR paths", async () => {
    const mutation = fc
      .constantFrom(...bases)
      .chain((base) => mutationOf(base).map((m) => ({ base, ...m })));
    await fc.assert(
      fc.asyncProperty(mutation, async ({ base, path, replacement }) => {
        await fhirAnswers(setAt(base, path, replacement));
      }),
      fuzz(400),
    );
  });

  it("accepts any options for the units and the sender kind, or names the bad option", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            senderUnit: hostileString,
            recipientUnit: hostileString,
            senderKind: fc.oneof(fc.constantFrom("nhs-provider", "pharmacy"), hostileString),
            categorySystem: hostileString,
          },
          { requiredKeys: [] },
        ),
        async (options) => {
          await fhirAnswers(fhirTask(), options);
        },
      ),
      fuzz(200),
    );
  });

  it("reads contained resources and references named __proto__ or constructor without touching a prototype", async () => {
    const before = prototypeKeys();
    for (const id of ["__proto__", "constructor", "prototype", "toString"]) {
      const resource = JSON.parse(
        JSON.stringify(
          fhirTask({
            contained: [{ resourceType: "Organization", id, name: "Hostile Trust" }],
            requester: { reference: `#${id}` },
            owner: { type: id, display: "Example Surgery" },
          }),
        ),
      ) as unknown;
      await fhirAnswers(resource, { recipientUnit: "Example Surgery" });
    }
    expect(prototypeKeys()).toEqual(before);
  });
});
