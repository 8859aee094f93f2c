import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, OPERATOR, TEST_PASSWORD } from '../../test/support/accounts.ts';
import { TestBrowser } from '../../test/support/browser.ts';
import { createTestServices } from '../../test/support/services.ts';
import { createPerson, setPersonDisabled, tokenHash } from '../platform/accounts/service.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { meRoutes } from './me-routes.tsx';
import { accountsRoom } from './room.ts';
import { signInRoutes } from './sign-in-routes.tsx';

let services: Services;
let app: Hono<AppEnv>;

/** The sign-in and /me routes on the platform's middleware (the other rooms are not needed here). */
function accountsApp(s: Services): Hono<AppEnv> {
  return createHttpApp(s, { modules: [{ routes: signInRoutes(s) }, { routes: meRoutes(s) }], nav: accountsRoom.nav ?? [] });
}

beforeAll(async () => {
  // Behind a trusted proxy: each TestBrowser comes from its own address, and X-Forwarded-Proto says HTTPS.
  services = await createTestServices({ trustProxy: true });
  app = accountsApp(services);
  const agency = await addAgency(services, '测试局');
  for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'lock-me', 'off-user']) await addPerson(services, name, [['handler', agency]]);
  await setPersonDisabled(services.db, OPERATOR, (await addPerson(services, 'gone-user', [['handler', agency]])).id, true);
});
afterAll(async () => {
  await services.close();
});

const browser = (headers?: Record<string, string>) => new TestBrowser(app, headers);
const signInAs = (b: TestBrowser, username: string, password = TEST_PASSWORD, next?: string) =>
  b.post('/signin', { username, password, ...(next === undefined ? {} : { next }) });
const sessionOf = (b: TestBrowser) => b.cookies.get('gk_session');
const errorSummary = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0];

describe('GET /signin', () => {
  it('is a plain form: 用户名, 密码 with autocomplete hints, the way back, the form token; no internal codes', async () => {
    const res = await browser().get('/signin?next=%2Fme');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="username">用户名</label>');
    expect(html).toContain('<label for="password">密码</label>');
    expect(html).toMatch(/id="username" name="username" value="" autocomplete="username"/);
    expect(html).toMatch(/type="password" id="password" name="password" autocomplete="current-password"/);
    expect(html).toContain('<input type="hidden" name="next" value="/me"/>');
    expect(html).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{32}"/);
    expect(html).not.toContain('records.read');
    expect(html).not.toContain('handler');
  });
});

