import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { claimFilterQuery, matchesClaimFilter, showingText, type ClaimFilter } from '../examples/claims/comparison-filter.ts';
import { keyFigure } from '../examples/claims/key-figures.ts';
import { articleClaims, claims, comparisons } from '../examples/claims/registry.ts';
import { findingSentence, verdictCountSentence } from '../examples/claims/verdict-summary.ts';
import { openSitePage } from './page-problems.ts';
import { useSiteInChromium } from './site-in-chromium.ts';
import { basePath as base } from './site-server.ts';

const site = useSiteInChromium();

const evidencePath = (id: string) => new URL(`../evidence/${id}.json`, import.meta.url);
const rowIds = (page: Page) => page.locator('tbody tr[data-claim-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-claim-id')));
const statusText = (page: Page) => page.getByRole('status').textContent();
const expectedIds = (filter: ClaimFilter) => claims.filter((claim) => matchesClaimFilter(claim, filter)).map((claim) => claim.id);

// Filters taken from the registry, so the test follows it: its commonest verdict, then the
// architecture with the fewest of those claims, which narrows the table without emptying it.
const commonest = <T>(values: readonly T[]) => [...new Set(values)].sort((a, b) => values.filter((v) => v === b).length - values.filter((v) => v === a).length)[0] as T;
const verdict = commonest(claims.map((claim) => claim.verdict));
const withVerdict = claims.filter((claim) => claim.verdict === verdict).map((claim) => claim.architecture);
const architecture = [...new Set(withVerdict)].sort((a, b) => withVerdict.filter((v) => v === a).length - withVerdict.filter((v) => v === b).length)[0] as ClaimFilter['architecture'];

/** Opens a page of the site in a fresh context, expecting it to be there, and records its problems. */
async function open(path: string) {
  const opened = await openSitePage(site, path);
  expect(opened.status, path).toBe(200);
  return opened;
}

