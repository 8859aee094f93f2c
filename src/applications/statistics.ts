/**
 * Tables 三 and 四 of the annual report, counted from the cases (国办公开办函〔2021〕30号 template). Pure:
 * given the agency's cases and appeals, and the year. A case counts
 * - in 本年新收 when received in the year (an online or posted application from its confirmation),
 * - in 上年结转 when received before the year and still open at its start,
 * - in the row of its outcome when replied (delivered) or withdrawn in the year (withdrawn: 其他处理·其他),
 * - in 结转下年度 when received by the year's end and still open then,
 * each in the column of its applicant kind; so 新收 + 结转 = 总计 + 结转下年度 holds by construction.
 */
import { APPLICANT_KINDS, type ApplicantKind } from '../law/applicant-kinds.ts';
import type { IsoDate } from '../law/dates.ts';
import { OUTCOME_CODES, type OutcomeCode } from '../law/outcomes.ts';

/** What the count needs of a case. */
export interface CountedCase {
  id: number;
  applicantKind: ApplicantKind;
  receiptDate: IsoDate | null;
  closedOn: IsoDate | null;
  outcome: OutcomeCode | null;
}

/** The three kinds of appeal of table 四, and their results. */
export const APPEAL_KINDS = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  reconsideration: '行政复议', litigationDirect: '行政诉讼（未经复议直接起诉）', litigationAfterReconsideration: '行政诉讼（复议后起诉）',
};
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];
export const APPEAL_RESULT_LABELS: Record<AppealResult, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果' };

/** What the count needs of an appeal. */
export interface CountedAppeal {
  id: number;
  kind: AppealKind;
  filedOn: IsoDate;
  decidedOn: IsoDate | null;
  result: AppealResult | null;
}

/** Table 三's rows as canonical JSON keys them (shared/spec/annual-report.md), 2021 template. */
export const TABLE3_ROW_KEYS = ['newReceived', 'carriedOver', ...OUTCOME_CODES, 'totalProcessed', 'carriedForward'] as const;
export type Table3Row = (typeof TABLE3_ROW_KEYS)[number];
export const TABLE3_COLUMN_KEYS = [...APPLICANT_KINDS, 'total'] as const;
export type Table4Column = 'upheld' | 'corrected' | 'other' | 'pending' | 'total';

/** The rows of table 三 a case counts in for a year. */
export function rowsOf(c: CountedCase, year: number): Table3Row[] {
  if (c.receiptDate === null) return [];
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const rows: Table3Row[] = [];
  const openAt = (day: string) => c.closedOn === null || c.closedOn > day;
  if (c.receiptDate >= start && c.receiptDate <= end) rows.push('newReceived');
  if (c.receiptDate < start && (c.closedOn === null || c.closedOn >= start)) rows.push('carriedOver');
  if (c.closedOn !== null && c.closedOn >= start && c.closedOn <= end && c.outcome !== null && c.receiptDate <= c.closedOn) rows.push(c.outcome, 'totalProcessed');
  if (c.receiptDate <= end && openAt(end)) rows.push('carriedForward');
  return rows;
}

/** Table 三 for a year: row → 7 integers (the applicant kinds, then 总计). */
export function table3Of(cases: readonly CountedCase[], year: number): Record<Table3Row, number[]> {
  const table = Object.fromEntries(TABLE3_ROW_KEYS.map((row) => [row, TABLE3_COLUMN_KEYS.map(() => 0)])) as Record<Table3Row, number[]>;
  const totalColumn = TABLE3_COLUMN_KEYS.length - 1;
  for (const c of cases) {
    const column = APPLICANT_KINDS.indexOf(c.applicantKind);
    for (const row of rowsOf(c, year)) {
      table[row]![column]! += 1;
      table[row]![totalColumn]! += 1;
    }
  }
  return table;
}

/** The column of table 四 an appeal counts in for a year, or null when it is not counted that year. */
export function appealColumnOf(a: CountedAppeal, year: number): Exclude<Table4Column, 'total'> | null {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  if (a.filedOn > end) return null;
  if (a.decidedOn !== null && a.result !== null && a.decidedOn >= start && a.decidedOn <= end) return a.result;
  // Not decided by the year's end: 尚未审结 (again each year until decided).
  if (a.decidedOn === null || a.decidedOn > end) return 'pending';
  return null;
}

/** Table 四 for a year: kind → the five columns. */
export function table4Of(appeals: readonly CountedAppeal[], year: number): Record<AppealKind, Record<Table4Column, number>> {
  const table = Object.fromEntries(APPEAL_KINDS.map((k) => [k, { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 }])) as Record<AppealKind, Record<Table4Column, number>>;
  for (const a of appeals) {
    const column = appealColumnOf(a, year);
    if (column === null) continue;
    table[a.kind][column] += 1;
    table[a.kind].total += 1;
  }
  return table;
}

/** The cases behind one cell of table 三 (the console links each number to them). */
export function casesBehind(cases: readonly CountedCase[], year: number, row: Table3Row, column: (typeof TABLE3_COLUMN_KEYS)[number]): number[] {
  return cases.filter((c) => (column === 'total' || c.applicantKind === column) && rowsOf(c, year).includes(row)).map((c) => c.id);
}
