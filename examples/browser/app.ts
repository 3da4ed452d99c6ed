/**
 * Usage: npm run example:browser (bundles this file into app.js beside index.html)
 *
 * The page's script: evaluates a pasted task with the package's default entry, which a plain
 * `esbuild --bundle --platform=browser` bundles with no flags. No server, no network.
 */
import {
  createGuard,
  isInputError,
  parsePractice,
  type TaskInputRaw,
  type Verdict,
} from "gp-task-guard";
import practiceFile from "../practice.json";
import exampleTask from "../tasks/01-fit-note-from-ward.json";

// A file read at run time is checked like any untyped input: parsePractice names a bad field.
const practice = parsePractice(practiceFile);
const guard = createGuard({ practice });

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

function show(verdict: Verdict): void {
  element("problem").hidden = true;
  const outcome = element("outcome");
  outcome.textContent = verdict.outcome;
  outcome.className = `outcome-${verdict.outcome}`;
  element("review").textContent = verdict.humanReview
    ? "A person must read this task (urgent, or safety language), whatever the verdict."
    : "";
  element("findings").replaceChildren(
    ...verdict.findings.map((finding) => {
      const item = document.createElement("li");
      item.textContent = `${finding.title}: ${finding.message}`;
      return item;
    }),
  );
  element("letter-subject").textContent = verdict.letter?.subject ?? "(no letter)";
  element("letter-text").textContent = verdict.letter?.text ?? "";
  element("result").hidden = false;
}

function fail(lines: string[]): void {
  element("result").hidden = true;
  element("issues").replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }),
  );
  element("problem").hidden = false;
}

async function evaluate(text: string): Promise<void> {
  let task: TaskInputRaw;
  try {
    task = JSON.parse(text) as TaskInputRaw;
  } catch (error) {
    fail([`This is not JSON: ${(error as Error).message}`]);
    return;
  }
  try {
    show(await guard.evaluate(task));
  } catch (error) {
    if (!isInputError(error)) throw error;
    fail(error.issues.map((issue) => `${issue.path || "(the task)"}: ${issue.message}`));
  }
}

element("practice-name").textContent = practice.name;
const input = element<HTMLTextAreaElement>("task");
input.value = JSON.stringify(exampleTask, null, 2);
element("task-form").addEventListener("submit", (event) => {
  event.preventDefault();
  void evaluate(input.value);
});
element<HTMLButtonElement>("evaluate").disabled = false;
