import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import { RulesetError } from "../../src/errors/ruleset-error.js";
import { lexiconOf } from "../../src/facts/lexicon.js";
import { MAX_STEPS_PER_WORD } from "../../src/facts/matcher.js";
import { fromFhirTask } from "../../src/input/fhir.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { cutRulesetFiles, practice, setAt, task } from "./fuzz.js";

/**
 * Regular expressions and loops over body text must stay linear. Each hostile body is 20,000
 * characters (the schema's limit) and is evaluated three times; the fastest run must stay under
 * the budget. A catastrophic pattern takes seconds; a linear one takes a few milliseconds.
 */
const BODY = 20_000;
/** Milliseconds per kilobyte: generous for a loaded CI machine, far below any backtracking blow-up. */
const BUDGET_MS_PER_KB = 10;

function fill(unit: string, length = BODY): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Hostile bodies, each exactly 20,000 characters. */
const hostileBodies: [string, string][] = [
  ["one word repeated", fill("review ")],
  ["no spaces at all", fill("a")],
  ['"urgent" with negators', fill("not urgent urgent no action required ")],
  ['"urgent " repeated', fill("urgent ")],
  ["nested brackets", `${"(".repeat(BODY / 2)}${")".repeat(BODY / 2)}`],
  ["brackets around a word", `a${"(".repeat(BODY - 2)}a`],
  ["punctuation inside one word", `a${"!".repeat(BODY - 2)}a`],
  ["full stops inside one word", `a${".".repeat(BODY - 2)}a`],
  ["semicolons inside one word", `a${";".repeat(BODY - 2)}a`],
  ["quotes inside one word", `a${'"'.repeat(BODY - 2)}a`],
  ["a long digit run", fill("1")],
  ["digits and slashes", fill("1/")],
  ["digits and colons", fill("12:")],
  ['"journal " repeated', fill("journal ")],
  ['"journal entry" repeated', fill("journal entry ")],
  ["a journal reference repeated", fill(`Please see my recent journal entry (23/11/2026 10:05). `)],
  ['"within " repeated', fill("within ")],
  ['"within 7 days" repeated', fill("within 7 days ")],
  ['"within 999 working days" repeated', fill("within 999 working days ")],
  ['"within 999 months" repeated', fill("within 999 months ")],
  ['"in 2 weeks." repeated', fill("in 2 weeks. ")],
  ['"by Friday" repeated', fill("by Friday ")],
  ['"by tomorrow" repeated', fill("by tomorrow ")],
  ["a written date repeated", fill("by 1 December 2026 ")],
  ["numeric dates repeated", fill("by 12/12/2026 ")],
  ["month names repeated", fill("december ")],
  ['"by " repeated', fill("by ")],
  ["times of day repeated", fill("12 pm ")],
  ["hyphens", fill("-")],
  ["white space and line breaks", fill(" \n\t")],
  ["curly apostrophes", fill("’")],
  ["combining accents", `a${"\u0301".repeat(BODY - 1)}`],
  ["emoji", fill("😀")],
  ["clinical terms repeated", fill("bloods HbA1c blood pressure medication ")],
  ["category phrases repeated", fill("please issue a fit note and refer ")],
];

