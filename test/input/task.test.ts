import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/input-error.js";
import { parseTask, taskSchema } from "../../src/input/task.js";
import { inputErrorOf, pathsOf, taskWith } from "./helpers.js";

const parse = (fragment: Record<string, unknown>) => parseTask(taskWith(fragment));

describe("taskSchema: a valid task", () => {
  it("accepts the default ruleset's base task", () => {
    expect(parseTask(taskWith()).id).toBe("EX-1");
  });

  it("applies the defaults: sender.kind nhs-provider, urgent false", () => {
    const task = parse({ sender: { kind: null }, urgent: null });
    expect(task.sender.kind).toBe("nhs-provider");
    expect(task.urgent).toBe(false);
  });

  it("accepts a task without the optional fields (odsCode, team, name, role, assignee, patient, dueBy, category)", () => {
    const task = parse({
      sender: { odsCode: null, team: null },
      patient: null,
      dueBy: null,
      category: null,
    });
    expect(task.sender.odsCode).toBeUndefined();
    expect(task.patient).toBeUndefined();
    expect(task.dueBy).toBeUndefined();
    expect(task.category).toBeUndefined();
  });

  it("is the same schema parseTask uses", () => {
    expect(taskSchema.parse(taskWith())).toEqual(parseTask(taskWith()));
  });
});

describe("taskSchema: every field names its own path when its value is bad", () => {
  const long = (n: number) => "x".repeat(n);
  it.each<[string, Record<string, unknown>, string]>([
    ["an id that is missing is refused at id", { id: null }, "id"],
    ["an empty id is refused at id", { id: "" }, "id"],
    ["an id that is a number is refused at id", { id: 42 }, "id"],
    ["an id of 201 characters is refused at id", { id: long(201) }, "id"],
    ["a sentAt that is missing is refused at sentAt", { sentAt: null }, "sentAt"],
    ["a sentAt that is a date only is refused at sentAt", { sentAt: "2026-11-23" }, "sentAt"],
    [
      "a sentAt without Z or offset is refused at sentAt",
      { sentAt: "2026-11-23T10:15:00" },
      "sentAt",
    ],
    ["a sentAt in UK notation is refused at sentAt", { sentAt: "23/11/2026 10:15" }, "sentAt"],
    ["a sentAt that is a number is refused at sentAt", { sentAt: 1_700_000_000_000 }, "sentAt"],
    ["a sender that is a string is refused at sender", { sender: "Hull Trust" }, "sender"],
    [
      "a sender.organisation that is missing is refused there",
      { sender: { organisation: null } },
      "sender.organisation",
    ],
    [
      "a blank sender.organisation is refused there",
      { sender: { organisation: "   " } },
      "sender.organisation",
    ],
    [
      "a sender.odsCode that is a number is refused there",
      { sender: { odsCode: 42 } },
      "sender.odsCode",
    ],
    ["an empty sender.odsCode is refused there", { sender: { odsCode: "" } }, "sender.odsCode"],
    ["a sender.unit that is missing is refused there", { sender: { unit: null } }, "sender.unit"],
    ["an empty sender.unit is refused there", { sender: { unit: "" } }, "sender.unit"],
    ["an empty sender.team is refused there", { sender: { team: "" } }, "sender.team"],
    ["a sender.name that is a number is refused there", { sender: { name: 7 } }, "sender.name"],
    [
      "a sender.role that is an array is refused there",
      { sender: { role: ["Nurse"] } },
      "sender.role",
    ],
    [
      "a sender.kind outside the list is refused there",
      { sender: { kind: "hospital" } },
      "sender.kind",
    ],
    [
      "a sender.kind in the wrong case is refused there",
      { sender: { kind: "NHS-Provider" } },
      "sender.kind",
    ],
    ["a recipient that is null is refused at recipient", { recipient: null }, "recipient"],
    [
      "a recipient.unit that is missing is refused there",
      { recipient: { unit: null } },
      "recipient.unit",
    ],
    ["a blank recipient.unit is refused there", { recipient: { unit: " " } }, "recipient.unit"],
    [
      "a recipient.assignment outside the list is refused there",
      { recipient: { assignment: "team" } },
      "recipient.assignment",
    ],
    [
      "a recipient.assignment that is missing is refused there",
      { recipient: { assignment: null } },
      "recipient.assignment",
    ],
    [
      "a recipient.assignee that is a number is refused there",
      { recipient: { assignee: 7 } },
      "recipient.assignee",
    ],
    ["a patient that is a string is refused at patient", { patient: "943 476 5919" }, "patient"],
    [
      "a patient.nhsNumber with a wrong check digit is refused there",
      { patient: { nhsNumber: "943 476 5918" } },
      "patient.nhsNumber",
    ],
    [
      "a patient.nhsNumber that is a number is refused there",
      { patient: { nhsNumber: 9434765919 } },
      "patient.nhsNumber",
    ],
    ["an urgent flag that is a string is refused at urgent", { urgent: "yes" }, "urgent"],
    ["an urgent flag that is 1 is refused at urgent", { urgent: 1 }, "urgent"],
    ["a dueBy in UK notation is refused at dueBy", { dueBy: "01/12/2026" }, "dueBy"],
    ["a dueBy that is a number is refused at dueBy", { dueBy: 20261201 }, "dueBy"],
    ["a category that is not an id is refused at category", { category: "Fit Note" }, "category"],
    ["a category that is a number is refused at category", { category: 6 }, "category"],
    ["a body that is missing is refused at body", { body: null }, "body"],
    ["a body that is not a string is refused at body", { body: ["Please"] }, "body"],
    ["a body over 20,000 characters is refused at body", { body: long(20_001) }, "body"],
  ])("%s", (_behaviour, fragment, path) => {
    const error = inputErrorOf(() => parse(fragment));
    expect(pathsOf(error)).toEqual([path]);
    expect(error.subject).toBe("task");
    expect(error.code).toBe("INPUT_INVALID");
  });

  it("reports every bad field at once, each at its own path", () => {
    const error = inputErrorOf(() =>
      parse({ id: "", sender: { kind: "trust" }, recipient: { assignment: "team" }, urgent: "y" }),
    );
    expect(pathsOf(error)).toEqual(["id", "sender.kind", "recipient.assignment", "urgent"]);
  });

  it("accepts an id of exactly 200 characters and a body of exactly 20,000", () => {
    const task = parse({ id: long(200), body: long(20_000) });
    expect(task.id).toHaveLength(200);
    expect(task.body).toHaveLength(20_000);
  });

  it("accepts an empty body (the rules judge it, the schema does not)", () => {
    expect(parse({ body: "" }).body).toBe("");
  });
});

