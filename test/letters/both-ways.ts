import {
  compiledTemplate,
  formats,
  type LetterTemplates,
  type Render,
  templateFile,
  templateSet,
} from "../../src/letters/templates.js";
import { letterKinds } from "../../src/letters/types.js";

/** What the two renderers did: renders compared per template file, and where they differed. */
export interface Comparison {
  renders: Map<string, number>;
  mismatches: string[];
}

type Outcome = { text: string } | { error: string };

function outcome(render: Render, data: object): Outcome {
  try {
    return { text: render(data) };
  } catch (error) {
    // Handlebars compiled from source adds the line and column (` - 3:14`); the precompiled
    // letters never carried them (scripts/gen/templates.ts dropped positions).
    return { error: String((error as Error).message).replace(/ - \d+:\d+$/, "") };
  }
}

/**
 * A template set that renders every template with both sets, records in `log` whether their
 * raw output (before render.ts tidies it) or their error is the same, and returns `first`'s.
 */
export function bothWays(
  first: LetterTemplates,
  second: LetterTemplates,
  log: Comparison,
): LetterTemplates {
  const render = new Map<string, Render>();
  for (const kind of letterKinds) {
    for (const format of formats) {
      const file = templateFile(kind, format);
      const a = compiledTemplate(first, kind, format);
      const b = compiledTemplate(second, kind, format);
      render.set(file, (data) => {
        const [x, y] = [outcome(a, data), outcome(b, data)];
        log.renders.set(file, (log.renders.get(file) ?? 0) + 1);
        if (JSON.stringify(x) !== JSON.stringify(y)) {
          log.mismatches.push(`${file}: ${JSON.stringify(x)} !== ${JSON.stringify(y)}`);
        }
        if ("error" in x) throw new Error(x.error);
        return x.text;
      });
    }
  }
  return templateSet(render, "both ways", []);
}
