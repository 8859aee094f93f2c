/** Cross-year rules of one agency: X-CARRY and X-IN-FORCE. Pure. */
import { TABLE3_COLUMNS, table2CellPath, table3CellPath } from '../model.ts';
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../findings.ts';
import { countsOrUndefined, finding, isCount, table2CellLabel, table3CellLabel, table3Row } from './common.ts';

/**
 * Whether `previous` can be compared with `report` as the year before: when both years are
 * known they must be consecutive (a report two years back says nothing about this year's
 * 上年结转). With a year unknown the caller's pairing is trusted.
 */
export function isPreviousYear(report: AnnualReport, previous: AnnualReport): boolean {
  return report.year === null || previous.year === null || previous.year === report.year - 1;
}

/**
 * X-CARRY (error): this year's 二、上年结转 = last year's 四、结转下年度继续办理, column by column.
 * Skips columns where either cell is blank or invalid.
 */
export function checkCarryOver(report: AnnualReport, previous: AnnualReport | undefined): Finding[] {
  if (!previous || !isPreviousYear(report, previous)) return [];
  const current = table3Row(report, 'carriedOver');
  const last = table3Row(previous, 'carriedForward');
  if (!current || !last) return [];
  const findings: Finding[] = [];
  const lastYear = previous.year === null ? '上一年度' : `${previous.year} 年度`;
  for (let c = 0; c < TABLE3_COLUMNS.length; c++) {
    const now = current[c];
    const before = last[c];
    if (!isCount(now) || !isCount(before) || now === before) continue;
    findings.push(finding('X-CARRY', 'error', [table3CellPath('carriedOver', c)],
      `${table3CellLabel('carriedOver', c)}应为 ${before}（${lastYear}报告「四、结转下年度继续办理」同列），报告填写为 ${now}。`));
  }
  return findings;
}

/**
 * X-IN-FORCE (warning, 2021 format both years): this year's 现行有效件数 = last year's 现行有效件数
 * + 本年制发件数 − 本年废止件数, for 规章 and 行政规范性文件.
 */
export function checkInForce(report: AnnualReport, previous: AnnualReport | undefined): Finding[] {
  if (!previous || report.format !== '2021' || previous.format !== '2021' || !isPreviousYear(report, previous)) return [];
  const findings: Finding[] = [];
  for (const row of ['regulations', 'normativeDocuments'] as const) {
    const now = report.table2[row];
    const before = previous.table2[row];
    if (!now || !before) continue;
    const values = countsOrUndefined([before.inForce, now.issued, now.repealed, now.inForce]);
    if (!values) continue;
    const [lastInForce, issued, repealed, inForce] = values as [number, number, number, number];
    const expected = lastInForce + issued - repealed;
    if (expected === inForce) continue;
    findings.push(finding('X-IN-FORCE', 'warning',
      [table2CellPath(row, 'inForce'), table2CellPath(row, 'issued'), table2CellPath(row, 'repealed')],
      `${table2CellLabel(row, 'inForce')}按上一年度推算应为 ${expected}（上年现行有效 ${lastInForce} + 本年制发 ${issued} − 本年废止 ${repealed}），`
      + `报告填写为 ${inForce}；如有清理、失效等原因，请在报告中说明。`));
  }
  return findings;
}
