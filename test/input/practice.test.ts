import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/input-error.js";
import { parsePractice, practiceSchema } from "../../src/input/practice.js";
import { inputErrorOf, pathsOf, practiceWith } from "./helpers.js";

const parse = (fragment: Record<string, unknown>) => parsePractice(practiceWith(fragment));

const agreement = {
  odsCode: "RXX01",
  name: "Humber Coast NHS Foundation Trust",
  acknowledgedOn: "2026-10-01",
  contact: "Head of Community Nursing",
};
/** A practice whose policy is agreed-providers, with one agreement changed by `change`. */
const withAgreement = (change: Record<string, unknown>) =>
  parse({
    externalTasks: {
      policy: "agreed-providers",
      agreements: [{ ...agreement, ...change }],
    },
  });

describe("practiceSchema: a valid practice", () => {
  it("accepts the default ruleset's base practice", () => {
    expect(parsePractice(practiceWith()).name).toBe("Example Surgery");
  });

  it("accepts each of the three external-task policies", () => {
    expect(parse({ externalTasks: { policy: "accept" } }).externalTasks).toEqual({
      policy: "accept",
    });
    expect(
      parse({ externalTasks: { policy: "decline", from: "2026-12-01" } }).externalTasks,
    ).toEqual({ policy: "decline", from: "2026-12-01" });
    expect(withAgreement({}).externalTasks).toEqual({
      policy: "agreed-providers",
      agreements: [agreement],
    });
  });

  it("accepts agreed-providers with no agreements yet, and an agreement without a contact", () => {
    expect(
      parse({ externalTasks: { policy: "agreed-providers", agreements: [] } }).externalTasks,
    ).toEqual({ policy: "agreed-providers", agreements: [] });
    const policy = withAgreement({ contact: undefined }).externalTasks;
    expect(policy.policy === "agreed-providers" && policy.agreements[0]?.contact).toBeUndefined();
  });

  it("accepts a practice without the optional fields (odsCode, escalationContact, signOff, urgentRoute.email)", () => {
    const practice = parse({
      odsCode: null,
      escalationContact: null,
      signOff: null,
      urgentRoute: { email: null },
    });
    expect(practice.odsCode).toBeUndefined();
    expect(practice.escalationContact).toBeUndefined();
    expect(practice.signOff).toBeUndefined();
    expect(practice.urgentRoute).toEqual({ phone: "01482 000000" });
  });

  it("accepts a decline date of 29 February 2028, a leap day", () => {
    expect(
      parse({ externalTasks: { policy: "decline", from: "2028-02-29" } }).externalTasks,
    ).toEqual({ policy: "decline", from: "2028-02-29" });
  });

  it("is the same schema parsePractice uses", () => {
    expect(practiceSchema.parse(practiceWith())).toEqual(parsePractice(practiceWith()));
  });
});

