/**
 * HTTP caching of the public pages: the validators (ETag first, Last-Modified only once its second is
 * over), the page cache's bounds, and on the real database: a 304 for a current copy (If-None-Match and
 * If-Modified-Since), a new ETag after a publication (migration 0016's version), a kept rendering,
 * text size and contrast in the ETag, and signed-in staff never cached.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { lastModifiedOf, notModified, PageCache } from './http-cache.ts';
import { portalRoutes } from './routes.ts';
import { readPortalState } from './state.ts';
import { insertTestItem, setTestStatus } from './testing.ts';

describe('validators', () => {
  it('If-None-Match decides when sent (weak or strong, a list, *); else If-Modified-Since', () => {
    const etag = 'W/"abc.7.normal.normal"';
    const lm = 'Mon, 01 Jul 2024 04:00:00 GMT';
    expect(notModified({ ifNoneMatch: etag, ifModifiedSince: undefined }, etag, lm)).toBe(true);
    expect(notModified({ ifNoneMatch: '"abc.7.normal.normal"', ifModifiedSince: undefined }, etag, lm)).toBe(true);
    expect(notModified({ ifNoneMatch: 'W/"old", W/"abc.7.normal.normal"', ifModifiedSince: undefined }, etag, lm)).toBe(true);
    expect(notModified({ ifNoneMatch: '*', ifModifiedSince: undefined }, etag, lm)).toBe(true);
    // A stale tag is a 200 even with a recent date.
    expect(notModified({ ifNoneMatch: 'W/"abc.6.normal.normal"', ifModifiedSince: lm }, etag, lm)).toBe(false);
    expect(notModified({ ifNoneMatch: undefined, ifModifiedSince: lm }, etag, lm)).toBe(true);
    expect(notModified({ ifNoneMatch: undefined, ifModifiedSince: 'Mon, 01 Jul 2024 03:59:59 GMT' }, etag, lm)).toBe(false);
    expect(notModified({ ifNoneMatch: undefined, ifModifiedSince: 'not a date' }, etag, lm)).toBe(false);
    expect(notModified({ ifNoneMatch: undefined, ifModifiedSince: lm }, etag, undefined)).toBe(false);
  });

  it('Last-Modified is given only once its second is over (a later change in the same second would share it)', () => {
    const changed = new Date('2024-07-01T04:00:00.300Z');
    expect(lastModifiedOf(changed, new Date('2024-07-01T04:00:00.900Z'))).toBeUndefined();
    expect(lastModifiedOf(changed, new Date('2024-07-01T04:00:01.000Z'))).toBe('Mon, 01 Jul 2024 04:00:00 GMT');
  });

  it('the page cache keeps one version, drops the least recently used beyond its bound, refuses huge pages', () => {
    const cache = new PageCache(10, 6);
    cache.set(1, 'a', { body: 'aaaa', type: 'text/html' });
    cache.set(1, 'b', { body: 'bbbb', type: 'text/html' });
    expect(cache.get(1, 'a')?.body).toBe('aaaa');
    cache.set(1, 'c', { body: 'cccc', type: 'text/html' });
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(cache.get(1, 'a')?.body).toBe('aaaa');
    cache.set(1, 'd', { body: 'ddddddd', type: 'text/html' });
    expect(cache.get(1, 'd')).toBeUndefined();
    cache.set(2, 'e', { body: 'e', type: 'text/html' });
    expect(cache.get(1, 'a')).toBeUndefined();
    expect(cache.get(2, 'e')?.body).toBe('e');
    cache.set(1, 'late', { body: 'x', type: 'text/html' });
    expect(cache.count).toBe(1);
  });
});

describe('public pages on the database', () => {
  let services: Services;
  let app: Hono<AppEnv>;
  let agency: Agency;
  let now = new Date('2030-01-01T00:00:00Z');

  beforeAll(async () => {
    services = await createTestServices();
    const government = await addAgency(services, '缓存测试县人民政府', 'government');
    agency = await addAgency(services, '缓存测试县教育局', 'department', government);
    await addPerson(services, 'cache-admin', [['agencyAdmin', agency]]);
    await insertTestItem(services.db, { agencyId: agency.id, title: '缓存测试县招生公告' });
    app = createHttpApp(services, { modules: [portalRoutes(services, () => now)], nav: [] });
  });
  afterAll(async () => {
    await services?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

  it('answers 304 to a current ETag or date, 200 with a new ETag after a publication', async () => {
    const first = await get(`/open/${agency.id}/catalog`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+\.\d+\.normal\.normal"$/);
    expect(lastModified).toMatch(/GMT$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toContain('Cookie');

    const again = await get(`/open/${agency.id}/catalog`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get(`/open/${agency.id}/catalog`, { 'if-modified-since': lastModified })).status).toBe(304);

    const version = (await readPortalState(services.db)).version;
    const { id } = await insertTestItem(services.db, { agencyId: agency.id, title: '缓存测试县新发布的公告' });
    expect((await readPortalState(services.db)).version).toBeGreaterThan(version);
    const changed = await get(`/open/${agency.id}/catalog`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain('缓存测试县新发布的公告');
    await setTestStatus(services.db, id, 'withdrawn');
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await app.request(`/open/${agency.id}/catalog`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^W\//);
    expect(await res.text()).toBe('');
  });

  it('a draft saved does not change the version (drafts are not public)', async () => {
    const version = (await readPortalState(services.db)).version;
    const { id } = await insertTestItem(services.db, { agencyId: agency.id, title: '缓存测试县的草稿', status: 'draft' });
    await services.db.query("UPDATE catalog_items SET title = '缓存测试县的草稿（改）' WHERE id = $1", [id]);
    expect((await readPortalState(services.db)).version).toBe(version);
    await services.db.query("UPDATE agencies SET phone = '0591-1' WHERE id = $1", [agency.id]);
    expect((await readPortalState(services.db)).version).toBe(version + 1);
  });

  it('keeps a rendering per version: a second visitor gets the same page', async () => {
    const a = await (await get(`/open/${agency.id}`)).text();
    const b = await (await get(`/open/${agency.id}`)).text();
    expect(b).toBe(a);
  });

  it('a large-text or high-contrast visitor gets another ETag (the page differs)', async () => {
    const normal = (await get(`/open/${agency.id}`)).headers.get('etag');
    const large = await get(`/open/${agency.id}`, { cookie: 'text=large' });
    expect(large.headers.get('etag')).toMatch(/\.large\.normal"$/);
    expect(await large.text()).toContain('class="text-large"');
    const high = await get(`/open/${agency.id}`, { cookie: 'contrast=high' });
    expect(high.headers.get('etag')).toMatch(/\.normal\.high"$/);
    expect(await high.text()).toContain('class="contrast-high"');
    expect(new Set([normal, large.headers.get('etag'), high.headers.get('etag')]).size).toBe(3);
  });

  it('signed-in staff get their own page, never kept nor revalidated', async () => {
    const cookie = await sessionCookie(services, 'cache-admin');
    const res = await get(`/open/${agency.id}/guide`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('测试cache-admin');
    expect(html).toContain(`/open/${agency.id}/texts`);
    // The anonymous page is not the staff's.
    expect(await (await get(`/open/${agency.id}/guide`)).text()).not.toContain(`/open/${agency.id}/texts`);
  });

  it('within the second of the last change there is no Last-Modified; the ETag still revalidates', async () => {
    const state = await readPortalState(services.db);
    now = new Date(state.changedAt.getTime());
    const res = await get(`/open/${agency.id}/statutory`);
    expect(res.headers.get('last-modified')).toBeNull();
    expect((await get(`/open/${agency.id}/statutory`, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
    now = new Date('2030-01-01T00:00:00Z');
  });
});
