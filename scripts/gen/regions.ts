/**
 * Marked regions of a markdown file, filled by a generator. A region is
 *
 *     <!-- gen:name -->…<!-- /gen:name -->
 *
 * either inside a line (the filling is inline text) or with each marker on a line of its own
 * (the filling is a block of lines). Everything between the markers is replaced; everything
 * else in the file is left as it is.
 */

const REGION = /<!-- gen:([a-z0-9-]+) -->([\s\S]*?)<!-- \/gen:\1 -->/g;

/** The names of the regions of a markdown text, in order. */
export function regionNames(markdown: string): string[] {
  return [...markdown.matchAll(REGION)].map((m) => m[1] ?? "");
}

/**
 * Fills every region of `markdown` with `fill(name)`.
 *
 * @param markdown - the file's text
 * @param file - the file's path, for errors
 * @param fill - the text of a region by name (without the markers)
 * @returns the text with every region filled
 * @throws Error naming the file and region when a region has no filling, or a start marker
 *   has no end
 */
export function fillRegions(
  markdown: string,
  file: string,
  fill: (name: string) => string | undefined,
): string {
  const starts = [...markdown.matchAll(/<!-- gen:([a-z0-9-]+) -->/g)].map((m) => m[1]);
  const names = regionNames(markdown);
  const unclosed = starts.filter((name) => !names.includes(name ?? ""));
  if (unclosed.length > 0) {
    throw new Error(`${file}: <!-- gen:${unclosed[0]} --> has no <!-- /gen:${unclosed[0]} -->`);
  }
  return markdown.replace(REGION, (_whole, name: string, inner: string) => {
    const text = fill(name);
    if (text === undefined) throw new Error(`${file}: no generator fills the region "${name}"`);
    const block = inner.startsWith("\n");
    const body = block ? `\n${text.replace(/\n+$/, "")}\n` : text;
    return `<!-- gen:${name} -->${body}<!-- /gen:${name} -->`;
  });
}

/**
 * The text inside each region of a markdown text, by name.
 *
 * @param markdown - the file's text
 * @returns region name → the text between its markers (a name used twice keeps the last)
 */
export function regionTexts(markdown: string): Map<string, string> {
  return new Map([...markdown.matchAll(REGION)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}

/**
 * The markdown text with the named regions emptied, markers kept, to compare the rest.
 *
 * @param markdown - the file's text
 * @param names - the regions to empty
 * @returns the text with those regions' contents removed
 */
export function withoutRegions(markdown: string, names: readonly string[]): string {
  return markdown.replace(REGION, (whole, name: string) =>
    names.includes(name) ? `<!-- gen:${name} --><!-- /gen:${name} -->` : whole,
  );
}
