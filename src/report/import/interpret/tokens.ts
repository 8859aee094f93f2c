/**
 * The document as one stream of tokens: label text and value cells, with the line and cell
 * they came from. Every table of the report is read from this stream, whatever the source form,
 * so that a row label broken across lines or detached from its numbers is still found.
 */
import { CELL_MAY_HAVE_DIGIT, CELL_MAY_HAVE_SPACE, CELL_NORMALIZED, CELL_UNKNOWN, type SourceDocument } from '../source.ts';
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
  return (stableNfkcFacts(s) !== NFKC_UNSTABLE ? s : s.normalize('NFKC')).replace(WHITESPACE, '');
}

/**
 * Strings NFKC leaves as they are, judged by their characters alone: printable ASCII, tab, CJK
 * unified ideographs and the CJK punctuation NFKC keeps (、。〈〉《》「」『』【】 “” ‘’ — ·). None of
 * them decomposes or composes with a neighbour. Cells from the readers are already NFKC, and
 * this test is much cheaper than `normalize` on them.
 *
 * Returns NFKC_UNSTABLE for any other string, else the CELL_MAY_HAVE_* bits of what it holds (digits,
 * whitespace: both ASCII), so that the tokenizer need not search the cell for them again. A loop,
 * not a regex: every character of every document passes here.
 */
function stableNfkcFacts(s: string): number {
  let facts = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00) {
      if (c > 0x9fff) return NFKC_UNSTABLE;
    } else if (c > 0x7e) {
      if (!isStablePunctuation(c)) return NFKC_UNSTABLE;
    } else if (c >= 48 && c <= 57) {
      facts |= CELL_MAY_HAVE_DIGIT;
    } else if (c === 32 || c === 9) {
      facts |= CELL_MAY_HAVE_SPACE;
    } else if (c < 0x20) {
      return NFKC_UNSTABLE;
    }
  }
  return facts;
}

const NFKC_UNSTABLE = -1;

/** · — ‘ ’ “ ” 、 。 and 〈〉《》「」『』【】. */
function isStablePunctuation(c: number): boolean {
  return c === 0xb7 || c === 0x2014 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d
    || c === 0x3001 || c === 0x3002 || (c >= 0x3008 && c <= 0x3011);
}

/** A document's cells in NFKC, trimmed, with what is known of each (CELL_MAY_HAVE_* bits of source.ts, in reading order). */
export interface NormalizedCells {
  cells: string[][];
  facts: Uint8Array;
}

/** Each line's cells in NFKC, trimmed, with the facts the tokenizer uses to skip searches: computed once and shared by the tokenizer and the section reader. */
export function normalizeCells(doc: SourceDocument): NormalizedCells {
  const out: string[][] = new Array<string[]>(doc.lines.length);
  let count = 0;
  for (const line of doc.lines) count += line.cells.length;
  const facts = new Uint8Array(count);
  let k = 0;
  for (let i = 0; i < doc.lines.length; i++) {
    const line = doc.lines[i]!;
    const cells = line.cells;
    const given = line.facts;
    const norm = new Array<string>(cells.length);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c] ?? '';
      // What the reader made NFKC itself, it also searched (source.ts): taken as it is.
      const told = given?.[c] ?? 0;
      if ((told & CELL_NORMALIZED) !== 0) {
        norm[c] = cell;
        facts[k++] = told & CELL_UNKNOWN;
        continue;
      }
      const known = stableNfkcFacts(cell);
      // Trimming only removes characters: what the untrimmed cell lacks, the trimmed one lacks too.
      // A stable cell's only whitespace is ' ' and tab (CELL_MAY_HAVE_SPACE): without them, nothing to trim.
      norm[c] = known === NFKC_UNSTABLE ? cell.normalize('NFKC').trim() : (known & CELL_MAY_HAVE_SPACE) !== 0 ? cell.trim() : cell;
      facts[k++] = known === NFKC_UNSTABLE ? CELL_UNKNOWN : known;
    }
    out[i] = norm;
  }
  return { cells: out, facts };
}

/**
 * The whole document as one token stream, in reading order, from its cells as `normalizeCells`
 * gave them (the facts spare the tokenizer searching cells for digits and whitespace).
 */
export function tokenize(doc: SourceDocument, { cells, facts }: NormalizedCells): Token[] {
  const out: Token[] = [];
  let k = 0;
  for (let index = 0; index < doc.lines.length; index++) {
    const tableRow = doc.lines[index]!.isTableRow;
    for (const cell of cells[index]!) tokenizeCell(cell, index, tableRow, out, facts[k++]!);
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
  // One pass, no closures: this runs for every table of every report. Labels are built by
  // concatenation (text tokens are never empty, so '' means no label yet).
  const groups: ValueGroup[] = [];
  let own = '';
  let ctx = '';
  let current: ValueGroup | null = null;
  let pending: ValueToken[] = [];
  let pendingStart = -1;
  let lastLine = -1;
  for (let i = from; i <= to; i++) {
    const t = i < to ? tokens[i]! : undefined;
    if (t === undefined || t.line !== lastLine) {
      // End of a line: blanks after a label with no number are an empty template row.
      if (pending.length > 0 && own !== '') {
        groups.push(openGroup(pending, pendingStart, own, ctx));
        own = '';
        ctx = '';
      }
      if (pending.length > 0) pending = [];
      if (current?.values[0]?.tableRow) current = null;
      if (t === undefined) break;
      if (current === null) own = '';
      lastLine = t.line;
    }
    if (t.kind === 'text') {
      current = null;
      if (pending.length > 0) pending = [];
      own += t.text;
      ctx += t.text;
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
    own = '';
    ctx = '';
    pending = [];
  }
  return groups;
}

function openGroup(values: ValueToken[], start: number, own: string, ctx: string): ValueGroup {
  return { values, ownLabel: own, contextLabel: ctx, start, line: values[0]!.line };
}
