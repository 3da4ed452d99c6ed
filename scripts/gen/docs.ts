/**
 * The figures, hashes, counts and sample outputs of README.md and docs/: each is a marked
 * region (`<!-- gen:name -->…<!-- /gen:name -->`, scripts/gen/regions.ts) filled here from the
 * program itself: the rules, the public API, the CLI run in this process, the labelled sets
 * scored, and bench/results.json (the recorded `npm run bench -- --write`).
 *
 * `buildDocs(context)` takes the rule files as data, so a test can build the docs from a
 * changed ruleset in memory (test/generated.test.ts). The CLI samples run on the files on disk;
 * those that extend "default" use the bundled ruleset, which `npm run generate` rewrites first
 * and then regenerates the docs in a fresh process (scripts/generate.ts).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scoreLabelled } from "../../src/analysis/score.js";
import { summarise } from "../../src/analysis/summarise.js";
import { createGuard } from "../../src/engine/guard.js";
import { isInputError } from "../../src/errors/input-error.js";
import { fhirSystems, fromFhirTask } from "../../src/input/fhir.js";
import type { PracticePolicyInput } from "../../src/input/practice.js";
import type { TaskInputRaw } from "../../src/input/task.js";
import { toCdsCards } from "../../src/output/cds-hooks.js";
import { buildRuleset } from "../../src/rules/build.js";
import type { Ruleset } from "../../src/rules/schema.js";
import { runCli } from "../../test/cli/run-cli.js";
import { labelledSetFiles } from "../labelled-sets.js";
import { fillRegions, regionNames } from "./regions.js";
import { readRuleFiles } from "./rules.js";
import { banner, type GeneratedFile, type Generator } from "./types.js";

const root = join(import.meta.dirname, "..", "..");

/** The markdown files that hold generated regions. */
export const docFiles = [
  "README.md",
  "docs/analyst-guide.md",
  "docs/api-and-errors.md",
  "docs/cli.md",
  "docs/fhir-and-cds-hooks.md",
  "docs/clinical-safety.md",
  "docs/performance.md",
] as const;

/**
 * The regions built from every labelled set scored (about forty seconds for the ~100,000 tasks).
 * `npm test` checks the docs with these regions left out (test/generated.test.ts) and CI checks
 * them whole (`npm run generate -- --check`), so the suite does not score every set twice over.
 */
export const scoredRegions: readonly string[] = ["score-summary", "review-recall"];

/** What the docs are built from that a test may change in memory. */
export interface DocsContext {
  /** The files of the default ruleset, as rules/ holds them (file name → parsed JSON). */
  ruleFiles: Record<string, unknown>;
  /** The recorded bench run (bench/results.json). */
  bench: BenchResults;
  /** The labelled sets the scores are built from (default: every set in test/labelled). */
  labelledFiles?: readonly string[];
}

/** bench/results.json, as `npm run bench -- --write` records it. */
export interface BenchResults {
  date: string;
  machine: string;
  options: { tasks: number; memory: number[]; cli: number; quick: boolean };
  rows: { section: string; name: string; perSecond: number | null; note?: string }[];
  goals: string[];
}

/** The context from the repository as it is on disk. */
export async function defaultDocsContext(): Promise<DocsContext> {
  const benchFile = join(root, "bench", "results.json");
  const bench = JSON.parse(
    await readFile(benchFile, "utf8").catch(() => {
      throw new Error("bench/results.json is missing: run npm run bench -- --write");
    }),
  ) as BenchResults;
  return { ruleFiles: await readRuleFiles(), bench };
}

// ---------------------------------------------------------------------------------------------
// The CLI, in this process

interface CliResult {
  status: number;
  output: string;
}

const cliRuns = new Map<string, Promise<CliResult>>();

/**
 * Runs `gp-task-guard <args>` in this process (test/cli/run-cli.ts), stdout then stderr.
 * Runs with the same arguments share one result: the docs name the same command more than
 * once, and building the docs twice in a test costs one set of runs.
 */
function cli(args: string[], cwd = root): Promise<CliResult> {
  const key = JSON.stringify([args, cwd]);
  let result = cliRuns.get(key);
  if (result === undefined) {
    result = runCli(args, undefined, cwd).then(({ status, stdout, stderr }) => ({
      status,
      output: stdout + stderr,
    }));
    cliRuns.set(key, result);
  }
  return result;
}

