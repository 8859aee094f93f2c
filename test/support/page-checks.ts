/**
 * What every browser test checks of a page: it is no wider than its screen (a 320 px phone), and
 * axe-core finds no violation. For the e2e tests of any room (test/e2e/).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

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
