import { describe, expect, it } from "vitest";
import {
  csvCell,
  csvDocument,
  formatDay,
  formatMonth,
  formatPercent,
  textTable,
} from "../../src/analysis/format.js";

describe("analysis formatting", () => {
  it("writes London dates and months the way reports read", () => {
    expect(formatDay("2026-12-01")).toBe("1 December 2026");
    expect(formatMonth("2026-03")).toBe("Mar 2026");
    expect(formatMonth("2026-03", "long")).toBe("March 2026");
    // Intl's en-GB short month is "Sept"; reports write three letters for every month.
    expect(formatMonth("2026-09")).toBe("Sep 2026");
    expect(formatMonth("2026-06")).toBe("Jun 2026");
    expect(formatPercent(1, 3)).toBe("33.3%");
    expect(formatPercent(0, 0)).toBe("–");
  });

  it("pads text tables and right-aligns columns of numbers", () => {
    expect(
      textTable(
        ["rule", "tasks", "change"],
        [
          ["fit-note", 1234, "+5"],
          ["act-on-results", 7, "−12"],
        ],
      ),
    ).toBe(
      "rule            tasks  change\nfit-note        1,234      +5\nact-on-results      7     −12\n",
    );
  });

  it("quotes CSV cells that need it and neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell('Smith, "Jo"')).toBe('"Smith, ""Jo"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+44 1482")).toBe("'+44 1482");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(undefined)).toBe("");
    expect(csvDocument(["a", "b"], [[1, "x\ny"]])).toBe('a,b\r\n1,"x\ny"\r\n');
  });

  it("escapes control, C1 and bidi characters in CSV cells, keeping line breaks", () => {
    expect(csvCell("Org\u009b31m\u0007")).toBe("Org\\x9b31m\\x07");
    expect(csvCell("A\u001b[8m\u202eB")).toBe("A\\x1b[8m\\u202eB");
    expect(csvCell("line one\r\nline two")).toBe('"line one\r\nline two"');
  });
});
