/**
 * When an annual report (政府信息公开工作年度报告) must be published, 条例第四十九条: 县级以上人民政府部门
 * by 31 January, and the government information disclosure office of a 县级以上地方人民政府 its
 * government's report by 31 March, each of the year after the report year. The day itself is on time
 * and a holiday does not postpone it (law.md C-10).
 */
import type { AgencyKind } from './agency-kinds.ts';
import type { IsoDate } from './dates.ts';

/** 条例第四十九条: agencies (县级以上人民政府部门) publish by 31 January of the following year. */
export const DEPARTMENT_REPORT_DUE = '01-31';
/** 条例第四十九条: people's governments at county level and above publish by 31 March of the following year. */
export const GOVERNMENT_REPORT_DUE = '03-31';

/**
 * The last day a report of `year` may be published (条例第四十九条).
 * Example: `annualReportDueDate(2023, 'department') === '2024-01-31'`.
 */
export function annualReportDueDate(year: number, kind: AgencyKind): IsoDate {
  return `${year + 1}-${kind === 'government' ? GOVERNMENT_REPORT_DUE : DEPARTMENT_REPORT_DUE}` as IsoDate;
}
