/**
 * A truth file's cells as the corpus tests score them (the dev corpus in src/report/import/corpus.test.ts,
 * the test corpus in test/corpus/): each scored cell's path and value, the value at a path of an imported
 * report, and the row a path belongs to (warnings name cells or rows). For tests only.
 */
import type { AnnualReport } from '../../src/report/model.ts';

/** A `.truth.json` as the corpus tests read it. */
export interface Truth {
  agency: string;
  year: number;
  format: string;
  agencyKind?: string;
  publishedOn?: string;
  table2: Record<string, Record<string, number | string | null>>;
  table3: { rows: Record<string, (number | null)[]> };
  table4: Record<string, Record<string, number | null>>;
  _unscored?: string[];
}

/** Every cell a truth gives, with its path (`t3.granted[6]`), the report's facts first. */
export function scoredCells(truth: Truth): [string, unknown][] {
  const cells: [string, unknown][] = [['agency', truth.agency], ['year', truth.year], ['format', truth.format]];
  if (truth.agencyKind !== undefined) cells.push(['agencyKind', truth.agencyKind]);
  if (truth.publishedOn !== undefined) cells.push(['publishedOn', truth.publishedOn]);
  for (const [row, cols] of Object.entries(truth.table2)) for (const [col, v] of Object.entries(cols)) cells.push([`t2.${row}.${col}`, v]);
  for (const [row, values] of Object.entries(truth.table3.rows)) values.forEach((v, i) => cells.push([`t3.${row}[${i}]`, v]));
  for (const [group, cols] of Object.entries(truth.table4)) for (const [col, v] of Object.entries(cols)) cells.push([`t4.${group}.${col}`, v]);
  return cells;
}

/** The value at a path of a report (undefined where the report has no such row or cell). */
export function valueAt(report: AnnualReport, cellPath: string): unknown {
  if (cellPath === 'agency' || cellPath === 'year' || cellPath === 'format' || cellPath === 'agencyKind' || cellPath === 'publishedOn') return report[cellPath];
  const t3 = /^t3\.(.+)\[(\d)\]$/.exec(cellPath);
  if (t3) return (report.table3.rows as Record<string, (number | null)[] | undefined>)[t3[1]!]?.[Number(t3[2])];
  const [table, row, col] = cellPath.split('.') as [string, string, string];
  const source = (table === 't2' ? report.table2 : report.table4) as Record<string, Record<string, unknown> | undefined>;
  return source[row]?.[col];
}

/** The row of a cell path (`t3.granted[6]` → `t3.granted`, `t2.fees.amountWan` → `t2.fees`). */
export function rowOf(cellPath: string): string {
  return cellPath.replace(/\[\d\]$/, '').replace(/^(t[24]\.[^.]+)\..+$/, '$1');
}
