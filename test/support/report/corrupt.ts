/**
 * A single-cell corruption of a valid report, saying which rule must fire at which cell. Draws
 * only from the `rng` it is given, so a seed reproduces it.
 */
import fc from 'fast-check';
import { TABLE4_COLUMNS, TABLE4_GROUPS, table2CellPath, table3CellPath, table4CellPath } from '../../../src/report/model.ts';
import type { AnnualReport, Cell, CellPath, Table3RowKey } from '../../../src/report/model.ts';
import type { RuleId } from '../../../src/report/findings.ts';
import { outcomeRowsOf } from '../../../src/report/rules/common.ts';
import { arbitraryValidReport, createRng } from './generate.ts';
import type { Rng, ValidReportOptions } from './generate.ts';

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A report with one cell changed, and what the validator must say about it. */
export interface Corruption {
  report: AnnualReport;
  /** The cell that was changed. */
  cell: CellPath;
  /** The rule that must report `cell` (among the finding's cells). */
  rule: RuleId;
  /**
   * Every error rule that fires after the change, each with `cell` among its cells; no other
   * error fires. Warnings may also appear (CELL-BLANK for a blanked cell, TEXT-TABLE when a
   * count the narrative states changed).
   */
  errorRules: RuleId[];
  /** What was done, for a failing test's message. */
  description: string;
}

type Kind = 't3-add' | 't3-negative' | 't3-fraction' | 't4-add' | 't4-negative' | 't2-invalid' | 'blank';
const KINDS: readonly Kind[] = ['t3-add', 't3-add', 't3-add', 't3-negative', 't3-fraction', 't4-add', 't4-add', 't4-negative', 't2-invalid', 'blank'];
const BALANCE_ROWS: readonly Table3RowKey[] = ['newReceived', 'carriedOver', 'totalProcessed', 'carriedForward'];

/**
 * Changes one cell of a VALID report (one that has no error finding) and says which rule must
 * fire at that cell: +k on a table 三 cell (T3-ROW-TOTAL, plus T3-OUTCOME-TOTAL / T3-BALANCE where
 * the row takes part in them), a negative or fractional table 三 cell (T3-CELL only: sums skip
 * invalid operands), +k on a table 四 cell (T4-TOTAL), a negative table 四 cell (T4-CELL), an
 * invalid table 二 value (T2-CELL), or a blank cell (CELL-BLANK, and no error). The input is not
 * modified.
 */
export function corruptOneCell(report: AnnualReport, rng: Rng): Corruption {
  const copy = structuredClone(report);
  const kind = pick(rng, KINDS);
  const t3Rows = (Object.keys(copy.table3.rows) as Table3RowKey[]).filter((r) => copy.table3.rows[r]?.length === 7);
  const t4Groups = TABLE4_GROUPS.filter((g) => copy.table4[g] !== undefined);
  if (kind.startsWith('t3') || (kind === 'blank' && rng() < 0.6)) {
    const row = pick(rng, t3Rows);
    const column = intBetween(rng, 0, 6);
    const cells = copy.table3.rows[row] as Cell[];
    const before = cells[column] as number;
    const cell = table3CellPath(row, column);
    if (kind === 'blank') {
      cells[column] = null;
      return { report: copy, cell, rule: 'CELL-BLANK', errorRules: [], description: `${cell}: ${before} → null` };
    }
    if (kind === 't3-negative' || kind === 't3-fraction') {
      cells[column] = kind === 't3-negative' ? -intBetween(rng, 1, 3) : before + 0.5;
      return { report: copy, cell, rule: 'T3-CELL', errorRules: ['T3-CELL'], description: `${cell}: ${before} → ${cells[column]}` };
    }
    const delta = intBetween(rng, 1, 5);
    cells[column] = before + delta;
    const errorRules: RuleId[] = ['T3-ROW-TOTAL'];
    if (outcomeRowsOf(copy).includes(row) || row === 'totalProcessed') errorRules.push('T3-OUTCOME-TOTAL');
    if (BALANCE_ROWS.includes(row)) errorRules.push('T3-BALANCE');
    return { report: copy, cell, rule: 'T3-ROW-TOTAL', errorRules, description: `${cell}: ${before} → ${before + delta}` };
  }
  if (kind.startsWith('t4') || kind === 'blank') {
    const group = pick(rng, t4Groups);
    const column = pick(rng, TABLE4_COLUMNS);
    const cells = copy.table4[group] as Record<(typeof TABLE4_COLUMNS)[number], Cell>;
    const before = cells[column] as number;
    const cell = table4CellPath(group, column);
    if (kind === 'blank') {
      cells[column] = null;
      return { report: copy, cell, rule: 'CELL-BLANK', errorRules: [], description: `${cell}: ${before} → null` };
    }
    if (kind === 't4-negative') {
      cells[column] = -intBetween(rng, 1, 3);
      return { report: copy, cell, rule: 'T4-CELL', errorRules: ['T4-CELL'], description: `${cell}: ${before} → ${cells[column]}` };
    }
    const delta = intBetween(rng, 1, 5);
    cells[column] = before + delta;
    return { report: copy, cell, rule: 'T4-TOTAL', errorRules: ['T4-TOTAL'], description: `${cell}: ${before} → ${before + delta}` };
  }
  // t2-invalid
  const t2Cells = Object.entries(copy.table2).flatMap(([row, cells]) =>
    Object.keys(cells ?? {}).filter((c) => c !== 'amountText').map((column) => ({ row, column })));
  const { row, column } = pick(rng, t2Cells);
  const cells = (copy.table2 as Record<string, Record<string, number | string | null>>)[row] as Record<string, number | string | null>;
  const before = cells[column];
  cells[column] = column === 'itemsChange' ? 0.5 : column === 'amountWan' ? -1.5 : pick(rng, [-1, 2.5]);
  const cell = table2CellPath(row, column);
  return { report: copy, cell, rule: 'T2-CELL', errorRules: ['T2-CELL'], description: `${cell}: ${String(before)} → ${String(cells[column])}` };
}

/** A valid report and one corruption of it (see `corruptOneCell`). */
export function arbitraryCorruption(options: ValidReportOptions = {}): fc.Arbitrary<{ original: AnnualReport; corruption: Corruption }> {
  return fc.tuple(arbitraryValidReport(options), fc.integer()).map(([original, seed]) => ({ original, corruption: corruptOneCell(original, createRng(seed)) }));
}
