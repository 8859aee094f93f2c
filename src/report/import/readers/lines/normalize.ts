/**
 * Text normalisation shared by the HTML, DOCX and PDF readers: every cell text of a
 * SourceDocument is NFKC-normalised (full-width digits → ASCII, Kangxi radicals ⾩ → 阜,
 * U+00A0 → space), whitespace-collapsed and trimmed.
 */
import { CELL_MAY_HAVE_DIGIT, CELL_MAY_HAVE_SPACE, CELL_NORMALIZED, CELL_UNKNOWN } from '../../source.ts';
import { unitBuffer, unitsToString } from './utf16-scratch.ts';

/** Han ideographs and CJK punctuation / full-width forms (after NFKC most full-width forms are ASCII). */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;

/** True when the character is a CJK ideograph or CJK punctuation. */
export function isCjkChar(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/**
 * Characters NFKC leaves as they are (checked one by one against String#normalize; none of them
 * composes with another), plus the three NFKC maps one-to-one and readers meet all the time:
 * U+00A0 and U+3000 → space, full-width ASCII U+FF01–FF5E → ASCII. Left out: the ideographic
 * tone marks U+302A–302F, combining marks that NFKC reorders. Text made only of these
 * (nearly all report text) skips String#normalize, which costs ~1 µs per call.
 */
const NFKC_FAST = /^[\x00-\x9f\u00a0\u00b7\u2010\u2012-\u2016\u2018-\u2023\u2027-\u202e\u2030\u25a0-\u25ff\u3000-\u3029\u3030-\u3035\u4e00-\u9fff\uff01-\uff5e]*$/u;
const NFKC_MAPPED = /[\u00a0\u3000\uff01-\uff5e]/u;
const SPACES = /[\s\u200b\ufeff]+/gu;

/** String#normalize('NFKC'), fast for plain CJK and ASCII text (same result). */
export function nfkc(s: string): string {
  if (!NFKC_FAST.test(s)) return s.normalize('NFKC');
  if (!NFKC_MAPPED.test(s)) return s;
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c !== 0xa0 && c !== 0x3000 && (c < 0xff01 || c > 0xff5e)) continue;
    out += s.slice(from, i) + (c === 0xa0 || c === 0x3000 ? ' ' : String.fromCharCode(c - 0xfee0));
    from = i + 1;
  }
  return out + s.slice(from);
}

/**
 * NFKC, whitespace collapsed to one space, trimmed: `s.normalize('NFKC').replace(/[\s\u200b\ufeff]+/gu, ' ').trim()`.
 * Every cell of every document passes here, so text made only of characters of the fast set
 * above is done in one pass that copies nothing when nothing changes; any other character
 * sends the whole text the slow way.
 */
export function normalizeText(s: string): string {
  return normalizeFast(s, false) ?? slowText(nfkc(s).replace(SPACES, ' ').trim());
}

/**
 * The CELL_* bits (source.ts) of the text the last normalizeText or normalizeWebText call
 * returned: exact, with CELL_NORMALIZED, for text the fast pass made; CELL_UNKNOWN for the rest.
 */
export function normalizedFacts(): number {
  return lastFacts;
}

let lastFacts = CELL_UNKNOWN;

/** A text normalised the long way: nothing is known of it. */
function slowText(text: string): string {
  lastFacts = CELL_UNKNOWN;
  return text;
}

/** Web text's line break between two CJK characters (CSS Text 3 segment-break transformation): no space. */
const CJK_SEGMENT_BREAK = /(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])[ \t\r]*\n[ \t\r\n]*(?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])/gu;

/**
 * Text of a web page as a browser shows it, then normalizeText: a run of spaces and line breaks
 * holding a line break between two CJK characters disappears (「本年新\n  收」 → 本年新收),
 * any other run is one space. Equal to `normalizeText(s.replace(CJK_SEGMENT_BREAK, ''))`.
 */
export function normalizeWebText(s: string): string {
  return normalizeFast(s, true) ?? slowWebText(s);
}

/** normalizeWebText the long way (a text with a character outside normalizeUnits's set). */
export function slowWebText(s: string): string {
  return slowText(normalizeText(s.includes('\n') ? s.replace(CJK_SEGMENT_BREAK, '') : s));
}

/**
 * normalizeText's (and with `webBreaks`, normalizeWebText's) single pass;
 * undefined when the text has a character outside the fast set (or, with webBreaks, a line break
 * in a run with other kinds of space), which the caller then does the long way.
 * The text is copied into the scratch buffer of utf16-scratch.ts and normalised there
 * (normalizeUnits); a string is made only when the text changed: Chinese text has a full-width
 * character (，（）：) every few characters, and a string concatenation per change cost twice the
 * whole pass.
 */
function normalizeFast(s: string, webBreaks: boolean): string | undefined {
  const n = s.length;
  const units = unitBuffer(n);
  for (let i = 0; i < n; i += 1) units[i] = s.charCodeAt(i);
  const o = normalizeUnits(units, n, webBreaks, units, 0);
  if (o < 0) return undefined;
  // Most texts are unchanged or only trimmed (a cell's number between line breaks): a slice.
  if (!lastChanged) return lastFirst === 0 && lastLast === n ? s : s.slice(lastFirst, lastLast);
  return unitsToString(units, o);
}

/** What the last normalizeUnits call found: some change other than trimming; the text without its leading and trailing spaces is input[lastFirst, lastLast). */
let lastChanged = false;
let lastFirst = 0;
let lastLast = 0;

/**
 * normalizeText's fast pass (normalizeWebText's with `webBreaks`) over input[0, length), written
 * to out from `at`; returns where the result ends in `out`, or -1 when the text must be done the
 * long way (see normalizeFast). `out` may be `input` itself with `at` 0: the result is never
 * longer than the text and is written behind the reading. Its CELL_* bits are left for
 * normalizedFacts(): the interpreter then need not scan the text again.
 */
