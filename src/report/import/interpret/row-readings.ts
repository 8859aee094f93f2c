/**
 * The possible readings of one printed row of 表三 or 表四: the cells as printed when they fit,
 * else every reading the row-total rule allows (digits run together, one cell lost, one cell
 * too many). Pure; the caller chooses, and warns.
 */
import type { Cell } from '../../model.ts';
import type { ValueToken } from './tokens.ts';
import { readingsWithOneExtra, readingsWithOneLost, splitPieces, splitRowsWithTotals } from './splits.ts';

/** How a row was read: as printed, or repaired with the table rules. */
export type ReadingKind = 'as-printed' | 'split' | 'lost-cell' | 'extra-cell' | 'printed-broken' | 'unreadable';

export interface RowReadings {
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

/** Readings of a printed row of `groups` × `groupWidth` cells (表三: 1 × 7; 表四: 3 × 5). */
export function readRow(values: readonly ValueToken[], groups: number, groupWidth: number, traits: RowSourceTraits): RowReadings {
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
