/**
 * The catalog's publication as the portal sees it, through the rooms' own use-cases (no SQL written by
 * hand): a 经办人 drafts, another person reviews, the 负责人 signs; the item then shows on the agency's
 * catalog page (whose ETag changes), on its page, in the search page and in both feeds; the
 * 'catalog.published' job the catalog queued is taken by the portal's worker, which mails the confirmed
 * subscriber; withdrawn, the item leaves every public page and feed. In-process HTTP, the real database.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/catalog/service.ts';
import { takeStep } from '../../src/catalog/steps.ts';
import type { Acting } from '../../src/platform/accounts/service.ts';
import { reachingGrants, type Agency } from '../../src/platform/accounts/store.ts';
import type { AppEnv } from '../../src/platform/http/types.ts';
import type { Services } from '../../src/platform/services.ts';
import { startPortalJobs } from '../../src/portal/push.ts';
import { addAgency, addPerson } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { createTestServices } from '../support/services.ts';

let services: Services;
let app: Hono<AppEnv>;
let agency: Agency;
const acting: Record<string, Acting> = {};
const clock = () => Date.parse('2024-06-28T04:00:00Z');

beforeAll(async () => {
  services = await createTestServices();
  const county = await addAgency(services, '发布测试县人民政府', 'government');
  agency = await addAgency(services, '发布测试县文化和旅游局', 'department', county);
  for (const [name, role] of [['handler', 'handler'], ['reviewer', 'reviewer'], ['head', 'head']] as const) {
    const person = await addPerson(services, `publish-${name}`, [[role, agency]]);
    acting[name] = { actor: { kind: 'person', personId: person.id, username: person.username }, grants: await reachingGrants(services.db, person.id) };
  }
  app = await createTestApp(services);
});
afterAll(async () => {
  await services?.close();
});

const html = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers });
  return { res, text: await res.text() };
};

describe('publication through review, as the public sees it', () => {
  it('appears on the catalog, its page, search and the feeds; its subscriber is mailed; withdrawn, it is gone', async () => {
    // A confirmed subscriber of the agency's 第二十条（一） items.
    await services.db.query(`INSERT INTO catalog_subscriptions (email, agency_id, article20_item, confirm_token, unsubscribe_token, request_token, site_origin, confirmed_at)
      VALUES ('follower@example.com', $1, 'regulations', 'c'||repeat('1', 31), 'u'||repeat('2', 31), 'r'||repeat('3', 31), 'https://gk.example.gov.cn', now())`, [agency.id]);
    const before = await html(`/open/${agency.id}/catalog`);
    const etag = before.res.headers.get('etag')!;

    const { id, indexNo } = await createDraft(services, acting['handler']!, {
      agencyId: agency.id, title: '发布测试县非物质文化遗产保护办法', docNo: '发文旅规〔2024〕1号', formedOn: '2024-06-20',
      body: '<p>为保护非物质文化遗产，制定本办法。</p>', article20Item: 1, topic: '文化、广电、新闻出版',
    }, clock);
    expect((await html(`/open/${agency.id}/catalog`, { 'if-none-match': etag })).res.status).toBe(304);
    await takeStep(services, acting['handler']!, id, { type: 'submitted' }, undefined, clock);
    await takeStep(services, acting['reviewer']!, id, { type: 'attributeReviewed', decision: '主动公开', reason: null }, undefined, clock);
    await takeStep(services, acting['reviewer']!, id, { type: 'secrecyChecked', reason: null, justification: null }, undefined, clock);
    // Not yet signed: nowhere public.
    expect((await app.request(`/items/${encodeURIComponent(indexNo)}`)).status).toBe(404);
    await takeStep(services, acting['head']!, id, { type: 'signed' }, undefined, clock);

    const catalog = await html(`/open/${agency.id}/catalog`, { 'if-none-match': etag });
    expect(catalog.res.status).toBe(200);
    expect(catalog.text).toContain('发布测试县非物质文化遗产保护办法');
    const page = await html(`/items/${encodeURIComponent(indexNo)}`);
    expect(page.res.status).toBe(200);
    expect(page.text).toContain('发文旅规〔2024〕1号');
    expect((await html(`/open/search?q=${encodeURIComponent('非物质文化遗产')}`)).text).toContain(`/items/${encodeURIComponent(indexNo)}`);
    expect((await html(`/feeds/${agency.id}.atom`)).text).toContain('发布测试县非物质文化遗产保护办法');
    expect((await html(`/feeds/${agency.id}/1.json`)).text).toContain('发布测试县非物质文化遗产保护办法');

    // The portal's worker takes the catalog's job and mails the subscriber.
    const worker = startPortalJobs(services, { intervalMs: 50, listen: false });
    try {
      await expect.poll(async () => (await services.db.query<{ to_address: string; body_text: string }>('SELECT to_address, body_text FROM outbox')).rows, { timeout: 10_000 })
        .toEqual([expect.objectContaining({ to_address: 'follower@example.com', body_text: expect.stringContaining(`https://gk.example.gov.cn/items/${encodeURIComponent(indexNo)}`) })]);
    } finally {
      await worker.stop();
    }
    expect((await services.db.query("SELECT state FROM jobs WHERE kind = 'catalog.published'")).rows).toEqual([{ state: 'done' }]);

    await takeStep(services, acting['head']!, id, { type: 'withdrawn', reason: '文件内容需要修改' }, undefined, clock);
    expect((await app.request(`/items/${encodeURIComponent(indexNo)}`)).status).toBe(404);
    expect((await html(`/open/${agency.id}/catalog`)).text).not.toContain('发布测试县非物质文化遗产保护办法');
    expect((await html(`/feeds/${agency.id}.atom`)).text).not.toContain('发布测试县非物质文化遗产保护办法');
    expect((await html(`/open/search?q=${encodeURIComponent('非物质文化遗产')}`)).text).not.toContain(`/items/${encodeURIComponent(indexNo)}`);
  });
});
