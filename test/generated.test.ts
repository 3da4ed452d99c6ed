import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildDocs,
  type DocsContext,
  defaultDocsContext,
  docsGenerator,
  scoredRegions,
} from "../scripts/gen/docs.js";
import { generators } from "../scripts/gen/index.js";
import { fillRegions, regionTexts, withoutRegions } from "../scripts/gen/regions.js";
import { labelledSetFiles } from "../scripts/labelled-sets.js";
import { buildRuleset } from "../src/rules/build.js";

const root = join(import.meta.dirname, "..");
const context = await defaultDocsContext();

describe("generated files", async () => {
  // The docs are built here with no labelled set scored: scoring every set takes about forty
  // seconds, and CI's score:gate step scores them all anyway. The regions built from the scores
  // (scoredRegions) are left out of this comparison, and CI checks every file whole with
  // \`npm run generate -- --check\`.
  const others = generators.filter((generator) => generator !== docsGenerator);
  const docs = await buildDocs({ ...context, labelledFiles: [] });
  const files = [...(await Promise.all(others.map((g) => g.generate()))).flat(), ...docs];
  it("there is at least one generated file", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.path)).toContain("docs/analyst-guide.md");
  });
  for (const file of files) {
    it(`${file.path} is up to date, but for the labelled sets' scores (run npm run generate)`, async () => {
      const onDisk = await readFile(join(root, file.path), "utf8").catch(() => "(missing)");
      const fresh =
        withoutRegions(onDisk, scoredRegions) === withoutRegions(file.content, scoredRegions);
      expect(fresh, `${file.path} is stale: run npm run generate`).toBe(true);
    });
  }

  it("leaves out exactly the regions that the labelled sets' scores change", async () => {
    const someSets = labelledSetFiles(root).slice(0, 2);
    const scored = await buildDocs({ ...context, labelledFiles: someSets });
    const changed = new Set<string>();
    for (const [index, file] of scored.entries()) {
      const unscored = regionTexts(docs[index]?.content ?? "");
      for (const [name, text] of regionTexts(file.content)) {
        if (unscored.get(name) !== text) changed.add(name);
      }
    }
    expect([...changed].sort()).toEqual([...scoredRegions].sort());
  });
});

describe("the docs are built from the program", async () => {
  /** The rules with one parameter and one rule title changed, in memory only. */
  function changedRules(): DocsContext {
    const ruleFiles = structuredClone(context.ruleFiles);
    const main = ruleFiles["ruleset.json"] as { parameters: { immediateWithinDays: number } };
    main.parameters.immediateWithinDays = 21;
    (ruleFiles["fit-note.json"] as { title: string }).title =
      "Reject requests for fit notes the hospital must issue";
    return { ...context, ruleFiles };
  }

  it("the docs freshness test fails when the ruleset changes and the docs are not regenerated", async () => {
    // Scored on the first sets only, with the rules as they are and as changed: the same test
    // on every set took eight seconds of npm test.
    const labelledFiles = labelledSetFiles(root).slice(0, 6);
    const changed = { ...changedRules(), labelledFiles };
    const paths = ["README.md", "docs/analyst-guide.md"];
    const after = await buildDocs(changed, paths);
    const onDisk = new Map<string, string>();
    for (const path of paths) onDisk.set(path, await readFile(join(root, path), "utf8"));
    // The committed docs are what the rules on disk give ("is up to date" above); built from
    // the changed rules, they differ: the rules table, the counts' hash and the scores.
    const stale = after.filter((f) => f.content !== onDisk.get(f.path)).map((f) => f.path);
    expect(stale).toEqual(paths);
    const readme = after.find((f) => f.path === "README.md")?.content ?? "";
    expect(readme).toContain("Reject requests for fit notes the hospital must issue");
    expect(readme).toContain(buildRuleset(changed.ruleFiles).hash.slice(0, 8));
    const scoreOf = (text: string | undefined) =>
      /<!-- gen:score-summary -->[\s\S]*?<!-- \/gen/.exec(text ?? "")?.[0];
    const guide = after.find((f) => f.path === "docs/analyst-guide.md")?.content;
    const [before] = await buildDocs({ ...context, labelledFiles }, ["docs/analyst-guide.md"]);
    expect(scoreOf(guide)).toBeDefined();
    expect(scoreOf(guide)).not.toEqual(scoreOf(before?.content));
  });

  it("renders performance figures only from the recorded bench run", async () => {
    const bench = structuredClone(context.bench);
    bench.machine = "a test machine";
    const row = bench.rows[0];
    if (row?.perSecond !== null && row !== undefined) row.perSecond = 123_456_789;
    const [perf] = await buildDocs({ ...context, bench }, ["docs/performance.md"]);
    expect(perf?.content).toContain("a test machine");
    expect(perf?.content).toContain("123,456,789");
  });

  it("fills marked regions, inline and block, and refuses a region nobody fills", () => {
    const text = "a <!-- gen:x -->old<!-- /gen:x --> b\n<!-- gen:y -->\nold\n<!-- /gen:y -->\n";
    expect(fillRegions(text, "t.md", (name) => (name === "x" ? "1" : "two\nlines"))).toBe(
      "a <!-- gen:x -->1<!-- /gen:x --> b\n<!-- gen:y -->\ntwo\nlines\n<!-- /gen:y -->\n",
    );
    expect(() => fillRegions(text, "t.md", () => undefined)).toThrow(/t\.md.*"x"/);
    expect(() => fillRegions("<!-- gen:z -->", "t.md", () => "")).toThrow(/no <!-- \/gen:z -->/);
  });
});