describe('POST /signin', () => {
  it('signs in: a new HttpOnly SameSite=Lax session cookie (no Secure over plain HTTP), then to `next`', async () => {
    const b = browser();
    const res = await signInAs(b, 'alice', TEST_PASSWORD, '/me');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gk_session='));
    expect(cookie).toMatch(/^gk_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await b.get('/me');
    expect(me.status).toBe(200);
    expect(await me.text()).toContain('测试alice');
  });

  it('sets Secure on the cookie when the request came over HTTPS (through a trusted proxy)', async () => {
    const b = browser({ 'x-forwarded-proto': 'https' });
    const res = await b.post('/signin', { username: 'alice', password: TEST_PASSWORD }, { origin: 'https://localhost' });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('gk_session='))).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('gives a new session id at every sign-in (session fixation): a planted or earlier id is not the one after, and the earlier one ends', async () => {
    const b = browser();
    const planted = 'A'.repeat(43);
    b.cookies.set('gk_session', planted);
    await signInAs(b, 'bob');
    const first = sessionOf(b)!;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(planted);

    await signInAs(b, 'bob');
    const second = sessionOf(b)!;
    expect(second).not.toBe(first);
    const { rows } = await services.db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [tokenHash(first)]);
    expect(rows).toHaveLength(0);
    const old = await app.request('/me', { headers: { cookie: `gk_session=${first}` } });
    expect(old.status).toBe(303);
  });

  it('answers an unknown name, a wrong password and a disabled account with the same status and message', async () => {
    const answers = await Promise.all([['nobody-here', TEST_PASSWORD], ['alice', 'wrong-password-123'], ['gone-user', TEST_PASSWORD]].map(async ([username, password]) => {
      const res = await signInAs(browser(), username!, password!);
      const html = await res.text();
      expect(html).not.toContain(password!);
      expect(html).toContain(`value="${username}"`);
      return { status: res.status, summary: errorSummary(html), cookie: res.headers.getSetCookie().some((c) => c.startsWith('gk_session=')) };
    }));
    expect(answers[0]).toEqual({ status: 401, summary: expect.stringContaining('用户名或密码不正确'), cookie: false });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('asks for both fields when one is empty (400, each linked to its field)', async () => {
    const res = await signInAs(browser(), '', '');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<a href="#username">请填写用户名</a>');
    expect(html).toContain('<a href="#password">请填写密码</a>');
  });

  it('locks a name out after 5 failures (429), the right password included, and an unknown name the same way', async () => {
    for (const username of ['lock-me', 'ghost-user']) {
      for (let i = 0; i < 5; i++) expect((await signInAs(browser(), username, `wrong-password-${i}`)).status).toBe(401);
      const locked = await signInAs(browser(), username, TEST_PASSWORD);
      expect(locked.status).toBe(429);
      expect(await locked.text()).toContain('登录失败次数过多，请 1 分钟后再试');
      expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    }
  });

  it('follows `next` only within the site (no open redirect)', async () => {
    for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await signInAs(browser(), 'carol', TEST_PASSWORD, next);
      expect(res.headers.get('location')).toBe('/');
    }
    expect(await (await browser().get('/signin?next=%2F%2Fevil.example')).text()).toContain('<input type="hidden" name="next" value="/"/>');
    expect((await signInAs(browser(), 'carol', TEST_PASSWORD, '/me?x=1')).headers.get('location')).toBe('/me?x=1');
  });

  it('refuses a demo account on a server not bound to loopback (403), and signs it in on loopback', async () => {
    await createPerson(services.db, OPERATOR, { username: 'demo-handler', name: '演示经办人', password: TEST_PASSWORD, roles: [], demo: true }, { minLength: 10, forbidUsername: true, forbidCommon: true });
    const remote = accountsApp({ ...services, config: { ...services.config, host: '0.0.0.0' } });
    const res = await signInAs(new TestBrowser(remote), 'demo-handler');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('演示账号只能在本机试用时登录');
    expect((await signInAs(browser(), 'demo-handler')).status).toBe(303);
  });
});

describe('sessions end', () => {
  it('after 31 minutes idle (the default 30)', async () => {
    const b = browser();
    await signInAs(b, 'dave');
    expect((await b.get('/me')).status).toBe(200);
    await services.db.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1", [tokenHash(sessionOf(b)!)]);
    const res = await b.get('/me');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fme');
    expect(sessionOf(b)).toBeUndefined();
  });

  it('at the end of their absolute lifetime, however recently used', async () => {
    const b = browser();
    await signInAs(b, 'dave');
    await services.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [tokenHash(sessionOf(b)!)]);
    expect((await b.get('/me')).status).toBe(303);
  });

  it('at sign-out: the old cookie no longer works', async () => {
    const b = browser();
    await signInAs(b, 'erin');
    const cookie = b.cookieHeader();
    const res = await b.post('/signout');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?notice=signed-out');
    expect(sessionOf(b)).toBeUndefined();
    expect((await app.request('/me', { headers: { cookie } })).status).toBe(303);
  });

  it('a signed-out visitor posting sign-out just lands on the home page', async () => {
    const res = await browser().post('/signout');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('sign-out everywhere ends the person\'s other sessions too', async () => {
    const [here, there, other] = [browser(), browser(), browser()];
    await signInAs(here, 'frank');
    await signInAs(there, 'frank');
    await signInAs(other, 'grace');
    const res = await here.post('/signout/everywhere');
    expect(res.headers.get('location')).toBe('/?notice=signed-out-everywhere');
    expect((await here.get('/me')).status).toBe(303);
    expect((await there.get('/me')).status).toBe(303);
    expect((await other.get('/me')).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a post without Origin and without the form token (403), and accepts it with the token', async () => {
    const b = browser();
    await signInAs(b, 'off-user');
    const refused = await b.post('/signout', {}, {});
    expect(refused.status).toBe(403);
    expect((await b.get('/me')).status).toBe(200);
    const token = await b.csrfOf('/me');
    const accepted = await b.post('/signout', { _csrf: token }, {});
    expect(accepted.status).toBe(303);
    expect((await b.get('/me')).status).toBe(303);
  });

  it('protects the sign-in form too (the anonymous form token)', async () => {
    const b = browser();
    const token = await b.csrfOf('/signin');
    expect((await b.post('/signin', { username: 'alice', password: TEST_PASSWORD }, {})).status).toBe(403);
    expect((await b.post('/signin', { username: 'alice', password: TEST_PASSWORD, _csrf: token }, {})).status).toBe(303);
  });
});
