/**
 * The letters' pure core: every outcome has its letter, each kind states its facts (dates, amounts,
 * the legal basis, the remedy clause), templates are checked and filled in.
 */
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../law/dates.ts';
import { OUTCOME_CODES, OUTCOMES } from '../../law/outcomes.ts';
import { REPLY_TYPE_INFO, REPLY_TYPES } from '../../law/taxonomy.ts';
import {
  capitalYuanOf, checkTemplate, letterFactsOf, type LetterCase, chineseDateOf, composeLetter, LETTER_KIND_INFO, LETTER_KIND_OF_OUTCOME, LETTER_KINDS, letterKindsForOutcome,
  letterText, PLACEHOLDERS, placeholdersIn, renderLetter, sampleFacts, yuanOf, type LetterAgency, type LetterFacts, type LetterKind,
} from './model.ts';
import { DEFAULT_BODIES, defaultTemplate } from './templates.ts';

const d = (s: string) => s as IsoDate;
const AGENCY: LetterAgency = {
  name: '测试区住房和城乡建设局', address: '测试区人民路1号', postcode: '100001', phone: '010-87654321',
  sealLine: null, reconsiderationBody: null, feePayment: null,
};

/** A case: received 2024-05-06, reply due 2024-06-03 (the dates come from src/law in the service). */
function facts(over: Partial<LetterFacts> = {}): LetterFacts {
  return {
    agency: AGENCY,
    applicant: { name: '李四', address: '测试区幸福路8号' },
    trackingCode: 'K2M4-P7Q9',
    submitted: d('2024-05-05'),
    receiptDate: d('2024-05-06'),
    description: '2023年测试区保障性住房分配名单',
    outcome: null,
    reasons: null,
    replyDue: d('2024-06-03'),
    extendedReplyDue: null,
    extensionWorkingDays: 0,
    correctionItems: null,
    correctionDue: null,
    thirdParty: null,
    fee: null,
    holder: null,
    access: null,
    letterDate: d('2024-05-20'),
    documentNumber: null,
    ...over,
  };
}
const letter = (kind: LetterKind, f: LetterFacts) => composeLetter(f, kind, defaultTemplate(kind));
const textOf = (kind: LetterKind, f: LetterFacts) => letterText(letter(kind, f));

describe('kinds', () => {
  it.each(OUTCOME_CODES)('outcome %s has its letter, a reply', (code) => {
    const kind = LETTER_KIND_OF_OUTCOME[code];
    expect(LETTER_KINDS).toContain(kind);
    expect(LETTER_KIND_INFO[kind].group).toBe('reply');
    expect(letterKindsForOutcome(code)[0]).toBe(kind);
  });

  it('every reply type of 第三十六条 has a letter citing its item', () => {
    const cited = REPLY_TYPES.map((t) => REPLY_TYPE_INFO[t].item);
    const articles = Object.values(LETTER_KIND_INFO).map((i) => i.article);
    // 第四项 and 第五项 share the 不掌握 letter (第五项 when the responsible agency is known).
    for (const item of cited.filter((i) => i !== '第三十六条第五项')) expect(articles).toContain(item);
    expect(letterKindsForOutcome('granted')).toEqual(['granted', 'alreadyPublished']);
  });

  it('every kind has a default template that passes its own check', () => {
    for (const kind of LETTER_KINDS) expect(checkTemplate(defaultTemplate(kind)), kind).toEqual([]);
  });
});

