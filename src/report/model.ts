/**
 * The annual report (政府信息公开工作年度报告) in canonical JSON, as fixed by
 * shared/spec/annual-report.md. Pure: types, keys and labels only.
 *
 * A blank cell, a dash or a slash in a source is `null`, never 0. The law's vocabularies (applicant
 * kinds, outcome codes, agency kinds) come from src/law/; this file lays them out as the template does.
 */
import type { AgencyKind } from '../law/agency-kinds.ts';
import { APPLICANT_KINDS } from '../law/applicant-kinds.ts';
import { OUTCOME_CODES } from '../law/outcomes.ts';

/** Template generation: `2019` (report years 2019–2020) or `2021` (国办公开办函〔2021〕30号, from 2021 on). */
export const REPORT_FORMATS = ['2019', '2021'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A cell value: a number as printed, or null for a blank / dash / slash cell. */
export type Cell = number | null;

/** The six sections, in order (条例第五十条 and the 2021 template). */
export const SECTION_KEYS = ['overview', 'proactive', 'applications', 'appeals', 'problems', 'other'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_TITLES: Record<SectionKey, string> = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

export interface ReportSection {
  key: SectionKey;
  title: string;
  text: string;
}

// ---------- Table 二 (proactive disclosure) ----------

/** Table 二 rows and columns of the 2021 template. */
export const TABLE2_2021 = {
  regulations: ['issued', 'repealed', 'inForce'],
  normativeDocuments: ['issued', 'repealed', 'inForce'],
  licensing: ['decisions'],
  punishment: ['decisions'],
  enforcement: ['decisions'],
  fees: ['amountWan'],
} as const;

/** Table 二 rows and columns of the 2019 template. */
export const TABLE2_2019 = {
  regulations: ['made', 'published', 'totalPublic'],
  normativeDocuments: ['made', 'published', 'totalPublic'],
  licensing: ['itemsLastYear', 'itemsChange', 'decisions'],
  otherServices: ['itemsLastYear', 'itemsChange', 'decisions'],
  punishment: ['itemsLastYear', 'itemsChange', 'decisions'],
  enforcement: ['itemsLastYear', 'itemsChange', 'decisions'],
  fees: ['itemsLastYear', 'itemsChange'],
  procurement: ['projects', 'amountText'],
} as const;

export type Table2RowKey = keyof typeof TABLE2_2021 | keyof typeof TABLE2_2019;

/** The Table 二 layout of a template generation. */
export function table2Layout(format: ReportFormat): Readonly<Record<string, readonly string[]>> {
  return format === '2021' ? TABLE2_2021 : TABLE2_2019;
}

/**
 * Table 二 values: row key → column key → value. Numbers are counts, except `amountWan`
 * (a decimal, 万元) and `amountText` (the procurement amount as printed, unit included).
 * `itemsChange` may be negative (本年增/减).
 */
export type Table2 = Partial<Record<Table2RowKey, Record<string, number | string | null>>>;

export const TABLE2_ROW_LABELS: Record<Table2RowKey, string> = {
  regulations: '规章',
  normativeDocuments: '行政规范性文件',
  licensing: '行政许可',
  otherServices: '其他对外管理服务事项',
  punishment: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
};

export const TABLE2_COLUMN_LABELS: Record<string, string> = {
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '本年处理决定数量',
  amountWan: '本年收费金额（单位：万元）',
  made: '本年新制作数量',
  published: '本年新公开数量',
  totalPublic: '对外公开总数量',
  itemsLastYear: '上一年项目数量',
  itemsChange: '本年增/减',
  projects: '采购项目数量',
  amountText: '采购总金额',
};

// ---------- Table 三 (applications) ----------

/** Table 三 columns: the applicant kinds (src/law/applicant-kinds.ts), then 总计. */
export const TABLE3_COLUMNS = [...APPLICANT_KINDS, 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

export const TABLE3_COLUMN_LABELS: Record<Table3Column, string> = {
  naturalPerson: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  socialWelfare: '社会公益组织',
  legalService: '法律服务机构',
  otherOrg: '其他',
  total: '总计',
};

/** Outcome rows (三、本年度办理结果 (一)–(六)) of the 2021 template, in order: the law's outcome codes (src/law/outcomes.ts). */
export const TABLE3_OUTCOME_ROWS_2021 = OUTCOME_CODES;

/** Outcome rows of the 2019 template: （六）其他处理 is a single row. */
export const TABLE3_OUTCOME_ROWS_2019 = [...TABLE3_OUTCOME_ROWS_2021.slice(0, 18), 'otherDisposal'] as const;

export const TABLE3_ROWS_2021 = ['newReceived', 'carriedOver', ...TABLE3_OUTCOME_ROWS_2021, 'totalProcessed', 'carriedForward'] as const;
export const TABLE3_ROWS_2019 = ['newReceived', 'carriedOver', ...TABLE3_OUTCOME_ROWS_2019, 'totalProcessed', 'carriedForward'] as const;

export type Table3RowKey = (typeof TABLE3_ROWS_2021)[number] | 'otherDisposal';

/** The template's row keys for a format. */
export function table3Rows(format: ReportFormat): readonly Table3RowKey[] {
  return format === '2021' ? TABLE3_ROWS_2021 : TABLE3_ROWS_2019;
}

/** The row labels as the 2021 template prints them (group prefix included for the first row of a group). */
export const TABLE3_ROW_LABELS: Record<Table3RowKey, string> = {
  newReceived: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  granted: '（一）予以公开',
  partiallyGranted: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'denied.stateSecret': '1.属于国家秘密',
  'denied.prohibitedByLaw': '2.其他法律行政法规禁止公开',
  'denied.threeSecurityOneStability': '3.危及“三安全一稳定”',
  'denied.thirdPartyRights': '4.保护第三方合法权益',
  'denied.internalAffairs': '5.属于三类内部事务信息',
  'denied.processInformation': '6.属于四类过程性信息',
  'denied.enforcementFiles': '7.属于行政执法案卷',
  'denied.administrativeQuery': '8.属于行政查询事项',
  'unableToProvide.notHeld': '1.本机关不掌握相关政府信息',
  'unableToProvide.needsCreation': '2.没有现成信息需要另行制作',
  'unableToProvide.unclearAfterCorrection': '3.补正后申请内容仍不明确',
  'notProcessed.complaint': '1.信访举报投诉类申请',
  'notProcessed.duplicate': '2.重复申请',
  'notProcessed.publication': '3.要求提供公开出版物',
  'notProcessed.excessive': '4.无正当理由大量反复申请',
  'notProcessed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  'otherDisposal.noCorrection': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'otherDisposal.unpaidFee': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'otherDisposal.other': '3.其他',
  otherDisposal: '（六）其他处理',
  totalProcessed: '（七）总计',
  carriedForward: '四、结转下年度继续办理',
};

/** Outcome group headings (merged cells of the template's second label column). */
export const TABLE3_GROUP_LABELS = {
  outcomes: '三、本年度办理结果',
  denied: '（三）不予公开',
  unableToProvide: '（四）无法提供',
  notProcessed: '（五）不予处理',
  otherDisposal: '（六）其他处理',
} as const;

export interface Table3 {
  columns: Table3Column[];
  /** Row key → 7 cells in TABLE3_COLUMNS order. Rows the source lacks are absent. */
  rows: Partial<Record<Table3RowKey, Cell[]>>;
}

// ---------- Table 四 (reconsideration and litigation) ----------

export const TABLE4_GROUPS = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
export type Table4Group = (typeof TABLE4_GROUPS)[number];
export const TABLE4_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type Table4Column = (typeof TABLE4_COLUMNS)[number];

export const TABLE4_GROUP_LABELS: Record<Table4Group, string> = {
  reconsideration: '行政复议',
  litigationDirect: '行政诉讼·未经复议直接起诉',
  litigationAfterReconsideration: '行政诉讼·复议后起诉',
};
export const TABLE4_COLUMN_LABELS: Record<Table4Column, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

export type Table4 = Partial<Record<Table4Group, Record<Table4Column, Cell>>>;

// ---------- The report ----------

/** A parse warning: every doubt of an importer, naming the row (never a silent guess). */
export interface ParseWarning {
  /** Stable code, e.g. 'table3.row-split-inferred', 'table3.cell-missing'. */
  code: string;
  /** Cell or row path, e.g. 't3.granted', 't3.carriedForward[6]', 't2.fees.amountWan'. */
  path?: string;
  /** Chinese message for a person. */
  message: string;
}

/** The canonical annual report of shared/spec/annual-report.md. */
export interface AnnualReport {
  agency: string | null;
  year: number | null;
  format: ReportFormat;
  agencyKind?: AgencyKind;
  /** Publication date, YYYY-MM-DD, where the source shows it. */
  publishedOn?: string;
  sections?: ReportSection[];
  table2: Table2;
  table3: Table3;
  table4: Table4;
  /** Importer's doubts; absent or empty when the source was read without doubt. */
  warnings?: ParseWarning[];
}

/** A cell path as used in findings, warnings and `_unscored` (e.g. 't3.carriedForward[6]'). */
export type CellPath = string;

export function table3CellPath(row: Table3RowKey, column: number): CellPath {
  return `t3.${row}[${column}]`;
}
export function table4CellPath(group: Table4Group, column: Table4Column): CellPath {
  return `t4.${group}.${column}`;
}
export function table2CellPath(row: string, column: string): CellPath {
  return `t2.${row}.${column}`;
}

/** Which template a report year uses by default (the 2021 template applies from report year 2021). */
export function defaultFormatForYear(year: number): ReportFormat {
  return year >= 2021 ? '2021' : '2019';
}
