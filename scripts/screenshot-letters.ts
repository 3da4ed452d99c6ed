/**
 * Usage: npx tsx scripts/screenshot-letters.ts
 * Renders every kind of letter as HTML for the synthetic practice of test/letters/fixtures.ts
 * and screenshots it with headless Chromium (Debian: apt-get install chromium) into
 * docs/letters/<kind>.png, for the README. CHROMIUM=/path/to/chromium overrides the binary.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { plusDays } from "../src/facts/calendar.js";
import type { LetterContext } from "../src/letters/context.js";
import { renderLetter } from "../src/letters/render.js";
import type { LetterKind } from "../src/letters/types.js";
import { defaultRuleset } from "../src/rules/default.js";
import {
  acceptingPractice,
  declined,
  escalation,
  fitNote,
  journal,
  practice,
  provider,
  task,
  unassigned,
} from "../test/letters/fixtures.js";
import { printedPages, screenshot } from "./chromium.js";

const root = join(import.meta.dirname, "..");
const out = join(root, "docs", "letters");
const date = "2026-10-01";

/** Screenshot name, kind, context, and window height: tall enough to show the whole letter. */
const letters: [string, LetterKind, LetterContext, number][] = [
  ["rejection", "rejection", { practice, date: "2026-12-02", task, findings: [declined] }, 1200],
  [
    "rejection-reasons",
    "rejection",
    { practice: acceptingPractice, date: "2026-12-02", task, findings: [fitNote, unassigned] },
    1340,
  ],
  [
    "reminder",
    "reminder",
    { practice: acceptingPractice, date: "2026-12-02", task, findings: [unassigned, journal] },
    1280,
  ],
  [
    "rejection-held",
    "rejection",
    {
      practice: acceptingPractice,
      date: "2026-12-02",
      task: { ...task, urgent: true },
      findings: [fitNote, unassigned],
    },
    1240,
  ],
  ["opt-out-notice", "opt-out-notice", { practice, date }, 1200],
  [
    "provider-agreement",
    "provider-agreement",
    { practice: acceptingPractice, date, provider },
    2380,
  ],
  ["practice-guidance", "practice-guidance", { practice: acceptingPractice, date }, 2440],
  ["escalation", "escalation", { practice: acceptingPractice, date, ...escalation }, 1400],
];

/** Fifty tasks over a quarter, for every reason a rule gives: the escalation letter's worst case. */
const fifty: LetterContext = {
  practice: acceptingPractice,
  date,
  ...escalation,
  tasks: {
    count: 50,
    dates: Array.from({ length: 50 }, (_, i) => plusDays("2026-07-01", Math.floor((i * 91) / 50))),
    reasons: defaultRuleset().rules.map((rule, i) => ({
      ruleId: rule.id,
      title: rule.title,
      count: 1 + (i % 7),
    })),
  },
};

await mkdir(out, { recursive: true });
const work = await mkdtemp(join(tmpdir(), "gp-task-guard-letters-"));
try {
  for (const [name, kind, context, height] of letters) {
    const html = join(work, `${name}.html`);
    await writeFile(html, renderLetter(kind, context).html);
    await screenshot(pathToFileURL(html).href, join(out, `${name}.png`), {
      width: 1000,
      height,
    });
    console.log(`wrote docs/letters/${name}.png`);
  }
  // The escalation letter must print on one A4 page for up to fifty tasks.
  const html = join(work, "escalation-fifty.html");
  await writeFile(html, renderLetter("escalation", fifty).html);
  const pages = await printedPages(pathToFileURL(html).href);
  console.log(`escalation letter for 50 tasks: ${pages} A4 page${pages === 1 ? "" : "s"}`);
  if (pages !== 1) process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
