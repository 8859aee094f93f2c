import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices } from '../test/support/services.ts';
import { createApp, startRooms } from './app.ts';
import { NotFoundError } from './platform/errors.ts';
import { PUBLIC } from './platform/http/access.ts';
import { createHttpApp } from './platform/http/app.ts';
import type { AppEnv } from './platform/http/types.ts';
import type { Room } from './platform/room.ts';
import type { Services } from './platform/services.ts';

let services: Services;
let app: Hono<AppEnv>;

beforeAll(async () => {
  services = await createTestServices();
  app = await createApp(services);
});
afterAll(async () => {
  await services.close();
});

describe('the app: platform HTTP machinery around the rooms', () => {
  it('/healthz answers ok with a database ping', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: { ok: true } });
  });

  it('sends security headers: CSP without inline scripts, no framing, nosniff, referrer policy', async () => {
    const res = await app.request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('renders the Chinese layout: lang, skip link, site name, navigation, large-text link, sign-in link, footer', async () => {
    const { addAgency, addPerson, sessionCookie } = await import('../test/support/accounts.ts');
    await addPerson(services, 'layout-handler', [['handler', await addAgency(services, '版式测试局')]]);
    const html = await (await app.request('/reports', { headers: { cookie: await sessionCookie(services, 'layout-handler') } })).text();
    expect(html).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(html).toContain('<a class="skip-link" href="#main">跳到主要内容</a>');
    expect(html).toContain('政府信息公开年度报告检查');
    expect(html).toContain('<a href="/reports" aria-current="page">已检查的报告</a>');
    expect(html).toContain('href="/prefs?text=large&amp;back=%2Freports"');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<footer');
    expect(html).toContain('<a href="/me">测试layout-handler</a>');
    // Signed out: no staff entries, a way to sign in.
    const publicPage = await (await app.request('/')).text();
    expect(publicPage).not.toContain('已检查的报告');
    expect(publicPage).toContain('<a href="/signin">工作人员登录</a>');
  });

  it('large-text mode works without JavaScript: a link sets an HttpOnly SameSite=Lax cookie and goes back', async () => {
    const res = await app.request('/prefs?text=large&back=%2Freports%3Fyear%3D2023');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/reports?year=2023');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('text=')) ?? '';
    expect(cookie).toMatch(/^text=large;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const page = await (await app.request('/', { headers: { cookie: 'text=large' } })).text();
    expect(page).toContain('<html lang="zh-CN" class="text-large">');
    expect(page).toContain('标准字号');
  });

  it('never redirects back to another site', async () => {
    for (const back of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const res = await app.request(`/prefs?text=large&back=${encodeURIComponent(back)}`);
      expect(res.headers.get('location')).toBe('/');
    }
  });

  it('answers an unknown page with a Chinese 404 page, and an unknown API path with the JSON error shape', async () => {
    const page = await app.request('/no-such-page');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('找不到页面 /no-such-page');
    const api = await app.request('/api/no-such-thing');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'http.not_found', message: expect.stringContaining('找不到页面'), details: null } });
  });

  it('maps an AppError and an unexpected error through one handler, without leaking internals', async () => {
    const routes = new Hono<AppEnv>();
    routes.get('/api/boom', PUBLIC, () => { throw new Error('secret stack detail'); });
    routes.get('/gone', PUBLIC, () => { throw new NotFoundError('thing.not_found', '找不到这个东西', { id: 7 }); });
    const custom = createHttpApp(services, { modules: [{ routes }], nav: [] });
    const boom = await custom.request('/api/boom');
    expect(boom.status).toBe(500);
    const body = await boom.text();
    expect(body).not.toContain('secret');
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'internal' } });
    const gone = await custom.request('/gone', { headers: { accept: 'application/json' } });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ error: { code: 'thing.not_found', message: '找不到这个东西', details: { id: 7 } } });
    const goneHtml = await custom.request('/gone');
    expect(await goneHtml.text()).toContain('<p>找不到这个东西</p>');
  });

  it('serves the stylesheet with a long cache lifetime', async () => {
    const res = await app.request('/assets/site.css');
    expect(res.headers.get('content-type')).toContain('text/css');
    expect(await res.text()).toContain('.skip-link');
  });

  it('/api/openapi.json is an OpenAPI 3.1 document describing the report API', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown>; securitySchemes: unknown } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/reports')).sort()).toEqual(['/api/v1/reports', '/api/v1/reports/{ref}', '/api/v1/reports/{ref}/findings']);
    expect(Object.keys(doc.paths['/api/v1/reports'] ?? {}).sort()).toEqual(['get', 'post']);
    for (const item of Object.values(doc.paths)) {
      for (const operation of Object.values(item)) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    }
    expect(doc.components).toMatchObject({ securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } });
    expect(doc.components.schemas['Error']).toMatchObject({ type: 'object', properties: { error: { type: 'object' } } });
  });

  it('a room added to the list is mounted and in the navigation; a room left out is not', async () => {
    const routes = new Hono<AppEnv>();
    routes.get('/demo', PUBLIC, (c) => c.text('演示页'));
    const demo: Room = { name: 'demo', nav: [{ href: '/demo', label: '演示' }], routes: async () => ({ routes }) };
    const only = await createApp(services, [demo]);
    expect(await (await only.request('/demo')).text()).toBe('演示页');
    expect((await only.request('/reports')).status).toBe(404);
    const page = await (await only.request('/no-such-page')).text();
    expect(page).toContain('<a href="/demo">演示</a>');
    expect(page).toContain('<a href="/api/openapi.json">接口说明（API）</a>');
    expect(page).not.toContain('已检查的报告');
  });

  it('runs each room\'s start-up work in order, with the server\'s options', async () => {
    const calls: string[] = [];
    const room = (name: string): Room => ({ name, onStart: async (_s, options) => void calls.push(`${name}:${options.demoData}`) });
    await startRooms(services, { demoData: false }, [room('a'), room('b')]);
    expect(calls).toEqual(['a:false', 'b:false']);
  });
});
