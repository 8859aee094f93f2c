import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../law/dates.ts';
import { coverageCells, coverageSummary } from './coverage.ts';

const TODAY = '2024-06-30' as IsoDate;

describe('coverage of one agency', () => {
  it.each([
    ['published yesterday', '2024-06-29', 365, 'current', 1],
    ['exactly the limit old: still current', '2023-07-01', 365, 'current', 365],
    ['one day older than the limit: stale', '2023-06-30', 365, 'stale', 366],
    ['a shorter limit set by the agency', '2024-03-01', 90, 'stale', 121],
  ] as const)('%s', (_, latest, limit, state, age) => {
    const cells = coverageCells(new Map([['licensing', latest as IsoDate]]), TODAY, limit);
    expect(cells.find((c) => c.item === 'licensing')).toEqual({ item: 'licensing', state, latest, ageDays: age });
  });

  it('fifteen cells in 第二十条 order; an item with nothing published is missing', () => {
    const cells = coverageCells(new Map([['organisation', '2024-01-02' as IsoDate], ['budget', '2020-01-02' as IsoDate]]), TODAY, 365);
    expect(cells.map((c) => c.item)).toEqual(['regulations', 'organisation', 'plans', 'statistics', 'licensing', 'punishment', 'budget', 'fees',
      'procurement', 'majorProjects', 'livelihood', 'emergencies', 'inspections', 'civilService', 'other']);
    expect(cells[0]).toEqual({ item: 'regulations', state: 'missing', latest: null, ageDays: null });
    expect(coverageSummary(cells)).toEqual({ current: 1, stale: 1, missing: 13 });
  });
});
