/**
 * The possible readings of one printed row of 表三 or 表四: the cells as printed when they fit,
 * else every reading the row-total rule allows (digits run together, one cell lost, one cell
 * too many). Pure; the caller chooses, and warns.
 */
import type { Cell } from '../../model.ts';
import type { Token, ValueGroup, ValueToken } from './tokens.ts';
import { readingsWithOneExtra, readingsWithOneLost, splitPieces, splitRowsWithTotals } from './splits.ts';

/** How a row was read: as printed, or repaired with the table rules. */
export type ReadingKind = 'as-printed' | 'split' | 'lost-cell' | 'extra-cell' | 'printed-broken' | 'unreadable';

export interface RowReadings {
  /**
   * Crawler text with blank cells printed as slashes, digits and slashes run together (`26/////26`):
   * the readings hold blank cells, so the column rules (which pass over a blank) must not choose
   * between them; the row is settled by its own printing and totals or not at all.
   */
  blankCells?: true;
  kind: ReadingKind;
  /** Every consistent reading; one means the row is settled. */
  readings: Cell[][];
  /** The search was cut short: treat the row as ambiguous whatever was found. */
  exhausted: boolean;
  /**
   * 'printed-broken' only: no reading satisfies the row totals, and the printed pieces leave
   * `readings[0]`; the others (if any) read a blank cell into the row and keep its totals — then
   * the row is ambiguous. Such a row must not settle other rows by the column rules.
   */
  breaksTotals?: true;
}

function cellOf(v: ValueToken): Cell {
  return v.value === 'num' ? Number(v.raw) : null;
}

/** How a printed number reads as a count. */
const NOT_DIGITS = 0;
/** Digits only, with a leading zero (`007`): not `/^(0|[1-9]\d*)$/`. */
const LEADING_ZERO = 1;
/** `/^(0|[1-9]\d*)$/`: a count as a count is printed. */
const WELL_FORMED = 2;

function countForm(raw: string): number {
  if (raw.length === 0) return NOT_DIGITS;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return NOT_DIGITS;
  }
  return raw.length > 1 && raw.charCodeAt(0) === 48 ? LEADING_ZERO : WELL_FORMED;
}

/**
 * The cells of a row without the blank cells at either end: dropped until it has `width`
 * cells, or all of them where edge blanks are known to be layout padding (tab-separated text
 * extracted from a PDF).
 */
function trimPadding(values: readonly ValueToken[], width: number, all: boolean): ValueToken[] {
  let from = 0;
  let to = values.length;
  while ((all || to - from > width) && to > from && values[to - 1]!.value === 'blank') to--;
  while ((all || to - from > width) && from < to && values[from]!.value === 'blank') from++;
  return values.slice(from, to);
}

/** What the source form says about its separators. */
export interface RowSourceTraits {
  /** Crawler text: a space between digits is not a cell boundary. */
  spacesAreArtefacts: boolean;
  /** Tab-separated text from a PDF: blank cells at a row's ends are padding, not blank cells. */
  edgeBlanksArePadding: boolean;
}

/** True when every group of `groupWidth` cells has last = sum of the others (nulls skip the check). */
export function totalsHold(cells: readonly Cell[], groupWidth: number): boolean {
  for (let g = 0; g + groupWidth <= cells.length; g += groupWidth) {
    const row = cells.slice(g, g + groupWidth);
    if (row.some((c) => c === null)) continue;
    const sum = row.slice(0, -1).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== row[groupWidth - 1]) return false;
  }
  return true;
}

/**
 * Readings of a printed row of `groups` × `groupWidth` cells (表三: 1 × 7; 表四: 3 × 5).
 * `dashAtEdge`: the text right before or after the row holds a dash (`dashNextTo`).
 */
