import { describe, expect, it } from 'vitest';
import { expectLinearGrowth } from '../../../../test/support/growth.ts';
import { readingsWithOneExtra, readingsWithOneLost, splitFree, splitRowsWithTotals } from './splits.ts';

describe('splitRowsWithTotals (row total = sum of the other cells)', () => {
  it.each([
    ['801000081', [[80, 1, 0, 0, 0, 0, 81]]],
    ['0000000', [[0, 0, 0, 0, 0, 0, 0]]],
    ['191000020', [[1, 9, 10, 0, 0, 0, 20], [19, 1, 0, 0, 0, 0, 20]]],
    ['12', []],
  ])('%s', (digits, expected) => {
    expect(splitRowsWithTotals(digits, 1, 7).readings.sort()).toEqual(expected.sort());
  });

  it('splits 表四 by its three group totals', () => {
    expect(splitRowsWithTotals('110024001510102', 3, 5).readings).toEqual([[1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]]);
  });

  it('is bounded on long garbage runs (twice the run, about twice the time)', async () => {
    const r = splitRowsWithTotals('9'.repeat(40) + '1'.repeat(16), 1, 7);
    expect(r.readings.length === 0 || r.exhausted).toBe(true);
    await expectLinearGrowth('garbage run', (n) => splitRowsWithTotals('9'.repeat(40 * n) + '1'.repeat(16 * n), 1, 7), 1);
  });
});

describe('splitFree (表二: no rule, only unique splits count)', () => {
  it('000 → one reading; 7020 → ambiguous; decimals only in the last cell', () => {
    expect(splitFree('000', 3).readings).toEqual([['0', '0', '0']]);
    expect(splitFree('7020', 3).readings.length).toBe(2);
    expect(splitFree('82059.2090', 2).readings.length).toBe(2);
    expect(splitFree('0059.2', 2).readings).toEqual([]);
  });
});

describe('readings of a row that lost or gained a cell', () => {
  it('the seed: six zeros read as seven, whichever column was lost', () => {
    expect(readingsWithOneLost([0, 0, 0, 0, 0, 0], 1, 7)).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
  });
  it('several readings when the lost cell could be the total or a zero column', () => {
    expect(readingsWithOneLost([3, 0, 0, 0, 0, 3], 1, 7).length).toBe(3);
  });
  it('drops the one cell that makes the total hold', () => {
    expect(readingsWithOneExtra([5, 9, 1, 0, 0, 0, 0, 6], 1, 7)).toEqual([[5, 1, 0, 0, 0, 0, 6]]);
  });
});
