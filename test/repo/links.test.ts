/**
 * Every relative link in README.md, CHANGELOG.md and docs/*.md leads somewhere: the file
 * exists, and a `#fragment` names a heading of that file (GitHub's anchor rules). The docs
 * were split out of the README; a moved section must not leave a dead link behind.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/```[\s\S]*?```/g, "");
  for (const match of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(match[1] ?? "");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The relative links and images of a markdown file, outside code. */
function links(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? "")
    .filter((href) => !/^[a-z]+:/i.test(href));
}

async function markdownFiles(): Promise<string[]> {
  const files = [join(root, "README.md"), join(root, "CHANGELOG.md")];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".md")) files.push(path);
    }
  };
  await walk(join(root, "docs"));
  return files;
}

describe("links in the docs", () => {
  it("finds the docs and their links", async () => {
    const files = await markdownFiles();
    expect(files.map((f) => relative(root, f))).toContain("docs/analyst-guide.md");
    const readme = await readFile(join(root, "README.md"), "utf8");
    expect(links(readme)).toContain("docs/analyst-guide.md");
  });

  it("every relative link names a file that exists and a heading in it", async () => {
    const dead: string[] = [];
    for (const file of await markdownFiles()) {
      const markdown = await readFile(file, "utf8");
      for (const href of links(markdown)) {
        const [path = "", fragment] = href.split("#");
        const target = path === "" ? file : join(dirname(file), decodeURIComponent(path));
        if (!existsSync(target)) {
          dead.push(`${relative(root, file)}: ${href} (no such file)`);
          continue;
        }
        if (fragment !== undefined && target.endsWith(".md")) {
          const heads = anchors(await readFile(target, "utf8"));
          if (!heads.has(fragment)) dead.push(`${relative(root, file)}: ${href} (no such heading)`);
        }
      }
    }
    expect(dead).toEqual([]);
  });

  it("would catch a dead link", () => {
    expect(anchors("# A rule's words to the sender\n## Held letters")).toEqual(
      new Set(["a-rules-words-to-the-sender", "held-letters"]),
    );
  });
});
