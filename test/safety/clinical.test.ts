import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGuard } from "../../src/engine/guard.js";
import type { Verdict } from "../../src/engine/types.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import {
  fuzz,
  journal,
  practice,
  practiceWith,
  ruleset,
  setAt,
  task,
  validPractice,
  validTask,
} from "./fuzz.js";

/**
 * The clinical properties behind docs/clinical-safety.md: a task that may be urgent is always
 * put in front of a person, internal and external tasks are told apart, a category is only
 * used against the sender it applies to, and a changed ruleset is visible.
 */

const engines = ["compiled", "json-rules-engine"] as const;
const contractKinds = new Set(ruleset.parameters.standardContractSenderKinds as string[]);
const contractRules = [
  "results-to-patient",
  "act-on-results",
  "onward-referral",
  "prescription-after-discharge",
  "prescription-after-clinic",
  "fit-note",
];

/**
 * The ruleset's plain phrases as a person would write them: "overdos*" becomes "overdose", an
 * any-word gap a word ("taken _ paracetamol": "taken two paracetamol"), "=bloods" "bloods", a word
 * group its first member.
 */
function written(list: readonly unknown[]): string[] {
  return list
    .filter((p): p is string => typeof p === "string")
    .map((p) =>
      p
        .replace(/\{([a-z0-9-]+)\}/g, (_, name: string) => ruleset.wordGroups?.[name]?.[0] ?? name)
        .replace(/\*/g, "e")
        .replace(/(^|\s)_(?=\s|$)/g, "$1two")
        .replace(/(^|\s)=/g, "$1"),
    );
}

async function both(taskInput: unknown, practiceInput: unknown = practice): Promise<Verdict[]> {
  return Promise.all(
    engines.map((engine) =>
      createGuard({ practice: practiceInput as PracticePolicyInput, engine }).evaluate(
        taskInput as TaskInputRaw,
      ),
    ),
  );
}

describe("urgent and safety-critical tasks are read by a person", () => {
  it("flags every task with the urgent flag for human review, whatever its outcome, practice or sender", async () => {
    await fc.assert(
      fc.asyncProperty(validTask, validPractice, async (t, p) => {
        for (const verdict of await both({ ...t, urgent: true }, p)) {
          expect(verdict.humanReview).toBe(true);
        }
      }),
      fuzz(120),
    );
  });

  it("flags every body that uses an urgent or safety phrase, wherever it sits, for human review", async () => {
    const phrases = [...written(ruleset.phrases.urgent), ...written(ruleset.phrases.safety)];
    await fc.assert(
      fc.asyncProperty(
        validTask,
        fc.constantFrom(...phrases),
        fc.constantFrom("", "Patient seen today. ", "Please review: ", "Bloods done, "),
        fc.constantFrom("", ".", " please.", " - call if needed"),
        async (t, phrase, before, after) => {
          const body = `${before}${phrase.toUpperCase().slice(0, 1)}${phrase.slice(1)}${after}`;
          for (const verdict of await both({ ...t, body })) {
            expect(verdict.humanReview).toBe(true);
          }
        },
      ),
      fuzz(120),
    );
  });

  it("flags each of those phrases, every one of them, after a clause and before a full stop", async () => {
    const guard = createGuard({ practice: practice as PracticePolicyInput });
    const phrases = [...written(ruleset.phrases.urgent), ...written(ruleset.phrases.safety)];
    const unflagged: string[] = [];
    for (const phrase of phrases) {
      const body = `Bloods done, ${phrase}.`;
      if (!(await guard.evaluate(task({ body }) as TaskInputRaw)).humanReview) unflagged.push(body);
    }
    expect(phrases.length).toBeGreaterThan(7000);
    expect(unflagged).toEqual([]);
  });

  it.each([
    "Patient is not coping urgent review needed",
    "Not eating urgent review please",
    "not improving urgently needs review",
    "Pt not coping needs urgent review",
    "no bloods taken urgent",
    "not sure whether urgent",
    "No better, urgent review",
    "Not eating and urgent review needed",
    "Nothing by mouth since yesterday chest pain",
  ])("keeps urgency that a nearby negator does not govern: %s", async (body) => {
    for (const verdict of await both(task({ body }))) expect(verdict.humanReview).toBe(true);
  });

  it.each(["not urgent", "Non-urgent", "This is not urgent.", "no urgency", "Isn't urgent"])(
    "does not flag a negated urgency: %s",
    async (body) => {
      for (const verdict of await both(task({ body: `${body} ${journal}` }))) {
        expect(verdict.facts.urgentLanguage).toBe(false);
      }
    },
  );

  it("rejects an external urgent task by Task and gives the practice's urgent route in the letter, while still flagging it", async () => {
    const verdict = await createGuard({ practice: practice as PracticePolicyInput }).evaluate(
      task({ urgent: true, body: `Please review today. ${journal}` }) as TaskInputRaw,
    );
    expect(verdict.outcome).toBe("reject");
    expect(verdict.humanReview).toBe(true);
    expect(verdict.letter?.text).toContain("01482 000000");
  });
});

