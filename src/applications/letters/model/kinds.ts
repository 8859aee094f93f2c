/**
 * The standard letters of 依申请公开: one per reply type of 条例第三十六条 (and 第三十七条、第三十八条、
 * 第三十条、第三十五条、第三十九条 for the replies resting on them), and the letters sent on the way —
 * 补正告知书 (第三十条), 延期答复告知书 (第三十三条第二款), 征求第三方意见书 (第三十二条), 收费通知书
 * (第四十二条). Each outcome code of the annual report's table 三 has the letter it is answered with.
 */
import type { OutcomeCode } from '../../../law/outcomes.ts';

/** The letters, replies first (in the order of 第三十六条), then the letters of the procedure. */
export const LETTER_KINDS = [
  'alreadyPublished', 'granted', 'partiallyGranted', 'denied', 'notHeld', 'needsCreation', 'unclear',
  'repeated', 'notProcessed', 'specialProcedure', 'otherDisposal',
  'correction', 'extension', 'thirdParty', 'fee',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Is this text a letter kind? */
export function isLetterKind(text: string): text is LetterKind {
  return (LETTER_KINDS as readonly string[]).includes(text);
}

/**
 * How a letter tells the applicant to seek a remedy: 'direct' — 行政复议 within 60 days or 行政诉讼
 * within 6 months; 'reconsiderationFirst' — a refusal to disclose goes to 行政复议 first
 * (《行政复议法》（2023年修订）第二十三条第一款第四项), the court after the decision; null — none (a
 * letter on the way, or one to a third party).
 */
export type RemedyMode = 'direct' | 'reconsiderationFirst';

/** What a kind of letter is. */
export interface LetterKindInfo {
  /** The letter's name (the editor's list, the case page). */
  readonly label: string;
  /** The title printed on the letter (editable per agency). */
  readonly title: string;
  /** A reply (ends the case) or a letter of the procedure. */
  readonly group: 'reply' | 'procedure';
  /** Who it is addressed to. */
  readonly addressee: 'applicant' | 'thirdParty';
  readonly remedy: RemedyMode | null;
  /** The provision of the 条例 it rests on, when it does not depend on the outcome. */
  readonly article: string;
}

const REPLY = '政府信息公开申请答复书';
const NOTICE = '政府信息公开申请告知书';

/** Every kind's facts. */
export const LETTER_KIND_INFO: Record<LetterKind, LetterKindInfo> = {
  alreadyPublished: { label: '已主动公开，告知获取方式', title: REPLY, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '第三十六条第一项' },
  granted: { label: '予以公开', title: REPLY, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '第三十六条第二项' },
  partiallyGranted: { label: '部分公开', title: REPLY, group: 'reply', addressee: 'applicant', remedy: 'reconsiderationFirst', article: '第三十七条' },
  denied: { label: '不予公开', title: REPLY, group: 'reply', addressee: 'applicant', remedy: 'reconsiderationFirst', article: '第三十六条第三项' },
  notHeld: { label: '本机关不掌握（信息不存在或不属于本机关负责公开）', title: REPLY, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '第三十六条第四项' },
  needsCreation: { label: '需要另行制作，不予提供', title: REPLY, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '第三十八条' },
  unclear: { label: '补正后申请内容仍不明确', title: NOTICE, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '第三十条' },
  repeated: { label: '重复申请，不予重复处理', title: NOTICE, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '第三十六条第六项' },
  notProcessed: { label: '不予处理告知', title: NOTICE, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '' },
  specialProcedure: { label: '有专门规定，告知依照办理', title: NOTICE, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '第三十六条第七项' },
  otherDisposal: { label: '其他处理告知', title: NOTICE, group: 'reply', addressee: 'applicant', remedy: 'direct', article: '' },
  correction: { label: '补正告知书', title: '政府信息公开申请补正告知书', group: 'procedure', addressee: 'applicant', remedy: null, article: '第三十条' },
  extension: { label: '延期答复告知书', title: '政府信息公开申请延期答复告知书', group: 'procedure', addressee: 'applicant', remedy: null, article: '第三十三条第二款' },
  thirdParty: { label: '征求第三方意见书', title: '政府信息公开征求第三方意见书', group: 'procedure', addressee: 'thirdParty', remedy: null, article: '第三十二条' },
  fee: { label: '收费通知书', title: '政府信息公开信息处理费收费通知书', group: 'procedure', addressee: 'applicant', remedy: 'direct', article: '第四十二条' },
};

/** The letter each outcome is answered with (granted: 予以公开; the 已主动公开 letter is chosen by hand). */
export const LETTER_KIND_OF_OUTCOME: Record<OutcomeCode, LetterKind> = {
  granted: 'granted',
  partiallyGranted: 'partiallyGranted',
  'denied.stateSecret': 'denied',
  'denied.prohibitedByLaw': 'denied',
  'denied.threeSecurityOneStability': 'denied',
  'denied.thirdPartyRights': 'denied',
  'denied.internalAffairs': 'denied',
  'denied.processInformation': 'denied',
  'denied.enforcementFiles': 'denied',
  'denied.administrativeQuery': 'denied',
  'unableToProvide.notHeld': 'notHeld',
  'unableToProvide.needsCreation': 'needsCreation',
  'unableToProvide.unclearAfterCorrection': 'unclear',
  'notProcessed.complaint': 'notProcessed',
  'notProcessed.duplicate': 'repeated',
  'notProcessed.publication': 'notProcessed',
  'notProcessed.excessive': 'notProcessed',
  'notProcessed.confirmation': 'notProcessed',
  // 视为放弃 / 逾期不缴费: the agency tells the applicant it no longer processes the application.
  'otherDisposal.noCorrection': 'notProcessed',
  'otherDisposal.unpaidFee': 'notProcessed',
  'otherDisposal.other': 'otherDisposal',
};

/** The reply letters that fit an outcome, the usual one first (a grant of published information may use 告知获取方式). */
export function letterKindsForOutcome(outcome: OutcomeCode): LetterKind[] {
  const usual = LETTER_KIND_OF_OUTCOME[outcome];
  if (outcome === 'granted') return [usual, 'alreadyPublished'];
  if (outcome === 'otherDisposal.other') return [usual, 'specialProcedure'];
  return [usual];
}

/**
 * The specific provision behind an outcome, as a letter cites it (the 条例 unless named); '' where the
 * annual-report taxonomy files it under a common practice with no provision of its own (未核实 in
 * src/law/outcomes.ts): the letter then cites only the kind's article.
 */
export const OUTCOME_PROVISIONS: Record<OutcomeCode, string> = {
  granted: '',
  partiallyGranted: '',
  'denied.stateSecret': '第十四条',
  'denied.prohibitedByLaw': '第十四条',
  'denied.threeSecurityOneStability': '第十四条',
  'denied.thirdPartyRights': '第十五条',
  'denied.internalAffairs': '第十六条第一款',
  'denied.processInformation': '第十六条第二款',
  'denied.enforcementFiles': '第十六条第二款',
  'denied.administrativeQuery': '',
  'unableToProvide.notHeld': '',
  'unableToProvide.needsCreation': '',
  'unableToProvide.unclearAfterCorrection': '',
  'notProcessed.complaint': '第三十九条第一款',
  'notProcessed.duplicate': '',
  'notProcessed.publication': '第三十九条第二款',
  'notProcessed.excessive': '第三十五条',
  'notProcessed.confirmation': '',
  'otherDisposal.noCorrection': '第三十条',
  'otherDisposal.unpaidFee': '第四十二条',
  'otherDisposal.other': '',
};

/**
 * The reason category of an outcome as a sentence continues it (“您所申请公开的政府信息属于国家秘密”,
 * “您以政府信息公开申请的形式进行信访……”): the words of 第十四条至第十六条、第三十条、第三十五条、
 * 第三十九条 and the annual-report template.
 */
export const OUTCOME_PHRASES: Record<OutcomeCode, string> = {
  granted: '属于可以公开的政府信息',
  partiallyGranted: '含有不应当公开的内容，但能够作区分处理',
  'denied.stateSecret': '属于国家秘密',
  'denied.prohibitedByLaw': '属于法律、行政法规禁止公开的政府信息',
  'denied.threeSecurityOneStability': '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
  'denied.thirdPartyRights': '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
  'denied.internalAffairs': '属于人事管理、后勤管理、内部工作流程等方面的内部事务信息',
  'denied.processInformation': '属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  'denied.enforcementFiles': '属于行政执法案卷信息',
  'denied.administrativeQuery': '属于行政查询事项',
  'unableToProvide.notHeld': '本机关没有制作或者获取，或者不属于本机关负责公开',
  'unableToProvide.needsCreation': '需要本机关对现有政府信息进行加工、分析',
  'unableToProvide.unclearAfterCorrection': '经补正后申请内容仍不明确',
  'notProcessed.complaint': '以政府信息公开申请的形式进行信访、投诉、举报等活动',
  'notProcessed.duplicate': '重复申请公开相同的政府信息',
  'notProcessed.publication': '要求提供政府公报、报刊、书籍等公开出版物',
  'notProcessed.excessive': '申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理',
  'notProcessed.confirmation': '要求行政机关确认或者重新出具已经获取的信息',
  'otherDisposal.noCorrection': '经本机关告知补正后，无正当理由逾期未补正，视为放弃申请',
  'otherDisposal.unpaidFee': '逾期未按照收费通知的要求缴纳信息处理费',
  'otherDisposal.other': '另有情形',
};
