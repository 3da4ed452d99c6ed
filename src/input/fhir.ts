import * as z from "zod/mini";
import type { Issue } from "../errors/guard-error.js";
import { InputError } from "../errors/input-error.js";
import { typed } from "../errors/unreadable.js";
import { safeParse, toIssues } from "./common.js";
import { type SenderKind, type TaskInput, taskSchema } from "./task.js";

/**
 * The code systems and identifier systems gp-task-guard reads and writes. The two package
 * systems are identifiers (canonical URIs), not addresses anything fetches.
 *
 * @example fhirSystems.taskCategory // "https://gp-task-guard.dev/CodeSystem/task-category"
 */
export const fhirSystems = {
  /** The package's code system for request categories: its codes are category ids (`fit-note`). */
  taskCategory: "https://gp-task-guard.dev/CodeSystem/task-category",
  /** The package's code system for rules: its codes are rule ids (`fit-note`). */
  rule: "https://gp-task-guard.dev/CodeSystem/rule",
  /** NHS Organisation Data Service organisation codes. */
  odsOrganisation: "https://fhir.nhs.uk/Id/ods-organization-code",
  /** NHS numbers. */
  nhsNumber: "https://fhir.nhs.uk/Id/nhs-number",
} as const;

/** What a FHIR Task does not carry, supplied by the caller. */
export interface FhirTaskOptions {
  /** The SystmOne unit the task was sent from. Default: the sending organisation's name. */
  senderUnit?: string;
  /** The SystmOne unit the task was sent to. Default: the owning organisation's name. */
  recipientUnit?: string;
  /** The kind of sending organisation. Default: `nhs-provider` (the task schema's default). */
  senderKind?: SenderKind;
  /** The code system whose codes in `Task.code` are category ids. Default: `fhirSystems.taskCategory`. */
  categorySystem?: string;
}

/** The elements a Task is made of, for `makeFhirTaskShape`. */
function fhirElementShapes() {
  const str = (path: string) => z.string({ error: `${path} must be a string` });

  const identifierShape = z.looseObject({
    system: z.optional(z.string({ error: "identifier.system must be a URI string" })),
    value: z.optional(z.string({ error: "identifier.value must be a string" })),
  });

  /** A Reference. R4 gives it one `identifier`; an array is read too, since some systems send one. */
  const referenceShape = (path: string) =>
    z.looseObject(
      {
        reference: z.optional(str(`${path}.reference`)),
        type: z.optional(str(`${path}.type`)),
        identifier: z.optional(
          z.union([identifierShape, z.array(identifierShape)], {
            error: `${path}.identifier must be an Identifier object {system, value}`,
          }),
        ),
        display: z.optional(str(`${path}.display`)),
      },
      { error: `${path} must be a Reference object` },
    );

  const codeableConcept = z.looseObject({
    coding: z.optional(
      z.array(
        z.looseObject({
          system: z.optional(z.string()),
          code: z.optional(z.string()),
          display: z.optional(z.string()),
        }),
      ),
    ),
    text: z.optional(z.string()),
  });

  const humanName = z.looseObject({
    text: z.optional(z.string()),
    family: z.optional(z.string()),
    given: z.optional(z.array(z.string())),
    prefix: z.optional(z.array(z.string())),
  });

  /** The parts of a contained resource the mapping reads; everything else is left alone. */
  const containedShape = z.looseObject({
    resourceType: z.string({ error: "a contained resource must have a resourceType" }),
    id: z.optional(z.string()),
    name: z.optional(z.union([z.string(), z.array(humanName)])),
    identifier: z.optional(z.array(identifierShape)),
    organization: z.optional(referenceShape("organization")),
    practitioner: z.optional(referenceShape("practitioner")),
    code: z.optional(z.array(codeableConcept)),
    healthcareService: z.optional(z.array(referenceShape("healthcareService"))),
  });

  return { str, identifierShape, referenceShape, codeableConcept, containedShape };
}

const priorities = ["routine", "urgent", "asap", "stat"] as const;

/**
 * The parts of a FHIR R4 Task the mapping reads, made on the first `fromFhirTask`: building the
 * schema cost every process that imported the package over a millisecond (issue 14: start-up),
 * though most never read a FHIR Task. Unknown elements are ignored, as in TaskInput.
 */
