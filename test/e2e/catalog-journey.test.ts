/**
 * The 主动公开 journey in a real browser (issue 18 §11): a 经办人 drafts an item and submits it; a
 * 审核人 decides 主动公开 and does the 保密审查 (the author may not); the 负责人 signs it off; a reader
 * on a 320 px phone finds it in the agency's catalog, by a two-character word and by its 文号 typed
 * with other brackets, opens its page, and finds it in the agency's Atom feed. Every page fits its
 * screen and has no axe-core violation. Debian's Chromium through playwright-core, the real app on a
 * test database, HTTP on a random loopback port.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/platform/accounts/store.ts';
import { todayIn } from '../../src/platform/clock.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { addAgency, addPerson, TEST_PASSWORD } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { axeViolations, fitsScreen } from '../support/page-checks.ts';
import { createTestServices } from '../support/services.ts';

const TITLE = '关于公布旅程区第六批区级非物质文化遗产代表性项目名录的通知';
const DOC_NO = '旅文旅发〔2026〕3号';

describe.runIf(browserAvailable)('主动公开 from draft to portal, search and feed', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  let agency: Agency;
  let itemUrl = '';
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    services = await createTestServices();
    const district = await addAgency(services, '旅程区人民政府', 'government');
    agency = await addAgency(services, '旅程区文化旅游和广播电视局', 'department', district);
    await addPerson(services, 'item-handler', [['handler', agency]]);
    await addPerson(services, 'item-reviewer', [['reviewer', agency]]);
    await addPerson(services, 'item-head', [['head', agency]]);
    server = await startHttpServer(await createTestApp(services), { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  async function freshPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${page.url()}: ${m.text()}`));
    return page;
  }

  async function checked(page: Page): Promise<void> {
    expect(await fitsScreen(page), `${page.url()} is wider than the screen`).toBe(true);
    expect(await axeViolations(page), page.url()).toEqual([]);
  }

  async function signedIn(username: string): Promise<Page> {
    const page = await freshPage(1280);
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/`);
    return page;
  }

  /** The step form headed `title` on the item page. */
  const stepForm = (page: Page, title: string): Locator => page.locator('form.step-form', { has: page.getByRole('heading', { name: title, exact: true }) });

  async function takeStep(page: Page, title: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
    await page.goto(itemUrl);
    const form = stepForm(page, title);
    await expect(form.count(), `${title} is offered`).resolves.toBe(1);
    if (fill) await fill(form);
    await form.getByRole('button', { name: title }).click();
    await page.waitForURL(/\/catalog\/items\/\d+\?notice=/);
  }

  it('a 经办人 drafts the item and submits it for review', async () => {
    const page = await signedIn('item-handler');
    await page.getByRole('link', { name: '主动公开' }).first().click();
    await page.getByRole('link', { name: '起草信息' }).click();
    await page.getByLabel('标题').fill(TITLE);
    await page.getByLabel('文号（没有可不填）').fill(DOC_NO);
    await page.getByLabel('成文日期').fill(todayIn());
    await page.getByLabel('体裁').selectOption('通知公告');
    await page.getByLabel('主题分类').selectOption('文化、广电、新闻出版');
    await page.getByLabel('条例第二十条事项').selectOption({ index: 15 });
    await page.getByLabel('正文（HTML）').fill('<p>经专家评审和社会公示，现将第六批区级非遗代表性项目名录予以公布。</p><script>alert(1)</script>');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/catalog\/items\/\d+\?notice=created/);
    itemUrl = page.url().replace(/\?.*$/, '');
    await checked(page);
    // The author is offered no review of its own draft.
    await expect(stepForm(page, '保密审查').count()).resolves.toBe(0);
    await takeStep(page, '提交审核');
  });

  it('a 审核人 decides 主动公开 and does the 保密审查', async () => {
    const page = await signedIn('item-reviewer');
    await takeStep(page, '公开属性审核', (form) => form.getByLabel('主动公开').check());
    await takeStep(page, '保密审查');
    await checked(page);
  });

  it('the 负责人 signs it off and it is published', async () => {
    const page = await signedIn('item-head');
    await takeStep(page, '签发并发布');
    await expect(page.locator('main').textContent()).resolves.toContain('已发布');
  });

  it('a reader on a phone finds it in the catalog, by a word, by its 文号 in other brackets, and in the feed', async () => {
    const page = await freshPage(320);
    await page.goto(`${server.url}/open/${agency.id}/catalog`);
    await checked(page);
    await page.getByRole('link', { name: TITLE }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(TITLE);
    await expect(page.locator('main').textContent()).resolves.toContain(DOC_NO);
    // The sanitiser kept the paragraph and dropped the script.
    await expect(page.locator('main script').count()).resolves.toBe(0);
    await checked(page);

    for (const q of ['非遗', '旅文旅发[2026]3号']) {
      await page.goto(`${server.url}/open/search?q=${encodeURIComponent(q)}`);
      await expect(page.getByRole('link', { name: TITLE }).count(), q).resolves.toBe(1);
      await checked(page);
    }

    const feed = await page.request.get(`${server.url}/feeds/${agency.id}.atom`);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain(TITLE);
    expect(consoleErrors).toEqual([]);
  });
});
