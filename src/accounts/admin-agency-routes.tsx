/**
 * The agencies' administration pages: the tree (anyone managing staff somewhere, limited to their
 * agencies), a new agency (sysAdmin), one agency with its staff, its contact facts (its agencyAdmin
 * or a sysAdmin), its name, parent and credit code, and closing it (sysAdmin).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { can, subtreeOf } from '../platform/accounts/core/roles.ts';
import { closeAgency, createAgency, reviseAgency, updateAgencyContacts } from '../platform/accounts/service.ts';
import * as store from '../platform/accounts/store.ts';
import { AGENCY_CONTACT_FIELDS } from '../platform/accounts/store.ts';
import { access } from '../platform/http/access.ts';
import { renderPage } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { actingOf, agencyIdField, field, formValues, idParam, isSysAdmin, noticeOf, notFound, readForm, viewerOf } from './admin-http.ts';
import { agencyStaff } from './admin-query.ts';
import { AgenciesPage } from './pages/admin-agencies-page.tsx';
import { NewAgencyPage } from './pages/admin-agency-new-page.tsx';
import { AgencyPage, CloseAgencyPage } from './pages/admin-agency-page.tsx';
import { EMPTY_FORM, formErrorsOf, type FormState } from './pages/admin-form.tsx';

/** Anyone managing the staff of some agency; the list shows only theirs (scope). */
const STAFF_SOMEWHERE = access({ kind: 'permission', permission: 'agency.staff', agency: { from: 'any' } });
/** System administrators. */
const DEPLOYMENT_ADMIN = access({ kind: 'permission', permission: 'deployment.admin', agency: { from: 'deployment' } });
/** The staff managers of the agency in the path (another agency's answers 404). */
const STAFF_OF = access({ kind: 'permission', permission: 'agency.staff', agency: { from: 'param', param: 'id' } });
const PROFILE_OF = access({ kind: 'permission', permission: 'agency.profile', agency: { from: 'param', param: 'id' } });
/**
 * Renaming, re-parenting and closing are a sysAdmin's; declared on the agency of the path so that
 * someone of another agency is answered 404 like everywhere else (a sysAdmin's grant reaches all).
 */
const ADMIN_OF = access({ kind: 'permission', permission: 'deployment.admin', agency: { from: 'param', param: 'id' } });

const NOTICES: Record<string, string> = {
  created: '机关已新建。',
  contacts: '联系方式已保存。',
  revised: '已保存。',
  closed: '机关已撤销。',
};

const contactsOf = (form: Record<string, string | string[]>) => Object.fromEntries(AGENCY_CONTACT_FIELDS.map((k) => [k, field(form, k)]));

