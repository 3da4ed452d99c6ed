import { describe, expect, it } from "vitest";
import { mergeFragment } from "../../src/analysis/rule-tester.js";
import { createGuard } from "../../src/engine/guard.js";
import type { Verdict } from "../../src/engine/types.js";
import { parsePractice } from "../../src/input/practice.js";
import { parseTask } from "../../src/input/task.js";
import { renderLetter } from "../../src/letters/render.js";
import { type Letter, letterKinds } from "../../src/letters/types.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import type { Ruleset } from "../../src/rules/schema.js";
import { provider } from "./fixtures.js";

// Every letter kind, for every default rule's examples: what a practice manager would refuse to
// send. No rule id, no category id, no phrase pattern, no rule title (those are written to the
// software, not to a colleague), and no number of days other than the ruleset's own.

const files = defaultRulesetFiles as Record<string, Record<string, unknown>>;

function withParameters(parameters: Record<string, unknown>): Ruleset {
  const main = files["ruleset.json"] ?? {};
  return buildRuleset({
    ...files,
    "ruleset.json": {
      ...main,
      parameters: { ...(main.parameters as Record<string, unknown>), ...parameters },
    },
  });
}

interface Sample {
  where: string;
  letter: Letter;
}

/** Every letter the examples of a ruleset lead to, and every other kind for the same practice. */
async function lettersFor(ruleset: Ruleset): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const rule of ruleset.rules) {
    const examples = [
      ...rule.examples.fires.map((e, i) => ({ e, name: `fires[${i}]` })),
      ...rule.examples.passes.map((e, i) => ({ e, name: `passes[${i}]` })),
    ];
    for (const { e, name } of examples) {
      const where = `${rule.id} ${name}`;
      const practice = parsePractice(mergeFragment(ruleset.examples.practice, e.practice ?? {}));
      const task = parseTask(mergeFragment(ruleset.examples.task, e.task));
      const guard = createGuard({ practice, ruleset, letterDate: "2026-11-24" });
      const verdict: Verdict = await guard.evaluate(task);
      if (verdict.letter) samples.push({ where: `${where} verdict`, letter: verdict.letter });
      const base = { practice, ruleset, date: "2026-11-24" };
      const findings = verdict.findings;
      for (const kind of letterKinds) {
        const declines = practice.externalTasks.policy === "decline";
        if (kind === "opt-out-notice" && !declines) continue;
        if ((kind === "rejection" || kind === "reminder") && findings.length === 0) continue;
        const context =
          kind === "provider-agreement"
            ? { ...base, provider }
            : kind === "escalation"
              ? {
                  ...base,
                  team: { organisation: task.sender.organisation, team: task.sender.team },
                  tasks: {
                    count: Math.max(1, findings.length),
                    dates: [task.sentAt],
                    reasons: findings.map((f) => ({ ruleId: f.ruleId, title: f.title, count: 1 })),
                  },
                }
              : { ...base, task, findings };
        try {
          samples.push({ where: `${where} ${kind}`, letter: renderLetter(kind, context) });
        } catch (error) {
          // A rejection about a declined task needs the practice's decline date; nothing else may fail.
          const path = (error as { path?: string }).path;
          if (path !== "practice.externalTasks.from") throw error;
        }
      }
    }
  }
  return samples;
}

/** The text a reader reads, without the sender's own words quoted back to them. */
function readerText(letter: Letter): string[] {
  const html = letter.html
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ");
  return [letter.subject, letter.text, html].map((text) => text.replace(/“[^”]*”/g, "“…”"));
}

