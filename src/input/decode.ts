import { isInstance } from "../errors/guard-error.js";
import { InputError } from "../errors/input-error.js";
import { wrongKind } from "../errors/unreadable.js";

/**
 * Text from a file's bytes as editors save it: UTF-8 with or without a byte order mark (Excel
 * and Notepad write one; JSON.parse refuses it), or UTF-16 with its mark (PowerShell's `>`
 * writes UTF-16LE), decoded. UTF-16 without a mark is refused by name rather than read as
 * UTF-8 full of NUL characters.
 *
 * @param bytes - the file's content
 * @returns the text, without its byte order mark
 * @throws {InputError} (subject `text`) for UTF-16 without a byte order mark, saying so, and
 *   for anything but bytes (code `invalid_type`)
 * @example decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])) // "{}"
 */
export function decodeText(bytes: Uint8Array): string {
  // A Buffer is a Uint8Array; a revoked proxy or an array of numbers is not bytes.
  if (!isInstance(bytes, Uint8Array)) throw wrongKind("bytes", "a Uint8Array (or a Buffer)");
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0)) {
    throw new InputError(
      [
        {
          path: "",
          code: "utf16_without_bom",
          message:
            "the file looks like UTF-16 without a byte order mark: save it as UTF-8 (or UTF-16 with a byte order mark)",
        },
      ],
      "text",
    );
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
