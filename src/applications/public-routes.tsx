/**
 * The public pages of 依申请公开 (PUBLIC, no JavaScript needed): the application form at /apply, its
 * receipt with the tracking code, and the status look-up by tracking code and phone (a POST, so the
 * phone never appears in an address). A refused form comes back with every problem named and what
 * was typed kept; nothing is stored on a refusal. The form may carry files (multipart/form-data, the
 * body capped by the platform's upload limit), stored with the application in its transaction.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { listAgencies } from '../platform/accounts/store.ts';
import { NotFoundError } from '../platform/errors.ts';
import { PUBLIC } from '../platform/http/access.ts';
import { rateLimited } from '../platform/http/rate-limit.ts';
import { renderPage } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import type { UploadedFile } from './attachments.ts';
import { ApplyPage } from './pages/apply-page.tsx';
import { EMPTY_FORM, formErrorsOf, type FieldError, type FormState } from '../platform/http/form.tsx';
import { actingOf, formOf, idOf, pageNotFound } from './pages/http.ts';
import { agencyGroups, intakeBody, intakeInputName, intakeMessage } from './pages/intake-form.ts';
import { ReceiptPage, StatusPage } from './pages/receipt-page.tsx';
import { applyLimit, createApplication, normalizeTrackingCode, publicStatus, todayIn, type Clock } from './service.ts';

/** The open agencies grouped for the form's select. */
export async function agencyChoices(services: Services, only?: 'all' | readonly number[]) {
  const agencies = await listAgencies(services.db, only === undefined || only === 'all' ? {} : { ids: only });
  return agencyGroups(agencies);
}

/** The intake form's errors from a refusal (fields renamed to inputs, 请选择 for lists). */
export function intakeErrors(error: unknown, values: Record<string, string>): { errors: FieldError[]; status: 400 | 409 | 422 } | undefined {
  const refused = formErrorsOf(error, 'agencyId', intakeInputName);
  return refused && { ...refused, errors: refused.errors.map((e) => ({ ...e, message: intakeMessage(e.field, e.message, values) })) };
}

/**
 * The apply form's text fields and its files (`attachments`, repeated). A file input left empty is
 * sent by browsers as a nameless empty part: it is no file.
 */
async function applyFormOf(c: Context<AppEnv>): Promise<{ values: Record<string, string>; files: UploadedFile[] }> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(body)) {
    const last = Array.isArray(raw) ? raw.at(-1) : raw;
    if (key !== '_csrf' && key !== 'attachments' && typeof last === 'string') values[key] = last;
  }
  const parts = body['attachments'];
  const chosen = (Array.isArray(parts) ? parts : parts === undefined ? [] : [parts]).filter((p): p is File => typeof p !== 'string' && !(p.name === '' && p.size === 0));
  const files = await Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  return { values, files };
}

/** The public routes; `clock` is Date.now but for tests. */
export function publicApplicationRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const applyPage = async (c: Context<AppEnv>, form: FormState, status: 200 | 400 | 404 | 409 | 422 = 200) =>
    renderPage(c, '申请政府信息公开', (
      <ApplyPage form={form} agencies={await agencyChoices(services)} csrfToken={c.get('csrfToken')} uploads={{ maxTotalBytes: services.config.maxUploadBytes }} />
    ), { status });

  app.get('/apply', PUBLIC, (c) => {
    // A link from an agency's page may choose the agency.
    const agencyId = idOf(c.req.query('agency'));
    return applyPage(c, agencyId ? { values: { agencyId: String(agencyId) }, errors: [] } : EMPTY_FORM);
  });

  app.post('/apply', PUBLIC, rateLimited(services.db, applyLimit(services.config.publicPostsPerHour), services.config.trustProxy), async (c) => {
    const { values, files } = await applyFormOf(c);
    try {
      const { trackingCode } = await createApplication(services, actingOf(c), intakeBody(values, false), clock, files);
      return c.redirect(`/apply/receipt?code=${encodeURIComponent(trackingCode)}&agency=${encodeURIComponent(values['agencyId'] ?? '')}`, 303);
    } catch (error) {
      const refused = intakeErrors(error, values);
      if (!refused) throw error;
      return applyPage(c, { values, errors: refused.errors }, refused.status === 409 ? 409 : 400);
    }
  });

  app.get('/apply/receipt', PUBLIC, async (c) => {
    const code = normalizeTrackingCode(c.req.query('code') ?? '');
    if (code === undefined) throw pageNotFound();
    const agencyId = idOf(c.req.query('agency'));
    const agency = agencyId === undefined ? undefined : (await listAgencies(services.db, { ids: [agencyId] }))[0];
    c.header('Cache-Control', 'no-store');
    return renderPage(c, '申请已提交', <ReceiptPage trackingCode={code} agency={agency?.name ?? null} submitted={todayIn(clock)} />);
  });

  const statusPage = (c: Context<AppEnv>, props: Omit<Parameters<typeof StatusPage>[0], 'csrfToken'>, status: 200 | 400 | 404 = 200) => {
    c.header('Cache-Control', 'no-store');
    return renderPage(c, '查询办理进度', <StatusPage {...props} csrfToken={c.get('csrfToken')} />, { status });
  };

  app.get('/apply/status', PUBLIC, (c) => statusPage(c, { form: EMPTY_FORM }));

  app.post('/apply/status', PUBLIC, async (c) => {
    const values = await formOf(c);
    const trackingCode = (values['trackingCode'] ?? '').trim().slice(0, 40);
    const phone = (values['phone'] ?? '').trim().slice(0, 40);
    // The phone is not shown again: a shared computer keeps no trace of it.
    const kept = { trackingCode };
    const errors: FieldError[] = [
      ...(trackingCode === '' ? [{ field: 'trackingCode', message: '查询码：请填写提交申请后得到的 12 位查询码' }] : []),
      ...(phone === '' ? [{ field: 'phone', message: '联系电话：请填写申请时填写的联系电话' }] : []),
    ];
    if (errors.length > 0) return statusPage(c, { form: { values: kept, errors } }, 400);
    try {
      return statusPage(c, { form: EMPTY_FORM, status: await publicStatus(services, trackingCode, phone) });
    } catch (error) {
      // The same answer for a wrong code and a wrong phone (service.ts publicStatus).
      if (!(error instanceof NotFoundError)) throw error;
      return statusPage(c, { form: { values: kept, errors: [{ field: 'trackingCode', message: error.message }] }, notFound: error.message }, 404);
    }
  });

  return app;
}
