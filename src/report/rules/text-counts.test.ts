import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../test/support/corpus.ts';
import fc from 'fast-check';
import { clausesWithCountWords, extractStatedCounts, parseChineseNumber } from './text-counts.ts';
import type { StatedQuantity } from './text-counts.ts';

const values = (text: string, quantity: StatedQuantity, year?: number): number[] =>
  extractStatedCounts(text, year).filter((s) => s.quantity === quantity).map((s) => s.value);

describe('clausesWithCountWords', () => {
  // The definition: the text without whitespace, split at the clause ends, empty clauses dropped.
  const splitClauses = (text: string): string[] => text.replace(/[\s\u3000]+/gu, '').split(/[，。；;！？!?]/u).filter((c) => c !== '');

  it('gives the clauses of the text without whitespace that name applications or cases, words broken by whitespace included', () => {
    const pieces = ['申', '请', '行政', '复', '议', '诉讼', '收到', '12件', '2023年', ' ', '\n', '\u3000', '\t', '，', '。', '；', '!', '其中', '共'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const expected = splitClauses(text).filter((c) => ['申请', '行政复议', '诉讼'].some((w) => c.includes(w)));
      expect(clausesWithCountWords(text)).toEqual(expected);
    }), { numRuns: 3000 });
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['81', 81], ['1,234', 1234], ['零', 0], ['〇', 0], ['七', 7], ['十', 10], ['十二', 12], ['二十', 20], ['两百', 200],
    ['一百零五', 105], ['三百四十五', 345], ['一千零一十', 1010], ['一万二千', 12000], ['二〇', 20],
  ])('%s → %i', (text, expected) => {
    expect(parseChineseNumber(text)).toBe(expected);
  });
  it.each(['', 'abc', '12件', '1.5'])('refuses %j', (text) => {
    expect(parseChineseNumber(text)).toBeUndefined();
  });
});

describe('extractStatedCounts on sentences of the corpus', () => {
  it.each([
    // pingtan-2023.txt
    ['2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。', 2023, 81],
    // pingtan-gaj-2021.txt
    ['2021年，我局收到政府信息公开申请1件，已按照相关法规，逐级审查，作出补正告知。', 2021, 1],
    // seed-taiping-wenlv-2023.txt
    ['全年通过电子邮箱申请、当面申请、邮寄申请等多渠道受理依申请公开 0 件，全部按时办结。', 2023, 0],
    // shanghai-kewei-2024.md (line breaks inside the sentence)
    ['全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件，所有申请均已按要求办理完成。', 2024, 34],
    // shanghai-office-2019.html
    ['市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件）', 2019, 859],
    // shuyang-fgj-2023.html
    ['2023年度我局共收到依申请信息公开26件，及时回复申请人', 2023, 26],
    // Chinese numerals
    ['本年度共收到政府信息公开申请十二件。', 2023, 12],
  ])('applications received: %s', (text, year, expected) => {
    expect(values(text, 'applicationsReceived', year)).toEqual([expected]);
  });

  it('reads reconsiderations and lawsuits stated together (pingtan-2023)', () => {
    const text = '不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。';
    expect(values(text, 'reconsiderations')).toEqual([2]);
    expect(values(text, 'lawsuits')).toEqual([7]);
    expect(values(text, 'applicationsReceived')).toEqual([]);
  });

  it('reads “行政复议7件，诉讼9件” (shanghai-office-2019)', () => {
    const text = '信息公开类行政复议7件，诉讼9件，均获维持。';
    expect(values(text, 'reconsiderations')).toEqual([7]);
    expect(values(text, 'lawsuits')).toEqual([9]);
  });

  it('reads a number stated before the word and “数为 0 件” (shanghai-kewei-2024)', () => {
    const text = '2024 年市科委有 1 件涉及政府信息公开工作的行政复\n议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为\n0 件。';
    // The md breaks 行政复议 across lines: whitespace is removed before matching.
    expect(values(text, 'reconsiderations', 2024)).toEqual([1]);
    expect(values(text, 'lawsuits', 2024)).toEqual([0]);
  });

  it.each([
    ['未发生行政复议及行政诉讼案件。'], // seed-taiping-wenlv-2023.txt
    ['没有因政府信息公开针对市公安局申请行政复议或行政诉讼的事项。'], // pingtan-gaj-2021.txt
    ['本年度政府信息公开行政复议、行政诉讼均为0件。'],
  ])('reads “none” as 0: %s', (text) => {
    expect(values(text, 'reconsiderations')).toEqual([0]);
    expect(values(text, 'lawsuits')).toEqual([0]);
  });

  it.each([
    ['上年结转政府信息公开申请 2 件'],
    ['2022年共收到政府信息公开申请50件'],
    ['收到申请数量较上年增加5件'],
    ['全年受理网络问政182件'], // shuyang: not an information-disclosure application
    ['行政复议结果维持3件'],
    ['行政诉讼中未经复议直接起诉2件'],
    ['未发生行政复议被纠错的情况'],
    ['无法提供的10件'],
  ])('stays silent on %s', (text) => {
    expect(extractStatedCounts(text, 2023)).toEqual([]);
  });

  it('on the whole crawler text of pingtan-2023 reads exactly 81 applications, 2 reconsiderations and 7 lawsuits', () => {
    const text = readFileSync(corpusPath('pingtan-2023.txt'), 'utf8');
    expect(extractStatedCounts(text, 2023).map((s) => [s.quantity, s.value])).toEqual([
      ['applicationsReceived', 81], ['reconsiderations', 2], ['lawsuits', 7],
    ]);
  });

  it('on the whole crawler text of pingtan-gaj-2021 reads 1 application and no case', () => {
    const text = readFileSync(corpusPath('pingtan-gaj-2021.txt'), 'utf8');
    expect(extractStatedCounts(text, 2021).map((s) => [s.quantity, s.value])).toEqual([
      ['applicationsReceived', 1], ['reconsiderations', 0], ['lawsuits', 0],
    ]);
  });
});

describe('Chinese numerals round trip', () => {
  it('parseChineseNumber reads back what the generator writes (0–9999)', async () => {
    const { toChineseNumeral } = await import('../../../test/support/report/chinese-numerals.ts');
    for (let n = 0; n < 10000; n++) expect(parseChineseNumber(toChineseNumeral(n))).toBe(n);
    expect(toChineseNumeral(12)).toBe('十二');
    expect(toChineseNumeral(105)).toBe('一百零五');
    expect(toChineseNumeral(1010)).toBe('一千零一十');
  });
});
