import type { Facts } from "../facts/catalogue.js";
import type { SenderWordName } from "../rules/message.js";

// Letters quote the sender's own words, never the ruleset's phrase patterns ("action the
// result*") or category ids. The text facts carry the words they were read from, as written
// (`categoryText`: the clause that asked; `urgentText`, `safetyText`, `dueText`: the words
// themselves), so a letter quotes those and nothing else.

/** The sender's own words behind the text facts, as `words.*` in sender wording. */
export type SenderWords = Partial<Record<SenderWordName, string>>;

/**
 * The sender's own words behind a task's text facts: the request's clause, and the words read
 * as urgent, as safety-related and as the timeframe.
 *
 * @param facts - the facts derived from the task
 * @returns the words found; a fact with no words has none
 * @example senderWords({ categoryText: "Please issue a fit note for 4 weeks" }).request
 * // "Please issue a fit note for 4 weeks"
 */
export function senderWords(
  facts: Pick<Facts, "categoryText" | "urgentText" | "safetyText" | "dueText">,
): SenderWords {
  const words: SenderWords = {};
  const read: [SenderWordName, string | undefined][] = [
    ["request", facts.categoryText],
    ["urgent", facts.urgentText],
    ["safety", facts.safetyText],
    ["timeframe", facts.dueText],
  ];
  for (const [name, text] of read) {
    const quote = text?.replace(/\s+/g, " ").trim();
    if (quote) words[name] = quote;
  }
  return words;
}
