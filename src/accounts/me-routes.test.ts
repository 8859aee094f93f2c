import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, TEST_PASSWORD } from '../../test/support/accounts.ts';
import { TestBrowser } from '../../test/support/browser.ts';
import { createTestServices } from '../../test/support/services.ts';
import { totpCodeAt } from '../platform/accounts/core/totp.ts';
import { viewerForApiToken } from '../platform/accounts/sign-in.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { meRoutes } from './me-routes.tsx';
import { accountsRoom } from './room.ts';
import { signInRoutes } from './sign-in-routes.tsx';

let services: Services;
let app: Hono<AppEnv>;
let bureau: Agency;
let government: Agency;
const people: Record<string, Person> = {};

beforeAll(async () => {
  services = await createTestServices({ trustProxy: true });
  // The sign-in and /me routes on the platform's middleware (the other rooms are not needed here).
  app = createHttpApp(services, { modules: [{ routes: signInRoutes(services) }, { routes: meRoutes(services) }], nav: accountsRoom.nav ?? [] });
  government = await addAgency(services, '测试区人民政府', 'government');
  bureau = await addAgency(services, '测试区文化旅游局', 'department', government);
  people['wang'] = await addPerson(services, 'wang', [['handler', bureau], ['reviewer', bureau], ['supervisor', government]]);
  for (const name of ['li.na', 'zhao', 'sun', 'qian']) people[name] = await addPerson(services, name, [['handler', bureau]]);
});
afterAll(async () => {
  await services.close();
});

async function signedIn(username: string, password = TEST_PASSWORD): Promise<TestBrowser> {
  const b = new TestBrowser(app);
  const res = await b.post('/signin', { username, password });
  expect(res.headers.get('location')).toBe('/');
  return b;
}
const html = async (res: Response | Promise<Response>) => (await res).text();

describe('GET /me', () => {
  it('shows the name, username, each role with its agency in words, and the sessions; no internal codes', async () => {
    const b = await signedIn('wang');
    await signedIn('wang');
    const page = await html(b.get('/me'));
    expect(page).toContain('<h1>我的账号</h1>');
    expect(page).toContain('<dd>测试wang</dd>');
    expect(page).toContain('<dd>wang</dd>');
    expect(page).toContain('<li>测试区文化旅游局：经办人</li>');
    expect(page).toContain('<li>测试区文化旅游局：审核人</li>');
    expect(page).toContain('<li>测试区人民政府：监督员</li>');
    expect(page).toContain('目前在 2 处登录');
    for (const section of ['修改密码', '两步验证', 'API 令牌', '退出所有设备']) expect(page).toContain(section);
    expect(page).not.toContain('records.read');
    expect(page).not.toContain('handler');
    expect(page).not.toContain('supervisor');
  });

  it('sends a signed-out visitor to the sign-in page and back', async () => {
    const res = await new TestBrowser(app).get('/me');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fme');
  });

  it('shows only known notices, never text from the query', async () => {
    const b = await signedIn('wang');
    expect(await html(b.get('/me?notice=password-changed'))).toContain('密码已修改');
    const page = await html(b.get('/me?notice=%E4%BD%A0%E5%B7%B2%E4%B8%AD%E5%A5%96'));
    expect(page).not.toContain('你已中奖');
    expect(page).not.toContain('role="status"');
  });
});

