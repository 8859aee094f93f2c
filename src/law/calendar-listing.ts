/**
 * A year's holidays and make-up working days, as the CLI and pages show them.
 */
import type { WorkingCalendar } from './calendar.ts';
import { dayFromCivil, isoOf, weekdayLabel, type IsoDate } from './dates.ts';

/** One holiday period: consecutive holiday days of the same name. */
export interface HolidayRange {
  readonly name: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly days: number;
}

/** One make-up working day (调休上班). */
export interface MakeupWorkday {
  readonly date: IsoDate;
  readonly weekday: string;
  readonly name: string;
}

/** A year of the calendar. */
export interface YearListing {
  readonly year: number;
  /** Whether the year's data is official (a notice from the package or imported); else Monday–Friday, provisional. */
  readonly official: boolean;
  readonly source: string | null;
  readonly calendarVersion: string;
  readonly holidays: readonly HolidayRange[];
  readonly workdays: readonly MakeupWorkday[];
}

/**
 * Lists a year's holiday periods and make-up working days. A period that began in the previous
 * year (e.g. 元旦 2022-12-31 to 2023-01-02) is shown from its real first day.
 */
export function listYear(calendar: WorkingCalendar, year: number): YearListing {
  const first = Math.max(dayFromCivil(year, 1, 1), calendar.firstDay);
  const last = Math.min(dayFromCivil(year, 12, 31), calendar.lastDay);
  const holidays: HolidayRange[] = [];
  const workdays: MakeupWorkday[] = [];
  let open: { name: string; from: number; to: number } | undefined;
  const close = (): void => {
    if (open) holidays.push({ name: open.name, from: isoOf(open.from), to: isoOf(open.to), days: open.to - open.from + 1 });
    open = undefined;
  };
  for (let day = first; day <= last; day++) {
    const kind = calendar.kindOf(day);
    if (kind === 'holiday') {
      const name = calendar.nameOf(day) ?? '节假日';
      if (open && open.name === name && open.to === day - 1) open.to = day;
      else {
        close();
        let from = day;
        while (from - 1 >= calendar.firstDay && calendar.kindOf(from - 1) === 'holiday' && calendar.nameOf(from - 1) === name) from--;
        open = { name, from, to: day };
      }
    } else {
      close();
      if (kind === 'makeupWorkday') workdays.push({ date: isoOf(day), weekday: weekdayLabel(day), name: calendar.nameOf(day) ?? '调休' });
    }
  }
  close();
  return {
    year,
    official: calendar.isOfficialYear(year),
    source: calendar.sources.get(year) ?? null,
    calendarVersion: calendar.version,
    holidays,
    workdays,
  };
}

/** Readable Chinese text of a year listing. */
export function formatYearListing(listing: YearListing): string {
  const lines = [`${listing.year}年工作日日历（版本 ${listing.calendarVersion}）`];
  lines.push(listing.official
    ? `数据状态：正式（${listing.source ?? '来源未记录'}）`
    : `数据状态：非正式——尚未录入${listing.year}年国务院办公厅节假日安排通知，暂按周一至周五计算，涉及该年的期限均标注为“暂定”（provisional）`);
  lines.push('', '放假：');
  if (listing.holidays.length === 0) lines.push('  （无）');
  for (const h of listing.holidays) lines.push(`  ${h.name}：${h.from} 至 ${h.to}，共${h.days}天`);
  lines.push('', '调休上班：');
  if (listing.workdays.length === 0) lines.push('  （无）');
  for (const w of listing.workdays) lines.push(`  ${w.date}（${w.weekday}）上班（${w.name}）`);
  return lines.join('\n') + '\n';
}
