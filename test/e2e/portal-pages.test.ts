/**
 * Every portal page in a real browser (issue 18 §4, §11): at 1280 px and at 320 px, in normal text, large
 * text and high contrast, each page passes axe-core (test/support/page-checks.ts: node_modules/axe-core
 * run on the whole document) and fits a 320 px screen (nothing scrolls sideways but a table inside its own
 * focusable region); the keyboard reaches the content by the skip link; the browser logs no error but
 * the 404s asked for. Debian's Chromium through playwright-core, the real app on a test database, HTTP
 * on a random loopback port.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshSearchVector } from '../../src/catalog/store.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { insertTestAttachment, insertTestItem, linkTestItems } from '../../src/portal/testing.ts';
import { addAgency, addPerson, sessionCookie } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { axeViolations, fitsScreen } from '../support/page-checks.ts';
import { storeReportFor } from '../support/report-records.ts';
import { createTestServices } from '../support/services.ts';

/** Where the screenshots go (looked at by people, not compared). */
const SCREENSHOTS = fileURLToPath(new URL('../../.tmp/', import.meta.url));
/** Screenshots of the first screen of every page, when PORTAL_SCREENSHOTS=1. */
const SHOTS = process.env['PORTAL_SCREENSHOTS'] === '1';

describe.runIf(browserAvailable)('the portal pages in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  const consoleErrors: string[] = [];
  /** Public pages: [name, path]. */
  const pages: [string, string][] = [];
  let adminCookie = '';
  let agencyId = 0;

  beforeAll(async () => {
    services = await createTestServices();
    const city = await addAgency(services, '无障碍测试市人民政府', 'government');
    const agency = await addAgency(services, '无障碍测试市文化广电和旅游局', 'department', city);
    agencyId = agency.id;
    await addAgency(services, '无障碍测试市非物质文化遗产保护中心（一个很长很长的机构名称用于检验窄屏换行）', 'department', agency);
    await services.db.query(`UPDATE agencies SET address = '无障碍测试市解放大道 100 号文化大厦 12 层', phone = '0591-87654321', email = 'gongkai@wlj.example.gov.cn',
      office_hours = '周一至周五 8:30-12:00，14:30-17:30（法定节假日除外）', credit_code = '11350100MB1234567X' WHERE id = $1`, [agency.id]);
    const db = services.db;
    const policy = await insertTestItem(db, {
      agencyId: agency.id, title: '无障碍测试市非物质文化遗产代表性项目认定与管理办法', docNo: '无文旅规〔2024〕1号', indexNo: '11350100MB1234567X/2024-00001',
      article20Item: 'regulations', topic: '文化、广电、新闻出版', genre: '行政规范性文件', publishedOn: '2024-03-05',
      bodyHtml: '<h2>第一章 总则</h2><p>第一条 为了加强非物质文化遗产保护工作，制定本办法。</p><ul><li>传统技艺</li><li>传统音乐</li></ul>'
        + '<table><thead><tr><th scope="col">类别</th><th scope="col">项目数</th></tr></thead><tbody><tr><td>传统技艺</td><td>12</td></tr></tbody></table>'
        + '<p>详见<a href="https://www.example.gov.cn/fy">非遗网</a>。</p>',
    });
    const reading = await insertTestItem(db, { agencyId: agency.id, title: '《无障碍测试市非物质文化遗产代表性项目认定与管理办法》政策解读', genre: '政策解读', publishedOn: '2024-03-06', indexNo: '11350100MB1234567X/2024-00002' });
    await linkTestItems(db, reading.id, policy.id);
    await insertTestAttachment(db, policy.id, '附件1：无障碍测试市第一批非物质文化遗产代表性项目名录（共计四十八项，按类别排列）.pdf', new TextEncoder().encode('%PDF-1.4'));
    for (let i = 1; i <= 24; i++) {
      await insertTestItem(db, { agencyId: agency.id, title: `2023年第${i}期文化市场“双随机、一公开”执法检查情况公示`, article20Item: 'inspections', publishedOn: `2023-06-${String(i).padStart(2, '0')}`, genre: '通知公告' });
    }
    await insertTestItem(db, { agencyId: city.id, title: '无障碍测试市2024年政府工作报告', article20Item: 'plans', publishedOn: '2024-02-01' });
    for (const { id } of (await db.query<{ id: number }>('SELECT id FROM catalog_items')).rows) await refreshSearchVector(db, id);
    await services.db.query(`INSERT INTO catalog_settings (agency_id, guide_html, rules_html) VALUES ($1, $2, $3)`, [agency.id,
      '<h2>一、主动公开</h2><p>本局主动公开的政府信息通过本网站发布。</p><h2>二、依申请公开</h2><p>申请人可在线提交申请。</p>', '<h2>政府信息公开保密审查制度</h2><p>第一条 为规范保密审查……</p>']);
    const reporter = await addPerson(services, 'a11y-handler', [['handler', agency]]);
    await addPerson(services, 'a11y-admin', [['agencyAdmin', agency]]);
    adminCookie = (await sessionCookie(services, 'a11y-admin')).split('=')[1]!;
    await storeReportFor(services, agency, reporter);
    const year = (await db.query<{ year: number }>('SELECT year FROM checked_reports WHERE agency_id = $1', [agency.id])).rows[0]!.year;

    // A subscription's confirmation and unsubscription pages.
    await db.query(`INSERT INTO catalog_subscriptions (email, agency_id, article20_item, confirm_token, unsubscribe_token, request_token, site_origin)
      VALUES ('reader@example.com', $1, NULL, 'c'||repeat('a', 31), 'u'||repeat('b', 31), 'r'||repeat('c', 31), 'http://localhost'),
             ('leaver@example.com', $1, 'regulations', 'c'||repeat('d', 31), 'u'||repeat('e', 31), 'r'||repeat('f', 31), 'http://localhost')`, [agency.id]);

    const item = (indexNo: string) => `/items/${encodeURIComponent(indexNo)}`;
    pages.push(
      ['home', '/open'], ['government', `/open/${city.id}`], ['agency', `/open/${agency.id}`], ['guide', `/open/${agency.id}/guide`],
      ['guide-default', `/open/${city.id}/guide`], ['rules', `/open/${agency.id}/rules`], ['statutory', `/open/${agency.id}/statutory`],
      ['catalog', `/open/${city.id}/catalog`], ['catalog-filtered', `/open/${agency.id}/catalog?item=13&year=2023&order=oldest`],
      ['interpretations', `/open/${agency.id}/interpretations`], ['reports', `/open/${agency.id}/reports`], ['report', `/open/${agency.id}/reports/${year}`],
      ['item', item(policy.indexNo)], ['item-slash', `/items/${policy.indexNo}`], ['interpretation', item(reading.indexNo)],
      ['search', '/open/search'], ['search-results', `/open/search?q=${encodeURIComponent('非物质文化遗产')}&agencyId=${city.id}`],
      ['subscribe', `/open/${agency.id}/subscribe`], ['subscribe-sent', `/open/${agency.id}/subscribe/sent`],
      ['confirm', `/subscriptions/confirm?token=r${'c'.repeat(31)}`], ['unsubscribe', `/subscriptions/unsubscribe?token=u${'e'.repeat(31)}`],
      ['not-found', '/items/11350100MB1234567X%2F1999-00001'],
    );
    server = await startHttpServer(await createTestApp(services), { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  /** A browser context (its own cookies) with the preferences set. */
  async function context(prefs: { text?: 'large'; contrast?: 'high'; signedIn?: boolean } = {}): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const cookies = [
      ...(prefs.text ? [{ name: 'text', value: prefs.text, url: server.url }] : []),
      ...(prefs.contrast ? [{ name: 'contrast', value: prefs.contrast, url: server.url }] : []),
      ...(prefs.signedIn ? [{ name: 'gk_session', value: adminCookie, url: server.url }] : []),
    ];
    if (cookies.length > 0) await ctx.addCookies(cookies);
    return ctx;
  }

  async function open(ctx: BrowserContext): Promise<Page> {
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${page.url()}: ${m.text()}`));
    return page;
  }

  /** What scrolls sideways: the page itself, or a box that the keyboard cannot reach or that has no name. */
  async function overflow(page: Page): Promise<string[]> {
    const problems: string[] = [];
    if (!(await fitsScreen(page))) problems.push('the page is wider than the screen');
    problems.push(...await page.evaluate<string[]>(`[...document.querySelectorAll('main *')]
      .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
      .filter((e) => e.tabIndex < 0 || !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')))
      .map((e) => 'unreachable ' + e.outerHTML.slice(0, 80))`));
    return problems;
  }

  async function check(prefs: Parameters<typeof context>[0], widths: readonly number[], list: readonly [string, string][] = pages, shots?: string): Promise<string[]> {
    const problems: string[] = [];
    const ctx = await context(prefs);
    const page = await open(ctx);
    for (const width of widths) {
      await page.setViewportSize({ width, height: width < 400 ? 640 : 900 });
      for (const [name, path] of list) {
        const res = await page.goto(`${server.url}${path}`);
        const expected = name === 'not-found' ? 404 : 200;
        if (res?.status() !== expected) problems.push(`${name}: status ${res?.status()}`);
        for (const v of await axeViolations(page)) problems.push(`${name} @${width}: ${v}`);
        if (width <= 320) for (const o of await overflow(page)) problems.push(`${name} @${width}: ${o}`);
        if (shots && SHOTS) await page.screenshot({ path: `${SCREENSHOTS}portal-${shots}-${width}-${name}.png` });
      }
    }
    await ctx.close();
    return problems;
  }

  it('every page passes axe-core and fits a 320 px screen', async () => {
    expect(await check({}, [1280, 320], pages, 'normal')).toEqual([]);
  }, 300_000);

  it('in large text every page still fits 320 px and passes axe-core; the text is larger', async () => {
    expect(await check({ text: 'large' }, [320], pages, 'large')).toEqual([]);
    const ctx = await context({ text: 'large' });
    const page = await open(ctx);
    await page.goto(`${server.url}/open/${agencyId}`);
    await expect(page.evaluate('document.documentElement.className')).resolves.toBe('text-large');
    await expect(page.evaluate('parseFloat(getComputedStyle(document.documentElement).fontSize)')).resolves.toBe(20);
    await ctx.close();
  }, 300_000);

  // The colours do not change with the width: one width (the phone's) checks the contrast.
  it('in high contrast every page passes axe-core (its contrast rule included) and fits 320 px', async () => {
    expect(await check({ contrast: 'high' }, [320], pages, 'high')).toEqual([]);
  }, 300_000);

  it('the large-text and high-contrast links work without JavaScript and come back to the page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await open(ctx);
    await page.goto(`${server.url}/open/${agencyId}/catalog?item=13`);
    await page.getByRole('link', { name: '大字模式' }).click();
    await page.waitForURL(`${server.url}/open/${agencyId}/catalog?item=13`);
    await page.getByRole('link', { name: '高对比度' }).click();
    await page.waitForURL(`${server.url}/open/${agencyId}/catalog?item=13`);
    await expect(page.evaluate('document.documentElement.className')).resolves.toBe('text-large contrast-high');
    await expect(page.getByRole('link', { name: '标准配色' }).count()).resolves.toBe(1);
    await ctx.close();
  });

  it('the keyboard reaches the content first by the skip link, then the columns; the filters work without JavaScript', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await open(ctx);
    await page.goto(`${server.url}/open/${agencyId}/catalog`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('main');
    await page.getByLabel('信息类别（条例第二十条）').selectOption({ label: '（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况' });
    await page.getByLabel('排序').selectOption({ label: '发布日期从旧到新' });
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/item=13/);
    await expect(page.locator('.result-count').textContent()).resolves.toBe('共 24 条');
    await expect(page.locator('table.item-table tbody tr').first().textContent()).resolves.toContain('2023年第1期');
    await page.getByRole('link', { name: '下一页' }).click();
    await expect(page.locator('table.item-table tbody tr').count()).resolves.toBe(4);
    await ctx.close();
  });

  it('search finds an item by a word of its title and by its 索引号, the words marked, and links to its page', async () => {
    const ctx = await context();
    const page = await open(ctx);
    await page.goto(`${server.url}/open/${agencyId}`);
    await page.getByLabel(/^搜索无障碍测试市文化广电和旅游局/).fill('非遗');
    await page.getByRole('button', { name: '搜索' }).first().click();
    await page.waitForURL(/\/open\/search\?q=/);
    const first = page.locator('.search-results li').first();
    await expect(first.locator('h3').textContent()).resolves.toContain('非物质文化遗产');
    await expect(page.locator('.search-results mark').count()).resolves.toBeGreaterThan(0);
    await page.goto(`${server.url}/open/search?q=${encodeURIComponent('11350100MB1234567X/2024-00001')}`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('按索引号查到 1 条');
    await page.locator('.search-results h3 a').click();
    await expect(page.locator('h1').textContent()).resolves.toBe('无障碍测试市非物质文化遗产代表性项目认定与管理办法');
    await ctx.close();
  });

  it('prints an item without the menus, filters and search box, with the addresses of its links', async () => {
    const ctx = await context();
    const page = await open(ctx);
    await page.goto(`${server.url}/items/${encodeURIComponent('11350100MB1234567X/2024-00001')}`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.portal-aside', '.breadcrumbs', '.site-tools', '.site-nav']) {
      await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(false);
    }
    await expect(page.locator('.item-meta').isVisible()).resolves.toBe(true);
    await expect(page.evaluate(`getComputedStyle(document.querySelector('.item-body a'), '::after').content`)).resolves.toContain('https://www.example.gov.cn/fy');
    await ctx.close();
  });

  it('the staff form of the 指南/制度 texts passes axe-core and fits 320 px too', async () => {
    expect(await check({ signedIn: true }, [1280, 320], [['texts', `/open/${agencyId}/texts`], ['guide-signed-in', `/open/${agencyId}/guide`]])).toEqual([]);
  }, 120_000);

  it('logs no browser error but the 404 asked for', () => {
    expect(consoleErrors.filter((m) => !/status of 404/.test(m))).toEqual([]);
  });
});
