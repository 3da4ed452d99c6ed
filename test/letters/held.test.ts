import { describe, expect, it } from "vitest";
import { mergeFragment } from "../../src/analysis/rule-tester.js";
import { createGuard } from "../../src/engine/guard.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import { parsePractice } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { parseTask } from "../../src/input/task.js";
import { renderLetter } from "../../src/letters/render.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { htmlProblems } from "./html.js";

const ruleset = defaultRuleset();
const practice = mergeFragment(ruleset.examples.practice, {
  urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
});
const declining = mergeFragment(practice, {
  externalTasks: { policy: "decline", from: "2026-12-01" },
});
const task = (fragment: Record<string, unknown> = {}) =>
  mergeFragment(ruleset.examples.task, fragment);
const journal = "Please see my recent journal entry which contains actions (23/11/2026 10:05).";
const notActedOn = /not been acted on|not been actioned|not actioned|will not be acted on/i;

describe("held letters: urgent and safety-related tasks wait for a person", () => {
  const guard = createGuard({
    practice: practice as PracticePolicyInput,
    letterDate: "2026-11-24",
  });

  it("holds the letter for a need told as falling due soon, with no date to give", async () => {
    const verdict = await guard.evaluate(
      task({
        body: `Please issue a fit note for 4 weeks, he is here now. ${journal}`,
      }) as TaskInputRaw,
    );
    expect(verdict.humanReview).toBe(true);
    expect(verdict.facts.dueOn).toBeUndefined();
    expect(verdict.letter?.held?.reason).toBe(
      "A person must read this Task before the letter is sent: it tells of a need that falls due soon.",
    );
  });

  it("holds the letter for a task flagged urgent, and never says it was not acted on", async () => {
    const verdict = await guard.evaluate(
      task({
        urgent: true,
        body: `Please issue a fit note for 4 weeks. ${journal}`,
      }) as TaskInputRaw,
    );
    expect(verdict.humanReview).toBe(true);
    const letter = verdict.letter;
    expect(letter?.kind).toBe("rejection");
    expect(letter?.held?.reason).toBe(
      "A person must read this Task before the letter is sent: the sender flagged it urgent.",
    );
    for (const text of [letter?.subject, letter?.text, letter?.html])
      expect(text).not.toMatch(notActedOn);
    expect(letter?.text).toContain("The practice has seen it: it was marked urgent.");
    expect(letter?.text).toContain("A Task is not the route for anything urgent or safety-related");
    expect(letter?.text).toContain(
      "Next time, please telephone the practice on 01482 000000 or e-mail our generic inbox, example.surgery@nhs.net.",
    );
    // The other reasons stay, for next time; the urgent one is the held paragraph itself.
    expect(letter?.text).toContain("For your next Task, please also note:");
    expect(letter?.text).toContain("- The provider issues and extends fit notes");
    expect(letter?.text).not.toContain("Urgent matters need a telephone call, not a Task");
    expect(await htmlProblems(letter?.html ?? "")).toEqual([]);
  });

  it("quotes the sender's urgent words when the text, not the flag, is urgent", async () => {
    const verdict = await guard.evaluate(
      task({
        body: `Could the GP call the patient as soon as possible. ${journal}`,
      }) as TaskInputRaw,
    );
    expect(verdict.letter?.held?.reason).toContain(
      "its text reads as urgent (“as soon as possible”)",
    );
    expect(verdict.letter?.text).toContain(
      "The practice has seen it: it was worded as urgent (“as soon as possible”).",
    );
  });

  it("holds a reminder about a safety-related task, saying it raised a patient-safety concern", async () => {
    const verdict = await guard.evaluate(
      task({
        recipient: { assignment: "user", assignee: "Dr A Example" },
        body: `Safeguarding concern raised by the family at the home visit. ${journal}`,
      }) as TaskInputRaw,
    );
    expect(verdict.outcome).toBe("remind");
    expect(verdict.humanReview).toBe(true);
    expect(verdict.letter?.kind).toBe("reminder");
    expect(verdict.letter?.held?.reason).toMatch(/patient-safety concern/);
    expect(verdict.letter?.text).toMatch(
      /The practice has seen it: it raised a patient-safety concern/,
    );
    expect(verdict.letter?.text).not.toMatch(notActedOn);
    expect(verdict.letter?.text).toContain("- Tasks to another unit must be Unassigned");
  });

  it("says a task held only for its deadline asks for action by that date, not that it raised a safety concern", async () => {
    const verdict = await guard.evaluate(
      task({
        body: `Please book the patient in for a B12 injection by tomorrow. ${journal}`,
      }) as TaskInputRaw,
    );
    expect(verdict.humanReview).toBe(true);
    expect(verdict.facts.safetyLanguage).toBe(false);
    expect(verdict.letter?.held?.reason).toBe(
      "A person must read this Task before the letter is sent: it asks for action by 24 November 2026 (“by tomorrow”).",
    );
    for (const text of [verdict.letter?.text, verdict.letter?.html]) {
      expect(text).toContain(
        "The practice has seen it: it asks for action by 24 November 2026 (“by tomorrow”).",
      );
      expect(text).not.toMatch(/patient-safety concern/);
    }
  });

  it("says a task due the day it was sent asked for action that day, not that it was worded as urgent", async () => {
    const verdict = await guard.evaluate(
      task({
        dueBy: "2026-11-23",
        body: `Please book the patient in for a B12 injection. ${journal}`,
      }) as TaskInputRaw,
    );
    const urgent = verdict.findings.find((f) => f.ruleId === "urgent-by-task");
    expect(urgent?.message).toMatch(
      /^The task is due on the day it was sent \(23 November 2026\)\./,
    );
    expect(verdict.letter?.text).not.toMatch(/worded as urgent|patient-safety concern/);
    expect(verdict.letter?.text).toContain("it asks for action by 23 November 2026.");
  });

  it("holds the declined-task rejection, keeping the decline date but not the suggested text's last sentence", async () => {
    const verdict = await createGuard({
      practice: declining as PracticePolicyInput,
      letterDate: "2026-12-03",
    }).evaluate(task({ sentAt: "2026-12-02T10:00:00Z", urgent: true }) as TaskInputRaw);
    expect(verdict.letter?.held).toBeDefined();
    expect(verdict.letter?.text).toContain(
      "Please be aware that from 1 December 2026 we do not accept tasks from external providers",
    );
    expect(verdict.letter?.text).not.toMatch(notActedOn);
    expect(verdict.letter?.subject).toBe(
      "Your SystmOne Task of 2 December 2026: please telephone us about urgent matters",
    );
  });

  it("does not hold a letter when nobody needs to read the task first", async () => {
    const verdict = await guard.evaluate(
      task({ body: `Please issue a fit note. ${journal}` }) as TaskInputRaw,
    );
    expect(verdict.humanReview).toBe(false);
    expect(verdict.letter?.held).toBeUndefined();
    expect(verdict.letter?.text).toContain("Your Task has not been acted on or actioned");
  });

  it("holds a letter rendered on its own for an urgent task, as the verdict would", () => {
    const letter = renderLetter("rejection", {
      practice: parsePractice(practice),
      date: "2026-11-24",
      task: parseTask(task({ urgent: true })),
      findings: [
        {
          ruleId: "urgent-by-task",
          severity: "reject",
          title: "Reject urgent requests sent by task",
          message: "The task is flagged urgent.",
          guidance: { section: "Action timeframe", quote: "…" },
        },
      ],
    });
    expect(letter.held?.reason).toContain("the sender flagged it urgent");
    expect(letter.text).not.toMatch(notActedOn);
  });
});

