import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.ts';
import { BUILTIN_CORRECTIONS, nationalCalendarSpec, packageArrangements, packageCalendar } from './calendar-data.ts';
import { dayOf, isoOf, type IsoDate } from './dates.ts';

/**
 * law.md §3, typed by hand from the State Council notices (not from the package):
 * [name, from, to] holiday ranges (both ends included) and make-up working days (调休上班).
 */
const LAW_MD_TABLE: Record<number, { holidays: [string, string, string][]; workdays: string[] }> = {
  2019: {
    holidays: [
      ['元旦', '2019-01-01', '2019-01-01'], ['春节', '2019-02-04', '2019-02-10'], ['清明', '2019-04-05', '2019-04-05'],
      ['劳动节', '2019-05-01', '2019-05-04'], ['端午', '2019-06-07', '2019-06-07'], ['中秋', '2019-09-13', '2019-09-13'],
      ['国庆', '2019-10-01', '2019-10-07'],
    ],
    workdays: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  },
  2020: {
    holidays: [
      ['元旦', '2020-01-01', '2020-01-01'], ['春节（延长）', '2020-01-24', '2020-02-02'], ['清明', '2020-04-04', '2020-04-06'],
      ['劳动节', '2020-05-01', '2020-05-05'], ['端午', '2020-06-25', '2020-06-27'], ['国庆中秋', '2020-10-01', '2020-10-08'],
    ],
    workdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  2021: {
    holidays: [
      ['元旦', '2021-01-01', '2021-01-03'], ['春节', '2021-02-11', '2021-02-17'], ['清明', '2021-04-03', '2021-04-05'],
      ['劳动节', '2021-05-01', '2021-05-05'], ['端午', '2021-06-12', '2021-06-14'], ['中秋', '2021-09-19', '2021-09-21'],
      ['国庆', '2021-10-01', '2021-10-07'],
    ],
    workdays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  2022: {
    holidays: [
      ['元旦', '2022-01-01', '2022-01-03'], ['春节', '2022-01-31', '2022-02-06'], ['清明', '2022-04-03', '2022-04-05'],
      ['劳动节', '2022-04-30', '2022-05-04'], ['端午', '2022-06-03', '2022-06-05'], ['中秋', '2022-09-10', '2022-09-12'],
      ['国庆', '2022-10-01', '2022-10-07'], ['元旦（2023年通知）', '2022-12-31', '2022-12-31'],
    ],
    workdays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  2023: {
    holidays: [
      ['元旦', '2023-01-01', '2023-01-02'], ['春节', '2023-01-21', '2023-01-27'], ['清明', '2023-04-05', '2023-04-05'],
      ['劳动节', '2023-04-29', '2023-05-03'], ['端午', '2023-06-22', '2023-06-24'], ['中秋国庆', '2023-09-29', '2023-10-06'],
    ],
    workdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  2024: {
    holidays: [
      ['元旦', '2024-01-01', '2024-01-01'], ['春节', '2024-02-10', '2024-02-17'], ['清明', '2024-04-04', '2024-04-06'],
      ['劳动节', '2024-05-01', '2024-05-05'], ['端午', '2024-06-10', '2024-06-10'], ['中秋', '2024-09-15', '2024-09-17'],
      ['国庆', '2024-10-01', '2024-10-07'],
    ],
    workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    holidays: [
      ['元旦', '2025-01-01', '2025-01-01'], ['春节', '2025-01-28', '2025-02-04'], ['清明', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'], ['端午', '2025-05-31', '2025-06-02'], ['国庆中秋', '2025-10-01', '2025-10-08'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ['元旦', '2026-01-01', '2026-01-03'], ['春节', '2026-02-15', '2026-02-23'], ['清明', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'], ['端午', '2026-06-19', '2026-06-21'], ['中秋', '2026-09-25', '2026-09-27'],
      ['国庆', '2026-10-01', '2026-10-07'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** Independent of the code under test: JS Date in UTC, test-only. */
function handIsWorkday(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  const t = LAW_MD_TABLE[year];
  if (!t) throw new Error(`no table for ${year}`);
  if (t.workdays.includes(iso)) return true;
  if (t.holidays.some(([, from, to]) => iso >= from && iso <= to)) return false;
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('全国工作日日历（约定 C-01）', () => {
  const calendar = packageCalendar();

  it.each(Object.keys(LAW_MD_TABLE).map(Number))('%i 年逐日与 law.md §3 手工表一致', (year) => {
    const mismatches = eachDay(`${year}-01-01`, `${year}-12-31`)
      .filter((iso) => calendar.isWorkday(dayOf(iso as IsoDate)) !== handIsWorkday(iso));
    expect(mismatches).toEqual([]);
  });

  it.each(Object.entries(LAW_MD_TABLE))('%s 年每个放假区间都是法定节假日、每个调休日都是调休上班日', (_year, t) => {
    for (const [, from, to] of t.holidays) {
      for (const iso of eachDay(from, to)) expect([iso, calendar.kindOf(dayOf(iso as IsoDate))]).toEqual([iso, 'holiday']);
    }
    for (const iso of t.workdays) expect([iso, calendar.kindOf(dayOf(iso as IsoDate))]).toEqual([iso, 'makeupWorkday']);
  });

  it('2020年春节延长：02-01（星期六）不再调休上班，02-03 起正常上班（国办发明电〔2020〕1号）', () => {
    expect(calendar.isWorkday(dayOf('2020-02-01' as IsoDate))).toBe(false);
    expect(calendar.isWorkday(dayOf('2020-02-02' as IsoDate))).toBe(false);
    expect(calendar.isWorkday(dayOf('2020-02-03' as IsoDate))).toBe(true);
    expect(calendar.isWorkday(dayOf('2020-01-19' as IsoDate))).toBe(true);
  });

  it('2024年除夕（02-09，星期五）仅鼓励休息，仍是工作日', () => {
    expect(calendar.kindOf(dayOf('2024-02-09' as IsoDate))).toBe('workday');
  });

  it('2019–2026 为正式数据，2027 不是', () => {
    for (let y = 2019; y <= 2026; y++) expect(calendar.isOfficialYear(y)).toBe(true);
    expect(calendar.isOfficialYear(2027)).toBe(false);
  });

  it('内置更正以 law.md 为准，且每条都写明来源', () => {
    for (const c of BUILTIN_CORRECTIONS) {
      expect(c.source).toMatch(/国办发明电/);
      expect(calendar.isWorkday(dayOf(c.date))).toBe(c.kind === 'workday');
    }
  });

  it('包数据若与 law.md 不一致，内置更正覆盖包数据', () => {
    // Simulate a package that still had 2020-02-01 as a make-up working day (the original notice).
    const stale = packageArrangements().map((a) => a.year !== 2020 ? a : {
      ...a, days: [...a.days.filter((d) => d.date !== '2020-02-01'), { date: '2020-02-01' as IsoDate, kind: 'workday' as const, name: '春节' }],
    });
    const spec = nationalCalendarSpec();
    const withoutCorrection = buildCalendar({ ...spec, arrangements: stale, overrides: [] });
    const corrected = buildCalendar({ ...spec, arrangements: stale });
    expect(withoutCorrection.isWorkday(dayOf('2020-02-01' as IsoDate))).toBe(true);
    expect(corrected.isWorkday(dayOf('2020-02-01' as IsoDate))).toBe(false);
    expect(corrected.version).not.toBe(withoutCorrection.version);
  });

  it('2027 年未导入时按周一至周五计、但不是正式数据；导入后改为正式并改变版本', () => {
    const imported = buildCalendar(nationalCalendarSpec([{
      year: 2027, source: '测试通知', official: true,
      days: [{ date: '2027-02-08' as IsoDate, kind: 'holiday', name: '春节' }, { date: '2027-02-06' as IsoDate, kind: 'workday', name: '春节' }],
    }]));
    expect(calendar.isWorkday(dayOf('2027-02-08' as IsoDate))).toBe(true);
    expect(imported.isWorkday(dayOf('2027-02-08' as IsoDate))).toBe(false);
    expect(imported.isWorkday(dayOf('2027-02-06' as IsoDate))).toBe(true);
    expect(imported.isOfficialYear(2027)).toBe(true);
    expect(imported.version).not.toBe(calendar.version);
  });

  it('日历版本是数据的指纹：同样的数据得到同样的版本', () => {
    expect(buildCalendar(nationalCalendarSpec()).version).toBe(calendar.version);
  });

  it('addWorkingDays 与 countWorkingDays：2023 国庆 收到日 09-27 起第20个工作日为 10-31（09-28 计1，10-07、10-08 调休计2、3）', () => {
    const start = dayOf('2023-09-27' as IsoDate);
    const due = calendar.addWorkingDays(start, 20);
    expect(isoOf(due)).toBe('2023-10-31');
    expect(calendar.countWorkingDays(start, due)).toBe(20);
  });
});
