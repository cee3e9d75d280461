import type { Page } from 'playwright-core';
import type { SiteInChromium } from './site-in-chromium.ts';

/**
 * Collects what a reader's console would show on `page` from now on: console errors, uncaught
 * exceptions, failed or refused requests and responses of 400 or more. The list fills as they come.
 *
 * @example
 * ```ts
 * const problems = recordProblems(page);
 * await page.goto(url);
 * expect(problems).toEqual([]);
 * ```
 */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/**
 * Opens a page of the site (a path under its base) in a fresh browser context, recording its
 * problems from the first request, and returns the page's status with a `close` for the context.
 *
 * @example
 * ```ts
 * const { page, status, problems, close } = await openSitePage(site, '/docs/comparison');
 * try { expect(status).toBe(200); } finally { await close(); }
 * ```
 */
export async function openSitePage(site: SiteInChromium, path: string): Promise<{ page: Page; status: number | undefined; problems: string[]; close: () => Promise<void> }> {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = recordProblems(page);
  const response = await page.goto(`${site.root}${path}`, { waitUntil: 'networkidle' });
  return { page, status: response?.status(), problems, close: () => context.close() };
}