function makeFhirTaskShape() {
  const { str, identifierShape, referenceShape, codeableConcept, containedShape } =
    fhirElementShapes();
  return z.looseObject({
    resourceType: z.literal("Task"),
    id: z.optional(str("id")),
    identifier: z.optional(
      z.array(identifierShape, { error: "identifier must be an array of Identifier" }),
    ),
    priority: z.optional(
      z.enum(priorities, { error: `priority must be one of ${priorities.join(", ")}` }),
    ),
    code: z.optional(codeableConcept),
    description: z.optional(str("description")),
    for: z.optional(referenceShape("for")),
    authoredOn: z.optional(str("authoredOn")),
    requester: z.optional(referenceShape("requester")),
    owner: z.optional(referenceShape("owner")),
    restriction: z.optional(
      z.looseObject({
        period: z.optional(z.looseObject({ end: z.optional(str("restriction.period.end")) })),
      }),
    ),
    note: z.optional(
      z.array(z.looseObject({ text: str("note.text") }), {
        error: "note must be an array of Annotation, each with text",
      }),
    ),
    contained: z.optional(
      z.array(containedShape, { error: "contained must be an array of resources" }),
    ),
  });
}

let fhirTaskShape: ReturnType<typeof makeFhirTaskShape> | undefined;

type FhirTask = z.infer<ReturnType<typeof makeFhirTaskShape>>;
type FhirReference = NonNullable<FhirTask["owner"]>;
type FhirIdentifier = NonNullable<FhirTask["identifier"]>[number];
type CodeableConcept = NonNullable<FhirTask["code"]>;
type Contained = NonNullable<FhirTask["contained"]>[number];

/** What a reference points to, as far as the resource tells. */
interface Party {
  /** The FHIR resource type: of the contained resource, or from `type`, the reference or an ODS identifier. */
  type?: string;
  /** The contained resource the reference points to, and where it sits (`contained[2]`). */
  resource?: Contained;
  resourcePath?: string;
}

/** An organisation as a reference names it, with the FHIR path each part came from. */
interface Organisation {
  name?: string;
  namePath?: string;
  odsCode?: string;
  odsPath?: string;
}

const structureDefinitionBase = "http://hl7.org/fhir/StructureDefinition/";
const literalReference =
  /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
/** SystmOne, in TPP's spelling or the guidance's ("SystemOne"). */
const systmOneSpelling = /syste?mone/i;

/**
 * Resource types an error may name. Anything else a Task says it is, or points to, is text
 * from the record and is not repeated (issue 15: errors carry paths and codes, not content).
 */
const nameableTypes = new Set([
  "Bundle",
  "CareTeam",
  "Device",
  "Group",
  "HealthcareService",
  "Location",
  "Organization",
  "Patient",
  "Practitioner",
  "PractitionerRole",
  "RelatedPerson",
  "ServiceRequest",
]);

/** "Patient", or "a resource of another type" for a type the record made up. */
function typeName(type: unknown): string {
  return typeof type === "string" && nameableTypes.has(type) ? type : "a resource of another type";
}

/** "a Patient", or "a resource of another type". */
function aType(type: unknown): string {
  const name = typeName(type);
  return name === type ? `a ${name}` : name;
}

const ownerAssignment: Record<string, "unassigned" | "user" | "group"> = {
  Organization: "unassigned",
  Practitioner: "user",
  PractitionerRole: "user",
  CareTeam: "group",
  Group: "group",
  HealthcareService: "group",
};

/**
 * Reads an HL7 FHIR R4 `Task` (UK Core Task profile) as a gp-task-guard task. The mapping is the
 * docs/fhir-and-cds-hooks.md table: `authoredOn` → `sentAt`; `requester` → `sender`; `owner` →
 * `recipient`; `priority` urgent, asap or stat → `urgent`; `restriction.period.end` → `dueBy`;
 * `description` and `note[].text` → `body`; the NHS number in `for.identifier` →
 * `patient.nhsNumber`; a `code` coding in the category code system → `category`.
 *
 * @param resource - a parsed FHIR Task (JSON object)
 * @param options - what FHIR does not carry: the SystmOne units, the sender's kind
 * @returns the task, validated by `taskSchema` (defaults applied, NHS number normalised)
 * @throws {InputError} subject `fhir-task`, every issue's path a FHIR path (`authoredOn`,
 *   `requester.identifier`, `for.identifier.value`); a resource that is not a Task fails at `resourceType`
 * @example
 * fromFhirTask({
 *   resourceType: "Task", id: "t1", status: "requested", intent: "order", priority: "urgent",
 *   authoredOn: "2026-11-23T09:30:00Z", description: "Please issue a fit note.",
 *   requester: { display: "Hull University Teaching Hospitals",
 *     identifier: { system: "https://fhir.nhs.uk/Id/ods-organization-code", value: "RWA" } },
 *   owner: { type: "Organization", display: "Example Surgery" },
 * })
 * // { id: "t1", sentAt: "2026-11-23T09:30:00Z", urgent: true, body: "Please issue a fit note.",
 * //   sender: { organisation: "Hull University Teaching Hospitals", odsCode: "RWA",
 * //             unit: "Hull University Teaching Hospitals", kind: "nhs-provider" },
 * //   recipient: { unit: "Example Surgery", assignment: "unassigned" } }
 */
