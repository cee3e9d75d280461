import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The reference systems page lists its systems by hand (one heading and one import each): this keeps
// the list equal to the folder, so that a new reference system cannot be left off the page.
describe('the reference systems page', () => {
  it('shows every reference system of examples/systems (the worked example has its own page)', () => {
    const page = readFileSync(new URL('../../docs/systems/reference-systems.mdx', import.meta.url), 'utf8');
    const imported = [...page.matchAll(/from '@site\/examples\/systems\/([a-z0-9-]+)\.json'/g)].map((match) => match[1]).sort();
    const files = readdirSync(new URL('./', import.meta.url)).filter((name) => name.endsWith('.json') && name !== 'shop.json').map((name) => name.replace(/\.json$/, '')).sort();
    expect(imported).toEqual(files);
    for (const name of files) expect(page, name).toMatch(new RegExp(`^## .+ \\{/\\* #${name} \\*/\\}$`, 'm'));
  });
});
