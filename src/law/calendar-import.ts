/**
 * The file format of `gongkai law calendar --import FILE.json`: one year's State Council notice.
 *
 * ```json
 * { "year": 2027, "source": "国办发明电〔2026〕×号",
 *   "holidays": [{ "name": "春节", "from": "2027-02-05", "to": "2027-02-11" }],
 *   "workdays": ["2027-02-14", { "date": "2027-02-20", "name": "春节" }] }
 * ```
 * Holiday periods include both ends; `workdays` are the 调休上班 weekend days. Dates belong to the
 * year, except that a period or a make-up day of the notice may fall in the December before
 * (元旦 2022-12-31 in the 2023 notice; 2018-12-29 in the 2019 notice).
 */
import { z } from 'zod';
import type { DayOverride } from './calendar.ts';
import type { ImportedYear } from './calendar-data.ts';
import { dayOf, isoOf, isWeekend, weekdayLabel, type IsoDate } from './dates.ts';
import { isoDateSchema, parseWith, type FieldError, type Parsed } from './validation.ts';

const nameSchema = z.string().trim().min(1).max(40);
/** A date of the notice; `format` tells `--help` (law/edge/input-help.ts) to say 日期 YYYY-MM-DD. */
const date = isoDateSchema.meta({ format: 'date' });

/** The notice file's fields; each `describe` is its line in `gongkai law calendar --help` (a test checks every key is there). */
export const calendarImportSchema = z.object({
  year: z.number().int().min(2019).max(2100).describe('通知安排的年份'),
  source: z.string().trim().min(1).max(200).describe('通知的文号或名称（如 国办发明电〔2023〕7号），记为该年日历数据的来源'),
  holidays: z.array(z.object({
    name: nameSchema.describe('节日名称，如 春节'),
    from: date.describe('放假第一天'),
    to: date.describe('放假最后一天（含该日）'),
  }).strict()).min(1).max(40).describe('放假区间，每个节日一项，含首尾两日（可含周末）；可以从上一年12月开始（如元旦）'),
  workdays: z.array(z.union([date, z.object({
    date: date.describe('调休上班日'),
    name: nameSchema.optional().describe('所属节日；不填则取最近的放假区间的名称'),
  }).strict()])).max(40).describe('调休上班的星期六、星期日'),
}).strict();

/** A validated notice file. */
export type CalendarImport = z.output<typeof calendarImportSchema>;

/** Longest plausible holiday period (the 2020 Spring Festival extension was 10 days). */
const MAX_PERIOD_DAYS = 31;

function checkNotice(notice: CalendarImport): FieldError[] {
  const errors: FieldError[] = [];
  const earliest = `${notice.year - 1}-12-01`;
  const latest = `${notice.year}-12-31`;
  const inYear = (path: string, date: IsoDate): void => {
    if (date < earliest || date > latest) errors.push({ path, message: `${date} 不属于${notice.year}年的安排（应在 ${earliest} 至 ${latest} 之间）` });
  };
  const taken = new Map<number, string>();
  notice.holidays.forEach((h, i) => {
    inYear(`holidays[${i}].from`, h.from);
    inYear(`holidays[${i}].to`, h.to);
    const from = dayOf(h.from);
    const to = dayOf(h.to);
    if (to < from) errors.push({ path: `holidays[${i}].to`, message: `结束日期 ${h.to} 早于开始日期 ${h.from}` });
    else if (to - from + 1 > MAX_PERIOD_DAYS) errors.push({ path: `holidays[${i}]`, message: `放假区间 ${to - from + 1} 天，超过${MAX_PERIOD_DAYS}天，请核对` });
    else {
      for (let d = from; d <= to; d++) {
        const other = taken.get(d);
        if (other) errors.push({ path: `holidays[${i}]`, message: `${isoOf(d)} 与 ${other} 重叠` });
        taken.set(d, `holidays[${i}]（${h.name}）`);
      }
    }
  });
  notice.workdays.forEach((w, i) => {
    const date = typeof w === 'string' ? w : w.date;
    const path = `workdays[${i}]`;
    inYear(path, date);
    const day = dayOf(date);
    if (!isWeekend(day)) errors.push({ path, message: `${date} 是${weekdayLabel(day)}，调休上班日应为星期六或星期日` });
    const other = taken.get(day);
    if (other) errors.push({ path, message: `${date} 同时出现在 ${other} 的放假区间内` });
    taken.set(day, path);
  });
  return errors;
}

/** Parses and checks a notice file's JSON. */
export function parseCalendarImport(raw: unknown): Parsed<CalendarImport> {
  const parsed = parseWith(calendarImportSchema, raw);
  if (!parsed.ok) return parsed;
  const errors = checkNotice(parsed.value);
  return errors.length > 0 ? { ok: false, errors } : parsed;
}

/** The name of the holiday period nearest to a make-up day (a 调休 day belongs to the holiday next to it). */
function nearestHolidayName(notice: CalendarImport, day: number): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const h of notice.holidays) {
    const distance = Math.min(Math.abs(dayOf(h.from) - day), Math.abs(dayOf(h.to) - day));
    if (!best || distance < best.distance) best = { name: h.name, distance };
  }
  return best?.name;
}

/** The notice as an official year arrangement: one entry per holiday day and per make-up day. */
export function toImportedYear(notice: CalendarImport): ImportedYear {
  const days: DayOverride[] = [];
  for (const h of notice.holidays) {
    for (let d = dayOf(h.from); d <= dayOf(h.to); d++) days.push({ date: isoOf(d), kind: 'holiday', name: h.name, source: notice.source });
  }
  for (const w of notice.workdays) {
    const date = typeof w === 'string' ? w : w.date;
    const name = (typeof w === 'string' ? undefined : w.name) ?? nearestHolidayName(notice, dayOf(date));
    days.push({ date, kind: 'workday', ...(name ? { name } : {}), source: notice.source });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year: notice.year, source: notice.source, official: true, days };
}