describe("which letter a verdict gets is the rules' data", () => {
  it("still sends the opt-out notice when external-tasks-declined-soon is renamed in a copy of the ruleset", async () => {
    const files = { ...defaultRulesetFiles } as Record<string, Record<string, unknown>>;
    const soon = files["external-tasks-declined-soon.json"];
    const main = files["ruleset.json"];
    if (soon === undefined || main === undefined) throw new Error("the default ruleset changed");
    delete files["external-tasks-declined-soon.json"];
    files["notice-before-decline.json"] = { ...soon, id: "notice-before-decline" };
    files["ruleset.json"] = {
      ...main,
      rules: (main.rules as string[]).map((id) =>
        id === "external-tasks-declined-soon" ? "notice-before-decline" : id,
      ),
    };
    const renamed = buildRuleset(files);
    const verdict = await createGuard({
      practice: declining as PracticePolicyInput,
      ruleset: renamed,
      letterDate: "2026-11-10",
    }).evaluate(task({ sentAt: "2026-11-09T10:00:00Z" }) as TaskInputRaw);
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(["notice-before-decline"]);
    expect(verdict.letter?.kind).toBe("opt-out-notice");
    expect(verdict.letter?.subject).toBe(
      "From 1 December 2026, Example Surgery will not accept SystmOne Tasks",
    );
  });

  it("sends no letter for a rule whose letter is none, and the rule's letter otherwise", async () => {
    const files = { ...defaultRulesetFiles } as Record<string, Record<string, unknown>>;
    const unassigned = files["must-be-unassigned.json"];
    if (unassigned === undefined) throw new Error("the default ruleset changed");
    files["must-be-unassigned.json"] = { ...unassigned, letter: "none" };
    const quiet = buildRuleset(files);
    const addressed = task({ recipient: { assignment: "user", assignee: "Dr A Example" } });
    const withDefault = await createGuard({
      practice: practice as PracticePolicyInput,
      letterDate: "2026-11-24",
    }).evaluate(addressed as TaskInputRaw);
    expect(withDefault.letter?.kind).toBe("reminder");
    const without = await createGuard({
      practice: practice as PracticePolicyInput,
      ruleset: quiet,
    }).evaluate(addressed as TaskInputRaw);
    expect(without.outcome).toBe("remind");
    expect(without.letter).toBeUndefined();
  });
});
