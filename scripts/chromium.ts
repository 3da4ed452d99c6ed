import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The browser: CHROMIUM=/path/to/chromium overrides Debian's `chromium`. */
const chromium = process.env.CHROMIUM ?? "chromium";

/**
 * Runs headless Chromium once on a page, offline and with a fresh profile, and hands the
 * profile folder (a scratch folder, removed afterwards) to `read` for what it wrote there.
 */
async function headless<T>(
  url: string,
  args: (profile: string) => string[],
  read: (profile: string) => T = () => undefined as T,
): Promise<T> {
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
        `--user-data-dir=${profile}`,
        ...args(profile),
        url,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    return read(profile);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

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
  await headless(url, () => [
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    `--screenshot=${png}`,
    `--window-size=${size.width},${size.height}`,
  ]);
}

/**
 * Prints a page to PDF with headless Chromium (A4 from the page's own @page rule) and counts
 * its pages.
 *
 * @param url - the page, usually a file: URL
 * @returns the number of printed pages
 */
export async function printedPages(url: string): Promise<number> {
  return headless(
    url,
    (profile) => ["--no-pdf-header-footer", `--print-to-pdf=${join(profile, "page.pdf")}`],
    // Each page is one /Type /Page object (the page tree is /Type /Pages).
    (profile) =>
      (readFileSync(join(profile, "page.pdf"), "latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [])
        .length,
  );
}
