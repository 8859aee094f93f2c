/**
 * Deadline reminders (issue 17 §3): every working day, each open case whose reply is due within 3 working days
 * (amber) or overdue (red) gets one e-mail to its 经办人 and one to each 负责人 of its agency — once per
 * case, due date, person and colour, however many app processes scan (the outbox's dedupe key). The
 * scan is a daily job of the PostgreSQL queue; the mails are outbox messages sent by 'mail.send'.
 * A reminder names the case by its tracking code, status and due date only: no applicant's data.
 */
import type { WorkingCalendar } from '../law/calendar.ts';
import { dayOf, formatDay, isoOf, type IsoDate } from '../law/dates.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { enqueue } from '../platform/jobs/queue.ts';
import { startWorker, type JobHandler, type Worker, type WorkerOptions } from '../platform/jobs/worker.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { mailJobs, type MailTransport } from '../platform/mail/smtp.ts';
import type { Services } from '../platform/services.ts';
import { CASE_STATUS_LABELS, type CaseStatus } from './model.ts';
import { todayIn, type Clock } from './service.ts';
import { loadCalendar } from './store.ts';

/** The job kind of the daily scan. */
export const REMINDER_SCAN_JOB = 'reminders.scan';
/** A reply due within this many working days (today not counted) is due soon: amber (issue 17 §3). */
export const DUE_SOON_WORKING_DAYS = 3;

/** Due soon (amber) or overdue (red). */
export type ReminderLevel = 'amber' | 'red';

/**
 * How urgent a due date is today: red when it has passed, amber when it is today or one of the next
 * `DUE_SOON_WORKING_DAYS` working days, else null.
 *
 * @example reminderLevel('2025-03-13', '2025-03-10', calendar) // 'amber' (Thu, 3rd working day after Mon)
 */
export function reminderLevel(dueOn: IsoDate, today: IsoDate, calendar: WorkingCalendar): ReminderLevel | null {
  if (dueOn < today) return 'red';
  return dueOn <= lastDueSoonDay(today, calendar) ? 'amber' : null;
}

/** The last due date still amber today. */
function lastDueSoonDay(today: IsoDate, calendar: WorkingCalendar): IsoDate {
  return isoOf(calendar.addWorkingDays(dayOf(today), DUE_SOON_WORKING_DAYS));
}

/** The dedupe key of one reminder: one per case, due date, person and colour. */
export function reminderKey(caseId: number, dueOn: IsoDate, personId: number, level: ReminderLevel): string {
  return `reminder:${caseId}:${dueOn}:${personId}:${level}`;
}

/** What a scan did. */
export interface ReminderScan {
  /** Open cases due soon or overdue. */
  cases: number;
  /** Reminders queued now. */
  queued: number;
  /** Reminders queued before (by an earlier scan or another process). */
  alreadyQueued: number;
  /** People who should be reminded but have no e-mail address (ids; the console may ask them to add one). */
  withoutAddress: number[];
}

interface DueCaseRow {
  id: number;
  agency_id: number;
  agency_name: string;
  tracking_code: string;
  status: CaseStatus;
  due_on: IsoDate;
  handler_id: number | null;
}

interface RecipientRow {
  agency_id: number;
  person_id: number;
  name: string;
  email: string | null;
  head: boolean;
}

/** Open cases whose reply due date is on or before `until`, with their agency's name. */
async function dueCases(db: Queryable, until: IsoDate): Promise<DueCaseRow[]> {
  const result = await db.query<DueCaseRow>(
    `SELECT a.id, a.agency_id, g.name AS agency_name, a.tracking_code, a.status, a.due_on, a.handler_id
     FROM applications a JOIN agencies g ON g.id = a.agency_id
     WHERE a.closed_on IS NULL AND a.due_on IS NOT NULL AND a.due_on <= $1
     ORDER BY a.due_on, a.id`,
    [until],
  );
  return result.rows;
}

/**
 * Who is reminded in each agency: its 负责人 (head), and the cases' 经办人 — people not disabled who
 * still hold a role in the agency (a handler moved elsewhere is not told about the case).
 */
async function recipients(db: Queryable, agencyIds: readonly number[], handlerIds: readonly number[]): Promise<RecipientRow[]> {
  const result = await db.query<RecipientRow>(
    `SELECT g.agency_id, p.id AS person_id, p.name, p.email, bool_or(g.role = 'head') AS head
     FROM role_grants g JOIN people p ON p.id = g.person_id
     WHERE g.agency_id = ANY($1::bigint[]) AND p.disabled_at IS NULL AND (g.role = 'head' OR p.id = ANY($2::bigint[]))
     GROUP BY g.agency_id, p.id, p.name, p.email`,
    [agencyIds, handlerIds],
  );
  return result.rows;
}