describe("taskSchema: error output", () => {
  it("says what recipient.assignment may be", () => {
    expect(
      inputErrorOf(() => parse({ recipient: { assignment: "team" } })).issues,
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_value",
          "message": "recipient.assignment must be one of unassigned, user, group",
          "path": "recipient.assignment",
        },
      ]
    `);
  });

  it("says a sentAt needs Z or an offset, with an example", () => {
    expect(
      inputErrorOf(() => parse({ sentAt: "2026-11-23T10:15:00" })).issues,
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_format",
          "message": "sentAt must be an ISO 8601 date-time that exists, with Z or an offset, e.g. 2026-11-23T09:30:00Z",
          "path": "sentAt",
        },
      ]
    `);
  });

  it("says a wrong NHS number check digit fails Modulus 11", () => {
    expect(
      inputErrorOf(() => parse({ patient: { nhsNumber: "943 476 5918" } })).issues,
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "custom",
          "message": "patient.nhsNumber fails the Modulus 11 check digit",
          "path": "patient.nhsNumber",
        },
      ]
    `);
  });

  it("summarises the issues in the error's message", () => {
    const error = inputErrorOf(() => parse({ id: "", urgent: "yes" }));
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid task: id: id must not be empty; urgent: urgent must be true or false"`,
    );
    expect(error.name).toBe("InputError");
  });
});

