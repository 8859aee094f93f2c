/**
 * The template editor's pages (the agency's administrator: 'agency.profile' on the agency of the path;
 * another agency's answers 404, a role without the permission 403) and the letters' stylesheet
 * (public). POST → redirect → GET; a refused form is shown again with its errors; 预览 renders what
 * was typed without storing it.
 */
import type { Context } from 'hono';
import { actingOf } from '../../platform/http/acting.ts';
import { Hono } from 'hono';
import { getAgency } from '../../platform/accounts/store.ts';
import { AppError, NotFoundError } from '../../platform/errors.ts';
import { access, PUBLIC } from '../../platform/http/access.ts';
import { renderPage } from '../../platform/http/layout.tsx';
import type { AppEnv, RouteModule } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import {
  agencySettings, listAgencyTemplates, previewTemplate, resetAgencyTemplate, saveAgencySettings, saveAgencyTemplate, templateFor,
} from './editor-service.ts';
import { LETTERS_CSS, LETTERS_STYLESHEET_PATH } from './html.tsx';
import { isLetterKind, LETTER_KIND_INFO, type LetterDocument, type LetterKind } from './model.ts';
import { TemplateEditorPage, TemplatesPage, type FieldError } from './pages.tsx';
import type { LetterSettings } from './store.ts';

/** The agency's administrators (and system administrators). */
const PROFILE_OF = access({ kind: 'permission', permission: 'agency.profile', agency: { from: 'param', param: 'id' } });
const STYLESHEETS = [LETTERS_STYLESHEET_PATH];
const NOTICES: Record<string, string> = {
  saved: '模板已保存。此后生成的文书使用新的文本；已经发出的文书不变。',
  reset: '已恢复默认文本。',
  settings: '设置已保存。',
};

const notFound = () => new NotFoundError('http.not_found', '没有找到这个页面或记录（或您无权查看）。');
const agencyIdOf = (c: Context<AppEnv>) => c.get('agencyId');

function kindOf(c: Context<AppEnv>): LetterKind {
  const kind = c.req.param('kind') ?? '';
  if (!isLetterKind(kind)) throw notFound();
  return kind;
}

async function formOf(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The field errors of a refused form (a 400 with details.fields), else undefined: anything else is not the form's to show. */
function fieldErrorsOf(error: unknown): FieldError[] | undefined {
  if (!(error instanceof AppError) || error.status !== 400) return undefined;
  return (error.details as { fields?: FieldError[] } | undefined)?.fields ?? [{ field: 'body', message: error.message }];
}

const noticeOf = (c: Context<AppEnv>) => {
  const code = c.req.query('notice');
  return code !== undefined && Object.hasOwn(NOTICES, code) ? NOTICES[code] : undefined;
};

/** The letters' route module: the stylesheet and the template editor. */
export function lettersRouteModule(services: Services): RouteModule {
  const app = new Hono<AppEnv>();

  app.get('/assets/letters.css', PUBLIC, (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(LETTERS_CSS);
  });

  const listPage = async (c: Context<AppEnv>, form?: { values: Record<string, string>; errors: FieldError[] }) => {
    const agencyId = agencyIdOf(c);
    const agency = await getAgency(services.db, agencyId);
    if (!agency) throw notFound();
    const [entries, settings] = await Promise.all([listAgencyTemplates(services, agencyId), agencySettings(services, agencyId)]);
    const values: Record<keyof LetterSettings, string> = {
      sealLine: form?.values.sealLine ?? settings.sealLine ?? '',
      reconsiderationBody: form?.values.reconsiderationBody ?? settings.reconsiderationBody ?? '',
      feePayment: form?.values.feePayment ?? settings.feePayment ?? '',
    };
    return renderPage(c, '文书模板', (
      <TemplatesPage agencyId={agencyId} agencyName={agency.name} entries={entries} settings={values} errors={form?.errors ?? []} csrfToken={c.get('csrfToken')} />
    ), { notice: noticeOf(c), status: form ? 400 : 200, stylesheets: STYLESHEETS });
  };

  app.get('/agencies/:id{[0-9]+}/letters', PROFILE_OF, (c) => listPage(c));

  app.post('/agencies/:id{[0-9]+}/letters/settings', PROFILE_OF, async (c) => {
    const form = await formOf(c);
    try {
      await saveAgencySettings(services, actingOf(c), agencyIdOf(c), { sealLine: form.sealLine, reconsiderationBody: form.reconsiderationBody, feePayment: form.feePayment });
      return c.redirect(`/agencies/${agencyIdOf(c)}/letters?notice=settings`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return listPage(c, { values: form, errors });
    }
  });

  /** The editor with what was typed (or the template in force), its preview and any errors. */
  const editorPage = async (c: Context<AppEnv>, kind: LetterKind, typed?: { title: string; body: string; errors: FieldError[] }) => {
    const agencyId = agencyIdOf(c);
    const current = await templateFor(services, agencyId, kind);
    const values = typed ?? { title: current.title, body: current.body };
    let preview: LetterDocument | undefined;
    if (!typed || typed.errors.length === 0) preview = await previewTemplate(services, agencyId, kind, values);
    return renderPage(c, LETTER_KIND_INFO[kind].label, (
      <TemplateEditorPage agencyId={agencyId} kind={kind} values={values} custom={current.custom} errors={typed?.errors ?? []}
        preview={preview} unsaved={typed !== undefined} csrfToken={c.get('csrfToken')} />
    ), { notice: noticeOf(c), status: typed && typed.errors.length > 0 ? 400 : 200, stylesheets: STYLESHEETS });
  };

  app.get('/agencies/:id{[0-9]+}/letters/:kind{[a-zA-Z]+}', PROFILE_OF, (c) => editorPage(c, kindOf(c)));

  app.post('/agencies/:id{[0-9]+}/letters/:kind{[a-zA-Z]+}', PROFILE_OF, async (c) => {
    const kind = kindOf(c);
    const form = await formOf(c);
    const typed = { title: form.title ?? '', body: form.body ?? '' };
    try {
      // The preview refuses a template with problems the way saving would (caught below).
      if (form.action === 'preview') return await editorPage(c, kind, { ...typed, errors: [] });
      await saveAgencyTemplate(services, actingOf(c), agencyIdOf(c), kind, typed);
      return c.redirect(`/agencies/${agencyIdOf(c)}/letters/${kind}?notice=saved`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return editorPage(c, kind, { ...typed, errors });
    }
  });

  app.post('/agencies/:id{[0-9]+}/letters/:kind{[a-zA-Z]+}/reset', PROFILE_OF, async (c) => {
    const kind = kindOf(c);
    await resetAgencyTemplate(services, actingOf(c), agencyIdOf(c), kind);
    return c.redirect(`/agencies/${agencyIdOf(c)}/letters/${kind}?notice=reset`, 303);
  });

  return { routes: app };
}