export function fromFhirTask(resource: unknown, options: FhirTaskOptions = {}): TaskInput {
  return typed("fhir-task", () => new FhirTaskReader(readShape(resource), options ?? {}).read());
}

/** Checks the resource is a Task first, so a Patient passed by mistake gets one clear issue. */
function readShape(resource: unknown): FhirTask {
  if (typeof resource !== "object" || resource === null || Array.isArray(resource)) {
    throw new InputError(
      [{ path: "", code: "invalid_type", message: "a FHIR Task must be a JSON object" }],
      "fhir-task",
    );
  }
  const resourceType: unknown = Reflect.get(resource, "resourceType");
  if (resourceType !== "Task") {
    const hint =
      resourceType === "Patient"
        ? ", not the Patient it is for"
        : resourceType === "Bundle"
          ? " (the Bundle's entry[].resource whose resourceType is Task)"
          : "";
    const what =
      typeof resourceType === "string" && resourceType !== ""
        ? `${nameableTypes.has(resourceType) ? `a ${resourceType} resource` : "a resource of another type"} was given: pass the Task${hint}`
        : "the resource has no resourceType";
    throw new InputError(
      [
        {
          path: "resourceType",
          code: "not_a_task",
          message: `resourceType must be "Task": ${what}`,
        },
      ],
      "fhir-task",
    );
  }
  fhirTaskShape ??= makeFhirTaskShape();
  const result = safeParse(fhirTaskShape, resource);
  if (!result.success) throw new InputError(toIssues(result.error), "fhir-task");
  return result.data;
}

/** Reads one Task, collecting every problem (with its FHIR path) before it throws. */
class FhirTaskReader {
  private readonly issues: Issue[] = [];
  /** TaskInput path → the FHIR path it was read from, to point schema errors at the FHIR element. */
  private readonly origin = new Map<string, string>();
  private readonly contained = new Map<string, { resource: Contained; path: string }>();

  constructor(
    private readonly task: FhirTask,
    private readonly options: FhirTaskOptions,
  ) {
    for (const [i, item] of (task.contained ?? []).entries()) {
      if (item.id !== undefined)
        this.contained.set(item.id, { resource: item, path: `contained[${i}]` });
    }
  }

  read(): TaskInput {
    const { task, options } = this;
    const id = this.readId();
    this.readAuthoredOn();
    const sender = this.readSender();
    const recipient = this.readRecipient();
    const nhsNumber = this.readNhsNumber();
    const category = this.readCategory(options.categorySystem ?? fhirSystems.taskCategory);
    const body = this.readBody();
    this.from("urgent", "priority");
    this.from("dueBy", "restriction.period.end");
    if (this.issues.length > 0) throw new InputError(this.issues, "fhir-task");

    const parsed = safeParse(taskSchema, {
      id,
      sentAt: task.authoredOn,
      sender,
      recipient,
      patient: nhsNumber === undefined ? undefined : { nhsNumber },
      urgent: task.priority !== undefined && task.priority !== "routine",
      dueBy: task.restriction?.period?.end,
      category,
      body,
    });
    if (parsed.success) return parsed.data;
    // One FHIR element can feed two task fields (a display is the organisation and the unit):
    // report it once per problem.
    const seen = new Set<string>();
    const issues = toIssues(parsed.error)
      .map((issue) => this.toFhirIssue(issue))
      .filter(
        (issue) =>
          !seen.has(`${issue.path} ${issue.code}`) && seen.add(`${issue.path} ${issue.code}`),
      );
    throw new InputError(issues, "fhir-task");
  }

  private problem(path: string, code: string, message: string): undefined {
    this.issues.push({ path, code, message });
    return undefined;
  }

  private from(taskPath: string, fhirPath: string | undefined): void {
    if (fhirPath !== undefined) this.origin.set(taskPath, fhirPath);
  }

