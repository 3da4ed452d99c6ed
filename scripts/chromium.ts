import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The browser: CHROMIUM=/path/to/chromium overrides Debian's `chromium`. */
const chromium = process.env.CHROMIUM ?? "chromium";

/**
 * Screenshots a page with headless Chromium, offline and with a fresh profile each time.
 *
 * @param url - the page, usually a file: URL (a #fragment scrolls to that element)
 * @param png - where to write the screenshot
 * @param size - the window, in CSS pixels at scale 1
 */
export async function screenshot(
  url: string,
  png: string,
  size: { width: number; height: number },
): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), "gp-task-guard-chromium-"));
  try {
    execFileSync(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        `--user-data-dir=${profile}`,
        `--screenshot=${png}`,
        `--window-size=${size.width},${size.height}`,
        url,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
