/**
 * People's administration pages: finding people, adding a person to an agency, a person's page with
 * their roles (grant, revoke) and their account (password reset, disable, API tokens).
 *
 * Escalation is refused in three layers: access() lets only staff managers of one of the person's
 * agencies open the page (others: 404, or 403 in their own agency); the use-cases refuse a role the
 * viewer may not grant (core/roles.ts mayGrant: no one grants to themself, an agencyAdmin grants only
 * the agency roles in its agency); and an account is taken over (password reset, disable) only by
 * someone who could have granted every role it holds — an agencyAdmin cannot reset the password of
 * a supervisor, a sysAdmin, or someone holding a role in another agency, and sign in as them.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { agenciesWhere, can, mayGrant, ROLES, type Role } from '../platform/accounts/core/roles.ts';
import type { Viewer } from '../platform/accounts/sign-in.ts';
import { fieldError } from '../platform/accounts/fields.ts';
import { createPerson, grantRole, revokeApiToken, revokeRole, setPassword, setPersonDisabled, type RoleOn } from '../platform/accounts/service.ts';
import * as store from '../platform/accounts/store.ts';
import { ConflictError, ForbiddenError } from '../platform/errors.ts';
import { access, type RecordOwner } from '../platform/http/access.ts';
import { renderPage } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { actingOf, agencyIdField, field, fields, formValues, idParam, isSysAdmin, noticeOf, notFound, readForm, requireOnAgency, viewerOf } from './admin-http.ts';
import { agenciesOfPerson, anyAgencyId, personExists, personWithRoles, searchPeople, type RoleHeld } from './admin-query.ts';
import { EMPTY_FORM, formErrorsOf, type FormState } from './pages/admin-form.tsx';
import { PeoplePage } from './pages/admin-people-page.tsx';
import { NewPersonPage } from './pages/admin-person-new-page.tsx';
import { PersonPage } from './pages/admin-person-page.tsx';

/** People listed at most on one page of the search. */
const PEOPLE_LIMIT = 100;

const NOTICES: Record<string, string> = {
  created: '人员已添加。请把用户名和初始密码告知本人。',
  granted: '角色已授予。',
  'already-granted': 'TA 已有这个角色，没有变化。',
  revoked: '角色已撤销。',
  password: '密码已重设，TA 在所有设备上的登录已结束。',
  disabled: '账号已停用，TA 的所有登录已结束。',
  enabled: '账号已启用。',
  'token-revoked': '接口令牌已撤销。',
};

const STAFF_SOMEWHERE = access({ kind: 'permission', permission: 'agency.staff', agency: { from: 'any' } });
const STAFF_OF = access({ kind: 'permission', permission: 'agency.staff', agency: { from: 'param', param: 'id' } });

/** Could the viewer have granted every role the person holds? Then they may take over the account. */
function mayManageAccount(viewer: Viewer, personId: number, roles: readonly RoleHeld[]): boolean {
  if (viewer.personId === personId) return false;
  return isSysAdmin(viewer) || (roles.length > 0 && roles.every((r) => mayGrant(viewer.grants, r.role, r.agencyId, false)));
}

/** The roles the viewer may grant in the agency when adding a person there (supervisor only on a government). */
function rolesToGrantIn(viewer: Viewer, agency: store.Agency): Role[] {
  return ROLES.filter((r) => r !== 'sysAdmin' && mayGrant(viewer.grants, r, agency.id, false) && (r !== 'supervisor' || agency.kind === 'government'));
}

