/**
 * Browser journey over the real app (embedded PostgreSQL test database, HTTP on a random
 * loopback port) with Debian's Chromium driven by playwright-core: a visitor checks reports without
 * signing in (each result at its key, kept 24 hours), on a desktop and on a 320 px phone. The staff's
 * list is only looked at (at 320 px) with a session cookie; signing in is another journey's.
 */
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/platform/http/server.ts';
import type { HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { createTestApp } from '../support/app.ts';
import { addAgency, addPerson, sessionCookie } from '../support/accounts.ts';
import { canonicalReport } from '../support/fixtures.ts';
import { checkAndStoreFiles } from '../../src/report/service.ts';
import { corpusPath } from '../support/corpus.ts';
import { createTestServices } from '../support/services.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../.tmp/', import.meta.url));
const SEED = corpusPath('seed-taiping-wenlv-2023.txt');
/** The address of an anonymous check's result, right after the upload. */
const KEY_RESULT = /\/reports\/[0-9a-f]{32}\?notice=checked$/;

describe.runIf(browserAvailable)('report checker in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  let seedReportUrl = '';
  let pingtanReportUrl = '';
  /** A handler's session, to look at the staff's list at 320 px (storing is another journey's). */
  let staffCookie = '';

  beforeAll(async () => {
    services = await createTestServices();
    server = await startHttpServer(await createTestApp(services), { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    // CSP violations and script errors show up here.
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    const agency = await addAgency(services, '浏览器测试机关');
    await addPerson(services, 'browser-handler', [['handler', agency]]);
    staffCookie = (await sessionCookie(services, 'browser-handler')).split('=')[1] ?? '';
    // Stored for the agency (the list's rows): a long agency name and file name, as on a phone.
    await checkAndStoreFiles(services.db, {
      actor: { kind: 'cli', user: 'e2e' }, keeping: { kind: 'agency', agencyId: agency.id },
      files: [{ name: 'seed-taiping-wenlv-2023.txt', bytes: await fs.readFile(SEED) }],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
  });

  it('uploads the seed report and shows its tables, doubts and findings', async () => {
    await page.goto(`${server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('检查政府信息公开工作年度报告');
    await page.setInputFiles('#files', SEED);
    await page.getByRole('button', { name: '开始检查' }).click();
    await page.waitForURL(KEY_RESULT);
    seedReportUrl = page.url().replace(/\?.*$/, '');

    await expect(page.locator('h1').textContent()).resolves.toContain('阜新市太平区文化旅游和广播电视局 2023 年度报告检查结果');
    // Focus is on the result's heading, so a screen reader starts there.
    await expect(page.evaluate('document.activeElement?.tagName')).resolves.toBe('H1');
    await expect(page.locator('.notice').textContent()).resolves.toBe('检查完成。结果保留 24 小时，见下方说明。');
    // Kept 24 hours at this address, said in words, with the downloads.
    await expect(page.locator('#kept-title').textContent()).resolves.toBe('检查结果保留 24 小时');
    await expect(page.locator('#kept').textContent()).resolves.toContain(seedReportUrl);
    expect(await page.locator('#kept li a').count()).toBe(6);
    const download = page.waitForEvent('download');
    await page.locator('#kept').getByRole('link', { name: '下载 JSON' }).click();
    expect((await download).suggestedFilename()).toBe('阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告.json');
    expect(await page.locator('table.report-table').count()).toBe(3);
    await expect(page.locator('td[data-cell="t2.licensing.decisions"]').textContent()).resolves.toBe('71');
    expect(await page.locator('td[data-cell^="t3."]').count()).toBeGreaterThan(100);
    await expect(page.locator('#findings').textContent()).resolves.toMatch(/^发现的问题（\d+）$/);
    expect(await page.locator('td.cell-doubt').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}report-checker.png`, fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('links a finding to its marked cell, and the large-text mode works without JavaScript', async () => {
    const wrong = canonicalReport('浏览器测试局', 2023, (r) => { r.table3.rows.newReceived = [3, 0, 0, 0, 0, 0, 2]; });
    await page.goto(`${server.url}/`);
    await page.setInputFiles('#files', { name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) });
    await page.getByRole('button', { name: '开始检查' }).click();
    await page.waitForURL(KEY_RESULT);

    const finding = page.locator('ol.findings li.error[data-rule="T3-ROW-TOTAL"]').first();
    await finding.locator('a[href="#cell-t3.newReceived[6]"]').click();
    await expect(page.evaluate('location.hash')).resolves.toBe('#cell-t3.newReceived[6]');
    await expect(page.locator('td:target').getAttribute('class')).resolves.toBe('cell-error');

    await page.getByRole('link', { name: '大字模式' }).click();
    await expect(page.locator('html').getAttribute('class')).resolves.toBe('text-large');
    await page.setViewportSize({ width: 390, height: 844 }); // a phone
    await page.screenshot({ path: `${SCREENSHOTS}report-checker-phone-large.png` });
    // Nothing wider than the phone: wide tables scroll inside their own box.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
    await page.getByRole('link', { name: '标准字号' }).click();
    await expect(page.locator('html').getAttribute('class')).resolves.toBeNull();
    expect(consoleErrors).toEqual([]);
  });

  it('shows cells the importer could not split as 未能读出 with their readings, not as left blank by the agency', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/`);
    await page.setInputFiles('#files', corpusPath('pingtan-2023.txt'));
    await page.getByRole('button', { name: '开始检查' }).click();
    await page.waitForURL(KEY_RESULT);
    pingtanReportUrl = page.url().replace(/\?.*$/, '');
    const cell = page.locator('td[data-cell="t2.normativeDocuments.issued"]');
    await expect(cell.innerText()).resolves.toMatch(/未能读出\s*可能为 77、771、7 等/);
    await expect(page.locator('main').innerText()).resolves.not.toContain('不应留空');
    await cell.getByRole('link', { name: '未能读出' }).click();
    await expect(page.locator(':target').textContent()).resolves.toContain('77|132|470');
    await page.screenshot({ path: `${SCREENSHOTS}report-checker-unread.png`, fullPage: true });
  });

  it('every checker page fits a 320 px screen, in normal and large text, with scroll regions that take keyboard focus', async () => {
    // An upload with a file that cannot be read: the results page.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/`);
    await page.setInputFiles('#files', [
      { name: 'seed-taiping-wenlv-2023.txt', mimeType: 'text/plain', buffer: await fs.readFile(SEED) },
      { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是PDF') },
    ]);
    await page.getByRole('button', { name: '开始检查' }).click();
    await page.waitForURL(/\/uploads\//);
    await expect(page.evaluate('document.activeElement?.tagName')).resolves.toBe('H1');
    const resultsUrl = page.url();
    const pages: [string, string][] = [
      ['upload', '/'], ['results', resultsUrl], ['list', '/reports'], ['report-seed', seedReportUrl], ['report-pingtan', pingtanReportUrl],
      ['check-result', `${pingtanReportUrl}/check-result`], ['not-found', `/reports/${'0'.repeat(32)}`],
    ];
    const overflowing: string[] = [];
    for (const mode of ['normal', 'large'] as const) {
      await page.goto(`${server.url}/prefs?text=${mode}&back=/`);
      await page.setViewportSize({ width: 320, height: 640 });
      for (const [name, url] of pages) {
        // The list is the staff's: looked at with a handler's session, and only there.
        if (name === 'list') await page.context().addCookies([{ name: 'gk_session', value: staffCookie, url: server.url }]);
        await page.goto(url.startsWith('http') ? url : `${server.url}${url}`);
        if (name === 'list') {
          await expect(page.locator('h1').textContent()).resolves.toBe('已检查的报告');
          await page.context().clearCookies({ name: 'gk_session' });
        }
        const [scroll, inner] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, innerWidth]');
        if (scroll > inner) overflowing.push(`${name} (${mode}): ${scroll} px`);
        // Every box that scrolls sideways can be reached and scrolled with the keyboard, and is named.
        const unreachable = await page.evaluate<string[]>(`[...document.querySelectorAll('main *')]
          .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth)
          .filter((e) => e.tabIndex < 0 || !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')))
          .map((e) => e.outerHTML.slice(0, 80))`);
        expect(unreachable, `${name} (${mode})`).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOTS}report-checker-320-${mode}-${name}.png`, fullPage: true });
      }
    }
    // The empty-form error page, too.
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: '开始检查' }).click();
    await page.waitForURL(`${server.url}/reports`);
    const [scroll, inner] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, innerWidth]');
    if (scroll > inner) overflowing.push(`upload error: ${scroll} px`);
    await expect(page.evaluate('document.activeElement?.className')).resolves.toBe('error-summary');
    expect(overflowing).toEqual([]);
    await page.goto(`${server.url}/prefs?text=normal&back=/`);
    // The empty form is answered with 400 and the missing report with 404, which Chromium logs; nothing else may be.
    expect(consoleErrors.filter((m) => !/status of (400|404)/.test(m))).toEqual([]);
  });

  it('wide tables on a phone keep their row labels in view and say that more columns follow', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(seedReportUrl);
    const region = page.locator('.table-scroll').filter({ has: page.locator('table#table3') });
    await expect(region.getAttribute('tabindex')).resolves.toBe('0');
    await expect(region.getAttribute('role')).resolves.toBe('region');
    await expect(page.locator('#table3-hint').isVisible()).resolves.toBe(true);
    // Scrolled to the 总计 column, the row label is still on screen (sticky first column).
    await region.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight'); // as a keyboard user scrolls the focused region
    // Key scrolling is animated: wait for it to reach the far end.
    await expect.poll(() => region.evaluate((e: { scrollLeft: number; clientWidth: number; scrollWidth: number }) => e.scrollLeft + e.clientWidth >= e.scrollWidth - 1), { timeout: 10_000 }).toBe(true);
    const label = page.locator('table#table3 tbody th[scope="row"]', { hasText: '（一）予以公开' }).first();
    const box = await label.boundingBox();
    expect(box && box.x >= 0 && box.x < 390).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}report-checker-390-table3-scrolled.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('no rule id, internal path or internal name in the visible text of the checker pages', async () => {
    for (const url of [seedReportUrl, pingtanReportUrl, `${server.url}/`]) {
      await page.goto(url);
      const text = await page.evaluate<string>('document.body.innerText');
      expect(text.match(/\b[A-Z0-9]+-[A-Z][A-Z-]*\b|\bt[234]\.|page\[|crawler-text|\bsections\b|\bagency\b/g), url).toBeNull();
    }
  });
});