/** The reminder's subject and text, in officials' words. */
export function reminderMail(input: {
  caseId: number; agencyName: string; trackingCode: string; status: CaseStatus; dueOn: IsoDate; today: IsoDate;
  level: ReminderLevel; recipientName: string; asHandler: boolean; calendar: WorkingCalendar;
}): { subject: string; text: string } {
  const due = formatDay(dayOf(input.dueOn));
  const when = input.level === 'red'
    ? `已于 ${due} 届满，已逾期 ${input.calendar.countWorkingDays(dayOf(input.dueOn), dayOf(input.today))} 个工作日。`
    : input.dueOn === input.today
      ? `为 ${due}，今天到期。`
      : `为 ${due}，还剩 ${input.calendar.countWorkingDays(dayOf(input.today), dayOf(input.dueOn))} 个工作日。`;
  const subject = input.level === 'red'
    ? `【已逾期】政府信息公开申请 ${input.trackingCode} 答复期限已过`
    : `【即将到期】政府信息公开申请 ${input.trackingCode} 答复期限 ${input.dueOn}`;
  const text = [
    `${input.recipientName}：`,
    '',
    `${input.agencyName}收到的政府信息公开申请（查询码 ${input.trackingCode}）答复期限${when}`,
    `当前状态：${CASE_STATUS_LABELS[input.status]}。`,
    '',
    `请登录平台，打开 /applications/${input.caseId} 办理。`,
    '',
    `您收到这封邮件，是因为您是这件申请的${input.asHandler ? '经办人' : '所在机关的负责人'}。此邮件由系统自动发送，请勿回复。`,
  ].join('\n');
  return { subject, text };
}

/**
 * Queues today's reminders: for each open case due within 3 working days or overdue, one mail to its
 * 经办人 and to each 负责人 of its agency (a person who is both gets one), each at most once per due
 * date and colour. People without an e-mail address are listed, not mailed.
 */
export async function scheduleReminders(services: Services, today: IsoDate, options: { calendar?: WorkingCalendar } = {}): Promise<ReminderScan> {
  const calendar = options.calendar ?? (await loadCalendar(services.db));
  const cases = await dueCases(services.db, lastDueSoonDay(today, calendar));
  const scan: ReminderScan = { cases: cases.length, queued: 0, alreadyQueued: 0, withoutAddress: [] };
  if (cases.length === 0) return scan;
  const people = await recipients(
    services.db,
    [...new Set(cases.map((c) => c.agency_id))],
    [...new Set(cases.flatMap((c) => (c.handler_id === null ? [] : [c.handler_id])))],
  );
  const missing = new Set<number>();
  for (const c of cases) {
    const level = reminderLevel(c.due_on, today, calendar);
    if (level === null) continue;
    const inAgency = people.filter((p) => p.agency_id === c.agency_id && (p.head || p.person_id === c.handler_id));
    for (const person of inAgency) {
      if (person.email === null) {
        missing.add(person.person_id);
        continue;
      }
      const { subject, text } = reminderMail({
        caseId: c.id, agencyName: c.agency_name, trackingCode: c.tracking_code, status: c.status, dueOn: c.due_on, today, level,
        recipientName: person.name, asHandler: person.person_id === c.handler_id, calendar,
      });
      const id = await queueMail(services.db, {
        to: person.email, subject, text, dedupeKey: reminderKey(c.id, c.due_on, person.person_id, level), agencyId: c.agency_id, personId: person.person_id,
      });
      if (id === null) scan.alreadyQueued++;
      else scan.queued++;
    }
  }
  scan.withoutAddress = [...missing].sort((a, b) => a - b);
  return scan;
}

/** Beijing 08:00 of a day (UTC midnight): when a day's scan runs, staff at their desks. */
const scanTimeOf = (day: IsoDate) => new Date(`${day}T00:00:00Z`);

/** Queues the scan of `day` (once per day, whichever process asks); at once when `day` is today. */
export async function enqueueReminderScan(db: Queryable, day: IsoDate, runAt: Date = scanTimeOf(day)): Promise<number | null> {
  return enqueue(db, { kind: REMINDER_SCAN_JOB, payload: { day }, runAt, dedupeKey: `${REMINDER_SCAN_JOB}:${day}` });
}

/**
 * The reminder jobs of a worker: `{ 'reminders.scan': … }`. A scan first queues the next day's (so a
 * failing scan does not end the daily chain), then, on a working day, schedules today's reminders
 * (today by `clock`, whatever day the job was meant for: a scan that ran late still covers today).
 */
export function reminderJobs(options: { clock?: Clock } = {}): Record<string, JobHandler> {
  const clock = options.clock ?? Date.now;
  return {
    [REMINDER_SCAN_JOB]: async (_payload, services, job) => {
      const today = todayIn(clock);
      await enqueueReminderScan(services.db, isoOf(dayOf(today) + 1));
      const calendar = await loadCalendar(services.db);
      // Nobody reads them on a rest day; the next working day's scan covers the same cases.
      if (!calendar.isWorkday(dayOf(today))) return;
      const scan = await scheduleReminders(services, today, { calendar });
      services.logger.info({ jobId: job.id, today, ...scan, withoutAddress: scan.withoutAddress.length }, '已排定期限提醒');
      if (scan.withoutAddress.length > 0) {
        services.logger.warn({ personIds: scan.withoutAddress }, '有需提醒的人员未登记电子邮箱');
      }
    },
  };
}

/**
 * Starts the applications room's background work in this process: queues today's reminder scan
 * (once a day across processes) and starts a worker for the reminder and mail jobs. Called from the
 * room's start-up; stops when the services close.
 */
export async function startApplicationJobs(
  services: Services,
  options: { clock?: Clock; transport?: MailTransport | null; worker?: WorkerOptions } = {},
): Promise<Worker> {
  await enqueueReminderScan(services.db, todayIn(options.clock ?? Date.now), new Date((options.clock ?? Date.now)()));
  const mail = options.transport !== undefined ? mailJobs(services, { transport: options.transport }) : mailJobs(services);
  return startWorker(services, { ...mail, ...reminderJobs({ clock: options.clock }) }, options.worker);
}
