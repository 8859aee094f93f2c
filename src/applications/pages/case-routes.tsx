/**
 * A case's routes: its page, its steps (each with the version the person saw: a case changed meanwhile
 * is refused with 本申请已被他人修改，请刷新后再办理 and nothing changes), its handler and its appeals.
 * POST → redirect → GET with a notice; a refused form comes back on the case page with its reasons.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { AppError } from '../../platform/errors.ts';
import { renderPage, type PageStatus } from '../../platform/http/layout.tsx';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import { EVENT_TYPES, parseEvent } from '../input.ts';
import type { CaseEventType } from '../model.ts';
import { assignHandler, decideAppeal, recordAppeal, recordEvent, todayIn, type Clock } from '../service.ts';
import { loadCase } from './case-data.ts';
import { CasePage } from './case-page.tsx';
import { formErrorsOf, plainMessage, type FieldError, type FormState } from '../../platform/http/form.tsx';
import { actingOf, badForm, formOf, idOf, noticeOf, pageNotFound, staffGuards } from './http.ts';
import { stepBody, type StepFormState } from './step-forms.tsx';

/** What a refused form brings back to the case page. */
interface Refused {
  stepForm?: StepFormState;
  problem?: string;
  appealForm?: FormState & { which: string };
  status: PageStatus;
}

const caseIdOf = (c: Context<AppEnv>) => idOf(c.req.param('id')) ?? (() => { throw pageNotFound(); })();

/** A version as posted (the one the person saw), or undefined when absent. */
function versionOf(values: Record<string, string>): number | undefined {
  const v = values['version']?.trim();
  return v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}

/** A lifecycle's refusal or a stale version as the page says it; anything else is not the form's. */
function refusalOf(error: unknown): { message: string; status: PageStatus; fields: FieldError[] } | undefined {
  if (!(error instanceof AppError) || ![400, 403, 409, 422].includes(error.status)) return undefined;
  const fields = formErrorsOf(error, '')?.errors.filter((e) => e.field !== '') ?? [];
  return { message: plainMessage(error.message), status: error.status as PageStatus, fields };
}

