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


describe('running nano-clustered-app in the page', () => {
  it('runs the fault run in a worker with the reader’s probabilities and attempts, and shows a table and plots', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const panel = await openRunPanel(page, site.origin + '/docs/nanoservices/clustered-app');
      page.on('request', (request) => requests.push(request.url()));
      await panel.getByLabel('failure probabilities').fill('0, 0.1');
      await panel.getByLabel('attempts', { exact: true }).fill('1, 2');
      await panel.getByLabel('checkouts', { exact: true }).fill('100');
      const started = Date.now();
      await panel.getByRole('button', { name: 'Run in this tab' }).press('Enter');
      const results = panel.getByRole('region', { name: 'Results of your run' });
      await results.waitFor({ timeout: 60_000 });
      const seconds = (Date.now() - started) / 1000;

      // The run used the values typed, not the defaults: p = 0 once per shape, p = 0.1 with 1 and 2 attempts per shape.
      const firstTable = results.locator('table').first();
      expect(await firstTable.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['0', '0', '0', '0.1', '0.1', '0.1', '0.1', '0.1', '0.1']);
      expect(await firstTable.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['1', '1', '1', '1', '1', '1', '2', '2', '2']);
      expect(new Set(await firstTable.locator('tbody tr td:nth-child(5)').allTextContents())).toEqual(new Set(['100']));
      expect(await results.textContent()).toContain('"checkouts":100');
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await results.textContent()).toMatch(/refusing 10% of requests and no retry/);
      // No network access during the run: at most the worker's own script chunks, from this site.
      expect(requests.filter((url) => !url.startsWith(site.origin) || !url.endsWith('.js'))).toEqual([]);
      expect(errors).toEqual([]);
      console.log(`in-page nano-clustered-app run with p 0,0.1, attempts 1,2 and 100 checkouts: ${seconds.toFixed(1)} s`);
    } finally {
      await context.close();
    }
  });
});