describe("practiceSchema: every field names its own path when its value is bad", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["a name that is missing is refused at name", { name: null }, "name"],
    ["a blank name is refused at name", { name: "  " }, "name"],
    ["units that are a string are refused at units", { units: "Example Surgery" }, "units"],
    ["units that are empty are refused at units", { units: [] }, "units"],
    ["units that are missing are refused at units", { units: null }, "units"],
    ["a blank second unit is refused at units[1]", { units: ["Example Surgery", ""] }, "units[1]"],
    ["a unit that is a number is refused at units[0]", { units: [7] }, "units[0]"],
    ["an odsCode that is a number is refused at odsCode", { odsCode: 99999 }, "odsCode"],
    ["an empty odsCode is refused at odsCode", { odsCode: "" }, "odsCode"],
    [
      "externalTasks that are missing are refused at externalTasks",
      { externalTasks: null },
      "externalTasks",
    ],
    [
      "externalTasks that are a string are refused at externalTasks",
      { externalTasks: "accept" },
      "externalTasks",
    ],
    [
      "an unknown policy is refused at externalTasks.policy",
      { externalTasks: { policy: "reject" } },
      "externalTasks.policy",
    ],
    [
      "a policy that is missing is refused at externalTasks.policy",
      { externalTasks: { policy: null, from: "2026-12-01" } },
      "externalTasks.policy",
    ],
    [
      "agreements that are missing are refused at externalTasks.agreements",
      { externalTasks: { policy: "agreed-providers" } },
      "externalTasks.agreements",
    ],
    [
      "agreements that are an object are refused at externalTasks.agreements",
      { externalTasks: { policy: "agreed-providers", agreements: agreement } },
      "externalTasks.agreements",
    ],
    [
      "an agreement that is a string is refused at externalTasks.agreements[0]",
      { externalTasks: { policy: "agreed-providers", agreements: ["RXX01"] } },
      "externalTasks.agreements[0]",
    ],
    [
      "a decline policy without from is refused at externalTasks.from",
      { externalTasks: { policy: "decline" } },
      "externalTasks.from",
    ],
    [
      "a from in UK notation is refused at externalTasks.from",
      { externalTasks: { policy: "decline", from: "01/12/2026" } },
      "externalTasks.from",
    ],
    [
      "a from of 30 February is refused at externalTasks.from",
      { externalTasks: { policy: "decline", from: "2026-02-30" } },
      "externalTasks.from",
    ],
    [
      "a from of 29 February 2027 is refused at externalTasks.from",
      { externalTasks: { policy: "decline", from: "2027-02-29" } },
      "externalTasks.from",
    ],
    [
      "a from with a time is refused at externalTasks.from",
      { externalTasks: { policy: "decline", from: "2026-12-01T00:00:00Z" } },
      "externalTasks.from",
    ],
    [
      "a preferredMethod that is missing is refused at preferredMethod",
      { preferredMethod: null },
      "preferredMethod",
    ],
    [
      "an empty preferredMethod is refused at preferredMethod",
      { preferredMethod: "" },
      "preferredMethod",
    ],
    [
      "an urgentRoute that is missing is refused at urgentRoute",
      { urgentRoute: null },
      "urgentRoute",
    ],
    [
      "an urgentRoute that is a phone string is refused at urgentRoute",
      { urgentRoute: "01482 000000" },
      "urgentRoute",
    ],
    [
      "an urgentRoute.phone that is missing is refused there",
      { urgentRoute: { phone: null } },
      "urgentRoute.phone",
    ],
    [
      "an urgentRoute.phone that is a number is refused there",
      { urgentRoute: { phone: 1482000000 } },
      "urgentRoute.phone",
    ],
    [
      "an urgentRoute.email that is not an address is refused there",
      { urgentRoute: { email: "the generic inbox" } },
      "urgentRoute.email",
    ],
    [
      "an escalationContact that is a string is refused at escalationContact",
      { escalationContact: "Practice Manager" },
      "escalationContact",
    ],
    [
      "an escalationContact.name that is missing is refused there",
      { escalationContact: { name: null } },
      "escalationContact.name",
    ],
    [
      "an escalationContact.role that is empty is refused there",
      { escalationContact: { role: "" } },
      "escalationContact.role",
    ],
    [
      "an escalationContact.email that is not an address is refused there",
      { escalationContact: { email: "pm at nhs.net" } },
      "escalationContact.email",
    ],
    [
      "an escalationContact.phone that is a number is refused there",
      { escalationContact: { phone: 1482 } },
      "escalationContact.phone",
    ],
    ["a signOff that is empty is refused at signOff", { signOff: "" }, "signOff"],
    ["a signOff that is a number is refused at signOff", { signOff: 1 }, "signOff"],
    [
      "an address line that is empty is refused at address[1] (address is an optional field the letters print)",
      { address: ["1 High Street", ""] },
      "address[1]",
    ],
    ["an address that is a string is refused at address", { address: "1 High Street" }, "address"],
  ])("%s", (_behaviour, fragment, path) => {
    const error = inputErrorOf(() => parse(fragment));
    expect(pathsOf(error)).toEqual([path]);
    expect(error.subject).toBe("practice");
    expect(error.code).toBe("INPUT_INVALID");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an agreement's odsCode that is missing", { odsCode: undefined }, "odsCode"],
    ["an agreement's odsCode that is blank", { odsCode: " " }, "odsCode"],
    ["an agreement's name that is missing", { name: undefined }, "name"],
    ["an agreement's name that is a number", { name: 5 }, "name"],
    [
      "an agreement's acknowledgedOn that is missing",
      { acknowledgedOn: undefined },
      "acknowledgedOn",
    ],
    [
      "an agreement's acknowledgedOn of 30 February",
      { acknowledgedOn: "2026-02-30" },
      "acknowledgedOn",
    ],
    [
      "an agreement's acknowledgedOn of 29 February 2027",
      { acknowledgedOn: "2027-02-29" },
      "acknowledgedOn",
    ],
    [
      "an agreement's acknowledgedOn in UK notation",
      { acknowledgedOn: "01/10/2026" },
      "acknowledgedOn",
    ],
    ["an agreement's contact that is empty", { contact: "" }, "contact"],
    ["an agreement's contact that is an object", { contact: { name: "x" } }, "contact"],
  ])("%s is refused at externalTasks.agreements[0].<field>", (_behaviour, change, field) => {
    const error = inputErrorOf(() => withAgreement(change));
    expect(pathsOf(error)).toEqual([`externalTasks.agreements[0].${field}`]);
  });

  it("names the index of the bad agreement among good ones", () => {
    const error = inputErrorOf(() =>
      parse({
        externalTasks: {
          policy: "agreed-providers",
          agreements: [agreement, agreement, { ...agreement, acknowledgedOn: "2026-10-32" }],
        },
      }),
    );
    expect(pathsOf(error)).toEqual(["externalTasks.agreements[2].acknowledgedOn"]);
  });

  it("accepts an acknowledgedOn of 29 February 2028, a leap day", () => {
    const policy = withAgreement({ acknowledgedOn: "2028-02-29" }).externalTasks;
    expect(policy.policy === "agreed-providers" && policy.agreements[0]?.acknowledgedOn).toBe(
      "2028-02-29",
    );
  });
});

