/**
 * Reminders of the annual report (issue 19 §1 “reminders from early January”) and the room's job
 * worker. Every day a scan (a job of the platform's queue, once a day across processes) looks, from
 * 2 January until the statutory date of last year's report (条例第四十九条: 31 January for a
 * department, 31 March for a people's government, law/annual-report-dates.ts), for agencies whose
 * report of last year is not published, and mails their 经办人 and 负责人 (people holding those roles in
 * the agency, not disabled, with an e-mail address) — at most once a week per agency and person (the
 * outbox's dedupe key names the week). Mails are outbox messages sent by the platform's 'mail.send'
 * worker. The same worker files published reports in the catalog (publish-job.ts).
 */
import { annualReportDueDate } from '../law/annual-report-dates.ts';
import type { AgencyKind } from '../law/agency-kinds.ts';
import { dayOf, formatDay, isoOf, type IsoDate } from '../law/dates.ts';
import { loadCalendar } from '../law/edge/index.ts';
import { todayIn, type Clock } from '../platform/clock.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { enqueue } from '../platform/jobs/queue.ts';
import { startWorker, type JobHandler, type Worker, type WorkerOptions } from '../platform/jobs/worker.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import type { Services } from '../platform/services.ts';
import { REPORT_STATE_LABELS, type ReportState } from './core/workflow.ts';
import { publishJobs } from './publish-job.ts';

/** The job kind of the daily scan. */
export const REPORT_REMINDER_SCAN_JOB = 'annual-report.reminders';

/** The staff page of an agency's report of a year (the workspace). */
export const workspacePath = (agencyId: number, year: number) => `/annual-reports/${agencyId}/${year}`;

/** The first day reminders are sent for last year's report: 2 January (the records of the year are complete). */
const firstReminderDay = (year: number): IsoDate => `${year + 1}-01-02` as IsoDate;

/** The week of the reminder period a day falls in (0 for 2–8 January): one mail per agency, person and week. */
export function reminderWeek(year: number, today: IsoDate): number {
  return Math.floor((dayOf(today) - dayOf(firstReminderDay(year))) / 7);
}

/** The dedupe key of one reminder. */
export function reportReminderKey(agencyId: number, year: number, week: number, personId: number): string {
  return `annual-report.reminder:${agencyId}:${year}:${week}:${personId}`;
}

/**
 * The site's address in mails: the first of GONGKAI_PUBLIC_HOSTS, over HTTPS. Without a configured
 * host a mail gives the page's path only (a job has no request to take the address from, and an
 * address the site does not answer to must not be mailed).
 */
export function mailOriginOf(services: Pick<Services, 'config'>): string {
  const host = services.config.publicHosts[0];
  return host ? `https://${host}` : '';
}

/** The reminder's subject and text, in officials' words. */
export function reportReminderMail(input: {
  agencyId: number; agencyName: string; year: number; dueOn: IsoDate; today: IsoDate; state: ReportState | null;
  recipientName: string; asHead: boolean; origin: string;
}): { subject: string; text: string } {
  const due = formatDay(dayOf(input.dueOn));
  const left = dayOf(input.dueOn) - dayOf(input.today);
  const subject = `【年度报告】${input.agencyName}${input.year}年政府信息公开工作年度报告应于 ${input.dueOn} 前发布`;
  const link = `${input.origin}${workspacePath(input.agencyId, input.year)}`;
  const text = [
    `${input.recipientName}：`,
    '',
    `依照《中华人民共和国政府信息公开条例》第四十九条，${input.agencyName}${input.year}年政府信息公开工作年度报告应于 ${due}前向社会公布${left === 0 ? '，今天是最后一天' : `，还有 ${left} 天`}。`,
    `报告目前${input.state === null ? '尚未开始编制' : `的状态：${REPORT_STATE_LABELS[input.state]}`}。平台已按本机关的办理记录起草了报告，请核对、报送审查，经负责人审批后发布。`,
    '',
    origin(input.origin, link),
    '',
    `您收到这封邮件，是因为您是${input.agencyName}的${input.asHead ? '负责人' : '经办人'}。报告发布前每周提醒一次，发布后不再提醒。此邮件由系统自动发送，请勿回复。`,
  ].join('\n');
  return { subject: subject.length > 200 ? `${subject.slice(0, 199)}…` : subject, text };
}

const origin = (site: string, link: string) => (site ? `打开 ${link} 编制年度报告。` : `请登录平台，打开 ${link} 编制年度报告。`);

/** What a scan did. */
export interface ReportReminderScan {
  /** Agencies whose report of last year is due and not published. */
  agencies: number;
  queued: number;
  alreadyQueued: number;
  /** People who should be reminded but have no e-mail address. */
  withoutAddress: number[];
}

interface DueRow {
  agency_id: number;
  name: string;
  kind: AgencyKind;
  state: ReportState | null;
}

