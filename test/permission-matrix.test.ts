/**
 * The permission matrix (issue 16 §8): every route of the app, as its access declaration lists it, ×
 * every role × the role's own agency / another agency / signed out. Generated from the route table
 * (`declaredRoutes`), so a new route is covered by construction: a route whose record kind or path
 * parameter has no fixture here fails the test until one is added.
 *
 * What is asserted is what the HTTP answer must be: refused routes answer 303 to sign-in (pages) or
 * 401 (API) when signed out, 404 for an agency the person has no role in, 403 in their own agency
 * without the permission; allowed routes are never refused by the guard. A hand-written table below
 * pins the rules themselves, so the matrix is not only the guard compared with itself.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenciesWhere, can, type ReachingGrant, type Role } from '../src/platform/accounts/core/roles.ts';
import { reachingGrants } from '../src/platform/accounts/store.ts';
import type { Agency, Person } from '../src/platform/accounts/store.ts';
import { sessionFor } from '../src/platform/accounts/sign-in.ts';
import { declaredRoutes, type DeclaredRoute } from '../src/platform/http/access.ts';
import type { AppEnv } from '../src/platform/http/types.ts';
import type { Services } from '../src/platform/services.ts';
import { addAgency, addPerson, OPERATOR, sessionCookie } from './support/accounts.ts';
import { createTestApp } from './support/app.ts';
import { createTestServices } from './support/services.ts';

/** A persona: one role in the own agency A (a supervisor on A's government, a sysAdmin on the deployment). */
const PERSONAS: readonly Role[] = ['handler', 'reviewer', 'head', 'agencyAdmin', 'supervisor', 'sysAdmin'];

/** Values of path parameters that name no agency or record. */
const SAMPLE_PARAMS: Record<string, string> = {
  file: 'download.json',
  id: '1',
  kind: 'granted',
  appealId: '1',
  letterId: '1',
  attachmentId: '1',
  indexNo: 'GK000001/2024-00001',
  year: '2023',
  feed: '1.atom',
};

interface World {
  government: Agency;
  own: Agency;
  other: Agency;
  people: Map<Role, { person: Person; grants: ReachingGrant[]; cookie: string }>;
  /**
   * Per record kind: an id owned by the own agency, and one owned by the other agency. `ownedBy`: the
   * record is the person's own (an upload's results page), shown to its maker only.
   */
  records: Map<string, { own: string; other: string; ownedBy?: Role }>;
}

let services: Services;
let app: Hono<AppEnv>;
let world: World;

/** Records of each kind, made through the rooms' own use-cases. */
async function makeRecords(w: Omit<World, 'records'>): Promise<World['records']> {
  const records = new Map<string, { own: string; other: string; ownedBy?: Role }>();
  const { storeReportFor, uploadBy, batchBy } = await import('./support/report-records.ts');
  const ownHandler = w.people.get('handler')!.person;
  const otherHandler = await addPerson(services, 'matrix-other-handler', [['handler', w.other]]);
  records.set('report', { own: String(await storeReportFor(services, w.own, ownHandler)), other: String(await storeReportFor(services, w.other, otherHandler)) });
  records.set('upload', { own: await uploadBy(services, w.own, ownHandler), other: await uploadBy(services, w.other, otherHandler), ownedBy: 'handler' });
  records.set('reportBatch', { own: await batchBy(services, w.own, ownHandler), other: await batchBy(services, w.other, otherHandler), ownedBy: 'handler' });
  // An application of each agency, entered by the command line.
  const { createApplication } = await import('../src/applications/service.ts');
  const application = async (agency: Agency) => String((await createApplication(services, OPERATOR, {
    agencyId: agency.id, applicant: { kind: 'naturalPerson', name: '矩阵申请人', idType: 'passport', idNumber: 'E12345678', phone: '13800138000' },
    description: '矩阵测试所需的信息', provision: 'paper', delivery: 'pickup', channel: '当面',
  })).id);
  records.set('application', { own: await application(w.own), other: await application(w.other) });
  // A catalog item of each agency (a draft), by the command line.
  const { createDraft } = await import('../src/catalog/service.ts');
  const item = async (agency: Agency) => String((await createDraft(services, OPERATOR, {
    agencyId: agency.id, title: '矩阵测试的主动公开信息', docNo: null, formedOn: '2024-06-03', body: '<p>正文</p>', article20Item: null, topic: null,
  })).id);
  records.set('catalogItem', { own: await item(w.own), other: await item(w.other) });
  // A person of each agency (the staff pages act on a person through the agency where they hold a role).
  records.set('person', { own: String(ownHandler.id), other: String(otherHandler.id) });
  // A supervision record of each kind (issue 19 §4) of each agency, by the command line.
  const { insertTestRecords } = await import('../src/supervision/records-testing.ts');
  const [ownRecords, otherRecords] = [await insertTestRecords(services, w.own.id), await insertTestRecords(services, w.other.id)];
  for (const kind of Object.keys(ownRecords) as (keyof typeof ownRecords)[]) records.set(kind, { own: String(ownRecords[kind]), other: String(otherRecords[kind]) });
  return records;
}

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  const government = await addAgency(services, '矩阵县人民政府', 'government');
  const own = await addAgency(services, '矩阵县甲局', 'department', government);
  const elsewhere = await addAgency(services, '别处县人民政府', 'government');
  const other = await addAgency(services, '别处县乙局', 'department', elsewhere);
  const people = new Map<Role, { person: Person; grants: ReachingGrant[]; cookie: string }>();
  for (const role of PERSONAS) {
    const on = role === 'sysAdmin' ? null : role === 'supervisor' ? government : own;
    const person = await addPerson(services, `matrix-${role.toLowerCase()}`, [[role, on]]);
    people.set(role, { person, grants: await reachingGrants(services.db, person.id), cookie: await sessionCookie(services, person.username) });
  }
  const partial = { government, own, other, people };
  world = { ...partial, records: await makeRecords(partial) };
}, 120_000);
afterAll(async () => services.close());