/** A CLI sample: the command as a reader types it in this repository, what it printed, its exit code. */
async function cliSample(args: string[], expectStatus: number): Promise<string> {
  const { status, output } = await cli(args);
  if (status !== expectStatus) {
    throw new Error(
      `gp-task-guard ${args.join(" ")} exited ${status}, not ${expectStatus}:\n${output}`,
    );
  }
  return fence("text", shownRun(args, output, status));
}

/** A run as a reader sees it: the command, its output, and its exit status when not 0. */
function shownRun(args: string[], output: string, status: number): string {
  const exit = status === 0 ? "" : `\n[exit status ${status}]`;
  return `$ npm run cli -- ${args.join(" ")}\n${output.trimEnd()}${exit}`;
}

function fence(lang: string, text: string): string {
  return `\`\`\`${lang}\n${text}\n\`\`\``;
}

const number = (n: number) => n.toLocaleString("en-GB");
const fixed = (n: number) => n.toFixed(3);

// ---------------------------------------------------------------------------------------------
// What the regions are built from

class Sources {
  #ruleset?: Ruleset;
  #score?: ReturnType<typeof scoreLabelled>;
  constructor(readonly context: DocsContext) {}

  get ruleset(): Ruleset {
    this.#ruleset ??= buildRuleset(this.context.ruleFiles);
    return this.#ruleset;
  }

  /** The project's labelled sets scored with the context's rules. */
  score(): ReturnType<typeof scoreLabelled> {
    this.#score ??= (async () => {
      const records: unknown[] = [];
      for (const file of this.context.labelledFiles ?? labelledFiles) {
        const text = await readFile(join(root, file), "utf8");
        for (const line of text.split("\n")) if (line.trim() !== "") records.push(JSON.parse(line));
      }
      return scoreLabelled(records, { ruleset: this.ruleset });
    })();
    return this.#score;
  }
}

const labelledFiles = labelledSetFiles(root);

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

function benchRow(bench: BenchResults, section: string, name: string) {
  const row = bench.rows.find((r) => r.section.startsWith(section) && r.name.includes(name));
  if (row === undefined) {
    throw new Error(
      `bench/results.json has no row "${name}" in "${section}": run npm run bench -- --write`,
    );
  }
  return row;
}

function benchDate(bench: BenchResults): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(new Date(bench.date));
}

/** The quick start as the README shows it; its object literals are what runs. */
const quickStart = `import { createGuard } from "gp-task-guard";

const guard = createGuard({
  practice: {
    name: "Example Surgery",
    units: ["Example Surgery"],                      // your own SystmOne units
    externalTasks: { policy: "decline", from: "2026-12-01" },
    preferredMethod: "e-mail to our generic inbox example.surgery@nhs.net",
    urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
  },
});

const verdict = await guard.evaluate({
  id: "S1-0001",
  sentAt: "2026-12-03T11:20:00Z",
  sender: { organisation: "Humber Coast NHS Foundation Trust", odsCode: "RXX01", unit: "Humber Coast Outpatients" },
  recipient: { unit: "Example Surgery", assignment: "unassigned" },
  body: "Seen in clinic. Please prescribe ramipril 2.5mg.",
});
`;

/**
 * The object literal that follows `marker` in `code` (balanced braces), evaluated with
 * `scope`'s names defined: the code a doc shows is the code that runs.
 */
function literalAfter(code: string, marker: string, scope: Record<string, unknown> = {}): unknown {
  const start = code.indexOf("{", code.indexOf(marker));
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    if (code[i] === "{") depth++;
    if (code[i] === "}" && --depth === 0) {
      const names = Object.keys(scope);
      const make = new Function(...names, `return (${code.slice(start, i + 1)});`);
      return make(...names.map((n) => scope[n])) as unknown;
    }
  }
  throw new Error(`no object literal after ${marker}`);
}

const inline = (value: unknown) =>
  JSON.stringify(value, null, 1).replace(/\n\s*/g, " ").replace(/\[ /g, "[").replace(/ \]/g, "]");

type Region = (sources: Sources) => Promise<string> | string;

