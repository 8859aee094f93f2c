/**
 * Text extraction does not need the font programs embedded in a PDF: the text comes from each
 * font's /ToUnicode CMap and the advances from its /W or /Widths arrays, both in the font
 * dictionaries. pdf.js still inflates, parses and sanitises every embedded font (hongze-2024.pdf
 * carries ~1 MB of TrueType: half of its reading time). So, when every font has a ToUnicode
 * map, the /FontFile, /FontFile2 and /FontFile3 keys are renamed in a copy of the bytes
 * (same length, so the cross-reference offsets stay right) and pdf.js never sees the programs.
 *
 * Gate: the copy is made only when every font program is TrueType (/FontFile2) and the file
 * shows at least as many /ToUnicode keys as font programs. A font without ToUnicode needs its
 * program to map codes to text; so does a Type1 or CFF program (/FontFile, /FontFile3) with
 * its built-in encoding: LibreOffice's PDF export writes CJK text in such subsets without an
 * /Encoding, and with the program hidden pdf.js dropped most characters. Then the file is read
 * as it is. Dictionaries inside compressed object streams are not seen (and not
 * changed): such files are simply read as they are.
 */

const FONT_FILE = Buffer.from('/FontFile', 'latin1');
const TO_UNICODE = Buffer.from('/ToUnicode', 'latin1');
/** Same length as '/FontFile': an unknown key, which pdf.js ignores. */
const RENAMED = Buffer.from('/FontFilX', 'latin1');

/** A copy of the bytes for pdf.js (which may detach the buffer it is given), font programs hidden when safe. */
export function bytesForTextExtraction(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.from(bytes);
  const fontFiles = positions(copy, FONT_FILE);
  const onlyTrueType = fontFiles.every((at) => copy[at + FONT_FILE.length] === 0x32);
  if (fontFiles.length === 0 || !onlyTrueType || count(copy, TO_UNICODE) < fontFiles.length) return new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength);
  for (const at of fontFiles) RENAMED.copy(copy, at);
  return new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength);
}

/** Where `needle` occurs as a PDF name (followed by a delimiter, a digit or whitespace). */
function positions(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    const next = haystack[at + needle.length] ?? 0x20;
    // /FontFile, /FontFile2, /FontFile3 followed by whitespace or a reference: not /FontFileFoo.
    if (next === 0x32 || next === 0x33 || next === 0x20 || next === 0x0a || next === 0x0d || next === 0x09 || next === 0x2f || next === 0x5b || next === 0x3c) found.push(at);
  }
  return found;
}

function count(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n += 1;
  return n;
}
