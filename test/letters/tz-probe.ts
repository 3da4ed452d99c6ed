/**
 * Letter dates and a letter rendered in the process's current time zone, so that
 * test/letters/dates.test.ts can compare them across zones. The test sets `process.env.TZ`
 * (Node applies it at once) and imports this module afresh for each zone, so nothing the
 * letter code computes when it loads carries over from one zone to the next.
 */
import { formatLetterDate, londonToday } from "../../src/letters/dates.js";
import { renderLetter } from "../../src/letters/render.js";
import { escalation, practice } from "./fixtures.js";

const values = [
  "2026-12-01",
  "2026-03-29T00:30:00Z",
  "2026-10-25T00:30:00Z",
  "2026-06-30T23:30:00Z",
  "2026-12-31T23:30:00-05:00",
  "2027-01-01T00:15:00+13:00",
  "2026-07-01T00:30",
];

/** What the letter code gives in this process's time zone. */
export function probe(): {
  zone: string;
  dates: (string | undefined)[];
  today: string;
  letter: string;
} {
  const letter = renderLetter("escalation", { practice, date: "2026-10-01", ...escalation });
  return {
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    dates: values.map((value) => formatLetterDate(value)),
    today: londonToday(new Date("2026-06-30T23:30:00Z")),
    letter: letter.text,
  };
}
