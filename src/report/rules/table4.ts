/** Table 四 rules: T4-TOTAL, T4-CELL. Pure. */
import { TABLE4_COLUMNS, TABLE4_GROUPS, table4CellPath } from '../model.ts';
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../findings.ts';
import { countsOrUndefined, describeValue, finding, isCount, sum, table4CellLabel } from './common.ts';

const PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** T4-TOTAL: in each group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export function checkTable4Totals(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const group of TABLE4_GROUPS) {
    const cells = report.table4[group];
    if (!cells) continue;
    const parts = countsOrUndefined(PARTS.map((p) => cells[p]));
    if (!parts || !isCount(cells.total)) continue;
    const expected = sum(parts);
    if (expected === cells.total) continue;
    findings.push(finding('T4-TOTAL', 'error',
      [table4CellPath(group, 'total'), ...PARTS.map((p) => table4CellPath(group, p))],
      `${table4CellLabel(group, 'total')}应为 ${expected}（结果维持、结果纠正、其他结果、尚未审结之和：${parts.join(' + ')}），报告填写为 ${cells.total}。`));
  }
  return findings;
}

/** T4-CELL: every cell of table 四 is a non-negative integer. */
export function checkTable4Cells(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const group of TABLE4_GROUPS) {
    const cells = report.table4[group];
    if (!cells) continue;
    for (const column of TABLE4_COLUMNS) {
      const value: unknown = cells[column];
      if (value === null || value === undefined || isCount(value)) continue;
      findings.push(finding('T4-CELL', 'error', [table4CellPath(group, column)],
        `${table4CellLabel(group, column)}应为非负整数（案件数），报告填写为 ${describeValue(value)}。`));
    }
  }
  return findings;
}
