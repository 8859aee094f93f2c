/**
 * Agency kinds, as 条例第四十九条 distinguishes them for the annual report: a people's government at
 * county level or above (县级以上人民政府, whose report aggregates its agencies') and every other
 * agency (县级以上人民政府部门, 派出机构, and the 乡镇人民政府 and 街道办事处 below county level).
 */

/** The two kinds, as canonical JSON writes them (shared/spec/annual-report.md `agencyKind`). */
export const AGENCY_KINDS = ['department', 'government'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** The kinds' names for people. */
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  department: '政府部门等行政机关',
  government: '县级以上人民政府',
};

/** A 乡 / 镇 people's government or a 街道办事处: below county level, so an agency. */
const BELOW_COUNTY = /(?:[乡镇]人民政府|街道办事处)$/;
/**
 * A people's government, a 管委会 that acts as one (开发区、综合实验区), or a region's own name
 * (上海市、淮安市洪泽区、平潭综合实验区): a region's report is its government's report.
 */
const GOVERNMENT = /(?:人民政府|管委会|管理委员会|省|市|区|县|州|旗|盟)$/;

/**
 * The kind of an agency, from its name, when a report does not state it. Whitespace is ignored.
 * Examples: 淮安市洪泽区人民政府 → government; 平潭综合实验区 → government; 沭阳县沭城镇人民政府 →
 * department; 上海市人民政府办公厅 → department; 沭阳县发展和改革局 → department; null → department.
 */
export function inferAgencyKind(name: string | null): AgencyKind {
  const compact = (name ?? '').replace(/\s+/g, '');
  if (BELOW_COUNTY.test(compact)) return 'department';
  return GOVERNMENT.test(compact) ? 'government' : 'department';
}
