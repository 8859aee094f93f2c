/**
 * A small clean report written out by hand, for table-driven rule tests: every sum checked by
 * hand in the comments, a narrative that states the table's counts, published on the last day.
 */
import { SECTION_KEYS, SECTION_TITLES, TABLE3_COLUMNS } from '../../../src/report/model.ts';
import type { AnnualReport, Cell, ReportSection, Table3RowKey } from '../../../src/report/model.ts';

const zero = (): Cell[] => [0, 0, 0, 0, 0, 0, 0];

/** The narrative of the clean report: 12 applications received, 2 reconsiderations, 1 lawsuit, no fee. */
export const CLEAN_SECTION_TEXT: Record<(typeof SECTION_KEYS)[number], string> = {
  overview: '2023年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。（一）主动公开。（二）依申请公开。全年共收到政府信息公开申请12件，均按时答复。（三）政府信息管理。（四）平台建设。（五）监督保障。',
  proactive: '主动公开政府信息情况见下表。',
  applications: '收到和处理政府信息公开申请情况见下表。',
  appeals: '本年度因政府信息公开被申请行政复议2件、提起行政诉讼1件。',
  problems: '存在的问题：解读形式较单一。改进措施：丰富解读形式。',
  other: '本年度未收取信息处理费。',
};

/**
 * The clean 2021-format report. Table 三 (自然人 | 商业企业 | … | 总计):
 * 新收 10|2 → 12; 上年结转 2|0 → 2; 予以公开 5|1 → 6; 部分公开 2|0 → 2; 保护第三方 1|0 → 1;
 * 不掌握 2|0 → 2; 重复申请 0|1 → 1; 逾期不补正 1|0 → 1; （七）总计 11|2 → 13; 结转下年度 1|0 → 1.
 * Balance: 10+2 = 11+1; 2+0 = 2+0; 12+2 = 13+1. Table 四: 复议 1+0+0+1 = 2; 直接起诉 1 → 1.
 */
export function cleanReport(): AnnualReport {
  const rows: Partial<Record<Table3RowKey, Cell[]>> = {};
  for (const row of ['newReceived', 'carriedOver', 'granted', 'partiallyGranted',
    'denied.stateSecret', 'denied.prohibitedByLaw', 'denied.threeSecurityOneStability', 'denied.thirdPartyRights',
    'denied.internalAffairs', 'denied.processInformation', 'denied.enforcementFiles', 'denied.administrativeQuery',
    'unableToProvide.notHeld', 'unableToProvide.needsCreation', 'unableToProvide.unclearAfterCorrection',
    'notProcessed.complaint', 'notProcessed.duplicate', 'notProcessed.publication', 'notProcessed.excessive',
    'notProcessed.confirmation', 'otherDisposal.noCorrection', 'otherDisposal.unpaidFee', 'otherDisposal.other',
    'totalProcessed', 'carriedForward'] as const) rows[row] = zero();
  rows.newReceived = [10, 2, 0, 0, 0, 0, 12];
  rows.carriedOver = [2, 0, 0, 0, 0, 0, 2];
  rows.granted = [5, 1, 0, 0, 0, 0, 6];
  rows.partiallyGranted = [2, 0, 0, 0, 0, 0, 2];
  rows['denied.thirdPartyRights'] = [1, 0, 0, 0, 0, 0, 1];
  rows['unableToProvide.notHeld'] = [2, 0, 0, 0, 0, 0, 2];
  rows['notProcessed.duplicate'] = [0, 1, 0, 0, 0, 0, 1];
  rows['otherDisposal.noCorrection'] = [1, 0, 0, 0, 0, 0, 1];
  rows.totalProcessed = [11, 2, 0, 0, 0, 0, 13];
  rows.carriedForward = [1, 0, 0, 0, 0, 0, 1];
  const sections: ReportSection[] = SECTION_KEYS.map((key) => ({ key, title: SECTION_TITLES[key], text: CLEAN_SECTION_TEXT[key] }));
  return {
    agency: '示例市示例区发展和改革局',
    year: 2023,
    format: '2021',
    agencyKind: 'department',
    publishedOn: '2024-01-31',
    sections,
    table2: {
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 3, repealed: 1, inForce: 12 },
      licensing: { decisions: 71 },
      punishment: { decisions: 5 },
      enforcement: { decisions: 0 },
      fees: { amountWan: 12.5 },
    },
    table3: { columns: [...TABLE3_COLUMNS], rows },
    table4: {
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
      litigationDirect: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
      litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    },
  };
}
