import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysBetween, isoWeekday, plusDays, plusMonths } from "../../src/facts/calendar.js";

/** The reference: the same arithmetic on UTC midnights with Date (slow, but obviously right). */
function utc(date: string): Date {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  return day;
}
function iso(day: Date): string {
  return `${String(day.getUTCFullYear()).padStart(4, "0")}-${String(day.getUTCMonth() + 1).padStart(2, "0")}-${String(day.getUTCDate()).padStart(2, "0")}`;
}

const dates = fc
  .date({
    min: new Date("0001-01-01T00:00:00Z"),
    max: new Date("9998-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => iso(d));

describe("calendar arithmetic on day numbers", () => {
  it("counts days between any two dates as Date arithmetic on UTC midnights does", () => {
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        expect(daysBetween(a, b)).toBe(
          Math.round((utc(b).getTime() - utc(a).getTime()) / 86_400_000),
        );
      }),
      { seed: 2026, numRuns: 2000 },
    );
  });

  it("adds days and finds ISO weekdays as Date does", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -400, max: 400 }), (date, n) => {
        const day = utc(date);
        day.setUTCDate(day.getUTCDate() + n);
        expect(plusDays(date, n)).toBe(iso(day));
        expect(isoWeekday(date)).toBe(utc(date).getUTCDay() || 7);
      }),
      { seed: 2026, numRuns: 2000 },
    );
  });

  it("adds months, clamping to the month's last day", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -60, max: 60 }), (date, n) => {
        const day = utc(date);
        const wanted = day.getUTCDate();
        day.setUTCDate(1);
        day.setUTCMonth(day.getUTCMonth() + n);
        const last = new Date(day.getTime());
        last.setUTCMonth(last.getUTCMonth() + 1, 0);
        day.setUTCDate(Math.min(wanted, last.getUTCDate()));
        expect(plusMonths(date, n)).toBe(iso(day));
      }),
      { seed: 2026, numRuns: 2000 },
    );
  });
});
