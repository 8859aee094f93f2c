/**
 * The 依申请公开 journey in a real browser (issue 17 §10): an applicant applies online on a 320 px
 * phone in large text; the handler confirms receipt and asks for 补正; the corrected application
 * arrives; the handler drafts a 部分公开 reply and its letter; the reviewer approves; the head signs;
 * the handler records delivery; the applicant sees 已答复 with its dates. No page is wider than its
 * viewport and the browser logs no error. Debian's Chromium through playwright-core, the real app on
 * a test database, HTTP on a random loopback port.
 */
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../src/applications/id-numbers.ts';
import { todayIn } from '../../src/applications/service.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { addAgency, addPerson, TEST_PASSWORD } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { createTestServices } from '../support/services.ts';

const AGENCY = '旅程市住房和城乡建设局';
const PHONE = '13912345678';
const ID_NUMBER = '21090219880305123' + residentIdCheckCharacter('21090219880305123');

describe.runIf(browserAvailable)('依申请公开 in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  const consoleErrors: string[] = [];
  let trackingCode = '';
  let caseUrl = '';
  const today = todayIn();
  const todayText = `${Number(today.slice(0, 4))}年${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`;

  beforeAll(async () => {
    services = await createTestServices();
    const city = await addAgency(services, '旅程市人民政府', 'government');
    const agency = await addAgency(services, AGENCY, 'department', city);
    await addPerson(services, 'journey-handler', [['handler', agency]]);
    await addPerson(services, 'journey-reviewer', [['reviewer', agency]]);
    await addPerson(services, 'journey-head', [['head', agency]]);
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
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${page.url()}: ${m.text()}`));
    return page;
  }

  /** The page fits its viewport: nothing scrolls sideways but inside a table's own region. */
  async function fits(page: Page): Promise<void> {
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), `${page.url()} is wider than the screen`).toBe(true);
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: '工作人员登录' }).click();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/`);
  }

  /** Takes the step whose form is `#step-<type>` on the case page, after `fill`. */
  async function takeStep(page: Page, type: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
    await page.goto(caseUrl);
    await fits(page);
    const form = page.locator(`#step-${type}`);
    await expect(form.count()).resolves.toBe(1);
    // The less frequent steps are folded under their name.
    const folded = page.locator(`details.step-more:has(#step-${type})`);
    if ((await folded.count()) > 0) await folded.locator('summary').click();
    if (fill) await fill(form);
    await form.getByRole('button').click();
    await page.waitForURL(new RegExp(`/applications/\\d+\\?notice=`));
    await expect(page.getByRole('status').count()).resolves.toBe(1);
  }

  it('an applicant applies online on a phone, in large text', async () => {
    const page = await freshPage(320);
    await page.goto(`${server.url}/apply`);
    await page.getByRole('link', { name: '大字模式' }).click();
    await page.waitForURL(`${server.url}/apply`);
    await fits(page);
    // Submitted half-filled first: the problems are listed and linked, what was typed is kept.
    await page.getByLabel('姓名或者名称').fill('林小雨');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('受理机关：请选择');
    await expect(page.getByLabel('姓名或者名称').inputValue()).resolves.toBe('林小雨');
    await fits(page);

    await page.getByLabel('向哪个机关申请').selectOption({ label: AGENCY });
    await page.getByLabel('自然人').check();
    await page.getByLabel('身份证明类型').selectOption({ label: '居民身份证' });
    await page.getByLabel('身份证明号码').fill(ID_NUMBER);
    await page.getByLabel('联系电话').fill(PHONE);
    await page.getByLabel('通信地址（选择邮寄时必填）').fill('旅程市新华路 8 号');
    await page.getByLabel('所需政府信息的描述').fill('2023 年旅程市老旧小区改造项目的资金使用情况');
    await page.getByLabel('纸质', { exact: true }).check();
    await page.getByLabel('邮寄', { exact: true }).check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/apply\/receipt\?code=/);
    trackingCode = (await page.locator('.tracking-code').textContent()) ?? '';
    expect(trackingCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expect(page.locator('main').textContent()).resolves.toContain('20 个工作日');
    await fits(page);
  });

  it('the handler confirms receipt and asks for 补正; the corrected application arrives; a 部分公开 reply is drafted with its letter', async () => {
    const page = await freshPage();
    await signIn(page, 'journey-handler');
    await page.goto(`${server.url}/applications`);
    await fits(page);
    await page.getByRole('link', { name: trackingCode }).click();
    await page.waitForURL(/\/applications\/\d+$/);
    caseUrl = page.url();
    await expect(page.locator('main').textContent()).resolves.toContain('待确认收到');

    await takeStep(page, 'confirm');
    await expect(page.locator('main').textContent()).resolves.toContain(`收到申请之日 ${today}`);
    await takeStep(page, 'correctionRequested', (form) => form.getByLabel('需要补正的事项').fill('请写明所需信息所属的年度和项目名称'));
    await expect(page.locator('main').textContent()).resolves.toContain('待申请人补正');
    await takeStep(page, 'corrected');
    await expect(page.locator('main').textContent()).resolves.toContain('办理中');

    await takeStep(page, 'replied', async (form) => {
      await form.getByLabel('办理结果').selectOption({ label: '部分公开（区分处理）' });
      await form.getByLabel(/理由或者说明/).fill('资金拨付明细中含有个人银行账户信息，已作区分处理');
    });
    await expect(page.locator('main').textContent()).resolves.toContain('答复待审核');

    await page.getByRole('link', { name: '起草部分公开答复' }).click();
    await page.waitForURL(/\/letter\?kind=partiallyGranted$/);
    await fits(page);
    await expect(page.locator('.letter').textContent()).resolves.toContain('【待填写：获取方式】');
    await page.getByLabel('获取方式').fill('随本答复书邮寄资金使用情况表的纸质复印件，共3页');
    await page.getByRole('button', { name: '预览' }).click();
    await expect(page.locator('.letter').textContent()).resolves.toContain('随本答复书邮寄资金使用情况表的纸质复印件');
    await page.getByRole('button', { name: '生成并存档' }).click();
    await page.waitForURL(/\/letters\/\d+\?notice=letter$/);
    await expect(page.locator('.letter').textContent()).resolves.toContain('对不予公开的内容，理由如下：资金拨付明细中含有个人银行账户信息');
    await expect(page.getByRole('link', { name: '下载 Word 文件' }).count()).resolves.toBe(1);
    await fits(page);
  });

  it('the reviewer approves; the head signs; the handler records delivery', async () => {
    const reviewer = await freshPage();
    await signIn(reviewer, 'journey-reviewer');
    await takeStep(reviewer, 'reviewed');
    await expect(reviewer.locator('main').textContent()).resolves.toContain('答复待签发');

    const head = await freshPage();
    await signIn(head, 'journey-head');
    await takeStep(head, 'signed');
    await expect(head.locator('main').textContent()).resolves.toContain('答复待送达');

    const handler = await freshPage();
    await signIn(handler, 'journey-handler');
    await takeStep(handler, 'delivered', async (form) => {
      await form.getByLabel('送达方式').selectOption({ label: '邮寄' });
    });
    const main = (await handler.locator('main').textContent()) ?? '';
    expect(main).toContain('已答复');
    expect(main).toContain('部分公开（区分处理）');
    // The staff pages hold on a phone too.
    await handler.setViewportSize({ width: 320, height: 800 });
    await handler.goto(caseUrl);
    await fits(handler);
    await handler.goto(`${server.url}/applications?status=all`);
    await fits(handler);
  });

  it('the applicant sees 已答复 with the dates on the status page', async () => {
    const page = await freshPage(320);
    await page.goto(`${server.url}/apply/status`);
    await fits(page);
    await page.getByLabel('查询码').fill(trackingCode.toLowerCase());
    await page.getByLabel('联系电话').fill(PHONE);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(`${server.url}/apply/status`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('已答复');
    expect(main).toContain(`收到申请之日${todayText}`);
    expect(main).toContain(`答复日期${todayText}`);
    expect(main).not.toContain('林小雨');
    expect(main).not.toContain(PHONE);
    await fits(page);
    // The half-filled form above was answered 400 (the browser logs it as a failed load); nothing else may be.
    expect(consoleErrors.filter((e) => !/\/apply: Failed to load resource: .*status of 400/.test(e))).toEqual([]);
  });
});