describe("taskSchema: dates", () => {
  it.each([
    ["2026-11-23T10:15:00Z", "Z"],
    ["2026-11-23T10:15:00+00:00", "+00:00"],
    ["2026-06-30T23:30:00+01:00", "+01:00"],
    ["2026-11-23T10:15:00.123Z", "fractional seconds"],
  ])("accepts a sentAt of %s (%s)", (sentAt) => {
    expect(parse({ sentAt }).sentAt).toBe(sentAt);
  });

  it.each([
    ["2026-02-30T10:00:00Z", "30 February"],
    ["2027-02-29T10:00:00Z", "29 February in a common year"],
    ["2026-04-31T10:00:00Z", "31 April"],
    ["2026-13-01T10:00:00Z", "month 13"],
    ["2026-11-23T25:00:00Z", "hour 25"],
  ])("refuses a sentAt of %s (%s), which does not exist", (sentAt) => {
    expect(pathsOf(inputErrorOf(() => parse({ sentAt })))).toEqual(["sentAt"]);
  });

  it("accepts a sentAt on 29 February 2028, a leap day", () => {
    expect(parse({ sentAt: "2028-02-29T09:00:00Z" }).sentAt).toBe("2028-02-29T09:00:00Z");
  });

  it.each([
    ["2026-12-01", "a date"],
    ["2026-12-01T17:00:00Z", "a date-time in UTC"],
    ["2026-12-01T17:00:00+01:00", "a date-time with an offset"],
    ["2026-12-01T17:00:00", "a local date-time (London wall time)"],
    ["2026-12-01T17:00", "a local date-time without seconds"],
    ["2028-02-29", "29 February in a leap year"],
  ])("accepts a dueBy of %s (%s)", (dueBy) => {
    expect(parse({ dueBy }).dueBy).toBe(dueBy);
  });

  it.each([
    ["2026-02-30", "30 February"],
    ["2027-02-29", "29 February in a common year"],
    ["2026-02-30T17:00:00", "30 February as a local date-time"],
    ["2027-02-29T17:00:00Z", "29 February 2027 as a date-time"],
    ["2026-09-31", "31 September"],
    ["2026-12-1", "a day without its leading zero"],
    ["tomorrow", "a word"],
  ])("refuses a dueBy of %s (%s)", (dueBy) => {
    expect(pathsOf(inputErrorOf(() => parse({ dueBy })))).toEqual(["dueBy"]);
  });
});

describe("taskSchema: NHS numbers (Modulus 11)", () => {
  it("accepts 943 476 5919 and stores it as ten digits", () => {
    expect(parse({ patient: { nhsNumber: "943 476 5919" } }).patient?.nhsNumber).toBe("9434765919");
  });

  it("accepts the number without spaces, or with other white space", () => {
    expect(parse({ patient: { nhsNumber: "9434765919" } }).patient?.nhsNumber).toBe("9434765919");
    expect(parse({ patient: { nhsNumber: " 943\t476 5919 " } }).patient?.nhsNumber).toBe(
      "9434765919",
    );
  });

  it("accepts a test-range number whose check digit is 0 (11 − remainder 0 = 11, written 0)", () => {
    // 9,9,9,0,0,0,0,0,5 weighted 10 down to 2: 90 + 81 + 72 + 10 = 253 = 11 × 23.
    expect(parse({ patient: { nhsNumber: "999 000 0050" } }).patient?.nhsNumber).toBe("9990000050");
  });

  it("refuses every wrong check digit of 943 476 591x", () => {
    for (const last of "012345678") {
      const error = inputErrorOf(() => parse({ patient: { nhsNumber: `943476591${last}` } }));
      expect(pathsOf(error)).toEqual(["patient.nhsNumber"]);
    }
  });

  it("refuses 999 000 000x whatever x is: its check digit would be 10, which no NHS number has", () => {
    // 9,9,9,0,0,0,0,0,0 weighted 10 down to 2: 90 + 81 + 72 = 243 = 11 × 22 + 1 → 11 − 1 = 10.
    for (const last of "0123456789") {
      const error = inputErrorOf(() => parse({ patient: { nhsNumber: `999 000 000${last}` } }));
      expect(error.issues.map((i) => i.message)).toEqual([
        "patient.nhsNumber fails the Modulus 11 check digit",
      ]);
    }
  });

  it.each([
    ["943 476 591", "nine digits"],
    ["943 476 59190", "eleven digits"],
    ["943-476-5919", "dashes"],
    ["", "nothing"],
    ["94347659l9", "a letter"],
  ])("refuses %j (%s) with one issue saying it must be 10 digits", (nhsNumber) => {
    const error = inputErrorOf(() => parse({ patient: { nhsNumber } }));
    expect(error.issues).toEqual([
      {
        path: "patient.nhsNumber",
        code: "custom",
        message: "patient.nhsNumber must be 10 digits (spaces allowed), e.g. 943 476 5919",
      },
    ]);
  });
});

