import { chromium, type Browser } from 'playwright-core';

/**
 * Launches the system's Chromium headless (Playwright's own browser download does not work on the
 * machines this runs on). `CHROMIUM_PATH` overrides the path.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
