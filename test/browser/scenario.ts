/**
 * What the browser page evaluates, shared with the test so that the verdict read back from
 * Chromium is compared with the same evaluation in Node, not with a hard-coded answer.
 */
import { createGuard, fromFhirTask, toCdsCards } from "../../src/index.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";

const practice = {
  name: "Example Surgery",
  units: ["Example Surgery"],
  externalTasks: { policy: "accept" },
  preferredMethod: "e-mail to our generic inbox example.surgery@nhs.net",
  urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
  escalationContact: { name: "Practice Manager" },
};

/** An urgent fit-note request from a trust, addressed to a named GP: a FHIR R4 Task. */
const resource = {
  resourceType: "Task",
  id: "browser-1",
  status: "requested",
  intent: "order",
  priority: "urgent",
  authoredOn: "2026-11-23T10:15:00+00:00",
  description: "Please issue a fit note for 6 weeks following surgery.",
  for: { identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9434765919" } },
  requester: {
    display: "Humber Coast NHS Foundation Trust",
    identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "RXX01" },
  },
  owner: { reference: "Practitioner/G1234567", display: "Dr Sam Example" },
};

/** The result the page writes into its DOM (the test adds nothing but the user agent). */
export interface ScenarioResult {
  outcome: string;
  humanReview: boolean;
  ruleIds: string[];
  referenceRuleIds: string[];
  letterKind?: string;
  letterHtmlStart?: string;
  rulesetHash: string;
  cards: { uuid: string; indicator: string; summary: string }[];
}

/**
 * Maps the FHIR Task, evaluates it on both engines and makes its CDS Hooks cards.
 *
 * @returns the parts of the verdict the browser test compares
 */
export async function evaluateScenario(): Promise<ScenarioResult> {
  const task = fromFhirTask(resource, { recipientUnit: "Example Surgery" });
  const compiled = await createGuard({ practice: practice as PracticePolicyInput }).evaluate(task);
  const reference = await createGuard({
    practice: practice as PracticePolicyInput,
    engine: "json-rules-engine",
  }).evaluate(task);
  return {
    outcome: compiled.outcome,
    humanReview: compiled.humanReview,
    ruleIds: compiled.findings.map((f) => f.ruleId),
    referenceRuleIds: reference.findings.map((f) => f.ruleId),
    letterKind: compiled.letter?.kind,
    letterHtmlStart: compiled.letter?.html.slice(0, 15),
    rulesetHash: compiled.ruleset.hash,
    cards: toCdsCards(compiled).map((c) => ({
      uuid: c.uuid,
      indicator: c.indicator,
      summary: c.summary,
    })),
  };
}
