/**
 * The staff pages of 主动公开: the list (/catalog), drafting (/catalog/new), an item's page with its
 * review steps (/catalog/items/{id}), a draft's edit page with its attachments and related items, the
 * agency's settings (索引号 pattern, sensitive words) and the deployment's sensitive words. Every route
 * declares its access first; another agency's item answers 404. POST → redirect → GET with a notice; a
 * refused form comes back with its reasons.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { can } from '../platform/accounts/core/roles.ts';
import { getAgency, listAgencies } from '../platform/accounts/store.ts';
import { AppError, NotFoundError } from '../platform/errors.ts';
import { access } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import { EMPTY_FORM, formErrorsOf, plainMessage, type FormState } from '../platform/http/form.tsx';
import { renderPage, type PageStatus } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { idOf, itemGuards } from './api-routes.ts';
import type { UploadedFile } from './attachments.ts';
import { parseStep } from './input.ts';
import { addAttachments, linkItem, removeAttachment, unlinkItem } from './item-files.ts';
import { ITEM_STATUSES, type ItemStatus } from './model.ts';
import { EditPage } from './pages/edit-page.tsx';
import { formValuesOf, ItemForm, itemBody } from './pages/item-form.tsx';
import { ItemPage, type StepFormState } from './pages/item-page.tsx';
import { ListPage } from './pages/list-page.tsx';
import { DeploymentWordsPage, SettingsPage } from './pages/settings-page.tsx';
import { actorIn, createDraft, editDraft, getItemView, listItems, todayIn, type Clock } from './service.ts';
import { getDeploymentWords, getSettings, saveDeploymentWords, saveSettings } from './settings.ts';
import { stateOf, takeStep } from './steps.ts';
import { getAttachmentContent, getItem } from './store.ts';
import { checkEdit, offeredSteps, type WorkflowStepType } from './workflow.ts';

const PAGE_SIZE = 50;

/** Notices after a redirect, by code. */
const NOTICES: Record<string, string> = {
  created: '已保存为草稿，索引号已生成。可以继续修改、上传附件，然后提交审核。',
  edited: '草稿已保存。',
  files: '附件已更新。',
  links: '相关信息已更新。',
  submitted: '已提交审核。',
  attributeReviewed: '公开属性审核已记录。',
  secrecyChecked: '保密审查已记录，等待负责人签发。',
  signed: '已签发：信息已在门户网站发布。',
  returned: '已退回起草人修改。',
  withdrawn: '已撤回：信息不再公开。',
  validityChanged: '有效性已变更。',
  settings: '设置已保存。',
};
const noticeOf = (c: Context<AppEnv>) => {
  const code = c.req.query('notice') ?? '';
  return Object.hasOwn(NOTICES, code) ? NOTICES[code] : undefined;
};

/** The form's text fields (`all`: keep files under `attachments`). */
async function formOf(c: Context<AppEnv>): Promise<{ values: Record<string, string>; files: UploadedFile[] }> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(body)) {
    const last = Array.isArray(raw) ? raw.at(-1) : raw;
    if (key !== '_csrf' && typeof last === 'string') values[key] = last;
  }
  const parts = body['attachments'];
  const chosen = (Array.isArray(parts) ? parts : parts === undefined ? [] : [parts]).filter((p): p is File => typeof p !== 'string' && !(p.name === '' && p.size === 0));
  const files = await Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  return { values, files };
}

const versionOf = (values: Record<string, string>) => (/^\d{1,9}$/.test(values['version'] ?? '') ? Number(values['version']) : undefined);
const pageNotFound = () => new NotFoundError('catalog.page_not_found', '没有找到这个页面或记录（或您无权查看）。');

/** A refused form's errors, or undefined for what is not the form's to show. */
function refused(error: unknown, fallback: string): { errors: FormState['errors']; status: PageStatus } | undefined {
  const form = formErrorsOf(error, fallback);
  if (form) return { errors: form.errors, status: form.status };
  if (error instanceof AppError && error.status === 403) return { errors: [{ field: fallback, message: plainMessage(error.message) }], status: 403 };
  return undefined;
}

