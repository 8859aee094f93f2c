/**
 * The portal's pages in-process on the real database: a government's pages cover its departments, a
 * department's only itself; drafts, items under review and withdrawn items appear nowhere (lists,
 * 法定主动公开内容, item pages, attachments); the catalog's filters, order and keyset pages; an item's
 * page by %2F and by a plain slash, with its metadata, cleaned body, attachment (Chinese file name) and
 * related items; 指南 with the agency's contact facts; 年报 as a page and as Word.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson } from '../../test/support/accounts.ts';
import { storeReportFor } from '../../test/support/report-records.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { declaredRoutes } from '../platform/http/access.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { portalRoutes } from './routes.ts';
import { insertTestAttachment, insertTestItem, linkTestItems, setTestStatus } from './testing.ts';

let services: Services;
let app: Hono<AppEnv>;
let government: Agency;
let culture: Agency;
let finance: Agency;
const ids: Record<string, { id: number; indexNo: string }> = {};

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '门户测试县人民政府', 'government');
  culture = await addAgency(services, '门户测试县文化和旅游局', 'department', government);
  finance = await addAgency(services, '门户测试县财政局', 'department', government);
  await services.db.query(`UPDATE agencies SET address = '门户测试县人民路 1 号', phone = '0591-12345678', office_hours = '工作日 8:30-12:00，14:30-17:30' WHERE id = $1`, [culture.id]);
  const db = services.db;
  ids['policy'] = await insertTestItem(db, {
    agencyId: culture.id, title: '门户测试县非遗保护管理办法', docNo: '门文旅发〔2024〕3号', indexNo: '113501000000000001/2024-00001',
    article20Item: 'regulations', topic: '文化、广电、新闻出版', genre: '行政规范性文件', publishedOn: '2024-03-05',
    bodyHtml: '<p>第一条 为保护非物质文化遗产。</p><script>alert(1)</script><p onclick="x()">第二条</p>',
  });
  ids['reading'] = await insertTestItem(db, {
    agencyId: culture.id, title: '《门户测试县非遗保护管理办法》政策解读', genre: '政策解读', publishedOn: '2024-03-06', indexNo: '113501000000000001/2024-00002',
  });
  await linkTestItems(db, ids['reading'].id, ids['policy'].id);
  ids['budget'] = await insertTestItem(db, { agencyId: finance.id, title: '门户测试县2024年财政预算', article20Item: 'budget', publishedOn: '2024-01-20', topic: '财政、金融、审计' });
  ids['draft'] = await insertTestItem(db, { agencyId: culture.id, title: '尚未发布的草稿通知', status: 'draft', article20Item: 'regulations' });
  ids['review'] = await insertTestItem(db, { agencyId: culture.id, title: '正在审核的演出计划', status: 'secrecyCheck', article20Item: 'plans' });
  ids['withdrawn'] = await insertTestItem(db, { agencyId: culture.id, title: '已撤回的旧公告', status: 'withdrawn', article20Item: 'regulations', publishedOn: '2024-02-01' });
  await linkTestItems(db, ids['draft'].id, ids['policy'].id);
  await insertTestAttachment(db, ids['policy'].id, '附件1：非遗项目名录.pdf', new TextEncoder().encode('%PDF-1.4 test'));
  await insertTestAttachment(db, ids['withdrawn'].id, '撤回的附件.pdf', new TextEncoder().encode('%PDF-1.4 gone'));
  // 25 items of 2023 for the pages of the catalog.
  for (let i = 1; i <= 25; i++) {
    await insertTestItem(db, { agencyId: finance.id, title: `门户测试县财政局第${i}号公告`, publishedOn: `2023-05-${String(i).padStart(2, '0')}`, genre: '通知公告' });
  }
  app = createHttpApp(services, { modules: [portalRoutes(services, () => new Date('2024-07-01T04:00:00Z'))], nav: [] });
}, 60_000);
afterAll(async () => {
  await services?.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers: { accept: 'text/html', ...headers } });
  return { res, html: await res.text() };
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const HIDDEN = ['尚未发布的草稿通知', '正在审核的演出计划', '已撤回的旧公告'];
const itemHref = (key: string) => `/items/${encodeURIComponent(ids[key]!.indexNo)}`;

describe('the portal pages', () => {
  it('are public, every one of them but the texts form', () => {
    for (const r of declaredRoutes(app)) {
      if (r.path.endsWith('/texts')) expect(r.access).toMatchObject({ kind: 'permission', permission: 'agency.profile' });
      else expect(r.access, `${r.method} ${r.path}`).toEqual({ kind: 'public' });
    }
  });

  it('the start page lists the government with its departments and the newest published items, nothing unpublished', async () => {
    const { res, html } = await get('/open');
    expect(res.status).toBe(200);
    expect(html).toContain(`href="/open/${government.id}"`);
    expect(html).toContain(`href="/open/${culture.id}"`);
    expect(html).toContain('门户测试县非遗保护管理办法');
    for (const title of HIDDEN) expect(html).not.toContain(title);
  });

  it("a government's page covers its departments; a department's only itself", async () => {
    const gov = (await get(`/open/${government.id}/catalog`)).html;
    expect(gov).toContain('门户测试县非遗保护管理办法');
    expect(gov).toContain('门户测试县2024年财政预算');
    expect(text(gov)).toContain('共 28 条');
    const dept = (await get(`/open/${culture.id}/catalog`)).html;
    expect(dept).toContain('门户测试县非遗保护管理办法');
    expect(dept).not.toContain('门户测试县2024年财政预算');
    expect(text(dept)).toContain('共 2 条');
    for (const title of HIDDEN) expect(gov + dept).not.toContain(title);
  });

  it('the catalog filters by 第二十条 item, 主题, year and agency, and pages by keyset both ways', async () => {
    expect(text((await get(`/open/${government.id}/catalog?item=7`)).html)).toContain('共 1 条');
    expect((await get(`/open/${government.id}/catalog?item=7`)).html).toContain('门户测试县2024年财政预算');
    expect(text((await get(`/open/${government.id}/catalog?topic=${encodeURIComponent('文化、广电、新闻出版')}`)).html)).toContain('共 1 条');
    expect(text((await get(`/open/${government.id}/catalog?year=2023`)).html)).toContain('共 25 条');
    expect(text((await get(`/open/${government.id}/catalog?agency=${culture.id}`)).html)).toContain('共 2 条');
    // An agency outside the page's is ignored; a bad value is ignored.
    expect(text((await get(`/open/${culture.id}/catalog?agency=${finance.id}&item=99&year=abc`)).html)).toContain('共 2 条');

    const first = (await get(`/open/${finance.id}/catalog?year=2023`)).html;
    expect(first).toContain('门户测试县财政局第25号公告');
    expect(first).not.toContain('门户测试县财政局第5号公告');
    const next = /href="([^"]+)" rel="next"/.exec(first)![1]!.replace(/&amp;/g, '&');
    expect(next).toMatch(/after=2023-05-06\.\d+/);
    const second = (await get(next)).html;
    expect(second).toContain('门户测试县财政局第5号公告');
    expect(second).toContain('门户测试县财政局第1号公告');
    expect(second).not.toContain('rel="next"');
    const previous = /href="([^"]+)" rel="prev"/.exec(second)![1]!.replace(/&amp;/g, '&');
    expect((await get(previous)).html).toContain('门户测试县财政局第25号公告');

    // A cursor that is no date is ignored (the first page), never a database error.
    expect((await get(`/open/${finance.id}/catalog?year=2023&after=2023-99-99.1`)).html).toContain('门户测试县财政局第25号公告');
    const oldest = (await get(`/open/${finance.id}/catalog?year=2023&order=oldest`)).html;
    expect(oldest.indexOf('第1号公告')).toBeLessThan(oldest.indexOf('第2号公告'));
  });

  it('an item is found by its 索引号 written with %2F or with a plain slash, with its metadata and a cleaned body', async () => {
    const encoded = await get(itemHref('policy'));
    expect(encoded.res.status).toBe(200);
    const plain = await get(`/items/${ids['policy']!.indexNo}`);
    expect(plain.res.status).toBe(200);
    for (const { html } of [encoded, plain]) {
      const t = text(html);
      expect(html).toContain('<h1>门户测试县非遗保护管理办法</h1>');
      for (const [label, value] of [['索引号', '113501000000000001/2024-00001'], ['文号', '门文旅发〔2024〕3号'], ['发布日期', '2024-03-05'], ['成文日期', '2024-02-20'],
        ['主题分类', '文化、广电、新闻出版'], ['体裁', '行政规范性文件'], ['有效性', '有效'], ['公开方式', '政府网站'], ['公开范围', '面向社会']]) {
        expect(t).toContain(`${label} ${value}`);
      }
      expect(html).toContain('第一条 为保护非物质文化遗产。');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('onclick');
    }
    // The 政策解读 is related; the draft linked to it is not shown.
    expect(encoded.html).toContain(itemHref('reading'));
    expect(encoded.html).not.toContain('尚未发布的草稿通知');
    expect((await get(itemHref('reading'))).html).toContain('解读的政策文件');
  });

  it('an attachment downloads with its Chinese name; a withdrawn item’s does not', async () => {
    const res = await app.request(`${itemHref('policy')}/attachments/1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="attachment-1.pdf"; filename*=UTF-8''${encodeURIComponent('附件1：非遗项目名录.pdf')}`);
    expect(await res.text()).toBe('%PDF-1.4 test');
    expect((await app.request(`/items/${ids['policy']!.indexNo}/attachments/1`)).status).toBe(200);
    expect((await app.request(`${itemHref('policy')}/attachments/2`)).status).toBe(404);
    expect((await app.request(`${itemHref('withdrawn')}/attachments/1`)).status).toBe(404);
  });

  it('drafts, items under review and withdrawn items are 404, and nowhere on the public pages', async () => {
    for (const key of ['draft', 'review', 'withdrawn']) {
      const { res, html } = await get(itemHref(key));
      expect(res.status, key).toBe(404);
      expect(html).not.toContain(HIDDEN[['draft', 'review', 'withdrawn'].indexOf(key)]!);
    }
    for (const path of [`/open/${culture.id}`, `/open/${culture.id}/statutory`, `/open/${culture.id}/catalog`, `/open/${culture.id}/interpretations`, `/open/${government.id}`]) {
      const { html } = await get(path);
      for (const title of HIDDEN) expect(html, path).not.toContain(title);
    }
  });

  it('法定主动公开内容 lists each 第二十条 item, saying which have nothing published', async () => {
    const { html } = await get(`/open/${government.id}/statutory`);
    const t = text(html);
    expect(t).toContain('（一）行政法规、规章和规范性文件 门户测试县非遗保护管理办法');
    expect(t).toContain('（七）财政预算、决算信息 门户测试县2024年财政预算');
    expect(t).toContain('（三）国民经济和社会发展规划、专项规划、区域规划及相关政策 尚未公开此项信息。');
    expect(html).toContain(`/open/${government.id}/catalog?item=1`);
  });

  it('政策解读 lists the interpretations only', async () => {
    const { html } = await get(`/open/${government.id}/interpretations`);
    expect(html).toContain('《门户测试县非遗保护管理办法》政策解读');
    expect(html).not.toContain('门户测试县2024年财政预算');
  });

  it("指南 shows the agency's contact facts and the 条例's basics until it writes its own; 制度 its text", async () => {
    const t = text((await get(`/open/${culture.id}/guide`)).html);
    expect(t).toContain('办公地址 门户测试县人民路 1 号');
    expect(t).toContain('联系电话 0591-12345678');
    expect(t).toContain('办公时间 工作日 8:30-12:00，14:30-17:30');
    expect(t).toContain('自收到申请之日起20个工作日内予以答复');
    await services.db.query(`INSERT INTO catalog_settings (agency_id, guide_html, rules_html) VALUES ($1, '<h2>本局指南</h2><p>本局自行编写的指南。</p>', '<p>本局公开制度。</p>')`, [culture.id]);
    const guide = text((await get(`/open/${culture.id}/guide`)).html);
    expect(guide).toContain('本局自行编写的指南。');
    expect(guide).not.toContain('自收到申请之日起20个工作日内予以答复');
    expect(text((await get(`/open/${culture.id}/rules`)).html)).toContain('本局公开制度。');
  });

  it('年报: the years stored, a year as a page with focusable table regions, and as Word', async () => {
    const person = await addPerson(services, 'portal-reporter', [['handler', culture]]);
    await storeReportFor(services, culture, person);
    const year = (await services.db.query<{ year: number }>('SELECT year FROM checked_reports WHERE agency_id = $1', [culture.id])).rows[0]!.year;
    const list = (await get(`/open/${culture.id}/reports`)).html;
    expect(list).toContain(`/open/${culture.id}/reports/${year}`);
    const page = await get(`/open/${culture.id}/reports/${year}`);
    expect(page.res.status).toBe(200);
    expect(page.html).toMatch(/<div class="table-scroll" role="region" tabindex="0"/);
    expect(page.html.match(/<h1[ >]/g)).toHaveLength(1);
    const docx = await app.request(`/open/${culture.id}/reports/${year}/download.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain(encodeURIComponent(`门户测试县文化和旅游局${year}年政府信息公开工作年度报告.docx`));
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect((await app.request(`/open/${culture.id}/reports/1999`)).status).toBe(404);
    expect((await app.request(`/open/${culture.id}/reports/99999999999999`)).status).toBe(404);
    expect((await get(`/open/${finance.id}/reports`)).html).toContain('尚未在本网站发布年度报告');
  });

  it('the search page: the form alone until asked; a refused query said on the page with the form kept', async () => {
    const empty = await get('/open/search');
    expect(empty.res.status).toBe(200);
    expect(empty.html).toContain('<label for="search-q">搜索词、文号或索引号</label>');
    expect(empty.html).not.toContain('搜索结果');
    const refused = await get('/open/search?q=%E9%9D%9E%E9%81%97&page=9999');
    expect(refused.res.status).toBe(400);
    expect(text(refused.html)).toContain('页码应为 1–50 的整数');
    expect(refused.html).toContain('value="非遗"');
    const listed = await get(`/open/search?agencyId=${finance.id}&year=2024`);
    expect(text(listed.html)).toContain('找到 1 条');
    expect(listed.html).toContain('门户测试县2024年财政预算');
  });

  it('an agency that does not exist is a 404 of the portal', async () => {
    const res = await app.request('/open/999999/catalog', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('portal.not_found');
  });

  it('withdrawing an item takes it off the pages at once (a new version, a new ETag)', async () => {
    const before = await get(`/open/${culture.id}/catalog`);
    expect(before.html).toContain(itemHref('policy'));
    const etag = before.res.headers.get('etag')!;
    await setTestStatus(services.db, ids['policy']!.id, 'withdrawn');
    const after = await get(`/open/${culture.id}/catalog`, { 'if-none-match': etag });
    expect(after.res.status).toBe(200);
    expect(after.html).not.toContain(itemHref('policy'));
    expect((await app.request(itemHref('policy'))).status).toBe(404);
    await setTestStatus(services.db, ids['policy']!.id, 'published');
    expect((await app.request(itemHref('policy'))).status).toBe(200);
  });
});