/** Open agencies that existed in `year` and have not published their report of it. */
async function unpublished(db: Queryable, year: number): Promise<DueRow[]> {
  const { rows } = await db.query<DueRow>(
    `SELECT a.id::int AS agency_id, a.name, a.kind, r.state
       FROM agencies a LEFT JOIN annual_reports r ON r.agency_id = a.id AND r.year = $1
      WHERE a.closed_at IS NULL AND a.created_at < make_date($1 + 1, 1, 1) AND r.published_on IS NULL
      ORDER BY a.id`, [year]);
  return rows;
}

/** The 经办人 and 负责人 of the agencies (not disabled), with their addresses. */
async function recipients(db: Queryable, agencyIds: readonly number[]) {
  const { rows } = await db.query<{ agency_id: number; person_id: number; name: string; email: string | null; head: boolean }>(
    `SELECT g.agency_id::int, p.id::int AS person_id, p.name, p.email, bool_or(g.role = 'head') AS head
       FROM role_grants g JOIN people p ON p.id = g.person_id
      WHERE g.agency_id = ANY($1::bigint[]) AND g.role IN ('handler', 'head') AND p.disabled_at IS NULL
      GROUP BY g.agency_id, p.id, p.name, p.email ORDER BY p.id`, [agencyIds]);
  return rows;
}

/**
 * Queues today's reminders for last year's reports: for each agency whose report is not published,
 * from 2 January to its statutory date, one mail to each of its 经办人 and 负责人 a week.
 */
export async function scheduleReportReminders(services: Services, today: IsoDate): Promise<ReportReminderScan> {
  const year = Number(today.slice(0, 4)) - 1;
  const scan: ReportReminderScan = { agencies: 0, queued: 0, alreadyQueued: 0, withoutAddress: [] };
  if (today < firstReminderDay(year)) return scan;
  const due = (await unpublished(services.db, year)).filter((a) => today <= annualReportDueDate(year, a.kind));
  scan.agencies = due.length;
  if (due.length === 0) return scan;
  const people = await recipients(services.db, due.map((a) => a.agency_id));
  const week = reminderWeek(year, today);
  const site = mailOriginOf(services);
  const missing = new Set<number>();
  for (const agency of due) {
    const dueOn = annualReportDueDate(year, agency.kind);
    for (const person of people.filter((p) => p.agency_id === agency.agency_id)) {
      if (person.email === null) {
        missing.add(person.person_id);
        continue;
      }
      const { subject, text } = reportReminderMail({
        agencyId: agency.agency_id, agencyName: agency.name, year, dueOn, today, state: agency.state,
        recipientName: person.name, asHead: person.head, origin: site,
      });
      const id = await queueMail(services.db, {
        to: person.email, subject, text, dedupeKey: reportReminderKey(agency.agency_id, year, week, person.person_id),
        agencyId: agency.agency_id, personId: person.person_id,
      });
      if (id === null) scan.alreadyQueued++;
      else scan.queued++;
    }
  }
  scan.withoutAddress = [...missing].sort((a, b) => a - b);
  return scan;
}

/** Beijing 08:30 of a day: the applications' scan has run, staff are at their desks. */
const scanTimeOf = (day: IsoDate) => new Date(`${day}T00:30:00Z`);

/** Queues the scan of `day` (once per day, whichever process asks). */
export async function enqueueReportReminderScan(db: Queryable, day: IsoDate, runAt: Date = scanTimeOf(day)): Promise<number | null> {
  return enqueue(db, { kind: REPORT_REMINDER_SCAN_JOB, payload: { day }, runAt, dedupeKey: `${REPORT_REMINDER_SCAN_JOB}:${day}` });
}

/**
 * The reminder job of a worker. A scan first queues the next day's (a failing scan does not end the
 * chain), then, on a working day, queues today's reminders (today by `clock`).
 */
export function reportReminderJobs(options: { clock?: Clock } = {}): Record<string, JobHandler> {
  const clock = options.clock ?? Date.now;
  return {
    [REPORT_REMINDER_SCAN_JOB]: async (_payload, services, job) => {
      const today = todayIn(clock) as IsoDate;
      await enqueueReportReminderScan(services.db, isoOf(dayOf(today) + 1));
      // Nobody reads them on a rest day; the week's mail goes on the next working day.
      if (!(await loadCalendar(services.db)).isWorkday(dayOf(today))) return;
      const scan = await scheduleReportReminders(services, today);
      services.logger.info({ jobId: job.id, today, ...scan, withoutAddress: scan.withoutAddress.length }, '已排定年度报告提醒');
    },
  };
}

/**
 * Starts the room's background work in this process: queues today's reminder scan and starts a worker
 * for the reminders and the catalog filing of published reports. Stops when the services close.
 */
export async function startReportReminders(services: Services, options: { clock?: Clock; worker?: WorkerOptions } = {}): Promise<Worker> {
  const clock = options.clock ?? Date.now;
  await enqueueReportReminderScan(services.db, todayIn(clock) as IsoDate, new Date(clock()));
  return startWorker(services, { ...reportReminderJobs({ clock }), ...publishJobs() }, options.worker);
}
