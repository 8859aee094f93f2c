import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgency, addPerson } from '../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { packageCalendar } from '../law/calendar-data.ts';
import type { IsoDate } from '../law/dates.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import type { MailTransport, OutgoingMail } from '../platform/mail/smtp.ts';
import { createServices, type Services } from '../platform/services.ts';
import { listOutbox } from '../platform/mail/outbox.ts';
import { reminderJobs, reminderLevel, scheduleReminders, startApplicationJobs } from './reminders.ts';

const calendar = packageCalendar();
const day = (text: string) => text as IsoDate;
// Monday 10 March 2025: no holiday that week; Thu 13 is the 3rd working day after it.
const TODAY = day('2025-03-10');

let database: TestDatabase;
let services: Services;
let agency: Agency;
let other: Agency;
let handler: Person;
let head: Person;
let headWithoutEmail: Person;
let otherHead: Person;

/** An app process on the shared test database. */
const appProcess = (): Promise<Services> =>
  createServices({ env: {}, config: { databaseUrl: database.url, logLevel: 'silent', smtpUrl: undefined }, logger: pino({ level: 'silent' }), migrate: false });

let codes = 0;
/** An application row as the applications room stores it (the fold's columns given). */
async function addCase(agencyId: number, dueOn: string | null, options: { handlerId?: number | null; status?: string; closedOn?: string } = {}): Promise<{ id: number; trackingCode: string }> {
  const trackingCode = `RMND-${[...(codes++).toString(8).padStart(4, '0')].map((d) => Number(d) + 2).join('')}-ABCD`;
  const closed = options.closedOn !== undefined;
  const result = await database.pool.query<{ id: number }>(
    `INSERT INTO applications (agency_id, tracking_code, applicant_kind, applicant_name, phone, description, provision, delivery, channel,
       submitted, status, receipt_date, due_on, handler_id, closed_on, outcome)
     VALUES ($1, $2, 'naturalPerson', '赵六', '13800138000', '某项目的批复文件', 'electronic', 'email', 'inPerson',
       '2025-02-10', $3, '2025-02-10', $4, $5, $6, $7) RETURNING id`,
    [agencyId, trackingCode, options.status ?? (closed ? 'replied' : 'processing'), dueOn, options.handlerId ?? null,
      options.closedOn ?? null, closed ? 'granted' : null],
  );
  return { id: result.rows[0]!.id, trackingCode };
}

const setEmail = (person: Person, email: string | null) => database.pool.query('UPDATE people SET email = $2 WHERE id = $1', [person.id, email]);

beforeAll(async () => {
  database = await createTestDatabase();
  services = await appProcess();
  agency = await addAgency(services, '某市自然资源局');
  other = await addAgency(services, '某市交通运输局');
  handler = await addPerson(services, 'handler1', [['handler', agency]]);
  head = await addPerson(services, 'head1', [['head', agency], ['handler', agency]]);
  headWithoutEmail = await addPerson(services, 'head2', [['head', agency]]);
  otherHead = await addPerson(services, 'head3', [['head', other]]);
  const disabledHead = await addPerson(services, 'head4', [['head', agency]]);
  await database.pool.query('UPDATE people SET disabled_at = now() WHERE id = $1', [disabledHead.id]);
  await setEmail(disabledHead, 'gone@example.gov.cn');
  await setEmail(handler, 'handler1@example.gov.cn');
  await setEmail(head, 'head1@example.gov.cn');
  await setEmail(otherHead, 'head3@example.gov.cn');
});
afterAll(async () => {
  await services.close();
  await database.drop();
});
beforeEach(async () => {
  await database.pool.query('DELETE FROM jobs; DELETE FROM outbox; DELETE FROM applications');
});

interface Queued { caseId: number; to: string; key: string }
async function queued(): Promise<Queued[]> {
  const result = await database.pool.query<{ dedupe_key: string; to_address: string }>('SELECT dedupe_key, to_address FROM outbox ORDER BY dedupe_key');
  return result.rows.map((r) => ({ caseId: Number(r.dedupe_key.split(':')[1]), to: r.to_address, key: r.dedupe_key }));
}

describe('reminderLevel', () => {
  it.each([
    ['2025-03-07', 'red'],
    ['2025-03-09', 'red'],
    ['2025-03-10', 'amber'],
    ['2025-03-13', 'amber'],
    ['2025-03-14', null],
  ])('due %s, today Monday 2025-03-10 → %s', (due, level) => {
    expect(reminderLevel(day(due), TODAY, calendar)).toBe(level);
  });

  it('counts working days: before 国庆 2024, a due date after the holiday is still three working days away', () => {
    // Sun 29 Sep 2024 was a make-up working day; 1–7 Oct the holiday; Tue 8 Oct the next working day.
    expect(reminderLevel(day('2024-10-08'), day('2024-09-27'), calendar)).toBe('amber');
    expect(reminderLevel(day('2024-10-09'), day('2024-09-27'), calendar)).toBeNull();
  });
});

