import { describe, expect, it } from 'vitest';
import { expectLinearGrowth } from '../../../../test/support/growth.ts';
import { piecesAtSigns, readingsWithOneExtra, readingsWithOneLost, splitPieces, splitRowsWithTotals, splitTable2 } from './splits.ts';

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

describe('splitPieces (printed pieces kept whole, no rule)', () => {
  it.each([
    [['12', '0', '3', '0', '0', '0', '16'], 7, [[12, 0, 3, 0, 0, 0, 16]]],
    [['1000003'], 7, [[1, 0, 0, 0, 0, 0, 3]]],
    [['120', '3', '0', '0', '0', '16'], 7, [[1, 20, 3, 0, 0, 0, 16], [12, 0, 3, 0, 0, 0, 16], [120, 3, 0, 0, 0, 1, 6]]],
    [['007'], 2, []],
    [['12'], 7, []],
  ] as const)('%j into %i cells', (pieces, width, expected) => {
    expect(splitPieces(pieces, width).readings).toEqual(expected);
  });
});

describe('splitTable2 (表二: a minus starts 本年增/减, decimals only in the last cell)', () => {
  it.each([
    [['1', '-10'], 1, 3, [['1', '-1', '0']]],
    [['12', '-12'], 1, 2, [['12', '-12']]],
    [['46', '-380'], 1, 3, [['46', '-3', '80'], ['46', '-38', '0']]],
    [['-5', '10'], 1, 3, []],
    [['3', '-0'], 1, 2, []],
    [['82059.2090'], -1, 2, [['8', '2059.2090'], ['820', '59.2090'], ['8205', '9.2090']]],
  ] as const)('%j (sign in column %i) into %i cells', (pieces, signed, parts, expected) => {
    expect(splitTable2(pieces, signed, parts, 10).readings).toEqual(expected);
  });
  it('000 → one reading; 7020 → ambiguous; a leading zero is no number', () => {
    expect(splitTable2(['000'], -1, 3).readings).toEqual([['0', '0', '0']]);
    expect(splitTable2(['7020'], -1, 3).readings.length).toBe(2);
    expect(splitTable2(['0059.2'], -1, 2).readings).toEqual([]);
  });
  it('cuts a run where a sign starts a cell', () => {
    expect(piecesAtSigns('46-380')).toEqual(['46', '-380']);
    expect(piecesAtSigns('000')).toEqual(['000']);
  });
});