describe('the comparison page', () => {
  it('server-renders a row for every claim of the registry, in its order', async () => {
    const html = await (await fetch(`${site.root}/docs/comparison`)).text();
    // The minified HTML drops the quotes around plain attribute values.
    const ids = [...html.matchAll(/data-claim-id="?([a-z-]+)/g)].map((match) => match[1]);
    expect(ids).toEqual(claims.map((claim) => claim.id));
    expect(html).toContain(showingText(claims.length, claims.length));
  });

  it('lists every claim with its words, section link, verdict, key figure from its evidence, and evidence link', async () => {
    const { page, problems, close } = await open('/docs/comparison');
    try {
      expect(await rowIds(page)).toEqual(claims.map((claim) => claim.id));
      for (const claim of claims) {
        const row = page.locator(`tbody tr[data-claim-id="${claim.id}"]`);
        const cells = row.locator('th, td');
        expect(await cells.nth(0).textContent()).toBe(`“${claim.articleSays}”`);
        expect(await cells.nth(0).locator('a').getAttribute('href')).toBe(`${base}/docs/${claim.page}#${claim.id}`);
        expect(await cells.nth(1).textContent()).toBe(claim.architecture);
        expect(await cells.nth(2).textContent()).toBe(claim.verdict);
        const evidence = existsSync(evidencePath(claim.id)) ? (JSON.parse(readFileSync(evidencePath(claim.id), 'utf8')) as { verdict: { verdict: string }; result: unknown }) : undefined;
        const figure = evidence && evidence.verdict.verdict !== 'not-testable' ? keyFigure(claim.id, evidence.result) : null;
        expect(await cells.nth(3).textContent(), `key figure of ${claim.id}`).toBe(figure ?? '—');
        const evidenceLink = cells.nth(4).locator('a');
        if (evidence) expect(await evidenceLink.getAttribute('href')).toBe(`${base}/evidence/${claim.id}.json`);
        else expect(await evidenceLink.count()).toBe(0);
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('filters by verdict, then by architecture, keeps the count and the URL in step', async () => {
    const { page, problems, close } = await open('/docs/comparison');
    try {
      const verdictSelect = page.getByLabel('Verdict', { exact: true });
      await verdictSelect.selectOption(verdict);
      const byVerdict = { verdict, architecture: null };
      await expect.poll(() => rowIds(page)).toEqual(expectedIds(byVerdict));
      const verdicts = await page.locator('tbody tr[data-claim-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')));
      expect(new Set(verdicts)).toEqual(new Set([verdict]));
      expect(await statusText(page)).toBe(showingText(expectedIds(byVerdict).length, claims.length));
      expect(new URL(page.url()).search).toBe(claimFilterQuery(byVerdict));

      // From the verdict box to the architecture box with Tab, then pick with the arrow keys.
      await verdictSelect.focus();
      await page.keyboard.press('Tab');
      const architectureSelect = page.getByLabel('Architecture', { exact: true });
      expect(await architectureSelect.evaluate((element) => element === document.activeElement)).toBe(true);
      const options = await architectureSelect.locator('option').evaluateAll((all) => all.map((option) => (option as HTMLOptionElement).value));
      for (let i = 0; i < options.indexOf(architecture as string); i += 1) await page.keyboard.press('ArrowDown');
      expect(await architectureSelect.inputValue()).toBe(architecture);
      const both = { verdict, architecture };
      await expect.poll(() => rowIds(page)).toEqual(expectedIds(both));
      const shown = await page.locator('tbody tr[data-claim-id]').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-verdict'), row.getAttribute('data-architecture')]));
      expect(shown.length).toBeGreaterThan(0);
      for (const [rowVerdict, rowArchitecture] of shown) expect([rowVerdict, rowArchitecture]).toEqual([verdict, architecture]);
      expect(await statusText(page)).toBe(showingText(expectedIds(both).length, claims.length));
      expect(new URL(page.url()).search).toBe(claimFilterQuery(both));

      await verdictSelect.selectOption('');
      await architectureSelect.selectOption('');
      await expect.poll(() => rowIds(page)).toEqual(claims.map((claim) => claim.id));
      expect(new URL(page.url()).search).toBe('');
      expect(await statusText(page)).toBe(showingText(claims.length, claims.length));
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('fits a phone: the table scrolls inside its box, the page does not scroll sideways', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(`${site.root}/docs/comparison`, { waitUntil: 'networkidle' });
      expect(await page.locator('.table-scroll > table').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await context.close();
    }
  });

  it('applies the filter in the URL query when the page loads', async () => {
    const filter = { verdict, architecture };
    const { page, problems, close } = await open(`/docs/comparison${claimFilterQuery(filter)}`);
    try {
      await expect.poll(() => rowIds(page)).toEqual(expectedIds(filter));
      expect(await page.getByLabel('Verdict', { exact: true }).inputValue()).toBe(verdict);
      expect(await page.getByLabel('Architecture', { exact: true }).inputValue()).toBe(architecture);
      expect(await statusText(page)).toBe(showingText(expectedIds(filter).length, claims.length));
      expect(problems, 'no hydration mismatch or other error with a query').toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the home page', () => {
  const doors = [
    { heading: 'Read the comparison', href: '/docs/comparison' },
    { heading: 'Run an experiment', href: '/docs/nanoservices/chaining#run-it-in-your-browser' },
    { heading: 'Contribute a page', href: '/docs/contribute' },
  ];

  it('leads with the article\'s finding computed from the registry, links the added comparisons and shows three doors', async () => {
    const { page, problems, close } = await open('/');
    try {
      expect(await page.locator('main').textContent()).toContain(verdictCountSentence(articleClaims));
      expect(await page.locator('main').textContent()).toContain(findingSentence(articleClaims));
      expect(await page.locator('main table tbody tr').count()).toBe(articleClaims.length);
      for (const comparison of comparisons) expect(await page.locator(`main a[href="${base}/docs/${comparison.slug}"]`).textContent()).toBe(comparison.title);
      for (const door of doors) {
        const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: door.heading, exact: true }) });
        expect(await section.locator(`a[href="${base}${door.href}"]`).isVisible(), door.heading).toBe(true);
      }
      expect(await page.locator('main').textContent()).toContain('npm run example -- nano-chaining');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it.for(doors)('the door "$heading" leads to a page that exists', async (door) => {
    const url = new URL(door.href, site.origin);
    const { page, close } = await open(url.pathname + url.hash);
    try {
      if (url.hash) expect(await page.locator(url.hash).count(), `${url.hash} on ${url.pathname}`).toBe(1);
      expect(await page.locator('h1').count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('renders CONTRIBUTING.md on the contribute page', async () => {
    const { page, close } = await open('/docs/contribute');
    try {
      const title = readFileSync(new URL('../CONTRIBUTING.md', import.meta.url), 'utf8').match(/^# (.+)$/m)?.[1];
      expect(await page.locator('h1').textContent()).toBe(title);
      expect(await page.locator('article').textContent()).toContain('npm run check:claims');
    } finally {
      await close();
    }
  });
});
