/**
 * The calendar store against the real embedded PostgreSQL (no mocks): a fresh database with the
 * migrations applied, then save → list round trips and the audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../platform/services.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { buildCalendar } from '../calendar.ts';
import { nationalCalendarSpec } from '../calendar-data.ts';
import { parseCalendarImport, toImportedYear } from '../calendar-import.ts';
import { dayOf, type IsoDate } from '../dates.ts';
import { hasImportedYear, listImportedYears, saveImportedYear } from './calendar-store.ts';

let services: Services;

beforeAll(async () => {
  services = await createTestServices();
});

afterAll(async () => {
  await services?.close();
});

function year2027(source: string, to = '2027-02-11') {
  const parsed = parseCalendarImport({
    year: 2027, source, holidays: [{ name: '春节', from: '2027-02-05', to }], workdays: ['2027-02-14', { date: '2027-02-20', name: '春节' }],
  });
  if (!parsed.ok) throw new Error('fixture');
  return toImportedYear(parsed.value);
}

describe('calendar overrides store', () => {
  it('保存后读回同样的年份和日期（日期不受时区影响）', async () => {
    const year = year2027('测试通知一');
    await withTransaction(services.db, (tx) => saveImportedYear(tx, year, { actor: 'tester', replaced: false, calendarVersionBefore: 'a', calendarVersionAfter: 'b' }));
    const listed = await listImportedYears(services.db);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.year).toBe(2027);
    expect(listed[0]!.official).toBe(true);
    expect(listed[0]!.days.map((d) => [d.date, d.kind, d.name])).toEqual(year.days.map((d) => [d.date, d.kind, d.name]));
    expect(await hasImportedYear(services.db, 2027)).toBe(true);
    const calendar = buildCalendar(nationalCalendarSpec(listed));
    expect(calendar.isWorkday(dayOf('2027-02-08' as IsoDate))).toBe(false);
    expect(calendar.isOfficialYear(2027)).toBe(true);
  });

  it('再次导入同一年整体替换，并写审计日志', async () => {
    await withTransaction(services.db, (tx) => saveImportedYear(tx, year2027('测试通知二', '2027-02-09'), { actor: 'tester2', replaced: true, calendarVersionBefore: 'b', calendarVersionAfter: 'c' }));
    const listed = await listImportedYears(services.db);
    expect(listed[0]!.source).toBe('测试通知二');
    expect(listed[0]!.days.filter((d) => d.kind === 'holiday')).toHaveLength(5);
    const audit = await services.db.query<{ actor: string; subject: string; details: { replaced: boolean; source: string } }>(
      "SELECT actor, subject, details FROM audit_log WHERE action = 'calendar.import' ORDER BY id",
    );
    expect(audit.rows.map((r) => [r.actor, r.subject, r.details.replaced, r.details.source])).toEqual([
      ['cli:tester', 'calendar:2027', false, '测试通知一'],
      ['cli:tester2', 'calendar:2027', true, '测试通知二'],
    ]);
  });

  it('事务回滚时不留下数据', async () => {
    await expect(withTransaction(services.db, async (tx) => {
      await saveImportedYear(tx, year2027('回滚'), { actor: 't', replaced: true, calendarVersionBefore: 'c', calendarVersionAfter: 'd' });
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect((await listImportedYears(services.db))[0]!.source).toBe('测试通知二');
  });
});
