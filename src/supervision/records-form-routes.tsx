/**
 * The forms of the four kinds of supervision record (mounted by records-routes.tsx): a new 培训, 检查,
 * “5·15” event or 咨询/建议 under its agency (/supervision/agencies/{id}/{kind}/new), and a record's
 * change (/supervision/{kind}/{id}/edit). Each route declares its access first: 'records.write' on the
 * agency for the agency's own records, 'reports.review' for inspections (the supervising office);
 * another agency's record answers 404. POST → redirect → GET with a notice; a refused form comes back
 * with its reasons, each linked from the error summary.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { IsoDate } from '../law/dates.ts';
import { getAgency } from '../platform/accounts/store.ts';
import { todayIn, type Clock } from '../platform/clock.ts';
import { access } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import { EMPTY_FORM, type FormState } from '../platform/http/form.tsx';
import { renderPage, type PageStatus } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { RECORD_KINDS, recordsHref, type RecordKind } from './core/records.ts';
import { KIND_SEGMENTS } from './pages/records-list-page.tsx';
import { RecordFormPage } from './pages/records-forms.tsx';
import { FIELD_LABELS } from './records-input.ts';
import { addRecord, editRecord, getRecord, recordNotFound, WRITE_PERMISSION } from './records-service.ts';
import { fieldsOf, idOf, ownerFinder, refused, valuesOf } from './records-http.ts';

/** How each kind's form speaks. */
const WORDS: Record<RecordKind, { noun: string; newHeading: string; date: string }> = {
  training: { noun: '培训', newHeading: '记录一次政务公开培训', date: 'heldOn' },
  inspection: { noun: '检查', newHeading: '记录一次政务公开检查', date: 'inspectedOn' },
  publicDay: { noun: '政务公开日活动', newHeading: '记录一次“5·15 政务公开日”活动', date: 'heldOn' },
  consultation: { noun: '咨询或建议', newHeading: '登记一件咨询或建议', date: 'receivedOn' },
};
const FIRST_FIELD: Record<RecordKind, string> = { training: 'title', inspection: 'inspectedOn', publicDay: 'title', consultation: 'receivedOn' };

/** The routes; `clock` is Date.now but for tests. */
export function recordFormRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db } = services;
  const today = () => todayIn(clock) as IsoDate;

  for (const kind of RECORD_KINDS) {
    const segment = KIND_SEGMENTS[kind];
    const words = WORDS[kind];
    const onAgency = access({ kind: 'permission', permission: WRITE_PERMISSION[kind], agency: { from: 'param', param: 'id' } });
    const onRecord = access({ kind: 'permission', permission: WRITE_PERMISSION[kind], agency: { from: 'record', resource: kind, param: 'id', find: ownerFinder(db, kind) } });

    const newPage = async (c: Context<AppEnv>, form: FormState, status: PageStatus = 200) => {
      const agency = await getAgency(db, c.get('agencyId'));
      if (!agency) throw recordNotFound();
      // The supervising office is usually the 人民政府办公室 above the agency.
      const parent = kind === 'inspection' && agency.parentId !== null ? await getAgency(db, agency.parentId) : undefined;
      const initial = form.errors.length === 0 && parent ? { values: { inspector: `${parent.name}办公室` }, errors: [] } : form;
      const year = Number(today().slice(0, 4));
      return renderPage(c, `${words.newHeading}：${agency.name}`, (
        <RecordFormPage kind={kind} heading={words.newHeading} intro={<p class="lead">{agency.name}</p>} action={`/supervision/agencies/${agency.id}/${segment}/new`}
          form={initial} csrfToken={c.get('csrfToken')} submitLabel="保存" back={{ href: recordsHref(agency.id, year, kind), label: `返回${agency.name}的记录` }} />
      ), { status });
    };

    app.get(`/supervision/agencies/:id{[0-9]+}/${segment}/new`, onAgency, (c) => newPage(c, EMPTY_FORM));
    app.post(`/supervision/agencies/:id{[0-9]+}/${segment}/new`, onAgency, async (c) => {
      const values = await fieldsOf(c, Object.keys(FIELD_LABELS[kind]).filter((k) => k !== 'version'));
      const agencyId = c.get('agencyId');
      try {
        const { id } = await addRecord(services, actingOf(c), kind, agencyId, values, clock);
        if (kind === 'inspection') return c.redirect(`/supervision/inspections/${id}?notice=inspection`, 303);
        return c.redirect(`${recordsHref(agencyId, Number(values[words.date]!.slice(0, 4)), kind)}&notice=saved`, 303);
      } catch (error) {
        const form = refused(error, FIRST_FIELD[kind]);
        if (!form) throw error;
        return newPage(c, { values, errors: form.errors }, form.status);
      }
    });

    const editPage = async (c: Context<AppEnv>, form: FormState | undefined, status: PageStatus = 200) => {
      const record = await getRecord(services, actingOf(c), kind, idOf(c.req.param('id')) ?? 0);
      const agency = await getAgency(db, record.agencyId);
      const date = (record as unknown as Record<string, string>)[words.date]!;
      return renderPage(c, `修改${words.noun}记录`, (
        <RecordFormPage kind={kind} heading={`修改${words.noun}记录`} intro={<p class="lead">{agency?.name}</p>} action={`/supervision/${segment}/${record.id}/edit`}
          form={form ?? { values: valuesOf(record), errors: [] }} version={form?.values['version'] ?? String(record.version)} csrfToken={c.get('csrfToken')} submitLabel="保存修改"
          back={kind === 'inspection' ? { href: `/supervision/inspections/${record.id}`, label: '返回检查记录' } : { href: recordsHref(record.agencyId, Number(date.slice(0, 4)), kind), label: `返回${agency?.name ?? ''}的记录` }} />
      ), { status });
    };

    app.get(`/supervision/${segment}/:id{[0-9]+}/edit`, onRecord, (c) => editPage(c, undefined));
    app.post(`/supervision/${segment}/:id{[0-9]+}/edit`, onRecord, async (c) => {
      const values = await fieldsOf(c, Object.keys(FIELD_LABELS[kind]));
      const id = idOf(c.req.param('id')) ?? 0;
      try {
        await editRecord(services, actingOf(c), kind, id, values, clock);
        if (kind === 'inspection') return c.redirect(`/supervision/inspections/${id}?notice=saved`, 303);
        return c.redirect(`${recordsHref(c.get('agencyId'), Number(values[words.date]!.slice(0, 4)), kind)}&notice=saved`, 303);
      } catch (error) {
        const form = refused(error, FIRST_FIELD[kind]);
        if (!form) throw error;
        return editPage(c, { values, errors: form.errors }, form.status);
      }
    });
  }
  return app;
}
