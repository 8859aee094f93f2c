/**
 * How an application ends: the outcome codes of 表三 三、本年度办理结果 (一)–(六) in the
 * annual-report template (国办公开办函〔2021〕30号), each with the provision it rests on. The report
 * room's Table 三 outcome rows are these codes; an application's decision will be one of them.
 */

/** The 21 outcome codes of the 2021 template, in the template's order. */
export const OUTCOME_CODES = [
  'granted', 'partiallyGranted',
  'denied.stateSecret', 'denied.prohibitedByLaw', 'denied.threeSecurityOneStability', 'denied.thirdPartyRights',
  'denied.internalAffairs', 'denied.processInformation', 'denied.enforcementFiles', 'denied.administrativeQuery',
  'unableToProvide.notHeld', 'unableToProvide.needsCreation', 'unableToProvide.unclearAfterCorrection',
  'notProcessed.complaint', 'notProcessed.duplicate', 'notProcessed.publication', 'notProcessed.excessive',
  'notProcessed.confirmation',
  'otherDisposal.noCorrection', 'otherDisposal.unpaidFee', 'otherDisposal.other',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Outcome labels with their group, and the provision each rests on. */
export const OUTCOMES: Record<OutcomeCode, { readonly label: string; readonly basis: string }> = {
  granted: { label: '予以公开', basis: '第三十六条第一项、第二项' },
  partiallyGranted: { label: '部分公开（区分处理）', basis: '第三十七条' },
  'denied.stateSecret': { label: '不予公开：属于国家秘密', basis: '第十四条' },
  'denied.prohibitedByLaw': { label: '不予公开：其他法律行政法规禁止公开', basis: '第十四条' },
  'denied.threeSecurityOneStability': { label: '不予公开：危及“三安全一稳定”', basis: '第十四条' },
  'denied.thirdPartyRights': { label: '不予公开：保护第三方合法权益', basis: '第十五条、第三十二条' },
  'denied.internalAffairs': { label: '不予公开：属于三类内部事务信息', basis: '第十六条第一款' },
  'denied.processInformation': { label: '不予公开：属于四类过程性信息', basis: '第十六条第二款' },
  'denied.enforcementFiles': { label: '不予公开：属于行政执法案卷', basis: '第十六条第二款' },
  'denied.administrativeQuery': { label: '不予公开：属于行政查询事项', basis: '常用归类（不属于第二条所称政府信息；未核实）' },
  'unableToProvide.notHeld': { label: '无法提供：本机关不掌握相关政府信息', basis: '第三十六条第四项、第五项' },
  'unableToProvide.needsCreation': { label: '无法提供：没有现成信息需要另行制作', basis: '第三十八条' },
  'unableToProvide.unclearAfterCorrection': { label: '无法提供：补正后申请内容仍不明确', basis: '第三十条' },
  'notProcessed.complaint': { label: '不予处理：信访举报投诉类申请', basis: '第三十九条第一款' },
  'notProcessed.duplicate': { label: '不予处理：重复申请', basis: '第三十六条第六项' },
  'notProcessed.publication': { label: '不予处理：要求提供公开出版物', basis: '第三十九条第二款' },
  'notProcessed.excessive': { label: '不予处理：无正当理由大量反复申请', basis: '第三十五条' },
  'notProcessed.confirmation': { label: '不予处理：要求行政机关确认或重新出具已获取信息', basis: '常用归类（参照第三十九条；未核实）' },
  'otherDisposal.noCorrection': { label: '其他处理：申请人无正当理由逾期不补正、行政机关不再处理', basis: '第三十条' },
  'otherDisposal.unpaidFee': { label: '其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理', basis: '第四十二条；国办函〔2020〕109号' },
  'otherDisposal.other': { label: '其他处理：其他', basis: '—' },
};
