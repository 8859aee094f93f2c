import { describe, expect, it } from 'vitest';
import { inferAgencyKind, publicationDeadline } from './deadline.ts';

describe('inferAgencyKind', () => {
  it.each([
    ['淮安市洪泽区人民政府', 'government'],
    ['平潭综合实验区', 'government'],
    ['平潭综合实验区管委会', 'government'],
    ['苏州工业园区管理委员会', 'government'],
    ['沭阳县发展和改革局', 'department'],
    ['上海市人民政府办公厅', 'department'],
    ['沭阳县沭城镇人民政府', 'department'],
    ['某某乡人民政府', 'department'],
    [null, 'department'],
  ] as const)('%s → %s', (name, kind) => {
    expect(inferAgencyKind(name)).toBe(kind);
  });
});

describe('publicationDeadline (条例第四十九条; C-10: the day itself is on time, no holiday postponement)', () => {
  it('agencies: 31 January of the following year, even when it falls in the Spring Festival (2025-01-31)', () => {
    expect(publicationDeadline(2024, 'department')).toBe('2025-01-31');
  });
  it('people\'s governments at county level and above: 31 March', () => {
    expect(publicationDeadline(2023, 'government')).toBe('2024-03-31');
  });
});
