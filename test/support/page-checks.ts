/**
 * What every browser test checks of a page: it is no wider than its screen (a 320 px phone), and
 * axe-core finds no violation. For the e2e tests of any room (test/e2e/).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

let axeSource: Promise<string> | undefined;

/** Is the page no wider than its window (one pixel of rounding allowed)? */
export async function fitsScreen(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')) as boolean;
}

/** axe-core's violations on the page as it is (`id: targets`); the page must allow scripts. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await (axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')));
  return page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * A new page in its own context on a 320 px phone, signed in with `session` (the `gk_session` cookie)
 * in the given text size, whose browser errors are pushed to `errors`.
 */
export async function phonePageAs(browser: Browser, url: string, session: string, text: 'normal' | 'large', errors: string[], options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'zh-CN', javaScriptEnabled: options.javaScriptEnabled ?? true });
  await context.addCookies([{ name: 'gk_session', value: session, url }, { name: 'text', value: text, url }]);
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
  return page;
}

/**
 * A new page in its own context (`width` px wide), signed in through the sign-in form as `username`
 * (password TEST_PASSWORD), whose browser errors are pushed to `errors`: a journey's person.
 */
export async function signedInPage(browser: Browser, origin: string, username: string, password: string, width: number, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
  await page.goto(`${origin}/signin`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${origin}/`);
  return page;
}
