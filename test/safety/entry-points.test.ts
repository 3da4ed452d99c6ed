import { describe, expect, it } from "vitest";
import { summarise } from "../../src/analysis/summarise.js";
import { createGuard } from "../../src/engine/guard.js";
import { isBatchError } from "../../src/errors/batch-error.js";
import { isGuardError } from "../../src/errors/guard-error.js";
import { isInputError } from "../../src/errors/input-error.js";
import { isRulesetError } from "../../src/errors/ruleset-error.js";
import { isTemplateError } from "../../src/errors/template-error.js";
import { fromFhirTask } from "../../src/input/fhir.js";
import { isValidNhsNumber } from "../../src/input/nhs-number.js";
import { parsePractice } from "../../src/input/practice.js";
import { parseTask } from "../../src/input/task.js";
import { renderLetter } from "../../src/letters/render.js";
import { toCdsCards } from "../../src/output/cds-hooks.js";
import { buildRuleset } from "../../src/rules/build.js";
import { defaultRuleset } from "../../src/rules/default.js";
import { defaultRulesetFiles } from "../../src/rules/default-ruleset.generated.js";
import { loadRuleset } from "../../src/rules/load.js";
import { practice, task } from "./fuzz.js";

/** Values that throw when the library reads them (issue 15: they escaped as raw TypeErrors). */
function hostileValues(): [string, unknown][] {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const getter = Object.defineProperty({}, "practice", {
    enumerable: true,
    get() {
      throw new Error("boom");
    },
  });
  const everyGetter = new Proxy(
    {},
    {
      get() {
        throw new Error("boom");
      },
      ownKeys() {
        throw new Error("boom");
      },
      getPrototypeOf() {
        throw new Error("boom");
      },
    },
  );
  return [
    ["a revoked proxy", revoked.proxy],
    ["an object whose getter throws", getter],
    ["a proxy whose every trap throws", everyGetter],
  ];
}

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("every entry point ends in a typed error", () => {
  it.each(hostileValues())(
    "createGuard, fromFhirTask, renderLetter and buildRuleset answer %s with a GuardError",
    (_, value) => {
      for (const call of [
        () => createGuard(value as never),
        () => createGuard({ practice: value } as never),
        () => fromFhirTask(value),
        () => fromFhirTask({ resourceType: "Task" }, value as never),
        () => renderLetter("opt-out-notice", value as never),
        () => renderLetter("opt-out-notice", { practice: value } as never),
        () => buildRuleset(value as never),
        () => buildRuleset({ ...defaultRulesetFiles, "ruleset.json": value } as never),
      ]) {
        const error = thrown(call);
        expect(isGuardError(error), String(error)).toBe(true);
      }
    },
  );

  it.each([
    ...hostileValues(),
    ["null", null] as [string, unknown],
    ["a number", 42] as [string, unknown],
  ])(
    "summarise, toCdsCards, parseTask, parsePractice, loadRuleset and renderLetter's kind answer %s with a result or a GuardError",
    async (_, value) => {
      for (const call of [
        () => summarise(value as never),
        () => summarise([value] as never),
        () => summarise([], value as never),
        () => toCdsCards(value as never),
        () => parseTask(value),
        () => parsePractice(value),
        () => renderLetter(value as never, { practice } as never),
      ]) {
        // Options that are not an object are none; anything else that fails is typed.
        const error = thrown(call);
        if (error !== undefined) expect(isGuardError(error), String(error)).toBe(true);
      }
      expect(thrown(() => toCdsCards(value as never))).toSatisfy(isInputError);
      await expect(loadRuleset(value as never)).rejects.toSatisfy(isRulesetError);
    },
  );

  it.each(hostileValues())(
    "the type guards answer %s with false, never a TypeError",
    (_, value) => {
      for (const guard of [
        isGuardError,
        isInputError,
        isRulesetError,
        isTemplateError,
        isBatchError,
        isValidNhsNumber,
      ]) {
        expect(guard(value as never)).toBe(false);
      }
    },
  );

  it.each(hostileValues())(
    "evaluate and evaluateMany answer %s with a GuardError, as a task or as the batch",
    async (_, value) => {
      const guard = createGuard({ practice } as never);
      await expect(guard.evaluate(value as never)).rejects.toSatisfy(isGuardError);
      const out = [];
      for await (const result of guard.evaluateMany([value, task()])) out.push(result);
      expect(out.map((o) => o.ok)).toEqual([false, true]);
      const batch = (async () => {
        for await (const _result of guard.evaluateMany(value as never)) {
          // nothing: the batch itself cannot be read
        }
      })();
      await expect(batch).rejects.toSatisfy(isGuardError);
      const lettersGetter = Object.defineProperty({}, "letters", {
        get() {
          throw new Error("boom");
        },
      });
      const options = (async () => {
        for await (const _result of guard.evaluateMany([task()], lettersGetter)) {
          // nothing: the options cannot be read
        }
      })();
      await expect(options).rejects.toSatisfy(isGuardError);
    },
  );

  it.each([
    [
      "throws",
      () => {
        throw new Error("disk gone");
      },
    ],
    ["returns a number", () => 42],
    ["returns null", () => null],
    ["returns undefined", () => undefined],
  ])(
    "evaluateMany ends with a BatchError when the source's next() %s, after the records before",
    async (_, next) => {
      const guard = createGuard({ practice } as never);
      let calls = 0;
      const source = {
        [Symbol.iterator]: () => ({
          next: () => {
            calls++;
            return calls === 1 ? { done: false, value: task() } : next();
          },
        }),
      };
      const out: unknown[] = [];
      const run = (async () => {
        for await (const result of guard.evaluateMany(source as Iterable<unknown>))
          out.push(result);
      })();
      await expect(run).rejects.toMatchObject({ name: "BatchError" });
      expect(out).toHaveLength(1);
    },
  );

  it("evaluateMany answers a source whose iterator getter throws, or is not a function's result, with an InputError", async () => {
    const guard = createGuard({ practice } as never);
    const sources = [
      Object.defineProperty({}, Symbol.iterator, {
        get() {
          throw new Error("boom");
        },
      }),
      {
        [Symbol.iterator]: () => {
          throw new Error("boom");
        },
      },
      { [Symbol.asyncIterator]: () => 42 },
    ];
    for (const source of sources) {
      const run = (async () => {
        for await (const _result of guard.evaluateMany(source as never)) {
          // nothing
        }
      })();
      await expect(run).rejects.toSatisfy(isGuardError);
    }
  });
});