/** Every region, by name. A region named in a doc and missing here, or the reverse, is an error. */
const regions: Record<string, Region> = {
  "rules-table": ({ ruleset }) => {
    const rows = ruleset.rules.map((rule) => {
      const clauses = rule.contract
        .map((id) => `SC${ruleset.contract.clauses[id]?.clause ?? id}`)
        .join(", ");
      return `| \`${rule.id}\` | ${rule.severity}${rule.humanReview ? " (human review)" : ""} | ${cell(rule.title)} | ${clauses || "–"} | ${cell(rule.guidance.section)} |`;
    });
    return [
      `<!-- ${banner("scripts/gen/docs.ts")} -->`,
      "",
      `Ruleset \`${ruleset.name}\` ${ruleset.version}. Contract clauses: ${cell(ruleset.contract.edition)}.`,
      "",
      "| id | severity | rule | contract | guidance section |",
      "|---|---|---|---|---|",
      ...rows,
      "",
    ].join("\n");
  },

  "ruleset-counts": ({ ruleset }) => {
    const examples = ruleset.rules.reduce(
      (n, rule) => n + rule.examples.fires.length + rule.examples.passes.length,
      0,
    );
    const categories = Object.values(ruleset.categories);
    const categoryPhrases = categories.reduce((n, c) => n + c.phrases.length, 0);
    const lists = Object.values(ruleset.phrases as Record<string, unknown>).filter(Array.isArray);
    const listPhrases = lists.reduce((n, list) => n + list.length, 0);
    const shorthand = Object.keys(
      (ruleset as { reading?: { shorthand?: object } }).reading?.shorthand ?? {},
    ).length;
    return `${ruleset.rules.length} rules with ${number(examples)} examples that must fire or must not, ${categories.length} request categories read from ${number(categoryPhrases)} phrases, ${number(listPhrases)} phrases in ${lists.length} more lists (urgent, safety, negation, …) and ${number(shorthand)} shorthand entries; content hash \`${ruleset.hash.slice(0, 8)}\``;
  },

  "quick-start": async ({ ruleset }) => {
    const practice = literalAfter(quickStart, "practice:") as PracticePolicyInput;
    const task = literalAfter(quickStart, "guard.evaluate(") as TaskInputRaw;
    const verdict = await createGuard({ practice, ruleset }).evaluate(task);
    const letter = verdict.letter?.text ?? "";
    const words = (phrase: string) => (letter.includes(phrase) ? ` … ${phrase}` : "");
    const lines = [
      `verdict.outcome;                       // ${JSON.stringify(verdict.outcome)}`,
      `verdict.findings.map((f) => f.ruleId); // ${inline(verdict.findings.map((f) => f.ruleId))}`,
      `verdict.humanReview;                   // ${verdict.humanReview}`,
      `verdict.letter?.text;                  // "${letter.split("\n")[0]}${words("Dear Colleague")}${words("Your Task has not been acted on or actioned.")} …"`,
    ];
    return fence("ts", `${quickStart}\n${lines.join("\n")}`);
  },

  "input-error": async ({ ruleset }) => {
    const practice = literalAfter(quickStart, "practice:") as PracticePolicyInput;
    const guard = createGuard({ practice, ruleset });
    const bad = { id: "T1", sentAt: "2026-02-30T09:00:00Z" };
    let issues: { path: string; code: string; message: string }[] = [];
    try {
      await guard.evaluate(bad as TaskInputRaw);
    } catch (error) {
      if (isInputError(error)) issues = error.issues;
    }
    if (issues.length === 0) throw new Error("the input-error sample did not throw an InputError");
    const shown = issues.map(
      (i) =>
        `//   { path: ${JSON.stringify(i.path)}, code: ${JSON.stringify(i.code)}, message: ${JSON.stringify(i.message)} },`,
    );
    return fence(
      "ts",
      [
        "try {",
        `  await guard.evaluate(${inline(bad).replace(/"(\w+)":/g, "$1:")});`,
        "} catch (error) {",
        "  if (isInputError(error)) error.issues;",
        "  // [",
        ...shown.map((line) => `  ${line}`),
        "  // ]",
        "}",
      ].join("\n"),
    );
  },

  "summarise-outcomes": async ({ ruleset }) => {
    const practice = JSON.parse(
      await readFile(join(root, "examples/practice.json"), "utf8"),
    ) as PracticePolicyInput;
    const guard = createGuard({ practice, ruleset });
    const text = await readFile(join(root, "examples/corpus.jsonl"), "utf8");
    const tasks = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as TaskInputRaw);
    const pairs = [];
    // the same verdicts as guard.evaluate, without the letters that summarise does not read
    for await (const result of guard.evaluateMany(tasks, { letters: false })) {
      if (!result.ok) throw result.error;
      pairs.push({ verdict: result.verdict, task: tasks[result.index] as TaskInputRaw });
    }
    const summary = summarise(pairs, { ruleset: guard.ruleset });
    const team = summary.escalation?.teams[0];
    return fence(
      "ts",
      [
        'import { createGuard, summarise } from "gp-task-guard";',
        "",
        "const guard = createGuard({ practice });",
        "const pairs = [];",
        "for (const task of tasks) pairs.push({ verdict: await guard.evaluate(task), task });",
        "",
        "const summary = summarise(pairs, { ruleset: guard.ruleset });",
        `// examples/corpus.jsonl for examples/practice.json:`,
        `summary.outcomes;                 // ${inline(summary.outcomes).replace(/"(\w+)":/g, "$1:")}`,
        team
          ? `summary.escalation?.teams[0];     // { team: ${inline(team.team).replace(/"(\w+)":/g, "$1:")},\n                                  //   level: ${JSON.stringify(team.level)}, count: ${team.count}, dates: [...], reasons: [...], peak: {...} }`
          : "summary.escalation?.teams[0];     // undefined",
      ].join("\n"),
    );
  },

  "fhir-errors": async () => {
    const example = await readFile(join(root, "examples/04-fhir-task.ts"), "utf8");
    const fhirTask = literalAfter(example, "const fhirTask =", { fhirSystems }) as object;
    const options = { recipientUnit: "Example Surgery" };
    const calls: [string, unknown, typeof options?][] = [
      [
        '{ resourceType: "Patient", id: "9434765919" }',
        { resourceType: "Patient", id: "9434765919" },
      ],
      [
        '{ ...fhirTask, requester: { type: "PractitionerRole", display: "Ms Alex Nurse" } }',
        { ...fhirTask, requester: { type: "PractitionerRole", display: "Ms Alex Nurse" } },
        options,
      ],
      [
        '{ ...fhirTask, for: { identifier: { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9434765918" } } }',
        {
          ...fhirTask,
          for: { identifier: { system: fhirSystems.nhsNumber, value: "9434765918" } },
        },
        options,
      ],
    ];
    const lines = [
      "// fhirTask: the resource of examples/04-fhir-task.ts",
      `const options = ${inline(options).replace(/"(\w+)":/g, "$1:")};`,
    ];
    for (const [shown, resource, given] of calls) {
      lines.push(`fromFhirTask(${shown}${given ? ", options" : ""});`);
      try {
        fromFhirTask(resource, given);
        throw new Error(`fromFhirTask(${shown}) did not throw`);
      } catch (error) {
        if (!isInputError(error)) throw error;
        lines.push(
          `// InputError: ${error.issues
            .map(
              (i) =>
                `{ path: ${JSON.stringify(i.path)}, code: ${JSON.stringify(i.code)},\n//   message: ${JSON.stringify(i.message)} }`,
            )
            .join(",\n//   ")}`,
        );
      }
    }
    return fence("ts", lines.join("\n"));
  },

  "cds-cards": async ({ ruleset }) => {
    const practice = literalAfter(quickStart, "practice:") as PracticePolicyInput;
    const task = literalAfter(quickStart, "guard.evaluate(") as TaskInputRaw;
    const urgent = {
      ...task,
      urgent: true,
      body: "Urgent: please review her potassium result today.",
    };
    const verdict = await createGuard({ practice, ruleset }).evaluate(urgent);
    const cards = toCdsCards(verdict);
    const shown = cards.map((card) => {
      const parts = [
        `uuid: "${card.uuid.slice(0, 8)}-…"`,
        `indicator: ${JSON.stringify(card.indicator)}`,
        `summary: ${JSON.stringify(card.summary)}`,
      ];
      const code = card.source.topic?.code;
      if (code !== undefined) parts.push(`source: { topic: { code: ${JSON.stringify(code)} }, … }`);
      if (card.suggestions?.length) {
        parts.push(
          `suggestions: [${card.suggestions.map((s) => `{ label: ${JSON.stringify(s.label)}, … }`).join(", ")}]`,
        );
      }
      return `{ ${parts.join(", ")} }`;
    });
    return fence(
      "ts",
      [
        'import { toCdsCards } from "gp-task-guard";',
        "",
        "// the quick start's guard and task, sent with the urgent flag:",
        `const verdict = await guard.evaluate({ ...task, urgent: true, body: ${JSON.stringify(urgent.body)} });`,
        "const cards = toCdsCards(verdict);",
        `// [${shown.join(",\n//  ")}]`,
        "const response = { cards }; // the body of a CDS service's response",
      ].join("\n"),
    );
  },

  "corpus-count": async () => {
    const text = await readFile(join(root, "examples/corpus.jsonl"), "utf8");
    return number(text.split("\n").filter((l) => l.trim() !== "").length);
  },

  /** The safety probes' bodies that must be flagged, and their files: "3,101 bodies of twenty-two probes". */
  "probe-bodies": async () => {
    const folder = join(root, "test/labelled/probes");
    const files = (await readdir(folder)).filter((name) => name.endsWith("-flag.txt"));
    let n = 0;
    for (const file of files) {
      n += (await readFile(join(folder, file), "utf8")).split("\n").filter((l) => l.trim()).length;
    }
    return `${number(n)} bodies of ${files.length} probes`;
  },

  "labelled-count": async () => {
    let n = 0;
    for (const file of labelledFiles) {
      n += (await readFile(join(root, file), "utf8")).split("\n").filter((l) => l.trim()).length;
    }
    return number(n);
  },

  "overlay-seven-day": async () =>
    fence(
      "json",
      (await readFile(join(root, "examples/rulesets/seven-day-window.json"), "utf8")).trimEnd(),
    ),
  "overlay-fit-note": async () =>
    fence(
      "json",
      (await readFile(join(root, "examples/rulesets/fit-note-disabled.json"), "utf8")).trimEnd(),
    ),

  "cli-validate-seven-day": () =>
    cliSample(["validate", "examples/rulesets/seven-day-window.json"], 0),
  "cli-test-seven-day": () => cliSample(["test", "examples/rulesets/seven-day-window.json"], 1),
  "cli-diff-seven-day": () =>
    cliSample(
      [
        "diff",
        "--candidate",
        "examples/rulesets/seven-day-window.json",
        "examples/corpus.jsonl",
        "--practice",
        "examples/practice.json",
      ],
      0,
    ),
  "cli-diff-fit-note": () =>
    cliSample(
      [
        "diff",
        "--candidate",
        "examples/rulesets/fit-note-disabled.json",
        "examples/corpus.jsonl",
        "--practice",
        "examples/practice.json",
      ],
      0,
    ),
  "cli-test-shared-care": () =>
    cliSample(
      [
        "test",
        "examples/rulesets/shared-care.json",
        "--corpus",
        "examples/corpus.jsonl",
        "--practice",
        "examples/practice.json",
        "--min-coverage",
        "80",
      ],
      0,
    ),

  "cli-usage-error": async () => {
    // A copy of the rules with one unknown fact, in a scratch folder shown as my-rules/.
    const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-docs-"));
    try {
      const files = await readRuleFiles();
      const rule = structuredClone(files["fit-note.json"]) as {
        conditions: { all: { fact: string }[] };
      };
      const condition = rule.conditions.all.at(-1);
      if (condition === undefined) throw new Error("fit-note.json has no conditions.all");
      condition.fact = "senderType";
      const folder = join(dir, "my-rules");
      await mkdir(folder);
      for (const [name, content] of Object.entries({ ...files, "fit-note.json": rule })) {
        await writeFile(join(folder, name), JSON.stringify(content));
      }
      await symlink(join(root, "examples"), join(dir, "examples"));
      const args = [
        "evaluate",
        "examples/corpus.jsonl",
        "--practice",
        "examples/practice.json",
        "--rules",
        "my-rules",
      ];
      const { status, output } = await cli(args, dir);
      cliRuns.delete(JSON.stringify([args, dir]));
      if (status !== 2) throw new Error(`evaluate with a broken ruleset exited ${status}, not 2`);
      return fence("text", shownRun(args, output, status));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  "score-summary": async (sources) => {
    const score = await sources.score();
    const review = score.humanReview;
    return [
      `Scored with the rules in \`rules/\` (\`${score.ruleset.name}\` ${score.ruleset.version}, hash \`${score.ruleset.hash.slice(0, 8)}\`, engine ${score.engine}): ${number(score.tasks)} tasks of ${number(score.records)} records; ${number(score.exact.count)} (${fixed(score.exact.fraction)}) have exactly the labelled rules and human review.`,
      "",
      `**Human review:** precision ${fixed(review.precision)}, recall ${fixed(review.recall)} (${review.tp} flagged as labelled, ${review.fp} flagged without a label, ${review.fn} missed).`,
      "",
      "| rule | support | tp | fp | fn | precision | recall | F1 |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
      ...Object.entries(score.rules)
        .filter(([, m]) => m.support > 0 || m.fp > 0)
        .map(
          ([id, m]) =>
            `| \`${id}\` | ${m.support} | ${m.tp} | ${m.fp} | ${m.fn} | ${fixed(m.precision)} | ${fixed(m.recall)} | ${fixed(m.f1)} |`,
        ),
    ].join("\n");
  },

  "review-recall": async (sources) => {
    const review = (await sources.score()).humanReview;
    return `recall ${fixed(review.recall)}, ${review.fn} of ${review.support} labelled tasks missed`;
  },

  "jre-version": async () =>
    (
      JSON.parse(
        await readFile(join(root, "node_modules/json-rules-engine/package.json"), "utf8"),
      ) as { version: string }
    ).version,

  "bench-machine": ({ context: { bench } }) => `${benchDate(bench)} on ${bench.machine}`,

  "bench-table": ({ context: { bench } }) => {
    const format = (n: number | null) => (n === null ? "" : Math.round(n).toLocaleString("en-GB"));
    const base = (section: string, prefix: string) =>
      bench.rows.find((r) => r.section.startsWith(section) && r.name.startsWith(prefix))?.perSecond;
    const decide = base("decide", "compiled");
    const whole = base("evaluate", "evaluateMany, compiled");
    const rows = bench.rows.map((row) => {
      const b = row.section.startsWith("decide")
        ? decide
        : row.section.startsWith("evaluate")
          ? whole
          : undefined;
      const ratio =
        b && row.perSecond !== null
          ? (row.perSecond / b).toFixed(row.perSecond / b < 0.1 ? 4 : 2)
          : "";
      return `| ${cell(row.section)} | ${cell(row.name.trim())} | ${format(row.perSecond)} | ${ratio} | ${cell(row.note ?? "")} |`;
    });
    return [
      "| measure | what | per second | × compiled | notes |",
      "|---|---|---:|---:|---|",
      ...rows,
      "",
      "Goals, as the run judged them:",
      "",
      ...bench.goals.map((g) => `- ${g}`),
    ].join("\n");
  },

  "bench-cli": ({ context: { bench } }) => {
    const cliRow = benchRow(bench, "CLI batch", "gp-task-guard evaluate");
    const memory = bench.rows.filter((r) => r.section.startsWith("memory"));
    const peaks = memory.map((r) => /(\d+) MiB peak RSS/.exec(r.note ?? "")?.[1]).filter(Boolean);
    return `${number(bench.options.cli)} tasks of JSONL evaluated at ${number(Math.round(cliRow.perSecond ?? Number.NaN))} tasks a second, and peak RSS of ${peaks.join(" and ")} MiB streaming ${memory.map((r) => r.name.replace(/^peak RSS, /, "")).join(" and ")} (${benchDate(bench)}, [docs/performance.md](performance.md))`;
  },
};

/**
 * Builds every doc of `docFiles` from `context`: each marked region filled, the rest as on
 * disk.
 *
 * @param context - the rule files and bench results to build from
 * @param paths - the docs to build (default: all of `docFiles`; a test builds fewer)
 * @returns the docs, with their paths from the repository root
 */
export async function buildDocs(
  context: DocsContext,
  paths: readonly string[] = docFiles,
): Promise<GeneratedFile[]> {
  const sources = new Sources(context);
  const texts = new Map<string, string>();
  for (const path of paths) texts.set(path, await readFile(join(root, path), "utf8"));
  const used = new Set([...texts.values()].flatMap((text) => regionNames(text)));
  const unused = Object.keys(regions).filter((name) => !used.has(name));
  if (paths === docFiles && unused.length > 0) {
    throw new Error(`no doc has the region(s) ${unused.join(", ")}`);
  }
  const filled = new Map<string, string>();
  for (const name of used) {
    const region = regions[name];
    if (region !== undefined) filled.set(name, await region(sources));
  }
  return [...texts].map(([path, text]) => ({
    path,
    content: fillRegions(text, path, (name) => filled.get(name)),
  }));
}

/** The docs' generated regions, from the repository as it is. */
export const docsGenerator: Generator = {
  name: "docs",
  async generate() {
    return buildDocs(await defaultDocsContext());
  },
};
