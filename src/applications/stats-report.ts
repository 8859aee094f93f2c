/**
 * Tables 三 and 四 as the canonical report JSON (shared/spec/annual-report.md, 2021 format): the one
 * shape the report engine validates, renders and stores. A partial report: the cases give tables 三 and
 * 四 only, so table 二's cells are null (blank, never a silent 0) and there are no `sections` (the
 * narrative rules do not apply to a tables-only document). T3-ROW-TOTAL, T3-OUTCOME-TOTAL, T3-BALANCE,
 * T4-TOTAL and the cell rules hold by construction: each case adds one to its kind's column and to
 * 总计, once in 新收 or 结转 and once in 办理结果 or 结转下年度 (statistics.ts).
 */
import type { AgencyKind } from '../law/agency-kinds.ts';
import { APPEAL_KINDS, TABLE3_COLUMN_KEYS, TABLE3_ROW_KEYS, type AppealKind, type Table3Row, type Table4Column } from './statistics.ts';

/** Table 二 of the 2021 template: rows and their columns. */
const TABLE2_2021: Record<string, readonly string[]> = {
  regulations: ['issued', 'repealed', 'inForce'],
  normativeDocuments: ['issued', 'repealed', 'inForce'],
  licensing: ['decisions'],
  punishment: ['decisions'],
  enforcement: ['decisions'],
  fees: ['amountWan'],
};

/** The canonical JSON of the statistics. */
export interface StatisticsReport {
  agency: string;
  year: number;
  format: '2021';
  agencyKind: AgencyKind;
  table2: Record<string, Record<string, null>>;
  table3: { columns: string[]; rows: Record<Table3Row, number[]> };
  table4: Record<AppealKind, Record<Table4Column, number>>;
}

/** Builds the report of an agency's year from the counted tables. */
export function buildStatisticsReport(
  agency: { name: string; kind: AgencyKind }, year: number, table3: Record<Table3Row, number[]>, table4: Record<AppealKind, Record<Table4Column, number>>,
): StatisticsReport {
  return {
    agency: agency.name,
    year,
    format: '2021',
    agencyKind: agency.kind,
    table2: Object.fromEntries(Object.entries(TABLE2_2021).map(([row, columns]) => [row, Object.fromEntries(columns.map((c) => [c, null]))])),
    table3: {
      columns: [...TABLE3_COLUMN_KEYS],
      rows: Object.fromEntries(TABLE3_ROW_KEYS.map((row) => [row, [...table3[row]]])) as Record<Table3Row, number[]>,
    },
    table4: Object.fromEntries(APPEAL_KINDS.map((k) => [k, {
      upheld: table4[k].upheld, corrected: table4[k].corrected, other: table4[k].other, pending: table4[k].pending, total: table4[k].total,
    }])) as Record<AppealKind, Record<Table4Column, number>>,
  };
}
