import { isInstance } from "../errors/guard-error.js";
import { InputError, isInputError } from "../errors/input-error.js";
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
  if (isInputError(cause) && cause.subject === "json") return cause.issues[0]?.message ?? "";
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
    [
      /^Repeated key/,
      "a key that repeats an earlier key of the same object (which value counts is not for the program to guess)",
    ],
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

/**
 * `JSON.parse`, refusing an object that repeats a key: `JSON.parse` keeps the last value, so
 * `{"urgent": true, "urgent": false}` read as not urgent, as a CSV with a column twice did.
 *
 * @param text - JSON text
 * @returns the value
 * @throws {InputError} (subject `json`, code `invalid_json`) naming the kind of error, its line
 *   and column as `jsonSyntaxDetail` does, never the text; `jsonSyntaxDetail` of it says the same
 * @example parseJson('{"a": 1, "a": 2}') // throws InputError: … a key that repeats an earlier key … (line 1, column 10)
 */
export function parseJson(text: string): unknown {
  if (typeof text !== "string") throw wrongKind("text", "a string");
  try {
    const value: unknown = JSON.parse(text);
    const at = repeatedKeyAt(text);
    if (at !== undefined) throw new SyntaxError(`Repeated key in JSON at position ${at}`);
    return value;
  } catch (cause) {
    const issue = { path: "", code: "invalid_json", message: jsonSyntaxDetail(cause, text) };
    throw new InputError([issue], "json");
  }
}

/** Where valid JSON first repeats a key of the same object, in one pass; undefined if nowhere. */
function repeatedKeyAt(text: string): number | undefined {
  // The keys of each open object, undefined for an open array.
  const open: (Set<string> | undefined)[] = [];
  let atKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const keys = atKey ? open.at(-1) : undefined;
      if (keys !== undefined) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? String(JSON.parse(text.slice(i, end + 1))) : raw;
        if (keys.has(key)) return i;
        keys.add(key);
      }
      atKey = false;
      i = end;
    } else if (c === "{" || c === "[") {
      open.push(c === "{" ? new Set() : undefined);
      atKey = c === "{";
    } else if (c === "}" || c === "]") {
      open.pop();
    } else if (c === ",") {
      atKey = open.at(-1) !== undefined;
    }
  }
  return undefined;
}

/** The index of the quote that closes the JSON string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i;
}
