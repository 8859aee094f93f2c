/**
 * Applicant kinds: 自然人 and the five kinds of 法人或其他组织 (条例第二十七条: 公民、法人或者其他组织
 * may apply), as the annual-report template (国办公开办函〔2021〕30号, 表三 申请人情况) counts them.
 * The report room's Table 三 columns are these kinds followed by 总计.
 */

/** The six applicant kinds, in the template's column order. */
export const APPLICANT_KINDS = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** The kinds' names in the law's words (the template prints 其他 for otherOrg). */
export const APPLICANT_KIND_LABELS: Record<ApplicantKind, string> = {
  naturalPerson: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  socialWelfare: '社会公益组织',
  legalService: '法律服务机构',
  otherOrg: '其他法人或其他组织',
};

/** Whether the kind is one of 法人或其他组织. */
export function isOrganisation(kind: ApplicantKind): boolean {
  return kind !== 'naturalPerson';
}