  /** The SystmOne task id when an identifier's system says so (either spelling), else the resource id, else the first identifier. */
  private readId(): string | undefined {
    const identifiers = this.task.identifier ?? [];
    const systmOne = identifiers.findIndex(
      (i) => i.system !== undefined && systmOneSpelling.test(i.system) && i.value !== undefined,
    );
    const first = identifiers.findIndex((i) => i.value !== undefined);
    if (systmOne >= 0 || (this.task.id === undefined && first >= 0)) {
      const index = systmOne >= 0 ? systmOne : first;
      this.from("id", `identifier[${index}].value`);
      return identifiers[index]?.value;
    }
    if (this.task.id !== undefined) {
      this.from("id", "id");
      return this.task.id;
    }
    return this.problem(
      "id",
      "missing_id",
      "the Task has neither an id nor an identifier with a value: one of them is the task's id",
    );
  }

  private readAuthoredOn(): void {
    const authoredOn = this.task.authoredOn;
    this.from("sentAt", "authoredOn");
    if (authoredOn === undefined) {
      this.problem(
        "authoredOn",
        "missing_authored_on",
        "authoredOn is missing: it says when the task was sent, as a date-time with Z or an offset",
      );
    } else if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(authoredOn)) {
      this.problem(
        "authoredOn",
        "invalid_date",
        "authoredOn is only a date: give the time with Z or an offset, e.g. 2026-11-23T09:30:00Z",
      );
    }
  }

  /** Works out what a reference points to: a contained resource, or the type `type`, the reference or an ODS identifier names. */
  private resolve(ref: FhirReference, path: string): Party | undefined {
    if (ref.reference?.startsWith("#")) {
      const hit = this.contained.get(ref.reference.slice(1));
      if (hit === undefined) {
        return this.problem(
          `${path}.reference`,
          "unresolved_reference",
          `${path}.reference starts with "#" but no contained resource has the id after it`,
        );
      }
      return { type: hit.resource.resourceType, resource: hit.resource, resourcePath: hit.path };
    }
    if (ref.type !== undefined) {
      const type = ref.type.startsWith(structureDefinitionBase)
        ? ref.type.slice(structureDefinitionBase.length)
        : ref.type;
      return { type };
    }
    const literal = ref.reference?.match(literalReference)?.[1];
    if (literal !== undefined) return { type: literal };
    if (odsIdentifier(ref, "") !== undefined) return { type: "Organization" };
    return {};
  }

  /** An organisation a reference names: its display, a contained Organization's name, or its ODS code. */
  private readOrganisation(ref: FhirReference, path: string): Organisation {
    const party = this.resolve(ref, path);
    const onReference = odsIdentifier(ref, path);
    const resourceOds = party?.resource?.identifier?.findIndex(
      (i) => i.system === fhirSystems.odsOrganisation && i.value !== undefined,
    );
    const onResource =
      resourceOds !== undefined && resourceOds >= 0
        ? {
            value: party?.resource?.identifier?.[resourceOds]?.value,
            path: `${party?.resourcePath}.identifier[${resourceOds}].value`,
          }
        : undefined;
    const ods = onReference ?? onResource;
    const found = { odsCode: ods?.value, odsPath: ods?.path };
    const resourceName = nameOf(party?.resource);
    if (ref.display !== undefined)
      return { name: ref.display, namePath: `${path}.display`, ...found };
    if (resourceName !== undefined) {
      return { name: resourceName, namePath: `${party?.resourcePath}.name`, ...found };
    }
    if (ods !== undefined) return { name: ods.value, namePath: ods.path, ...found };
    return {};
  }

  private readSender(): Record<string, string | undefined> | undefined {
    const requester = this.task.requester;
    if (requester === undefined) {
      return this.problem(
        "requester",
        "missing_requester",
        "requester is missing: it names the organisation that sent the task (an Organization, or a PractitionerRole with its organization)",
      );
    }
    const party = this.resolve(requester, "requester");
    if (party === undefined) return undefined;
    // A requester that names no type is read as the sending organisation, the usual case.
    const type = party.type ?? "Organization";
    if (type !== "Organization" && type !== "PractitionerRole" && type !== "Practitioner") {
      return this.problem(
        "requester",
        "unsupported_requester",
        `requester is ${aType(type)}: a task to a practice comes from an Organization, or a PractitionerRole or Practitioner with its organisation`,
      );
    }
    const sender: Record<string, string | undefined> = {};
    const org =
      type === "Organization"
        ? this.readOrganisation(requester, "requester")
        : this.readPerson(requester, party, type, sender);
    if (org.name === undefined) {
      const where =
        type === "Organization" ? "" : ", or contain the PractitionerRole with its organization";
      return this.problem(
        "requester.identifier",
        "missing_organisation",
        `requester (${typeName(type)}) does not say which organisation sent the task: give requester.identifier with the ODS code (system ${fhirSystems.odsOrganisation}) or requester.display${where}`,
      );
    }
    sender.organisation = org.name;
    sender.odsCode = org.odsCode;
    this.from("sender.organisation", org.namePath);
    this.from("sender.odsCode", org.odsPath);
    sender.unit = this.options.senderUnit ?? org.name;
    this.from(
      "sender.unit",
      this.options.senderUnit !== undefined ? "options.senderUnit" : org.namePath,
    );
    sender.kind = this.options.senderKind;
    this.from("sender.kind", "options.senderKind");
    return sender;
  }

  /**
   * A requester that names a person (a PractitionerRole or Practitioner): fills the sender's
   * name, and for a role its role and team, and returns the organisation, which comes from a
   * contained PractitionerRole's organization or from an ODS identifier on the reference.
   */
  private readPerson(
    requester: FhirReference,
    party: Party,
    type: "PractitionerRole" | "Practitioner",
    sender: Record<string, string | undefined>,
  ): Organisation {
    const role = party.resource;
    const rolePath = party.resourcePath ?? "requester";
    const ods = odsIdentifier(requester, "requester");
    const org: Organisation =
      role?.organization !== undefined
        ? this.readOrganisation(role.organization, `${rolePath}.organization`)
        : ods !== undefined
          ? { name: ods.value, namePath: ods.path, odsCode: ods.value, odsPath: ods.path }
          : {};
    const practitioner = role?.practitioner;
    const viaPractitioner =
      practitioner?.display ??
      (practitioner?.reference?.startsWith("#")
        ? nameOf(this.contained.get(practitioner.reference.slice(1))?.resource)
        : undefined);
    const ownName = type === "Practitioner" ? nameOf(role) : undefined;
    sender.name = viaPractitioner ?? ownName ?? requester.display;
    this.from(
      "sender.name",
      viaPractitioner !== undefined
        ? `${rolePath}.practitioner`
        : ownName !== undefined
          ? `${rolePath}.name`
          : "requester.display",
    );
    if (type === "PractitionerRole") {
      sender.role = conceptText(role?.code?.[0]);
      this.from("sender.role", `${rolePath}.code[0]`);
      const service = role?.healthcareService?.[0];
      sender.team =
        service?.display ??
        (service?.reference?.startsWith("#")
          ? nameOf(this.contained.get(service.reference.slice(1))?.resource)
          : undefined);
      this.from("sender.team", `${rolePath}.healthcareService[0]`);
    }
    return org;
  }

  private readRecipient(): Record<string, string | undefined> | undefined {
    const owner = this.task.owner;
    const optionUnit = this.options.recipientUnit;
    if (owner === undefined) {
      // No owner yet: the task waits in the unit's inbox, which SystmOne calls unassigned.
      if (optionUnit === undefined) {
        return this.problem(
          "owner",
          "missing_recipient_unit",
          "owner is missing and options.recipientUnit is not given: one of them must say which unit the task was sent to",
        );
      }
      this.from("recipient.unit", "options.recipientUnit");
      return { unit: optionUnit, assignment: "unassigned" };
    }
    const party = this.resolve(owner, "owner");
    if (party === undefined) return undefined;
    if (party.type === undefined) {
      return this.problem(
        "owner.type",
        "unknown_owner_type",
        `owner does not say what it is: give owner.type (${Object.keys(ownerAssignment).join(", ")}), a literal reference such as "Organization/…", or a contained resource`,
      );
    }
    const assignment = ownerAssignment[party.type];
    if (assignment === undefined) {
      return this.problem(
        "owner",
        "unsupported_owner",
        `owner is ${aType(party.type)}: a task to a practice is owned by an Organization (unassigned), a Practitioner or PractitionerRole (a user), or a CareTeam, Group or HealthcareService (a group)`,
      );
    }
    this.from("recipient.assignment", "owner");

    const org = optionUnit === undefined ? this.ownerOrganisation(owner, party, assignment) : {};
    const unit = optionUnit ?? org.name;
    if (unit === undefined) {
      return this.problem(
        "owner",
        "missing_recipient_unit",
        `owner (${typeName(party.type)}) does not name the practice: pass options.recipientUnit, or give the owner's organisation`,
      );
    }
    this.from("recipient.unit", optionUnit !== undefined ? "options.recipientUnit" : org.namePath);
    if (assignment === "unassigned") return { unit, assignment };

    const assignee =
      owner.display ?? nameOf(party.resource) ?? party.resource?.practitioner?.display;
    this.from(
      "recipient.assignee",
      owner.display !== undefined ? "owner.display" : party.resourcePath,
    );
    return { unit, assignment, assignee };
  }

  /** The organisation that owns the task: the owner itself, or a contained owner's organization. */
  private ownerOrganisation(
    owner: FhirReference,
    party: Party,
    assignment: "unassigned" | "user" | "group",
  ): Organisation {
    if (assignment === "unassigned") return this.readOrganisation(owner, "owner");
    const organization = party.resource?.organization;
    if (organization === undefined) return {};
    return this.readOrganisation(organization, `${party.resourcePath}.organization`);
  }

  private readNhsNumber(): string | undefined {
    const patient = this.task.for;
    if (patient === undefined) return undefined;
    const list = patient.identifier === undefined ? [] : [patient.identifier].flat();
    const index = list.findIndex((i) => i.system === fhirSystems.nhsNumber);
    if (index < 0) return undefined;
    const path = Array.isArray(patient.identifier)
      ? `for.identifier[${index}].value`
      : "for.identifier.value";
    const value = list[index]?.value;
    if (value === undefined) {
      return this.problem(
        path,
        "missing_nhs_number",
        `${path} is missing: an NHS number identifier needs its value`,
      );
    }
    this.from("patient.nhsNumber", path);
    this.from("patient", "for");
    return value;
  }

  private readCategory(system: string): string | undefined {
    const codings = this.task.code?.coding ?? [];
    const index = codings.findIndex((c) => c.system === system && c.code !== undefined);
    if (index < 0) return undefined;
    this.from("category", `code.coding[${index}].code`);
    return codings[index]?.code;
  }

  /** `description` first, then each note, in order, as paragraphs. */
  private readBody(): string {
    const parts = [this.task.description, ...(this.task.note ?? []).map((n) => n.text)]
      .map((part) => part?.trim() ?? "")
      .filter((part) => part !== "");
    this.from("body", this.task.description !== undefined ? "description" : "note");
    return parts.join("\n\n");
  }

  /** Points a TaskInput issue at the FHIR element it came from, keeping the task field in the message. */
  private toFhirIssue(issue: Issue): Issue {
    let taskPath = issue.path;
    while (taskPath !== "" && !this.origin.has(taskPath)) {
      const cut = Math.max(taskPath.lastIndexOf("."), taskPath.lastIndexOf("["));
      taskPath = cut < 0 ? "" : taskPath.slice(0, cut);
    }
    const fhirPath = this.origin.get(taskPath);
    if (fhirPath === undefined) return issue;
    const message = issue.message.startsWith(`${issue.path} `)
      ? `${fhirPath} (the task's ${issue.path})${issue.message.slice(issue.path.length)}`
      : `${issue.message} (read from ${fhirPath})`;
    return { ...issue, path: fhirPath, message };
  }
}

/** The ODS organisation code on a reference, with its path. */
function odsIdentifier(
  ref: FhirReference,
  path: string,
): { value: string; path: string } | undefined {
  const { identifier } = ref;
  if (identifier === undefined) return undefined;
  const list: FhirIdentifier[] = [identifier].flat();
  const index = list.findIndex(
    (i) => i.system === fhirSystems.odsOrganisation && i.value !== undefined,
  );
  const value = list[index]?.value;
  if (value === undefined) return undefined;
  const at = Array.isArray(identifier) ? `identifier[${index}]` : "identifier";
  return { value, path: `${path}.${at}.value` };
}

function nameOf(resource: Contained | undefined): string | undefined {
  const name = resource?.name;
  if (typeof name === "string") return name;
  const first = name?.[0];
  if (first === undefined) return undefined;
  const parts = [...(first.prefix ?? []), ...(first.given ?? []), first.family ?? ""];
  return first.text ?? (parts.join(" ").trim() || undefined);
}

function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return concept?.text ?? concept?.coding?.find((c) => c.display !== undefined)?.display;
}
