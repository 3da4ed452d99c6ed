/**
 * Usage: npm run demo
 * Evaluates the example tasks in examples/tasks/ against examples/practice.json with the
 * bundled rules, prints each verdict, then one rejection letter.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createGuard, type Verdict } from "../src/index.js";

const here = import.meta.dirname;
const practice = JSON.parse(await readFile(join(here, "practice.json"), "utf8"));
const guard = createGuard({ practice });

console.log(
  `gp-task-guard demo: ${practice.name}, ruleset ${guard.ruleset.name} ${guard.ruleset.version}\n`,
);

const verdicts: Verdict[] = [];
for (const file of (await readdir(join(here, "tasks"))).filter((f) => f.endsWith(".json")).sort()) {
  const task = JSON.parse(await readFile(join(here, "tasks", file), "utf8"));
  const verdict = await guard.evaluate(task);
  verdicts.push(verdict);
  const review = verdict.humanReview ? "  ** a person must read this task **" : "";
  console.log(`${verdict.taskId}  ${verdict.outcome.toUpperCase()}  (${file})${review}`);
  console.log(
    `  category: ${verdict.category.value} (${verdict.category.source}${verdict.category.matched ? `: "${verdict.category.matched}"` : ""})`,
  );
  for (const finding of verdict.findings) {
    const clauses = finding.contract.map((c) => `SC${c.clause}`).join(", ");
    console.log(
      `  - [${finding.severity}] ${finding.ruleId}${clauses ? ` (${clauses})` : ""}: ${finding.title}`,
    );
  }
  if (verdict.findings.length === 0) console.log("  - no findings");
  console.log("");
}

const rejected = verdicts.find((v) =>
  v.findings.some((f) => f.ruleId === "external-tasks-declined"),
);
const letter = rejected?.letter ?? verdicts.find((v) => v.letter?.kind === "rejection")?.letter;
if (letter) {
  console.log(`Rejection letter for ${rejected?.taskId ?? ""}: ${letter.subject}`);
  console.log("-".repeat(72));
  console.log(letter.text);
}