describe("practiceSchema: error output", () => {
  it("says which policies there are", () => {
    expect(
      inputErrorOf(() => parse({ externalTasks: { policy: "reject" } })).issues,
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_union",
          "message": "externalTasks.policy must be one of "accept", "agreed-providers", "decline"",
          "path": "externalTasks.policy",
        },
      ]
    `);
  });

  it("says an acknowledgedOn must be a date that exists", () => {
    expect(
      inputErrorOf(() => withAgreement({ acknowledgedOn: "2026-02-30" })).issues,
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_format",
          "message": "acknowledgedOn must be a date that exists, written YYYY-MM-DD",
          "path": "externalTasks.agreements[0].acknowledgedOn",
        },
      ]
    `);
  });

  it("says units must name at least one unit", () => {
    expect(inputErrorOf(() => parse({ units: [] })).issues).toMatchInlineSnapshot(`
      [
        {
          "code": "too_small",
          "message": "units must name at least one SystmOne unit",
          "path": "units",
        },
      ]
    `);
  });
});

describe("practiceSchema: unknown fields and hostile keys", () => {
  it("drops unknown fields instead of refusing them", () => {
    const practice = parse({
      website: "https://example.nhs.uk",
      urgentRoute: { fax: "01482 000001" },
      externalTasks: { policy: "accept", note: "for now" },
    });
    expect(practice).not.toHaveProperty("website");
    expect(practice.urgentRoute).not.toHaveProperty("fax");
    expect(practice.externalTasks).toEqual({ policy: "accept" });
  });

  it("ignores __proto__, constructor and prototype keys from JSON without polluting Object.prototype", () => {
    const base = JSON.stringify(practiceWith());
    const hostile = `{"__proto__":{"polluted":"yes","signOff":"Mallory"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},${base.slice(1)}`;
    const practice = parsePractice(JSON.parse(hostile));
    expect(practice.signOff).toBeUndefined();
    expect(Object.getPrototypeOf(practice)).toBe(Object.prototype);
    expect(Object.hasOwn(practice, "__proto__")).toBe(false);
    expect(Reflect.get({}, "polluted")).toBeUndefined();
  });

  it("does not take a policy from a __proto__ key inside externalTasks", () => {
    const input: unknown = JSON.parse(
      JSON.stringify(practiceWith()).replace(
        '"externalTasks":{"policy":"accept"}',
        '"externalTasks":{"__proto__":{"policy":"decline","from":"2026-12-01"}}',
      ),
    );
    expect(pathsOf(inputErrorOf(() => parsePractice(input)))).toEqual(["externalTasks.policy"]);
    expect(Reflect.get({}, "policy")).toBeUndefined();
  });

  it("does not take an agreement's fields from a __proto__ key", () => {
    const input: unknown = JSON.parse(
      `{"externalTasks":{"policy":"agreed-providers","agreements":[{"__proto__":${JSON.stringify(agreement)}}]}}`,
    );
    const error = inputErrorOf(() => parsePractice(practiceWith(input as Record<string, unknown>)));
    expect(pathsOf(error)).toEqual([
      "externalTasks.agreements[0].odsCode",
      "externalTasks.agreements[0].name",
      "externalTasks.agreements[0].acknowledgedOn",
    ]);
  });

  it.each<[unknown, string]>([
    [null, "null"],
    ["Example Surgery", "a string"],
    [[practiceWith()], "an array"],
    [1, "a number"],
    [undefined, "undefined"],
  ])("gives an InputError at the root path for %j (%s), not a crash", (input) => {
    const error = inputErrorOf(() => parsePractice(input));
    expect(error).toBeInstanceOf(InputError);
    expect(pathsOf(error)).toEqual([""]);
  });
});
