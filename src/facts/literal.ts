/**
 * A text as a regular expression source that matches exactly that text: every character that
 * means something in a pattern is escaped (`.`, `*`, `/`, `-` and the rest).
 *
 * @example new RegExp(literal("ug/l")).test("3.8 ug/l") // true
 */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