/** The people's routes. */
export function peopleRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = services.db;
  const policy = { minLength: services.config.passwordMinLength, forbidUsername: true, forbidCommon: true };

  /**
   * The agency a person's page is checked on (access() needs one): one of the person's agencies
   * where the viewer manages staff; else one the viewer has any role in (so that they are answered
   * 403), else any of the person's agencies (404). A person holding no agency role (only sysAdmin,
   * or every role revoked) belongs to no agency and is managed by sysAdmins only: for a sysAdmin
   * viewer any agency passes the check (their grant reaches every agency), so the oldest is given;
   * for anyone else, or with no agency in the deployment at all, undefined (404). The handlers
   * decide each action from the person's roles, not from this agency.
   */
  const personOwner = async (c: Context<AppEnv>, value: string): Promise<RecordOwner | undefined> => {
    const viewer = c.get('viewer');
    if (!viewer || !/^[0-9]{1,15}$/.test(value)) return undefined;
    const id = Number(value);
    const agencies = await agenciesOfPerson(db, id);
    const reached = (a: number) => viewer.grants.some((g) => g.reaches.includes(a));
    const chosen = agencies.find((a) => can(viewer.grants, 'agency.staff', a)) ?? agencies.find(reached) ?? agencies[0];
    if (chosen !== undefined) return { agencyId: chosen };
    if (!isSysAdmin(viewer) || !(await personExists(db, id))) return undefined;
    const any = await anyAgencyId(db);
    return any === undefined ? undefined : { agencyId: any };
  };
  const PERSON = access({ kind: 'permission', permission: 'agency.staff', agency: { from: 'record', resource: 'person', param: 'id', find: personOwner } });

  app.get('/admin/people', STAFF_SOMEWHERE, async (c) => {
    // Control characters have no place in a name; the search is cut to the field's length.
    const search = (c.req.query('q') ?? '').replace(/[\u0000-\u001f\u007f\ud800-\udfff]/g, '').trim().slice(0, 50);
    const scope = c.get('scope');
    const found = await searchPeople(db, scope, search, PEOPLE_LIMIT + 1);
    // Roles in agencies the viewer does not manage are not theirs to read.
    const people = found.slice(0, PEOPLE_LIMIT).map((p) => ({ ...p, roles: scope === 'all' ? p.roles : p.roles.filter((r) => r.agencyId !== null && scope.includes(r.agencyId)) }));
    return renderPage(c, '人员', <PeoplePage people={people} search={search} truncated={found.length > PEOPLE_LIMIT} limit={PEOPLE_LIMIT} />);
  });

  const newPersonPage = async (c: Context<AppEnv>, form: FormState, checked: readonly string[] = [], status: 200 | 400 | 409 | 422 = 200) => {
    const agency = await store.getAgency(db, idParam(c));
    if (!agency) throw notFound();
    if (agency.closedAt) throw new ConflictError('accounts.agency_closed', `“${agency.name}”已撤销，不能再添加人员。`);
    return renderPage(c, '添加人员', (
      <NewPersonPage agency={agency} roles={rolesToGrantIn(viewerOf(c), agency)} checked={checked} form={form}
        passwordMinLength={policy.minLength} csrfToken={c.get('csrfToken')} />
    ), { status });
  };

  app.get('/admin/agencies/:id{[0-9]+}/people/new', STAFF_OF, (c) => newPersonPage(c, EMPTY_FORM));

  app.post('/admin/agencies/:id{[0-9]+}/people/new', STAFF_OF, async (c) => {
    const form = await readForm(c);
    const roles = fields(form, 'role');
    try {
      if (roles.length === 0) throw fieldError('role', '请至少选择一个角色');
      const agencyId = idParam(c);
      const person = await createPerson(db, actingOf(c), {
        username: field(form, 'username'), name: field(form, 'name'), password: field(form, 'password'),
        roles: roles.map((role) => ({ role: role as Role, agencyId })),
      }, policy);
      return c.redirect(`/admin/people/${person.id}?notice=created`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'username');
      if (!refused) throw error;
      return newPersonPage(c, { values: formValues(form), errors: refused.errors }, roles, refused.status);
    }
  });

  const personPage = async (c: Context<AppEnv>, forms: { grant?: FormState; password?: FormState } = {}, status: 200 | 400 | 409 | 422 = 200) => {
    const viewer = viewerOf(c);
    const id = idParam(c);
    const [person, held] = await Promise.all([store.getPerson(db, id), personWithRoles(db, id)]);
    if (!person || !held) throw notFound();
    const self = viewer.personId === id;
    const sysAdmin = isSysAdmin(viewer);
    const shown = held.roles.filter((r) => sysAdmin || (r.agencyId !== null && can(viewer.grants, 'agency.staff', r.agencyId)));
    const scope = agenciesWhere(viewer.grants, 'agency.staff');
    const grantAgencies = await store.listAgencies(db, { ids: scope === 'all' ? undefined : scope });
    const grantRoles = ROLES.filter((r) => (r === 'sysAdmin' ? mayGrant(viewer.grants, r, null, false) : grantAgencies.some((a) => mayGrant(viewer.grants, r, a.id, false))));
    const manage = mayManageAccount(viewer, id, held.roles);
    return renderPage(c, person.name, (
      <PersonPage person={person} roles={shown.map((r) => ({ ...r, revocable: mayGrant(viewer.grants, r.role, r.agencyId, self) }))}
        otherRoles={held.roles.length - shown.length} self={self} grantAgencies={grantAgencies} grantRoles={grantRoles}
        mayManageAccount={manage} tokens={manage ? await store.listTokens(db, id) : []}
        grantForm={forms.grant ?? EMPTY_FORM} passwordForm={forms.password ?? EMPTY_FORM}
        passwordMinLength={policy.minLength} csrfToken={c.get('csrfToken')} />
    ), { status, notice: noticeOf(c, NOTICES) });
  };

  app.get('/admin/people/:id{[0-9]+}', PERSON, (c) => personPage(c));

  /** The role and agency of a grant or revoke form; an agency the viewer does not reach answers 404. */
  const roleOn = (c: Context<AppEnv>, form: Record<string, string | string[]>): RoleOn => {
    const role = field(form, 'role');
    if (!(ROLES as readonly string[]).includes(role)) throw fieldError('role', '请从列表中选择角色');
    if (role === 'sysAdmin') return { role, agencyId: null };
    const agencyId = agencyIdField(field(form, 'agency'), 'agency', '请从列表中选择机关');
    if (agencyId === null) throw fieldError('agency', '请选择机关');
    requireOnAgency(viewerOf(c), 'agency.staff', agencyId);
    return { role: role as Role, agencyId };
  };

  app.post('/admin/people/:id{[0-9]+}/grant', PERSON, async (c) => {
    const form = await readForm(c);
    try {
      const added = await grantRole(db, actingOf(c), idParam(c), roleOn(c, form));
      return c.redirect(`/admin/people/${idParam(c)}?notice=${added ? 'granted' : 'already-granted'}`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'role');
      if (!refused) throw error;
      return personPage(c, { grant: { values: formValues(form), errors: refused.errors } }, refused.status);
    }
  });

  app.post('/admin/people/:id{[0-9]+}/revoke', PERSON, async (c) => {
    const form = await readForm(c);
    // A refusal here (the last sysAdmin, a role not theirs to revoke) is shown on the error page.
    const removed = await revokeRole(db, actingOf(c), idParam(c), roleOn(c, form));
    return c.redirect(`/admin/people/${idParam(c)}${removed ? '?notice=revoked' : ''}`, 303);
  });

  /** Refuses an account action to someone who could not have granted all the person's roles. */
  const requireManageAccount = async (c: Context<AppEnv>): Promise<number> => {
    const viewer = viewerOf(c);
    const id = idParam(c);
    if (viewer.personId === id) throw new ForbiddenError('accounts.forbidden', '自己的账号请在“我的账号”中管理（修改密码、退出其他设备的登录）。');
    const held = await personWithRoles(db, id);
    if (!held) throw notFound();
    if (!mayManageAccount(viewer, id, held.roles)) {
      throw new ForbiddenError('accounts.forbidden', 'TA 还有您无权授予的角色（例如在其他机关，或监督员、系统管理员），只有系统管理员可以重设 TA 的密码或停用 TA 的账号。');
    }
    return id;
  };

  app.post('/admin/people/:id{[0-9]+}/password', PERSON, async (c) => {
    const form = await readForm(c);
    const id = await requireManageAccount(c);
    try {
      await setPassword(db, actingOf(c), id, { password: field(form, 'password') }, policy);
      return c.redirect(`/admin/people/${id}?notice=password`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'password');
      if (!refused) throw error;
      return personPage(c, { password: { values: {}, errors: refused.errors } }, refused.status);
    }
  });

  // One route with the choice in the form (not /disable and /enable): a bare POST changes nothing.
  app.post('/admin/people/:id{[0-9]+}/status', PERSON, async (c) => {
    const status = field(await readForm(c), 'status');
    if (status !== 'disabled' && status !== 'active') throw fieldError('status', '请选择停用或启用账号');
    const id = await requireManageAccount(c);
    await setPersonDisabled(db, actingOf(c), id, status === 'disabled');
    return c.redirect(`/admin/people/${id}?notice=${status === 'disabled' ? 'disabled' : 'enabled'}`, 303);
  });

  app.post('/admin/people/:id{[0-9]+}/tokens/revoke', PERSON, async (c) => {
    const tokenId = agencyIdField(field(await readForm(c), 'token'), 'token', '请选择要撤销的令牌');
    if (tokenId === null) throw fieldError('token', '请选择要撤销的令牌');
    const id = await requireManageAccount(c);
    await revokeApiToken(db, actingOf(c), id, tokenId);
    return c.redirect(`/admin/people/${id}?notice=token-revoked`, 303);
  });

  return app;
}