describe('each letter states its facts', () => {
  it('予以公开: receipt date, how to obtain, the basis, 60 days / 6 months', () => {
    const text = textOf('granted', facts({ outcome: 'granted', access: '随本答复书提供纸质复印件3页。' }));
    expect(text).toContain('政府信息公开申请答复书');
    expect(text).toContain('李四：');
    expect(text).toContain('本机关于2024年5月6日收到您提出的政府信息公开申请（申请编号：K2M4-P7Q9），您申请公开“2023年测试区保障性住房分配名单”。');
    expect(text).toContain('本机关予以公开：随本答复书提供纸质复印件3页。');
    expect(text).not.toContain('。。');
    expect(text).toContain('《中华人民共和国政府信息公开条例》第三十六条第二项');
    expect(text).toContain('自收到本答复之日起60日内向本机关的上一级行政机关或者本级人民政府申请行政复议');
    expect(text).toContain('《中华人民共和国行政诉讼法》第四十六条的规定，自收到本答复之日起6个月内向人民法院提起行政诉讼');
    expect(text).toContain('通信地址：测试区人民路1号（邮政编码：100001）；联系电话：010-87654321');
    expect(text.endsWith('测试区住房和城乡建设局\n2024年5月20日')).toBe(true);
    expect(letter('granted', facts({ outcome: 'granted', access: '随本答复书提供' })).missing).toEqual([]);
  });

  it('告知获取方式 (已主动公开): 第三十六条第一项', () => {
    const text = textOf('alreadyPublished', facts({ outcome: 'granted', access: '本机关门户网站“政府信息公开”栏目' }));
    expect(text).toContain('本机关已经主动公开');
    expect(text).toContain('第三十六条第一项');
    expect(text).toContain('获取该政府信息的方式和途径：本机关门户网站“政府信息公开”栏目。');
  });

  it('部分公开: 第三十七条, the reasons for the withheld part, reconsideration first', () => {
    const text = textOf('partiallyGranted', facts({ outcome: 'partiallyGranted', access: '提供删除个人信息后的名单', reasons: '名单中的身份证号码属于个人隐私' }));
    expect(text).toContain('第三十七条');
    expect(text).toContain('对不予公开的内容，理由如下：名单中的身份证号码属于个人隐私。');
    expect(text).toContain('应当依照《中华人民共和国行政复议法》第二十三条的规定，自收到本答复之日起60日内先向本机关的上一级行政机关或者本级人民政府申请行政复议');
    expect(text).toContain('第四十五条的规定，自收到行政复议决定书之日起15日内向人民法院提起行政诉讼');
  });

  it.each(OUTCOME_CODES.filter((c) => c.startsWith('denied.')))('不予公开 (%s): the category and its provision', (code) => {
    const text = textOf('denied', facts({ outcome: code, reasons: '具体理由' }));
    expect(text).toContain('本机关决定不予公开');
    expect(text).toContain('具体理由。');
    const basis = OUTCOMES[code].basis;
    const provision = /^第[^、；（]+条(第.款)?/.exec(basis)?.[0];
    if (provision && code !== 'denied.administrativeQuery') expect(text).toContain(`《中华人民共和国政府信息公开条例》${provision}`);
    expect(text).toContain('第三十六条第三项');
    expect(text).toContain('60日内先向');
  });

  it('不予公开 without reasons is not ready: the reasons are marked to fill in', () => {
    const result = letter('denied', facts({ outcome: 'denied.stateSecret' }));
    expect(result.missing).toEqual(['理由']);
    expect(result.paragraphs.join('')).toContain('【待填写：理由】');
    expect(result.paragraphs.join('')).toContain('您所申请公开的政府信息属于国家秘密。');
  });

  it('不掌握: 信息不存在 (第四项), or the agency that holds it (第五项)', () => {
    const none = textOf('notHeld', facts({ outcome: 'unableToProvide.notHeld' }));
    expect(none).toContain('经检索，本机关没有制作或者获取您所申请公开的政府信息，该政府信息不存在。');
    expect(none).toContain('第三十六条第四项');
    const elsewhere = textOf('notHeld', facts({ outcome: 'unableToProvide.notHeld', holder: { name: '测试区民政局', contact: '010-11112222' } }));
    expect(elsewhere).toContain('负责公开该政府信息的机关是测试区民政局（联系方式：010-11112222），您可以向该机关提出申请。');
    expect(elsewhere).toContain('第三十六条第五项');
    expect(elsewhere).not.toContain('第三十六条第四项');
  });

  it('需要另行制作 (第三十八条), 补正后仍不明确 (第三十条), 重复申请 (第三十六条第六项)', () => {
    expect(textOf('needsCreation', facts({ outcome: 'unableToProvide.needsCreation' }))).toContain('第三十八条');
    expect(textOf('unclear', facts({ outcome: 'unableToProvide.unclearAfterCorrection' }))).toContain('第三十条');
    const repeated = textOf('repeated', facts({ outcome: 'notProcessed.duplicate' }));
    expect(repeated).toContain('本机关不予重复处理');
    expect(repeated).toContain('第三十六条第六项');
  });

  it.each([
    ['notProcessed.complaint', '以政府信息公开申请的形式进行信访、投诉、举报等活动', '第三十九条第一款'],
    ['notProcessed.publication', '要求提供政府公报、报刊、书籍等公开出版物', '第三十九条第二款'],
    ['notProcessed.excessive', '明显超过合理范围', '第三十五条'],
    ['otherDisposal.noCorrection', '逾期未补正，视为放弃申请', '第三十条'],
    ['otherDisposal.unpaidFee', '逾期未按照收费通知的要求缴纳信息处理费', '第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）'],
  ] as const)('不予处理 (%s)', (code, phrase, basis) => {
    const text = textOf('notProcessed', facts({ outcome: code }));
    expect(text).toContain(phrase);
    expect(text).toContain(basis);
    expect(text).toContain('不再处理');
    expect(letter('notProcessed', facts({ outcome: code })).missing).toEqual([]);
  });

  it('补正告知书: what to correct and by when; no remedy clause', () => {
    const text = textOf('correction', facts({ correctionItems: '请写明文件的文号；', correctionDue: d('2024-05-31') }));
    expect(text).toContain('政府信息公开申请补正告知书');
    expect(text).toContain('请您对以下事项作出补正：请写明文件的文号。');
    expect(text).toContain('请您于2024年5月31日前向本机关提交补正后的申请');
    expect(text).toContain('第三十条');
    expect(text).not.toContain('行政复议');
    expect(textOf('correction', facts({ correctionItems: '文号' }))).toContain('请您于收到本告知书之日起15个工作日内');
  });

  it('延期答复告知书: the extended date (第三十三条第二款)', () => {
    const text = textOf('extension', facts({ extensionWorkingDays: 15, extendedReplyDue: d('2024-06-24') }));
    expect(text).toContain('本机关不能在2024年6月3日前作出答复');
    expect(text).toContain('答复期限延长15个工作日，本机关将于2024年6月24日前作出答复');
    expect(text).toContain('第三十三条第二款');
    expect(letter('extension', facts()).missing).toEqual(['延长工作日数', '延长后答复期限']);
  });

  it('征求第三方意见书: to the third party, 15 working days, the applicant not named', () => {
    const result = letter('thirdParty', facts({ thirdParty: { name: '某某科技有限公司', opinionDue: d('2024-06-07') } }));
    const text = letterText(result);
    expect(result.addressee).toBe('某某科技有限公司：');
    expect(text).toContain('请您于收到本征求意见书之日起15个工作日内（即2024年6月7日前）向本机关提出书面意见');
    expect(text).toContain('第三十二条');
    expect(text).not.toContain('李四');
    expect(letter('thirdParty', facts()).missing).toContain('第三方');
  });

  it('收费通知书: the amount in yuan from fen, how and by when to pay, 第四十二条 and 国办函〔2020〕109号', () => {
    const text = textOf('fee', facts({ fee: { amountFen: 1250, basis: null, due: d('2024-06-17') } }));
    expect(text).toContain('本机关决定收取信息处理费¥12.50（人民币壹拾贰元伍角整）。');
    expect(text).toContain('《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）');
    expect(text).toContain('缴费方式：请按照本机关随本通知书提供的缴款书');
    expect(text).toContain('请您于2024年6月17日前缴纳');
    expect(text).not.toContain('计算方式'); // an optional line left out
    expect(text).toContain('自收到本通知书之日起60日内');
    const own = textOf('fee', facts({ agency: { ...AGENCY, feePayment: '转账至测试区财政局非税收入账户', reconsiderationBody: '测试区人民政府' }, fee: { amountFen: 10_000, basis: '按件计收', due: null } }));
    expect(own).toContain('缴费方式：转账至测试区财政局非税收入账户。');
    expect(own).toContain('计算方式：按件计收。');
    expect(own).toContain('请您于收到本通知书之日起20个工作日内缴纳');
    expect(own).toContain('60日内向测试区人民政府申请行政复议');
    expect(letter('fee', facts()).missing).toEqual(['收费金额']);
  });

  it('其他处理 and 专门规定: the staff’s reasons', () => {
    expect(textOf('otherDisposal', facts({ outcome: 'otherDisposal.other', reasons: '您已撤回申请' }))).toContain('您已撤回申请。根据《中华人民共和国政府信息公开条例》的规定，特此告知。');
    expect(textOf('specialProcedure', facts({ outcome: 'otherDisposal.other', reasons: '请向不动产登记机构申请查询' }))).toContain('第三十六条第七项');
  });

  it('the seal line and 文号 when given', () => {
    const result = letter('granted', facts({ outcome: 'granted', access: '当面领取', documentNumber: '测建公开〔2024〕12号', agency: { ...AGENCY, sealLine: '测试区住房和城乡建设局政府信息公开专用章' } }));
    expect(result.documentNumber).toBe('测建公开〔2024〕12号');
    expect(result.signature).toEqual(['测试区住房和城乡建设局政府信息公开专用章', '2024年5月20日']);
  });

  it('the preview sample fills every placeholder of every default template', () => {
    for (const kind of LETTER_KINDS) {
      const result = composeLetter(sampleFacts(AGENCY, kind, d('2024-05-20')), kind, defaultTemplate(kind));
      expect(result.missing, kind).toEqual([]);
    }
  });
});

