/**
 * Usage: npx tsx scripts/screenshot-report.ts
 * Runs `report --format html` on examples/corpus.jsonl and `diff --format html` of the
 * shared-care overlay (examples/rulesets/) against the bundled rules, in process, and
 * screenshots them with headless Chromium (Debian: apt-get install chromium) into docs/report.png (the top of the
 * report), docs/report-rules.png (from the rules chart down) and docs/diff.png, for the
 * README. CHROMIUM=/path/to/chromium overrides the binary. Headless Chromium screenshots the
 * top of a page whatever its #fragment, so the second shot is of a copy whose sections above
 * the rules chart are hidden.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { run } from "../src/cli/run.js";
import { screenshot } from "./chromium.js";

const root = join(import.meta.dirname, "..");
const docs = join(root, "docs");
const common = ["examples/corpus.jsonl", "--practice", "examples/practice.json", "-f", "html"];

async function cli(argv: string[]): Promise<void> {
  const code = await run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: root,
  });
  if (code !== 0) throw new Error(`gp-task-guard ${argv[0]} exited ${code}`);
}

const work = await mkdtemp(join(tmpdir(), "gp-task-guard-report-"));
try {
  const report = join(work, "report.html");
  const diff = join(work, "diff.html");
  await cli(["report", ...common, "--date", "2026-11-30", "--quiet", "--out", report]);
  await cli([
    "diff",
    "--candidate",
    "examples/rulesets/shared-care.json",
    ...common,
    "--quiet",
    "--out",
    diff,
  ]);
  const rules = join(work, "report-rules.html");
  const hide = "<style>header, .kpis, #months, #senders, #escalation { display: none; }</style>";
  await writeFile(rules, (await readFile(report, "utf8")).replace("</head>", `${hide}</head>`));
  const shots: [string, string, number][] = [
    ["report.png", pathToFileURL(report).href, 1600],
    ["report-rules.png", pathToFileURL(rules).href, 1100],
    ["diff.png", pathToFileURL(diff).href, 1500],
  ];
  for (const [name, url, height] of shots) {
    await screenshot(url, join(docs, name), { width: 1200, height });
    console.log(`wrote docs/${name}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
