import type { Page } from 'playwright-core';

/**
 * Scrolls to every figure of the page (a Mermaid diagram or a plot, `[data-figure]`: each is drawn
 * as it nears the viewport), waits until each has become an SVG, and returns those that did not
 * within the time limit (an empty list when all were drawn).
 */
export async function waitForFigures(page: Page, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const figures = await page.locator('[data-figure]').all();
  const missing: string[] = [];
  for (const [index, figure] of figures.entries()) {
    await figure.scrollIntoViewIfNeeded();
    while ((await figure.locator('svg').count()) === 0 && Date.now() < deadline) await page.waitForTimeout(100);
    if ((await figure.locator('svg').count()) === 0) missing.push(`${(await figure.getAttribute('data-figure')) ?? 'figure'} ${index + 1} was not drawn`);
  }
  return missing;
}
