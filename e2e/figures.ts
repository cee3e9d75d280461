import type { Page } from 'playwright-core';

/**
 * Waits until every Mermaid block and every plot of the page has become an SVG, and returns those
 * that did not within the time limit (an empty list when all were drawn).
 */
export async function waitForFigures(page: Page, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const blocks = [
    ...(await page.locator('.docusaurus-mermaid-container').all()).map((locator, index) => ({ locator, name: `Mermaid block ${index + 1}` })),
    ...(await page.locator('figure > div[role="img"]').all()).map((locator, index) => ({ locator, name: `plot ${index + 1}` })),
  ];
  const missing: string[] = [];
  for (const block of blocks) {
    while ((await block.locator.locator('svg').count()) === 0 && Date.now() < deadline) await page.waitForTimeout(100);
    if ((await block.locator.locator('svg').count()) === 0) missing.push(`${block.name} was not drawn`);
  }
  return missing;
}
