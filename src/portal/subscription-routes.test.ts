/**
 * 政策推送 on the real database: the form and its refusals (named fields); a request mails one
 * confirmation link through the outbox, and says the same whatever the address; confirming; the
 * 'catalog.published' job mails each confirmed subscriber whose categories match (agency or one above
 * it, 第二十条 item, 主题), one mail per address, never twice, none for a withdrawn item, each with its
 * one-click unsubscription link; unsubscribing one and all; at most 3 confirmation mails a day per address.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgency } from '../../test/support/accounts.ts';
import { TestBrowser } from '../../test/support/browser.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { portalJobs, PUBLISHED_JOB, pushPublishedItem } from './push.ts';
import { portalRoutes } from './routes.ts';
import { MAILS_PER_ADDRESS_PER_DAY } from './subscriptions.ts';
import { insertTestItem, setTestStatus } from './testing.ts';

let services: Services;
let app: Hono<AppEnv>;
let government: Agency;
let agency: Agency;
let other: Agency;

beforeAll(async () => {
  services = await createTestServices({ trustProxy: true });
  government = await addAgency(services, '推送测试市人民政府', 'government');
  agency = await addAgency(services, '推送测试市卫生健康委员会', 'department', government);
  other = await addAgency(services, '推送测试市交通运输局', 'department', government);
  app = createHttpApp(services, { modules: [portalRoutes(services)], nav: [] });
});
afterAll(async () => {
  await services?.close();
});
beforeEach(async () => {
  await services.db.query('DELETE FROM catalog_subscriptions');
  await services.db.query('DELETE FROM outbox');
  await services.db.query('DELETE FROM rate_limits');
});

interface Mail { to_address: string; subject: string; body_text: string }
const mails = async () => (await services.db.query<Mail>('SELECT to_address, subject, body_text FROM outbox ORDER BY id')).rows;
const linkIn = (text: string, kind: 'confirm' | 'unsubscribe') => new RegExp(`http://localhost(/subscriptions/${kind}\\?token=[A-Za-z0-9_-]{32})`).exec(text)?.[1];

async function subscribeAs(browser: TestBrowser, agencyId: number, fields: Record<string, string>, items: string[] = []): Promise<Response> {
  const csrf = await browser.csrfOf(`/open/${agencyId}/subscribe`);
  const body = new URLSearchParams({ _csrf: csrf, ...fields });
  for (const i of items) body.append('item', i);
  return app.request(`/open/${agencyId}/subscribe`, {
    method: 'POST', body,
    headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookieHeader(), 'x-forwarded-for': browser.ip },
  });
}

describe('subscribing', () => {
  it('the form lists the 第二十条 items and the 主题; a bad address or category is named and nothing is sent', async () => {
    const browser = new TestBrowser(app);
    const page = await (await browser.get(`/open/${agency.id}/subscribe`)).text();
    expect(page).toContain('（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况');
    expect(page).toContain('<label for="email">电子邮箱</label>');
    const bad = await subscribeAs(browser, agency.id, { email: 'not-an-address' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('电子邮箱：请填写一个有效的电子邮箱地址');
    expect(html).toContain('value="not-an-address"');
    expect((await subscribeAs(browser, agency.id, { email: 'a@example.com' }, ['99'])).status).toBe(400);
    expect((await subscribeAs(browser, agency.id, { email: 'a@example.com', topic: '不存在的主题' })).status).toBe(400);
    expect(await mails()).toEqual([]);
  });

  it('mails one confirmation link for the categories chosen; the same answer for an address already subscribed', async () => {
    const browser = new TestBrowser(app);
    const res = await subscribeAs(browser, agency.id, { email: 'Wang.Fang@Example.com' }, ['11', '13']);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/open/${agency.id}/subscribe/sent`);
    const [mail, ...more] = await mails();
    expect(more).toEqual([]);
    expect(mail!.to_address).toBe('wang.fang@example.com');
    expect(mail!.subject).toBe('请确认订阅推送测试市卫生健康委员会的政府信息');
    expect(mail!.body_text).toContain('（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况、（十三）');
    const confirm = linkIn(mail!.body_text, 'confirm')!;
    expect(linkIn(mail!.body_text, 'unsubscribe')).toBeDefined();
    expect((await services.db.query('SELECT count(*)::int AS n FROM catalog_subscriptions WHERE confirmed_at IS NULL')).rows[0]).toEqual({ n: 2 });

    const confirmed = await browser.get(confirm);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('订阅成功');
    expect((await services.db.query('SELECT count(*)::int AS n FROM catalog_subscriptions WHERE confirmed_at IS NOT NULL')).rows[0]).toEqual({ n: 2 });
    // Twice is fine.
    expect((await browser.get(confirm)).status).toBe(200);

    // Again, for the same categories: the same answer, no mail (nothing reveals the subscription).
    const again = await subscribeAs(browser, agency.id, { email: 'wang.fang@example.com' }, ['11', '13']);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(res.headers.get('location'));
    expect(await mails()).toHaveLength(1);
    expect(await (await browser.get(`/open/${agency.id}/subscribe/sent`)).text()).toContain('如果这个邮箱可以接收邮件');
  });

  it('a confirmation link that is unknown or too old does nothing', async () => {
    const browser = new TestBrowser(app);
    expect((await browser.get('/subscriptions/confirm?token=' + 'x'.repeat(32))).status).toBe(404);
    expect((await browser.get('/subscriptions/confirm?token=short')).status).toBe(404);
    await subscribeAs(browser, agency.id, { email: 'old@example.com' });
    await services.db.query("UPDATE catalog_subscriptions SET created_at = now() - interval '8 days'");
    expect((await browser.get(linkIn((await mails())[0]!.body_text, 'confirm')!)).status).toBe(404);
    expect((await services.db.query('SELECT count(*)::int AS n FROM catalog_subscriptions WHERE confirmed_at IS NOT NULL')).rows[0]).toEqual({ n: 0 });
  });

  it(`sends at most ${MAILS_PER_ADDRESS_PER_DAY} confirmation mails a day to one address, answering the same`, async () => {
    const browser = new TestBrowser(app);
    for (let i = 1; i <= MAILS_PER_ADDRESS_PER_DAY + 2; i++) {
      const res = await subscribeAs(browser, agency.id, { email: 'target@example.com' }, [String(i)]);
      expect(res.status).toBe(303);
    }
    expect(await mails()).toHaveLength(MAILS_PER_ADDRESS_PER_DAY);
  });

  it('limits the posts of one client address per hour (429)', async () => {
    const browser = new TestBrowser(app);
    const limit = services.config.publicPostsPerHour;
    let last = 0;
    for (let i = 0; i <= limit; i++) last = (await subscribeAs(browser, agency.id, { email: `p${i}@example.com` })).status;
    expect(last).toBe(429);
  });
});

describe('the mails of a published item', () => {
  async function confirmed(email: string, agencyId: number, items: string[] = [], topic = ''): Promise<void> {
    const browser = new TestBrowser(app);
    await subscribeAs(browser, agencyId, { email, topic }, items);
    const mail = (await mails()).filter((m) => m.to_address === email).at(-1)!;
    expect((await browser.get(linkIn(mail.body_text, 'confirm')!)).status).toBe(200);
    await services.db.query('DELETE FROM outbox');
  }

  it('go to each matching confirmed subscriber once, with the item’s link and the one-click link', async () => {
    await confirmed('all@example.com', agency.id);
    await confirmed('health@example.com', agency.id, ['11']);
    await confirmed('gov@example.com', government.id, ['11'], '卫生、体育');
    await confirmed('double@example.com', agency.id, ['11']);
    await confirmed('double@example.com', government.id);
    await confirmed('roads@example.com', other.id);
    await confirmed('plans@example.com', agency.id, ['3']);
    const browser = new TestBrowser(app);
    await subscribeAs(browser, agency.id, { email: 'unconfirmed@example.com' });
    await services.db.query('DELETE FROM outbox');

    const item = await insertTestItem(services.db, {
      agencyId: agency.id, title: '推送测试市基本公共卫生服务项目实施方案', article20Item: 'livelihood', topic: '卫生、体育', docNo: '推卫发〔2024〕2号',
    });
    expect(await pushPublishedItem(services, item.id)).toBe(4);
    const sent = await mails();
    expect(sent.map((m) => m.to_address).sort()).toEqual(['all@example.com', 'double@example.com', 'gov@example.com', 'health@example.com']);
    const mail = sent.find((m) => m.to_address === 'health@example.com')!;
    expect(mail.subject).toBe('【政策推送】推送测试市卫生健康委员会：推送测试市基本公共卫生服务项目实施方案');
    expect(mail.body_text).toContain(`查看全文：http://localhost/items/${encodeURIComponent(item.indexNo)}`);
    expect(mail.body_text).toContain('文号：推卫发〔2024〕2号');
    const unsubscribe = linkIn(mail.body_text, 'unsubscribe')!;

    // The job run again (a retry): nobody mailed twice.
    await portalJobs()[PUBLISHED_JOB]!({ itemId: item.id }, services, { id: 1, kind: PUBLISHED_JOB, attempt: 2, maxAttempts: 5, lastAttempt: false });
    expect(await mails()).toHaveLength(4);

    // One click ends that subscription; the next item does not reach the address.
    const page = await new TestBrowser(app).get(unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('已退订');
    await services.db.query('DELETE FROM outbox');
    const next = await insertTestItem(services.db, { agencyId: agency.id, title: '推送测试市第二份卫生文件', article20Item: 'livelihood', topic: '卫生、体育' });
    await pushPublishedItem(services, next.id);
    expect((await mails()).map((m) => m.to_address).sort()).toEqual(['all@example.com', 'double@example.com', 'gov@example.com']);
  });

  it('a withdrawn item mails nobody; unsubscribing all ends every subscription of the address', async () => {
    await confirmed('many@example.com', agency.id);
    await confirmed('many@example.com', other.id);
    const item = await insertTestItem(services.db, { agencyId: agency.id, title: '推送测试市很快撤回的文件' });
    await setTestStatus(services.db, item.id, 'withdrawn');
    expect(await pushPublishedItem(services, item.id)).toBe(0);

    const published = await insertTestItem(services.db, { agencyId: agency.id, title: '推送测试市留下的文件' });
    await pushPublishedItem(services, published.id);
    const token = linkIn((await mails())[0]!.body_text, 'unsubscribe')!;
    const browser = new TestBrowser(app);
    const page = await (await browser.get(token)).text();
    expect(page).toContain('退订这个邮箱的全部订阅');
    const all = await browser.post('/subscriptions/unsubscribe-all', { _csrf: await browser.csrfOf(token), token: token.split('token=')[1]! });
    expect(all.status).toBe(200);
    expect(await all.text()).toContain('这个邮箱的其余 1 项订阅也已退订');
    expect((await services.db.query("SELECT count(*)::int AS n FROM catalog_subscriptions WHERE email = 'many@example.com' AND unsubscribed_at IS NULL")).rows[0]).toEqual({ n: 0 });
    expect((await new TestBrowser(app).get('/subscriptions/unsubscribe?token=' + 'y'.repeat(32))).status).toBe(404);
  });
});

describe('the site address in the mails', () => {
  it('a site open to every address mails no link built on a Host header nobody configured', async () => {
    const open = await createTestServices({ trustProxy: true, host: '0.0.0.0', publicHosts: [] });
    try {
      const openGovernment = await addAgency(open, '主机测试市人民政府', 'government');
      const openApp = createHttpApp(open, { modules: [portalRoutes(open)], nav: [] });
      const browser = new TestBrowser(openApp);
      const csrf = await browser.csrfOf(`/open/${openGovernment.id}/subscribe`);
      const res = await openApp.request(`http://evil.example/open/${openGovernment.id}/subscribe`, {
        method: 'POST', body: new URLSearchParams({ _csrf: csrf, email: 'victim@example.com' }),
        headers: { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookieHeader() },
      });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('本网站的正式地址尚未设置');
      expect((await open.db.query('SELECT count(*)::int AS n FROM outbox')).rows[0]).toEqual({ n: 0 });
    } finally {
      await open.close();
    }
  });
});
