// Usage (after npm ci, which builds dist/): npx tsx examples/05-cds-hooks.ts
//
// Answers a CDS Hooks request the way a CDS service would: the FHIR Task in the request's
// context is mapped with fromFhirTask, evaluated, and the verdict returned as CDS Hooks 2.0
// cards with toCdsCards (a human-review card first when a person must read the task, one card
// per finding, the letter as a suggestion). Prints the response body a service would send.
// Imports the package by its own name, as your code would.
import { createGuard, fhirSystems, fromFhirTask, toCdsCards } from "gp-task-guard";

const guard = createGuard({
  practice: {
    name: "Example Surgery",
    units: ["Example Surgery"],
    externalTasks: { policy: "accept" },
    preferredMethod: "e-mail to our generic inbox example.surgery@nhs.net",
    urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
    escalationContact: { name: "Alex Example", role: "Practice Manager" },
  },
});

// A CDS Hooks request as a practice's inbox would send it when a Task arrives (synthetic).
const request = {
  hook: "gp-task-guard-task-received",
  hookInstance: "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
  context: {
    task: {
      resourceType: "Task",
      id: "9b0f3c8e-2a47-4d15-b6e9-71c0d4a8e253",
      status: "requested",
      intent: "order",
      priority: "urgent",
      description: "Please issue a fit note for 6 weeks following surgery. Needs doing today.",
      for: { identifier: { system: fhirSystems.nhsNumber, value: "9434765919" } },
      authoredOn: "2026-11-23T10:15:00+00:00",
      requester: {
        display: "Humber Coast NHS Foundation Trust",
        identifier: { system: fhirSystems.odsOrganisation, value: "RXX01" },
      },
      owner: { type: "Organization", display: "Example Surgery" },
    },
  },
};

const verdict = await guard.evaluate(fromFhirTask(request.context.task));
const response = { cards: toCdsCards(verdict) };

for (const card of response.cards) console.log(`${card.indicator.padEnd(8)} ${card.summary}`);
// critical A person must read this task now, whatever the outcome
// critical Reject: Reject urgent requests sent by task
// …

// The same verdict gives the same card UUIDs, so a CDS client's feedback can refer to them.
const again = toCdsCards(await guard.evaluate(fromFhirTask(request.context.task)));
console.log(again.every((card, i) => card.uuid === response.cards[i]?.uuid)); // true

console.log(JSON.stringify(response, null, 2));