describe('the facts of a case', () => {
  const view: LetterCase = {
    agencyId: 1, trackingCode: 'K2M4-P7Q9-R3T6', applicant: { name: '李四', address: null }, description: '名单',
    submitted: d('2024-05-06'), receiptDate: d('2024-05-06'), replyDue: d('2024-06-03'), extendedReplyDue: d('2024-06-17'),
    thirdPartyOpinionDue: d('2024-05-28'), outcome: null,
    events: [
      { type: 'correctionRequested', date: d('2024-05-07'), note: '请写明文号' },
      { type: 'corrected', date: d('2024-05-08') },
      { type: 'extended', date: d('2024-05-20'), workingDays: 10 },
      { type: 'feeNoticed', date: d('2024-05-21'), amountFen: 1250 },
      { type: 'replied', date: d('2024-05-22'), outcome: 'denied.stateSecret', reasons: '经定密' },
    ],
  };

  it('come from the case’s steps: the draft reply’s outcome and reasons, the extension, the fee, the correction note', () => {
    const f = letterFactsOf(AGENCY, view, {}, d('2024-05-23'));
    expect(f).toMatchObject({
      outcome: 'denied.stateSecret', reasons: '经定密', extensionWorkingDays: 10, correctionItems: '请写明文号',
      fee: { amountFen: 1250, basis: null, due: null }, thirdParty: null, letterDate: '2024-05-23', replyDue: '2024-06-03',
    });
  });

  it('what the writer adds wins, and names the third party', () => {
    const f = letterFactsOf(AGENCY, { ...view, outcome: 'granted' }, { reasons: null, thirdPartyName: '某公司', feeAmountFen: 500, letterDate: d('2024-05-30') }, d('2024-05-23'));
    expect(f).toMatchObject({ outcome: 'granted', reasons: null, thirdParty: { name: '某公司', opinionDue: '2024-05-28' }, fee: { amountFen: 500 }, letterDate: '2024-05-30' });
    expect(letterFactsOf(AGENCY, { ...view, events: [] }, {}, d('2024-05-23'))).toMatchObject({ outcome: null, fee: null, extensionWorkingDays: 0, correctionItems: null });
  });
});

