import { sha1 } from "@noble/hashes/legacy";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils";
import * as z from "zod/mini";
import cardWording from "../../templates/cds-hooks.json";
import type { Finding, Severity, Verdict } from "../engine/types.js";
import { TemplateError } from "../errors/template-error.js";
import { typed } from "../errors/unreadable.js";
import { nonEmpty, safeParse } from "../input/common.js";
import { fhirSystems } from "../input/fhir.js";
import type { Letter } from "../letters/types.js";

/** A CDS Hooks 2.0 Coding. */
export interface CdsCoding {
  system: string;
  code: string;
  display?: string;
}

/** One action of a suggestion: here, a FHIR resource to create. */
export interface CdsAction {
  type: "create" | "update" | "delete";
  description: string;
  resource?: Record<string, unknown>;
  resourceId?: string;
}

/** A CDS Hooks 2.0 suggestion: a labelled set of actions the user may accept. */
export interface CdsSuggestion {
  label: string;
  uuid?: string;
  isRecommended?: boolean;
  actions?: CdsAction[];
}

/** A CDS Hooks 2.0 link. */
export interface CdsLink {
  label: string;
  url: string;
  type: "absolute" | "smart";
  appContext?: string;
}

/** A CDS Hooks 2.0 card (https://cds-hooks.hl7.org/2.0/#card-attributes). */
export interface CdsHooksCard {
  /** Stable for the same verdict: derived from the ruleset hash, task id and rule id. */
  uuid: string;
  /** At most 139 characters (the specification asks for fewer than 140). */
  summary: string;
  /** reject → critical, remind → warning, info → info; the human-review card is critical. */
  indicator: "info" | "warning" | "critical";
  /** GitHub-flavoured Markdown: the finding's message, the guidance quote and the contract clauses. */
  detail?: string;
  source: { label: string; url?: string; topic?: CdsCoding };
  suggestions?: CdsSuggestion[];
  selectionBehavior?: "at-most-one" | "any";
  links?: CdsLink[];
}

const indicators: Record<Severity, CdsHooksCard["indicator"]> = {
  reject: "critical",
  remind: "warning",
  info: "info",
};
const severityRank: Record<Severity, number> = { reject: 0, remind: 1, info: 2 };

/**
 * The schema of templates/cds-hooks.json, made when the first card is: not at import, where most
 * processes never make a card (issue 14: start-up).
 */
function wordingSchema() {
  return z.object({
    source: z.object({ label: nonEmpty(), url: z.optional(z.url()) }),
    summary: z.object({
      reject: nonEmpty(),
      remind: nonEmpty(),
      info: nonEmpty(),
    }),
    detail: z.object({ guidance: z.string(), contract: z.string(), clause: z.string() }),
    humanReview: z.object({
      summary: nonEmpty(),
      intro: z.string(),
      reasons: z.object({
        urgentFlag: z.string(),
        urgentLanguage: z.string(),
        safetyLanguage: z.string(),
        rule: z.string(),
      }),
      outcome: z.string(),
    }),
    suggestion: z.object({ label: z.record(z.string(), z.string()), action: z.string() }),
  });
}
type Wording = z.infer<ReturnType<typeof wordingSchema>>;

let wording: Wording | undefined;
/** The card wording from templates/cds-hooks.json, checked once. */
function cardText(): Wording {
  if (wording !== undefined) return wording;
  const parsed = safeParse(wordingSchema(), cardWording);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TemplateError(
      "cds-hooks.json",
      issue?.path.join(".") ?? "",
      issue?.message ?? "does not match its schema",
    );
  }
  wording = parsed.data;
  return wording;
}

/** The RFC 4122 URL namespace: names below are URLs, so the UUIDs are version 5 of those URLs. */
const urlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/**
 * A name-based (version 5, SHA-1) UUID, as RFC 9562 §5.5 defines it: no randomness, the same
 * namespace and name always give the same UUID.
 *
 * @param namespace - a UUID, e.g. the URL namespace
 * @param name - any string, hashed as UTF-8
 * @returns the UUID in its 8-4-4-4-12 lower-case form
 * @example uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com") // "2ed6657d-e927-568b-95e1-2665a8aea6a2"
 */
