import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { claims } from '../examples/claims/registry.ts';
import { useSiteInChromium } from './site-in-chromium.ts';
import { basePath, builtFor } from './site-server.ts';

const site = useSiteInChromium();

const evidenceDir = new URL('../evidence/', import.meta.url);
const committed = readdirSync(evidenceDir).filter((name) => name.endsWith('.json'));
const committedText = (name: string) => readFileSync(new URL(name, evidenceDir), 'utf8');
const withEvidence = claims.filter((claim) => committed.includes(`${claim.id}.json`));

describe('the evidence files, as the built site serves them', () => {
  it('finds the committed evidence files, nano-chaining among them', () => {
    expect(committed).toContain('nano-chaining.json');
  });

  it.for(committed)('serves %s under the site’s base, as JSON, byte for byte as committed', async (name) => {
    const response = await fetch(`${site.root}/evidence/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe(committedText(name));
  });

  it('serves the format as JSON Schema at its own address, and the served nano-chaining.json validates against it', async () => {
    const schema = (await (await fetch(`${site.root}/evidence/schema.json`)).json()) as Record<string, unknown>;
    expect(schema.$id).toBe(`${builtFor.url}${builtFor.baseUrl}evidence/schema.json`);
    // The served schema's date pattern checks the date: ajv is only told that the format exists.
    const validate = new Ajv2020({ allErrors: true, formats: { 'date-time': true } }).compile(schema);
    const evidence = (await (await fetch(`${site.root}/evidence/nano-chaining.json`)).json()) as { stamp: Record<string, unknown> };
    expect(validate(evidence), JSON.stringify(validate.errors)).toBe(true);
    // And it checks something: the same file with a field broken does not validate.
    expect(validate({ ...evidence, stamp: { ...evidence.stamp, sourceHash: 'not a hash' } })).toBe(false);
  });

  it('links each claim page’s evidence stamp to the served file', async () => {
    for (const claim of withEvidence) {
      const html = await (await fetch(`${site.root}/docs/${claim.page}`)).text();
      // The minified HTML drops the quotes around plain attribute values.
      expect(html, claim.page).toMatch(new RegExp(`href="?${basePath}/evidence/${claim.id}\\.json[" >]`));
    }
  });

  it('opens the served file from the stamp’s link on the chaining page', async () => {
    const context = await site.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${site.root}/docs/nanoservices/chaining`, { waitUntil: 'networkidle' });
      const link = page.getByRole('link', { name: 'evidence/nano-chaining.json', exact: true });
      expect(await link.getAttribute('href')).toBe(`${basePath}/evidence/nano-chaining.json`);
      const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.url().endsWith('/evidence/nano-chaining.json')), link.click()]);
      expect(response.status()).toBe(200);
      expect(await response.text()).toBe(committedText('nano-chaining.json'));
    } finally {
      await context.close();
    }
  });
});
