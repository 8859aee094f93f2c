/**
 * The possible readings of one printed row of 表三 or 表四: the cells as printed when they fit,
 * else every reading the row-total rule allows (digits run together, one cell lost, one cell
 * too many). Pure; the caller chooses, and warns.
 */
import type { Cell } from '../../model.ts';
import type { ValueToken } from './tokens.ts';
import { readingsWithOneExtra, readingsWithOneLost, splitRowsWithTotals } from './splits.ts';

/** How a row was read: as printed, or repaired with the table rules. */
export type ReadingKind = 'as-printed' | 'split' | 'lost-cell' | 'extra-cell' | 'unreadable';

export interface RowReadings {
  kind: ReadingKind;
  /** Every consistent reading; one means the row is settled. */
  readings: Cell[][];
  /** The search was cut short: treat the row as ambiguous whatever was found. */
  exhausted: boolean;
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