export function uuidV5(namespace: string, name: string): string {
  const space = hexToBytes(namespace.replaceAll("-", ""));
  const text = utf8ToBytes(name);
  const input = new Uint8Array(space.length + text.length);
  input.set(space);
  input.set(text, space.length);
  const bytes = sha1(input).slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The card's UUID: a version 5 UUID of a URL naming the ruleset hash, the task and the card. */
function cardUuid(verdict: Verdict, card: string): string {
  const url = `https://gp-task-guard.dev/cds-hooks/${verdict.ruleset.hash}/${encodeURIComponent(verdict.taskId)}/${card}`;
  return uuidV5(urlNamespace, url);
}

/** Fills `{{name}}` from `values`; an unknown name is a template error, never a silent blank. */
function fill(template: string, values: Record<string, string>, where: string): string {
  return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new TemplateError(
        "cds-hooks.json",
        where,
        `{{${name}}} is not a value this text can use (${Object.keys(values).join(", ")})`,
      );
    }
    return value;
  });
}

/**
 * Escapes text for Markdown so that task or ruleset text can never become a link, an image,
 * HTML, emphasis, an image or a link in a card (GFM autolinks included: `https://…`, `www.…`,
 * `a@b.org`): punctuation Markdown reads is backslash-escaped, and a line that would open a
 * heading, quote or list is escaped at its start.
 *
 * @param text - plain text
 * @param atLineStart - whether the text starts a line where it is placed (default true); text
 *   placed mid-line, like a clause number after "clause ", keeps its first characters as they are
 * @returns the text as Markdown that renders to the same characters
 * @example escapeMarkdown("see *journal* <b>") // "see \\*journal\\* \\<b\\>"
 * @example escapeMarkdown("1. first") // "1\\. first"
 */
