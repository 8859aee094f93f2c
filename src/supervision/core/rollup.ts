/**
 * A people's government's tables 三/四 (issue 19 §2): its own cases plus those of every agency under
 * it — each cell the sum of the agencies' cells (条例第四十九条/第五十条: the government's report
 * covers its agencies). And the differences between what a government published and that sum. Pure.
 */
import type { AnnualReport } from '../../report/index.ts';
import type { Table3Rows, Table4Groups } from './facts.ts';

/** Tables 三/四 of one agency. */
export interface CaseTables {
  table3: Table3Rows;
  table4: Table4Groups;
}

/** The cell-by-cell sum of several agencies' tables (an empty list gives empty tables). */
export function sumTables(parts: readonly CaseTables[]): CaseTables {
  const table3: Table3Rows = {};
  const table4 = {} as Table4Groups;
  for (const part of parts) {
    for (const [row, cells] of Object.entries(part.table3)) {
      const into = (table3[row] ??= cells.map(() => 0));
      cells.forEach((n, i) => { into[i] = (into[i] ?? 0) + n; });
    }
    for (const [group, cells] of Object.entries(part.table4) as [keyof Table4Groups, Table4Groups[keyof Table4Groups]][]) {
      const into = (table4[group] ??= { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
      for (const k of Object.keys(cells) as (keyof typeof cells)[]) into[k] += cells[k];
    }
  }
  return { table3, table4 };
}

/** A cell where a government's published figure differs from the sum of its records and its agencies'. */
export interface RollupDifference {
  cell: string;
  published: number | null;
  expected: number;
}

/**
 * The cells of tables 三/四 where `published` (what the government's report says) differs from
 * `expected` (the sum). A blank published cell counts as a difference when the sum is not 0.
 */
export function rollupDifferences(published: { table3: { rows: Record<string, (number | null)[] | undefined> }; table4: Record<string, Record<string, number | null> | undefined> }, expected: CaseTables): RollupDifference[] {
  const out: RollupDifference[] = [];
  for (const [row, cells] of Object.entries(expected.table3)) {
    cells.forEach((n, i) => {
      const got = published.table3.rows[row]?.[i] ?? null;
      if (got !== n && !(got === null && n === 0)) out.push({ cell: `t3.${row}[${i}]`, published: got, expected: n });
    });
  }
  for (const [group, cells] of Object.entries(expected.table4)) {
    for (const [col, n] of Object.entries(cells)) {
      const got = published.table4[group]?.[col] ?? null;
      if (got !== n && !(got === null && n === 0)) out.push({ cell: `t4.${group}.${col}`, published: got, expected: n });
    }
  }
  return out;
}

/** Tables 三/四 of a report as numbers to add up (a blank cell counts 0). */
export function caseTablesOfReport(report: AnnualReport): CaseTables {
  const table3: Table3Rows = {};
  for (const [row, cells] of Object.entries(report.table3.rows)) table3[row] = (cells ?? []).map((n) => n ?? 0);
  const table4 = {} as Table4Groups;
  for (const [group, cells] of Object.entries(report.table4) as [keyof Table4Groups, Record<string, number | null>][]) {
    table4[group] = { upheld: cells['upheld'] ?? 0, corrected: cells['corrected'] ?? 0, other: cells['other'] ?? 0, pending: cells['pending'] ?? 0, total: cells['total'] ?? 0 };
  }
  return { table3, table4 };
}
