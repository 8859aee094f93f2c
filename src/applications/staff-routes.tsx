/**
 * The staff pages of 依申请公开: the dashboard (/applications: the viewer's cases, due soon in amber,
 * overdue in red, counted per handler and per agency, and the cases behind a number of tables 三/四),
 * staff entry (/applications/new), a case's page with its steps, letters and appeals (pages/case-routes,
 * pages/letter-routes), tables 三/四 of an agency's year with their XLSX, and the mail outbox.
 * Every route declares its access first; another agency's case answers 404.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { dayOf, isoOf } from '../law/dates.ts';
import { can } from '../platform/accounts/core/roles.ts';
import { listAgencies } from '../platform/accounts/store.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { SIGNED_IN } from '../platform/http/access.ts';
import { renderPage } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import { listOutbox } from '../platform/mail/outbox.ts';
import type { Services } from '../platform/services.ts';
import { getAttachment } from './attachments-store.ts';
import { maskName } from './masking.ts';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from './model.ts';
import { StaffEntryPage } from './pages/apply-page.tsx';
import { caseRoutes } from './pages/case-routes.tsx';
import { DashboardPage, type CountLine, type DashboardRow } from './pages/dashboard-page.tsx';
import { EMPTY_FORM, type FormState } from '../platform/http/form.tsx';
import { actingOf, formOf, idOf, staffGuards } from './pages/http.ts';
import { intakeBody } from './pages/intake-form.ts';
import { attachment, letterRoutes } from './pages/letter-routes.tsx';
import { OutboxPage } from './pages/outbox-page.tsx';
import { casesBehindCell } from './pages/cell-cases.ts';
import { casesByIds, handlersOf, openCounts, peopleNames } from './pages/page-store.ts';
import { StatisticsPage } from './pages/statistics-page.tsx';
import { agencyChoices, intakeErrors } from './public-routes.tsx';
import { createApplication, DUE_SOON_WORKING_DAYS, listCases, mayContact, statistics, todayIn, type Clock } from './service.ts';
import { statisticsFileNames, statisticsXlsx, XLSX_MEDIA_TYPE } from './statistics-xlsx.ts';
import { loadCalendar } from './store.ts';

const PAGE_SIZE = 50;

/** A year from the query (4 digits, 2008–2100), or this year. */
function yearOf(raw: string | undefined, today: string): number {
  const text = raw?.trim() ?? '';
  if (text === '') return Number(today.slice(0, 4));
  if (!/^\d{4}$/.test(text) || Number(text) < 2008 || Number(text) > 2100) {
    const message = `年度：应为 2008–2100 年之间的 4 位数字，如 2024，实际为“${text.slice(0, 20)}”`;
    throw new ValidationError('application.bad_year', message, { fields: [{ field: 'year', message }] });
  }
  return Number(text);
}

