/**
 * Bytes → text for the text-based forms (txt, md, crawler text, and sniffing): UTF-8 (BOM
 * dropped), or GB18030 when the bytes are not valid UTF-8 (older government sites and tools).
 */
import { Buffer, isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

// Decoders are stateless between non-streaming calls: built once, not per file.
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');
const UTF8_LENIENT = new TextDecoder('utf-8');

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Valid UTF-8 → string. ICU's transcoder to UTF-16 is several times faster on CJK text than
 * TextDecoder or Buffer#toString in Node 20, and gives the same string for valid input. Like
 * TextDecoder, a BOM at the start of `body` is dropped.
 */
function utf8(body: Uint8Array): string {
  const text = body.length === 0 ? '' : transcode(asBuffer(body), 'utf8', 'utf16le').toString('utf16le');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes a text file, trying UTF-8 first. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: UTF16LE.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: UTF16BE.decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { text: utf8(body), encoding: 'utf-8' };
  return { text: iconv.decode(asBuffer(body), 'gb18030'), encoding: 'gb18030' };
}

/** Length of the UTF-8 sequence a lead byte starts (0 for a continuation or invalid byte). */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/**
 * UTF-8 with every malformed sequence as U+FFFD, exactly as `new TextDecoder('utf-8').decode`
 * (used to sniff the first kilobytes of a file, which may end inside a character). The usual
 * case (valid text, maybe cut inside its last character) takes the fast path.
 */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return utf8(bytes);
  let lead = bytes.length - 1;
  while (lead > 0 && lead > bytes.length - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  const cut = lead >= 0 && sequenceLength(bytes[lead]!) > bytes.length - lead;
  // A cut sequence is one U+FFFD when its bytes are a valid beginning; the tail alone says which.
  if (cut && isUtf8(bytes.subarray(0, lead)) && UTF8_LENIENT.decode(bytes.subarray(lead)) === '\uFFFD') {
    return utf8(bytes.subarray(0, lead)) + '\uFFFD';
  }
  return UTF8_LENIENT.decode(bytes);
}

const BOM = [0xef, 0xbb, 0xbf] as const;
const ENCODER = new TextEncoder();

function bomAt(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === BOM[0] && bytes[at + 1] === BOM[1] && bytes[at + 2] === BOM[2];
}

/**
 * The first `limit` bytes of a file as text, for sniffing its form: exactly
 * `decodeUtf8Lenient(bytes.subarray(0, limit))` with a second BOM dropped. Given the whole file
 * already decoded as UTF-8 (`decodeText`), it is cut out of that text instead of decoded again:
 * the characters that fit in `limit` bytes, and U+FFFD for one cut by the limit.
 */
export function sniffHead(bytes: Uint8Array, limit: number, decoded?: DecodedText): string {
  const lenient = (): string => decodeUtf8Lenient(bytes.subarray(0, limit)).replace(/^\uFEFF/, '');
  if (decoded?.encoding !== 'utf-8') return lenient();
  if (bytes.length <= limit) return decoded.text;
  // decodeText dropped a BOM in bytes and one more at the start of the text, as this sniffing does.
  const first = bomAt(bytes, 0);
  const dropped = (first ? 3 : 0) + (bomAt(bytes, first ? 3 : 0) ? 3 : 0);
  const room = limit - dropped;
  if (room < 0) return lenient();
  const { read, written } = ENCODER.encodeInto(decoded.text, new Uint8Array(room));
  return decoded.text.slice(0, read) + (read < decoded.text.length && written < room ? '\uFFFD' : '');
}
