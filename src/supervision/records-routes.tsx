/**
 * The supervision records' pages (issue 19 §4; mounted by room.ts): 政务公开工作记录, the list of an
 * agency's records of a year by kind with the counts its annual report quotes
 * (/supervision/records?agency=&year=&kind=, the address every such figure of a drafted report links
 * to), one inspection with its problems, the problems' forms (the supervising office) and their 整改
 * (the agency's staff), the four kinds' forms (records-form-routes.tsx) and the JSON of a year's
 * records (records-api.ts, its OpenAPI paths `recordApiPaths`). Every route declares its access first;
 * another agency's record answers 404.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { IsoDate } from '../law/dates.ts';
import { getAgency, listAgencies } from '../platform/accounts/store.ts';
import { todayIn, type Clock } from '../platform/clock.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { access } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import { CsrfField, renderPage, type PageStatus } from '../platform/http/layout.tsx';
import { EMPTY_FORM, type FormState } from '../platform/http/form.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { dateText, RECORD_KINDS, summariseRecords, type RecordKind } from './core/records.ts';
import { RecordFormPage } from './pages/records-forms.tsx';
import { InspectionPage } from './pages/records-inspection-page.tsx';
import { RecordsListPage } from './pages/records-list-page.tsx';
import { recordApiRoutes } from './records-api.ts';
import { recordFormRoutes } from './records-form-routes.tsx';
import { fieldsOf, idOf, noticeOf, ownerFinder, refused, valuesOf } from './records-http.ts';
import { addFinding, editFinding, getFinding, getRecord, mayOn, rectifyFinding, WRITE_PERMISSION, yearRecords } from './records-service.ts';

const agencyMissing = () => new NotFoundError('supervision.agency_not_found', '没有找到这个机关（或您无权查看）。');
const queryProblem = (field: string, message: string) => new ValidationError('request.invalid_query', `查询条件有误：${message}`, { fields: [{ field, message }] });

/** A year from the query (2008–2100), or `fallback`. */
function yearOf(raw: string | undefined, fallback: number): number {
  const text = raw?.trim() ?? '';
  if (text === '') return fallback;
  if (!/^\d{4}$/.test(text) || Number(text) < 2008 || Number(text) > 2100) throw queryProblem('year', '年度（year）应为 2008–2100 之间的 4 位数字，如 2024');
  return Number(text);
}

/** A kind from the query, or undefined for all. */
function kindOf(raw: string | undefined): RecordKind | undefined {
  const text = raw?.trim() ?? '';
  if (text === '') return undefined;
  const kind = RECORD_KINDS.find((k) => k === text);
  if (!kind) throw queryProblem('kind', `记录类别（kind）应为 ${RECORD_KINDS.join('、')} 之一`);
  return kind;
}

