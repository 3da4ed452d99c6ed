/**
 * The facts step (issue 10): reading a task's text costs about the same however many phrases
 * the ruleset holds, because every list is one trie matched in one pass over the tokens. This
 * measures deriveFacts per task with today's lists beside a ruleset with five times as many
 * phrases, on the labelled sets' realistic bodies.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "../scripts/generate-corpus.js";
import { labelledSetFiles } from "../scripts/labelled-sets.js";
import { deriveFacts } from "../src/facts/derive.js";
import { type Lexicon, lexiconOf, PHRASE_LISTS } from "../src/facts/lexicon.js";
import { words } from "../src/facts/tokens.js";
import { parsePractice } from "../src/input/practice.js";
import { parseTask, type TaskInput } from "../src/input/task.js";
import type { Phrase, Ruleset } from "../src/rules/schema.js";

function plain(list: readonly Phrase[] | undefined): string[] {
  return (list ?? []).flatMap((p) => (typeof p === "string" ? [p] : p.allOf));
}

/** How many phrases a ruleset's lists hold (word groups not expanded). */
export function phraseCount(ruleset: Ruleset): number {
  let n = 0;
  for (const name of PHRASE_LISTS) n += plain(ruleset.phrases[name]).length;
  for (const c of Object.values(ruleset.categories))
    n += plain(c.phrases).length + plain(c.context).length;
  return n;
}

/**
 * A copy of the ruleset whose phrase lists hold `factor` times as many phrases: each list gains
 * two- and three-word phrases made of words from the ruleset's own vocabulary, so they share
 * first words with real phrases and with bodies (the trie grows where matching walks).
 */
export function withMorePhrases(ruleset: Ruleset, factor: number, seed = 10): Ruleset {
  const next = mulberry32(seed);
  const vocabulary = [
    ...new Set(
      PHRASE_LISTS.flatMap((name) => plain(ruleset.phrases[name]))
        .flatMap((p) => words(p.replace(/[*{}_]/g, " ")))
        .filter((w) => /^[a-z]{3,}$/.test(w)),
    ),
  ];
  const pick = () => vocabulary[Math.floor(next() * vocabulary.length)] ?? "word";
  const extra = (list: readonly Phrase[] | undefined): Phrase[] => {
    const out: Phrase[] = [...(list ?? [])];
    const wanted = (list ?? []).length * (factor - 1);
    for (let i = 0; i < wanted; i++)
      out.push(Array.from({ length: 2 + Math.floor(next() * 2) }, pick).join(" "));
    return out;
  };
  const phrases = { ...ruleset.phrases };
  for (const name of PHRASE_LISTS) phrases[name] = extra(ruleset.phrases[name]);
  const categories = Object.fromEntries(
    Object.entries(ruleset.categories).map(([id, c]) => [
      id,
      { ...c, phrases: extra(c.phrases), ...(c.context && { context: extra(c.context) }) },
    ]),
  );
  return { ...ruleset, phrases, categories };
}

/** The labelled sets' tasks, parsed once: realistic bodies in many voices. */
export function labelledTasks(root: string): TaskInput[] {
  const tasks: TaskInput[] = [];
  for (const file of labelledSetFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    for (const line of text.split("\n"))
      if (line.trim() !== "") tasks.push(parseTask((JSON.parse(line) as { task: unknown }).task));
  }
  return tasks;
}

/** Microseconds per task for deriveFacts over `tasks`, one timed pass after a warm-up. */
function microsPerTask(tasks: readonly TaskInput[], ruleset: Ruleset, lexicon: Lexicon): number {
  const practice = parsePractice(ruleset.examples.practice);
  let sink = 0;
  for (const task of tasks) sink += deriveFacts(task, practice, lexicon).bodyLength;
  const started = performance.now();
  for (let pass = 0; pass < 3; pass++)
    for (const task of tasks) sink += deriveFacts(task, practice, lexicon).bodyLength;
  const micros = ((performance.now() - started) * 1000) / (tasks.length * 3);
  return sink < 0 ? Number.NaN : micros;
}

export interface FactsStepResult {
  phrases: [number, number];
  micros: [number, number];
  ratio: number;
}

/** Medians of `rounds` interleaved measurements of the two lexicons, side by side. */
export function factsStep(root: string, ruleset: Ruleset, rounds = 5): FactsStepResult {
  const tasks = labelledTasks(root);
  const bigger = withMorePhrases(ruleset, 5);
  const lexicons = [lexiconOf(ruleset), lexiconOf(bigger)] as const;
  const runs: [number[], number[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    runs[0].push(microsPerTask(tasks, ruleset, lexicons[0]));
    runs[1].push(microsPerTask(tasks, bigger, lexicons[1]));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const micros: [number, number] = [median(runs[0]), median(runs[1])];
  return {
    phrases: [phraseCount(ruleset), phraseCount(bigger)],
    micros,
    ratio: micros[1] / micros[0],
  };
}