describe("timeframes that make an action immediate", () => {
  it.each([
    ["in 2/52", 14],
    ["in 1/52", 7],
    ["within 10/7", 10],
    ["in 3/12", 92],
    ["within 2wks", 14],
    ["in 1 wk", 7],
    ["within 48hrs", 2],
    ["within 7 days", 7],
    ["by Friday", 4],
  ])("reads %s as a due date (%i days from Monday 23 November 2026)", async (words, days) => {
    const verdict = await createGuard({ practice: practice as PracticePolicyInput }).evaluate(
      task({
        sentAt: "2026-11-23T10:00:00Z",
        body: `Please repeat bloods ${words}. ${journal}`,
      }) as TaskInputRaw,
    );
    expect(verdict.facts.daysUntilDue).toBeGreaterThanOrEqual(days - 2);
    expect(verdict.facts.daysUntilDue).toBeLessThanOrEqual(days + 1);
    expect(verdict.findings.some((f) => f.ruleId === "immediate-action")).toBe(days <= 14);
  });

  it("does not read a date written with slashes as a shorthand timeframe", async () => {
    const verdict = await createGuard({ practice: practice as PracticePolicyInput }).evaluate(
      task({ body: `Seen in 2/12/2026 clinic. ${journal}` }) as TaskInputRaw,
    );
    expect(verdict.facts.daysUntilDue).toBeUndefined();
  });
});

describe("internal and external tasks", () => {
  const unit = fc.constantFrom("Example Surgery", "Example Surgery Branch", "Hull Royal Ward 7");
  const spelling = (name: string) =>
    fc
      .tuple(
        fc.constantFrom(name, name.toUpperCase(), name.toLowerCase()),
        fc.constantFrom("", " ", "  "),
      )
      .map(([n, pad]) => `${pad}${n.replace(/ /g, pad === "" ? " " : "  ")}${pad}`);

  it("treats a sender unit that is one of the practice's units (any case or spacing) as internal: no findings", async () => {
    const practiceUnits = ["Example Surgery", "Example Surgery Branch"];
    await fc.assert(
      fc.asyncProperty(
        validTask,
        fc.constantFrom(...practiceUnits).chain(spelling),
        async (t, senderUnit) => {
          const input = setAt(t, ["sender", "unit"], senderUnit);
          for (const verdict of await both(input, practiceWith({ units: practiceUnits }))) {
            expect(verdict.facts.external).toBe(false);
            expect(verdict.findings).toEqual([]);
            expect(verdict.humanReview).toBe(
              t.urgent === true ||
                verdict.facts.urgentLanguage ||
                verdict.facts.safetyLanguage ||
                verdict.facts.dueSoon === true,
            );
          }
        },
      ),
      fuzz(100),
    );
  });

  it("treats any other sender unit as external, including names that contain or extend a practice unit", async () => {
    await fc.assert(
      fc.asyncProperty(
        validTask,
        fc.oneof(
          unit.map((u) => `${u} Annexe`),
          unit.map((u) => `Not ${u}`),
          fc.constantFrom("Ехаmple Surgery", "Example Surgery.", "ExampleSurgery", "Example"),
          fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ""),
        ),
        async (t, senderUnit) => {
          const units = ["Example Surgery"];
          const same = senderUnit.trim().replace(/\s+/g, " ").toLowerCase() === "example surgery";
          const input = setAt(t, ["sender", "unit"], senderUnit);
          for (const verdict of await both(input, practiceWith({ units }))) {
            expect(verdict.facts.external).toBe(!same);
          }
        },
      ),
      fuzz(100),
    );
  });

  it("reads the SystemOne spelling of a unit as the SystmOne one", async () => {
    const p = practiceWith({ units: ["Example Surgery SystmOne Unit"] });
    const [verdict] = await both(task({ sender: { unit: "example surgery SystemOne unit" } }), p);
    expect(verdict?.facts.external).toBe(false);
  });
});

