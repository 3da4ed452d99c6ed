import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LetterContext } from "../../src/letters/context.js";
import { buildTemplates } from "../../src/letters/custom-templates.js";
import { renderLetter } from "../../src/letters/render.js";
import type { LetterKind } from "../../src/letters/types.js";
import {
  acceptingPractice,
  declined,
  delegated,
  escalation,
  fitNote,
  journal,
  practice,
  provider,
  task,
  unassigned,
} from "./fixtures.js";

const root = join(import.meta.dirname, "..", "..");
const date = "2026-10-01";

/** Every kind, and the branches of the rejection and reminder templates. */
const contexts: [LetterKind, LetterContext][] = [
  ["rejection", { practice, date, task, findings: [declined] }],
  ["rejection", { practice: acceptingPractice, date, task, findings: [fitNote, unassigned] }],
  ["reminder", { practice: acceptingPractice, date, task, findings: [unassigned, journal] }],
  ["reminder", { practice: acceptingPractice, date, task, findings: [unassigned, delegated] }],
  ["opt-out-notice", { practice, date }],
  ["opt-out-notice", { practice, date, task }],
  ["provider-agreement", { practice: acceptingPractice, date, provider }],
  ["provider-agreement", { practice, date, provider }],
  ["practice-guidance", { practice: acceptingPractice, date }],
  ["practice-guidance", { practice, date }],
  ["escalation", { practice: acceptingPractice, date, ...escalation }],
];

describe("the bundled templates, precompiled at build time", () => {
  const fromSource = buildTemplates({}, "templates/");
  for (const [i, [kind, context]] of contexts.entries()) {
    it(`render ${kind} (case ${i + 1}) exactly as the same templates compiled from source`, () => {
      const precompiled = renderLetter(kind, context);
      expect(precompiled.text.length).toBeGreaterThan(200);
      expect(precompiled).toEqual(renderLetter(kind, context, { templates: fromSource }));
    });
  }

  it("give a first verdict with a letter without loading the Handlebars compiler or json-rules-engine", () => {
    const script = `
      import { createRequire } from "node:module";
      const { createGuard } = await import(${JSON.stringify(join(root, "src/index.ts"))});
      const { acceptingPractice, task } = await import(${JSON.stringify(join(root, "test/letters/fixtures.ts"))});
      const verdict = await createGuard({ practice: acceptingPractice }).evaluate(task);
      const loaded = Object.keys(createRequire(import.meta.url).cache)
        .filter((file) => /node_modules\\/(handlebars|json-rules-engine)\\//.test(file))
        .map((file) => file.replace(/.*node_modules\\//, ""));
      console.log(JSON.stringify({ outcome: verdict.outcome, letter: verdict.letter?.kind, loaded }));
    `;
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { cwd: root, encoding: "utf8" },
    );
    expect(child.stderr).toBe("");
    const result = JSON.parse(child.stdout) as {
      outcome: string;
      letter: string;
      loaded: string[];
    };
    expect(result).toMatchObject({ outcome: "reject", letter: "rejection" });
    // the runtime and the parser (rule messages) only: no compiler, no json-rules-engine
    expect(result.loaded).toContain("handlebars/dist/cjs/handlebars.runtime.js");
    expect(
      result.loaded.filter((file) =>
        /compiler\/(compiler|javascript-compiler)|json-rules-engine/.test(file),
      ),
    ).toEqual([]);
    expect(result.loaded).not.toContain("handlebars/lib/index.js");
  });
});
