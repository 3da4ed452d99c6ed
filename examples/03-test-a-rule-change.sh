#!/usr/bin/env bash
# Usage: bash examples/03-test-a-rule-change.sh [output-folder]   (after npm ci, which builds dist/)
#
# An ICB analyst changes the rules and sees what the change does before a practice relies
# on it: validate the rules, run every rule's examples and measure coverage on a corpus of
# past tasks, then diff the verdicts against the rules in use.
#   A. a threshold: "immediate" becomes within 21 days instead of 14 (and the rule's
#      examples that pinned the old boundary move with it);
#   B. the same kind of change in one small overlay file (examples/rulesets/): a 7-day window,
#      a disabled rule, and a new rule on shared-care prescribing without an agreement
#      (NHS Standard Contract SC11.3/SC11.4).
set -euo pipefail
cd "$(dirname "$0")/.."
# The edited rules and the HTML diff stay in the output folder for you to read.
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
gp() { node dist/cli.js "$@"; }

practice=examples/practice.json
corpus=examples/corpus.jsonl

echo "== A. Change immediateWithinDays from 14 to 21"
mkdir -p "$work/rules" && cp -r rules/. "$work/rules"
node -e '
  const fs = require("node:fs");
  const file = process.argv[1];
  const ruleset = JSON.parse(fs.readFileSync(file, "utf8"));
  ruleset.parameters.immediateWithinDays = 21;
  ruleset.version = "1.0.1";
  fs.writeFileSync(file, JSON.stringify(ruleset, null, 2) + "\n");
' "$work/rules/ruleset.json"

gp validate "$work/rules"

# The rule's own examples pin the old boundary ("15 days is not immediate"): test says so.
if gp test "$work/rules"; then
  echo "expected the 15-day examples of immediate-action to fail under 21 days" >&2
  exit 1
fi

# Move the boundary examples: 22 calendar days is now the first that is not immediate.
node -e '
  const fs = require("node:fs");
  const file = process.argv[1];
  const rule = JSON.parse(fs.readFileSync(file, "utf8"));
  const [plain, clockChange] = rule.examples.passes;
  plain.description = "a due date 22 days after sending is not immediate";
  plain.task.dueBy = "2026-12-15";
  clockChange.description = "22 London calendar days across the clock change are not immediate";
  clockChange.task.sentAt = "2027-03-07T23:30:00Z";
  fs.writeFileSync(file, JSON.stringify(rule, null, 2) + "\n");
' "$work/rules/immediate-action.json"

gp test "$work/rules" --corpus "$corpus" --practice "$practice" --min-coverage 80
gp diff --base rules --candidate "$work/rules" "$corpus" --practice "$practice"

# In CI, a change of verdicts fails the build until it is reviewed.
if gp diff --base rules --candidate "$work/rules" "$corpus" --practice "$practice" --fail-on-change --quiet > /dev/null; then
  echo "expected --fail-on-change to fail" >&2
  exit 1
fi

echo "== B. Overlays: one small file each"
gp diff --candidate examples/rulesets/seven-day-window.json "$corpus" --practice "$practice"
gp diff --candidate examples/rulesets/fit-note-disabled.json "$corpus" --practice "$practice" --quiet
gp validate examples/rulesets/shared-care.json
gp test examples/rulesets/shared-care.json --corpus "$corpus" --practice "$practice" --min-coverage 80
gp diff --candidate examples/rulesets/shared-care.json "$corpus" --practice "$practice" --format html --out "$work/diff.html"
echo "wrote $work/diff.html (the shared-care diff) and $work/rules (the 21-day rules)"
