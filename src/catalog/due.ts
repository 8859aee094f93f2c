/**
 * 第二十六条 on time: which items are late, due soon, or were published late. Pure: the item's dates,
 * today (Beijing) and the working calendar are parameters.
 *
 * - 逾期未公开 (`late`): still on its way to publication (draft … 待签发) and its due date has passed.
 * - 即将到期 (`dueSoon`): still on its way, due today or within the next N working days (default 5).
 * - 超期公开 (`publishedLate`): published after its due date.
 * Items not to be published (依申请公开 / 不予公开) and withdrawn ones are neither: the clock stopped.
 */
import type { WorkingCalendar } from '../law/calendar.ts';
import { dayOf, isoOf, type IsoDate } from '../law/dates.ts';
import { PENDING_STATUSES, type ItemStatus } from './model.ts';

/** How many working days ahead “due soon” looks by default. */
export const DUE_SOON_WORKING_DAYS = 5;
/** The range a person may choose for “due soon”. */
export const DUE_SOON_MIN = 1;
export const DUE_SOON_MAX = 20;

export const DUE_KINDS = ['late', 'dueSoon', 'publishedLate'] as const;
export type DueKind = (typeof DUE_KINDS)[number];
export const DUE_KIND_LABELS: Record<DueKind, string> = { late: '逾期未公开', dueSoon: '即将到期', publishedLate: '超期公开' };

/** What the classification reads of an item. */
export interface DueFacts {
  readonly status: ItemStatus;
  readonly publishDue: IsoDate;
  readonly publishedOn: IsoDate | null;
}

/** An item's place on the list, with the working days that matter (null where the calendar has no data). */
export type DueClass =
  | { kind: 'late'; workingDaysOver: number | null }
  | { kind: 'dueSoon'; workingDaysLeft: number | null }
  | { kind: 'publishedLate'; workingDaysOver: number | null };

/** The last day “due soon” reaches: today plus N working days (the N-th working day after today). */
export function dueSoonUntil(today: IsoDate, calendar: WorkingCalendar, workingDays: number = DUE_SOON_WORKING_DAYS): IsoDate {
  const day = dayOf(today);
  return calendar.covers(day) ? isoOf(calendar.addWorkingDays(day, workingDays)) : isoOf(day + workingDays);
}

/** Working days in (from, to], or null when either lies outside the calendar. */
function workingDaysBetween(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number | null {
  const a = dayOf(from);
  const b = dayOf(to);
  return calendar.covers(a) && calendar.covers(b) ? calendar.countWorkingDays(a, b) : null;
}

/**
 * An item's class on `today`, or null when it is on time (or the clock does not run for it).
 * `soonUntil` is `dueSoonUntil(today, calendar, N)`.
 */
export function classifyDue(item: DueFacts, today: IsoDate, soonUntil: IsoDate, calendar: WorkingCalendar): DueClass | null {
  if (PENDING_STATUSES.includes(item.status)) {
    if (item.publishDue < today) return { kind: 'late', workingDaysOver: workingDaysBetween(calendar, item.publishDue, today) };
    if (item.publishDue <= soonUntil) return { kind: 'dueSoon', workingDaysLeft: workingDaysBetween(calendar, today, item.publishDue) };
    return null;
  }
  if (item.status === 'published' && item.publishedOn !== null && item.publishedOn > item.publishDue) {
    return { kind: 'publishedLate', workingDaysOver: workingDaysBetween(calendar, item.publishDue, item.publishedOn) };
  }
  return null;
}

/** How a class reads in a list: '逾期 3 个工作日', '还有 2 个工作日', '今天到期'. */
export function dueClassText(c: DueClass): string {
  switch (c.kind) {
    case 'late':
      return c.workingDaysOver === null || c.workingDaysOver === 0 ? '已逾期' : `逾期 ${c.workingDaysOver} 个工作日`;
    case 'dueSoon':
      return c.workingDaysLeft === null ? '即将到期' : c.workingDaysLeft === 0 ? '今天到期' : `还有 ${c.workingDaysLeft} 个工作日`;
    case 'publishedLate':
      return c.workingDaysOver === null || c.workingDaysOver === 0 ? '超过期限公开' : `超过期限 ${c.workingDaysOver} 个工作日公开`;
  }
}
