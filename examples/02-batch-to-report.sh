#!/usr/bin/env bash
# Usage: bash examples/02-batch-to-report.sh [output-folder]   (after npm ci, which builds dist/)
#
# A practice's year of SystmOne tasks, from a file to verdicts, letters and a report:
#   1. evaluate the batch: one JSON line per task (or per bad record), a letter per task;
#   2. check that every record came out (records in = verdicts + errors out);
#   3. report: text for the screen, HTML for the committee paper, CSV for the spreadsheet.
# Runs this checkout's bin, dist/cli.js (what `npm run cli --` runs).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
gp() { node dist/cli.js "$@"; }

practice=examples/practice.json
corpus=examples/corpus.jsonl

# 1. Evaluate: JSONL out, letters in a folder named by task id.
gp evaluate "$corpus" --practice "$practice" --format jsonl \
  --letters "$out/letters" --letter-date 2026-11-30 > "$out/verdicts.jsonl"

# 2. Every record gives exactly one output line.
records_in=$(grep -c . "$corpus")
lines_out=$(wc -l < "$out/verdicts.jsonl" | tr -d ' ')
if [ "$records_in" -ne "$lines_out" ]; then
  echo "expected $records_in output lines, got $lines_out" >&2
  exit 1
fi
echo "verdicts: $lines_out lines in $out/verdicts.jsonl"
echo "tasks a person must read: $(grep -c '"humanReview":true' "$out/verdicts.jsonl")"
echo "letters: $(ls "$out/letters" | wc -l | tr -d ' ') in $out/letters"

# 3. The report, three ways.
gp report "$corpus" --practice "$practice" --date 2026-11-30
gp report "$corpus" --practice "$practice" --date 2026-11-30 --format html --out "$out/report.html"
gp report "$corpus" --practice "$practice" --format csv --table escalation --out "$out/escalation.csv"
