/**
 * Text from a file's bytes as editors save it: UTF-8 with or without a byte order mark (Excel
 * and Notepad write one; JSON.parse refuses it), or UTF-16 with its mark (PowerShell's `>`
 * writes UTF-16LE), decoded. UTF-16 without a mark is refused by name rather than read as
 * UTF-8 full of NUL characters.
 *
 * @param bytes - the file's content
 * @returns the text, without its byte order mark
 * @throws {Error} for UTF-16 without a byte order mark, saying so
 * @example decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])) // "{}"
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0)) {
    throw new Error(
      "the file looks like UTF-16 without a byte order mark: save it as UTF-8 (or UTF-16 with a byte order mark)",
    );
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