/** The staff routes; `clock` is Date.now but for tests. */
export function staffCatalogRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guards = itemGuards(services);
  const { db } = services;
  const itemIdOf = (c: Context<AppEnv>) => idOf(c.req.param('id')) ?? (() => { throw pageNotFound(); })();
  const today = () => todayIn(clock);

  /** The agencies a person may draft for ('records.write', open). */
  const draftAgencies = async (c: Context<AppEnv>) => {
    const acting = actingOf(c);
    const scope = c.get('scope');
    const agencies = await listAgencies(db, scope === 'all' ? {} : { ids: scope });
    return agencies.filter((a) => acting.grants === null || can(acting.grants, 'records.write', a.id)).map((a) => ({ value: String(a.id), label: a.name }));
  };

  app.get('/catalog', guards.list, async (c) => {
    const acting = actingOf(c);
    const viewer = c.get('viewer')!;
    const scope = c.get('scope');
    const q = c.req.query();
    const status = q['status'] ?? 'pending';
    const rows = await listItems(services, acting, {
      agencyId: idOf(q['agency']),
      status: status === 'all' || status === 'pending' || (ITEM_STATUSES as readonly string[]).includes(status) ? status as ItemStatus | 'all' | 'pending' : 'pending',
      due: q['due'] === 'soon' || q['due'] === 'overdue' ? q['due'] : undefined,
      text: q['q']?.slice(0, 100), before: idOf(q['before']), limit: PAGE_SIZE,
    }, clock);
    const agencies = await listAgencies(db, scope === 'all' ? { includeClosed: true } : { ids: scope, includeClosed: true });
    const params = new URLSearchParams(Object.entries(q).filter(([k]) => k !== 'before'));
    if (rows.length === PAGE_SIZE) params.set('before', String(rows.at(-1)!.id));
    return renderPage(c, '主动公开', (
      <ListPage rows={rows} filters={{ values: { status, due: q['due'] ?? '', agency: q['agency'] ?? '', q: q['q'] ?? '' }, errors: [] }}
        agencyChoices={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        mayDraft={agencies.some((a) => a.closedAt === null && can(viewer.grants, 'records.write', a.id))}
        settings={agencies.filter((a) => a.closedAt === null && viewer.grants.some((g) => g.role === 'agencyAdmin' && g.agencyId === a.id)).map((a) => ({ value: String(a.id), label: a.name }))}
        next={rows.length === PAGE_SIZE ? `/catalog?${params.toString()}` : undefined} />
    ), { notice: noticeOf(c) });
  });

  const newPage = async (c: Context<AppEnv>, form: FormState, status: PageStatus = 200) => renderPage(c, '起草信息', (
    <>
      <p><a href="/catalog">返回主动公开</a></p>
      <h1>起草信息</h1>
      <ItemForm form={form} action="/catalog/new" agencies={await draftAgencies(c)} today={today()} csrfToken={c.get('csrfToken')} submitLabel="保存草稿" />
    </>
  ), { status });

  app.get('/catalog/new', guards.draft, (c) => newPage(c, EMPTY_FORM));
  app.post('/catalog/new', guards.draft, async (c) => {
    const { values } = await formOf(c);
    try {
      const { id } = await createDraft(services, actingOf(c), itemBody(values, true), clock);
      return c.redirect(`/catalog/items/${id}?notice=created`, 303);
    } catch (error) {
      const form = refused(error, 'title');
      if (!form) throw error;
      return newPage(c, { values, errors: form.errors }, form.status === 403 ? 403 : 422);
    }
  });

  const itemPage = async (c: Context<AppEnv>, refusal?: { stepForm?: StepFormState; problem?: string; status: PageStatus }) => {
    const id = itemIdOf(c);
    const acting = actingOf(c);
    const view = await getItemView(services, acting, id);
    const actor = actorIn(acting, view.agencyId);
    const state = stateOf((await getItem(db, id))!);
    return renderPage(c, view.title, (
      <ItemPage view={view} offered={offeredSteps(state, actor)} mayEdit={checkEdit(state, actor).ok} today={today()} csrfToken={c.get('csrfToken')}
        stepForm={refusal?.stepForm} problem={refusal?.problem} />
    ), { notice: refusal ? undefined : noticeOf(c), status: refusal?.status ?? 200 });
  };

  app.get('/catalog/items/:id{[0-9]+}', guards.read, (c) => itemPage(c));

  // A 审核人 holds 'records.read' only: the review steps are theirs (the workflow checks each role).
  app.post('/catalog/items/:id{[0-9]+}/steps', guards.read, async (c) => {
    const { values } = await formOf(c);
    const type = values['type'] as WorkflowStepType;
    const body: Record<string, unknown> = { type };
    for (const key of ['decision', 'reason', 'justification', 'validity', 'date'] as const) if (values[key]?.trim()) body[key] = values[key];
    if (versionOf(values) !== undefined) body['version'] = versionOf(values);
    const parsed = parseStep(body);
    if (!parsed.ok) return itemPage(c, { stepForm: { type, values, errors: parsed.problems.map((p) => ({ field: p.field, message: plainMessage(p.message) })) }, status: 422 });
    try {
      await takeStep(services, actingOf(c), itemIdOf(c), parsed.value.step, parsed.value.version, clock);
      return c.redirect(`/catalog/items/${itemIdOf(c)}?notice=${parsed.value.step.type}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![403, 409, 422].includes(error.status)) throw error;
      return itemPage(c, { problem: plainMessage(error.message), status: error.status as PageStatus });
    }
  });

  const editPage = async (c: Context<AppEnv>, forms: { form?: FormState; filesForm?: FormState; status?: PageStatus } = {}) => {
    const view = await getItemView(services, actingOf(c), itemIdOf(c));
    return renderPage(c, `修改草稿：${view.title}`, (
      <EditPage view={view} form={forms.form ?? { values: formValuesOf(view), errors: [] }} filesForm={forms.filesForm} today={today()} csrfToken={c.get('csrfToken')} />
    ), { notice: forms.status ? undefined : noticeOf(c), status: forms.status ?? 200 });
  };

  /** An edit-page action: done → back to the edit page with a notice; a draft no more → the item page. */
  const onDraft = async (c: Context<AppEnv>, field: string, work: (values: Record<string, string>, files: UploadedFile[]) => Promise<unknown>, notice: string) => {
    const { values, files } = await formOf(c);
    try {
      await work(values, files);
      return c.redirect(`/catalog/items/${itemIdOf(c)}/edit?notice=${notice}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.status === 409 && error.code === 'catalog.not_draft') return itemPage(c, { problem: plainMessage(error.message), status: 409 });
      const form = refused(error, field);
      if (!form) throw error;
      return field === 'title' ? editPage(c, { form: { values, errors: form.errors }, status: form.status })
        : editPage(c, { filesForm: { values, errors: form.errors }, status: form.status });
    }
  };

  app.get('/catalog/items/:id{[0-9]+}/edit', guards.write, (c) => editPage(c));
  app.post('/catalog/items/:id{[0-9]+}/edit', guards.write, (c) => onDraft(c, 'title', async (values) => {
    await editDraft(services, actingOf(c), itemIdOf(c), itemBody(values, false), clock);
  }, 'edited'));
  app.post('/catalog/items/:id{[0-9]+}/attachments', guards.write, (c) => onDraft(c, 'attachments', async (values, files) => {
    await addAttachments(services, actingOf(c), itemIdOf(c), files, versionOf(values), clock);
  }, 'files'));
  app.post('/catalog/items/:id{[0-9]+}/attachments/:attachmentId{[0-9]+}/delete', guards.write, (c) => onDraft(c, 'attachments', async (values) => {
    await removeAttachment(services, actingOf(c), itemIdOf(c), idOf(c.req.param('attachmentId')) ?? 0, versionOf(values), clock);
  }, 'files'));
  app.post('/catalog/items/:id{[0-9]+}/links', guards.write, (c) => onDraft(c, 'related', async (values) => {
    await linkItem(services, actingOf(c), itemIdOf(c), values['related'] ?? '', versionOf(values), clock);
  }, 'links'));
  app.post('/catalog/items/:id{[0-9]+}/unlink', guards.write, (c) => onDraft(c, 'related', async (values) => {
    await unlinkItem(services, actingOf(c), itemIdOf(c), idOf(values['relatedId']) ?? 0, versionOf(values), clock);
  }, 'links'));

  app.get('/catalog/items/:id{[0-9]+}/attachments/:attachmentId{[0-9]+}', guards.read, async (c) => {
    const file = await getAttachmentContent(db, itemIdOf(c), idOf(c.req.param('attachmentId')) ?? 0);
    if (!file) throw new NotFoundError('catalog.attachment_not_found', '没有找到这个附件（或您无权查看）。');
    c.header('Content-Type', file.mediaType);
    c.header('Content-Disposition', `attachment; filename="attachment-${file.id}${/\.[A-Za-z]{3,4}$/.exec(file.fileName)?.[0] ?? ''}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    c.header('Cache-Control', 'private, no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(new Uint8Array(file.bytes));
  });

  const profile = access({ kind: 'permission', permission: 'agency.profile', agency: { from: 'param', param: 'id' } });
  const settingsPage = async (c: Context<AppEnv>, form: FormState, status: PageStatus = 200) => {
    const agencyId = c.get('agencyId');
    const agency = await getAgency(db, agencyId);
    if (!agency) throw pageNotFound();
    return renderPage(c, '索引号和敏感词', (
      <SettingsPage agencyName={agency.name} settings={await getSettings(services, actingOf(c), agencyId)} form={form} csrfToken={c.get('csrfToken')} />
    ), { notice: status === 200 ? noticeOf(c) : undefined, status });
  };
  app.get('/agencies/:id{[0-9]+}/catalog-settings', profile, (c) => settingsPage(c, EMPTY_FORM));
  app.post('/agencies/:id{[0-9]+}/catalog-settings', profile, async (c) => {
    const { values } = await formOf(c);
    try {
      await saveSettings(services, actingOf(c), c.get('agencyId'), { indexPattern: values['indexPattern'] ?? '', words: values['words'] ?? '' });
      return c.redirect(`/agencies/${c.get('agencyId')}/catalog-settings?notice=settings`, 303);
    } catch (error) {
      const form = refused(error, 'indexPattern');
      if (!form) throw error;
      return settingsPage(c, { values, errors: form.errors }, form.status);
    }
  });

  const deployment = access({ kind: 'permission', permission: 'deployment.admin', agency: { from: 'deployment' } });
  app.get('/catalog/sensitive-words', deployment, async (c) => renderPage(c, '全系统敏感词', (
    <DeploymentWordsPage words={await getDeploymentWords(services)} form={EMPTY_FORM} csrfToken={c.get('csrfToken')} />
  ), { notice: noticeOf(c) }));
  app.post('/catalog/sensitive-words', deployment, async (c) => {
    const { values } = await formOf(c);
    try {
      await saveDeploymentWords(services, actingOf(c), values['words'] ?? '');
      return c.redirect('/catalog/sensitive-words?notice=settings', 303);
    } catch (error) {
      const form = refused(error, 'words');
      if (!form) throw error;
      return renderPage(c, '全系统敏感词', <DeploymentWordsPage words={[]} form={{ values, errors: form.errors }} csrfToken={c.get('csrfToken')} />, { status: form.status });
    }
  });

  return app;
}
