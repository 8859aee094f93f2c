/**
 * Text and attributes of the HTML reader: UTF-8 decoding of text, character references,
 * attribute values, and whether attributes hide their element.
 */
import { TextNode } from 'node-html-parser';

/**
 * A first, cheap look for hiding in a tag's raw attributes: only a tag that passes it has its
 * attributes parsed (isHidden). Word pages write `border:none` on nearly every cell, so the
 * look is for the hiding declarations themselves; with a character reference in the attributes
 * the decoded value may differ from the raw one, so then any hint sends it on.
 */
const HIDING_CANDIDATE = /display\s*:\s*none|mso-hide\s*:\s*all|hidden/iu;
const HIDDEN_HINT = /hidden|none|mso-hide/iu;
const HIDDEN_STYLE = /display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden/iu;
/** node-html-parser's attribute syntax, so attributes read as they did. */
const ATTRIBUTE = /([_a-zA-Z()[\]#@$.?:][a-zA-Z0-9\-._:()[\]#]*)(?:\s*=\s*('[^']*'|"[^"]*"|\S+))?/gu;

/**
 * Decodes valid UTF-8 bytes[start, end) into units from `out`; returns the new end of units.
 * A JavaScript loop into a buffer the caller makes one string of: a native Buffer#toString per
 * text cost several times more (V8's decoder costs ~9 ns per non-ASCII byte on the project's
 * machines, and each call has its own overhead).
 */
export function decodeUtf8Into(bytes: Uint8Array, start: number, end: number, units: Uint16Array, out: number): number {
  let o = out;
  for (let i = start; i < end; i += 1) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      units[o++] = b;
    } else if (b < 0xe0) {
      units[o++] = ((b & 0x1f) << 6) | ((bytes[++i] as number) & 0x3f);
    } else if (b < 0xf0) {
      units[o++] = ((b & 0x0f) << 12) | (((bytes[++i] as number) & 0x3f) << 6) | ((bytes[++i] as number) & 0x3f);
    } else {
      const cp = ((b & 0x07) << 18) | (((bytes[++i] as number) & 0x3f) << 12) | (((bytes[++i] as number) & 0x3f) << 6) | ((bytes[++i] as number) & 0x3f);
      units[o++] = 0xd7c0 + (cp >> 10);
      units[o++] = 0xdc00 | (cp & 0x3ff);
    }
  }
  return o;
}

/** html[start, end) is only spaces, tabs and line breaks. */
export function isSpaceRun(html: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const c = html.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/** The attributes hide their element (display:none, mso-hide:all, visibility:hidden, hidden). */
export function hiddenBy(attrs: string): boolean {
  return attrs.length > 6 && looksHidden(attrs) && isHidden(attrs);
}

/** Whether the raw attributes may hide the element (isHidden decides). */
function looksHidden(attrs: string): boolean {
  return HIDING_CANDIDATE.test(attrs) || (attrs.includes('&') && HIDDEN_HINT.test(attrs));
}

function isHidden(attrs: string): boolean {
  const style = attribute(attrs, 'style');
  return (style !== undefined && HIDDEN_STYLE.test(style)) || attribute(attrs, 'hidden') !== undefined;
}

/** The references pages use all the time, decoded here; anything else goes to the full decoder. */
const COMMON_ENTITY = /&(?:#(\d{1,5})|#[xX]([0-9a-fA-F]{1,4})|(nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|emsp|ensp));/gu;
const NAMED_ENTITY: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018',
  rsquo: '\u2019', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', middot: '\u00b7', emsp: '\u2003', ensp: '\u2002',
};
/** Sentinel for a reference the fast path does not decode exactly as HTML5 does (C1 controls, NUL, surrogates). */
const UNHANDLED = '\u0000';

function decodeCommon(whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string {
  if (name !== undefined) return NAMED_ENTITY[name] ?? UNHANDLED;
  const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
  const plain = (code >= 0x20 && code < 0x7f) || code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0xa0 && code < 0xd800) || (code >= 0xe000 && code <= 0xfffd);
  return plain ? String.fromCharCode(code) : UNHANDLED;
}

/**
 * HTML5 character references. The common ones are replaced directly; a string with any other
 * (legacy ones without ';', rare names, C1 or out-of-range numbers) goes whole through the
 * `entities` decoder that node-html-parser bundles (no DOM is built).
 */
export function decodeEntities(raw: string): string {
  if (!raw.includes(UNHANDLED)) {
    // Nearly every reference in a report page is &nbsp;: a plain replaceAll, not a callback per match.
    const spaces = raw.replaceAll('&nbsp;', '\u00a0');
    if (!spaces.includes('&')) return spaces;
    const fast = raw.replace(COMMON_ENTITY, decodeCommon);
    if (!fast.includes('&') && !fast.includes(UNHANDLED)) return fast;
  }
  return new TextNode(raw, null).text;
}

/** An attribute's decoded value ('' when it has no value), undefined when absent. Names are case-insensitive. */
export function attribute(attrs: string, name: string): string | undefined {
  if (attrs === '') return undefined;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attrs); m !== null; m = ATTRIBUTE.exec(attrs)) {
    if ((m[1] ?? '').toLowerCase() !== name) continue;
    const value = m[2] ?? '';
    const unquoted = value[0] === '"' || value[0] === "'" ? value.slice(1, -1) : value;
    return unquoted.includes('&') ? decodeEntities(unquoted) : unquoted;
  }
  return undefined;
}
