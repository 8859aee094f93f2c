/**
 * One cell's text → tokens: the numbers printed in it (with a unit such as 万元 right after) and
 * the label text around them. Runs for every cell of every report, so it scans characters
 * instead of running regexes, with the same results as the patterns named in the comments.
 */
import { CELL_MAY_HAVE_DIGIT, CELL_MAY_HAVE_SPACE, CELL_UNKNOWN } from '../source.ts';
import type { Token } from './tokens.ts';

const WHITESPACE = /[\s\u00a0\u3000\u200b]+/g;

/** The characters JavaScript's `\s` and `trim()` treat as whitespace. */
function isSpace(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** An ASCII digit (`\d`). */
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whitespace removed, as `normalizeText` does to a string already in NFKC; most pieces have none. */
export function stripWhitespace(s: string): string {
  return HAS_WHITESPACE.test(s) ? s.replace(WHITESPACE, '') : s;
}

const HAS_WHITESPACE = /[\s\u200b]/;

/** True when `s` is empty or only whitespace (as `s.trim() === ''`). */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** `/^[-—–―－‐/／\\]+$/`: a cell of dashes or slashes (read as null). */
function isDashCell(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x2d && c !== 0x2014 && c !== 0x2013 && c !== 0x2015 && c !== 0xff0d && c !== 0x2010 && c !== 0x2f && c !== 0xff0f && c !== 0x5c) return false;
  }
  return s.length > 0;
}

/** `/^\d+$/` (a table's count), checked without a regex call and its match array. */
function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return s.length > 0;
}

