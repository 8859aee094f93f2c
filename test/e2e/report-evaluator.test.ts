/**
 * The evaluator's pages (评估模式) in a real browser: a ZIP of corpus reports chosen on the upload
 * form's bulk section, the batch page while it is read and when done, then two reports compared —
 * on a 320 px phone in normal and large text: no page wider than its screen (the tables stack or
 * scroll inside their own region), no axe-core violation, no browser error. Debian's Chromium
 * through playwright-core.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReportJobs } from '../../src/report/evaluate/batch-jobs.ts';
import { reportRouteModule } from '../../src/report/routes.tsx';
import { createHttpApp } from '../../src/platform/http/app.ts';
import { startHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { corpusFile } from '../support/fixtures.ts';
import { axeViolations, fitsScreen, phonePageAs } from '../support/page-checks.ts';
import { createTestServices } from '../support/services.ts';
import { writeZip } from '../support/zip-writer.ts';

const CORPUS = ['pingtan-gaj-2021.txt', 'pingtan-hzs-2023.txt', 'pingtan-scj-2022.txt', 'seed-taiping-wenlv-2023.txt'];

describe.runIf(browserAvailable)('evaluator pages in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    services = await createTestServices();
    startReportJobs(services, { intervalMs: 50, listen: false, parallelism: 2 });
    const app = createHttpApp(services, { modules: [reportRouteModule(services)], nav: [] });
    server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  async function check(page: Page, what: string): Promise<void> {
    expect(await fitsScreen(page), `${what} is wider than the screen`).toBe(true);
    expect(await axeViolations(page), what).toEqual([]);
  }

  it.each(['normal', 'large'] as const)('a ZIP of reports, its batch page and a comparison at 320 px, %s text', async (text) => {
    const page = await phonePageAs(browser, server.url, 'none', text, consoleErrors);
    await page.goto(`${server.url}/`);
    await check(page, 'the upload form');
    const zip = writeZip(CORPUS.map((name) => ({ name: `年报/${name}`, data: corpusFile(name) })));
    await page.getByLabel('压缩包或多个报告文件').setInputFiles({ name: `评估-${text}.zip`, mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByRole('button', { name: '开始批量检查' }).click();
    await page.waitForURL(/\/reports\/batches\/[0-9a-f-]{36}$/);
    await check(page, 'the batch page while it is read');
    // Without script the page reloads itself; here the test reloads until the job is done.
    for (let i = 0; i < 100 && !(await page.getByRole('heading', { name: '进度：检查完成' }).isVisible()); i++) {
      await page.waitForTimeout(200);
      await page.goto(page.url());
    }
    await expect(page.getByRole('heading', { name: '进度：检查完成' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('table tbody tr').count()).resolves.toBe(CORPUS.length);
    await check(page, 'the batch page when done');

    await page.getByLabel('报告乙').selectOption({ index: 3 });
    await page.getByRole('button', { name: '对比' }).click();
    await page.waitForURL(/\/reports\/compare\?a=[0-9a-f]{32}&b=[0-9a-f]{32}$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('对比两份报告');
    await expect(page.locator('tr.changed').count()).resolves.toBeGreaterThan(0);
    await check(page, 'the comparison');
    await page.context().close();
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
