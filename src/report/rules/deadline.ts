/** DEADLINE: publication date against 条例第四十九条. Pure: compares dates, reads no clock. */
import { inferAgencyKind } from '../../law/agency-kinds.ts';
import { annualReportDueDate } from '../../law/annual-report-dates.ts';
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../findings.ts';
import { finding } from './common.ts';

/** DEADLINE (warning): published after the deadline of 条例第四十九条. Needs `year` and a valid `publishedOn`. */
export function checkDeadline(report: AnnualReport): Finding[] {
  if (report.year === null || report.publishedOn === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(report.publishedOn)) return [];
  const kind = report.agencyKind ?? inferAgencyKind(report.agency);
  const deadline = annualReportDueDate(report.year, kind);
  // ISO dates of equal length compare as strings.
  if (report.publishedOn <= deadline) return [];
  const who = kind === 'government' ? '县级以上人民政府的年度报告应于次年3月31日前公布' : '行政机关（政府部门）的年度报告应于次年1月31日前公布';
  const inferred = report.agencyKind === undefined
    ? `报告未注明机关类型，按名称「${report.agency ?? '（未注明）'}」推定为${kind === 'government' ? '县级以上人民政府' : '政府部门'}；`
    : '';
  return [finding('DEADLINE', 'warning', ['publishedOn'],
    `${report.year} 年度报告发布于 ${report.publishedOn}，晚于法定期限 ${deadline}（条例第四十九条：${who}，当日仍视为按时，节假日不顺延）。${inferred}`.replace(/；$/, '。'))];
}
