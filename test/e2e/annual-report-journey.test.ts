/**
 * The annual report from records to the portal in a real browser (issue 19 §8): a 经办人 opens the
 * year's report drafted from the records, edits a sentence and submits it; the supervising office
 * sends it back with a comment at a cell of table 二; the 经办人 fixes the record behind that cell (the
 * figures of table 二), sees the number change and resubmits; the office accepts; the 负责人 publishes;
 * a reader on a 320 px phone finds it on the portal with the edited sentence. Every page is checked at
 * 320 px (no wider than the screen, no axe-core violation). Debian's Chromium through playwright-core.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/platform/accounts/store.ts';
import { todayIn } from '../../src/platform/clock.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { addAgency, addPerson, sessionCookie, TEST_PASSWORD } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { axeViolations, fitsScreen, phonePageAs, signedInPage } from '../support/page-checks.ts';
import { createTestServices } from '../support/services.ts';

const YEAR = Number(todayIn().slice(0, 4)) - 1;
const EDITED = '下一步，本局将建立政务公开工作台账，每季度自查一次并公开自查结果。';
const COMMENT = '表二行政许可决定数未填写，请补充后重新报送。';

describe.runIf(browserAvailable)('an annual report from the records to the portal', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  let bureau: Agency;
  let workspace = '';
  const errors: string[] = [];

  beforeAll(async () => {
    services = await createTestServices();
    const district = await addAgency(services, '年报区人民政府', 'government');
    bureau = await addAgency(services, '年报区文化旅游局', 'department', district);
    await addPerson(services, 'ar-handler', [['handler', bureau]]);
    await addPerson(services, 'ar-head', [['head', bureau]]);
    await addPerson(services, 'ar-supervisor', [['supervisor', district]]);
    server = await startHttpServer(await createTestApp(services), { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    workspace = `${server.url}/annual-reports/${bureau.id}/${YEAR}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  const as = (username: string) => signedInPage(browser, server.url, username, TEST_PASSWORD, 320, errors);
  async function checked(page: Page): Promise<void> {
    expect(await fitsScreen(page), `${page.url()} is wider than the screen`).toBe(true);
    expect(await axeViolations(page), page.url()).toEqual([]);
  }
  const main = (page: Page) => page.locator('main').innerText();
  async function step(page: Page, button: string): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL(/\?notice=/);
  }

  it('a 经办人 finds the drafted report, edits a sentence and submits it', async () => {
    const page = await as('ar-handler');
    await page.getByRole('link', { name: '年度报告编制' }).first().click();
    await checked(page);
    await page.getByRole('link', { name: bureau.name }).click();
    expect(page.url()).toBe(workspace);
    await expect(main(page)).resolves.toContain('尚未开始编制');
    await expect(page.locator('textarea[name="text"]').evaluateAll((all) => all.map((t) => (t as unknown as { value: string }).value).join('\n'))).resolves.toContain('本年度未收取信息处理费');
    await checked(page);
    const sentence = page.locator('form.sentence', { has: page.locator('input[name="sentenceId"][value="problems.plan"]') });
    await sentence.locator('textarea').fill(EDITED);
    await sentence.getByRole('button', { name: '保存这句' }).click();
    await page.waitForURL(/notice=sentence/);
    await expect(sentence.locator('textarea').inputValue()).resolves.toBe(EDITED);
    await expect(main(page)).resolves.toContain('已修改');
    await step(page, '报送上级审查');
    await expect(main(page)).resolves.toContain('已报送，待审查');
    await checked(page);
  });

  it('the supervising office sends it back with a comment at a cell of table 二', async () => {
    const page = await as('ar-supervisor');
    await page.goto(workspace);
    await checked(page);
    await page.getByLabel('退回意见').fill('请补充表二。');
    await page.locator('#target1').selectOption({ label: '表二 行政许可 · 本年处理决定数量' });
    await page.locator('#comment1').fill(COMMENT);
    await step(page, '退回修改');
    await expect(main(page)).resolves.toContain('已退回修改');
  });

  it('the 经办人 sees the comment at the cell, fixes the record behind it and resubmits', async () => {
    const page = await as('ar-handler');
    await page.goto(workspace);
    const text = await main(page);
    expect(text).toContain(COMMENT);
    expect(text).toContain('表二 行政许可 · 本年处理决定数量');
    await expect(page.locator('#cell-t2-licensing-decisions').innerText()).resolves.toContain('※1');
    await checked(page);
    await page.goto(`${server.url}/catalog/figures?agency=${bureau.id}&year=${YEAR}`);
    await page.getByLabel('行政许可', { exact: false }).first().fill('12');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/notice=figures/);
    await page.goto(workspace);
    await expect(page.locator('#cell-t2-licensing-decisions').innerText()).resolves.toMatch(/^12/);
    await step(page, '报送上级审查');
    await expect(main(page)).resolves.toContain('已报送，待审查');
  });

  it('the office accepts it, the 负责人 publishes it, and a reader finds it on the portal', async () => {
    const supervisor = await as('ar-supervisor');
    await supervisor.goto(workspace);
    await step(supervisor, '审查通过');
    await expect(main(supervisor)).resolves.toContain('审查通过，待发布');

    const head = await as('ar-head');
    await head.goto(workspace);
    await step(head, '负责人审批并发布');
    await expect(main(head)).resolves.toContain('已发布');
    await checked(head);

    const reader = await (await browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'zh-CN' })).newPage();
    await reader.goto(`${server.url}/open/${bureau.id}/reports`);
    await checked(reader);
    await reader.getByRole('link', { name: new RegExp(`${YEAR}`) }).first().click();
    const text = await main(reader);
    expect(text).toContain(EDITED);
    expect(text).toContain('12');
    await checked(reader);
    expect(errors).toEqual([]);
  });

  it('shows the workspace and the list in large text on a phone, without JavaScript', async () => {
    const session = (await sessionCookie(services, 'ar-handler')).slice('gk_session='.length);
    for (const url of [workspace, `${server.url}/annual-reports?year=${YEAR}`]) {
      const page = await phonePageAs(browser, server.url, session, 'large', errors, { javaScriptEnabled: false });
      await page.goto(url);
      expect(await fitsScreen(page), url).toBe(true);
      await page.context().close();
      const withScripts = await phonePageAs(browser, server.url, session, 'large', errors);
      await withScripts.goto(url);
      expect(await axeViolations(withScripts), url).toEqual([]);
    }
  });
});
