import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseSystemFile, SystemFileError } from '../examples/lab/model/system-file.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const lab = useSiteInChromium();

/** The reality-check index page, whose last section runs a reader's system. */
const pagePath = '/docs/reality-check';

/** Opens the page, unfolds the "Run your own system" panel and waits until the first system's cuts are listed. Returns the panel. */
async function openSystemPanel(page: Page): Promise<Locator> {
  await page.goto(lab.root + pagePath, { waitUntil: 'networkidle' });
  const panel = page.locator('details', { hasText: 'Set up a run of a system in your browser' });
  await panel.locator('summary').click();
  await panel.getByRole('checkbox', { name: 'monolith' }).waitFor({ timeout: 15_000 });
  return panel;
}

/** The labels of the cut checkboxes, each with whether it is checked. */
async function listedCuts(panel: Locator): Promise<Array<[string, boolean]>> {
  const boxes = await panel.getByRole('checkbox').all();
  return Promise.all(boxes.map(async (box) => [((await box.locator('xpath=..').textContent()) ?? '').trim(), await box.isChecked()] as [string, boolean]));
}

/** Shop's file with changes to its operations, as a reader might paste it. */
function shopWith(operations: Readonly<Record<string, object>>): string {
  const shop = JSON.parse(readFileSync(new URL('../examples/systems/shop.json', import.meta.url), 'utf8')) as { operations: Record<string, object> };
  return JSON.stringify({ ...shop, operations: { ...shop.operations, ...operations } }, null, 2);
}

/**
 * Malformed files, each with a problem the command line names by a field's path: the fields' own
 * checks (a p99 below its median, a negative CPU time), then the whole file's (a call to an operation
 * it does not have), which run only once every field passes.
 */
const malformedFiles = [
  {
    text: shopWith({ cart: { work: { cpuUs: { median: 300, p99: 100 } } }, catalog: { work: { cpuUs: -1 } } }),
    shown: 'operations.cart.work.cpuUs.p99: p99 must be at least the median',
    count: 'pasted file: 2 problems:',
  },
  {
    text: shopWith({ catalog: { work: { cpuUs: 150 }, calls: [{ sync: 'pricing' }] } }),
    shown: 'operations.catalog.calls[0]: calls "pricing", which is not an operation: the operations are checkout, cart, catalog, payment, email',
    count: 'pasted file: 1 problem:',
  },
];

/** The problems the command line lists for a file: the checker `npm run lab -- run` reads it with. */
function commandLineProblems(text: string): readonly string[] {
  try {
    parseSystemFile(text, 'my-system.json');
  } catch (error) {
    if (error instanceof SystemFileError) return error.problems;
    throw error;
  }
  throw new Error('the command line accepts this file');
}

describe('running your own system in the page', () => {
  it('runs a picked reference system on every cut in a worker and shows the table and plots, fetching nothing outside the site', async () => {
    const context = await lab.browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const panel = await openSystemPanel(page);
      await panel.getByLabel('System', { exact: true }).selectOption('checkout');
      await panel.getByRole('checkbox', { name: 'modular-monolith' }).waitFor({ timeout: 15_000 });
      expect(await listedCuts(panel)).toEqual([
        ['monolith', true],
        ['nanoservices', true],
        ['microservices', true],
        ['modular-monolith', true],
      ]);
      const started = Date.now();
      await panel.getByRole('button', { name: 'Run in this tab' }).click();
      const results = panel.getByRole('region', { name: 'Results of your run' });
      await results.waitFor({ timeout: 60_000 });
      const table = results.locator('table').first();
      expect(await table.locator('thead th').allTextContents()).toEqual(['figure', 'monolith', 'nanoservices', 'microservices', 'modular-monolith']);
      const callsRow = table.locator('tbody tr', { hasText: 'calls through the transport / request' });
      expect((await callsRow.locator('td').allTextContents()).slice(1).every((cell) => /^\d+$/.test(cell))).toBe(true);
      await expect.poll(() => results.locator('figure svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await results.textContent()).toMatch(/checkout as monolith: .* against it, nanoservices: /);
      expect(await results.textContent()).toContain('npm run lab -- run --system examples/systems/checkout.json --transport memory --quick --cuts monolith,nanoservices,microservices,modular-monolith');
      expect(await panel.getByRole('status').textContent()).toMatch(/^Finished in [\d.]+ s\.$/);
      console.log(`in-page run of checkout on 4 cuts: ${((Date.now() - started) / 1000).toFixed(1)} s`);

      // The form, the problems and the results pass axe too (the accessibility suite sees the panel folded).
      const { violations } = await new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] }).analyze();
      expect(violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.target.join(' ')}`)).toEqual([]);

      expect(requests.filter((url) => !url.startsWith(`${lab.origin}/`)), 'requests outside the site').toEqual([]);
      expect(errors, 'errors thrown in the page').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a malformed pasted file with the command line’s problems, field by field, and shows no results', async () => {
    const context = await lab.browser.newContext();
    const page = await context.newPage();
    try {
      const panel = await openSystemPanel(page);
      await panel.getByLabel('System', { exact: true }).selectOption({ label: 'a system file you paste' });
      const file = panel.getByLabel('Your system file (JSON)');
      // It starts as a copy of the system picked before: shop.
      expect(JSON.parse(await file.inputValue())).toMatchObject({ name: 'shop' });
      for (const { text, shown, count } of malformedFiles) {
        await file.fill(text);
        expect((await listedCuts(panel)).map(([cut]) => cut)).toEqual(['monolith', 'nanoservices', 'microservices']);
        await panel.getByRole('button', { name: 'Run in this tab' }).click();
        await expect.poll(() => panel.getByText(shown, { exact: true }).count(), { timeout: 15_000 }).toBe(1);
        const problems = commandLineProblems(text);
        expect(await panel.getByRole('listitem').allTextContents()).toEqual(problems);
        expect(await panel.getByText(count, { exact: true }).count()).toBe(1);
        expect(await panel.getByRole('status').textContent()).toBe(`Not run: the file has ${problems.length} problem${problems.length === 1 ? '' : 's'}, listed below.`);
        expect(await file.getAttribute('aria-invalid')).toBe('true');
        expect(await panel.getByRole('region', { name: 'Results of your run' }).count()).toBe(0);
      }
    } finally {
      await context.close();
    }
  });

  it('cancels a run by stopping its worker, leaving the form ready for another', async () => {
    const context = await lab.browser.newContext();
    const page = await context.newPage();
    try {
      const panel = await openSystemPanel(page);
      await panel.getByLabel('System', { exact: true }).selectOption('tail-at-scale-search');
      await panel.getByRole('checkbox', { name: 'microservices' }).waitFor({ timeout: 15_000 });
      await panel.getByRole('button', { name: 'Run in this tab' }).click();
      await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Step \d+: /);
      // The main thread answers while the worker measures.
      expect(await page.evaluate(() => new Promise<number>((resolve) => setTimeout(() => resolve(1), 10)))).toBe(1);
      await panel.getByRole('button', { name: 'Cancel' }).click();
      expect(await panel.getByRole('status').textContent()).toBe('Cancelled.');
      expect(await panel.getByRole('button', { name: 'Run in this tab' }).isEnabled()).toBe(true);
      expect(await panel.getByRole('region', { name: 'Results of your run' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
