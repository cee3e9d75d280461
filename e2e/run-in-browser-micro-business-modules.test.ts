import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { openRunPanel } from './run-panel.ts';
import { serveBuild } from './site-server.ts';

let browser: Browser;
let site: Awaited<ReturnType<typeof serveBuild>>;

beforeAll(async () => {
  site = await serveBuild();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});


describe('running micro-business-modules in the page', () => {
  it('posts the reader’s malformed requests at the units with and without the contract at the door, and shows 4xx, 5xx and functions entered', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const panel = await openRunPanel(page, site.origin + '/docs/microservices/business-modules');
      page.on('request', (request) => requests.push(request.url()));
      await panel.getByLabel('shapes').fill('microservices');
      await panel.getByLabel('malformations').fill('not JSON, JSON null');
      await panel.getByLabel('repeats').fill('2');
      const started = Date.now();
      await panel.getByRole('button', { name: 'Run in this tab' }).press('Enter');
      const results = panel.getByRole('region', { name: 'Results of your run' });
      await results.waitFor({ timeout: 60_000 });
      const seconds = (Date.now() - started) / 1000;

      // Six routes × two kinds × two repeats = 24 malformed requests per mode, on the microservices only.
      const boundary = results.locator('table').first();
      const column = (n: number) => boundary.locator(`tbody tr td:nth-child(${n})`).allTextContents();
      expect(await column(1)).toEqual(['microservices', 'microservices']);
      expect(await column(2)).toEqual(['functions validate', 'contract at boundary']);
      expect(await column(6)).toEqual(['24', '24']);
      // Without the contract: "not JSON" is a 500 and "JSON null" enters a function; with it: all 400, nothing entered.
      expect(await column(7)).toEqual(['12', '24']);
      expect(await column(8)).toEqual(['12', '0']);
      expect(await column(9)).toEqual(['12', '0']);
      const text = await results.textContent();
      expect(text).toContain('"repeats":2');
      expect(text).toMatch(/^With the contract at the door, 24 of 24 malformed requests were refused with 4xx/);
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      // No network access during the run: at most the worker's own script chunks, from this site.
      expect(requests.filter((url) => !url.startsWith(site.origin) || !url.endsWith('.js'))).toEqual([]);
      expect(errors).toEqual([]);
      console.log(`in-page micro-business-modules run on microservices, 2 kinds × 2 repeats: ${seconds.toFixed(1)} s`);
    } finally {
      await context.close();
    }
  });
});
