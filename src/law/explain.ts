/**
 * Readable Chinese explanations of a working-day count: which days were counted, which were
 * weekends, holidays or make-up working days. Only built when asked (`explain: true`): the
 * deadline hot path never calls into this file.
 */
import type { WorkingCalendar } from './calendar.ts';
import { formatDay, isoOf } from './dates.ts';

/** 'MM-DD' for compact lists inside one window. */
function short(day: number): string {
  return isoOf(day).slice(5);
}

/** Groups consecutive days into 'MM-DD至MM-DD' runs. */
function runs(days: readonly number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    out.push(i === j ? short(days[i]!) : `${short(days[i]!)}至${short(days[j]!)}`);
    i = j + 1;
  }
  return out;
}

/**
 * Describes the days in (fromExclusive, toInclusive]: how many were counted as working days,
 * which were not counted (周休日, 法定节假日 with names) and which 调休 days were counted.
 */
export function describeWindow(calendar: WorkingCalendar, fromExclusive: number, toInclusive: number): string {
  if (toInclusive <= fromExclusive) return '计数区间为空。';
  const weekends: number[] = [];
  const holidays = new Map<string, number[]>();
  const makeup: number[] = [];
  const named: number[] = [];
  let worked = 0;
  for (let day = fromExclusive + 1; day <= toInclusive; day++) {
    const kind = calendar.kindOf(day);
    switch (kind) {
      case 'workday':
        worked++;
        if (calendar.nameOf(day)) named.push(day);
        break;
      case 'makeupWorkday':
        worked++;
        makeup.push(day);
        break;
      case 'weekend':
        weekends.push(day);
        break;
      case 'holiday': {
        const name = calendar.nameOf(day) ?? '节假日';
        const list = holidays.get(name) ?? [];
        list.push(day);
        holidays.set(name, list);
        break;
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown day kind ${String(never)}`);
      }
    }
  }
  const parts = [
    `自${formatDay(fromExclusive + 1)}起至${formatDay(toInclusive)}止，共${toInclusive - fromExclusive}个自然日，计入工作日${worked}个`,
  ];
  const skipped: string[] = [];
  if (weekends.length > 0) skipped.push(`周休日${weekends.length}天（${runs(weekends).join('、')}）`);
  for (const [name, days] of holidays) skipped.push(`${name}法定节假日${days.length}天（${runs(days).join('、')}）`);
  if (skipped.length > 0) parts.push(`不计入：${skipped.join('；')}`);
  if (makeup.length > 0) {
    parts.push(`调休上班日计入：${makeup.map((d) => `${short(d)}（${calendar.nameOf(d) ?? '调休'}调休）`).join('、')}`);
  }
  if (named.length > 0) parts.push(`以下日期仍是工作日、计入：${named.map((d) => `${short(d)}（${calendar.nameOf(d) ?? ''}）`).join('、')}`);
  return parts.join('；') + '。';
}

/** The provisional warning for windows touching the given years without official data. */
export function provisionalText(years: readonly number[], whats: readonly string[]): string {
  return `暂定（provisional）：${whats.join('、')}的计数区间涉及${years.join('、')}年，该年国务院办公厅节假日安排尚未录入，`
    + '暂按周一至周五计算，不是正式结果；录入该年通知（gongkai law calendar --import）后须重新计算。';
}

/** The provisional warning for one window touching years without official data, or undefined. */
export function provisionalNote(calendar: WorkingCalendar, fromExclusive: number, toInclusive: number, what: string): string | undefined {
  const years = calendar.unofficialYearsIn(fromExclusive, toInclusive);
  return years.length === 0 ? undefined : provisionalText(years, [what]);
}
