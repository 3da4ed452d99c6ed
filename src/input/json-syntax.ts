import { isInstance } from "../errors/guard-error.js";
import { wrongKind } from "../errors/unreadable.js";

/**
 * What kind of JSON syntax error V8 reported, and where, in words of our own: V8 quotes the
 * text around the error (`Unexpected token 'J', ..."body": Jane Smith"... is not valid JSON`),
 * and that text may hold a name or an NHS number, so none of its message is passed on.
 *
 * @param cause - the error `JSON.parse` threw
 * @param text - the text it was given, to turn V8's position into a line and column
 * @returns e.g. "a string that is not closed (line 1, column 8)"
 */
export function jsonSyntaxDetail(cause: unknown, text: string): string {
  if (typeof text !== "string") throw wrongKind("text", "a string");
  // A cause that cannot be read (a revoked proxy, a throwing message getter) says nothing.
  const message = messageOf(cause);
  const kinds: [RegExp, string][] = [
    [/^Unterminated string/, "a string that is not closed"],
    [/^Bad control character/, "a control character (such as a line break or tab) inside a string"],
    [/^Bad escaped character|^Bad Unicode escape/, "a backslash escape that JSON does not have"],
    [/^Unexpected end of JSON input/, "the text ends before the value does"],
    [/^Unexpected non-whitespace character after JSON/, "more text after a complete value"],
    [
      /^Expected double-quoted property name/,
      "a property name that is not in double quotes (or a comma too many)",
    ],
    [/^Expected ',' or '[\]}]'/, "a missing comma or closing bracket"],
    [/^Expected ':'/, "a missing colon after a property name"],
    [/^Unexpected token/, "a character that cannot start or continue a JSON value here"],
  ];
  const kind = kinds.find(([pattern]) => pattern.test(message))?.[1] ?? "a syntax error";
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return kind;
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${kind} (line ${line}, column ${column})`;
}

/** An error's message; "" for anything else, or for a cause that cannot be read (a revoked proxy, a throwing getter). */
function messageOf(cause: unknown): string {
  try {
    return isInstance(cause, Error) ? String(cause.message) : "";
  } catch {
    return "";
  }
}
