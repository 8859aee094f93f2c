/**
 * The catalog's statistics pages in a real browser: 主动公开期限, 主动公开统计 (表二), 填报表二数字 and
 * 法定主动公开内容覆盖情况, for a 经办人 and for a supervisor over two agencies, on a 320 px phone in
 * normal and large text: no page wider than its screen (wide tables scroll inside their own region),
 * no axe-core violation, no browser error. Debian's Chromium through playwright-core.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestItem } from '../../src/catalog/table2-testing.ts';
import { statisticsRoutes } from '../../src/catalog/statistics-routes.tsx';
import { createHttpApp } from '../../src/platform/http/app.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { addAgency, addPerson, sessionCookie } from '../support/accounts.ts';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { axeViolations, fitsScreen, phonePageAs } from '../support/page-checks.ts';
import { createTestServices } from '../support/services.ts';

describe.runIf(browserAvailable)('catalog statistics pages in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  const consoleErrors: string[] = [];
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    services = await createTestServices();
    const county = await addAgency(services, '浏览器测试县人民政府', 'government');
    const culture = await addAgency(services, '浏览器测试县文化旅游和广播电视局', 'department', county);
    const education = await addAgency(services, '浏览器测试县教育局', 'department', county);
    await addPerson(services, 'browser-stats-handler', [['handler', culture], ['agencyAdmin', culture]]);
    await addPerson(services, 'browser-stats-supervisor', [['supervisor', county]]);
    for (const who of ['handler', 'supervisor']) sessions[who] = (await sessionCookie(services, `browser-stats-${who}`)).slice('gk_session='.length);
    const year = new Date().getFullYear();
    await insertTestItem(services.db, culture.id, { title: '关于开展文化市场“双随机、一公开”执法检查的通知（一个很长的标题，用来检查窄屏上的换行）', status: 'draft', formedOn: `${year - 1}-11-01`, publishDue: `${year - 1}-11-29` });
    await insertTestItem(services.db, culture.id, { title: '机构概况', article20Item: 'organisation', formedOn: `${year}-01-05` });
    await insertTestItem(services.db, education.id, { title: '行政规范性文件', genre: '行政规范性文件', article20Item: 'regulations', formedOn: `${year}-02-03` });
    const app = createHttpApp(services, { modules: [{ routes: statisticsRoutes(services) }], nav: [] });
    server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  const pageAs = (who: string, text: 'normal' | 'large'): Promise<Page> => phonePageAs(browser, server.url, sessions[who]!, text, consoleErrors);

  async function check(page: Page, path: string): Promise<void> {
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status(), path).toBe(200);
    expect(await fitsScreen(page), `${path} is wider than the screen`).toBe(true);
    const violations = await axeViolations(page);
    expect(violations, path).toEqual([]);
  }

  const PATHS = ['/catalog/due', '/catalog/statistics', '/catalog/coverage'];

  it.each(['normal', 'large'] as const)('a 经办人 and 机关管理员 at 320 px, %s text', async (text) => {
    const page = await pageAs('handler', text);
    for (const path of [...PATHS, '/catalog/figures']) await check(page, path);
    // The figures form refuses a wrong value with its summary and field message, still fitting the screen.
    await page.goto(`${server.url}/catalog/figures`);
    await page.getByLabel('行政许可决定数').fill('七十一');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('行政许可决定数：应为不小于 0 的整数');
    expect(await fitsScreen(page)).toBe(true);
    await page.getByLabel('行政许可决定数').fill('71');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/catalog\/statistics\?/);
    await expect(page.locator('#catalog-table2-figures').textContent()).resolves.toContain('71');
    await page.context().close();
  }, 120_000);

  it.each(['normal', 'large'] as const)('a supervisor over two agencies at 320 px, %s text', async (text) => {
    const page = await pageAs('supervisor', text);
    for (const path of PATHS) await check(page, path);
    await page.goto(`${server.url}/catalog/coverage`);
    await expect(page.locator('#coverage-table tbody tr').count()).resolves.toBe(3);
    await page.context().close();
  }, 120_000);

  it('logs no browser error (but the refused form’s own 400)', () => {
    expect(consoleErrors.filter((e) => !/\/catalog\/figures: Failed to load resource: .* 400/.test(e))).toEqual([]);
  });
});
