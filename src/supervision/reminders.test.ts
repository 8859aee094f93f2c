/**
 * The annual report reminders (issue 19 §1): from 2 January to the statutory date, the 经办人 and 负责人
 * (with an address) of an agency that has not published last year's report get one mail a week; the
 * department's reminders end after 31 January, the government's run to 31 March; a published report
 * ends them; the mail names the due date and the workspace's page (a full link only on a configured host).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../law/dates.ts';
import { setEmail } from '../platform/accounts/service.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import type { Services } from '../platform/services.ts';
import { addAgency, addPerson, OPERATOR } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { mailOriginOf, reportReminderMail, scheduleReportReminders } from './reminders.ts';
import { takeStep } from './workspace-service.ts';

let services: Services;
let government: Agency;
let culture: Agency;
const people: Record<string, Person> = {};
/** This year's report, reminded of next year (the agencies made now existed in it). */
const YEAR = new Date().getUTCFullYear();
const day = (monthDay: string) => `${YEAR + 1}-${monthDay}` as IsoDate;

async function withEmail(username: string, roles: Parameters<typeof addPerson>[2]): Promise<Person> {
  const person = await addPerson(services, username, roles);
  await setEmail(services.db, OPERATOR, person.id, `${username}@example.gov.cn`);
  return person;
}

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '提醒测试区人民政府', 'government');
  culture = await addAgency(services, '提醒测试区文化旅游局', 'department', government);
  people['handler'] = await withEmail('remind-handler', [['handler', culture]]);
  people['head'] = await withEmail('remind-head', [['head', culture]]);
  people['reviewer'] = await withEmail('remind-reviewer', [['reviewer', culture]]);
  people['noMail'] = await addPerson(services, 'remind-nomail', [['handler', culture]]);
  people['govHead'] = await withEmail('remind-gov-head', [['head', government]]);
}, 60_000);
afterAll(async () => services.close());

const mails = async () => (await services.db.query<{ to_address: string; subject: string; body_text: string }>(
  'SELECT to_address, subject, body_text FROM outbox ORDER BY id')).rows;

describe('scheduleReportReminders', () => {
  it('nothing on 1 January', async () => {
    expect(await scheduleReportReminders(services, day('01-01'))).toMatchObject({ agencies: 0, queued: 0 });
  });

  it("from 2 January: each 经办人 and 负责人 with an address, once a week; the one without an address is listed", async () => {
    const first = await scheduleReportReminders(services, day('01-05'));
    expect(first).toMatchObject({ queued: 3, alreadyQueued: 0, withoutAddress: [people['noMail']!.id] });
    const sent = await mails();
    expect(sent.map((m) => m.to_address).sort()).toEqual(['remind-gov-head@example.gov.cn', 'remind-handler@example.gov.cn', 'remind-head@example.gov.cn']);
    const handlerMail = sent.find((m) => m.to_address === 'remind-handler@example.gov.cn')!;
    expect(handlerMail.subject).toContain(`${culture.name}${YEAR}年政府信息公开工作年度报告应于 ${YEAR + 1}-01-31 前发布`);
    expect(handlerMail.body_text).toContain(`/annual-reports/${culture.id}/${YEAR}`);
    expect(handlerMail.body_text).toContain('您是提醒测试区文化旅游局的经办人');
    expect(sent.find((m) => m.to_address === 'remind-gov-head@example.gov.cn')!.subject).toContain(`${YEAR + 1}-03-31`);

    // The same week (2–8 January): nothing new.
    expect(await scheduleReportReminders(services, day('01-08'))).toMatchObject({ queued: 0, alreadyQueued: 3 });
    // The next week: once more.
    expect(await scheduleReportReminders(services, day('01-09'))).toMatchObject({ queued: 3, alreadyQueued: 0 });
    expect(await mails()).toHaveLength(6);
  });

  it("after 31 January the department's reminders end; the government's go on to 31 March", async () => {
    const february = await scheduleReportReminders(services, day('02-02'));
    expect(february).toMatchObject({ agencies: 1, queued: 1 });
    expect((await mails()).at(-1)!.to_address).toBe('remind-gov-head@example.gov.cn');
    expect(await scheduleReportReminders(services, day('04-01'))).toMatchObject({ agencies: 0, queued: 0 });
  });

  it('a published report ends them', async () => {
    await takeStep(services, OPERATOR, government.id, YEAR, day('02-10'), { step: 'publish' });
    expect(await scheduleReportReminders(services, day('02-16'))).toMatchObject({ agencies: 0, queued: 0 });
  });
});

describe('the mail', () => {
  it('links to the page on the configured host, or names the path when none is configured', () => {
    expect(mailOriginOf({ config: { publicHosts: [] } as unknown as Services['config'] })).toBe('');
    const origin = mailOriginOf({ config: { publicHosts: ['gongkai.example.gov.cn'] } as unknown as Services['config'] });
    expect(origin).toBe('https://gongkai.example.gov.cn');
    const mail = reportReminderMail({
      agencyId: 7, agencyName: '某局', year: 2025, dueOn: '2026-01-31' as IsoDate, today: '2026-01-31' as IsoDate, state: 'returned',
      recipientName: '张三', asHead: true, origin,
    });
    expect(mail.text).toContain('打开 https://gongkai.example.gov.cn/annual-reports/7/2025 编制年度报告');
    expect(mail.text).toContain('今天是最后一天');
    expect(mail.text).toContain('已退回修改');
    expect(mail.text).toContain('负责人');
  });
});
