const reserved = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name made from a task id: letters, digits, `.`, `_` and `-` only, no leading dot or
 * dash, at most 120 characters, never a name Windows reserves. Ids come from task data, so
 * `../../etc/passwd` or `a/b` must not become paths.
 *
 * @param id - a task id
 * @returns a safe file name stem (no extension)
 * @example safeFileName("RZH/DN/2026/0042") // "RZH_DN_2026_0042"
 * @example safeFileName("../../etc/passwd") // "etc_passwd"
 */
export function safeFileName(id: string): string {
  let name = id
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^[._-]+/, "")
    .replace(/[._-]+$/, "")
    .slice(0, 120);
  if (name === "") name = "task";
  if (reserved.test(name.split(".")[0] ?? "")) name = `_${name}`;
  return name;
}

/**
 * Hands out file names in one folder without collisions, case-insensitively (macOS and
 * Windows): the second task whose id sanitises to `a_b` gets `a_b-2`.
 */
export class FileNames {
  readonly #used = new Set<string>();

  /**
   * @param id - a task id
   * @param extension - e.g. `.txt`
   * @returns a file name unique in this folder
   * @example names.next("a/b", ".txt") // "a_b.txt", then "a_b-2.txt" for "a b"
   */
  next(id: string, extension: string): string {
    const stem = safeFileName(id);
    let name = `${stem}${extension}`;
    for (let n = 2; this.#used.has(name.toLowerCase()); n++) name = `${stem}-${n}${extension}`;
    this.#used.add(name.toLowerCase());
    return name;
  }
}
