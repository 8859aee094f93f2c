/** FEE-SECTION: section 六 reports on 信息处理费 (2021 format). Pure. */
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../findings.ts';
import { finding } from './common.ts';

/** Any mention of the processing fee: “未收取信息处理费”, “无收取信息处理费情况”, “收取信息处理费X元”. */
const FEE_MENTION = /信息处理费|处理费/;

/**
 * FEE-SECTION (warning, 2021 format): 六、其他需要报告的事项 says whether 信息处理费 were collected
 * (国办公开办函〔2021〕30号; 《政府信息公开信息处理费管理办法》). Checked only when the report has
 * sections and section 六 is there (a missing section is STRUCT-SECTIONS's finding).
 */
export function checkFeeSection(report: AnnualReport): Finding[] {
  if (report.format !== '2021' || !report.sections) return [];
  const other = report.sections.filter((s) => s.key === 'other');
  if (other.length === 0 || other.some((s) => FEE_MENTION.test(s.text.replace(/\s+/g, '')))) return [];
  return [finding('FEE-SECTION', 'warning', ['sections.other'],
    '「六、其他需要报告的事项」未说明本年度是否收取信息处理费；2021 年版格式要求在此说明（如“本年度未收取信息处理费”或收取的件数、金额）。')];
}