describe('scheduleReminders', () => {
  it('mails the handler and the agency’s 负责人 of each case due within 3 working days or overdue, once each', async () => {
    const soon = await addCase(agency.id, '2025-03-13', { handlerId: handler.id });
    const today = await addCase(agency.id, '2025-03-10', { handlerId: head.id });
    const late = await addCase(agency.id, '2025-03-05', { handlerId: null, status: 'awaitingReview' });
    await addCase(agency.id, '2025-03-14', { handlerId: handler.id });
    await addCase(agency.id, '2025-03-01', { handlerId: handler.id, closedOn: '2025-02-28' });
    await addCase(agency.id, null, { handlerId: handler.id, status: 'awaitingCorrection' });
    const elsewhere = await addCase(other.id, '2025-03-11', { handlerId: null });

    const scan = await scheduleReminders(services, TODAY, { calendar });
    expect(scan).toEqual({ cases: 4, queued: 5, alreadyQueued: 0, withoutAddress: [headWithoutEmail.id] });
    expect(await queued()).toEqual([
      { caseId: soon.id, to: 'handler1@example.gov.cn', key: `reminder:${soon.id}:2025-03-13:${handler.id}:amber` },
      { caseId: soon.id, to: 'head1@example.gov.cn', key: `reminder:${soon.id}:2025-03-13:${head.id}:amber` },
      // The 负责人 who handles the case gets one mail.
      { caseId: today.id, to: 'head1@example.gov.cn', key: `reminder:${today.id}:2025-03-10:${head.id}:amber` },
      { caseId: late.id, to: 'head1@example.gov.cn', key: `reminder:${late.id}:2025-03-05:${head.id}:red` },
      { caseId: elsewhere.id, to: 'head3@example.gov.cn', key: `reminder:${elsewhere.id}:2025-03-11:${otherHead.id}:amber` },
    ].sort((a, b) => (a.key < b.key ? -1 : 1)));

    // A second scan the same day (another process, or a restart) adds nothing.
    expect(await scheduleReminders(services, TODAY, { calendar })).toMatchObject({ queued: 0, alreadyQueued: 5 });
  });

  it('writes the tracking code, status, due date and the case’s page, and nothing of the applicant', async () => {
    const soon = await addCase(agency.id, '2025-03-12', { handlerId: handler.id });
    const late = await addCase(agency.id, '2025-03-06', { handlerId: handler.id, status: 'awaitingSignOff' });
    await scheduleReminders(services, TODAY, { calendar });
    const { messages } = await listOutbox(services.db, { limit: 10 });
    const toHandler = (caseId: number) => messages.find((m) => m.personId === handler.id && m.text.includes(`/applications/${caseId} `))!;

    const amber = toHandler(soon.id);
    expect(amber.subject).toBe(`【即将到期】政府信息公开申请 ${soon.trackingCode} 答复期限 2025-03-12`);
    expect(amber.text).toBe([
      '测试handler1：',
      '',
      `某市自然资源局收到的政府信息公开申请（查询码 ${soon.trackingCode}）答复期限为 2025-03-12（星期三），还剩 2 个工作日。`,
      '当前状态：办理中。',
      '',
      `请登录平台，打开 /applications/${soon.id} 办理。`,
      '',
      '您收到这封邮件，是因为您是这件申请的经办人。此邮件由系统自动发送，请勿回复。',
    ].join('\n'));
    expect(amber.agencyId).toBe(agency.id);

    const red = toHandler(late.id);
    expect(red.subject).toBe(`【已逾期】政府信息公开申请 ${late.trackingCode} 答复期限已过`);
    expect(red.text).toContain('答复期限已于 2025-03-06（星期四） 届满，已逾期 2 个工作日。');
    expect(red.text).toContain('当前状态：答复待签发。');
    const toHead = messages.find((m) => m.personId === head.id && m.text.includes(`/applications/${late.id} `))!;
    expect(toHead.text).toContain('您是这件申请的所在机关的负责人');

    for (const message of messages) {
      expect(message.subject + message.text).not.toMatch(/赵六|13800138000|批复文件/);
    }
  });

  it('reminds again for a new due date (an extension), and in red once the date has passed', async () => {
    const c = await addCase(agency.id, '2025-03-12', { handlerId: handler.id });
    expect((await scheduleReminders(services, TODAY, { calendar })).queued).toBe(2);
    await database.pool.query(`UPDATE applications SET due_on = '2025-04-09' WHERE id = $1`, [c.id]);
    expect((await scheduleReminders(services, TODAY, { calendar })).queued).toBe(0);
    expect((await scheduleReminders(services, day('2025-04-07'), { calendar })).queued).toBe(2);
    expect((await scheduleReminders(services, day('2025-04-08'), { calendar })).queued).toBe(0);
    expect((await scheduleReminders(services, day('2025-04-10'), { calendar })).queued).toBe(2);
    expect((await queued()).map((q) => q.key.split(':').slice(2).join(':')).filter((k) => k.startsWith('2025-04-09')).sort()).toEqual([
      `2025-04-09:${handler.id}:amber`, `2025-04-09:${handler.id}:red`, `2025-04-09:${head.id}:amber`, `2025-04-09:${head.id}:red`,
    ].sort());
  });
});