/** `/^[+-]\d+$/`: a signed count (本年增/减). */
function isSignedCell(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c !== 43 && c !== 45) || s.length < 2) return false;
  for (let i = 1; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

// Regexes, not character loops: native matching is fast before the JIT has warmed up too.
const NUMBER = /\d+(?:\.\d+)?/g;

/** End of the number found by the last `nextNumber` call. */
let numberEnd = 0;

/** Start of the next `/\d+(?:\.\d+)?/` at or after `from` (its end in `numberEnd`), or -1. */
function nextNumber(s: string, from: number): number {
  NUMBER.lastIndex = from;
  const m = NUMBER.exec(s);
  if (m === null) return -1;
  numberEnd = m.index + m[0].length;
  return m.index;
}

/** A unit printed at `at` (元, 万元, 亿元), or ''. Checked by its first character: most numbers have none. */
function unitAt(s: string, at: number): string {
  // Bounds checked first: reading past the end deoptimises the JIT's code.
  if (at >= s.length) return '';
  const c = s.charCodeAt(at);
  if (c === 0x5143) return '元';
  if (c === 0x4e07) return s.startsWith('万元', at) ? '万元' : '';
  if (c === 0x4ebf) return s.startsWith('亿元', at) ? '亿元' : '';
  return '';
}

/**
 * A sub-item number ("2." / "2、") that starts the next label: "00000002.其他法律…" in crawler
 * text — the mark at `at` is '.' or '、' and no digit follows it.
 */
function itemPrefixAt(s: string, at: number): boolean {
  if (at >= s.length) return false;
  const c = s.charCodeAt(at);
  return (c === 46 || c === 0x3001) && (at + 1 >= s.length || !isDigit(s.charCodeAt(at + 1)));
}

/** Pushes a text token unless `text` is empty once whitespace is removed; `spaced`: the cell may have whitespace. */
function pushText(text: string, spaced: boolean, line: number, out: Token[]): void {
  const t = spaced ? stripWhitespace(text) : text;
  if (t !== '') out.push({ kind: 'text', text: t, line });
}

/**
 * Splits one cell's text (NFKC, trimmed) into text and number tokens (numbers keep their decimal
 * point). `facts` (CELL_MAY_HAVE_* bits of source.ts, from the scan that checked the cell's NFKC form) spares the
 * searches for digits and whitespace in the many cells that have none.
 */
export function tokenizeCell(norm: string, line: number, tableRow: boolean, out: Token[], facts = CELL_UNKNOWN): void {
  if (norm === '') {
    if (tableRow) out.push({ kind: 'value', value: 'blank', raw: '', unit: '', line, separated: true, tableRow });
    return;
  }
  const spaced = (facts & CELL_MAY_HAVE_SPACE) !== 0;
  const digits = (facts & CELL_MAY_HAVE_DIGIT) !== 0;
  if (digits && isDigits(norm)) {
    // Only digits (most cells of a table): one number, as the general loop below reads it.
    out.push({ kind: 'value', value: 'num', raw: norm, unit: '', line, separated: true, tableRow });
    return;
  }
  const first = digits ? nextNumber(norm, 0) : -1;
  if (first < 0) {
    // No digit: a label, or a dash cell (a signed count has digits).
    if (isDashCell(norm)) out.push({ kind: 'value', value: 'dash', raw: '', unit: '', line, separated: true, tableRow });
    else pushText(norm, spaced, line, out);
    return;
  }
  if (isSignedCell(norm)) {
    out.push({ kind: 'value', value: 'num', raw: norm, unit: '', line, separated: true, tableRow });
    return;
  }
  splitCell(norm, first, spaced, line, tableRow, out);
}

/** The general case of `tokenizeCell`: numbers and text interleaved; `first` is where the first number starts. */
function splitCell(norm: string, first: number, spaced: boolean, line: number, tableRow: boolean, out: Token[]): void {
  let last = 0;
  let text = '';
  /** The pending text starts right after a number. */
  let glued = false;
  for (let at = first; at >= 0; at = nextNumber(norm, numberEnd)) {
    let before = norm.slice(last, at);
    let end = numberEnd;
    let digits = norm.slice(at, end);
    let unit = '';
    if (!digits.includes('.') && itemPrefixAt(norm, end)) {
      // The last digit numbers the following label ("…00000002.其他法律…"): it is label text.
      digits = digits.slice(0, -1);
      end -= 1;
    } else {
      unit = unitAt(norm, end);
    }
    // An item number ("2." of the next label) ends the dashes before it as the cell's end does.
    if (text === '') glued = last > 0;
    if (spaced && glued) before = dashCellsAhead(before, digits === '', line, tableRow, out);
    text += before;
    text = dashesInText(text, glued, digits === '', spaced, line, tableRow, out);
    if (text !== norm.slice(last, at)) glued = false;
    if (digits === '') {
      last = at;
      continue;
    }
    // A value is separated when it starts the cell or whitespace precedes it.
    const separated = at === 0 || (before !== '' && isSpace(before.charCodeAt(before.length - 1))) || (last === 0 && isBlank(text));
    pushText(text, spaced, line, out);
    text = '';
    out.push({ kind: 'value', value: 'num', raw: digits, unit, line, separated, tableRow });
    last = end + unit.length;
    numberEnd = last;
  }
  let tail = norm.slice(last);
  if (text === '') glued = last > 0;
  if (spaced && glued) tail = dashCellsAhead(tail, true, line, tableRow, out);
  text += tail;
  text = dashesInText(text, glued, true, spaced, line, tableRow, out);
  pushText(text, spaced, line, out);
}

/**
 * Blank cells printed as dashes right after a number (crawler text `821 35 / / 2 1 859`,
 * `3 / / /（二）…`): pushes a dash value per whitespace-separated single dash at the start of
 * `text`, and returns the rest of `text`. `//` or `——` run together could be one cell or several,
 * and a dash right before a number may be its sign: both stay text.
 */
function dashCellsAhead(text: string, atEnd: boolean, line: number, tableRow: boolean, out: Token[]): string {
  const m = (atEnd ? DASH_CELLS_AT_END : DASH_CELLS_AHEAD).exec(text);
  if (!m) return text;
  for (const piece of m[0].split(/\s+/)) {
    if (piece !== '') out.push({ kind: 'value', value: 'dash', raw: '', unit: '', line, separated: true, tableRow });
  }
  return text.slice(m[0].length);
}

/** Dash or slash characters that print a blank cell (`isDashCell`), one character each. */
const DASH = '[-—–―－‐/／\\\\]';
/**
 * After a number: single dashes, each after whitespace, up to whitespace or a label (`3 / /（二）…`);
 * not one right before the next number (its sign) or glued to another dash (`//`). The cell's end
 * counts as whitespace only for its tail (`atEnd`).
 */
const DASH_CELLS_AHEAD = new RegExp(`^(?:\\s+${DASH})+(?=\\s|[^-—–―－‐/／\\\\\\d\\s.])`);
const DASH_CELLS_AT_END = new RegExp(`^(?:\\s+${DASH})+(?=\\s|$|[^-—–―－‐/／\\\\\\d\\s.])`);


/**
 * A block of two or more single dashes, each after whitespace but the first, which may be glued
 * to the label before it: the blank cells of a row printed after its label (crawler text
 * `禁止公开/ / / / / / /3.危及…`, `权益 / / / / / / /5.属于…`). No template label ends with a dash.
 * Not a dash glued to another dash (`//`: one cell or several) or to a digit before it (a date,
 * `2021/`); the block ends at whitespace, a label, or where `atEnd` says the text ends at a
 * boundary (the cell's end, the item number of the next label) — not right before a number (its sign).
 */
const DASH_BLOCK = new RegExp(`(?<![-—–―－‐/／\\\\\\d])${DASH}(?:\\s+${DASH})+(?=\\s|$|[^-—–―－‐/／\\\\\\s])`, 'g');

/**
 * Pushes the text before each dash block of `text` (see `DASH_BLOCK`) and a dash value per dash
 * of the block; returns the text after the last block (still pending). A block at the very end of
 * `text` counts only when `atEnd`; one at its start not when `afterNumber` (the text follows a number directly).
 */
function dashBlocks(text: string, afterNumber: boolean, atEnd: boolean, line: number, tableRow: boolean, out: Token[]): string {
  if (text.length < 3) return text;
  DASH_BLOCK.lastIndex = 0;
  let last = 0;
  for (let m = DASH_BLOCK.exec(text); m !== null; m = DASH_BLOCK.exec(text)) {
    const end = m.index + m[0].length;
    if (m.index === 0 && afterNumber) continue; // glued to the number before it (`2021/ /`)
    if (end === text.length && !atEnd) break;
    // A block glued to digits after it is a number's sign (`/ / -3`) or an item number ("2."): only the latter ends it.
    pushText(text.slice(last, m.index), true, line, out);
    for (const piece of m[0].split(/\s+/)) {
      if (piece !== '') out.push({ kind: 'value', value: 'dash', raw: '', unit: '', line, separated: true, tableRow });
    }
    last = end;
  }
  return last === 0 ? text : text.slice(last);
}

/**
 * The blank cells printed in a piece of label text (see `dashBlocks` and `slashRuns`); returns the
 * text still pending. `glued`: the text starts right after a number; `atEnd`: it ends at the
 * cell's end or an item number, not right before a number.
 */
function dashesInText(text: string, glued: boolean, atEnd: boolean, spaced: boolean, line: number, tableRow: boolean, out: Token[]): string {
  if (spaced) {
    const rest = dashBlocks(text, glued, atEnd, line, tableRow, out);
    if (rest !== text) return slashRuns(rest, false, atEnd, line, tableRow, out);
  }
  return slashRuns(text, glued, atEnd, line, tableRow, out);
}

const SLASH_RUN = /[/／]+/g;

/** What is printed beside a run of slashes. */
const EDGE = 0; // whitespace, or the cell's (or the text's) edge
const NUMBER_SIDE = 1; // a number, directly
const LABEL = 2; // label text
const NOT_CELLS = 3; // another dash, an ASCII letter or ':' (`http://`, `km/h`): not blank cells

function sideOf(code: number): number {
  if (isSpace(code)) return EDGE;
  if (code === 0x2d || code === 0x2014 || code === 0x2013 || code === 0x2015 || code === 0xff0d || code === 0x2010 || code === 0x5c) return NOT_CELLS;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 58 || code === 0xff1a) return NOT_CELLS;
  return LABEL;
}

