/**
 * The supervision records' pages in a real browser: the list of last year's records (the demo's),
 * an inspection with its problems, the forms of a training, a consultation, an inspection and a
 * problem's 整改, on a 320 px phone in normal and large text — no page wider than its screen, no
 * axe-core violation, no browser error; and a consultation recorded through its form without
 * JavaScript (refused first with its error summary, then saved and listed). Debian's Chromium
 * through playwright-core.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_NAME } from '../../src/accounts/index.ts';
import type { IsoDate } from '../../src/law/dates.ts';
import { todayIn } from '../../src/platform/clock.ts';
import { createHttpApp } from '../../src/platform/http/app.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { seedDemoRecords } from '../../src/supervision/records-demo.ts';
import { supervisionRecordRoutes } from '../../src/supervision/records-routes.tsx';
import { addAgency, addPerson, sessionCookie } from '../support/accounts.ts';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { axeViolations, fitsScreen, phonePageAs } from '../support/page-checks.ts';
import { createTestServices } from '../support/services.ts';

describe.runIf(browserAvailable)('supervision records in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  let agencyId: number;
  let inspectionId: number;
  let findingId: number;
  const consoleErrors: string[] = [];
  const sessions: Record<string, string> = {};
  const today = todayIn() as IsoDate;
  const lastYear = Number(today.slice(0, 4)) - 1;

  beforeAll(async () => {
    services = await createTestServices();
    const government = await addAgency(services, '阜新市太平区人民政府', 'government');
    const agency = await addAgency(services, DEMO_AGENCY_NAME, 'department', government);
    agencyId = agency.id;
    await addPerson(services, 'browser-records-handler', [['handler', agency]]);
    await addPerson(services, 'browser-records-supervisor', [['supervisor', government]]);
    for (const who of ['handler', 'supervisor']) sessions[who] = (await sessionCookie(services, `browser-records-${who}`)).slice('gk_session='.length);
    await seedDemoRecords(services, today);
    inspectionId = (await services.db.query<{ id: number }>('SELECT id::int FROM supervision_inspections')).rows[0]!.id;
    findingId = (await services.db.query<{ id: number }>("SELECT id::int FROM supervision_findings WHERE state = 'open'")).rows[0]!.id;
    const app = createHttpApp(services, { modules: [{ routes: supervisionRecordRoutes(services) }], nav: [] });
    server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  const pageAs = (who: string, text: 'normal' | 'large', javaScriptEnabled = true): Promise<Page> =>
    phonePageAs(browser, server.url, sessions[who]!, text, consoleErrors, { javaScriptEnabled });

  async function check(page: Page, path: string): Promise<void> {
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status(), path).toBe(200);
    expect(await fitsScreen(page), `${path} is wider than the screen`).toBe(true);
    expect(await axeViolations(page), path).toEqual([]);
  }

  it.each(['normal', 'large'] as const)('the list and the forms at 320 px, %s text', async (text) => {
    const handler = await pageAs('handler', text);
    const list = `/supervision/records?agency=${agencyId}&year=${lastYear}`;
    await check(handler, list);
    await expect(handler.getByRole('heading', { level: 2, name: /政务公开检查（1 次，发现问题 2 个，已整改 1 个，整改中 1 个）/ }).count()).resolves.toBe(1);
    await expect(handler.locator('body').textContent()).resolves.toContain('逾期未整改');
    for (const path of [`${list}&kind=consultation`, `/supervision/agencies/${agencyId}/trainings/new`, `/supervision/agencies/${agencyId}/consultations/new`,
      `/supervision/inspections/${inspectionId}`, `/supervision/findings/${findingId}/rectify`]) await check(handler, path);
    // A refused form still fits and passes axe, its summary linking to the fields.
    await handler.goto(`${server.url}/supervision/agencies/${agencyId}/trainings/new`);
    await handler.getByLabel('参加人次').fill('0');
    await handler.getByRole('button', { name: '保存' }).click();
    await expect(handler.getByRole('alert').textContent()).resolves.toContain('培训名称：必须填写');
    expect(await fitsScreen(handler)).toBe(true);
    expect(await axeViolations(handler)).toEqual([]);
    await handler.context().close();

    const supervisor = await pageAs('supervisor', text);
    for (const path of [list, `/supervision/agencies/${agencyId}/inspections/new`, `/supervision/inspections/${inspectionId}`]) await check(supervisor, path);
    await supervisor.context().close();
  }, 120_000);

  it('a 经办人 records a consultation without JavaScript', async () => {
    const page = await pageAs('handler', 'normal', false);
    await page.goto(`${server.url}/supervision/agencies/${agencyId}/consultations/new`);
    await page.getByLabel('内容摘要').fill('咨询区图书馆少儿阅览室开放时间');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/收到日期：必须填写[\s\S]*渠道：必须选择[\s\S]*类别：必须选择/);
    expect(await fitsScreen(page)).toBe(true);
    await expect(page.getByLabel('内容摘要').inputValue()).resolves.toBe('咨询区图书馆少儿阅览室开放时间');
    await page.getByLabel('收到日期', { exact: true }).fill(today);
    await page.getByLabel('12345 热线转办').check();
    await page.getByLabel('咨询', { exact: true }).check();
    await page.getByLabel('答复内容（尚未答复的可不填）').fill('已通过 12345 平台答复开放时间。');
    await page.getByLabel('答复日期（尚未答复的可不填）').fill(today);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/supervision\/records\?.*notice=saved/);
    const body = await page.locator('main').textContent();
    expect(body).toContain('记录已保存。');
    expect(body).toContain('咨询区图书馆少儿阅览室开放时间');
    expect(body).toContain('公众咨询和建议（1 件，已答复 1 件，其中 12345 热线转办 1 件）');
    expect(await fitsScreen(page)).toBe(true);
    await page.context().close();
  }, 60_000);

  it('logs no browser error (but the refused forms’ own 422)', () => {
    expect(consoleErrors.filter((e) => !/Failed to load resource: .* 422/.test(e))).toEqual([]);
  });
});
