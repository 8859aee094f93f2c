/**
 * The national calendar data: the `chinese-days` package's holiday and make-up-day maps
 * (2004–2026), read as year arrangements, with each year's State Council notice as its source
 * (law.md §3), plus built-in corrections where law.md §3 and the package disagree (law.md wins).
 */
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { buildCalendar, type CalendarSpec, type DayOverride, type WorkingCalendar, type YearArrangement } from './calendar.ts';
import { isIsoDate, type IsoDate } from './dates.ts';

/** The package version whose data is bundled (package.json pins it). */
export const CHINESE_DAYS_VERSION = '1.5.7';

/** Years of the package whose working days law.md §3 confirms: official by default. */
export const PACKAGE_OFFICIAL_YEARS: readonly number[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

/** Each year's notice (law.md §3). */
export const NOTICE_SOURCES: Readonly<Record<number, string>> = {
  2019: '国办发明电〔2018〕15号；劳动节按国办发明电〔2019〕3号调整',
  2020: '国办发明电〔2019〕16号；春节按国办发明电〔2020〕1号延长',
  2021: '国办发明电〔2020〕27号',
  2022: '国办发明电〔2021〕11号',
  2023: '国办发明电〔2022〕16号',
  2024: '国办发明电〔2023〕7号',
  2025: '国办发明电〔2024〕12号',
  2026: '国务院办公厅2025年11月4日通知（文号未核实）',
};

/**
 * Corrections where law.md §3 differs from the package (law.md wins). Checked 2019–2026 day by day
 * (calendar.test.ts, "与 law.md §3 手工表逐日一致"): the package's working days agree with law.md,
 * including the 2020 Spring Festival extension (01-24 to 02-02 off, 02-01 Saturday not worked) of
 * 国办发明电〔2020〕1号 and 2024-02-09 (除夕) as a working day. The only difference is cosmetic:
 * the package also labels the weekends next to 2019's 清明/端午/中秋 as holidays, which does not change
 * any working day. The entries below are therefore confirmations, kept so the correction mechanism
 * is exercised and the sources are on record; add a real correction here the same way.
 */
export const BUILTIN_CORRECTIONS: readonly DayOverride[] = [
  { date: '2020-02-01' as IsoDate, kind: 'holiday', name: '春节', source: '国办发明电〔2020〕1号：春节假期延长至2月2日，2月1日（星期六）不再调休上班' },
  { date: '2020-02-02' as IsoDate, kind: 'holiday', name: '春节', source: '国办发明电〔2020〕1号：春节假期延长至2月2日' },
  { date: '2024-02-09' as IsoDate, kind: 'workday', name: '除夕（鼓励休息，仍为工作日）', source: '国办发明电〔2023〕7号' },
];

type PackageMap = Readonly<Record<string, string>>;

/** Chinese name in a package value such as "Spring Festival,春节,3". */
function chineseName(value: string): string {
  return value.split(',')[1] ?? value;
}

/** The package's data for the given years, as year arrangements (days attributed by calendar year). */
export function packageArrangements(years: readonly number[] = PACKAGE_OFFICIAL_YEARS): YearArrangement[] {
  const wanted = new Set(years);
  const byYear = new Map<number, DayOverride[]>();
  const add = (map: PackageMap, kind: 'holiday' | 'workday'): void => {
    for (const [date, value] of Object.entries(map)) {
      const year = Number(date.slice(0, 4));
      if (!wanted.has(year) || !isIsoDate(date)) continue;
      const list = byYear.get(year) ?? [];
      list.push({ date, kind, name: chineseName(value) });
      byYear.set(year, list);
    }
  };
  add(packageData.holidays as PackageMap, 'holiday');
  add(packageData.workdays as PackageMap, 'workday');
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({
      year,
      source: `${NOTICE_SOURCES[year] ?? '国务院办公厅节假日安排通知'}（数据：chinese-days ${CHINESE_DAYS_VERSION}）`,
      days: days.sort((a, b) => (a.date < b.date ? -1 : 1)),
    }));
}

/** An imported year (or a correction of a package year) from the database or a file. */
export interface ImportedYear extends YearArrangement {
  /** Imported years are official (a State Council notice was entered). */
  readonly official: boolean;
}

/**
 * The spec of the national calendar: package years 2019–2026 (official), then imported years
 * (each replaces the package's arrangement for its year), then built-in corrections and extra
 * overrides.
 */
export function nationalCalendarSpec(imported: readonly ImportedYear[] = [], overrides: readonly DayOverride[] = []): CalendarSpec {
  const official = new Set(PACKAGE_OFFICIAL_YEARS);
  for (const y of imported) {
    if (y.official) official.add(y.year);
    else official.delete(y.year);
  }
  return {
    arrangements: [...packageArrangements(), ...imported],
    overrides: [...BUILTIN_CORRECTIONS, ...overrides],
    officialYears: [...official].sort((a, b) => a - b),
  };
}

let defaultCalendar: WorkingCalendar | undefined;

/** The national calendar from package data and built-in corrections only (built once, then shared). */
export function packageCalendar(): WorkingCalendar {
  defaultCalendar ??= buildCalendar(nationalCalendarSpec());
  return defaultCalendar;
}
