import { describe, expect, it } from 'vitest';
import { packageCalendar } from '../law/calendar-data.ts';
import type { IsoDate } from '../law/dates.ts';
import { classifyDue, dueClassText, dueSoonUntil, type DueClass, type DueFacts } from './due.ts';
import type { ItemStatus } from './model.ts';

const calendar = packageCalendar();
const d = (s: string) => s as IsoDate;
// 2024's National Day: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
const TODAY = d('2024-10-08');

describe('due soon reaches N working days after today', () => {
  it.each([
    [5, '2024-10-14'], // 9, 10, 11, 12 (make-up Saturday), 14
    [1, '2024-10-09'],
    [4, '2024-10-12'],
  ])('%i working days from 2024-10-08 → %s', (n, until) => {
    expect(dueSoonUntil(TODAY, calendar, n)).toBe(until);
  });

  it('over the holiday: from 30 September, one working day is 8 October', () => {
    expect(dueSoonUntil(d('2024-09-30'), calendar, 1)).toBe('2024-10-08');
  });
});

describe('classifyDue on 2024-10-08, due soon within 5 working days', () => {
  const soonUntil = dueSoonUntil(TODAY, calendar, 5);
  const item = (status: ItemStatus, publishDue: string, publishedOn: string | null = null): DueFacts => ({ status, publishDue: d(publishDue), publishedOn: publishedOn === null ? null : d(publishedOn) });
  const cases: [string, DueFacts, DueClass | null][] = [
    ['a draft due before the holiday is late by the one working day since', item('draft', '2024-09-30'), { kind: 'late', workingDaysOver: 1 }],
    ['a draft due yesterday (a holiday) is late', item('draft', '2024-10-07'), { kind: 'late', workingDaysOver: 1 }],
    ['awaiting signature, due today: due soon, today', item('signing', '2024-10-08'), { kind: 'dueSoon', workingDaysLeft: 0 }],
    ['awaiting the attribute review, due on the 5th working day: due soon', item('attributeReview', '2024-10-14'), { kind: 'dueSoon', workingDaysLeft: 5 }],
    ['the make-up Saturday counts as a working day', item('secrecyCheck', '2024-10-12'), { kind: 'dueSoon', workingDaysLeft: 4 }],
    ['due on the 6th working day: on time, not listed', item('draft', '2024-10-15'), null],
    ['published after its due date: published late by working days', item('published', '2024-09-30', '2024-10-10'), { kind: 'publishedLate', workingDaysOver: 3 }],
    ['published on its due date: on time', item('published', '2024-09-30', '2024-09-30'), null],
    ['published before its due date: on time', item('published', '2024-10-30', '2024-10-09'), null],
    ['not to be published (依申请公开 / 不予公开): the clock stopped', item('notPublished', '2024-09-01'), null],
    ['withdrawn: not listed', item('withdrawn', '2024-09-01'), null],
  ];
  it.each(cases)('%s', (_, facts, expected) => {
    expect(classifyDue(facts, TODAY, soonUntil, calendar)).toEqual(expected);
  });

  it('working days are null, not guessed, outside the calendar', () => {
    expect(classifyDue(item('draft', '2010-03-01'), TODAY, soonUntil, calendar)).toEqual({ kind: 'late', workingDaysOver: null });
  });
});

describe('how a class reads', () => {
  it.each([
    [{ kind: 'late', workingDaysOver: 3 }, '逾期 3 个工作日'],
    [{ kind: 'late', workingDaysOver: 0 }, '已逾期'],
    [{ kind: 'dueSoon', workingDaysLeft: 0 }, '今天到期'],
    [{ kind: 'dueSoon', workingDaysLeft: 2 }, '还有 2 个工作日'],
    [{ kind: 'publishedLate', workingDaysOver: 4 }, '超过期限 4 个工作日公开'],
    [{ kind: 'publishedLate', workingDaysOver: null }, '超过期限公开'],
  ] as [DueClass, string][])('%j → %s', (c, text) => {
    expect(dueClassText(c)).toBe(text);
  });
});