describe('templates', () => {
  it('refuses unknown placeholders, naming each', () => {
    const problems = checkTemplate({ title: '答复书', body: '{{申请人}}您好，{{申请人姓名}}，{{ 办理期限 }}，{{申请人姓名}}' });
    expect(problems).toEqual([{ field: 'body', message: expect.stringContaining('{{申请人姓名}}、{{办理期限}}') as string }]);
    expect(checkTemplate({ title: '{{标题}}', body: '正文' })[0]).toMatchObject({ field: 'title', message: expect.stringContaining('{{标题}}') as string });
  });

  it('refuses stray braces, an empty body, an overlong title', () => {
    expect(checkTemplate({ title: 't', body: '{{申请人}' })[0]?.message).toContain('不成对的花括号');
    expect(checkTemplate({ title: 't', body: '  \n ' })).toEqual([{ field: 'body', message: '请填写正文' }]);
    expect(checkTemplate({ title: '长'.repeat(61), body: 'x' })[0]?.message).toContain('最多 60 个字');
    expect(checkTemplate({ title: 't', body: 'a\u0000b' })[0]?.message).toBe('正文含有不能保存的控制字符');
    expect(checkTemplate({ title: '\ud800', body: '𠀀 is a pair, not alone' })).toEqual([{ field: 'title', message: '标题含有不能保存的控制字符' }]);
  });

  it('leaves out a line whose placeholders are all empty, keeps one with text only', () => {
    const values = Object.fromEntries(Object.keys(PLACEHOLDERS).map((k) => [k, ''])) as Record<keyof typeof PLACEHOLDERS, string>;
    const result = renderLetter({ title: '告知书', body: '第一段。\n{{理由}}。\n　　{{申请内容}}{{理由}}\n\n末段。' }, { ...values, 日期: '2024年1月2日' }, { kind: 'granted', addressee: '王五', signatory: '某局' });
    expect(result.paragraphs).toEqual(['第一段。', '末段。']);
    expect(result.addressee).toBe('王五：');
  });

  it('lists the placeholders a text uses', () => {
    expect(placeholdersIn('{{申请人}}{{ 申请人 }}{{日期}}')).toEqual(['申请人', '日期']);
    for (const body of Object.values(DEFAULT_BODIES)) for (const name of placeholdersIn(body)) expect(PLACEHOLDERS).toHaveProperty(name);
  });
});

describe('amounts and dates', () => {
  it.each([
    [1250, '¥12.50', '壹拾贰元伍角整'],
    [0, '¥0.00', '零元整'],
    [5, '¥0.05', '伍分'],
    [50, '¥0.50', '伍角整'],
    [10_005, '¥100.05', '壹佰元零伍分'],
    [100_500, '¥1,005.00', '壹仟零伍元整'],
    [1_000_000, '¥10,000.00', '壹万元整'],
    [10_000_500, '¥100,005.00', '壹拾万零伍元整'],
    [123_456_789, '¥1,234,567.89', '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [10_001_000_000, '¥100,010,000.00', '壹亿零壹万元整'],
  ])('%i fen is %s (%s)', (fen, yuan, capital) => {
    expect(yuanOf(fen)).toBe(yuan);
    expect(capitalYuanOf(fen)).toBe(capital);
  });

  it('writes dates as 2024年5月6日', () => {
    expect(chineseDateOf('2024-05-06')).toBe('2024年5月6日');
    expect(chineseDateOf('2024-12-31')).toBe('2024年12月31日');
  });
});
