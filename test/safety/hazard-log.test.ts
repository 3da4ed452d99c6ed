import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * docs/clinical-safety.md is evidence that runs: each hazard names the tests that show its
 * mitigation works. This test keeps the log honest — every named test must exist (and not be
 * skipped), every hazard must have evidence, and every risk rating must follow the log's own
 * matrix. `npm test` runs the named tests themselves.
 */

const root = join(import.meta.dirname, "..", "..");
const log = await readFile(join(root, "docs", "clinical-safety.md"), "utf8");

const severities = ["Minor", "Significant", "Considerable", "Major", "Catastrophic"];
const likelihoods = ["Very high", "High", "Medium", "Low", "Very low"];
const fields = [
  "Cause",
  "Effect",
  "Severity",
  "Likelihood before",
  "Risk before",
  "Mitigation",
  "Likelihood after",
  "Risk after",
];

interface Evidence {
  file: string;
  title: string;
  line: string;
}

interface Hazard {
  id: string;
  title: string;
  fields: Map<string, string>;
  evidence: Evidence[];
}

/** The risk matrix as the log states it: likelihood → severity → rating. */
function readMatrix(text: string): Map<string, Map<string, number>> {
  const matrix = new Map<string, Map<string, number>>();
  const section = text.slice(text.indexOf("### Risk matrix"));
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const likelihood = cells[1] ?? "";
    if (!likelihoods.includes(likelihood)) continue;
    const row = new Map<string, number>();
    severities.forEach((severity, i) => {
      row.set(severity, Number(cells[i + 2]));
    });
    if (!matrix.has(likelihood)) matrix.set(likelihood, row);
  }
  return matrix;
}

function readHazards(text: string): Hazard[] {
  const hazards: Hazard[] = [];
  let current: Hazard | undefined;
  for (const line of text.split("\n")) {
    const heading = /^### (H\d+)\. (.+)$/.exec(line);
    if (heading) {
      current = { id: heading[1] ?? "", title: heading[2] ?? "", fields: new Map(), evidence: [] };
      hazards.push(current);
      continue;
    }
    if (line.startsWith("## ")) current = undefined;
    if (current === undefined) continue;
    const row = /^\| ([^|]+) \| (.+) \|$/.exec(line);
    if (row && row[1] !== "Field" && !row[1]?.startsWith("---")) {
      current.fields.set((row[1] ?? "").trim(), (row[2] ?? "").trim());
    }
    const evidence = /^Evidence: (\S+) › "(.+)"$/.exec(line);
    if (evidence)
      current.evidence.push({ file: evidence[1] ?? "", title: evidence[2] ?? "", line });
  }
  return hazards;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Is `title` the title of a test (`it`, `test`, or their `.each`) in `source`, not skipped? */
function hasTest(source: string, title: string): boolean {
  const quoted = `(["'\`])${escapeRegExp(title)}\\1`;
  const call = new RegExp(`\\b(?:it|test)(?:\\.each\\b[\\s\\S]*?\\)\\s*)?\\(\\s*${quoted}`);
  return call.test(source);
}

const matrix = readMatrix(log);
const hazards = readHazards(log);

describe("the hazard log, docs/clinical-safety.md", () => {
  it("states a complete risk matrix", () => {
    expect([...matrix.keys()]).toEqual(likelihoods);
    for (const row of matrix.values()) {
      expect([...row.values()].every((r) => Number.isInteger(r) && r >= 1 && r <= 5)).toBe(true);
    }
  });

  it("logs at least the hazards the safety issue names", () => {
    const titles = hazards.map((h) => h.title.toLowerCase());
    for (const words of [
      ["urgent", "not being read"],
      ["clock change"],
      ["internal"],
      ["category", "wrongly"],
      ["letter", "another practice"],
      ["rule change", "silently"],
      ["batch record", "dropped"],
      ["negation", "urgency"],
      ["timeframe", "missed"],
    ]) {
      expect(
        titles.some((t) => words.every((w) => t.includes(w))),
        `a hazard about ${words.join(", ")}`,
      ).toBe(true);
    }
    expect(new Set(hazards.map((h) => h.id)).size).toBe(hazards.length);
  });

  it("gives every hazard its cause, effect, severity, likelihood, mitigation and risks, rated by the matrix", () => {
    expect(hazards.length).toBeGreaterThanOrEqual(7);
    for (const hazard of hazards) {
      for (const field of fields) {
        expect(hazard.fields.get(field), `${hazard.id} ${field}`).toBeTruthy();
      }
      const severity = hazard.fields.get("Severity") ?? "";
      expect(severities, `${hazard.id} severity`).toContain(severity);
      for (const when of ["before", "after"]) {
        const likelihood = hazard.fields.get(`Likelihood ${when}`) ?? "";
        expect(likelihoods, `${hazard.id} likelihood ${when}`).toContain(likelihood);
        const rating = matrix.get(likelihood)?.get(severity);
        expect(Number(hazard.fields.get(`Risk ${when}`)), `${hazard.id} risk ${when}`).toBe(rating);
      }
      expect(Number(hazard.fields.get("Risk after"))).toBeLessThanOrEqual(
        Number(hazard.fields.get("Risk before")),
      );
      expect(Number(hazard.fields.get("Risk after")), `${hazard.id} is acceptable`).toBeLessThan(4);
    }
  });

  it("names at least one test as evidence for every hazard", () => {
    for (const hazard of hazards) {
      expect(hazard.evidence.length, `${hazard.id} evidence`).toBeGreaterThan(0);
    }
  });

  it("names only evidence that exists: a test file and a test of that exact name, not skipped", async () => {
    const missing: string[] = [];
    for (const hazard of hazards) {
      for (const evidence of hazard.evidence) {
        let source: string;
        try {
          source = await readFile(join(root, evidence.file), "utf8");
        } catch {
          missing.push(`${hazard.id}: no file ${evidence.file}`);
          continue;
        }
        if (!evidence.file.startsWith("test/") || !evidence.file.endsWith(".test.ts")) {
          missing.push(`${hazard.id}: ${evidence.file} is not a test file`);
        }
        if (!hasTest(source, evidence.title)) {
          missing.push(`${hazard.id}: no test "${evidence.title}" in ${evidence.file}`);
        }
        if (/\b(?:describe|it|test)\.(?:skip|only|todo)\b/.test(source)) {
          missing.push(`${hazard.id}: ${evidence.file} skips or focuses tests`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("finds a test title only where a test declares it", () => {
    const source =
      'it("adds two numbers", () => {});\nit.each([1, 2])("doubles %s", () => {});\n// "in a comment"';
    expect(hasTest(source, "adds two numbers")).toBe(true);
    expect(hasTest(source, "doubles %s")).toBe(true);
    expect(hasTest(source, "in a comment")).toBe(false);
    expect(hasTest('it.skip("adds two numbers", () => {});', "adds two numbers")).toBe(false);
  });
});
