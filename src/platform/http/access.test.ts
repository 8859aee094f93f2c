import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../../test/support/accounts.ts';
import { createTestServices } from '../../../test/support/services.ts';
import type { Services } from '../services.ts';
import { access, declaredRoutes, PUBLIC, SIGNED_IN } from './access.ts';
import { createHttpApp } from './app.ts';
import type { AppEnv } from './types.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => services.close());

function moduleWith(register: (app: Hono<AppEnv>) => void) {
  const routes = new Hono<AppEnv>();
  register(routes);
  return { modules: [{ routes }], nav: [] };
}

describe('access declarations', () => {
  it('an app with a route that declares nothing does not start, and says which route', () => {
    expect(() => createHttpApp(services, moduleWith((app) => {
      app.get('/declared', PUBLIC, (c) => c.text('ok'));
      app.post('/forgotten/:id', (c) => c.text('oops'));
    }))).toThrow(/POST \/forgotten\/:id/);
  });

  it('lists every route with its declaration, the platform\'s own included', () => {
    const app = createHttpApp(services, moduleWith((app) => app.get('/mine', SIGNED_IN, (c) => c.text('ok'))));
    const routes = declaredRoutes(app);
    expect(routes).toContainEqual({ method: 'GET', path: '/mine', access: { kind: 'signedIn' } });
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /healthz', 'GET /prefs', 'GET /api/openapi.json']));
  });

  it('enforces: signed out → sign-in, another agency → 404, own agency without the role → 403, with it → 200', async () => {
    const government = await addAgency(services, '访问测试区人民政府', 'government');
    const own = await addAgency(services, '访问测试区甲局', 'department', government);
    const other = await addAgency(services, '访问测试区乙局', 'department', government);
    await addPerson(services, 'access-handler', [['handler', own]]);
    await addPerson(services, 'access-supervisor', [['supervisor', government]]);
    const app = createHttpApp(services, moduleWith((app) => {
      app.get('/agencies/:id/staff', access({ kind: 'permission', permission: 'agency.staff', agency: { from: 'param', param: 'id' } }), (c) => c.text('staff'));
      app.get('/agencies/:id/records', access({ kind: 'permission', permission: 'records.write', agency: { from: 'param', param: 'id' } }), (c) => c.text(`records of ${c.get('agencyId')}`));
      app.get('/records', access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } }), (c) => c.json(c.get('scope')));
      app.get('/api/things', access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } }), (c) => c.json([]));
    }));
    const handler = { headers: { cookie: await sessionCookie(services, 'access-handler') } };
    const supervisor = { headers: { cookie: await sessionCookie(services, 'access-supervisor') } };

    const signedOut = await app.request(`/agencies/${own.id}/records`);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(`/agencies/${own.id}/records`)}`);
    expect((await app.request('/api/things')).status).toBe(401);

    expect(await (await app.request(`/agencies/${own.id}/records`, handler)).text()).toBe(`records of ${own.id}`);
    expect((await app.request(`/agencies/${own.id}/staff`, handler)).status).toBe(403);
    expect((await app.request(`/agencies/${other.id}/records`, handler)).status).toBe(404);
    expect((await app.request(`/agencies/${other.id}/staff`, handler)).status).toBe(404);
    expect((await app.request('/agencies/999999/records', handler)).status).toBe(404);
    expect(await (await app.request('/records', handler)).json()).toEqual([own.id]);

    expect(await (await app.request('/records', supervisor)).json()).toEqual([government.id, own.id, other.id].sort((a, b) => a - b));
    expect((await app.request(`/agencies/${other.id}/records`, supervisor)).status).toBe(403); // reads, does not write
  });
});