describe("categories and the Standard Contract", () => {
  it("never rejects on a contract clause a sender that is not bound by the Standard Contract", async () => {
    await fc.assert(
      fc.asyncProperty(validTask, validPractice, async (t, p) => {
        for (const verdict of await both(t, p)) {
          const kind = verdict.facts.senderKind;
          const clauses = verdict.findings.filter((f) => contractRules.includes(f.ruleId));
          if (!contractKinds.has(kind) || !verdict.facts.external) expect(clauses).toEqual([]);
        }
      }),
      fuzz(120),
    );
  });

  it("uses a category the sender gave over any phrase in the body", async () => {
    await fc.assert(
      fc.asyncProperty(
        validTask,
        fc.constantFrom(...Object.keys(ruleset.categories)),
        async (t, category) => {
          for (const verdict of await both({ ...t, category })) {
            expect(verdict.category).toEqual({ value: category, source: "given" });
          }
        },
      ),
      fuzz(100),
    );
  });

  it("says which phrase a rejection on an inferred category was read from, in the finding and the letter", async () => {
    const verdict = await createGuard({ practice: practice as PracticePolicyInput }).evaluate(
      task({ body: `Please could you issue a fit note for 4 weeks. ${journal}` }) as TaskInputRaw,
    );
    expect(verdict.category).toEqual({
      value: "fit-note",
      source: "inferred",
      matched: "issue a fit note",
    });
    const finding = verdict.findings.find((f) => f.ruleId === "fit-note");
    expect(finding?.message).toContain('from "issue a fit note"');
    // The letter quotes the sender's own words, never the category id or the phrase pattern.
    expect(verdict.letter?.text).toContain("(“Please could you issue a fit note for 4 weeks”)");
    expect(verdict.letter?.text).not.toContain("fit-note");
  });

  it.each([
    "No fit note is needed.",
    "Not requesting a fit note.",
    "This is not a fit note request.",
  ])("does not read a negated request as a fit note request: %s", async (body) => {
    const verdict = await createGuard({ practice: practice as PracticePolicyInput }).evaluate(
      task({ body: `${body} ${journal}` }) as TaskInputRaw,
    );
    expect(verdict.category.value).not.toBe("fit-note");
    expect(verdict.findings.some((f) => f.ruleId === "fit-note")).toBe(false);
  });
});

describe("rule changes are visible", () => {
  it("changes the ruleset hash (carried by every verdict) when any rule's content changes", () => {
    const files = defaultRulesetFiles as Record<string, unknown>;
    const base = buildRuleset(files).hash;
    const changes: [string, (string | number)[], unknown][] = [
      ["fit-note.json", ["severity"], "remind"],
      ["fit-note.json", ["message"], "Changed."],
      ["immediate-action.json", ["conditions", "all", 0, "value"], false],
      ["ruleset.json", ["parameters", "immediateWithinDays"], 21],
      ["ruleset.json", ["categories", "fit-note", "phrases", 0], "fitness note"],
      ["ruleset.json", ["phrases", "urgent", 0], "urgentish"],
    ];
    const hashes = changes.map(
      ([file, path, value]) =>
        buildRuleset({ ...files, [file]: setAt(files[file], path, value) }).hash,
    );
    expect(new Set([base, ...hashes]).size).toBe(changes.length + 1);
  });
});
