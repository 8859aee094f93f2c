/**
 * The catalog's staff pages in a real browser: the list, the new-item form, an item's page (with its
 * review forms, warnings and a wide table in its body), the edit page and the settings, on a 320 px phone
 * in normal and large text: no page wider than its screen, no axe-core violation, no browser error. A
 * 经办人 then drafts an item through the form without JavaScript and submits it. Debian's Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/catalog/service.ts';
import { takeStep } from '../../src/catalog/steps.ts';
import { staffCatalogRoutes } from '../../src/catalog/staff-routes.tsx';
import { createHttpApp } from '../../src/platform/http/app.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { addAgency, addPerson, OPERATOR, sessionCookie } from '../support/accounts.ts';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { axeViolations, fitsScreen, phonePageAs } from '../support/page-checks.ts';
import { createTestServices } from '../support/services.ts';

describe.runIf(browserAvailable)('catalog staff pages in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  let agencyId: number;
  let itemId: number;
  const consoleErrors: string[] = [];
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    services = await createTestServices();
    const agency = await addAgency(services, '浏览器测试县文化旅游和广播电视局（名称较长用于检查窄屏换行）');
    agencyId = agency.id;
    await addPerson(services, 'browser-catalog-handler', [['handler', agency], ['agencyAdmin', agency]]);
    await addPerson(services, 'browser-catalog-reviewer', [['reviewer', agency]]);
    for (const who of ['handler', 'reviewer']) sessions[who] = (await sessionCookie(services, `browser-catalog-${who}`)).slice('gk_session='.length);
    const wide = `<table><tr>${Array.from({ length: 12 }, (_, i) => `<th scope="col">第${i + 1}列标题较长</th>`).join('')}</tr></table>`;
    ({ id: itemId } = await createDraft(services, OPERATOR, {
      agencyId, title: '关于公布太平区第五批区级非物质文化遗产代表性项目名录的通知（一个很长的标题，用来检查窄屏上的换行）', docNo: '太文旅发〔2024〕5号',
      formedOn: '2024-06-03', body: `<p>联系电话 13800138000，内部资料。</p>${wide}`, article20Item: 15, topic: '文化、广电、新闻出版',
    }));
    await takeStep(services, OPERATOR, itemId, { type: 'submitted' });
    const app = createHttpApp(services, { modules: [{ routes: staffCatalogRoutes(services) }], nav: [{ href: '/catalog', label: '主动公开', needs: 'records.read' }] });
    server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  const pageAs = (who: string, text: 'normal' | 'large'): Promise<Page> => phonePageAs(browser, server.url, sessions[who]!, text, consoleErrors, { javaScriptEnabled: false });

  /** Loads a page and checks its width and axe-core (run in a second, scripted page of the same HTML). */
  async function check(page: Page, path: string): Promise<void> {
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status(), path).toBe(200);
    expect(await fitsScreen(page), `${path} is wider than the screen`).toBe(true);
    const scripted = await browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'zh-CN' });
    await scripted.addCookies(await page.context().cookies());
    const axePage = await scripted.newPage();
    await axePage.goto(`${server.url}${path}`);
    const violations = await axeViolations(axePage);
    await scripted.close();
    expect(violations, path).toEqual([]);
  }

  it.each(['normal', 'large'] as const)('every staff page at 320 px, %s text', async (text) => {
    const handler = await pageAs('handler', text);
    for (const path of ['/catalog', '/catalog?status=all', '/catalog/new', `/catalog/items/${itemId}`, `/agencies/${agencyId}/catalog-settings`]) await check(handler, path);
    const reviewer = await pageAs('reviewer', text);
    await check(reviewer, `/catalog/items/${itemId}`);
    expect(consoleErrors).toEqual([]);
  });

  it('a 经办人 drafts through the form without JavaScript, sees the edit page, and submits', async () => {
    const page = await pageAs('handler', 'normal');
    await page.goto(`${server.url}/catalog/new`);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('标题');
    await page.getByLabel('标题', { exact: true }).fill('2024年文化惠民演出计划');
    await page.getByLabel('成文日期').fill('2024-06-03');
    await page.getByLabel('正文（HTML）').fill('<p>全年演出 120 场。</p><script>alert(1)</script>');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('已保存为草稿');
    expect(await page.content()).not.toContain('alert(1)');
    await check(page, new URL(page.url()).pathname + '/edit');
    await page.goto(page.url().replace('/edit', ''));
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('已提交审核');
  });
});
