/**
 * The supervisor's dashboard in a real browser: the chooser and the dashboard of a county government
 * with three agencies (published, submitted late with findings, not started) and two years of its own
 * reports, on a 320 px phone in normal and large text: no page wider than its screen (the list stacks,
 * the charts scale to the column), no axe-core violation, no browser error (an inline style refused
 * by the site's CSP would log one), the charts drawn as images with their numbers beside them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from '../../src/supervision/dashboard-routes.tsx';
import { insertTestCase, insertTestReport, testCanonical } from '../../src/supervision/dashboard-testing.ts';
import { createHttpApp } from '../../src/platform/http/app.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { addAgency, addPerson, sessionCookie } from '../support/accounts.ts';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { axeViolations, fitsScreen, phonePageAs } from '../support/page-checks.ts';
import { createTestServices } from '../support/services.ts';

describe.runIf(browserAvailable)('the supervisor’s dashboard in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  let session = '';
  let countyId = 0;
  const consoleErrors: string[] = [];
  const year = new Date().getFullYear() - 1;

  beforeAll(async () => {
    services = await createTestServices();
    const county = await addAgency(services, '浏览器监督测试县人民政府', 'government');
    const culture = await addAgency(services, '浏览器监督测试县文化旅游和广播电视局（名称较长，用来检查窄屏上的换行）', 'department', county);
    const education = await addAgency(services, '浏览器监督测试县教育局', 'department', county);
    const civil = await addAgency(services, '浏览器监督测试县民政局', 'department', county);
    countyId = county.id;
    await addPerson(services, 'browser-dash-supervisor', [['supervisor', county]]);
    session = (await sessionCookie(services, 'browser-dash-supervisor')).slice('gk_session='.length);
    const db = services.db;
    await insertTestReport(db, county.id, year, { state: 'draft', canonical: testCanonical(county.name, year, { newReceived: 100, totalProcessed: 100, granted: 40, partiallyGranted: 10, 'denied.stateSecret': 5, 'unableToProvide.notHeld': 25, 'notProcessed.duplicate': 15, 'otherDisposal.other': 5 }, { upheld: 6, corrected: 2, other: 2, pending: 3 }) });
    await insertTestReport(db, county.id, year - 1, { state: 'published', publishedOn: `${year}-03-20`, canonical: testCanonical(county.name, year - 1, { newReceived: 80, totalProcessed: 70, granted: 35, partiallyGranted: 7, 'denied.stateSecret': 8, 'unableToProvide.notHeld': 20 }, { upheld: 4, corrected: 1, other: 0, pending: 0 }) });
    await insertTestReport(db, culture.id, year, { state: 'published', submittedOn: `${year + 1}-01-10`, acceptedOn: `${year + 1}-01-15`, publishedOn: `${year + 1}-01-20`, canonical: testCanonical(culture.name, year, { newReceived: 30, totalProcessed: 30, granted: 30 }, { upheld: 1, corrected: 0, other: 0, pending: 0 }) });
    await insertTestReport(db, education.id, year, {
      state: 'submitted', submittedOn: `${year + 1}-01-02`, canonical: testCanonical(education.name, year, { newReceived: 12, carriedOver: 3, totalProcessed: 12, granted: 12, carriedForward: 3 }, { upheld: 0, corrected: 0, other: 0, pending: 0 }),
      findings: [{ rule: 'X-CARRY', severity: 'error', cells: ['t3.carriedOver[0]'], message: '…' }, { rule: 'CELL-BLANK', severity: 'warning', cells: ['t2.fees.amountWan'], message: '…' }],
    });
    await insertTestCase(db, civil.id, { received: `${year}-11-02`, due: `${year}-12-01` });
    const app = createHttpApp(services, { modules: [{ routes: dashboardRoutes(services) }], nav: [] });
    server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  async function check(page: Page, path: string): Promise<void> {
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status(), path).toBe(200);
    expect(await fitsScreen(page), `${path} is wider than the screen`).toBe(true);
    expect(await axeViolations(page), path).toEqual([]);
  }

  it.each(['normal', 'large'] as const)('the chooser and the dashboard at 320 px, %s text', async (text) => {
    const page = await phonePageAs(browser, server.url, session, text, consoleErrors);
    await check(page, '/supervision');
    await page.getByRole('link', { name: '浏览器监督测试县人民政府' }).click();
    await page.waitForURL(new RegExp(`/supervision/${countyId}\\?year=${year}$`));
    await check(page, `/supervision/${countyId}?year=${year}`);
    await expect(page.locator('#agency-table tbody tr').count()).resolves.toBe(4);
    const charts = page.locator('svg[role="img"]');
    await expect(charts.count()).resolves.toBe(4);
    // Each chart fits its column and keeps its proportions (480 × 300).
    for (const box of await charts.evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().toJSON() as { width: number; height: number; right: number }))) {
      expect(box.right).toBeLessThanOrEqual(320);
      expect(Math.abs(box.height / box.width - 300 / 480)).toBeLessThan(0.02);
    }
    await expect(page.getByRole('img', { name: /实质公开率/ }).count()).resolves.toBe(1);
    await expect(page.locator('figure', { hasText: '实质公开率（按年度）' }).textContent()).resolves.toContain('62.5%');
    // The late filter, as a supervisor would follow it from the counts at the top.
    await page.getByRole('link', { name: /个逾期/ }).click();
    await page.waitForURL(/state=late/);
    expect(await fitsScreen(page)).toBe(true);
    // The government's draft (due 31 March), the submitted but unpublished report and the one never started.
    await expect(page.locator('#agency-table tbody tr').count()).resolves.toBe(3);
    await page.context().close();
  }, 120_000);

  it('logs no browser error (no style refused by the CSP)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
