import type { Page } from 'playwright-core';

/**
 * Whether a figure (`[data-figure]`) is drawn: a plot (or a diagram drawn in the browser, in
 * development) holds an SVG; a diagram drawn when the site was built (src/theme/Mermaid) shows an
 * image for the current colour mode, loaded. Runs in the page (`locator.evaluate(isDrawn)`), so it
 * refers to nothing outside itself.
 *
 * @example
 * ```ts
 * const drawn = await page.locator('[data-figure]').first().evaluate(isDrawn);
 * ```
 */
export function isDrawn(figure: Element): boolean {
  if (figure.querySelector('svg')) return true;
  return [...figure.querySelectorAll('img')].some((image) => image.complete && image.naturalWidth > 0 && getComputedStyle(image).display !== 'none');
}

/**
 * Scrolls to every figure of the page (a Mermaid diagram or a plot, `[data-figure]`: a plot is
 * drawn, and a diagram's image loaded, as it nears the viewport), waits until each is drawn
 * ({@link isDrawn}), and returns those that were not within the time limit (an empty list when all were).
 *
 * @example
 * ```ts
 * expect(await waitForFigures(page)).toEqual([]);
 * ```
 */
export async function waitForFigures(page: Page, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const figures = await page.locator('[data-figure]').all();
  const missing: string[] = [];
  for (const [index, figure] of figures.entries()) {
    await figure.scrollIntoViewIfNeeded();
    while (!(await figure.evaluate(isDrawn)) && Date.now() < deadline) await page.waitForTimeout(100);
    if (!(await figure.evaluate(isDrawn))) missing.push(`${(await figure.getAttribute('data-figure')) ?? 'figure'} ${index + 1} was not drawn`);
  }
  return missing;
}

/**
 * How many figures the page has, and how many are drawn ({@link isDrawn}), without scrolling.
 *
 * @example
 * ```ts
 * const { figures, drawn } = await figureCounts(page);
 * ```
 */
export async function figureCounts(page: Page): Promise<{ figures: number; drawn: number }> {
  const drawn = await Promise.all((await page.locator('[data-figure]').all()).map((figure) => figure.evaluate(isDrawn)));
  return { figures: drawn.length, drawn: drawn.filter(Boolean).length };
}
