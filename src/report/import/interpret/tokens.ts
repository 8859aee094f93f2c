/**
 * The document as one stream of tokens: label text and value cells, with the line and cell
 * they came from. Every table of the report is read from this stream, whatever the source form,
 * so that a row label broken across lines or detached from its numbers is still found.
 */
import type { SourceDocument } from '../source.ts';
import { tokenizeCell } from './cell-tokens.ts';

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

const WHITESPACE = /[\s\u00a0\u3000\u200b]+/g;

/** NFKC (full-width digits and brackets to half-width), no whitespace: the form labels are compared in. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(WHITESPACE, '');
}

/**
 * Strings NFKC leaves as they are, judged by their characters alone: printable ASCII, tab, CJK
 * unified ideographs and the CJK punctuation NFKC keeps (、。〈〉《》「」『』【】 “” ‘’ — ·). None of
 * them decomposes or composes with a neighbour. Cells from the text readers are already NFKC,
 * and this test (native, fast before the JIT warms up too) is several times cheaper than
 * `normalize` on them.
 */
const STABLE_NFKC = /^[\t\x20-\x7e\u00b7\u2014\u2018\u2019\u201c\u201d\u3001\u3002\u3008-\u3011\u4e00-\u9fff]*$/;

/** Each line's cells in NFKC, trimmed: computed once and shared by the tokenizer and the section reader. */
export function normalizedCells(doc: SourceDocument): string[][] {
  const out: string[][] = new Array<string[]>(doc.lines.length);
  for (let i = 0; i < doc.lines.length; i++) {
    const cells = doc.lines[i]!.cells;
    const norm = new Array<string>(cells.length);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c] ?? '';
      norm[c] = (STABLE_NFKC.test(cell) ? cell : cell.normalize('NFKC')).trim();
    }
    out[i] = norm;
  }
  return out;
}

/** The whole document as one token stream, in reading order. */
export function tokenize(doc: SourceDocument, cells: readonly (readonly string[])[] = normalizedCells(doc)): Token[] {
  const out: Token[] = [];
  for (let index = 0; index < doc.lines.length; index++) {
    const tableRow = doc.lines[index]!.isTableRow;
    for (const cell of cells[index]!) tokenizeCell(cell, index, tableRow, out);
  }
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
  // One pass, no closures: this runs for every table of every report.
  const groups: ValueGroup[] = [];
  let own: string[] = [];
  let ctx: string[] = [];
  let current: ValueGroup | null = null;
  let pending: ValueToken[] = [];
  let pendingStart = -1;
  let lastLine = -1;
  for (let i = from; i <= to; i++) {
    const t = i < to ? tokens[i]! : undefined;
    if (t === undefined || t.line !== lastLine) {
      // End of a line: blanks after a label with no number are an empty template row.
      if (pending.length > 0 && own.length > 0) {
        groups.push(openGroup(pending, pendingStart, own, ctx));
        own = [];
        ctx = [];
      }
      pending = [];
      if (current?.values[0]?.tableRow) current = null;
      if (t === undefined) break;
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
    pending.push(t);
    current = openGroup(pending, pending.length > 1 ? pendingStart : i, own, ctx);
    groups.push(current);
    own = [];
    ctx = [];
    pending = [];
  }
  return groups;
}

function openGroup(values: ValueToken[], start: number, own: readonly string[], ctx: readonly string[]): ValueGroup {
  return { values, ownLabel: own.join(''), contextLabel: ctx.join(''), start, line: values[0]!.line };
}
