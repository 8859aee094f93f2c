/**
 * The document as one stream of tokens: label text and value cells, with the line and cell
 * they came from. Every table of the report is read from this stream, whatever the source form,
 * so that a row label broken across lines or detached from its numbers is still found.
 */
import type { SourceDocument } from '../source.ts';

/** A value cell: a number as printed, a blank cell, or a dash / slash (both read as null). */
export type ValueKind = 'num' | 'blank' | 'dash';

/** Label or running text between values (whitespace removed). */
export interface TextToken {
  kind: 'text';
  /** NFKC, whitespace removed: the form labels are matched on. */
  text: string;
  line: number;
}

/** One value cell, or one number printed inside running text. */
export interface ValueToken {
  kind: 'value';
  value: ValueKind;
  /** Digits as printed (maybe with a decimal point or a sign), '' for blank and dash. */
  raw: string;
  /** A unit printed right after the number (元, 万元): kept for 采购总金额 `amountText`. */
  unit: string;
  line: number;
  /** True when a real separator (cell boundary or whitespace) precedes this value on its line. */
  separated: boolean;
  tableRow: boolean;
}

/** A token of the stream. */
export type Token = TextToken | ValueToken;

/** NFKC (full-width digits and brackets to half-width), no whitespace: the form labels are compared in. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u00a0\u3000\u200b]+/g, '');
}

const DASH_CELL = /^[-—–―－‐/／\\]+$/;
const SIGNED_CELL = /^[+-]\d+$/;
// A sub-item number ("2." / "2、") that starts the next label: "00000002.其他法律…" in crawler text.
const ITEM_PREFIX = /^[.、](?!\d)/;
const UNIT = /^(万元|亿元|元)/;

/** Splits one cell's text into text and number tokens (numbers keep their decimal point). */
function tokenizeCell(cell: string, line: number, tableRow: boolean, out: Token[]): void {
  const norm = cell.normalize('NFKC').trim();
  if (norm === '') {
    if (tableRow) out.push({ kind: 'value', value: 'blank', raw: '', unit: '', line, separated: true, tableRow });
    return;
  }
  if (DASH_CELL.test(norm)) {
    out.push({ kind: 'value', value: 'dash', raw: '', unit: '', line, separated: true, tableRow });
    return;
  }
  if (SIGNED_CELL.test(norm)) {
    out.push({ kind: 'value', value: 'num', raw: norm, unit: '', line, separated: true, tableRow });
    return;
  }
  const re = /\d+(?:\.\d+)?/g;
  let last = 0;
  let text = '';
  const flushText = (): void => {
    const t = normalizeText(text);
    if (t !== '') out.push({ kind: 'text', text: t, line });
    text = '';
  };
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    const before = norm.slice(last, m.index);
    let digits = m[0];
    let end = m.index + digits.length;
    let unit = '';
    if (!digits.includes('.') && ITEM_PREFIX.test(norm.slice(end))) {
      // The last digit numbers the following label ("…00000002.其他法律…"): it is label text.
      digits = digits.slice(0, -1);
      end -= 1;
    } else {
      unit = UNIT.exec(norm.slice(end))?.[0] ?? '';
    }
    text += before;
    if (digits === '') {
      last = m.index;
      continue;
    }
    // A value is separated when it starts the cell or whitespace precedes it.
    const separated = m.index === 0 || /\s$/.test(before) || (text.trim() === '' && last === 0);
    flushText();
    out.push({ kind: 'value', value: 'num', raw: digits, unit, line, separated, tableRow });
    last = end + unit.length;
    re.lastIndex = last;
  }
  text += norm.slice(last);
  flushText();
}

/** The whole document as one token stream, in reading order. */
export function tokenize(doc: SourceDocument): Token[] {
  const out: Token[] = [];
  doc.lines.forEach((line, index) => {
    for (const cell of line.cells) tokenizeCell(cell ?? '', index, line.isTableRow, out);
  });
  return out;
}

/** A run of value tokens with the label text that precedes it. */
export interface ValueGroup {
  values: ValueToken[];
  /** Label text on the same line, before the values (since the previous group). */
  ownLabel: string;
  /** All label text since the previous group, across lines. */
  contextLabel: string;
  /** Index of the first value token in the stream. */
  start: number;
  line: number;
}

/**
 * Groups consecutive value tokens of the stream between `from` and `to`. A table row ends a group;
 * consecutive value-only lines of running text are joined (a PDF row wrapped over two lines).
 * Blank cells before any number start a group only when the row ends without a number after a
 * label (an empty template row), so layout padding never hides a label.
 */
export function groupValues(tokens: readonly Token[], from: number, to: number): ValueGroup[] {
  const groups: ValueGroup[] = [];
  let own: string[] = [];
  let ctx: string[] = [];
  let current: ValueGroup | null = null;
  let pending: ValueToken[] = [];
  let pendingStart = -1;
  let lastLine = -1;
  const open = (values: ValueToken[], start: number): ValueGroup => {
    const g: ValueGroup = { values, ownLabel: own.join(''), contextLabel: ctx.join(''), start, line: values[0]!.line };
    groups.push(g);
    own = [];
    ctx = [];
    return g;
  };
  const endLine = (): void => {
    if (pending.length > 0 && own.length > 0) open(pending, pendingStart);
    pending = [];
    if (current?.values[0]?.tableRow) current = null;
  };
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.line !== lastLine) {
      endLine();
      if (current === null) own = [];
      lastLine = t.line;
    }
    if (t.kind === 'text') {
      current = null;
      pending = [];
      own.push(t.text);
      ctx.push(t.text);
      continue;
    }
    if (current && current.values[0]?.tableRow === t.tableRow) {
      current.values.push(t);
      continue;
    }
    if (t.value === 'blank') {
      if (pending.length === 0) pendingStart = i;
      pending.push(t);
      continue;
    }
    current = open([...pending, t], pending.length > 0 ? pendingStart : i);
    pending = [];
  }
  endLine();
  return groups;
}
