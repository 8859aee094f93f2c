/**
 * Tables 三 and 四 in the words of the 2021 annual-report template (国办公开办函〔2021〕30号), as the
 * statistics page prints them: table 三's rows in order with the group headings between them, its
 * columns (the applicant kinds under 申请人情况), table 四's kinds and columns. The report room prints
 * the same words (src/report/model.ts); the XLSX export is the report room's rendering itself.
 */
import type { OutcomeCode } from '../../law/outcomes.ts';
import type { AppealKind, Table3Row, Table4Column } from '../statistics.ts';

/** A line of table 三: a row of numbers, or a group heading. */
export type Table3Line = { row: Table3Row; label: string; depth: 0 | 1 | 2 } | { heading: string; depth: 0 | 1 };

const outcome = (row: OutcomeCode, label: string): Table3Line => ({ row, label, depth: 2 });

/** Table 三's lines in the template's order. */
export const TABLE3_LINES: readonly Table3Line[] = [
  { row: 'newReceived', label: '一、本年新收政府信息公开申请数量', depth: 0 },
  { row: 'carriedOver', label: '二、上年结转政府信息公开申请数量', depth: 0 },
  { heading: '三、本年度办理结果', depth: 0 },
  { row: 'granted', label: '（一）予以公开', depth: 1 },
  { row: 'partiallyGranted', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', depth: 1 },
  { heading: '（三）不予公开', depth: 1 },
  outcome('denied.stateSecret', '1.属于国家秘密'),
  outcome('denied.prohibitedByLaw', '2.其他法律行政法规禁止公开'),
  outcome('denied.threeSecurityOneStability', '3.危及“三安全一稳定”'),
  outcome('denied.thirdPartyRights', '4.保护第三方合法权益'),
  outcome('denied.internalAffairs', '5.属于三类内部事务信息'),
  outcome('denied.processInformation', '6.属于四类过程性信息'),
  outcome('denied.enforcementFiles', '7.属于行政执法案卷'),
  outcome('denied.administrativeQuery', '8.属于行政查询事项'),
  { heading: '（四）无法提供', depth: 1 },
  outcome('unableToProvide.notHeld', '1.本机关不掌握相关政府信息'),
  outcome('unableToProvide.needsCreation', '2.没有现成信息需要另行制作'),
  outcome('unableToProvide.unclearAfterCorrection', '3.补正后申请内容仍不明确'),
  { heading: '（五）不予处理', depth: 1 },
  outcome('notProcessed.complaint', '1.信访举报投诉类申请'),
  outcome('notProcessed.duplicate', '2.重复申请'),
  outcome('notProcessed.publication', '3.要求提供公开出版物'),
  outcome('notProcessed.excessive', '4.无正当理由大量反复申请'),
  outcome('notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息'),
  { heading: '（六）其他处理', depth: 1 },
  outcome('otherDisposal.noCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
  outcome('otherDisposal.unpaidFee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
  outcome('otherDisposal.other', '3.其他'),
  { row: 'totalProcessed', label: '（七）总计', depth: 1 },
  { row: 'carriedForward', label: '四、结转下年度继续办理', depth: 0 },
];

/** A row's label (the list behind a number names its row). */
export function table3RowLabel(row: Table3Row): string {
  const line = TABLE3_LINES.find((l) => 'row' in l && l.row === row);
  return line && 'row' in line ? line.label : row;
}

/** Table 三's columns under 申请人情况: 自然人, the five kinds of 法人或其他组织 (as printed), 总计. */
export const TABLE3_COLUMN_LABELS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;

/** Table 四's kinds, as rows here (the template prints them side by side). */
export const TABLE4_KIND_LABELS: Record<AppealKind, string> = {
  reconsideration: '行政复议',
  litigationDirect: '行政诉讼·未经复议直接起诉',
  litigationAfterReconsideration: '行政诉讼·复议后起诉',
};

/** Table 四's columns. */
export const TABLE4_COLUMNS: readonly Table4Column[] = ['upheld', 'corrected', 'other', 'pending', 'total'];
export const TABLE4_COLUMN_LABELS: Record<Table4Column, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };
