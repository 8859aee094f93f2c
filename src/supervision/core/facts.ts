/**
 * The facts an annual report is drafted from (issue 19 §1): what the agency's records say about the
 * year and the year before. Pure: types only. The tables are the canonical JSON's (2021 template,
 * shared/spec/annual-report.md); every other fact is a count the drafted sentences quote, each with
 * the list of records behind it (`FactSource`), so that a reader can check any generated figure.
 */
import type { AgencyKind } from '../../law/agency-kinds.ts';

/** Table 三's rows (2021) → 7 counts (the six applicant kinds, then 总计). */
export type Table3Rows = Record<string, number[]>;
/** Table 四: group → { upheld, corrected, other, pending, total }. */
export type Table4Groups = Record<'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration', Record<'upheld' | 'corrected' | 'other' | 'pending' | 'total', number>>;
/** Table 二 (2021): row → column → count (null: a figure never entered), fees in 万元. */
export type Table2Rows = Record<string, Record<string, number | null>>;

/** The supervision records of a year (src/supervision/records*): 检查, 培训, 5·15 活动, 咨询/建议. */
export interface RecordFacts {
  /** 政务公开培训: how many, how many attendances (人次). */
  trainings: { count: number; attendees: number };
  /** 检查: inspections of the agency, the problems they found, how many were rectified, how many are still open. */
  inspections: { count: number; findings: number; rectified: number; open: number };
  /** “5·15 政务公开日” events. */
  publicDayEvents: { count: number };
  /** 咨询/建议 received (12345 hand-offs among them) and how many were replied to. */
  consultations: { count: number; replied: number; hotline: number };
}

export const NO_RECORD_FACTS: RecordFacts = {
  trainings: { count: 0, attendees: 0 },
  inspections: { count: 0, findings: 0, rectified: 0, open: 0 },
  publicDayEvents: { count: 0 },
  consultations: { count: 0, replied: 0, hotline: 0 },
};

/** What the catalog says about the year beyond table 二. */
export interface CatalogFacts {
  /** Items published in the year (主动公开). */
  published: number;
  /** 政策解读 among them. */
  interpretations: number;
}

/** What the applications say beyond tables 三/四. */
export interface ApplicationFacts {
  /** Replies given after their statutory due date (closed late), among the cases closed in the year. */
  repliedLate: number;
  /** 信息处理费 collected in the year: cases and the amount in fen. */
  feeCases: number;
  feeFen: number;
}

/** Everything one year's report is drafted from. */
export interface ReportFacts {
  agencyId: number;
  agency: string;
  agencyKind: AgencyKind;
  year: number;
  table2: Table2Rows;
  table3: Table3Rows;
  table4: Table4Groups;
  catalog: CatalogFacts;
  applications: ApplicationFacts;
  records: RecordFacts;
  /** The year before (for “较上年” comparisons): its published report's tables, else its records' counts. */
  previous?: { table3: Table3Rows; catalog: CatalogFacts };
  /** For a government: how many agencies under it its tables 三/四 add up (0 for a department). */
  rolledUpAgencies: number;
}

/** Where a generated figure comes from: what it counts, its value, and the page listing the records. */
export interface FactSource {
  label: string;
  value: number | string;
  href: string;
}
