/**
 * The dashboard's rates on hand-counted tables: 实质公开率 leaves 不予处理 and 其他处理 out of its
 * denominator, 纠错率 leaves 尚未审结 out of its; nothing to divide gives null and “—”, never NaN.
 */
import { describe, expect, it } from 'vitest';
import { correctionRate, disclosureRate, outcomeGroupOf, percentText, type OutcomeGroup } from './rates.ts';

const outcomes = (o: Partial<Record<OutcomeGroup, number>>): Record<OutcomeGroup, number> => ({
  granted: 0, partiallyGranted: 0, denied: 0, unableToProvide: 0, notProcessed: 0, otherDisposal: 0, ...o,
});

describe('实质公开率', () => {
  it('（予以公开 + 部分公开）÷（总计 − 不予处理 − 其他处理）', () => {
    const rate = disclosureRate(outcomes({ granted: 40, partiallyGranted: 10, denied: 5, unableToProvide: 25, notProcessed: 15, otherDisposal: 5 }));
    expect(rate).toEqual({ numerator: 50, denominator: 80, value: 0.625 });
    expect(percentText(rate)).toBe('62.5%');
  });

  it('不予公开 and 无法提供 stay in the denominator (answers on the merits)', () => {
    expect(disclosureRate(outcomes({ denied: 3, unableToProvide: 1 })).value).toBe(0);
    expect(percentText(disclosureRate(outcomes({ denied: 3, unableToProvide: 1 })))).toBe('0.0%');
  });

  it('no application, or only 不予处理 and 其他处理: nothing to divide, “—”', () => {
    for (const o of [outcomes({}), outcomes({ notProcessed: 4, otherDisposal: 2 })]) {
      const rate = disclosureRate(o);
      expect(rate.value).toBeNull();
      expect(percentText(rate)).toBe('—');
    }
  });

  it('rounds to one decimal: 1 of 3 is 33.3%, 2 of 3 is 66.7%', () => {
    expect(percentText(disclosureRate(outcomes({ granted: 1, denied: 2 })))).toBe('33.3%');
    expect(percentText(disclosureRate(outcomes({ granted: 2, denied: 1 })))).toBe('66.7%');
    expect(percentText(disclosureRate(outcomes({ granted: 7 })))).toBe('100.0%');
  });
});

describe('纠错率', () => {
  it('结果纠正 ÷（维持 + 纠正 + 其他），未审结 left out', () => {
    const rate = correctionRate({ upheld: 6, corrected: 2, other: 2, pending: 3 });
    expect(rate).toEqual({ numerator: 2, denominator: 10, value: 0.2 });
    expect(percentText(rate)).toBe('20.0%');
  });

  it('only pending cases, or none: “—”', () => {
    expect(correctionRate({ upheld: 0, corrected: 0, other: 0, pending: 5 }).value).toBeNull();
    expect(percentText(correctionRate({ upheld: 0, corrected: 0, other: 0, pending: 0 }))).toBe('—');
  });
});

describe('outcome groups of table 三 rows', () => {
  it.each([
    ['granted', 'granted'], ['denied.stateSecret', 'denied'], ['unableToProvide.notHeld', 'unableToProvide'],
    ['notProcessed.duplicate', 'notProcessed'], ['otherDisposal.unpaidFee', 'otherDisposal'], ['otherDisposal', 'otherDisposal'],
    ['newReceived', null], ['totalProcessed', null], ['carriedForward', null],
  ])('%s → %s', (row, group) => expect(outcomeGroupOf(row)).toBe(group));
});
