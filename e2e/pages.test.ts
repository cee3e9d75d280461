import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { waitForFigures } from './figures.ts';
import { builtPagePaths, serveBuild } from './site-server.ts';

const pagePaths = builtPagePaths();
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

// Pages load side by side (vitest's maxConcurrency); each test uses its own `expect`.
describe.concurrent('every built page loads cleanly in Chromium', () => {
  it('finds the pages in the sitemap, the claim page among them', ({ expect }) => {
    expect(pagePaths).toContain('/docs/nanoservices/chaining');
    expect(pagePaths).toContain('/');
  });

  it.for(pagePaths)('%s', async (pagePath, { expect }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    try {
      const response = await page.goto(site.origin + pagePath, { waitUntil: 'networkidle' });
      expect(response?.status(), 'the page itself').toBe(200);

      problems.push(...(await waitForFigures(page)));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the nano-chaining page', () => {
  it('shows its diagrams, its plots, its measured figures and its tested source', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.origin}/docs/nanoservices/chaining`, { waitUntil: 'networkidle' });
      // Figures far below the fold wait for the reader to scroll towards them.
      expect(await page.locator('[data-figure] svg').count()).toBeLessThan(await page.locator('[data-figure]').count());
      expect(await waitForFigures(page)).toEqual([]);
      expect(await page.locator('.docusaurus-mermaid-container svg').count()).toBe(3);
      expect(await page.locator('figure > div[role="img"] svg').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#nano-chaining').count()).toBe(1);
      const tables = await page.locator('table caption').allTextContents();
      expect(tables).toEqual(expect.arrayContaining(['What one added hop costs, next to the raw platform', 'Latency and throughput per shape and chain length']));
      expect(await page.getByText('Measured on', { exact: false }).count()).toBeGreaterThan(0);
      const source = page.locator('details', { has: page.locator('summary', { hasText: 'examples/nano-chaining/experiment.ts' }) });
      await source.locator('summary').click();
      expect(await source.locator('pre').textContent()).toContain('export const experiment = defineExperiment(');
    } finally {
      await context.close();
    }
  });
});