/** The path with its parameters filled in: the access parameter with `target`, the others from SAMPLE_PARAMS. */
function fill(route: DeclaredRoute, target: string | undefined): string {
  const accessParam = route.access.kind === 'permission' && (route.access.agency.from === 'param' || route.access.agency.from === 'record') ? route.access.agency.param : undefined;
  return route.path.replace(/:([A-Za-z_]+)(\{[^}]*\})?/g, (_, name: string) => {
    if (name === accessParam && target !== undefined) return encodeURIComponent(target);
    const sample = SAMPLE_PARAMS[name];
    if (sample === undefined) throw new Error(`没有参数 :${name} 的样例值（${route.method} ${route.path}）：请在 SAMPLE_PARAMS 中加上`);
    return sample;
  }).replace(/\*$/, '');
}

/** The own/other target of a route for the matrix: an agency id or a record id. */
function targets(route: DeclaredRoute): { own: string; other: string; ownAgency: number; otherAgency: number; ownedBy?: Role } | undefined {
  if (route.access.kind !== 'permission') return undefined;
  const t = route.access.agency;
  if (t.from === 'param') return { own: String(world.own.id), other: String(world.other.id), ownAgency: world.own.id, otherAgency: world.other.id };
  if (t.from === 'record') {
    const fixture = world.records.get(t.resource);
    if (!fixture) throw new Error(`没有“${t.resource}”记录的样例（${route.method} ${route.path}）：请在 makeRecords 中加上`);
    return { ...fixture, ownAgency: world.own.id, otherAgency: world.other.id };
  }
  return undefined;
}

async function send(route: DeclaredRoute, path: string, cookie: string | undefined): Promise<{ status: number; code: string | undefined; location: string | null }> {
  const headers: Record<string, string> = { accept: 'application/json', origin: 'http://localhost' };
  if (cookie) headers['cookie'] = cookie;
  const init: RequestInit = { method: route.method, headers };
  if (route.method !== 'GET' && route.method !== 'HEAD') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    init.body = '';
  }
  const res = await app.request(path, init);
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code, location: res.headers.get('location') };
}

const refusedByGuard = (r: { status: number; code: string | undefined; location: string | null }) =>
  r.status === 401 || (r.status === 403 && r.code === 'auth.forbidden') || (r.status === 404 && r.code === 'http.not_found') || (r.status === 303 && (r.location ?? '').startsWith('/signin?'));

/** Makes sure a persona's session still works (a route may have ended it: sign-out everywhere). */
async function liveCookie(role: Role): Promise<string> {
  const p = world.people.get(role)!;
  const token = p.cookie.slice('gk_session='.length);
  if (!(await sessionFor(services.db, token, 3600))) p.cookie = await sessionCookie(services, p.person.username);
  return p.cookie;
}