/** The routes of a case's page and its forms. */
export function caseRoutes(services: Services, clock: Clock): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guards = staffGuards(services);

  const casePage = async (c: Context<AppEnv>, refused?: Refused) => {
    const id = caseIdOf(c);
    const acting = actingOf(c);
    const today = todayIn(clock);
    const data = await loadCase(services, acting, id, today);
    const { view } = data;
    const csrfToken = c.get('csrfToken');
    const lastDate = data.state.lastDate > today ? today : data.state.lastDate;
    return renderPage(c, `申请 ${view.trackingCode}`, (
      <CasePage view={view} agencyName={data.agencyName} receipt={data.receipt} names={data.names} urgency={data.urgency} contact={data.contact}
        offered={data.offered} stepForm={refused?.stepForm} problem={refused?.problem}
        stepContext={{ caseId: id, version: view.version, today, lastDate, isHead: data.isHead, delivery: view.delivery, csrfToken }}
        assign={data.mayWrite ? { caseId: id, version: view.version, handlerId: view.handlerId, choices: data.handlers, csrfToken } : null}
        letters={{ caseId: id, sent: data.letters, names: data.names, suggested: data.mayWrite || data.offered.length > 0 ? data.suggestedLetters : [] }}
        appeals={{ caseId: id, appeals: view.appeals, mayWrite: data.mayWrite, today, form: refused?.appealForm, csrfToken }}
        attachments={data.attachments} />
    ), { notice: refused ? undefined : noticeOf(c), status: refused?.status ?? 200 });
  };

  app.get('/applications/:id{[0-9]+}', guards.readCase, (c) => casePage(c));

  /** One step: parsed from the form (input.ts), recorded with the version seen (service.ts recordEvent). */
  const step = async (c: Context<AppEnv>, review: boolean) => {
    const values = await formOf(c);
    const type = values['type'] ?? '';
    if (!(EVENT_TYPES as string[]).includes(type) || (type === 'reviewed') !== review) throw badForm();
    const stepType = type as CaseEventType;
    const { body, problems } = stepBody(values);
    const parsed = parseEvent(body);
    const fieldErrors = [...problems, ...(parsed.ok ? [] : parsed.problems.map((p) => ({ field: p.field === 'amountFen' ? 'amountYuan' : p.field, message: plainMessage(p.message) })))];
    if (fieldErrors.length > 0 || !parsed.ok) return casePage(c, { stepForm: { type: stepType, values, errors: fieldErrors }, status: 422 });
    try {
      const view = await recordEvent(services, actingOf(c), caseIdOf(c), parsed.value.event, versionOf(values), clock);
      const notice = stepType === 'replied' && view.status === 'replied' ? 'repliedFinal' : stepType;
      return c.redirect(`/applications/${view.id}?notice=${notice}`, 303);
    } catch (error) {
      const refused = refusalOf(error);
      if (!refused) throw error;
      return casePage(c, { stepForm: { type: stepType, values, errors: refused.fields }, problem: refused.fields.length > 0 ? undefined : refused.message, status: refused.status });
    }
  };

  app.post('/applications/:id{[0-9]+}/steps', guards.writeCase, (c) => step(c, false));
  // A 审核人 holds 'records.read' only: the review is theirs (the lifecycle checks the role).
  app.post('/applications/:id{[0-9]+}/review', guards.readCase, (c) => step(c, true));

  app.post('/applications/:id{[0-9]+}/assign', guards.writeCase, async (c) => {
    const values = await formOf(c);
    const raw = values['handlerId']?.trim() ?? '';
    const handlerId = raw === '' ? null : idOf(raw);
    if (handlerId === undefined) return casePage(c, { problem: '经办人：请从列表中选择', status: 422 });
    try {
      await assignHandler(services, actingOf(c), caseIdOf(c), handlerId, versionOf(values));
      return c.redirect(`/applications/${caseIdOf(c)}?notice=assigned`, 303);
    } catch (error) {
      const refused = refusalOf(error);
      if (!refused) throw error;
      return casePage(c, { problem: refused.message, status: refused.status });
    }
  });

  const appealBody = (values: Record<string, string>, fields: readonly string[]) =>
    Object.fromEntries(fields.map((f) => [f, values[f]?.trim() ? values[f]!.trim() : f === 'kind' || f === 'filedOn' ? undefined : null]));

  app.post('/applications/:id{[0-9]+}/appeals', guards.writeCase, async (c) => {
    const values = await formOf(c);
    try {
      await recordAppeal(services, actingOf(c), caseIdOf(c), appealBody(values, ['kind', 'filedOn', 'decidedOn', 'result']), clock);
      return c.redirect(`/applications/${caseIdOf(c)}?notice=appeal#appeals-title`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'kind');
      if (!refused) throw error;
      return casePage(c, { appealForm: { which: 'new', values, errors: refused.errors }, status: 422 });
    }
  });

  app.post('/applications/:id{[0-9]+}/appeals/:appealId{[0-9]+}/decision', guards.writeCase, async (c) => {
    const values = await formOf(c);
    const appealId = idOf(c.req.param('appealId'));
    if (appealId === undefined) throw pageNotFound();
    try {
      const body = appealBody(values, ['decidedOn', 'result']);
      await decideAppeal(services, actingOf(c), caseIdOf(c), appealId, { decidedOn: body['decidedOn'] ?? undefined, result: body['result'] ?? undefined }, clock);
      return c.redirect(`/applications/${caseIdOf(c)}?notice=appealDecided#appeals-title`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'decidedOn');
      if (!refused) throw error;
      return casePage(c, { appealForm: { which: String(appealId), values, errors: refused.errors }, status: 422 });
    }
  });

  return app;
}