export function normalizeUnits(input: Uint16Array, length: number, webBreaks: boolean, out: Uint16Array, at: number): number {
  let o = at;
  /** Some change other than dropping the leading and trailing spaces. */
  let changed = false;
  let started = false;
  let first = 0;
  let last = length;
  let digits = false;
  let spaces = false;
  /** The last character read before a run of spaces is CJK (read before `out` may overwrite it). */
  let previousCjk = false;
  for (let i = 0; i < length; ) {
    const c = input[i] as number;
    const kind = charKind(c);
    if (kind === KEEP) {
      out[o++] = c;
      if (c >= 0x30 && c <= 0x39) digits = true;
      started = true;
      previousCjk = c >= 0x2e80 && isCjkCode(c);
      i += 1;
    } else if (kind === FULL_WIDTH) {
      out[o++] = c - 0xfee0;
      if (c >= 0xff10 && c <= 0xff19) digits = true;
      changed = true;
      started = true;
      previousCjk = true;
      i += 1;
    } else if (kind === SPACE) {
      let end = i;
      let lineBreak = false;
      let plain = true;
      for (; end < length; end += 1) {
        const d = input[end] as number;
        if (charKind(d) !== SPACE) break;
        if (d === 0x0a) lineBreak = true;
        else if (d !== 0x20 && d !== 0x09 && d !== 0x0d) plain = false;
      }
      // A run between text becomes one space; a leading or trailing run goes.
      let space = started && end < length;
      if (webBreaks && lineBreak) {
        if (!plain) return -1;
        if (space && previousCjk && isCjkCode(input[end] as number)) space = false;
      }
      if (space) {
        out[o++] = 0x20;
        spaces = true;
      }
      if (!started) first = end;
      else if (end === length) last = i;
      // Only a single plain space kept as it is leaves the text unchanged.
      else if (!space || end !== i + 1 || c !== 0x20) changed = true;
      i = end;
    } else {
      return -1;
    }
  }
  lastFacts = CELL_NORMALIZED | (digits ? CELL_MAY_HAVE_DIGIT : 0) | (spaces ? CELL_MAY_HAVE_SPACE : 0);
  lastChanged = changed;
  lastFirst = first;
  lastLast = last;
  return o;
}

/** CJK_SEGMENT_BREAK's neighbour class (U+3000–303F lies inside U+2E80–9FFF). */
function isCjkCode(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef);
}

const KEEP = 0;
const SPACE = 1;
const FULL_WIDTH = 2;
const OTHER = 3;

/** How normalizeText's fast pass treats a character (NFKC_FAST's set, split by what NFKC and the collapse do). */
function charKind(c: number): number {
  if (c < 0xa0) return c === 0x20 || (c >= 0x09 && c <= 0x0d) ? SPACE : KEEP;
  if (c >= 0x4e00 && c <= 0x9fff) return KEEP;
  if (c >= 0x3000 && c <= 0x3035) return c === 0x3000 ? SPACE : c >= 0x302a && c <= 0x302f ? OTHER : KEEP;
  if (c >= 0xff01 && c <= 0xff5e) return FULL_WIDTH;
  if (c === 0xa0) return SPACE;
  if (c === 0xb7 || c === 0x2010 || c === 0x2030 || (c >= 0x25a0 && c <= 0x25ff)) return KEEP;
  if ((c >= 0x2012 && c <= 0x2016) || (c >= 0x2018 && c <= 0x2023) || (c >= 0x2027 && c <= 0x202e)) return c === 0x2028 || c === 0x2029 ? SPACE : KEEP;
  return OTHER;
}

/**
 * Like normalizeText, and also drops a space between two CJK characters: Chinese prints no
 * spaces between ideographs, so in a PDF they are justification artefacts (「只计这一情 形」).
 */
export function normalizeCjkText(s: string): string {
  // Before NFKC, while full-width punctuation (「，」) still counts as CJK.
  const joined = s.replace(/(?<=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])[ \t\u00a0\u3000]+(?=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])/gu, '');
  return normalizeText(joined);
}

/**
 * Joins the pieces of one cell that the source broke onto several lines (a <br>, a second <p> in
 * a cell, a wrapped PDF label), left to right: nothing between CJK characters, one space
 * otherwise; empty pieces are skipped. In linear time: folding a two-piece join over them would
 * read the last character of a growing concatenation, and V8 copies the whole concatenation to
 * read it (a cell of 300,000 <br>s took minutes).
 */
export function joinBrokenLines(pieces: readonly string[]): string {
  const parts: string[] = [];
  let last = '';
  for (const piece of pieces) {
    if (piece === '') continue;
    if (last !== '' && !isCjkChar(last.at(-1)) && !isCjkChar(piece[0])) parts.push(' ');
    parts.push(piece);
    last = piece;
  }
  return parts.join('');
}

/**
 * A cell that holds a value rather than a label: a number (with optional sign, separators,
 * decimals, %, a currency unit) or a printed blank mark ('-', '/', '—', '－', '无').
 */
export function isValueText(s: string): boolean {
  const t = nfkc(s).trim();
  return NUMBER.test(t) || BLANK_MARK.test(t);
}

const NUMBER = /^[-+−]?\d[\d,，]*(?:\.\d+)?\s*(?:%|万元|元)?$/u;
const BLANK_MARK = /^[-/—–－─]+$/u;

/** A date written 2024-01-20, 2024/1/20, 2024.1.20 or 2024年1月20日, as YYYY-MM-DD; undefined if invalid. */
export function toIsoDate(s: string): string | undefined {
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/u.exec(nfkc(s));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1990 || y > 2200) return undefined;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