export function escapeMarkdown(text: string, atLineStart = true): string {
  // ":" and "@" too, and the dot of "www.": GFM turns https://…, www.… and a@b.… into links
  // without any Markdown punctuation, so escaping those characters is what keeps them text.
  const inline = text.replace(/[\\`*_[\]<>|~&:@!]/g, (c) => `\\${c}`).replace(/(www)\./gi, "$1\\.");
  const lineStart = atLineStart
    ? /^([ \t]*)(?:([#>+=-])|(\d+)([.)]))/gm
    : /(\n[ \t]*)(?:([#>+=-])|(\d+)([.)]))/g;
  return inline.replace(
    lineStart,
    (
      _m,
      space: string,
      mark: string | undefined,
      digits: string | undefined,
      dot: string | undefined,
    ) => (mark !== undefined ? `${space}\\${mark}` : `${space}${digits}\\${dot}`),
  );
}

/** Cuts a summary to 139 characters (code points), ending with an ellipsis when cut. */
function clip(summary: string): string {
  const chars = [...summary.replace(/\s+/g, " ").trim()];
  return chars.length <= 139 ? chars.join("") : `${chars.slice(0, 138).join("").trimEnd()}…`;
}

function source(verdict: Verdict, topic?: CdsCoding): CdsHooksCard["source"] {
  const text = cardText();
  const label = fill(
    text.source.label,
    { ruleset: verdict.ruleset.name, version: verdict.ruleset.version },
    "source.label",
  );
  return {
    label,
    ...(text.source.url === undefined ? {} : { url: text.source.url }),
    ...(topic === undefined ? {} : { topic }),
  };
}

function findingDetail(finding: Finding): string {
  const text = cardText();
  const parts = [escapeMarkdown(finding.message)];
  parts.push(
    fill(
      text.detail.guidance,
      { section: escapeMarkdown(finding.guidance.section, false) },
      "detail.guidance",
    ),
    finding.guidance.quote
      .split(/\r?\n/)
      .map((line) => `> ${escapeMarkdown(line)}`.trimEnd())
      .join("\n"),
  );
  const editions = [...new Set(finding.contract.map((c) => c.edition))];
  for (const edition of editions) {
    const clauses = finding.contract
      .filter((c) => c.edition === edition)
      .map(
        (c) =>
          `- ${fill(text.detail.clause, { clause: escapeMarkdown(c.clause, false), summary: escapeMarkdown(c.summary, false) }, "detail.clause")}`,
      );
    parts.push(
      fill(text.detail.contract, { edition: escapeMarkdown(edition, false) }, "detail.contract"),
      clauses.join("\n"),
    );
  }
  return parts.join("\n\n");
}

/** UTF-8 text as base64, without Node's Buffer (the library also runs in a browser). */
function base64(text: string): string {
  const bytes = utf8ToBytes(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function letterSuggestion(verdict: Verdict, letter: Letter): CdsSuggestion {
  const text = cardText();
  const label = text.suggestion.label[letter.kind] ?? letter.subject;
  const communication = {
    resourceType: "Communication",
    status: "preparation",
    about: [
      { type: "Task", identifier: { value: verdict.taskId }, display: `Task ${verdict.taskId}` },
    ],
    topic: { text: letter.subject },
    payload: [
      { contentString: letter.text },
      {
        contentAttachment: {
          contentType: "text/html; charset=utf-8",
          title: letter.subject,
          data: base64(letter.html),
        },
      },
    ],
  };
  return {
    label,
    uuid: cardUuid(verdict, `suggestion/${letter.kind}`),
    isRecommended: true,
    actions: [
      {
        type: "create",
        description: fill(
          text.suggestion.action,
          { subject: letter.subject, taskId: verdict.taskId },
          "suggestion.action",
        ),
        resource: communication,
      },
    ],
  };
}

function humanReviewCard(verdict: Verdict): CdsHooksCard {
  const text = cardText().humanReview;
  const { facts } = verdict;
  /** A reason that quotes the phrase found, escaped for Markdown. */
  const phraseReason = (key: "urgentLanguage" | "safetyLanguage", phrase = "") =>
    fill(
      text.reasons[key],
      { phrase: escapeMarkdown(phrase, false) },
      `humanReview.reasons.${key}`,
    );
  const reasons: string[] = [];
  if (facts.urgentFlag) reasons.push(text.reasons.urgentFlag);
  if (facts.urgentLanguage) reasons.push(phraseReason("urgentLanguage", facts.urgentPhrase));
  if (facts.safetyLanguage) reasons.push(phraseReason("safetyLanguage", facts.safetyPhrase));
  if (reasons.length === 0) reasons.push(text.reasons.rule);
  const detail = [
    text.intro,
    reasons.map((reason) => `- ${reason}`).join("\n"),
    fill(text.outcome, { outcome: verdict.outcome }, "humanReview.outcome"),
  ].join("\n\n");
  return {
    uuid: cardUuid(verdict, "human-review"),
    summary: clip(text.summary),
    indicator: "critical",
    detail,
    source: source(verdict),
  };
}

/**
 * Turns a verdict into CDS Hooks 2.0 cards: a critical card first when a person must read the
 * task (`humanReview`), then one card per finding, strongest first (reject → critical, remind →
 * warning, info → info). Each card's detail quotes the guidance and lists the contract clauses;
 * its source topic is the rule id in `fhirSystems.rule`; its uuid is the same for the same
 * verdict. The verdict's letter, when there is one, rides on the first finding card as a
 * suggestion to create a FHIR Communication. The wording lives in templates/cds-hooks.json.
 *
 * @param verdict - a verdict from `guard.evaluate`
 * @returns the cards, in the order a CDS client should show them; none for a clean accept
 * @throws {TemplateError} when templates/cds-hooks.json is malformed (a packaging fault)
 * @throws {InputError} (subject `verdict`, code `unreadable`) for something that is not a verdict
 * @example
 * toCdsCards(verdict).map((c) => [c.indicator, c.summary])
 * // [["critical", "A person must read this task now, whatever the outcome"],
 * //  ["critical", "Reject: Reject tasks that need action within two weeks"]]
 */
export function toCdsCards(verdict: Verdict): CdsHooksCard[] {
  // Not a verdict (null, a revoked proxy, a getter that throws): an InputError, not a TypeError.
  return typed("verdict", () => cardsOf(verdict));
}

function cardsOf(verdict: Verdict): CdsHooksCard[] {
  const text = cardText();
  const findings = [...verdict.findings].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity],
  );
  const cards: CdsHooksCard[] = verdict.humanReview ? [humanReviewCard(verdict)] : [];
  findings.forEach((finding, index) => {
    const topic: CdsCoding = {
      system: fhirSystems.rule,
      code: finding.ruleId,
      display: finding.title,
    };
    const card: CdsHooksCard = {
      uuid: cardUuid(verdict, `rule/${finding.ruleId}`),
      summary: clip(
        fill(
          text.summary[finding.severity],
          { title: finding.title },
          `summary.${finding.severity}`,
        ),
      ),
      indicator: indicators[finding.severity],
      detail: findingDetail(finding),
      source: source(verdict, topic),
    };
    if (index === 0 && verdict.letter !== undefined) {
      card.suggestions = [letterSuggestion(verdict, verdict.letter)];
      card.selectionBehavior = "at-most-one";
    }
    cards.push(card);
  });
  return cards;
}
