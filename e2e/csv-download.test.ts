import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { claims } from '../examples/claims/registry.ts';
import { csvFileName, toCsv } from '../examples/lab/experiment/csv.ts';
import type { ResultTable } from '../examples/lab/experiment/define-experiment.ts';
import { chainingTable, perHopTable } from '../examples/nano-chaining/report.ts';
import { originTable } from '../examples/nano-no-duplication/report.ts';
import { openSitePage } from './page-problems.ts';
import { runInPanel } from './run-panel.ts';
import { useSiteInChromium } from './site-in-chromium.ts';

const site = useSiteInChromium();

/** The UTF-8 byte order mark every downloaded CSV starts with, so that spreadsheets read µ and × right. */
const bom = '\uFEFF';

const resultOf = (claimId: string) => (JSON.parse(readFileSync(new URL(`../evidence/${claimId}.json`, import.meta.url), 'utf8')) as { result: never }).result;

/** Presses a download button and returns the saved file's name and text. */
async function download(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [saved] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: saved.suggestedFilename(), text: readFileSync(await saved.path(), 'utf8') };
}

/** The download button of a table: a folded table is unfolded first, as a reader must. */
async function buttonFor(page: Page, title: string): Promise<Locator> {
  const button = page.getByRole('button', { name: `Download CSV: ${title}`, exact: true });
  if (!(await button.isVisible())) await page.locator('details > summary', { hasText: title }).click();
  return button;
}

describe('downloading a result table as CSV', () => {
  it('saves each table of the chaining page, folded or not, as the CSV of the published evidence', async () => {
    const { page, problems, close } = await openSitePage(site, '/docs/nanoservices/chaining');
    try {
      const result = resultOf('nano-chaining');
      for (const table of [perHopTable(result), chainingTable(result)]) {
        const file = await download(page, await buttonFor(page, table.title));
        expect(file.name).toBe(csvFileName('nano-chaining', table.title));
        expect(file.text).toBe(bom + toCsv(table));
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('names the file for the claim of the page it is on, and keeps a spreadsheet from running a package name as a formula', async () => {
    const { page, problems, close } = await openSitePage(site, '/docs/nanoservices/no-duplication');
    try {
      const table = originTable(resultOf('nano-no-duplication'), 'own-functions');
      const file = await download(page, await buttonFor(page, table.title));
      expect(file.name).toBe(csvFileName('nano-no-duplication', table.title));
      expect(file.text).toBe(bom + toCsv(table));
      expect(file.text).toContain("\r\n'@hono/node-server,");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('offers a download for every result table of every claim page, named for its table', async () => {
    let tables = 0;
    for (const claim of claims) {
      const html = await (await fetch(`${site.root}/docs/${claim.page}`)).text();
      // The minified HTML quotes an attribute value only when it must.
      const regions = [...html.matchAll(/class="?table-scroll"? role="?region"? aria-label=(?:"([^"]*)"|([^\s>]*))/g)].map((match) => match[1] ?? match[2]);
      const buttons = [...html.matchAll(/aria-label=(?:"Download CSV: ([^"]*)"|Download CSV: ([^\s>]*))/g)].map((match) => match[1] ?? match[2]);
      expect(buttons, claim.page).toEqual(regions);
      tables += regions.length;
    }
    expect(tables).toBeGreaterThan(claims.length);
  });
});

/** The table a results region shows, read back from the page: numbers from number cells, — as a missing value. */
function shownTable(region: Locator): Promise<ResultTable> {
  return region.evaluate((element) => {
    const table = element.querySelector('table') as HTMLTableElement;
    const columns = [...table.querySelectorAll('thead th')].map((th, index) => ({ key: String(index), label: th.textContent ?? '' }));
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries([...tr.querySelectorAll('td')].map((td, index) => [String(index), td.classList.contains('number') ? Number(td.textContent) : td.textContent === '—' ? null : (td.textContent ?? '')])),
    );
    return { title: table.caption?.textContent ?? '', columns, rows };
  });
}

describe('downloading the result of a run in the page', () => {
  it('saves each table of the reader’s run, under a name that says it is a browser run, as the page shows it', async () => {
    await runInPanel(site, '/docs/nanoservices/chaining', { 'chain lengths': '1, 2', 'iterations': '30', 'throughput requests': '30' }, async ({ page, results }) => {
      const regions = await results.getByRole('region').all();
      expect(regions.length).toBeGreaterThan(0);
      for (const region of regions) {
        const shown = await shownTable(region);
        expect(shown.rows.length).toBeGreaterThan(0);
        const file = await download(page, results.getByRole('button', { name: `Download CSV: ${shown.title}`, exact: true }));
        expect(file.name).toBe(csvFileName('nano-chaining-browser-run', shown.title));
        expect(file.text).toBe(bom + toCsv(shown));
      }
    });
  });
});