describe("the daily 'reminders.scan' job", () => {
  const runScan = (iso: string) =>
    reminderJobs({ clock: () => Date.parse(`${iso}T01:00:00Z`) })['reminders.scan']!({}, services, { id: 1, kind: 'reminders.scan', attempt: 1, maxAttempts: 5, lastAttempt: false });
  const scans = async () => (await database.pool.query<{ dedupe_key: string }>(`SELECT dedupe_key FROM jobs WHERE kind = 'reminders.scan' ORDER BY 1`)).rows.map((r) => r.dedupe_key);

  it('queues the reminders of a working day and the next day’s scan', async () => {
    await addCase(agency.id, '2025-03-11', { handlerId: handler.id });
    await runScan('2025-03-10');
    expect((await queued()).length).toBe(2);
    expect(await scans()).toEqual(['reminders.scan:2025-03-11']);
  });

  it('mails nobody on a rest day, and still queues the next day’s scan', async () => {
    await addCase(agency.id, '2025-03-17', { handlerId: handler.id });
    await runScan('2025-03-15');
    expect(await queued()).toEqual([]);
    expect(await scans()).toEqual(['reminders.scan:2025-03-16']);
  });
});

describe('with two app processes', () => {
  it('each reminder is sent once', async () => {
    const cases = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      addCase(i % 3 === 2 ? other.id : agency.id, ['2025-03-03', '2025-03-10', '2025-03-12', '2025-03-20'][i % 4]!, { handlerId: i % 2 === 0 ? handler.id : null })));
    const sent: { process: string; mail: OutgoingMail }[] = [];
    const recorder = (name: string): MailTransport => ({
      send: async (mail) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        sent.push({ process: name, mail });
      },
      close: () => undefined,
    });
    const clock = () => Date.parse('2025-03-10T01:30:00Z');
    const [a, b] = await Promise.all([appProcess(), appProcess()]);
    try {
      // Both start at once: each queues today's scan (one job) and runs a worker.
      await Promise.all([
        startApplicationJobs(a!, { clock, transport: recorder('a'), worker: { intervalMs: 20 } }),
        startApplicationJobs(b!, { clock, transport: recorder('b'), worker: { intervalMs: 20 } }),
      ]);
      // And both scan again by hand, racing each other and the workers.
      await Promise.all([scheduleReminders(a!, TODAY, { calendar }), scheduleReminders(b!, TODAY, { calendar })]);
      const end = Date.now() + 20_000;
      for (;;) {
        const open = await database.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs WHERE state IN ('pending', 'running') AND run_at <= now()`);
        const scanned = await database.pool.query(`SELECT 1 FROM jobs WHERE dedupe_key = 'reminders.scan:2025-03-10' AND state = 'done'`);
        if (open.rows[0]!.n === 0 && scanned.rowCount === 1) break;
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await Promise.all([a!.close(), b!.close()]);
    }
    const expected = await queued();
    expect(expected.length).toBeGreaterThan(10);
    expect(new Set(expected.map((q) => q.caseId)).size).toBe(cases.filter((_, i) => i % 4 !== 3).length);
    // Every queued reminder went out once, by one process or the other.
    expect(sent.map((s) => s.mail.messageId).sort()).toEqual([...new Set(sent.map((s) => s.mail.messageId))].sort());
    expect(sent).toHaveLength(expected.length);
    const outbox = await listOutbox(database.pool, { limit: 200 });
    expect(outbox.messages.every((m) => m.status === 'sent')).toBe(true);
    // One scan today, at start; tomorrow's at 08:00 Beijing time.
    const scans = await database.pool.query<{ dedupe_key: string; state: string; run_at: Date }>(
      `SELECT dedupe_key, state, run_at FROM jobs WHERE kind = 'reminders.scan' ORDER BY dedupe_key`);
    expect(scans.rows.map((r) => [r.dedupe_key, r.run_at])).toEqual([
      ['reminders.scan:2025-03-10', new Date('2025-03-10T01:30:00Z')],
      ['reminders.scan:2025-03-11', new Date('2025-03-11T00:00:00Z')],
    ]);
  });
});
