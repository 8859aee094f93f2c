/**
 * Decodes the bytes of a saved web page. Chinese government sites still serve GB2312/GBK,
 * and crawlers often re-save a page as UTF-8 while keeping its old <meta charset=gb2312>.
 *
 * Order: byte-order mark; then the declared charset (<meta charset> or http-equiv content);
 * a declared GBK-family charset loses to bytes that are valid UTF-8 with non-ASCII text (the
 * re-saved page), a declared UTF-8 loses to bytes that are not valid UTF-8; with no
 * declaration, UTF-8 if valid, else GB18030 (a superset of GB2312 and GBK). Every override
 * or guess is a warning.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { SourceDocument } from '../../source.ts';

type Warning = SourceDocument['warnings'][number];

/** The decoded page and the doubts about its encoding. */
export interface DecodedHtml {
  text: string;
  encoding: string;
  warnings: Warning[];
}

/**
 * The page as the markup reader (html-markup.ts) reads it. For UTF-8 (nearly every page) nothing is decoded up
 * front: `text` is the bytes as latin1 (one char per byte, so markup reads the same and byte
 * offsets are string offsets) and `utf8` holds the bytes, from which the HTML reader decodes only
 * the text and the few attributes it keeps. Decoding a whole 100 KB page costs more than
 * reading it. Other encodings are decoded whole (`utf8` undefined), and html-dom.ts's
 * readHtmlString gives the scanner that text as UTF-8 bytes.
 */
export interface HtmlSource {
  text: string;
  utf8?: Buffer;
  encoding: string;
  warnings: Warning[];
}

/** The page's encoding decided (see the module comment for the order of evidence), ready for html-markup.ts. */
export function htmlSource(bytes: Uint8Array): HtmlSource {
  const bom = detectBom(bytes);
  if (bom?.encoding === 'utf-8' && isUtf8(bytes.subarray(3))) return lazyUtf8(bytes.subarray(3), []);
  if (bom) return { text: iconv.decode(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, warnings: [] };

  const declared = declaredCharset(bytes);
  const utf8 = isUtf8(bytes);
  if (declared && !isUtf8Label(declared)) {
    const encoding = canonicalEncoding(declared);
    if (utf8 && hasNonAscii(bytes)) {
      return lazyUtf8(bytes, [warning('html.charset-conflict', `网页声明编码为 ${declared}，但内容是有效的 UTF-8，已按 UTF-8 读取。`)]);
    }
    if (encoding) return { text: iconv.decode(bytes, encoding), encoding, warnings: [] };
    const warnings = [warning('html.charset-unknown', `不认识网页声明的编码 ${declared}，已按${utf8 ? ' UTF-8' : ' GB18030'} 读取。`)];
    return utf8 ? lazyUtf8(bytes, warnings) : { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030', warnings };
  }
  if (utf8) return lazyUtf8(bytes, []);
  const message = declared
    ? `网页声明编码为 UTF-8，但内容不是有效的 UTF-8，已按 GB18030 读取。`
    : '网页未声明编码且内容不是有效的 UTF-8，已按 GB18030（GBK）读取。';
  return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030', warnings: [warning(declared ? 'html.charset-conflict' : 'html.charset-guessed', message)] };
}

/** Decodes HTML bytes to a string (see the module comment for the order of evidence). */
export function decodeHtmlBytes(bytes: Uint8Array): DecodedHtml {
  const source = htmlSource(bytes);
  return { text: source.utf8 ? source.utf8.toString('utf8') : source.text, encoding: source.encoding, warnings: source.warnings };
}

function lazyUtf8(bytes: Uint8Array, warnings: Warning[]): HtmlSource {
  const buffer = asBuffer(bytes);
  return { text: buffer.toString('latin1'), utf8: buffer, encoding: 'utf-8', warnings };
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return /[\x80-\xff]/u.test(asBuffer(bytes).toString('latin1'));
}

function warning(code: string, message: string): Warning {
  return { code, message };
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** The charset named in the first 4 KiB: <meta charset="…"> or <meta http-equiv … content="…; charset=…">. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = asBuffer(bytes).toString('latin1', 0, Math.min(bytes.length, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(head);
  return m?.[1]?.toLowerCase();
}

function isUtf8Label(label: string): boolean {
  return label === 'utf-8' || label === 'utf8' || label === 'unicode-1-1-utf-8';
}

/** iconv-lite's name for a declared charset; the GB family all decode as GB18030 (their superset). */
function canonicalEncoding(label: string): string | undefined {
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312|csgb2312|chinese|iso-ir-58)$/u.test(label)) return 'gb18030';
  return iconv.encodingExists(label) ? label : undefined;
}

/** A Buffer view of the same memory (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