async function fastest(run: () => Promise<unknown>, times = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe("hostile bodies of 20,000 characters", () => {
  for (const engine of ["compiled", "json-rules-engine"] as const) {
    const guard = createGuard({ practice: practice as PracticePolicyInput, engine });

    it.each(hostileBodies)(`evaluates %s in linear time (${engine})`, async (_name, body) => {
      expect(body.length).toBe(BODY);
      await guard.evaluate(task({ body: "warm up within 7 days" }) as TaskInputRaw);
      const ms = await fastest(() => guard.evaluate(task({ body }) as TaskInputRaw));
      expect(ms / (BODY / 1024)).toBeLessThan(BUDGET_MS_PER_KB);
    });
  }

  it("keeps every adversarial body under a few milliseconds per kilobyte", async () => {
    const guard = createGuard({ practice: practice as PracticePolicyInput });
    let total = 0;
    for (const [, body] of hostileBodies) {
      total += await fastest(() => guard.evaluate(task({ body }) as TaskInputRaw), 1);
    }
    const perKb = total / ((hostileBodies.length * BODY) / 1024);
    expect(perKb).toBeLessThan(BUDGET_MS_PER_KB / 2);
  });
});

describe("hostile names printed in letters", () => {
  const spaced = `a${" ".repeat(BODY - 2)}b`;
  const tabbed = `a${" \t".repeat(BODY / 2 - 1)}b`;

  it.each([
    ["spaces", spaced],
    ["spaces and tabs", tabbed],
  ])("renders a letter naming a sender padded with %s in linear time", async (_name, name) => {
    const guard = createGuard({ practice: practice as PracticePolicyInput });
    const padded = task({
      sender: { organisation: name, team: name, name },
      recipient: { assignment: "user", assignee: name },
    });
    const ms = await fastest(() => guard.evaluate(padded as TaskInputRaw));
    const verdict = await guard.evaluate(padded as TaskInputRaw);
    expect(verdict.letter?.kind).toBe("reminder");
    expect(ms / ((4 * BODY) / 1024)).toBeLessThan(BUDGET_MS_PER_KB);
  });

  it("renders a letter for a practice whose name and preferred method are padded with spaces in linear time", async () => {
    const guard = createGuard({
      practice: {
        ...practice,
        name: spaced,
        preferredMethod: spaced,
        signOff: spaced,
      } as PracticePolicyInput,
    });
    const assigned = task({ recipient: { assignment: "user", assignee: "Dr A Example" } });
    const ms = await fastest(() => guard.evaluate(assigned as TaskInputRaw));
    expect(ms / ((3 * BODY) / 1024)).toBeLessThan(BUDGET_MS_PER_KB);
  });
});

describe("hostile FHIR strings", () => {
  const resource = (reference: string, text: string) => ({
    resourceType: "Task",
    id: "t1",
    authoredOn: "2026-11-23T09:30:00Z",
    requester: { reference, display: "Hull Trust" },
    owner: { reference, display: "Example Surgery" },
    identifier: [{ system: fill("SystemOne", 2_000), value: "x" }],
    description: text,
  });

  it.each([
    ["a long capitalised word", `A${fill("a", BODY)}`],
    ["many path segments", fill("Aa/")],
    ["slashes", fill("A/")],
    ["a long id", `Organization/${fill("a", BODY)}`],
    ["a long id with history", `Organization/x/_history/${fill("1.", BODY)}!`],
  ])("reads a reference made of %s in linear time", async (_name, reference) => {
    const ms = await fastest(async () => {
      try {
        fromFhirTask(resource(reference, fill("within 7 days ")));
      } catch {
        // A bad reference is an InputError; only the time matters here.
      }
    });
    expect(ms / (BODY / 1024)).toBeLessThan(BUDGET_MS_PER_KB);
  });
});

describe("custom phrase lists", () => {
  // The bundled rules with the safety list cut: a hostile list's cost is its own, and the
  // binary search below builds a ruleset at each step.
  const files = cutRulesetFiles;
  /** The bundled ruleset (safety list cut) with phrases added to one list. */
  const withPhrases = (list: string, added: string[]) => {
    const main = files["ruleset.json"] as { phrases: Record<string, unknown[]> };
    return {
      ...files,
      "ruleset.json": setAt(main, ["phrases", list], [...(main.phrases[list] ?? []), ...added]),
    };
  };
  /** `n` phrases of twelve overlapping prefixes (`aaa* aaaa* …`), `spread` lengths each. */
  const ladder = (n: number, spread: number) =>
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: 12 }, (_, k) => `${"a".repeat(3 + ((i * 7 + k * 13) % spread))}*`).join(
        " ",
      ),
    );
  const refusal = (built: Record<string, unknown>) => {
    try {
      buildRuleset(built);
    } catch (error) {
      if (error instanceof RulesetError) return error;
      throw error;
    }
    return undefined;
  };

  it("refuses at load the lists the outside pass used: 100 phrases of 20 'a*' words, 1,000 of 50, a ladder of prefixes", () => {
    const words = (n: number) => Array(n).fill("a*").join(" ");
    for (const built of [
      withPhrases("journal", Array(100).fill(words(20))),
      withPhrases("journal", Array(1_000).fill(words(50))),
      withPhrases("journal", ladder(100, 40)),
      withPhrases("urgent", ladder(1_000, 2)),
    ]) {
      const error = refusal(built);
      expect(error).toBeInstanceOf(RulesetError);
      for (const issue of error?.issues ?? []) expect(issue.path).toMatch(/^phrases\b/);
    }
    // Forty phrases of the ladder are refused for their cost alone: a hundred would also pass
    // the phrase cap, which the bundled lists come close to, and be refused for their number.
    const ladderError = refusal(withPhrases("journal", ladder(40, 40)));
    expect(ladderError?.issues.map((i) => i.code)).toEqual(["too_costly"]);
  });

  it("keeps the bundled ruleset's matching within the limit", () => {
    expect(lexiconOf(defaultRuleset()).matcher.worstSteps).toBeLessThanOrEqual(MAX_STEPS_PER_WORD);
  });

  it("evaluates hostile 20,000-character bodies in linear time with the costliest prefix ladder the limit allows", async () => {
    // The largest ladder that still loads: as costly as custom lists can be made.
    let low = 0;
    let high = 200;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (refusal(withPhrases("urgent", ladder(mid, 3)))) high = mid;
      else low = mid;
    }
    const ruleset = buildRuleset(withPhrases("urgent", ladder(low, 3)));
    expect(lexiconOf(ruleset).matcher.worstSteps).toBeGreaterThan(MAX_STEPS_PER_WORD * 0.8);
    const guard = createGuard({ practice: practice as PracticePolicyInput, ruleset });
    for (const size of [3, 4, 5, 8, 40]) {
      const body = fill(`${"a".repeat(size)} `);
      const ms = await fastest(() => guard.evaluate(task({ body }) as TaskInputRaw), 2);
      // A ruleset at the limit may cost a few times the bundled one, never seconds a body.
      expect(ms / (BODY / 1024), `words of ${size}`).toBeLessThan(BUDGET_MS_PER_KB * 5);
    }
  });
});