export function readRow(values: readonly ValueToken[], groups: number, groupWidth: number, traits: RowSourceTraits, dashAtEdge = false): RowReadings {
  const { spacesAreArtefacts } = traits;
  const width = groups * groupWidth;
  const cells = trimPadding(values, width, traits.edgeBlanksArePadding);
  // One pass over the cells (this runs for every row of every report): the numbers, and how they are printed.
  const nums: ValueToken[] = [];
  let wellFormed = true;
  let digitsOnly = true;
  let unseparated = false;
  for (const v of cells) {
    if (v.value !== 'num') {
      digitsOnly = false;
      continue;
    }
    nums.push(v);
    const form = countForm(v.raw);
    if (form !== WELL_FORMED) wellFormed = false;
    if (form === NOT_DIGITS) digitsOnly = false;
    if (!v.separated) unseparated = true;
  }
  const allNums = nums.length === cells.length;

  if (cells.length === width && wellFormed) {
    const printed = cellsOf(cells);
    // Crawler text: spaces may be artefacts, so a printed reading must also satisfy the totals.
    if (!spacesAreArtefacts || totalsHold(printed, groupWidth)) return { kind: 'as-printed', readings: [printed], exhausted: false };
  }
  const joined = unseparated || spacesAreArtefacts || !wellFormed;
  if (digitsOnly && joined) {
    let digits = '';
    for (const v of nums) digits += v.raw;
    const { readings, exhausted } = splitRowsWithTotals(digits, groups, groupWidth);
    if (readings.length > 0 || exhausted) return { kind: 'split', readings, exhausted };
    const printed = readAsPrinted(nums, groups, groupWidth);
    if (printed) return printed;
  }
  if (allNums && wellFormed && cells.length === width - 1) {
    return { kind: 'lost-cell', readings: readingsWithOneLost(numbersOf(nums), groups, groupWidth), exhausted: false };
  }
  if (allNums && wellFormed && cells.length === width + 1) {
    return { kind: 'extra-cell', readings: readingsWithOneExtra(numbersOf(nums), groups, groupWidth), exhausted: false };
  }
  if (cells.length === width) return { kind: 'as-printed', readings: [cellsOf(cells)], exhausted: false };
  // A dash left in the label beside the row may be one of its cells: then nothing says where the row starts or ends.
  if (spacesAreArtefacts && !dashAtEdge && nums.length > 0 && cells.length > nums.length && cells.every((v) => v.value === 'num' || v.value === 'dash')) {
    const dashed = readWithDashRuns(cells, groups, groupWidth);
    if (dashed) return dashed;
  }
  return { kind: 'unreadable', readings: [], exhausted: false };
}

function cellsOf(values: readonly ValueToken[]): Cell[] {
  const out: Cell[] = new Array<Cell>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = cellOf(values[i]!);
  return out;
}

function numbersOf(nums: readonly ValueToken[]): number[] {
  const out: number[] = new Array<number>(nums.length);
  for (let i = 0; i < nums.length; i++) out[i] = Number(nums[i]!.raw);
  return out;
}

/** Beyond this many readings with a blank cell the search stops (the row is then ambiguous anyway). */
const MAX_BLANK_READINGS = 64;

/**
 * A row no reading of which satisfies the totals, read as printed: its printed numbers are
 * pieces whose boundaries are kept (each piece one cell or several run together, see
 * `splitPieces`). Settled when the pieces leave one reading of `width` cells and no reading
 * with one cell blank (a cell the source left empty, its value then read off the totals) keeps
 * the totals; otherwise every such reading is listed and the row stays blank. Undefined when
 * the pieces cannot make the row at all.
 */
function readAsPrinted(nums: readonly ValueToken[], groups: number, groupWidth: number): RowReadings | undefined {
  const width = groups * groupWidth;
  const pieces = nums.map((v) => v.raw);
  const full = splitPieces(pieces, width);
  if (full.readings.length === 0 && !full.exhausted) return undefined;
  const readings: Cell[][] = [...full.readings];
  const short = splitPieces(pieces, width - 1, MAX_BLANK_READINGS);
  for (const r of short.readings) {
    for (let blank = 0; blank < width; blank++) {
      if (blank % groupWidth === groupWidth - 1) continue; // a blank total is not read from the others
      const cells: Cell[] = [...r.slice(0, blank), null, ...r.slice(blank)];
      if (blankTotalsHold(cells, groupWidth) && !readings.some((x) => x.every((c, i) => c === cells[i]))) readings.push(cells);
    }
  }
  return { kind: 'printed-broken', readings, exhausted: full.exhausted || short.exhausted, breaksTotals: true };
}

/** Totals hold with a blank cell counted as 0 (the blank is not a total). */
function blankTotalsHold(cells: readonly Cell[], groupWidth: number): boolean {
  for (let g = 0; g + groupWidth <= cells.length; g += groupWidth) {
    let sum = 0;
    for (let i = g; i < g + groupWidth - 1; i++) sum += cells[i] ?? 0;
    if (sum !== cells[g + groupWidth - 1]) return false;
  }
  return true;
}

/** The warning of a row read as printed although its figures break its totals (the validator then reports the rule). */
export function printedBrokenMessage(row: string, cells: readonly Cell[]): string {
  return `${row}数字连在一起，没有一种拆分符合行合计；按印出的数字分隔读作 ${cells.join('、')}（唯一读法），印出的数字不符合行合计，请核对原报告。`;
}

