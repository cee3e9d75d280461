import type { Locator, Page } from 'playwright-core';

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