describe('permission matrix: every route × role × own / other agency / signed out', () => {
  it('covers the app\'s routes', () => {
    const routes = declaredRoutes(app);
    expect(routes.length).toBeGreaterThan(20);
    // Every path parameter has a fixture or a sample (fails naming the route otherwise).
    for (const route of routes) {
      const t = targets(route);
      fill(route, t?.own);
    }
  });

  it('signed out: public routes answer, every other route sends to sign-in (pages) or answers 401 (API)', async () => {
    for (const route of declaredRoutes(app)) {
      const t = targets(route);
      const r = await send(route, fill(route, t?.own), undefined);
      const where = `${route.method} ${route.path}`;
      if (route.access.kind === 'public') {
        expect(refusedByGuard(r), `${where} is public`).toBe(false);
      } else if (route.path.startsWith('/api/')) {
        expect(r.status, where).toBe(401);
      } else {
        expect(r.status, where).toBe(303);
        expect(r.location, where).toMatch(/^\/signin\?next=/);
      }
    }
  }, 120_000);

  it('signed in: allowed where the role has the permission on the agency; another agency 404; own agency without the role 403', async () => {
    const failures: string[] = [];
    for (const route of declaredRoutes(app)) {
      if (route.access.kind === 'public') continue; // answered above; a public POST may end the session (sign-out)
      const t = targets(route);
      for (const role of PERSONAS) {
        const { grants } = world.people.get(role)!;
        const cases: [string, string | undefined, number | null][] = t ? [['own', t.own, t.ownAgency], ['other', t.other, t.otherAgency]] : [['-', undefined, null]];
        for (const [which, target, agencyId] of cases) {
          const r = await send(route, fill(route, target), await liveCookie(role));
          const where = `${route.method} ${route.path} as ${role} (${which})`;
          let expected: 'allowed' | 403 | 404;
          if (route.access.kind === 'signedIn') expected = 'allowed';
          else if (t?.ownedBy) expected = role === t.ownedBy && which === 'own' ? 'allowed' : 404;
          else {
            const { permission, agency } = route.access;
            if (agency.from === 'deployment') expected = can(grants, permission, null) ? 'allowed' : 403;
            else if (agency.from === 'any') {
              const scope = agenciesWhere(grants, permission);
              expected = scope === 'all' || scope.length > 0 ? 'allowed' : 403;
            } else if (can(grants, permission, agencyId)) expected = 'allowed';
            else expected = grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId!)) ? 403 : 404;
          }
          const ok = expected === 'allowed' ? !refusedByGuard(r) : r.status === expected;
          if (!ok) failures.push(`${where}: expected ${expected}, got ${r.status} ${r.code ?? ''} ${r.location ?? ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('the rules themselves (hand-written): who may reach the key pages', async () => {
    const expectations: [string, Role, number][] = [
      ['/reports', 'handler', 200], ['/reports', 'supervisor', 200], ['/reports', 'sysAdmin', 403],
      ['/admin/agencies/new', 'sysAdmin', 200], ['/admin/agencies/new', 'agencyAdmin', 403], ['/admin/agencies/new', 'handler', 403],
      [`/admin/agencies/${'OWN'}`, 'agencyAdmin', 200], [`/admin/agencies/${'OWN'}`, 'handler', 403], [`/admin/agencies/${'OTHER'}`, 'agencyAdmin', 404],
      ['/audit', 'supervisor', 200], ['/audit', 'agencyAdmin', 200], ['/audit', 'head', 403],
      ['/me', 'reviewer', 200],
      ['/catalog', 'reviewer', 200], ['/catalog', 'supervisor', 200], ['/catalog', 'sysAdmin', 403],
      ['/catalog/new', 'handler', 200], ['/catalog/new', 'reviewer', 403], ['/catalog/sensitive-words', 'sysAdmin', 200], ['/catalog/sensitive-words', 'agencyAdmin', 403],
      [`/agencies/${'OWN'}/catalog-settings`, 'agencyAdmin', 200], [`/agencies/${'OWN'}/catalog-settings`, 'head', 403],
    ];
    for (const [path, role, status] of expectations) {
      const filled = path.replace('OWN', String(world.own.id)).replace('OTHER', String(world.other.id));
      const res = await app.request(filled, { headers: { cookie: await liveCookie(role) } });
      expect(res.status, `${filled} as ${role}`).toBe(status);
    }
  });
});
