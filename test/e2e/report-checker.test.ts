/**
 * Browser journey over the real app (embedded PostgreSQL test database, HTTP on a random
 * loopback port) with Debian's Chromium driven by playwright-core.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/platform/http/server.ts';
import type { HttpServer } from '../../src/platform/http/server.ts';
import type { Services } from '../../src/platform/services.ts';
import { createTestApp } from '../support/app.ts';
import { canonicalReport } from '../support/fixtures.ts';
import { corpusPath } from '../support/corpus.ts';
import { createTestServices } from '../support/services.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const SCREENSHOTS = fileURLToPath(new URL('../../.tmp/', import.meta.url));
const SEED = corpusPath('seed-taiping-wenlv-2023.txt');
// Without Chromium the journey is skipped locally; on CI (.ci/run installs it) it must run.
const available = existsSync(CHROMIUM) || Boolean(process.env['CI']);

describe.runIf(available)('report checker in a browser', () => {
  let services: Services;
  let server: HttpServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    services = await createTestServices();
    server = await startHttpServer(await createTestApp(services), { port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    // CSP violations and script errors show up here.
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await fs.mkdir(SCREENSHOTS, { recursive: true });
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
    await page.waitForURL(/\/reports\/\d+\?notice=checked$/);

    await expect(page.locator('h1').textContent()).resolves.toContain('阜新市太平区文化旅游和广播电视局 2023 年度报告检查结果');
    await expect(page.locator('.notice').textContent()).resolves.toBe('检查完成，结果已保存。');
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
    await page.waitForURL(/\/reports\/\d+/);

    const finding = page.locator('ol.findings li.error', { hasText: 'T3-ROW-TOTAL' }).first();
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
});
