import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../law/dates.ts';
import type { Genre, ItemStatus, Validity } from './model.ts';
import { documentCounts, fenOfWan, NO_FIGURES, table2From, wanOfFen, wanText, type DocumentFacts } from './table2.ts';
import { monthlyTable } from './table2-monthly.ts';

const doc = (formedOn: string, validity: Validity = 'valid', changedOn: string | null = null, genre: Genre = '行政规范性文件', status: ItemStatus = 'published'): DocumentFacts => ({
  genre, status, formedOn: formedOn as IsoDate, validity, validityChangedOn: changedOn as IsoDate | null,
});

describe('table 二: 制发 / 废止 / 现行有效 of one document in 2023', () => {
  const cases: [string, DocumentFacts, { issued: number; repealed: number; inForce: number; expired: number }][] = [
    ['formed on 1 January 2023, valid', doc('2023-01-01'), { issued: 1, repealed: 0, inForce: 1, expired: 0 }],
    ['formed on 31 December 2023, valid', doc('2023-12-31'), { issued: 1, repealed: 0, inForce: 1, expired: 0 }],
    ['formed on 1 January 2024: not yet', doc('2024-01-01'), { issued: 0, repealed: 0, inForce: 0, expired: 0 }],
    ['formed in 2022, valid: in force, not issued this year', doc('2022-06-01'), { issued: 0, repealed: 0, inForce: 1, expired: 0 }],
    ['formed in 2022, repealed on 31 December 2023', doc('2022-06-01', 'repealed', '2023-12-31'), { issued: 0, repealed: 1, inForce: 0, expired: 0 }],
    ['formed in 2022, repealed on 1 January 2023', doc('2022-06-01', 'repealed', '2023-01-01'), { issued: 0, repealed: 1, inForce: 0, expired: 0 }],
    ['repealed next year: still in force at the end of this year', doc('2022-06-01', 'repealed', '2024-01-01'), { issued: 0, repealed: 0, inForce: 1, expired: 0 }],
    ['repealed last year: neither repealed this year nor in force', doc('2020-06-01', 'repealed', '2022-12-31'), { issued: 0, repealed: 0, inForce: 0, expired: 0 }],
    ['formed and repealed in the same year', doc('2023-03-01', 'repealed', '2023-09-01'), { issued: 1, repealed: 1, inForce: 0, expired: 0 }],
    ['lapsed (失效) this year: not 废止, not in force', doc('2021-03-01', 'expired', '2023-05-01'), { issued: 0, repealed: 0, inForce: 0, expired: 1 }],
    ['lapses next year: in force', doc('2021-03-01', 'expired', '2024-05-01'), { issued: 0, repealed: 0, inForce: 1, expired: 0 }],
    ['withdrawn (no longer public): counts nowhere', doc('2023-03-01', 'valid', null, '行政规范性文件', 'withdrawn'), { issued: 0, repealed: 0, inForce: 0, expired: 0 }],
    ['still a draft: not made public, counts nowhere', doc('2023-03-01', 'valid', null, '行政规范性文件', 'draft'), { issued: 0, repealed: 0, inForce: 0, expired: 0 }],
    ['another genre: not this row', doc('2023-03-01', 'valid', null, '规章'), { issued: 0, repealed: 0, inForce: 0, expired: 0 }],
  ];
  it.each(cases)('%s', (_, item, expected) => {
    expect(documentCounts([item], '行政规范性文件', 2023)).toEqual(expected);
  });
});

describe('table2From', () => {
  it('counts each genre on its row, with the figures as entered (null where none)', () => {
    const items = [
      doc('2023-02-01', 'valid', null, '规章'), doc('2019-02-01', 'repealed', '2023-06-30', '规章'), doc('2018-02-01', 'valid', null, '规章'),
      doc('2023-04-01'), doc('2023-05-01'), doc('2022-05-01', 'repealed', '2024-02-01'),
    ];
    expect(table2From(items, 2023, { licensing: 71, punishment: 0, enforcement: null, feesFen: 5_949_088_667 })).toEqual({
      regulations: { issued: 1, repealed: 1, inForce: 2 },
      normativeDocuments: { issued: 2, repealed: 0, inForce: 3 },
      licensing: { decisions: 71 },
      punishment: { decisions: 0 },
      enforcement: { decisions: null },
      fees: { amountWan: 5949.088667 },
    });
  });

  it('nothing entered: every figure null, never 0; no documents: counts are 0', () => {
    expect(table2From([], 2023, NO_FIGURES)).toEqual({
      regulations: { issued: 0, repealed: 0, inForce: 0 }, normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
      licensing: { decisions: null }, punishment: { decisions: null }, enforcement: { decisions: null }, fees: { amountWan: null },
    });
  });

  it('inForce follows last year + issued − repealed when nothing lapses (the X-IN-FORCE check)', () => {
    const items = [doc('2021-01-05'), doc('2022-03-01', 'repealed', '2023-04-01'), doc('2023-07-01'), doc('2023-08-01', 'repealed', '2023-11-01')];
    const last = documentCounts(items, '行政规范性文件', 2022);
    const now = documentCounts(items, '行政规范性文件', 2023);
    expect(now.inForce).toBe(last.inForce + now.issued - now.repealed);
  });
});

describe('万元 and fen', () => {
  it.each([
    ['0', 0], ['12.5', 12_500_000], ['5949.088667', 5_949_088_667], ['7545', 7_545_000_000], ['0.000001', 1], [' 3.10 ', 3_100_000], [12.5, 12_500_000],
  ] as [string | number, number][])('%j 万元 = %i fen', (wan, fen) => {
    expect(fenOfWan(wan)).toEqual({ fen });
  });

  it.each([
    ['-1', '不能为负数'], ['1.0000001', '最多保留 6 位小数'], ['1,000', '不带单位'], ['12万元', '不带单位'], ['１２', '不带单位'], ['', '不带单位'], ['1e3', '不带单位'], ['1234567890', '金额过大'],
  ])('%j is refused (%s)', (wan, words) => {
    const read = fenOfWan(wan);
    expect('problem' in read && read.problem).toContain(words);
  });

  it.each([[0, '0'], [12_500_000, '12.5'], [5_949_088_667, '5949.088667'], [1, '0.000001'], [7_545_000_000, '7545']])('%i fen reads %s 万元, and back', (fen, text) => {
    expect(wanText(fen)).toBe(text);
    expect(fenOfWan(text)).toEqual({ fen });
    expect(String(wanOfFen(fen))).toBe(text);
  });
});

describe('published items by 第二十条 item and month', () => {
  it('lays out fifteen items, the unassigned, and the totals', () => {
    const table = monthlyTable([
      { item: 'organisation', month: 1, count: 2 }, { item: 'organisation', month: 12, count: 1 },
      { item: 'licensing', month: 3, count: 5 }, { item: null, month: 3, count: 1 },
    ]);
    expect(table.rows).toHaveLength(16);
    expect(table.rows[1]).toEqual({ item: 'organisation', months: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], total: 3 });
    expect(table.rows[15]).toMatchObject({ item: null, total: 1 });
    expect(table.totals.months[2]).toBe(6);
    expect(table.totals.total).toBe(9);
  });
});