describe('changing the password', () => {
  it('refuses a weak password naming the problem, a wrong current one, a mismatch; then ends the other sessions and keeps this one', async () => {
    const here = await signedIn('li.na');
    const there = await signedIn('li.na');

    const weak = await here.post('/me/password', { current: TEST_PASSWORD, password: 'xk7q', confirm: 'xk7q' });
    expect(weak.status).toBe(400);
    const weakPage = await weak.text();
    expect(weakPage).toContain('<a href="#new-password">密码太短：至少 10 个字符，现在是 4 个</a>');
    expect(weakPage).not.toContain('xk7q');
    const common = await html(here.post('/me/password', { current: TEST_PASSWORD, password: 'password123', confirm: 'password123' }));
    expect(common).toContain('常见密码');

    const wrong = await here.post('/me/password', { current: 'not-my-password', password: 'a quiet river at dawn', confirm: 'a quiet river at dawn' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('<a href="#current-password">当前密码不正确</a>');
    const mismatch = await here.post('/me/password', { current: TEST_PASSWORD, password: 'a quiet river at dawn', confirm: 'a quiet river at dusk' });
    expect(await mismatch.text()).toContain('<a href="#confirm-password">两次输入的新密码不一致');

    const ok = await here.post('/me/password', { current: TEST_PASSWORD, password: 'a quiet river at dawn', confirm: 'a quiet river at dawn' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/me?notice=password-changed#password');
    expect((await here.get('/me')).status).toBe(200);
    expect((await there.get('/me')).status).toBe(303);
    expect((await new TestBrowser(app).post('/signin', { username: 'li.na', password: TEST_PASSWORD })).status).toBe(401);
    await signedIn('li.na', 'a quiet river at dawn');
  });
});

describe('two-step verification (TOTP)', () => {
  it('is enabled with a confirmed code; sign-in then needs a code, refuses a reused one, and is not signed in between the steps', async () => {
    const b = await signedIn('zhao');
    const start = await b.post('/me/totp/start');
    expect(start.headers.get('location')).toBe('/me/totp');
    const page = await html(b.get('/me/totp'));
    const { rows } = await services.db.query<{ totp_secret: string; totp_enabled: boolean }>('SELECT totp_secret, totp_enabled FROM people WHERE username = $1', ['zhao']);
    const secret = rows[0]!.totp_secret;
    expect(rows[0]!.totp_enabled).toBe(false);
    expect(page).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="220" height="220" alt="[^"]+"/);
    expect(page).toContain(secret.match(/.{1,4}/g)!.join(' '));
    expect(page).toContain('autocomplete="one-time-code"');

    const wrongCode = totpCodeAt(secret, Date.now() - 10 * 60_000);
    const wrong = await b.post('/me/totp/confirm', { code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('验证码不正确');

    const now = Date.now();
    const confirmed = await b.post('/me/totp/confirm', { code: totpCodeAt(secret, now) });
    expect(confirmed.headers.get('location')).toBe('/me?notice=totp-enabled#totp');
    expect(await html(b.get('/me'))).toContain('已开启');
    const audit = await services.db.query('SELECT action FROM audit_log WHERE subject = $1 AND action LIKE $2', [`person:${people['zhao']!.id}`, 'person.totp%']);
    expect(audit.rows).toEqual([{ action: 'person.totp_enable' }]);

    const c = new TestBrowser(app);
    const password = await c.post('/signin', { username: 'zhao', password: TEST_PASSWORD, next: '/me' });
    expect(password.headers.get('location')).toBe('/signin/totp?next=%2Fme');
    expect((await c.get('/me')).status).toBe(303);
    const step = await html(c.get('/signin/totp?next=%2Fme'));
    expect(step).toContain('inputmode="numeric" autocomplete="one-time-code"');
    expect(step).toContain('<input type="hidden" name="next" value="/me"/>');

    // The code that confirmed the enrolment is spent.
    const reused = await c.post('/signin/totp', { code: totpCodeAt(secret, now), next: '/me' });
    expect(reused.status).toBe(401);
    expect(await reused.text()).toContain('这个验证码已经用过');
    const done = await c.post('/signin/totp', { code: totpCodeAt(secret, now + 30_000), next: '/me' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/me');
    expect((await c.get('/me')).status).toBe(200);
    expect((await c.get('/signin/totp')).headers.get('location')).toBe('/');
  });

  it('sends /signin/totp without a pending sign-in to the sign-in page', async () => {
    const res = await new TestBrowser(app).post('/signin/totp', { code: '123456' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin');
  });

  it('is disabled with the current password only', async () => {
    const b = await signedIn('sun');
    await b.post('/me/totp/start');
    const { rows } = await services.db.query<{ totp_secret: string }>('SELECT totp_secret FROM people WHERE username = $1', ['sun']);
    await b.post('/me/totp/confirm', { code: totpCodeAt(rows[0]!.totp_secret, Date.now()) });

    const wrong = await b.post('/me/totp/disable', { password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('<a href="#totp-password">当前密码不正确</a>');
    const ok = await b.post('/me/totp/disable', { password: TEST_PASSWORD });
    expect(ok.headers.get('location')).toBe('/me?notice=totp-disabled#totp');
    const after = await services.db.query('SELECT totp_enabled, totp_secret FROM people WHERE username = $1', ['sun']);
    expect(after.rows).toEqual([{ totp_enabled: false, totp_secret: null }]);
    const audit = await services.db.query('SELECT action FROM audit_log WHERE subject = $1 AND action LIKE $2 ORDER BY id', [`person:${people['sun']!.id}`, 'person.totp%']);
    expect(audit.rows.map((r) => r.action)).toEqual(['person.totp_enable', 'person.totp_disable']);
    expect((await new TestBrowser(app).post('/signin', { username: 'sun', password: TEST_PASSWORD })).headers.get('location')).toBe('/');
  });
});

describe('API tokens', () => {
  it('are created on /me and shown once, work as Bearer on /api/, are listed, and once revoked answer 401', async () => {
    const b = await signedIn('qian');
    const created = await b.post('/me/tokens', { label: '数据报送脚本', expiresDays: '30' });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const page = await created.text();
    expect(page).toContain('请现在复制这个令牌');
    const token = /value="(gk_[A-Za-z0-9_-]{43})"/.exec(page)?.[1];
    expect(token).toBeDefined();

    expect((await viewerForApiToken(services.db, token!))?.username).toBe('qian');
    const api = await app.request('/api/openapi.json', { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);

    const list = await html(b.get('/me'));
    expect(list).toContain('数据报送脚本');
    expect(list).toContain(`<code>${token!.slice(0, 10)}…</code>`);
    expect(list).not.toContain(token!);
    expect(list).not.toContain('未使用');

    const { rows } = await services.db.query<{ id: number }>('SELECT id FROM api_tokens WHERE person_id = $1', [people['qian']!.id]);
    // Another person cannot revoke it.
    const other = await signedIn('wang');
    expect((await other.post(`/me/tokens/${rows[0]!.id}/revoke`)).status).toBe(404);
    const revoked = await b.post(`/me/tokens/${rows[0]!.id}/revoke`);
    expect(revoked.headers.get('location')).toBe('/me?notice=token-revoked#tokens');
    expect(await viewerForApiToken(services.db, token!)).toBeUndefined();
    expect((await app.request('/api/openapi.json', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(await html(b.get('/me'))).toMatch(/已于 [^<]+ 撤销/);
  });

  it('refuses a bad number of days with a message beside the field, keeping the name typed', async () => {
    const b = await signedIn('qian');
    const res = await b.post('/me/tokens', { label: '临时', expiresDays: '0' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<a href="#token-days">有效天数应为 1–3650 之间的整数</a>');
    expect(page).toContain('value="临时"');
    expect((await b.post('/me/tokens', { expiresDays: 'abc' })).status).toBe(400);
  });
});

describe('POST /me/email', () => {
  it('saves the work e-mail reminders go to, refuses a malformed one naming the field, clears it when empty; audited', async () => {
    const b = await signedIn('wang');
    const bad = await b.post('/me/email', { email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('电子邮箱的格式不对');
    const ok = await b.post('/me/email', { email: 'Wang.Wei@example.gov.cn' });
    expect(ok.headers.get('location')).toBe('/me?notice=email-saved#email');
    expect((await services.db.query('SELECT email FROM people WHERE username = $1', ['wang'])).rows[0]).toEqual({ email: 'Wang.Wei@example.gov.cn' });
    expect(await html(b.get('/me'))).toContain('value="Wang.Wei@example.gov.cn"');
    await b.post('/me/email', { email: '' });
    expect((await services.db.query('SELECT email FROM people WHERE username = $1', ['wang'])).rows[0]).toEqual({ email: null });
    const audit = await services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.email'");
    expect(audit.rows[0]!.n).toBe(2);
  });
});
