import { describe, expect, it } from "vitest";
import { FileNames, safeFileName } from "../../src/cli/file-names.js";

describe("letter file names from task ids", () => {
  it("keeps letters, digits, dots, dashes and underscores and replaces the rest", () => {
    expect(safeFileName("40012345")).toBe("40012345");
    expect(safeFileName("RZH/DN/2026/0042")).toBe("RZH_DN_2026_0042");
    expect(safeFileName("Café £5 ✓")).toBe("Cafe_5");
  });

  it("never makes a path, a hidden file, an option-like name or a name Windows reserves", () => {
    expect(safeFileName("../../etc/passwd")).toBe("etc_passwd");
    expect(safeFileName("..")).toBe("task");
    expect(safeFileName(".bashrc")).toBe("bashrc");
    expect(safeFileName("--help")).toBe("help");
    expect(safeFileName("CON")).toBe("_CON");
    expect(safeFileName("nul.txt")).toBe("_nul.txt");
    expect(safeFileName("x".repeat(500))).toHaveLength(120);
  });

  it("gives ids that sanitise to the same name distinct names, ignoring case", () => {
    const names = new FileNames();
    expect(["a/b", "a b", "A_B", "c"].map((id) => names.next(id, ".txt"))).toEqual([
      "a_b.txt",
      "a_b-2.txt",
      "A_B-3.txt",
      "c.txt",
    ]);
  });
});
