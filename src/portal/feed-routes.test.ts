/**
 * The feeds on the real database, checked by structure: the Atom document parsed as XML (htmlparser2 in
 * xmlMode) — feed id, title, self link, updated, one entry per published item newest first with id,
 * title, link, dates, category — and the JSON Feed 1.1 fields; per 第二十条 item; a government's feed
 * covering its departments; drafts and withdrawn items in neither; a 304 on revalidation.
 */
import type { Hono } from 'hono';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { xmlText } from './feeds.ts';
import { portalRoutes } from './routes.ts';
import { insertTestItem } from './testing.ts';

let services: Services;
let app: Hono<AppEnv>;
let government: Agency;
let agency: Agency;
/** An element of the parsed document. */
type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '订阅源测试市人民政府', 'government');
  agency = await addAgency(services, '订阅源测试市民政局', 'department', government);
  const db = services.db;
  await insertTestItem(db, { agencyId: agency.id, title: '关于调整城乡低保标准的通知', article20Item: 'livelihood', publishedOn: '2024-04-02', docNo: '订民发〔2024〕9号',
    bodyHtml: '<p>自 2024 年 5 月起，低保标准调整为每人每月 <strong>800 元</strong> & 以上。</p>', topic: '民政、扶贫、救灾' });
  await insertTestItem(db, { agencyId: agency.id, title: '2024年民政工作要点', article20Item: 'plans', publishedOn: '2024-03-01' });
  await insertTestItem(db, { agencyId: government.id, title: '订阅源测试市政府工作报告', article20Item: 'plans', publishedOn: '2024-02-01' });
  await insertTestItem(db, { agencyId: agency.id, title: '未发布的草稿', status: 'draft', article20Item: 'livelihood' });
  await insertTestItem(db, { agencyId: agency.id, title: '已撤回的通知', status: 'withdrawn', article20Item: 'livelihood' });
  app = createHttpApp(services, { modules: [portalRoutes(services)], nav: [] });
});
afterAll(async () => {
  await services?.close();
});

const child = (el: Element, name: string) => DomUtils.getElementsByTagName(name, el.children, false)[0];
const childText = (el: Element, name: string) => {
  const c = child(el, name);
  return c ? DomUtils.textContent(c) : undefined;
};

async function atom(path: string): Promise<{ feed: Element; entries: Element[]; res: Response }> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await res.text();
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const doc = parseDocument(xml, { xmlMode: true });
  const feed = DomUtils.findOne((e) => e.name === 'feed', doc.children)!;
  expect(feed.attribs['xmlns']).toBe('http://www.w3.org/2005/Atom');
  return { feed, entries: DomUtils.getElementsByTagName('entry', feed.children, false), res };
}

describe('Atom', () => {
  it("an agency's feed: its published items newest first, each a complete entry", async () => {
    const { feed, entries } = await atom(`/feeds/${agency.id}.atom`);
    expect(childText(feed, 'id')).toBe(`http://localhost/feeds/${agency.id}.atom`);
    expect(childText(feed, 'title')).toBe('订阅源测试市民政局政府信息公开');
    expect(Date.parse(childText(feed, 'updated')!)).not.toBeNaN();
    const links = DomUtils.getElementsByTagName('link', feed.children, false);
    expect(links.find((l) => l.attribs['rel'] === 'self')?.attribs['href']).toBe(`http://localhost/feeds/${agency.id}.atom`);
    expect(DomUtils.textContent(child(child(feed, 'author')!, 'name')!)).toBe('订阅源测试市民政局');
    expect(entries.map((e) => childText(e, 'title'))).toEqual(['关于调整城乡低保标准的通知', '2024年民政工作要点']);
    const first = entries[0]!;
    const url = childText(first, 'id')!;
    expect(url).toMatch(/^http:\/\/localhost\/items\/[^/]+%2F/);
    expect(child(first, 'link')!.attribs['href']).toBe(url);
    expect(childText(first, 'published')).toBe('2024-04-02T00:00:00+08:00');
    expect(Date.parse(childText(first, 'updated')!)).not.toBeNaN();
    expect(child(first, 'category')!.attribs['term']).toBe('11');
    expect(childText(first, 'summary')).toContain('文号：订民发〔2024〕9号');
    // The body as escaped HTML: the parser gives back the markup.
    expect(childText(first, 'content')).toContain('<strong>800 元</strong> &amp; 以上');
  });

  it('a feed of one 第二十条 item; a government’s feed covers its departments', async () => {
    const one = await atom(`/feeds/${agency.id}/11.atom`);
    expect(one.entries.map((e) => childText(e, 'title'))).toEqual(['关于调整城乡低保标准的通知']);
    expect(childText(one.feed, 'title')).toContain('（十一）');
    const gov = await atom(`/feeds/${government.id}/3.atom`);
    expect(gov.entries.map((e) => childText(e, 'title'))).toEqual(['2024年民政工作要点', '订阅源测试市政府工作报告']);
    expect((await app.request(`/feeds/${agency.id}/16.atom`)).status).toBe(404);
    expect((await app.request('/feeds/999999.atom')).status).toBe(404);
  });

  it('never carries a draft or a withdrawn item', async () => {
    const text = await (await app.request(`/feeds/${agency.id}.atom`)).text();
    expect(text).not.toContain('未发布的草稿');
    expect(text).not.toContain('已撤回的通知');
  });

  it('is revalidated: 304 on its ETag, public (no cookie varies it)', async () => {
    const { res } = await atom(`/feeds/${agency.id}.atom`);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(res.headers.get('vary') ?? '').not.toContain('Cookie');
    expect((await app.request(`/feeds/${agency.id}.atom`, { headers: { 'if-none-match': res.headers.get('etag')! } })).status).toBe(304);
  });

  it('escapes text and drops characters XML cannot hold', () => {
    expect(xmlText('a<b>&"\'\u0001c')).toBe('a&lt;b&gt;&amp;&quot;&apos;c');
  });
});

describe('the API description', () => {
  it('lists the four feeds', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['/feeds/{agencyId}.atom', '/feeds/{agencyId}.json', '/feeds/{agencyId}/{article20Item}.atom', '/feeds/{agencyId}/{article20Item}.json']) {
      expect(doc.paths[path], path).toMatchObject({ get: { responses: { 200: expect.anything(), 304: expect.anything() } } });
    }
  });
});

describe('JSON Feed', () => {
  it('has the 1.1 fields, an item per published item', async () => {
    const res = await app.request(`/feeds/${agency.id}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = (await res.json()) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1', title: '订阅源测试市民政局政府信息公开', home_page_url: `http://localhost/open/${agency.id}`,
      feed_url: `http://localhost/feeds/${agency.id}.json`, language: 'zh-CN', authors: [{ name: '订阅源测试市民政局' }],
    });
    expect(feed.items.map((i) => i['title'])).toEqual(['关于调整城乡低保标准的通知', '2024年民政工作要点']);
    const first = feed.items[0]!;
    expect(first['id']).toBe(first['url']);
    expect(first['content_html']).toContain('<strong>800 元</strong>');
    expect(first['date_published']).toBe('2024-04-02T00:00:00+08:00');
    expect(first['tags']).toEqual(['（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况', '民政、扶贫、救灾', '其他文件']);
    expect(first['_gongkai']).toMatchObject({ doc_no: '订民发〔2024〕9号', article20_item: 11, published_on: '2024-04-02' });
    const one = (await (await app.request(`/feeds/${agency.id}/3.json`)).json()) as { items: { title: string }[] };
    expect(one.items.map((i) => i.title)).toEqual(['2024年民政工作要点']);
  });
});