/** Why a row whose printed figures break its totals is left blank: the readings its printing allows. */
export function printedBrokenWhy(r: RowReadings): string {
  return `数字连在一起，没有一种拆分符合行合计，按印出的数字分隔有 ${r.exhausted ? '过多' : r.readings.length} 种读法${r.readings.some((c) => c.includes(null)) ? '（“空”：原表该格可能为空）' : ''}`;
}

/** Beyond this many readings of a row with slash runs the search stops (the row is then ambiguous). */
const MAX_DASH_READINGS = 16;

/**
 * A crawler row printed with blank cells as slashes (`26/////26`, `82135//21859`, `25812//11/`):
 * the numbers between two slash runs are one run of digits (crawler spaces may be artefacts), split
 * into cells with no leading zero; a run of k slashes is k blank cells as printed, or fewer (a blank
 * printed `//`); a single dash one. A reading must have `groups × groupWidth` cells and, in every
 * group whose total is printed, the total must equal the sum of the others (a blank adds nothing).
 * One reading: settled ('as-printed' when it is the printing cell for cell, else 'split'); several:
 * all listed. Undefined when none fits.
 */
function readWithDashRuns(cells: readonly ValueToken[], groups: number, groupWidth: number): RowReadings | undefined {
  const width = groups * groupWidth;
  /** Pieces: a string of digits, or the most blank cells a dash may stand for (negative). */
  const pieces: (string | number)[] = [];
  for (const v of cells) {
    const prev = pieces[pieces.length - 1];
    if (v.value === 'num') {
      if (typeof prev === 'string') pieces[pieces.length - 1] = prev + v.raw;
      else pieces.push(v.raw);
    } else {
      pieces.push(-Math.max(1, v.raw.length));
    }
  }
  const out: Cell[][] = [];
  const acc: Cell[] = [];
  let steps = 0;
  let exhausted = false;
  const walk = (p: number, pos: number): void => {
    if (exhausted || out.length > MAX_DASH_READINGS) return;
    if (++steps > 50_000) {
      exhausted = true;
      return;
    }
    if (p === pieces.length) {
      if (acc.length === width && blankTotalsCheck(acc, groupWidth)) out.push(acc.slice());
      return;
    }
    const piece = pieces[p]!;
    if (typeof piece === 'number') {
      for (let n = 1; n <= -piece && acc.length + n <= width; n++) {
        for (let i = 0; i < n; i++) acc.push(null);
        walk(p + 1, 0);
        acc.length -= n;
      }
      return;
    }
    if (pos === piece.length) {
      walk(p + 1, 0);
      return;
    }
    if (acc.length >= width) return;
    for (let len = 1; len <= 8 && pos + len <= piece.length; len++) {
      if (len > 1 && piece[pos] === '0') break;
      acc.push(Number(piece.slice(pos, pos + len)));
      walk(p, pos + len);
      acc.pop();
    }
  };
  walk(0, 0);
  if (out.length === 0 && !exhausted) return undefined;
  if (out.length > MAX_DASH_READINGS) exhausted = true;
  const printed = cellsAsPrinted(cells);
  const literal = out.length === 1 && !exhausted && printed.length === width && printed.every((c, i) => c === out[0]![i]);
  return { kind: literal ? 'as-printed' : 'split', readings: out, exhausted, blankCells: true };
}

/** Each number one cell and each slash one blank cell, as printed. */
function cellsAsPrinted(cells: readonly ValueToken[]): Cell[] {
  const out: Cell[] = [];
  for (const v of cells) {
    if (v.value === 'num') out.push(Number(v.raw));
    else for (let i = 0; i < Math.max(1, v.raw.length); i++) out.push(null);
  }
  return out;
}

/** Every group whose total is printed has it equal to the sum of its other cells (a blank adds nothing). */
function blankTotalsCheck(cells: readonly Cell[], groupWidth: number): boolean {
  for (let g = 0; g + groupWidth <= cells.length; g += groupWidth) {
    const total = cells[g + groupWidth - 1];
    if (total === null || total === undefined) continue;
    let sum = 0;
    for (let i = g; i < g + groupWidth - 1; i++) sum += cells[i] ?? 0;
    if (sum !== total) return false;
  }
  return true;
}

const DASH_CHAR = /[-—–―－‐/／\\]/;

/** True when the text token right before or right after the group's values holds a dash at that edge (a cell the tokenizer left in a label). */
export function dashNextTo(tokens: readonly Token[], g: ValueGroup): boolean {
  const before = tokens[g.start - 1];
  const after = tokens[g.start + g.values.length];
  return (before?.kind === 'text' && DASH_CHAR.test(before.text.slice(-1))) || (after?.kind === 'text' && DASH_CHAR.test(after.text.charAt(0)));
}
