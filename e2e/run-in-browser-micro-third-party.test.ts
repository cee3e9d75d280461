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


describe('running micro-third-party in the page', () => {
  it('runs the outage against the in-memory provider with the reader’s policies, failure rate and timeout, and shows tables and plots', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const panel = await openRunPanel(page, site.origin + '/docs/microservices/third-party');
      page.on('request', (request) => requests.push(request.url()));
      await panel.getByLabel('placements').fill('in-process, service');
      await panel.getByLabel('policies').fill('plain, timeout+retry+breaker');
      await panel.getByLabel('error rate').fill('0.1');
      await panel.getByLabel('timeout (ms)').fill('120');
      await panel.getByLabel('duration (ms)').fill('1200');
      await panel.getByLabel('outage answer (ms)').fill('300');
      const started = Date.now();
      await panel.getByRole('button', { name: 'Run in this tab' }).press('Enter');
      const results = panel.getByRole('region', { name: 'Results of your run' });
      await results.waitFor({ timeout: 60_000 });
      const seconds = (Date.now() - started) / 1000;

      // The run used the values typed, not the defaults: two placements, two policies, in the outage table.
      const outage = results.locator('table').first();
      expect(await outage.locator('tbody tr td:nth-child(1)').allTextContents()).toEqual(['in-process', 'in-process', 'service', 'service']);
      expect(await outage.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['plain', 'timeout+retry+breaker', 'plain', 'timeout+retry+breaker']);
      const text = await results.textContent();
      expect(text).toContain('"errorRate":0.1');
      expect(text).toContain('"timeoutMs":120');
      expect(text).toContain('(240–960 ms of 1200 ms)');
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/During the outage the breaker fast-failed \d+ of \d+ checkouts/);
      // No network access during the run: at most the worker's own script chunks, from this site.
      expect(requests.filter((url) => !url.startsWith(site.origin) || !url.endsWith('.js'))).toEqual([]);
      expect(errors).toEqual([]);
      console.log(`in-page micro-third-party run, 2 placements × 2 policies × 1.2 s: ${seconds.toFixed(1)} s`);
    } finally {
      await context.close();
    }
  });
});
