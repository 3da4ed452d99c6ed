import {
  createGuard,
  defaultRuleset,
  isRulesetError,
  loadRuleset,
  type PracticePolicyInput,
  phraseCount,
  printable,
  type RepeatedPhrase,
  type Ruleset,
  type RulesetIssue,
  repeatedPhrases,
} from "../../node.js";
import type { Command } from "../command.js";
import { CliError, exitCodes, pathFrom, reason, write } from "../io.js";
import { formatRulesetIssues, rulesetIssueLines } from "../load.js";

export const validateCommand: Command = {
  name: "validate",
  summary: "check a ruleset folder or overlay: schema, facts, operators, parameters, clauses, ids",
  usage: "validate [rules] [options]",
  about: `Checks a ruleset folder or overlay file (default: the bundled rules): every file against its schema, and
every rule for unknown facts, operators, parameters, categories and contract clauses,
duplicate or mismatched ids, files not listed, forbidden keys (__proto__, constructor) and
message fields that do not exist. Each problem names its file and JSON path.`,
  options: {
    format: { type: "string", short: "f", value: "<f>", help: "text (default) or json" },
  },
  notes: `Exit status: 0 valid; 1 not valid; 2 the ruleset cannot be read.

Example:
  gp-task-guard validate examples/rulesets/shared-care.json`,
  positionals: { min: 0, max: 1 },

  async run([dir], values, io) {
    const format = values.choice("format", ["text", "json"] as const, "text");
    const label = dir ?? "(bundled rules)";
    let ruleset: Ruleset | undefined;
    let issues: RulesetIssue[] = [];
    try {
      ruleset = dir === undefined ? defaultRuleset() : await loadRuleset(pathFrom(io, dir));
      // Compiling the conditions finds what the schema cannot (e.g. a value the operator cannot take).
      createGuard({ practice: ruleset.examples.practice as PracticePolicyInput, ruleset });
    } catch (error) {
      if (!isRulesetError(error)) throw new CliError(`${label}: ${reason(error)}`);
      if (error.issues.some((i) => i.code === "unreadable")) {
        throw new CliError(rulesetIssueLines(label, error).join("\n"));
      }
      issues = error.issues;
      ruleset = undefined;
    }
    if (format === "json") {
      await write(
        io.stdout,
        `${JSON.stringify(
          {
            valid: ruleset !== undefined,
            ...(ruleset && {
              ruleset: {
                name: ruleset.name,
                version: ruleset.version,
                hash: ruleset.hash,
                rules: ruleset.rules.length,
                disabled: ruleset.disabled,
                phrases: phraseCount(ruleset),
                repeated: repeatedPhrases(ruleset),
              },
            }),
            issues,
          },
          null,
          2,
        )}\n`,
      );
    } else if (ruleset !== undefined) {
      const { count, limit } = phraseCount(ruleset);
      await write(
        io.stdout,
        `${label}: valid ruleset ${printable(`${ruleset.name} ${ruleset.version}`)}, ${ruleset.rules.length} rules${ruleset.disabled.length > 0 ? ` (disabled: ${ruleset.disabled.join(", ")})` : ""}, ${Object.keys(ruleset.contract.clauses).length} contract clauses, ${Object.keys(ruleset.categories).length} categories (hash ${ruleset.hash.slice(0, 8)})\n` +
          `  phrases: ${count.toLocaleString("en-GB")} of the ${limit.toLocaleString("en-GB")} a ruleset may stand for once word groups are put in\n` +
          repeatedLines(repeatedPhrases(ruleset)),
      );
    } else {
      const lines = formatRulesetIssues(dir ?? "rules", issues);
      await write(
        io.stdout,
        `${label}: not a valid ruleset (${issues.length} problem${issues.length === 1 ? "" : "s"})\n${lines.map((l) => `  ${l}`).join("\n")}\n`,
      );
    }
    return ruleset === undefined ? exitCodes.failed : exitCodes.ok;
  },
};

/** How many repeated entries the text report shows. */
const REPEATS_SHOWN = 20;

/** How many entries repeat an earlier one in their list, and the first few, for the text report. */
function repeatedLines(repeated: readonly RepeatedPhrase[]): string {
  if (repeated.length === 0) return "  repeated: no entry reads as an earlier one in its list\n";
  const shown = repeated
    .slice(0, REPEATS_SHOWN)
    .map(
      (r) =>
        `    ${r.path} ${printable(JSON.stringify(r.entry))} reads as ${r.sameAsPath} ${printable(JSON.stringify(r.sameAs))}\n`,
    );
  const more = repeated.length - shown.length;
  return (
    `  repeated: ${repeated.length} ${repeated.length === 1 ? "entry reads as an earlier one in its list" : "entries read as earlier ones in their lists"} (matching nothing new; --format json lists all):\n` +
    shown.join("") +
    (more > 0 ? `    and ${more} more\n` : "")
  );
}