/**
 * Slashes run together print blank cells in crawler text (`26/////26`, `82135//21859`,
 * `禁止公开 /////// 3.危及`, `25812//11/ （二）`): each run a dash value whose `raw` keeps the
 * run (one cell per slash as printed, but `readRow` also weighs fewer). A run between two numbers
 * or beside a label needs two slashes or more (`1/2`, `和/或` stay text); one slash is a cell glued
 * after a number (not before another: `1/2`), or after whitespace that follows another dash cell.
 */
function slashRuns(text: string, glued: boolean, atEnd: boolean, line: number, tableRow: boolean, out: Token[]): string {
  if (!text.includes('/') && !text.includes('／')) return text;
  SLASH_RUN.lastIndex = 0;
  let last = 0;
  for (let m = SLASH_RUN.exec(text); m !== null; m = SLASH_RUN.exec(text)) {
    const at = m.index;
    const end = at + m[0].length;
    const left = at === 0 ? (glued ? NUMBER_SIDE : EDGE) : sideOf(text.charCodeAt(at - 1));
    const right = end === text.length ? (atEnd ? EDGE : NUMBER_SIDE) : sideOf(text.charCodeAt(end));
    if (left === NOT_CELLS || right === NOT_CELLS) continue;
    // One slash is a cell glued after a number, or after whitespace that follows another dash cell (`102 // // /（四）`).
    const continues = left === EDGE && isBlank(text.slice(last, at)) && out[out.length - 1]?.kind === 'value' && (out[out.length - 1] as { value: string }).value === 'dash';
    if (m[0].length < 2 && !(left === NUMBER_SIDE && right !== NUMBER_SIDE) && !continues) continue;
    pushText(text.slice(last, at), true, line, out);
    out.push({ kind: 'value', value: 'dash', raw: m[0].length > 1 ? m[0] : '', unit: '', line, separated: left === EDGE, tableRow });
    last = end;
  }
  return last === 0 ? text : text.slice(last);
}
