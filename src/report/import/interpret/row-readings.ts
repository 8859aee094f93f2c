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

const WELL_FORMED = /^(0|[1-9]\d*)$/;

function cellOf(v: ValueToken): Cell {
  return v.value === 'num' ? Number(v.raw) : null;
}

/**
 * Drops blank cells at either end of a row: until it has `width` cells, or all of them where
 * edge blanks are known to be layout padding (tab-separated text extracted from a PDF).
 */
function trimPadding(values: ValueToken[], width: number, all: boolean): ValueToken[] {
  const out = [...values];
  while ((all || out.length > width) && out[out.length - 1]?.value === 'blank') out.pop();
  while ((all || out.length > width) && out[0]?.value === 'blank') out.shift();
  return out;
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
  const cells = trimPadding([...values], width, traits.edgeBlanksArePadding);
  const nums = cells.filter((v) => v.value === 'num');
  const allNums = nums.length === cells.length;
  const wellFormed = nums.every((v) => WELL_FORMED.test(v.raw));

  if (cells.length === width && wellFormed) {
    const printed = cells.map(cellOf);
    // Crawler text: spaces may be artefacts, so a printed reading must also satisfy the totals.
    if (!spacesAreArtefacts || totalsHold(printed, groupWidth)) return { kind: 'as-printed', readings: [printed], exhausted: false };
  }
  const digitsOnly = allNums && nums.every((v) => /^\d+$/.test(v.raw));
  const joined = nums.some((v) => !v.separated) || spacesAreArtefacts || !wellFormed;
  if (digitsOnly && joined) {
    const digits = nums.map((v) => v.raw).join('');
    const { readings, exhausted } = splitRowsWithTotals(digits, groups, groupWidth);
    if (readings.length > 0 || exhausted) return { kind: 'split', readings, exhausted };
  }
  const printedNumbers = nums.map((v) => Number(v.raw));
  if (allNums && wellFormed && cells.length === width - 1) {
    return { kind: 'lost-cell', readings: readingsWithOneLost(printedNumbers, groups, groupWidth), exhausted: false };
  }
  if (allNums && wellFormed && cells.length === width + 1) {
    return { kind: 'extra-cell', readings: readingsWithOneExtra(printedNumbers, groups, groupWidth), exhausted: false };
  }
  if (cells.length === width) return { kind: 'as-printed', readings: [cells.map(cellOf)], exhausted: false };
  return { kind: 'unreadable', readings: [], exhausted: false };
}