/** The agencies' routes. */
export function agencyRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = services.db;

  app.get('/admin/agencies', STAFF_SOMEWHERE, async (c) => {
    const scope = c.get('scope');
    const agencies = await store.listAgencies(db, { includeClosed: true, ids: scope === 'all' ? undefined : scope });
    return renderPage(c, '机关和人员', <AgenciesPage agencies={agencies} canCreate={isSysAdmin(viewerOf(c))} />, { notice: noticeOf(c, NOTICES) });
  });

  const newAgencyPage = async (c: Context<AppEnv>, form: FormState, status: 200 | 400 | 409 | 422 = 200) =>
    renderPage(c, '新建机关', <NewAgencyPage form={form} agencies={await store.listAgencies(db)} csrfToken={c.get('csrfToken')} />, { status });

  app.get('/admin/agencies/new', DEPLOYMENT_ADMIN, (c) => newAgencyPage(c, EMPTY_FORM));

  app.post('/admin/agencies/new', DEPLOYMENT_ADMIN, async (c) => {
    const form = await readForm(c);
    try {
      const parentId = agencyIdField(field(form, 'parent'), 'parent', '请从列表中选择上级机关');
      const agency = await createAgency(db, actingOf(c), {
        name: field(form, 'name'), shortName: field(form, 'shortName'), creditCode: field(form, 'creditCode'),
        // An unticked radio sends nothing: the schema's message names the field.
        kind: field(form, 'kind') || undefined, parentId, ...contactsOf(form),
      });
      return c.redirect(`/admin/agencies/${agency.id}?notice=created`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'name');
      if (!refused) throw error;
      return newAgencyPage(c, { values: formValues(form), errors: refused.errors }, refused.status);
    }
  });

  /** The agency's page, with a refused form shown again. */
  const agencyPage = async (c: Context<AppEnv>, forms: { contacts?: FormState; revise?: FormState } = {}, status: 200 | 400 | 409 | 422 = 200) => {
    const id = idParam(c);
    const agency = await store.getAgency(db, id);
    if (!agency) throw notFound();
    const viewer = viewerOf(c);
    const all = await store.listAgencies(db, { includeClosed: true });
    // Its own subtree cannot be its parent (service.ts refuses a loop; the select does not offer one).
    const below = new Set(subtreeOf(all, id));
    const [history, staff] = await Promise.all([store.agencyNameHistory(db, id), agencyStaff(db, id)]);
    return renderPage(c, agency.name, (
      <AgencyPage agency={agency} parent={all.find((a) => a.id === agency.parentId)} history={history} staff={staff}
        parents={all.filter((a) => !a.closedAt && !below.has(a.id))}
        canEditContacts={can(viewer.grants, 'agency.profile', id)} canAdminister={isSysAdmin(viewer)}
        contactsForm={forms.contacts ?? EMPTY_FORM} reviseForm={forms.revise ?? EMPTY_FORM} csrfToken={c.get('csrfToken')} />
    ), { status, notice: noticeOf(c, NOTICES) });
  };

  app.get('/admin/agencies/:id{[0-9]+}', STAFF_OF, (c) => agencyPage(c));

  app.post('/admin/agencies/:id{[0-9]+}/contacts', PROFILE_OF, async (c) => {
    const form = await readForm(c);
    try {
      await updateAgencyContacts(db, actingOf(c), idParam(c), contactsOf(form));
      return c.redirect(`/admin/agencies/${idParam(c)}?notice=contacts`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'address');
      if (!refused) throw error;
      return agencyPage(c, { contacts: { values: formValues(form), errors: refused.errors } }, refused.status);
    }
  });

  app.post('/admin/agencies/:id{[0-9]+}/revise', ADMIN_OF, async (c) => {
    const form = await readForm(c);
    try {
      const parentId = agencyIdField(field(form, 'parent'), 'parent', '请从列表中选择上级机关');
      await reviseAgency(db, actingOf(c), idParam(c), { name: field(form, 'name'), shortName: field(form, 'shortName'), creditCode: field(form, 'creditCode'), parentId });
      return c.redirect(`/admin/agencies/${idParam(c)}?notice=revised`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'name');
      if (!refused) throw error;
      return agencyPage(c, { revise: { values: formValues(form), errors: refused.errors } }, refused.status);
    }
  });

  const closePage = async (c: Context<AppEnv>, error?: string, status: 200 | 400 | 409 | 422 = 200) => {
    const agency = await store.getAgency(db, idParam(c));
    if (!agency) throw notFound();
    if (agency.closedAt) return c.redirect(`/admin/agencies/${agency.id}`, 303);
    return renderPage(c, `撤销${agency.name}`, <CloseAgencyPage agency={agency} error={error} csrfToken={c.get('csrfToken')} />, { status });
  };

  app.get('/admin/agencies/:id{[0-9]+}/close', ADMIN_OF, (c) => closePage(c));

  app.post('/admin/agencies/:id{[0-9]+}/close', ADMIN_OF, async (c) => {
    const form = await readForm(c);
    if (field(form, 'confirm') !== 'yes') return closePage(c, '请勾选“我确认撤销”后再提交', 400);
    try {
      await closeAgency(db, actingOf(c), idParam(c));
      return c.redirect('/admin/agencies?notice=closed', 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'confirm');
      if (!refused) throw error;
      return closePage(c, refused.errors.map((e) => e.message).join('；'), refused.status);
    }
  });

  return app;
}
