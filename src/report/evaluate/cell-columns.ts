/**
 * All of a report's cells as one flat row, keyed by the cell paths of shared/spec/annual-report.md
 * (`t2.regulations.issued`, `t3.granted[6]`, `t4.reconsideration.total`): the columns of the batch
 * exports, and the cells the comparison walks. Pure.
 */
import { TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, type AnnualReport, type Table3RowKey, type Table4Group, type Table4Column } from '../model.ts';
import { TABLE2_ALL_ROWS, TABLE3_ALL_ROWS, table2ColumnOrder } from '../render/row-order.ts';
import { table2CellLabel, table3CellLabel, table4CellLabel } from '../rules/common.ts';

/** A cell: its path, the table it is in, and its label as the template prints it. */
export interface CellColumn {
  path: string;
  table: 't2' | 't3' | 't4';
  label: string;
  /** Where it is read from a report. */
  read: (report: AnnualReport) => number | string | null | undefined;
}

/** Every cell path of both template generations, in template order (表二, 表三, 表四). */
export const ALL_CELL_COLUMNS: readonly CellColumn[] = [
  ...TABLE2_ALL_ROWS.flatMap((row) => [...new Set([...table2ColumnOrder('2021', row), ...table2ColumnOrder('2019', row)])].map((column): CellColumn => ({
    path: `t2.${row}.${column}`, table: 't2', label: table2CellLabel(row, column),
    read: (r) => (r.table2 as Record<string, Record<string, number | string | null> | undefined>)[row]?.[column],
  }))),
  ...TABLE3_ALL_ROWS.flatMap((row: Table3RowKey) => TABLE3_COLUMNS.map((_, i): CellColumn => ({
    path: `t3.${row}[${i}]`, table: 't3', label: table3CellLabel(row, i), read: (r) => r.table3.rows[row]?.[i],
  }))),
  ...TABLE4_GROUPS.flatMap((group: Table4Group) => TABLE4_COLUMNS.map((column: Table4Column): CellColumn => ({
    path: `t4.${group}.${column}`, table: 't4', label: table4CellLabel(group, column), read: (r) => r.table4[group]?.[column],
  }))),
];

/**
 * The columns any of the reports holds (a batch of 2021 reports has no 2019-only columns), in
 * template order. A cell a report holds as null (blank) counts as held.
 */
export function columnsOf(reports: readonly AnnualReport[]): CellColumn[] {
  return ALL_CELL_COLUMNS.filter((c) => reports.some((r) => c.read(r) !== undefined));
}
