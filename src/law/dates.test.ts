import { describe, expect, it } from 'vitest';
import { dayFromCivil, dayOf, isIsoDate, isoOf, weekdayLabel, type IsoDate } from './dates.ts';

describe('日期值（只有日期，不依赖时区）', () => {
  it.each(['2023-02-30', '2023-13-01', '2023-00-10', '2023-2-3', '2100-02-29', '20230101', '2023-01-32', ''])('%s 不是合法日期', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
  it.each(['2024-02-29', '2000-02-29', '2019-01-01', '2026-12-31'])('%s 是合法日期', (s) => expect(isIsoDate(s)).toBe(true));
  it('日数往返', () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(isoOf(dayOf('2020-02-01' as IsoDate))).toBe('2020-02-01');
    expect(weekdayLabel(dayOf('2020-02-01' as IsoDate))).toBe('星期六');
    expect(weekdayLabel(dayOf('2023-10-07' as IsoDate))).toBe('星期六');
  });
});

describe('dayOf 与 dayFromCivil 一致', () => {
  it('1900–2200 每一天', () => {
    for (let n = dayFromCivil(1900, 1, 1); n <= dayFromCivil(2200, 12, 31); n++) {
      if (dayOf(isoOf(n)) !== n) throw new Error(`mismatch at ${isoOf(n)}`);
    }
  });
});