describe("files as editors save them", () => {
  it("reads a practice file and a ruleset with a UTF-8 byte order mark, and a UTF-16 practice file", async () => {
    const { cp, mkdtemp, readFile, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { loadRuleset } = await import("../../src/rules/load.js");
    const { runCli, root } = await import("../cli/run-cli.js");
    const dir = await mkdtemp(join(tmpdir(), "gp-task-guard-bom-"));
    const practiceText = await readFile(join(root, "examples", "practice.json"), "utf8");
    await writeFile(join(dir, "bom.json"), `\uFEFF${practiceText}`);
    await writeFile(
      join(dir, "utf16.json"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(practiceText, "utf16le")]),
    );
    await writeFile(join(dir, "utf16-no-bom.json"), Buffer.from(practiceText, "utf16le"));
    const input = JSON.stringify(task());
    for (const name of ["bom.json", "utf16.json"]) {
      const result = await runCli(
        ["evaluate", "-", "-p", join(dir, name), "-f", "jsonl", "-q"],
        input,
      );
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    }
    const refused = await runCli(
      ["evaluate", "-", "-p", join(dir, "utf16-no-bom.json"), "-q"],
      input,
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/UTF-16 without a byte order mark/);
    const rules = join(dir, "rules");
    await cp(join(root, "rules"), rules, { recursive: true });
    const main = join(rules, "ruleset.json");
    await writeFile(main, `\uFEFF${await readFile(main, "utf8")}`);
    expect((await loadRuleset(rules)).rules.length).toBeGreaterThan(0);
  });
});

