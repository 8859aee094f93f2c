/**
 * The two rates the supervisor's dashboard draws over the years (issue 19 §5), from the totals column
 * of tables 三 and 四 (国办公开办函〔2021〕30号's template; shared/spec/annual-report.md). No statute
 * or national notice defines either rate, so each is defined here, once, with its words for the page
 * (docs/DECISIONS.md gives the reasons). Pure: the tables' sums are parameters; a rate whose
 * denominator is 0 is null (shown as “—”), never NaN or 0 %.
 */

/** The outcome groups of table 三 (三、本年度办理结果 (一)–(六)), in the template's order. */
export const OUTCOME_GROUPS = ['granted', 'partiallyGranted', 'denied', 'unableToProvide', 'notProcessed', 'otherDisposal'] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

/** The groups' names as the template prints them (without the numbering). */
export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, string> = {
  granted: '予以公开',
  partiallyGranted: '部分公开',
  denied: '不予公开',
  unableToProvide: '无法提供',
  notProcessed: '不予处理',
  otherDisposal: '其他处理',
};

/** The group a table 三 row key belongs to ('denied.stateSecret' → 'denied'; 2019's single 'otherDisposal' too), or null for a row that is not an outcome. */
export function outcomeGroupOf(rowKey: string): OutcomeGroup | null {
  const head = rowKey.split('.')[0] ?? '';
  return (OUTCOME_GROUPS as readonly string[]).includes(head) ? (head as OutcomeGroup) : null;
}

/** Table 四's three groups summed: 结果维持, 结果纠正, 其他结果 (审结 cases) and 尚未审结. */
export interface AppealTotals {
  upheld: number;
  corrected: number;
  other: number;
  pending: number;
}

/** A ratio with its parts, for the page's text equivalent. */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, or null when the denominator is 0 (nothing to divide: “—”). */
  value: number | null;
}

const rateOf = (numerator: number, denominator: number): Rate => ({ numerator, denominator, value: denominator > 0 ? numerator / denominator : null });

/** 实质公开率's definition, for the page beside its chart. */
export const DISCLOSURE_RATE_DEFINITION =
  '实质公开率 =（予以公开 + 部分公开）÷（办理结果总计 − 不予处理 − 其他处理）。分母是对申请内容作出实体答复的件数：' +
  '不予处理（信访举报投诉、重复申请、要求提供公开出版物等）和其他处理（申请人逾期不补正、不缴费等）没有就所申请的信息是否公开作出决定，不计入；' +
  '不予公开和无法提供计入分母。数字取自年度报告表三“总计”列。';

/**
 * 实质公开率: the share of applications decided on their merits that gave the applicant the information,
 * in full or in part. Denominator: 办理结果总计 less 不予处理 and 其他处理 — outcomes that decide nothing
 * about the information asked for (a complaint, a duplicate, an applicant who did not complete or pay).
 * Example: 予以公开 40, 部分公开 10, 不予公开 5, 无法提供 25, 不予处理 15, 其他处理 5 (总计 100) → 50 ÷ 80 = 62.5 %.
 */
export function disclosureRate(outcomes: Readonly<Record<OutcomeGroup, number>>): Rate {
  const total = OUTCOME_GROUPS.reduce((sum, g) => sum + outcomes[g], 0);
  return rateOf(outcomes.granted + outcomes.partiallyGranted, total - outcomes.notProcessed - outcomes.otherDisposal);
}

/** 纠错率's definition, for the page beside its chart. */
export const CORRECTION_RATE_DEFINITION =
  '纠错率 = 结果纠正 ÷（结果维持 + 结果纠正 + 其他结果）。分子分母都是行政复议、行政诉讼（未经复议直接起诉、复议后起诉）三类合计的已审结件数；' +
  '尚未审结的不计入。数字取自年度报告表四。';

/**
 * 纠错率: the share of concluded reconsiderations and lawsuits (行政复议, 行政诉讼 both kinds) whose result
 * corrected the agency. Pending cases (尚未审结) are left out: they have no result yet.
 * Example: 维持 6, 纠正 2, 其他 2, 未审结 3 → 2 ÷ 10 = 20 %.
 */
export function correctionRate(appeals: Readonly<AppealTotals>): Rate {
  return rateOf(appeals.corrected, appeals.upheld + appeals.corrected + appeals.other);
}

/** A rate in words: '62.5%', or '—' when there is nothing to divide. */
export function percentText(rate: Rate): string {
  if (rate.value === null) return '—';
  return `${(Math.round(rate.value * 1000) / 10).toFixed(1)}%`;
}