/** The years offered: this year and the five before, and the one shown if older. */
function yearChoices(thisYear: number, shown: number): number[] {
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  if (!years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

/**
 * The records' routes (the placeholder's export, which room.ts mounts); `clock` is Date.now but for
 * tests.
 */
export function supervisionRecordRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db } = services;
  const today = () => todayIn(clock) as IsoDate;
  const read = access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } });
  const readInspection = access({ kind: 'permission', permission: 'records.read', agency: { from: 'record', resource: 'inspection', param: 'id', find: ownerFinder(db, 'inspection') } });
  const reviewInspection = access({ kind: 'permission', permission: 'reports.review', agency: { from: 'record', resource: 'inspection', param: 'id', find: ownerFinder(db, 'inspection') } });
  const reviewFinding = access({ kind: 'permission', permission: 'reports.review', agency: { from: 'record', resource: 'finding', param: 'id', find: ownerFinder(db, 'finding') } });
  const rectify = access({ kind: 'permission', permission: WRITE_PERMISSION.rectification, agency: { from: 'record', resource: 'finding', param: 'id', find: ownerFinder(db, 'finding') } });
  const pathId = (c: Context<AppEnv>) => idOf(c.req.param('id')) ?? 0;

  // ---------- 政务公开工作记录 ----------

  app.get('/supervision/records', read, async (c) => {
    const scope = c.get('scope');
    const agencies = await listAgencies(db, scope === 'all' ? { includeClosed: true } : { ids: scope, includeClosed: true });
    const raw = c.req.query('agency');
    const agency = raw === undefined || raw.trim() === '' ? agencies.find((a) => a.closedAt === null) ?? agencies[0] : agencies.find((a) => a.id === idOf(raw));
    if (!agency) throw agencyMissing();
    const thisYear = Number(today().slice(0, 4));
    const year = yearOf(c.req.query('year'), thisYear);
    const kind = kindOf(c.req.query('kind'));
    const acting = actingOf(c);
    const records = await yearRecords(services, acting, agency.id, year, kind);
    const mayAdd = Object.fromEntries(RECORD_KINDS.map((k) => [k, agency.closedAt === null && mayOn(acting, WRITE_PERMISSION[k], agency.id)])) as Record<RecordKind, boolean>;
    return renderPage(c, `${agency.name} ${year} 年政务公开工作记录`, (
      <RecordsListPage agencyId={agency.id} agencyName={agency.name} year={year} kind={kind} records={records} facts={summariseRecords(records)} today={today()}
        agencyChoices={agencies.map((a) => ({ value: String(a.id), label: a.closedAt ? `${a.name}（已撤销）` : a.name }))} years={yearChoices(thisYear, year)} mayAdd={mayAdd} />
    ), { notice: noticeOf(c) });
  });

  // ---------- 检查 and its problems ----------

  const inspectionPage = async (c: Context<AppEnv>, findingForm: FormState = EMPTY_FORM, status: PageStatus = 200) => {
    const acting = actingOf(c);
    const inspection = await getRecord(services, acting, 'inspection', pathId(c));
    const agency = await getAgency(db, inspection.agencyId);
    return renderPage(c, `检查：${inspection.subject}`, (
      <InspectionPage inspection={inspection} agencyName={agency?.name ?? ''} today={today()} findingForm={findingForm} csrfToken={c.get('csrfToken')}
        mayReview={mayOn(acting, 'reports.review', inspection.agencyId)} mayRectify={mayOn(acting, WRITE_PERMISSION.rectification, inspection.agencyId)} />
    ), { notice: status === 200 ? noticeOf(c) : undefined, status });
  };

  app.get('/supervision/inspections/:id{[0-9]+}', readInspection, (c) => inspectionPage(c));
  app.post('/supervision/inspections/:id{[0-9]+}/findings', reviewInspection, async (c) => {
    const values = await fieldsOf(c, ['problem', 'deadline']);
    try {
      await addFinding(services, actingOf(c), pathId(c), values, clock);
      return c.redirect(`/supervision/inspections/${pathId(c)}?notice=finding#add-finding`, 303);
    } catch (error) {
      const form = refused(error, 'problem');
      if (!form) throw error;
      return inspectionPage(c, { values, errors: form.errors }, form.status);
    }
  });

  /** A problem's own form (change it, or record its 整改). */
  const findingPage = async (c: Context<AppEnv>, mode: 'edit' | 'rectify', form: FormState | undefined, status: PageStatus = 200) => {
    const { finding, inspection } = await getFinding(services, actingOf(c), pathId(c));
    const back = { href: `/supervision/inspections/${inspection.id}`, label: `返回检查：${inspection.subject}` };
    const intro = (
      <>
        <p class="lead">{dateText(inspection.inspectedOn)} {inspection.inspector}：{inspection.subject}</p>
        {mode === 'rectify' ? <p class="preserve-lines">发现的问题：{finding.problem}（整改期限 {dateText(finding.deadline)}）</p> : null}
      </>
    );
    const initial = { values: valuesOf(finding), errors: [] };
    const page = mode === 'edit'
      ? <RecordFormPage kind="finding" heading="修改发现的问题" intro={intro} action={`/supervision/findings/${finding.id}/edit`} form={form ?? initial}
          version={form?.values['version'] ?? String(finding.version)} csrfToken={c.get('csrfToken')} submitLabel="保存修改" back={back} />
      : (
        <>
          <RecordFormPage kind="rectification" heading={finding.state === 'rectified' ? '修改整改情况' : '记录整改情况'} intro={intro} action={`/supervision/findings/${finding.id}/rectify`}
            form={form ?? initial} version={form?.values['version'] ?? String(finding.version)} csrfToken={c.get('csrfToken')} submitLabel="保存整改情况" back={back} />
          {finding.state === 'rectified' ? (
            <form method="post" action={`/supervision/findings/${finding.id}/reopen`} class="admin-form">
              <CsrfField token={c.get('csrfToken')} />
              <input type="hidden" name="version" value={String(finding.version)} />
              <p class="hint">整改情况记错了、问题其实尚未整改的，可以改回“整改中”。</p>
              <div class="button-row"><button type="submit" class="button button-secondary">改回整改中</button></div>
            </form>
          ) : null}
        </>
      );
    return renderPage(c, mode === 'edit' ? '修改发现的问题' : '记录整改情况', page, { status });
  };

  app.get('/supervision/findings/:id{[0-9]+}/edit', reviewFinding, (c) => findingPage(c, 'edit', undefined));
  app.post('/supervision/findings/:id{[0-9]+}/edit', reviewFinding, async (c) => {
    const values = await fieldsOf(c, ['problem', 'deadline', 'version']);
    try {
      await editFinding(services, actingOf(c), pathId(c), values, clock);
      const { inspection } = await getFinding(services, actingOf(c), pathId(c));
      return c.redirect(`/supervision/inspections/${inspection.id}?notice=saved`, 303);
    } catch (error) {
      const form = refused(error, 'problem');
      if (!form) throw error;
      return findingPage(c, 'edit', { values, errors: form.errors }, form.status);
    }
  });

  app.get('/supervision/findings/:id{[0-9]+}/rectify', rectify, (c) => findingPage(c, 'rectify', undefined));
  app.post('/supervision/findings/:id{[0-9]+}/rectify', rectify, async (c) => {
    const values = await fieldsOf(c, ['rectifiedOn', 'rectification', 'version']);
    try {
      await rectifyFinding(services, actingOf(c), pathId(c), values, clock);
      const { inspection } = await getFinding(services, actingOf(c), pathId(c));
      return c.redirect(`/supervision/inspections/${inspection.id}?notice=rectified`, 303);
    } catch (error) {
      const form = refused(error, 'rectifiedOn');
      if (!form) throw error;
      return findingPage(c, 'rectify', { values, errors: form.errors }, form.status);
    }
  });

  app.post('/supervision/findings/:id{[0-9]+}/reopen', rectify, async (c) => {
    const values = await fieldsOf(c, ['version']);
    try {
      await rectifyFinding(services, actingOf(c), pathId(c), values, clock, { reopen: true });
      const { inspection } = await getFinding(services, actingOf(c), pathId(c));
      return c.redirect(`/supervision/inspections/${inspection.id}?notice=reopened`, 303);
    } catch (error) {
      const form = refused(error, 'rectifiedOn');
      if (!form) throw error;
      return findingPage(c, 'rectify', { values: {}, errors: form.errors }, form.status);
    }
  });

  app.route('/', recordFormRoutes(services, clock));
  app.route('/', recordApiRoutes(services));
  return app;
}
