/**
 * Debian's Chromium for the browser journeys (.ci/run installs it with apt-get; no browser is ever
 * downloaded). Without it the journeys are skipped locally; on CI they must run.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] || ['', 'usr', 'bin', 'chromium'].join('/');
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Whether the journeys run here. */
export const browserAvailable = existsSync(CHROMIUM) || Boolean(process.env['CI']);

/** Launches the headless browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
