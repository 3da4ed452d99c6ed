import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDefaults, generateCorpus, testNhsNumber } from "../../scripts/generate-corpus.js";
import { isValidNhsNumber } from "../../src/input/nhs-number.js";
import { taskSchema } from "../../src/input/task.js";

const root = join(import.meta.dirname, "..", "..");
const committed = (await readFile(join(root, "examples/corpus.jsonl"), "utf8"))
  .split("\n")
  .filter((line) => line !== "");
const tasks = committed.map((line) => taskSchema.parse(JSON.parse(line)));

describe("examples/corpus.jsonl", () => {
  it("is what scripts/generate-corpus.ts writes (run npx tsx scripts/generate-corpus.ts --out examples/corpus.jsonl --force)", () => {
    const fresh = generateCorpus(corpusDefaults).map((task) => JSON.stringify(task));
    expect(committed.length).toBe(corpusDefaults.count);
    expect(committed).toEqual(fresh);
  });

  it("holds only tasks that pass taskSchema, with unique ids", () => {
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
  });

  it("uses NHS numbers from the 999 test range only, each with a valid check digit", () => {
    const numbers = tasks.flatMap((t) => (t.patient?.nhsNumber ? [t.patient.nhsNumber] : []));
    expect(numbers.length).toBeGreaterThan(tasks.length * 0.8);
    for (const n of numbers) {
      expect(n.startsWith("999")).toBe(true);
      expect(isValidNhsNumber(n)).toBe(true);
    }
  });

  it("spans December 2025 to November 2026, both clock changes included", () => {
    const months = new Set(tasks.map((t) => t.sentAt.slice(0, 7)));
    expect(months.size).toBe(12);
    const instants = tasks.map((t) => Date.parse(t.sentAt));
    expect(Math.min(...instants)).toBeLessThan(Date.parse("2026-03-29T01:00:00Z"));
    expect(Math.max(...instants)).toBeGreaterThan(Date.parse("2026-10-25T01:00:00Z"));
    expect(tasks.some((t) => t.sentAt.endsWith("+01:00"))).toBe(true);
  });

  it("mixes senders, assignments, flags and body features the rules look at", () => {
    const kinds = new Set(tasks.map((t) => t.sender.kind));
    expect([...kinds].sort()).toEqual(
      [
        "gp-practice",
        "independent-provider",
        "nhs-provider",
        "other",
        "pcn",
        "pharmacy",
        "social-care",
      ].sort(),
    );
    const assignments = new Set(tasks.map((t) => t.recipient.assignment));
    expect(assignments.size).toBe(3);
    expect(tasks.some((t) => t.urgent)).toBe(true);
    expect(tasks.some((t) => t.dueBy !== undefined)).toBe(true);
    expect(
      tasks.some((t) =>
        t.body.includes("Please see my recent journal entry which contains actions ("),
      ),
    ).toBe(true);
    expect(tasks.some((t) => /not urgent|non-urgent/i.test(t.body))).toBe(true);
    expect(tasks.some((t) => /within the next 7 days|in 6 weeks|by tomorrow/.test(t.body))).toBe(
      true,
    );
    expect(tasks.some((t) => t.id.includes("/"))).toBe(true);
  });
});

describe("testNhsNumber", () => {
  it("makes ten-digit 999 numbers that pass the Modulus 11 check", () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 200; i++) {
      const n = testNhsNumber(random);
      expect(n).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(n)).toBe(true);
    }
  });
});

describe("generateCorpus", () => {
  it("gives the same tasks for the same seed and different ones for another", () => {
    expect(generateCorpus({ seed: 7, count: 20 })).toEqual(generateCorpus({ seed: 7, count: 20 }));
    expect(generateCorpus({ seed: 8, count: 20 })).not.toEqual(
      generateCorpus({ seed: 7, count: 20 }),
    );
  });
});