/** The staff routes; `clock` is Date.now but for tests. */
export function staffApplicationRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guards = staffGuards(services);
  const { db } = services;

  app.get('/applications', guards.list, async (c) => {
    const acting = actingOf(c);
    const viewer = c.get('viewer')!;
    const scope = c.get('scope');
    const q = c.req.query();
    const today = todayIn(clock);
    const [agencies, handlers, calendar] = await Promise.all([
      listAgencies(db, scope === 'all' ? { includeClosed: true } : { ids: scope, includeClosed: true }), handlersOf(db, scope), loadCalendar(db),
    ]);
    const agencyChoicesOf = agencies.map((a) => ({ value: String(a.id), label: a.name }));
    const handlerChoices = [...new Map(handlers.map((h) => [h.personId, { value: String(h.personId), label: h.name }])).values()];
    const mayEnter = acting.grants !== null && agencies.some((a) => can(acting.grants!, 'records.write', a.id) && a.closedAt === null);

    let rows: DashboardRow[];
    let cell: { title: string; back: string; total: number } | undefined;
    let next: string | undefined;
    const rowOf = (r: { id: number; agencyId: number; agencyName: string; trackingCode: string; applicantKind: DashboardRow['applicantKind']; applicantName: string; status: CaseStatus; receiptDate: string | null; dueOn: string | null; closedOn: string | null; handlerId: number | null }, urgency: DashboardRow['urgency'], names: Map<number, string>): DashboardRow => ({
      id: r.id, agencyName: r.agencyName, trackingCode: r.trackingCode, applicantKind: r.applicantKind,
      applicantName: mayContact(acting, r.agencyId) ? r.applicantName : maskName(r.applicantName, r.applicantKind),
      statusLabel: CASE_STATUS_LABELS[r.status], receiptDate: r.receiptDate, dueOn: r.dueOn, closedOn: r.closedOn,
      handler: r.handlerId === null ? null : names.get(r.handlerId) ?? null, urgency,
    });

    if (q['cell']) {
      const agencyId = idOf(q['agency']);
      const year = yearOf(q['year'], today);
      if (agencyId === undefined || !can(viewer.grants, 'records.read', agencyId)) throw new ForbiddenError('application.cell_agency', '请从本机关的统计表中点击数字查看对应的申请。');
      const behind = await casesBehindCell(db, agencyId, year, q['cell']);
      const found = await casesByIds(db, behind.ids, 500);
      const names = await peopleNames(db, found.map((r) => r.handlerId).filter((n): n is number => n !== null));
      rows = found.map((r) => rowOf(r, null, names));
      cell = { title: `${year} 年${behind.title}`, back: `/agencies/${agencyId}/statistics?year=${year}`, total: behind.ids.length };
    } else {
      const status = q['status'] ?? '';
      const filters = {
        agencyId: idOf(q['agency']),
        status: (CASE_STATUSES as readonly string[]).includes(status) ? status as CaseStatus : undefined,
        open: status === '' ? true : status === 'closed' ? false : undefined,
        due: q['due'] === 'soon' ? 'soon' as const : q['due'] === 'overdue' ? 'overdue' as const : undefined,
        handlerId: q['mine'] === 'yes' ? viewer.personId : idOf(q['handler']),
        before: idOf(q['before']),
        limit: PAGE_SIZE,
      };
      const items = await listCases(services, acting, filters, clock);
      const names = await peopleNames(db, items.map((r) => r.handlerId).filter((n): n is number => n !== null));
      rows = items.map((r) => rowOf(r, r.urgency, names));
      if (items.length === PAGE_SIZE) {
        const params = new URLSearchParams(Object.entries(q).filter(([k]) => k !== 'before'));
        params.set('before', String(items.at(-1)!.id));
        next = `/applications?${params.toString()}`;
      }
    }

    // The counts at the top: every open case of the scope, per handler and per agency.
    const soonUntil = isoOf(calendar.addWorkingDays(dayOf(today), DUE_SOON_WORKING_DAYS));
    const counts = await openCounts(db, scope, today, soonUntil);
    const countNames = await peopleNames(db, counts.map((r) => r.handlerId).filter((n): n is number => n !== null));
    const sum = (key: string, label: string, href: string | null, lines: Map<string, CountLine>, r: (typeof counts)[number]) => {
      const line = lines.get(key) ?? { label, open: 0, soon: 0, overdue: 0, href };
      lines.set(key, { ...line, open: line.open + r.open, soon: line.soon + r.soon, overdue: line.overdue + r.overdue });
    };
    const byHandler = new Map<string, CountLine>();
    const byAgency = new Map<string, CountLine>();
    const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
    for (const r of counts) {
      sum(String(r.handlerId), r.handlerId === null ? '未指定经办人' : countNames.get(r.handlerId) ?? '—', r.handlerId === null ? null : `/applications?handler=${r.handlerId}`, byHandler, r);
      sum(String(r.agencyId), agencyName.get(r.agencyId) ?? '—', `/applications?agency=${r.agencyId}`, byAgency, r);
    }
    const filters: FormState = { values: { status: q['status'] ?? '', due: q['due'] ?? '', agency: q['agency'] ?? '', handler: q['handler'] ?? '', mine: q['mine'] ?? '' }, errors: [] };
    return renderPage(c, cell ? '统计数字对应的申请' : '依申请公开', (
      <DashboardPage rows={rows} filters={filters} agencyChoices={agencyChoicesOf} handlerChoices={handlerChoices}
        byHandler={[...byHandler.values()]} byAgency={[...byAgency.values()]} cell={cell} next={next} mayEnter={mayEnter} />
    ));
  });

  const entryPage = async (c: Context<AppEnv>, form: FormState, status: 200 | 400 | 409 = 200) => {
    const scope = c.get('scope');
    // Only agencies where the person may enter applications ('records.write').
    const writable = scope === 'all' ? 'all' : scope;
    return renderPage(c, '录入申请', (
      <StaffEntryPage form={form} agencies={await agencyChoices(services, writable)} csrfToken={c.get('csrfToken')} staff={{ today: todayIn(clock) }} />
    ), { status });
  };

  app.get('/applications/new', guards.enter, (c) => entryPage(c, EMPTY_FORM));

  app.post('/applications/new', guards.enter, async (c) => {
    const values = await formOf(c);
    try {
      const { id } = await createApplication(services, actingOf(c), intakeBody({ submitted: todayIn(clock), ...values }, true), clock);
      return c.redirect(`/applications/${id}?notice=created`, 303);
    } catch (error) {
      const refused = intakeErrors(error, values);
      if (!refused) throw error;
      return entryPage(c, { values, errors: refused.errors }, refused.status === 409 ? 409 : 400);
    }
  });

  // An attachment is the applicant's own papers (often an ID card): only those who may contact the
  // applicant (the case's 经办人, 审核人, 负责人) download it; the case page says so to the others.
  app.get('/applications/:id{[0-9]+}/attachments/:attachmentId{[0-9]+}', guards.readCase, async (c) => {
    if (!mayContact(actingOf(c), c.get('agencyId'))) {
      throw new ForbiddenError('application.attachment_forbidden', '附件只有本机关的经办人、审核人和负责人可以下载。');
    }
    const id = idOf(c.req.param('id'));
    const attachmentId = idOf(c.req.param('attachmentId'));
    const file = id === undefined || attachmentId === undefined ? undefined : await getAttachment(db, id, attachmentId);
    if (!file) throw new NotFoundError('application.attachment_not_found', '没有找到这个附件（或您无权查看）。');
    c.header('Content-Type', file.mediaType);
    // The ASCII fallback keeps the extension only: older clients get a safe name, newer ones the applicant's.
    c.header('Content-Disposition', attachment(`attachment-${file.id}${/\.[A-Za-z]{3,4}$/.exec(file.fileName)?.[0] ?? ''}`, file.fileName));
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(file.bytes));
  });

  app.route('/', caseRoutes(services, clock));
  app.route('/', letterRoutes(services, clock));

  app.get('/agencies/:id{[0-9]+}/statistics', guards.agency, async (c) => {
    const agencyId = c.get('agencyId');
    const today = todayIn(clock);
    const year = yearOf(c.req.query('year'), today);
    const report = await statistics(services, agencyId, year);
    const thisYear = Number(today.slice(0, 4));
    const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
    if (!years.includes(year)) years.push(year);
    return renderPage(c, `${report.agency} ${year} 年依申请公开情况`, <StatisticsPage agencyId={agencyId} year={year} report={report} years={years} />);
  });

  app.get('/agencies/:id{[0-9]+}/statistics.xlsx', guards.agency, async (c) => {
    const agencyId = c.get('agencyId');
    const report = await statistics(services, agencyId, yearOf(c.req.query('year'), todayIn(clock)));
    const names = statisticsFileNames(report, agencyId);
    c.header('Content-Type', XLSX_MEDIA_TYPE);
    c.header('Content-Disposition', attachment(names.fallback, names.name));
    c.header('Cache-Control', 'private, no-store');
    return c.body((await statisticsXlsx(report)) as Uint8Array<ArrayBuffer>);
  });

  // The outbox holds reminders to staff: a sysAdmin reads all of it, others their agencies' (read or audit).
  app.get('/outbox', SIGNED_IN, async (c) => {
    const viewer = c.get('viewer')!;
    const all = viewer.grants.some((g) => g.role === 'sysAdmin');
    const agencyIds = [...new Set(viewer.grants.filter((g) => g.role !== 'sysAdmin').flatMap((g) => g.reaches))];
    if (!all && agencyIds.length === 0) throw new ForbiddenError('outbox.forbidden', '发件箱只对系统管理员和机关工作人员开放。');
    const before = idOf(c.req.query('before'));
    const page = await listOutbox(db, { limit: 50, ...(before !== undefined ? { before } : {}), ...(all ? {} : { agencyIds }) });
    return renderPage(c, '发件箱', (
      <OutboxPage messages={page.messages} smtp={services.config.smtpUrl !== undefined} all={all}
        next={page.nextBefore === null ? undefined : `/outbox?before=${page.nextBefore}`} />
    ));
  });

  return app;
}

