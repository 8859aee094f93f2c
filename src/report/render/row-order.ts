/**
 * Row and column orders shared by every renderer and by the canonical JSON. Pure.
 */
import type { ReportFormat, Table3RowKey } from '../model.ts';
import { TABLE2_2019, TABLE2_2021, TABLE3_ROWS_2021 } from '../model.ts';

/**
 * Every 表三 row key in template order, both generations: the single （六）其他处理 row
 * (2019 template, still printed by some later reports) stands before the three split rows.
 */
export const TABLE3_ALL_ROWS: readonly Table3RowKey[] = [
  ...TABLE3_ROWS_2021.slice(0, 20),
  'otherDisposal',
  ...TABLE3_ROWS_2021.slice(20),
];

/**
 * The 表三 row order a renderer walks for a format. Both formats use the same order: the
 * renderer prints the rows the report holds, so a 2021 report with a single （六）其他处理
 * row (e.g. 洪泽区 2024) prints it as its source did.
 */
export function table3RowOrder(_format: ReportFormat): readonly Table3RowKey[] {
  return TABLE3_ALL_ROWS;
}

/** Every 表二 row key in template order (2021 rows, then the 2019-only rows in their places). */
export const TABLE2_ALL_ROWS: readonly string[] = [
  'regulations', 'normativeDocuments', 'licensing', 'otherServices', 'punishment', 'enforcement', 'fees', 'procurement',
];

/** The 表二 columns of a row: the format's columns first, then those of the other format. */
export function table2ColumnOrder(format: ReportFormat, row: string): readonly string[] {
  const own = (format === '2021' ? TABLE2_2021 : TABLE2_2019) as Readonly<Record<string, readonly string[]>>;
  const other = (format === '2021' ? TABLE2_2019 : TABLE2_2021) as Readonly<Record<string, readonly string[]>>;
  const first = own[row] ?? [];
  return [...first, ...(other[row] ?? []).filter((c) => !first.includes(c))];
}
