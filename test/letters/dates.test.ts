import { describe, expect, it, vi } from "vitest";
import { formatLetterDate, londonToday } from "../../src/letters/dates.js";

describe("formatLetterDate", () => {
  it("prints a calendar date as 1 December 2026", () => {
    expect(formatLetterDate("2026-12-01")).toBe("1 December 2026");
  });

  it("prints an instant as its Europe/London date, across the clock changes", () => {
    expect(formatLetterDate("2026-06-30T23:30:00Z")).toBe("1 July 2026"); // 00:30 BST
    expect(formatLetterDate("2026-12-31T23:30:00Z")).toBe("31 December 2026"); // 23:30 GMT
    expect(formatLetterDate("2026-03-29T00:30:00Z")).toBe("29 March 2026"); // clocks go forward at 01:00 UTC
    expect(formatLetterDate("2026-10-24T23:30:00Z")).toBe("25 October 2026"); // 00:30 BST, before they go back
    expect(formatLetterDate("2027-01-01T00:15:00+13:00")).toBe("31 December 2026"); // 11:15 GMT
  });

  it("reads a date-time without an offset as London wall time", () => {
    expect(formatLetterDate("2026-07-01T00:30")).toBe("1 July 2026");
  });

  it("gives undefined for dates that do not exist or are not ISO", () => {
    expect(formatLetterDate("2026-02-30")).toBeUndefined();
    expect(formatLetterDate("1 December 2026")).toBeUndefined();
    expect(formatLetterDate("2026-12-01T25:00:00Z")).toBeUndefined();
    expect(formatLetterDate("2026-07-01T25:00")).toBeUndefined();
    expect(formatLetterDate("")).toBeUndefined();
  });
});

describe("londonToday", () => {
  it("is the London date, which is a day ahead of UTC late on a summer evening", () => {
    expect(londonToday(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(londonToday(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});

describe("letter dates whatever the process time zone", () => {
  const zones = ["Europe/London", "America/Los_Angeles", "Pacific/Auckland", "UTC"];

  it(`are the same in ${zones.join(", ")}`, async () => {
    // Node applies a new process.env.TZ at once; the letter modules are loaded afresh for each
    // zone, as a new process would load them. CI also reruns this file under two more zones.
    const original = process.env.TZ;
    const outputs: ReturnType<typeof import("./tz-probe.js").probe>[] = [];
    try {
      for (const zone of zones) {
        process.env.TZ = zone;
        vi.resetModules();
        const { probe } = await import("./tz-probe.js");
        outputs.push(probe());
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(outputs.map((o) => o.zone)).toEqual(zones);
    const [london, ...others] = outputs;
    expect(london?.dates).toEqual([
      "1 December 2026",
      "29 March 2026",
      "25 October 2026",
      "1 July 2026",
      "1 January 2027",
      "31 December 2026",
      "1 July 2026",
    ]);
    expect(london?.today).toBe("2026-07-01");
    expect(london?.letter).toContain("- week beginning 7 September 2026: 1 Task (9 September)");
    for (const other of others) {
      expect({ ...other, zone: london?.zone }).toEqual(london);
    }
  });
});
