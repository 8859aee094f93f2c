import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.ts';
import { nationalCalendarSpec } from './calendar-data.ts';
import { parseCalendarImport, toImportedYear } from './calendar-import.ts';
import { listYear } from './calendar-listing.ts';
import { packageCalendar } from './calendar-data.ts';
import { dayOf, type IsoDate } from './dates.ts';
import { computeDeadlines } from './deadlines.ts';

const NOTICE_2027 = {
  year: 2027,
  source: '国办发明电〔2026〕×号（测试）',
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }, { name: '春节', from: '2027-02-05', to: '2027-02-11' }],
  workdays: ['2027-02-14', { date: '2027-02-20', name: '春节' }],
};

describe('节假日安排导入文件', () => {
  it('合法文件：导入后该年为正式数据，调休日名称取相邻假期', () => {
    const parsed = parseCalendarImport(NOTICE_2027);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const year = toImportedYear(parsed.value);
    expect(year.official).toBe(true);
    expect(year.days.filter((d) => d.kind === 'holiday')).toHaveLength(10);
    const calendar = buildCalendar(nationalCalendarSpec([year]));
    const listing = listYear(calendar, 2027);
    expect(listing.official).toBe(true);
    expect(listing.holidays).toEqual([
      { name: '元旦', from: '2027-01-01', to: '2027-01-03', days: 3 },
      { name: '春节', from: '2027-02-05', to: '2027-02-11', days: 7 },
    ]);
    expect(listing.workdays.map((w) => [w.date, w.name])).toEqual([['2027-02-14', '春节'], ['2027-02-20', '春节']]);
  });

  it('导入2027年后，2027年的期限不再是暂定', () => {
    const parsed = parseCalendarImport(NOTICE_2027);
    if (!parsed.ok) throw new Error('fixture');
    const calendar = buildCalendar(nationalCalendarSpec([toImportedYear(parsed.value)]));
    const input = { channel: 'inPerson' as const, submitted: '2027-01-25' as IsoDate, confirmed: null, onTheSpot: false, correction: null, extensionWorkingDays: 0, thirdParty: null };
    // 26…29=4,02-01…04=8 … 春节 02-05~11 不计，02-14(日)、02-20(六)调休上班 → by hand: 26,27,28,29,01,02,03,04=8,[05~11],12=9,14(日)=10,15…19=15,20(六)=16,22…25=20
    expect(computeDeadlines(input, calendar)).toMatchObject({ replyDue: '2027-02-25', provisional: false });
    expect(computeDeadlines(input, packageCalendar())).toMatchObject({ replyDue: '2027-02-22', provisional: true });
  });

  it('可以更正包内年份：导入的年份整体取代包数据', () => {
    const parsed = parseCalendarImport({ year: 2026, source: '更正测试', holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-08' }], workdays: [] });
    if (!parsed.ok) throw new Error('fixture');
    const calendar = buildCalendar(nationalCalendarSpec([toImportedYear(parsed.value)]));
    expect(calendar.isWorkday(dayOf('2026-10-08' as IsoDate))).toBe(false);
    expect(calendar.isWorkday(dayOf('2026-02-16' as IsoDate))).toBe(true); // 春节 not in this (test) notice
    expect(calendar.sources.get(2026)).toBe('更正测试');
  });

  it.each([
    ['缺少 source', { ...NOTICE_2027, source: undefined }, 'source：缺少此字段'],
    ['年份不是整数', { ...NOTICE_2027, year: 2027.5 }, 'year：'],
    ['不存在的日期', { ...NOTICE_2027, holidays: [{ name: '春节', from: '2027-02-29', to: '2027-03-01' }] }, 'holidays[0].from：'],
    ['结束早于开始', { ...NOTICE_2027, holidays: [{ name: '春节', from: '2027-02-11', to: '2027-02-05' }] }, 'holidays[0].to：'],
    ['不属于该年', { ...NOTICE_2027, holidays: [{ name: '春节', from: '2028-02-05', to: '2028-02-06' }] }, 'holidays[0].from：'],
    ['区间重叠', { ...NOTICE_2027, holidays: [{ name: 'a', from: '2027-02-05', to: '2027-02-11' }, { name: 'b', from: '2027-02-10', to: '2027-02-12' }] }, 'holidays[1]：'],
    ['调休日不是周末', { ...NOTICE_2027, workdays: ['2027-02-15'] }, 'workdays[0]：'],
    ['调休日在放假区间内', { ...NOTICE_2027, workdays: ['2027-02-06'] }, 'workdays[0]：'],
    ['没有假期', { ...NOTICE_2027, holidays: [] }, 'holidays：'],
    ['未知字段', { ...NOTICE_2027, note: 'x' }, '未知字段'],
  ])('%s：中文错误指明字段', (_name, input, expected) => {
    const r = parseCalendarImport(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => `${e.path}：${e.message}`).join('\n')).toContain(expected);
  });
});
