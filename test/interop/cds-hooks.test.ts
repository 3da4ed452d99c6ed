import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Finding, Verdict } from "../../src/engine/types.js";
import type { Facts } from "../../src/facts/catalogue.js";
import { createGuard } from "../../src/index.js";
import { fromFhirTask } from "../../src/input/fhir.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import {
  type CdsHooksCard,
  escapeMarkdown,
  toCdsCards,
  uuidV5,
} from "../../src/output/cds-hooks.js";
import wording from "../../templates/cds-hooks.json";
import { CATEGORY, fhirTask } from "./fhir-fixtures.js";

/** The CDS Hooks 2.0 card rules (https://cds-hooks.hl7.org/2.0/#card-attributes), as a schema. */
const coding = z.strictObject({
  system: z.string().min(1),
  code: z.string().min(1),
  display: z.string().optional(),
});
const cdsCard = z.strictObject({
  uuid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
  summary: z.string().min(1).max(139),
  indicator: z.enum(["info", "warning", "critical"]),
  detail: z.string().optional(),
  source: z.strictObject({
    label: z.string().min(1),
    url: z.url().optional(),
    topic: coding.optional(),
  }),
  suggestions: z
    .array(
      z.strictObject({
        label: z.string().min(1),
        uuid: z.string().optional(),
        isRecommended: z.boolean().optional(),
        actions: z
          .array(
            z.strictObject({
              type: z.enum(["create", "update", "delete"]),
              description: z.string().min(1),
              resource: z.looseObject({ resourceType: z.string() }).optional(),
              resourceId: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  selectionBehavior: z.enum(["at-most-one", "any"]).optional(),
  links: z.array(z.unknown()).optional(),
});

function expectValidCards(cards: CdsHooksCard[]): void {
  for (const card of cards) {
    expect(cdsCard.safeParse(card).error?.issues ?? []).toEqual([]);
    // The specification: selectionBehavior is required when there are suggestions.
    if (card.suggestions !== undefined) expect(card.selectionBehavior).toBeDefined();
  }
}

const facts: Facts = {
  external: true,
  crossUnit: true,
  assignment: "unassigned",
  senderKind: "nhs-provider",
  externalPolicy: "accept",
  urgentFlag: false,
  urgentLanguage: false,
  safetyLanguage: false,
  safetyService: false,
  actionRequested: true,
  journalReference: true,
  bodyLength: 120,
  careDetailTerms: 0,
  sentOn: "2026-11-23",
  category: "fit-note",
  categorySource: "inferred",
  requests: ["fit-note"],
  evidence: [],
};

function finding(
  ruleId: string,
  severity: Finding["severity"],
  extra: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    severity,
    title: `Check ${ruleId}`,
    message: `The task breaks ${ruleId}.`,
    guidance: { section: "Sending and receiving Tasks", quote: `A quote for ${ruleId}.` },
    contract: [],
    ...extra,
  };
}

function verdict(extra: Partial<Verdict> = {}): Verdict {
  return {
    taskId: "S1-889911",
    outcome: "reject",
    findings: [
      finding("fit-note", "reject", {
        contract: [
          {
            id: "SC11.12",
            clause: "11.12",
            summary: "The provider issues fit notes for the full duration of absence.",
            edition: "NHS Standard Contract 2024/25",
          },
        ],
      }),
      finding("must-be-unassigned", "remind"),
      finding("delegated-clinical-work", "info"),
    ],
    humanReview: false,
    category: { value: "fit-note", source: "inferred", matched: "fit note" },
    facts,
    letter: {
      kind: "rejection",
      subject: "Your SystmOne Task of 23 November 2026 has not been actioned",
      text: "Dear Colleague\n\nYour Task has not been acted on or actioned.\n",
      html: "<!DOCTYPE html><p>Dear Colleague — “Task”</p>",
    },
    ruleset: { name: "humberside-lmcs-tasking", version: "1.0.0", hash: "ab".repeat(32) },
    ...extra,
  };
}

describe("toCdsCards", () => {
  it("makes one card per finding, reject → critical, remind → warning, info → info", () => {
    const cards = toCdsCards(verdict());
    expectValidCards(cards);
    expect(cards.map((c) => [c.source.topic?.code, c.indicator])).toEqual([
      ["fit-note", "critical"],
      ["must-be-unassigned", "warning"],
      ["delegated-clinical-work", "info"],
    ]);
  });

  it("puts findings strongest first even when a verdict lists them otherwise", () => {
    const v = verdict();
    const cards = toCdsCards({ ...v, findings: [...v.findings].reverse() });
    expect(cards.map((c) => c.indicator)).toEqual(["critical", "warning", "info"]);
  });

  it("puts a critical human-review card first when a person must read the task", () => {
    const cards = toCdsCards(
      verdict({
        humanReview: true,
        facts: { ...facts, urgentFlag: true, safetyLanguage: true, safetyPhrase: "safeguarding" },
      }),
    );
    expectValidCards(cards);
    expect(cards).toHaveLength(4);
    const [first] = cards;
    expect(first?.indicator).toBe("critical");
    expect(first?.summary).toBe(wording.humanReview.summary);
    expect(first?.source.topic).toBeUndefined();
    expect(first?.detail).toContain(wording.humanReview.reasons.urgentFlag);
    expect(first?.detail).toContain('patient-safety concern ("safeguarding")');
    expect(first?.detail).toContain("The verdict is **reject**");
  });

  it("gives a clean accept no cards, and an accepted urgent task only the human-review card", () => {
    const accept = verdict({ outcome: "accept", findings: [], letter: undefined });
    expect(toCdsCards(accept)).toEqual([]);
    const urgent = toCdsCards({
      ...accept,
      humanReview: true,
      facts: { ...facts, urgentLanguage: true, urgentPhrase: "asap" },
    });
    expect(urgent.map((c) => c.indicator)).toEqual(["critical"]);
    expect(urgent[0]?.detail).toContain('reads as urgent ("asap")');
  });

  it("opens each summary with the wording for its severity and keeps it under 140 characters", () => {
    const cards = toCdsCards(verdict());
    expect(cards.map((c) => c.summary)).toEqual([
      wording.summary.reject.replace("{{title}}", "Check fit-note"),
      wording.summary.remind.replace("{{title}}", "Check must-be-unassigned"),
      wording.summary.info.replace("{{title}}", "Check delegated-clinical-work"),
    ]);
    const long = toCdsCards(
      verdict({
        findings: [finding("fit-note", "reject", { title: `Reject ${"very ".repeat(60)}long` })],
      }),
    );
    const summary = long[0]?.summary ?? "";
    expect([...summary].length).toBe(139);
    expect(summary.endsWith("…")).toBe(true);
  });

  it("writes the message, the guidance as a Markdown blockquote and the clauses into the detail", () => {
    const [card] = toCdsCards(
      verdict({
        findings: [
          finding("fit-note", "reject", {
            guidance: { section: "Sending and receiving Tasks", quote: "line one\nline two" },
            contract: [
              { id: "SC11.12", clause: "11.12", summary: "Fit notes.", edition: "2024/25" },
              { id: "SC12.1.1", clause: "12.1.1", summary: "Results.", edition: "2024/25" },
            ],
          }),
        ],
      }),
    );
    expect(card?.detail).toBe(
      [
        "The task breaks fit-note.",
        '**Humberside LMCs guidance, "Sending and receiving Tasks":**',
        "> line one\n> line two",
        "**NHS Standard Contract** (2024/25):",
        "- clause 11.12: Fit notes.\n- clause 12.1.1: Results.",
      ].join("\n\n"),
    );
  });

  it("escapes task text in the detail so it cannot become a link, an image or HTML", () => {
    const [card] = toCdsCards(
      verdict({
        findings: [
          finding("fit-note", "reject", {
            message: 'Body said "[click](https://x.example) <img src=x onerror=alert(1)> *now*"',
          }),
        ],
      }),
    );
    expect(card?.detail).toContain(
      "\\[click\\](https\\://x.example) \\<img src=x onerror=alert(1)\\> \\*now\\*",
    );
    expect(escapeMarkdown("# heading\n- item\n1. first")).toBe("\\# heading\n\\- item\n1\\. first");
    expect(escapeMarkdown("11.12 or - x\n- y", false)).toBe("11.12 or - x\n\\- y");
  });

  it("codes each finding card's source topic with the rule id in the package's rule code system", () => {
    const [card] = toCdsCards(verdict());
    expect(card?.source).toEqual({
      label: "gp-task-guard: Humberside LMCs tasking guidance (humberside-lmcs-tasking 1.0.0)",
      topic: {
        system: "https://gp-task-guard.dev/CodeSystem/rule",
        code: "fit-note",
        display: "Check fit-note",
      },
    });
  });

  it("gives the same uuids for the same verdict, and different ones for another task, ruleset or rule", () => {
    const first = toCdsCards(verdict({ humanReview: true })).map((c) => c.uuid);
    const again = toCdsCards(verdict({ humanReview: true })).map((c) => c.uuid);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const otherTask = toCdsCards(verdict({ taskId: "S1-889912" }))[0]?.uuid;
    const otherRules = toCdsCards(
      verdict({ ruleset: { name: "x", version: "1.0.1", hash: "cd".repeat(32) } }),
    )[0]?.uuid;
    expect(otherTask).not.toBe(first[1]);
    expect(otherRules).not.toBe(first[1]);
  });

  it("derives uuids as RFC 9562 version 5 UUIDs", () => {
    // The RFC's own example: the DNS namespace and www.example.com.
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("offers the letter as a suggestion on the first card: a Communication with its text and HTML", () => {
    const v = verdict();
    const cards = toCdsCards(v);
    expect(cards.slice(1).every((c) => c.suggestions === undefined)).toBe(true);
    const [card] = cards;
    expect(card?.selectionBehavior).toBe("at-most-one");
    const suggestion = card?.suggestions?.[0];
    expect(suggestion?.label).toBe(wording.suggestion.label.rejection);
    expect(suggestion?.isRecommended).toBe(true);
    const action = suggestion?.actions?.[0];
    expect(action?.type).toBe("create");
    const resource = action?.resource as {
      resourceType: string;
      payload: [
        { contentString: string },
        { contentAttachment: { contentType: string; data: string } },
      ];
    };
    expect(resource.resourceType).toBe("Communication");
    expect(resource.payload[0].contentString).toBe(v.letter?.text);
    expect(resource.payload[1].contentAttachment.contentType).toBe("text/html; charset=utf-8");
    expect(
      new TextDecoder().decode(
        Uint8Array.from(atob(resource.payload[1].contentAttachment.data), (c) => c.charCodeAt(0)),
      ),
    ).toBe(v.letter?.html);
  });

  it("offers no suggestion when the verdict has no letter", () => {
    const cards = toCdsCards(verdict({ letter: undefined }));
    expect(
      cards.some((c) => c.suggestions !== undefined || c.selectionBehavior !== undefined),
    ).toBe(false);
  });
});

describe("FHIR Task in, CDS Hooks cards out", () => {
  const practice = {
    name: "Example Surgery",
    units: ["Example Surgery"],
    externalTasks: { policy: "accept" },
    preferredMethod: "e-mail to our generic inbox example.surgery@nhs.net",
    urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
    escalationContact: { name: "Practice Manager" },
  };

  it("rejects an urgent fit-note Task addressed to a GP, with a human-review card first and the letter offered", async () => {
    const guard = createGuard({ practice: practice as PracticePolicyInput });
    const resource = fhirTask({
      priority: "urgent",
      code: { coding: [{ system: CATEGORY, code: "fit-note" }] },
      description: "Please issue a fit note for 6 weeks following surgery.",
      owner: { reference: "Practitioner/G1234567", display: "Dr Sam Example" },
    });
    const task = fromFhirTask(resource, { recipientUnit: "Example Surgery" });
    const cards = toCdsCards(await guard.evaluate(task));
    expectValidCards(cards);
    expect(cards[0]?.summary).toBe(wording.humanReview.summary);
    expect(cards.map((c) => c.source.topic?.code)).toEqual([
      undefined,
      "urgent-by-task",
      "fit-note",
      "must-be-unassigned",
    ]);
    expect(cards[1]?.suggestions?.[0]?.label).toBe(wording.suggestion.label.rejection);
    const again = toCdsCards(
      await createGuard({ practice: practice as PracticePolicyInput }).evaluate(task),
    );
    expect(again.map((c) => c.uuid)).toEqual(cards.map((c) => c.uuid));
  });

  it("gives a compliant Task from a trust no cards", async () => {
    const cards = toCdsCards(
      await createGuard({ practice: practice as PracticePolicyInput }).evaluate(
        fromFhirTask(fhirTask()),
      ),
    );
    expect(cards).toEqual([]);
  });
});

describe("CDS Hooks cards rendered as GitHub-flavoured Markdown", () => {
  it("never turn task or practice text into a link, an image or HTML", async () => {
    const { marked } = await import("marked");
    const hostile = [
      "https://evil.example/phish",
      "see www.evil.example now",
      "mail jo@evil.example",
      "![x](https://evil.example/p.png)",
      "[click](javascript:alert(1))",
      "<img src=x onerror=alert(1)>",
      "<https://evil.example>",
      "ftp://evil.example",
      "WWW.EVIL.EXAMPLE",
    ];
    for (const text of hostile) {
      const escaped = escapeMarkdown(text);
      const html = await marked.parse(escaped, { gfm: true });
      expect(html, text).not.toMatch(/<a\b|<img\b|<script\b/i);
      const inline = await marked.parse(`x ${escapeMarkdown(text, false)}`, { gfm: true });
      expect(inline, text).not.toMatch(/<a\b|<img\b/i);
    }
  });
});
