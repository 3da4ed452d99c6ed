import { describe, expect, it } from "vitest";
import { formatNhsNumber, isValidNhsNumber } from "../../src/input/nhs-number.js";

describe("isValidNhsNumber", () => {
  it("accepts 9434765919, whose check digit is 9", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
  });

  it("accepts 9990000050, whose check digit is 0 (remainder 0)", () => {
    expect(isValidNhsNumber("9990000050")).toBe(true);
  });

  it("refuses 9434765919 with its digits swapped (the check digit catches transpositions)", () => {
    expect(isValidNhsNumber("9434765991")).toBe(false);
    expect(isValidNhsNumber("4934765919")).toBe(false);
  });

  it("refuses every number of the form 999000000x, whose check digit would be 10", () => {
    for (const last of "0123456789") expect(isValidNhsNumber(`999000000${last}`)).toBe(false);
  });

  it.each([
    ["943 476 5919", "spaces (the schema strips them first)"],
    ["943476591", "nine digits"],
    ["94347659190", "eleven digits"],
    ["943476591x", "a letter"],
    ["", "nothing"],
  ])("refuses %j (%s)", (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });
});

describe("formatNhsNumber", () => {
  it("writes ten digits 3-3-4", () => {
    expect(formatNhsNumber("9434765919")).toBe("943 476 5919");
  });
});
