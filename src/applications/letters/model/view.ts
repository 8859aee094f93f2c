/**
 * The view model of a letter: the facts of the case as a letter needs them (`LetterFacts`, resolved
 * by the service from the case, its deadlines and the agency), and the value of every placeholder a
 * template may use. A value is `null` when the letter needs a fact the case does not have yet (the
 * letter then shows 【待填写：…】 and cannot be frozen); '' when the fact is optional and absent.
 */
import type { IsoDate } from '../../../law/dates.ts';
import { OUTCOMES, type OutcomeCode } from '../../../law/outcomes.ts';
import { capitalYuanOf, chineseDateOf, yuanOf } from './amount.ts';
import { LETTER_KIND_INFO, OUTCOME_PHRASES, OUTCOME_PROVISIONS, type LetterKind, type RemedyMode } from './kinds.ts';

/** The placeholders a template may use, each with what it stands for (listed on the editor page). */
export const PLACEHOLDERS = {
  申请人: '申请人的姓名或者名称（信头的称呼）',
  申请人地址: '申请人的通信地址',
  申请编号: '申请的查询码',
  申请日期: '申请人提交申请之日',
  收到申请日期: '收到申请之日（条例第三十一条）',
  申请内容: '所申请政府信息的名称、文号或者特征性描述',
  答复期限: '答复期限：收到申请之日起20个工作日（第三十三条第二款；补正的，自收到补正申请之日起算）',
  延长工作日数: '延长答复期限的工作日数',
  延长后答复期限: '延长后的答复期限',
  补正事项: '需要补正的事项',
  补正期限: '补正的期限（未指定日期时为“收到本告知书之日起15个工作日内”）',
  第三方: '被征求意见的第三方的姓名或者名称',
  第三方意见期限: '第三方提出意见的期限：收到征求意见书之日起15个工作日（第三十二条）',
  收费金额: '信息处理费金额，如 ¥12.50（人民币壹拾贰元伍角整）',
  收费依据: '收费的计算方式（按件或者按量，处理费办法第三条至第五条）',
  缴费方式: '缴纳方式（本机关设置）',
  缴费期限: '缴费期限（未指定日期时为“收到本通知书之日起20个工作日内”）',
  办理结果: '办理结果（年度报告表三的分类）',
  理由类别: '办理结果的理由类别，接在“您所申请公开的政府信息”或者“您”之后，如“属于国家秘密”',
  法律依据: '答复依据的条款，如《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项',
  理由: '经办人填写的理由或者说明',
  获取方式: '获取信息的方式、途径和时间',
  检索结果: '不掌握时的告知：信息不存在，或者不属于本机关负责公开并告知负责机关',
  负责机关: '负责公开该信息的机关及其联系方式',
  复议机关: '行政复议机关（本机关设置；未设置时为“本机关的上一级行政机关或者本级人民政府”）',
  救济途径: '行政复议、行政诉讼的告知',
  机关名称: '本机关的名称',
  联系方式: '本机关的通信地址、邮政编码和联系电话',
  日期: '成文日期',
  文号: '文书编号（可不填）',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

/** Is this name a placeholder? */
export function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** The agency as its letters show it. */
export interface LetterAgency {
  name: string;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  /** The 落款 line when it is not the agency's name (e.g. 某某局政府信息公开专用章). */
  sealLine: string | null;
  /** The 行政复议机关 named in the remedy clause; null: the generic phrase. */
  reconsiderationBody: string | null;
  /** How to pay a 信息处理费; null: the default sentence. */
  feePayment: string | null;
}

/** Everything a letter says about a case, resolved (dates from src/law, amounts in fen). */
export interface LetterFacts {
  agency: LetterAgency;
  /** The applicant, as addressed. */
  applicant: { name: string; address: string | null };
  trackingCode: string;
  submitted: IsoDate | null;
  receiptDate: IsoDate | null;
  description: string;
  outcome: OutcomeCode | null;
  reasons: string | null;
  replyDue: IsoDate | null;
  extendedReplyDue: IsoDate | null;
  extensionWorkingDays: number;
  correctionItems: string | null;
  /** The day by which to correct, when the agency set one (第三十条：合理的补正期限). */
  correctionDue: IsoDate | null;
  thirdParty: { name: string; opinionDue: IsoDate | null } | null;
  fee: { amountFen: number | null; basis: string | null; due: IsoDate | null } | null;
  /** The agency responsible for the information, when known (第三十六条第五项). */
  holder: { name: string; contact: string | null } | null;
  /** How, where and when the information is obtained (第三十六条第一项、第二项). */
  access: string | null;
  letterDate: IsoDate;
  documentNumber: string | null;
}

/** The remedy clause names this body unless the agency set its own. */
export const GENERIC_RECONSIDERATION_BODY = '本机关的上一级行政机关或者本级人民政府';
/** 补正 period when the agency set no date: common practice (the 条例 asks for “合理的补正期限”). */
export const DEFAULT_CORRECTION_PERIOD = '收到本告知书之日起15个工作日内';
/** 缴费 period when no date is given: 处理费办法 as law.md §4.3 recalls it (未核实：须对照原文). */
export const DEFAULT_FEE_PERIOD = '收到本通知书之日起20个工作日内';
/** 缴费方式 when the agency set none. */
export const DEFAULT_FEE_PAYMENT = '请按照本机关随本通知书提供的缴款书（或者缴款二维码）载明的方式缴纳';
const REGULATION = '《中华人民共和国政府信息公开条例》';
const FEE_MEASURES = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

/** Kinds whose letter must give reasons (第三十六条第三项“说明理由”, 第三十七条, 第三十九条). */
const NEEDS_REASONS: readonly LetterKind[] = ['partiallyGranted', 'denied', 'specialProcedure', 'otherDisposal'];
/** Kinds whose letter must say how to obtain the information. */
const NEEDS_ACCESS: readonly LetterKind[] = ['alreadyPublished', 'granted', 'partiallyGranted'];

const dateOrNull = (date: IsoDate | null) => (date === null ? null : chineseDateOf(date));
/** Free text as a template continues it: the template supplies the final stop. */
function clause(text: string | null): string | null {
  const trimmed = text?.trim().replace(/[。．.；;，,、\s\u3000]+$/u, '') ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The provisions a letter rests on, for this kind and outcome. */
export function legalBasisOf(kind: LetterKind, outcome: OutcomeCode | null, holderKnown: boolean): string {
  if (kind === 'fee') return `${REGULATION}第四十二条和${FEE_MEASURES}`;
  if (kind === 'notProcessed' && outcome === 'otherDisposal.unpaidFee') return `${REGULATION}第四十二条和${FEE_MEASURES}`;
  const article = kind === 'notHeld' && holderKnown ? '第三十六条第五项' : LETTER_KIND_INFO[kind].article;
  const provisions = [outcome === null ? '' : OUTCOME_PROVISIONS[outcome], article].filter((p, i, all) => p !== '' && all.indexOf(p) === i);
  return `${REGULATION}${provisions.join('、')}`;
}

/** What the remedy clause calls the letter. */
function nounOf(kind: LetterKind): string {
  if (kind === 'fee') return '通知书';
  return LETTER_KIND_INFO[kind].title.endsWith('答复书') ? '答复' : '告知书';
}

/**
 * The remedy clause: 行政复议 within 60 days of receipt (《行政复议法》), 行政诉讼 within 6 months
 * (《行政诉讼法》第四十六条); a refusal to disclose goes to 行政复议 first (《行政复议法》第二十三条),
 * then to court within 15 days of the decision (《行政诉讼法》第四十五条).
 */
export function remedyClauseOf(mode: RemedyMode, noun: string, body: string): string {
  if (mode === 'reconsiderationFirst') {
    return `如对本${noun}不服，应当依照《中华人民共和国行政复议法》第二十三条的规定，自收到本${noun}之日起60日内先向${body}申请行政复议；`
      + `对行政复议决定不服的，可以依照《中华人民共和国行政诉讼法》第四十五条的规定，自收到行政复议决定书之日起15日内向人民法院提起行政诉讼。`;
  }
  return `如对本${noun}不服，可以依照《中华人民共和国行政复议法》的规定，自收到本${noun}之日起60日内向${body}申请行政复议；`
    + `也可以依照《中华人民共和国行政诉讼法》第四十六条的规定，自收到本${noun}之日起6个月内向人民法院提起行政诉讼。`;
}

function contactOf(agency: LetterAgency): string {
  const parts: string[] = [];
  if (agency.address) parts.push(`通信地址：${agency.address}${agency.postcode ? `（邮政编码：${agency.postcode}）` : ''}`);
  if (agency.phone) parts.push(`联系电话：${agency.phone}`);
  return parts.join('；');
}

function searchResultOf(facts: LetterFacts): string {
  if (facts.holder === null) return '经检索，本机关没有制作或者获取您所申请公开的政府信息，该政府信息不存在。';
  const contact = facts.holder.contact ? `（联系方式：${facts.holder.contact}）` : '';
  return `您所申请公开的政府信息不属于本机关负责公开。经确定，负责公开该政府信息的机关是${facts.holder.name}${contact}，您可以向该机关提出申请。`;
}

/** The value of every placeholder for a letter of `kind` about these facts. */
export function placeholderValues(facts: LetterFacts, kind: LetterKind): Record<Placeholder, string | null> {
  const { agency, outcome, fee } = facts;
  const info = LETTER_KIND_INFO[kind];
  const body = agency.reconsiderationBody ?? GENERIC_RECONSIDERATION_BODY;
  const opinionDue = facts.thirdParty?.opinionDue ?? null;
  return {
    申请人: facts.applicant.name,
    申请人地址: facts.applicant.address ?? '',
    申请编号: facts.trackingCode,
    申请日期: dateOrNull(facts.submitted),
    收到申请日期: dateOrNull(facts.receiptDate),
    申请内容: facts.description,
    答复期限: dateOrNull(facts.replyDue),
    延长工作日数: facts.extensionWorkingDays > 0 ? String(facts.extensionWorkingDays) : null,
    延长后答复期限: dateOrNull(facts.extendedReplyDue),
    补正事项: clause(facts.correctionItems),
    补正期限: facts.correctionDue === null ? DEFAULT_CORRECTION_PERIOD : `${chineseDateOf(facts.correctionDue)}前`,
    第三方: facts.thirdParty?.name ?? null,
    第三方意见期限: `收到本征求意见书之日起15个工作日内${opinionDue === null ? '' : `（即${chineseDateOf(opinionDue)}前）`}`,
    收费金额: fee?.amountFen == null ? null : `${yuanOf(fee.amountFen)}（人民币${capitalYuanOf(fee.amountFen)}）`,
    收费依据: clause(fee?.basis ?? null) ?? '',
    缴费方式: agency.feePayment ?? DEFAULT_FEE_PAYMENT,
    缴费期限: fee?.due == null ? DEFAULT_FEE_PERIOD : `${chineseDateOf(fee.due)}前`,
    办理结果: outcome === null ? null : OUTCOMES[outcome].label,
    理由类别: outcome === null ? null : OUTCOME_PHRASES[outcome],
    法律依据: legalBasisOf(kind, outcome, facts.holder !== null),
    理由: clause(facts.reasons) ?? (NEEDS_REASONS.includes(kind) ? null : ''),
    获取方式: clause(facts.access) ?? (NEEDS_ACCESS.includes(kind) ? null : ''),
    检索结果: searchResultOf(facts),
    负责机关: facts.holder === null ? '' : `${facts.holder.name}${facts.holder.contact ? `（联系方式：${facts.holder.contact}）` : ''}`,
    复议机关: body,
    救济途径: info.remedy === null ? '' : remedyClauseOf(info.remedy, nounOf(kind), body),
    机关名称: agency.name,
    联系方式: contactOf(agency),
    日期: chineseDateOf(facts.letterDate),
    文号: facts.documentNumber ?? '',
  };
}

/** Who the letter is addressed to (the 征求第三方意见书 to the third party), null when not known. */
export function addresseeOf(facts: LetterFacts, kind: LetterKind): string | null {
  return LETTER_KIND_INFO[kind].addressee === 'thirdParty' ? facts.thirdParty?.name ?? null : facts.applicant.name;
}