describe("every exported function ends in a result or a typed error", () => {
  // Error classes are constructed by the library with values it made; everything else a caller
  // can hand anything.
  const errorClasses = new Set([
    "GuardError",
    "InputError",
    "RulesetError",
    "TemplateError",
    "BatchError",
  ]);

  it("answers hostile values in each argument, with the arguments before it valid, with a GuardError", async () => {
    const api = await import("../../src/node.js");
    const ruleset = defaultRuleset();
    const hostile: [string, unknown][] = [
      ["undefined", undefined],
      ["null", null],
      ["a number", 42],
      ["an array", []],
      ...hostileValues(),
      [
        "an iterable whose next() throws",
        {
          [Symbol.iterator]: () => ({
            next: () => {
              throw new Error("boom");
            },
          }),
        },
      ],
    ];
    const untyped: string[] = [];
    for (const [name, value] of Object.entries(api)) {
      if (typeof value !== "function" || errorClasses.has(name)) continue;
      const isClass = /^class\b/.test(Function.prototype.toString.call(value));
      for (let at = 0; at < 3; at++) {
        for (const [label, bad] of hostile) {
          const args: unknown[] = [ruleset, ruleset, {}].slice(0, at);
          args[at] = bad;
          try {
            const made = isClass
              ? new (value as new (...a: unknown[]) => unknown)(...args)
              : (value as (...a: unknown[]) => unknown)(...args);
            await made;
          } catch (error) {
            if (!isGuardError(error))
              untyped.push(`${name} argument ${at} = ${label}: ${String(error)}`);
          }
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it("counts a labelled record that cannot be read as an error, and stops a failing source with a BatchError", async () => {
    const { scoreLabelled } = await import("../../src/analysis/score.js");
    const [revoked] = hostileValues()[0] ?? [];
    expect(revoked).toBe("a revoked proxy");
    const score = await scoreLabelled(hostileValues().map(([, value]) => value));
    expect(score.records).toBe(3);
    expect(score.errors.map((e) => e.code)).toEqual([
      "unreadable_record",
      "unreadable_record",
      "unreadable_record",
    ]);
    let calls = 0;
    const source = {
      [Symbol.iterator]: () => ({
        next: () => {
          calls++;
          if (calls === 1) return { done: false, value: {} };
          throw new Error("disk gone");
        },
      }),
    };
    await expect(scoreLabelled(source as Iterable<unknown>)).rejects.toMatchObject({
      name: "BatchError",
      processed: 1,
    });
  });

  it.each(hostileValues())(
    "the analysis classes' add answers %s with a GuardError and counts nothing",
    async (_, value) => {
      const { CoverageCounter } = await import("../../src/analysis/coverage.js");
      const { VerdictDiff } = await import("../../src/analysis/diff.js");
      const { Summariser } = await import("../../src/analysis/summarise.js");
      const ruleset = defaultRuleset();
      const coverage = new CoverageCounter(ruleset);
      expect(thrown(() => coverage.add({} as never, value as never))).toSatisfy(isGuardError);
      expect(coverage.result().tasks).toBe(0);
      const diff = new VerdictDiff(ruleset, ruleset);
      expect(thrown(() => diff.add("T1", value as never, value as never))).toSatisfy(isGuardError);
      expect(diff.result().total).toBe(0);
      const summariser = new Summariser();
      expect(thrown(() => summariser.add(value as never))).toSatisfy(isGuardError);
    },
  );

  it("decodeText refuses UTF-16 without a byte order mark with an InputError, and anything but bytes", async () => {
    const { decodeText } = await import("../../src/input/decode.js");
    expect(thrown(() => decodeText(Buffer.from("{}", "utf16le")))).toSatisfy(isInputError);
    expect(thrown(() => decodeText([0x7b, 0x7d] as never))).toMatchObject({
      issues: [{ path: "", code: "invalid_type" }],
    });
  });
});
