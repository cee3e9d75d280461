import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SiteInChromium } from './site-in-chromium.ts';

/**
 * Opens a claim page, unfolds its "Run it in your browser" panel and waits until the experiment's
 * form has arrived from the worker. Returns the panel.
 */
export async function openRunPanel(page: Page, url: string): Promise<Locator> {
  await page.goto(url, { waitUntil: 'networkidle' });
  const panel = page.locator('details', { hasText: 'Set up a run of this experiment in your browser' });
  await panel.locator('summary').click();
  await panel.getByRole('button', { name: 'Run in this tab' }).waitFor({ timeout: 15_000 });
  return panel;
}

/** A finished in-page run: its results region and how long it took from the key press. */
export interface PanelRun {
  readonly page: Page;
  readonly results: Locator;
  readonly seconds: number;
}

/** A field by its label: the exact label when one field has it ("attempts" beside "max attempts"), else the label as a substring. */
async function fieldLabelled(panel: Locator, label: string): Promise<Locator> {
  const exact = panel.getByLabel(label, { exact: true });
  return (await exact.count()) === 1 ? exact : panel.getByLabel(label);
}

/**
 * Runs a claim page's in-browser experiment as a reader does: opens the panel, types `fields`
 * (label → value), presses Enter on the run button and waits for the results; then hands the run to
 * `check`. Afterwards it asserts that the page threw nothing and that the run fetched nothing but the
 * site's own script chunks (an in-page run has no network access), and closes the browser context.
 */
export async function runInPanel(lab: SiteInChromium, path: string, fields: Readonly<Record<string, string>>, check: (run: PanelRun) => Promise<void>): Promise<void> {
  const context = await lab.browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const panel = await openRunPanel(page, lab.root + path);
    page.on('request', (request) => requests.push(request.url()));
    for (const [label, value] of Object.entries(fields)) await (await fieldLabelled(panel, label)).fill(value);
    const started = Date.now();
    await panel.getByRole('button', { name: 'Run in this tab' }).press('Enter');
    const results = panel.getByRole('region', { name: 'Results of your run' });
    await results.waitFor({ timeout: 60_000 });
    await check({ page, results, seconds: (Date.now() - started) / 1000 });
    expect(requests.filter((url) => !url.startsWith(lab.origin) || !url.endsWith('.js')), 'requests other than the site’s scripts').toEqual([]);
    expect(errors, 'errors thrown in the page').toEqual([]);
  } finally {
    await context.close();
  }
}
