/** DEADLINE: publication date against 条例第四十九条. Pure: compares dates, reads no clock. */
import type { AgencyKind, AnnualReport } from '../model.ts';
import type { Finding } from '../findings.ts';
import { finding } from './common.ts';

/** 条例第四十九条: agencies (县级以上人民政府部门) publish by 31 January of the following year. */
export const DEPARTMENT_DEADLINE = '01-31';
/** 条例第四十九条: people's governments at county level and above publish by 31 March. */
export const GOVERNMENT_DEADLINE = '03-31';

/**
 * Infers the agency kind from its name when the report does not say: a name ending in 人民政府,
 * 管委会 / 管理委员会 or 综合实验区 is a government at county level or above, except a 乡 / 镇
 * 人民政府 (below county level, so an agency's 31 January deadline applies); anything else is a
 * department. Example: 淮安市洪泽区人民政府 → government; 沭阳县发展和改革局 → department.
 */
export function inferAgencyKind(agency: string | null): AgencyKind {
  const name = (agency ?? '').replace(/\s+/g, '');
  if (/[乡镇]人民政府$/.test(name)) return 'department';
  return /(人民政府|管委会|管理委员会|综合实验区)$/.test(name) ? 'government' : 'department';
}

/**
 * The last day (YYYY-MM-DD) a report of `year` may be published. The day itself is on time, and
 * there is no postponement for holidays (law.md C-10). Example: 2023, department → 2024-01-31.
 */
export function publicationDeadline(year: number, kind: AgencyKind): string {
  return `${year + 1}-${kind === 'government' ? GOVERNMENT_DEADLINE : DEPARTMENT_DEADLINE}`;
}

/** DEADLINE (warning): published after the deadline of 条例第四十九条. Needs `year` and a valid `publishedOn`. */
export function checkDeadline(report: AnnualReport): Finding[] {
  if (report.year === null || report.publishedOn === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(report.publishedOn)) return [];
  const kind = report.agencyKind ?? inferAgencyKind(report.agency);
  const deadline = publicationDeadline(report.year, kind);
  // ISO dates of equal length compare as strings.
  if (report.publishedOn <= deadline) return [];
  const who = kind === 'government' ? '县级以上人民政府的年度报告应于次年3月31日前公布' : '行政机关（政府部门）的年度报告应于次年1月31日前公布';
  const inferred = report.agencyKind === undefined
    ? `报告未注明机关类型，按名称「${report.agency ?? '（未注明）'}」推定为${kind === 'government' ? '县级以上人民政府' : '政府部门'}；`
    : '';
  return [finding('DEADLINE', 'warning', ['publishedOn'],
    `${report.year} 年度报告发布于 ${report.publishedOn}，晚于法定期限 ${deadline}（条例第四十九条：${who}，当日仍视为按时，节假日不顺延）。${inferred}`.replace(/；$/, '。'))];
}
