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

/**
 * The page as html-dom.ts reads it, and the doubts about its encoding. A UTF-8 page (nearly
 * every one) is not decoded: `text` is its bytes as latin1 (`utf8` true; one character per byte,
 * so the markup reads the same), and the reader decodes only the text it keeps. Decoding a whole
 * 100 KB page costs more than reading it. Any other encoding is decoded whole (`utf8` false).
 */
export interface HtmlSource {
  text: string;
  utf8: boolean;
  encoding: string;
  warnings: Warning[];
}

/** The page's encoding decided (see the module comment for the order of evidence). */
export function htmlSource(bytes: Uint8Array): HtmlSource {
  const bom = detectBom(bytes);
  if (bom?.encoding === 'utf-8' && isUtf8(bytes.subarray(3))) return utf8(bytes.subarray(3), []);
  if (bom) return decoded(bytes.subarray(bom.length), bom.encoding, []);

  const declared = declaredCharset(bytes);
  const valid = isUtf8(bytes);
  if (declared && !isUtf8Label(declared)) {
    const encoding = canonicalEncoding(declared);
    if (valid && hasNonAscii(bytes)) {
      return utf8(bytes, [warning('html.charset-conflict', `网页声明编码为 ${declared}，但内容是有效的 UTF-8，已按 UTF-8 读取。`)]);
    }
    if (encoding) return decoded(bytes, encoding, []);
    const warnings = [warning('html.charset-unknown', `不认识网页声明的编码 ${declared}，已按${valid ? ' UTF-8' : ' GB18030'} 读取。`)];
    return valid ? utf8(bytes, warnings) : decoded(bytes, 'gb18030', warnings);
  }
  if (valid) return utf8(bytes, []);
  const message = declared
    ? `网页声明编码为 UTF-8，但内容不是有效的 UTF-8，已按 GB18030 读取。`
    : '网页未声明编码且内容不是有效的 UTF-8，已按 GB18030（GBK）读取。';
  return decoded(bytes, 'gb18030', [warning(declared ? 'html.charset-conflict' : 'html.charset-guessed', message)]);
}

function utf8(bytes: Uint8Array, warnings: Warning[]): HtmlSource {
  return { text: asBuffer(bytes).toString('latin1'), utf8: true, encoding: 'utf-8', warnings };
}

function decoded(bytes: Uint8Array, encoding: string, warnings: Warning[]): HtmlSource {
  return { text: iconv.decode(asBuffer(bytes), encoding), utf8: false, encoding, warnings };
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
