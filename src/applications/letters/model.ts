/**
 * The letters of 依申请公开, pure: the kinds (one per reply type of 条例第三十六条 and the letters of
 * the procedure) and the letter each outcome is answered with, the view model (the facts a letter
 * states and the values of its placeholders) and the templates (checked, filled in, laid out). The
 * parts live in model/; this is their one surface.
 */
import type { IsoDate } from '../../law/dates.ts';
import { LETTER_KIND_INFO, type LetterKind } from './model/kinds.ts';
import { renderLetter, type LetterDocument, type LetterTemplate } from './model/template.ts';
import { addresseeOf, placeholderValues, type LetterAgency, type LetterFacts } from './model/view.ts';

export * from './model/amount.ts';
export * from './model/facts.ts';
export * from './model/kinds.ts';
export * from './model/template.ts';
export * from './model/view.ts';

/** The letter of `kind` about these facts, in this template. */
export function composeLetter(facts: LetterFacts, kind: LetterKind, template: LetterTemplate): LetterDocument {
  return renderLetter(template, placeholderValues(facts, kind), {
    kind,
    addressee: addresseeOf(facts, kind),
    signatory: facts.agency.sealLine ?? facts.agency.name,
  });
}

/**
 * The made-up case of the template editor's preview: every fact present, so every placeholder shows
 * a value; the agency is the editor's own (its name, contacts and settings as letters will show them).
 */
export function sampleFacts(agency: LetterAgency, kind: LetterKind, today: IsoDate): LetterFacts {
  const outcomes = {
    alreadyPublished: 'granted', granted: 'granted', partiallyGranted: 'partiallyGranted', denied: 'denied.processInformation',
    notHeld: 'unableToProvide.notHeld', needsCreation: 'unableToProvide.needsCreation', unclear: 'unableToProvide.unclearAfterCorrection',
    repeated: 'notProcessed.duplicate', notProcessed: 'notProcessed.complaint', specialProcedure: 'otherDisposal.other', otherDisposal: 'otherDisposal.other',
    correction: null, extension: null, thirdParty: null, fee: null,
  } as const satisfies Record<LetterKind, string | null>;
  return {
    agency,
    applicant: { name: '张三', address: '某市某区某街道1号' },
    trackingCode: 'A7K3-Q9M2',
    submitted: '2024-05-06' as IsoDate,
    receiptDate: '2024-05-06' as IsoDate,
    description: '某区2023年老旧小区改造项目的资金使用情况',
    outcome: outcomes[kind],
    reasons: LETTER_KIND_INFO[kind].group === 'reply' || kind === 'extension' ? '（经办人填写的理由或者说明）' : null,
    replyDue: '2024-06-03' as IsoDate,
    extendedReplyDue: '2024-07-01' as IsoDate,
    extensionWorkingDays: 20,
    correctionItems: '请写明所需信息的名称、文号或者便于本机关查询的其他特征性描述',
    correctionDue: null,
    thirdParty: { name: '某某建筑工程有限公司', opinionDue: '2024-05-28' as IsoDate },
    fee: { amountFen: 10_000, basis: '按件计收（处理费办法第四条），本件为您本自然月的第11件申请，每件100元', due: null },
    holder: kind === 'notHeld' ? { name: '某区住房和城乡建设局', contact: '010-12345678' } : null,
    access: '本机关随本答复书向您提供该政府信息的纸质复印件，共3页',
    letterDate: today,
    documentNumber: null,
  };
}
