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


describe('running nano-anti-pattern in the page', () => {
  it('runs the overhead measurement in a worker with the reader’s work and chain lengths, and shows tables and plots', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const panel = await openRunPanel(page, site.origin + '/docs/nanoservices/anti-pattern');
      page.on('request', (request) => requests.push(request.url()));
      await panel.getByLabel('chain lengths').fill('2, 5');
      await panel.getByLabel('work (µs)').fill('0, 500');
      await panel.getByLabel('seconds per cell').fill('0.2');
      const started = Date.now();
      await panel.getByRole('button', { name: 'Run in this tab' }).press('Enter');
      const results = panel.getByRole('region', { name: 'Results of your run' });
      await results.waitFor({ timeout: 60_000 });
      const seconds = (Date.now() - started) / 1000;

      // The run used the values typed, not the defaults: chains of 2 and 5 functions, 0 and 500 µs of work each.
      const overhead = results.locator('table').first();
      expect(await overhead.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['memory', 'memory', 'memory', 'memory']);
      expect(await overhead.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['2', '2', '5', '5']);
      expect(await overhead.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['0', '500', '0', '500']);
      expect(await results.textContent()).toContain('"secondsPerCell":0.2');
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await results.textContent()).toMatch(/% of a 5-function nanoservice checkout went to overhead/);
      // No network access during the run: at most the worker's own script chunks, from this site.
      expect(requests.filter((url) => !url.startsWith(site.origin) || !url.endsWith('.js'))).toEqual([]);
      expect(errors).toEqual([]);
      console.log(`in-page nano-anti-pattern run with chains 2,5 and work 0,500 µs: ${seconds.toFixed(1)} s`);
    } finally {
      await context.close();
    }
  });
});