function problems(ruleset: Ruleset, samples: readonly Sample[]): string[] {
  const days = Number(ruleset.parameters.immediateWithinDays);
  const ids = [
    ...ruleset.rules.map((r) => r.id),
    ...Object.keys(ruleset.categories).filter((id) => id.includes("-")),
  ];
  const titles = ruleset.rules.map((r) => r.title);
  const found: string[] = [];
  for (const { where, letter } of samples) {
    for (const text of readerText(letter)) {
      for (const id of ids) {
        if (new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(text)) found.push(`${where}: id ${id}`);
      }
      for (const title of titles) if (text.includes(title)) found.push(`${where}: "${title}"`);
      if (/\*| \+ |day\(s\)|Task\(s\)/.test(text)) found.push(`${where}: a pattern character`);
      if (/two weeks|fortnight/i.test(text)) found.push(`${where}: "two weeks"`);
      for (const match of text.matchAll(/(\d+) days?\b/g)) {
        if (Number(match[1]) !== days)
          found.push(`${where}: "${match[0]}" (the window is ${days})`);
      }
      if (/\b1 days\b|\b(?:[02-9]|\d\d+) day\b/.test(text)) found.push(`${where}: a plural`);
    }
  }
  return [...new Set(found)];
}

describe("letters for every default rule's examples", () => {
  it("contain no rule id, category id, rule title, pattern or contradicted number", async () => {
    const ruleset = defaultRuleset();
    const samples = await lettersFor(ruleset);
    // Every kind is among them, and every rule's own wording is read by at least one letter.
    expect(new Set(samples.map((s) => s.letter.kind))).toEqual(new Set(letterKinds));
    expect(samples.length).toBeGreaterThan(200);
    expect(problems(ruleset, samples)).toEqual([]);
  });

  it("state the immediate window the ruleset gives, everywhere: 7 days, never 14 or two weeks", async () => {
    const ruleset = withParameters({ immediateWithinDays: 7 });
    const samples = await lettersFor(ruleset);
    expect(problems(ruleset, samples)).toEqual([]);
    const texts = samples.flatMap((s) => readerText(s.letter));
    const months =
      "January|February|March|April|May|June|July|August|September|October|November|December";
    const withoutDates = texts.map((text) =>
      text.replace(new RegExp(`\\b\\d{1,2} (${months})\\b`, "g"), "(date)"),
    );
    const fourteen = withoutDates.flatMap((text) => text.match(/.{0,40}\b14\b.{0,20}/g) ?? []);
    expect(fourteen).toEqual([]);
    expect(texts.some((text) => text.includes("Action needed within 7 days"))).toBe(true);
    expect(texts.some((text) => text.includes("needs action within 7 days"))).toBe(true);
  });

  it("are checked by a check that finds each kind of problem", () => {
    const ruleset = defaultRuleset();
    const letter = (text: string): Letter => ({ kind: "rejection", subject: "", text, html: "" });
    const bad = [
      "Your Task (fit-note) was rejected.",
      "Reject requests for fit notes the provider must issue",
      "read from “action the result*” and action the result*",
      "Action needed within two weeks",
      "Action needed within 10 days",
      "in 13 day(s)",
    ].map((text, i) => ({ where: String(i), letter: letter(text) }));
    expect([...new Set(problems(ruleset, bad).map((p) => p.split(":")[0]))]).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
    const fine = [
      { where: "ok", letter: letter("Your Task said “within 3 days” and “fit-note*”.") },
    ];
    expect(problems(ruleset, fine)).toEqual([]);
  });

  it("say 1 day, not 1 days, for a one-day window", async () => {
    const ruleset = withParameters({ immediateWithinDays: 1 });
    const letter = renderLetter("practice-guidance", {
      practice: parsePractice(ruleset.examples.practice),
      ruleset,
      date: "2026-11-24",
    });
    expect(letter.text).toContain("needs action within 1 day.");
    expect(problems(ruleset, [{ where: "practice-guidance", letter }])).toEqual([]);
  });

  it("quote the sender's own words for an inferred request, never the phrase pattern", async () => {
    const ruleset = defaultRuleset();
    const practice = parsePractice(ruleset.examples.practice);
    const guard = createGuard({ practice, letterDate: "2026-11-24" });
    const verdict = await guard.evaluate(
      parseTask(
        mergeFragment(ruleset.examples.task, {
          body: "Abnormal results from the ward: Please action the results of the bloods we took. Please see my recent journal entry which contains actions (23/11/2026 10:05).",
        }),
      ),
    );
    expect(verdict.letter?.text).toContain("(“Please action the results of the bloods we took”)");
    expect(verdict.letter?.text).not.toContain("*");
  });
});
