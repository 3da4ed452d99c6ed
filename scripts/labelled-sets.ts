/**
 * The project's labelled evaluation sets, `test/labelled/set-<letters>.jsonl`, in order (set-a
 * to set-z, then set-aa on):
 * the one list that the bench, the generated docs and (checked by a test) the `score` scripts
 * in package.json use, so a new set is added by adding its file.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The sets' paths relative to `root` ("test/labelled/set-a.jsonl", …). */
export function labelledSetFiles(root: string): string[] {
  return readdirSync(join(root, "test", "labelled"))
    .filter((name) => /^set-[a-z]+\.jsonl$/.test(name))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `test/labelled/${name}`);
}