describe("taskSchema: unknown fields and hostile keys", () => {
  it("drops unknown fields at every level instead of refusing them", () => {
    const task = parse({
      priority: "high",
      sender: { email: "a@nhs.net" },
      recipient: { ward: "7" },
      patient: { name: "A Patient" },
    });
    expect(task).not.toHaveProperty("priority");
    expect(task.sender).not.toHaveProperty("email");
    expect(task.recipient).not.toHaveProperty("ward");
    expect(task.patient).not.toHaveProperty("name");
  });

  it("ignores __proto__, constructor and prototype keys from JSON without polluting Object.prototype", () => {
    const base = JSON.stringify(taskWith());
    const hostile = `{"__proto__":{"polluted":"yes","urgent":true},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},${base.slice(1)}`;
    const input: unknown = JSON.parse(hostile);
    const task = parseTask(input);
    expect(task.urgent).toBe(false);
    expect(Object.getPrototypeOf(task)).toBe(Object.prototype);
    expect(Object.hasOwn(task, "__proto__")).toBe(false);
    expect(Object.hasOwn(task, "constructor")).toBe(false);
    expect(Object.hasOwn(task, "prototype")).toBe(false);
    expect(Reflect.get({}, "polluted")).toBeUndefined();
  });

  it("does not read required fields from a __proto__ key", () => {
    const input: unknown = JSON.parse(
      '{"__proto__":{"id":"T1","sentAt":"2026-11-23T10:15:00Z","body":"x"},"sender":{"__proto__":{"organisation":"Trust","unit":"Ward"}},"recipient":{"unit":"Example Surgery","assignment":"unassigned"}}',
    );
    const error = inputErrorOf(() => parseTask(input));
    expect(pathsOf(error)).toEqual(["id", "sentAt", "sender.organisation", "sender.unit", "body"]);
    expect(Reflect.get({}, "id")).toBeUndefined();
  });

  it("treats nested constructor and prototype keys as unknown fields", () => {
    const input: unknown = JSON.parse(
      JSON.stringify(taskWith()).replace(
        '"sender":{',
        '"sender":{"constructor":{"name":"x"},"prototype":null,"__proto__":{"kind":"pharmacy"},',
      ),
    );
    const task = parseTask(input);
    expect(task.sender.kind).toBe("nhs-provider");
    expect(Object.getPrototypeOf(task.sender)).toBe(Object.prototype);
    expect(Reflect.get({}, "kind")).toBeUndefined();
  });

  it.each<[unknown, string]>([
    [null, "null"],
    ["a task", "a string"],
    [[taskWith()], "an array"],
    [42, "a number"],
    [undefined, "undefined"],
    [true, "a boolean"],
  ])("gives an InputError at the root path for %j (%s), not a crash", (input) => {
    const error = inputErrorOf(() => parseTask(input));
    expect(error).toBeInstanceOf(InputError);
    expect(pathsOf(error)).toEqual([""]);
  });

  it.each([
    [[taskWith()], "not an array"],
    ["Jane Smith 943 476 5919", "not a string"],
    [42, "not a number"],
  ])("says a task must be a JSON object for %j (%s), without echoing it", (input, kind) => {
    const [issue] = inputErrorOf(() => parseTask(input)).issues;
    expect(issue?.message).toBe(
      `a task must be a JSON object with id, sentAt, sender, recipient and body, ${kind}`,
    );
  });

  it("pins the root error for null", () => {
    expect(inputErrorOf(() => parseTask(null)).issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "a task must be a JSON object with id, sentAt, sender, recipient and body, not null",
          "path": "",
        },
      ]
    `);
  });
});
