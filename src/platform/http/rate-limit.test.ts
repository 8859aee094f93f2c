import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../../test/support/accounts.ts';
import { createTestServices } from '../../../test/support/services.ts';
import type { Services } from '../services.ts';
import { PUBLIC } from './access.ts';
import { createHttpApp } from './app.ts';
import { rateLimited } from './rate-limit.ts';
import type { AppEnv } from './types.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices({ trustProxy: true });
});
afterAll(async () => services.close());

const hour = 3600_000;
function appAt(now: () => number) {
  const routes = new Hono<AppEnv>();
  routes.post('/form', PUBLIC, rateLimited(services.db, { action: 'form', perWindow: 2, windowSeconds: 3600, doing: '提交表单' }, true, now), (c) => c.text('ok'));
  return createHttpApp(services, { modules: [{ routes }], nav: [] });
}
const post = (app: ReturnType<typeof appAt>, address: string, headers: Record<string, string> = {}) =>
  app.request('/form', { method: 'POST', headers: { 'x-forwarded-for': address, origin: 'http://localhost', host: 'localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers }, body: '' });

describe('rate limit on public forms', () => {
  it('refuses an address over the limit with 429, when to retry, and a Chinese message; others and the next window go on', async () => {
    let now = 10 * hour + 600_000; // ten minutes into a window
    const app = appAt(() => now);
    expect((await post(app, '203.0.113.1')).status).toBe(200);
    expect((await post(app, '203.0.113.1')).status).toBe(200);
    const refused = await post(app, '203.0.113.1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3000');
    const body = (await refused.json()) as { error: { message: string } };
    expect(body.error.message).toContain('提交表单过于频繁');
    expect(body.error.message).toContain('50 分钟后再试');
    expect((await post(app, '203.0.113.2')).status).toBe(200);
    now += hour;
    expect((await post(app, '203.0.113.1')).status).toBe(200);
  });

  it('does not limit signed-in staff', async () => {
    const app = appAt(() => 20 * hour);
    const agency = await addAgency(services, '限流测试局', 'department');
    await addPerson(services, 'limit-handler', [['handler', agency]]);
    const cookie = await sessionCookie(services, 'limit-handler');
    for (let i = 0; i < 4; i++) expect((await post(app, '203.0.113.9', { cookie })).status).toBe(200);
  });
});
