import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { Progress } from "../../src/cli/progress.js";

function io(stderrTTY: boolean, stdoutTTY: boolean): { io: Io; err: () => string } {
  const stderr = Object.assign(new PassThrough(), { isTTY: stderrTTY, columns: 80 });
  const stdout = Object.assign(new PassThrough(), { isTTY: stdoutTTY });
  let text = "";
  stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { io: { stderr, stdout, stdin: new PassThrough(), cwd: "." }, err: () => text };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the progress bar", () => {
  it("draws on stderr for a long batch when stderr is a terminal and stdout is not, and clears itself", async () => {
    vi.useFakeTimers({ now: 0 });
    const { io: streams, err } = io(true, false);
    const progress = new Progress(streams, { bytes: 500, total: 1000 });
    progress.tick(10);
    expect(err()).toBe(""); // not in the first second
    vi.setSystemTime(1500);
    progress.tick(2000);
    progress.done();
    await Promise.resolve();
    expect(err()).toContain(" 50% 2,000 records");
    expect(err().endsWith("\r\u001b[K")).toBe(true);
  });

  it("stays silent when stderr is not a terminal, when stdout is one, or with --quiet", async () => {
    vi.useFakeTimers({ now: 0 });
    for (const [stderrTTY, stdoutTTY, quiet] of [
      [false, false, false],
      [true, true, false],
      [true, false, true],
    ] as const) {
      const { io: streams, err } = io(stderrTTY, stdoutTTY);
      const progress = new Progress(streams, { bytes: 1 }, { quiet });
      vi.setSystemTime(5000);
      progress.tick(100);
      progress.done();
      await Promise.resolve();
      expect(err()).toBe("");
      vi.setSystemTime(0);
    }
  });
});
