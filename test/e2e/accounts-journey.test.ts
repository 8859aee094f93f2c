/**
 * The accounts journey in a real browser (issue 16 §8): the administrator signs in, creates an agency
 * and a handler; the handler signs in and stores a report for its agency; another agency's handler
 * cannot find it; everyone signs out. Debian's Chromium through playwright-core, the real app on a
 * test database, HTTP on a random loopback port.
 */
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { addAgency, addPerson, TEST_PASSWORD } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { corpusPath } from '../support/corpus.ts';
import { createTestServices } from '../support/services.ts';

const SEED = corpusPath('seed-taiping-wenlv-2023.txt');
const NEW_AGENCY = '旅程市文化旅游和广播电视局';
const HANDLER_PASSWORD = 'spring-river-lantern-42';

describe.runIf(browserAvailable)('accounts in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  const consoleErrors: string[] = [];
  let reportUrl = '';

  beforeAll(async () => {
    services = await createTestServices();
    const city = await addAgency(services, '旅程市人民政府', 'government');
    await addPerson(services, 'journey-admin', [['sysAdmin', null]]);
    await addPerson(services, 'journey-other', [['handler', await addAgency(services, '旅程市另一局', 'department', city)]]);
    server = await startHttpServer(await createTestApp(services), { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  /** A fresh browser (its own cookies), watching for script and CSP errors. */
  async function freshPage(width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    return page;
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: '工作人员登录' }).click();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/`);
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${server.url}/?notice=signed-out`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('您已退出登录');
    await expect(page.getByRole('link', { name: '工作人员登录' }).count()).resolves.toBe(1);
  }

  it('the administrator creates an agency and its handler', async () => {
    const page = await freshPage();
    await signIn(page, 'journey-admin', TEST_PASSWORD);
    await page.getByRole('link', { name: '机关和人员' }).click();
    await page.getByRole('link', { name: '新建机关' }).click();
    await page.getByLabel('机关名称').fill(NEW_AGENCY);
    await page.getByLabel('部门、派出机构、乡镇街道等').check();
    await page.getByLabel('上级机关').selectOption({ label: '旅程市人民政府' });
    await page.getByRole('button', { name: '新建机关' }).click();
    await page.waitForURL(/\/admin\/agencies\/\d+\?notice=created$/);
    await expect(page.locator('h1').textContent()).resolves.toContain(NEW_AGENCY);

    await page.getByRole('link', { name: '添加人员' }).click();
    await page.getByLabel('姓名').fill('王经办');
    await page.getByLabel('用户名').fill('journey-handler');
    await page.getByLabel('经办人').check();
    await page.getByLabel('初始密码').fill(HANDLER_PASSWORD);
    await page.getByRole('button', { name: '添加人员' }).click();
    await page.waitForURL(/\/admin\/people\/\d+\?notice=created$/);
    await expect(page.locator('main').textContent()).resolves.toContain('经办人');
    await signOut(page);
  });

  it('the handler signs in and stores the report for its agency', async () => {
    const page = await freshPage();
    await signIn(page, 'journey-handler', HANDLER_PASSWORD);
    await expect(page.getByLabel(/保存为本机关的年度报告/).isChecked()).resolves.toBe(true);
    await page.setInputFiles('#files', SEED);
    await page.getByRole('button', { name: '开始检查' }).click();
    await page.waitForURL(/\/reports\/\d+\?notice=checked$/);
    reportUrl = page.url().replace(/\?.*$/, '');
    await expect(page.getByRole('status').textContent()).resolves.toContain('已保存为本机关的年度报告');
    await page.getByRole('link', { name: '已检查的报告' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain(NEW_AGENCY);
    await signOut(page);
    // Signed out, the report's address leads to the sign-in page, not to the report.
    await page.goto(reportUrl);
    await expect(page.url()).toContain('/signin?next=');
  });

  it('another agency\'s handler cannot find it, not in the list and not by its address', async () => {
    const page = await freshPage(320);
    await signIn(page, 'journey-other', TEST_PASSWORD);
    await page.goto(`${server.url}/reports`);
    await expect(page.locator('main').textContent()).resolves.not.toContain(NEW_AGENCY);
    const res = await page.goto(reportUrl);
    expect(res?.status()).toBe(404);
    await expect(page.locator('main').textContent()).resolves.not.toContain(NEW_AGENCY);
    // The phone layout holds on these pages too.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
    await signOut(page);
    // The 404 above is logged by the browser as a failed load; nothing else may be.
    expect(consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
