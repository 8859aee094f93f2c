import { describe, expect, it } from 'vitest';
import { agencyCodeOf, checkGivenIndexNo, DEFAULT_INDEX_PATTERN, defaultIndexParts, formatIndexNumber, indexNoPath, parseIndexPattern } from './index-number.ts';

const FACTS = { creditCode: '11211000MB1234567X', agencyId: 3, year: 2024, serial: 5 };

describe('索引号', () => {
  it('the default pattern: 统一社会信用代码/年份-五位流水号', () => {
    expect(formatIndexNumber(defaultIndexParts(), FACTS)).toBe('11211000MB1234567X/2024-00005');
    expect(formatIndexNumber(defaultIndexParts(), { ...FACTS, serial: 123456 })).toBe('11211000MB1234567X/2024-123456');
  });

  it('an agency without a 统一社会信用代码 uses GK and its number', () => {
    expect(agencyCodeOf(null, 12)).toBe('GK000012');
    expect(formatIndexNumber(defaultIndexParts(), { ...FACTS, creditCode: null, agencyId: 12 })).toBe('GK000012/2024-00005');
  });

  it('other patterns: the agency number, widths, literals', () => {
    const parsed = parseIndexPattern('TW-{机关编号}-{年份}.{流水号:3}');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formatIndexNumber(parsed.parts, FACTS)).toBe('TW-3-2024.005');
    const wide = parseIndexPattern('{统一社会信用代码}_{年份}_{流水号：8}');
    if (wide.ok) expect(formatIndexNumber(wide.parts, FACTS)).toBe('11211000MB1234567X_2024_00000005');
    else throw new Error(wide.message);
  });

  it.each([
    ['', '不能为空'],
    ['{统一社会信用代码}/{年份}', '须含流水号'],
    ['{统一社会信用代码}/{流水号}', '须含年份'],
    ['{年份}-{流水号}', '{统一社会信用代码} 或 {机关编号}'],
    ['{统一社会信用代码}/{年份}-{流水号:9}', '1–8'],
    ['{统一社会信用代码}/{年份}-{流水号}-{流水号}', '只能出现一次'],
    ['{统一社会信用代码}/{年份}-{序号}', '不认识的标记'],
    ['{统一社会信用代码} {年份}-{流水号}', '字母、数字'],
    ['{统一社会信用代码}/{年份-{流水号}', '不认识的标记'],
    ['{统一社会信用代码}/{年份}-{流水号', '没有对应'],
    ['{年份:4}{机关编号}{流水号}', '不带位数'],
    ['VERYLONGPREFIX-VERYLONGPREFIX-VERYLONGPREFIX/{统一社会信用代码}/{年份}-{流水号}', '超过 60'],
  ])('refuses %j', (pattern, message) => {
    const parsed = parseIndexPattern(pattern);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('the default pattern is valid', () => expect(parseIndexPattern(DEFAULT_INDEX_PATTERN).ok).toBe(true));

  it('a public path is one segment: the slash as %2F', () => {
    expect(indexNoPath('11211000MB1234567X/2024-00005')).toBe('11211000MB1234567X%2F2024-00005');
    expect(indexNoPath('太文旅/2024 5')).toBe('%E5%A4%AA%E6%96%87%E6%97%85%2F2024%205');
  });

  it('an imported 索引号 is checked', () => {
    expect(checkGivenIndexNo('000014348/2023-00005')).toBeUndefined();
    expect(checkGivenIndexNo('abc')).toContain('5–60');
    expect(checkGivenIndexNo('a b c d e')).toContain('空格');
    expect(checkGivenIndexNo('/2023-00005')).toContain('/');
  });
});
