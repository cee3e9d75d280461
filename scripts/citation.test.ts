import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repository, siteAddress } from '../src/site-address.ts';

interface Citation {
  readonly 'cff-version': string;
  readonly title: string;
  readonly abstract: string;
  readonly message: string;
  readonly type: string;
  readonly authors: ReadonlyArray<{ readonly name?: string }>;
  readonly license: string | readonly string[];
  readonly 'repository-code': string;
  readonly url: string;
  readonly version: string;
}

const citation = parse(readFileSync(new URL('../CITATION.cff', import.meta.url), 'utf8')) as Citation;
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; license: string };

// CITATION.cff repeats settings that live elsewhere: the repository and the site's address
// (src/site-address.ts), the version and the licences (package.json). This keeps the copies equal.
describe('CITATION.cff', () => {
  it('is Citation File Format 1.2.0 for a piece of software, by the contributors as an entity', () => {
    expect(citation['cff-version']).toBe('1.2.0');
    expect(citation.type).toBe('software');
    expect(citation.authors).toEqual([{ name: 'The Granularity Lab contributors' }]);
    for (const field of [citation.title, citation.abstract, citation.message]) expect(field.trim().length).toBeGreaterThan(20);
  });

  it('points to the repository and the site that src/site-address.ts builds from one setting', () => {
    const { url, baseUrl } = siteAddress(repository, {});
    expect(citation['repository-code']).toBe(repository);
    expect(citation.url).toBe(`${url}${baseUrl}`);
  });

  it('has the version and the licences of package.json', () => {
    expect(citation.version).toBe(manifest.version);
    const licences = typeof citation.license === 'string' ? [citation.license] : [...citation.license];
    expect(licences.sort()).toEqual(manifest.license.split(' AND ').sort());
  });
});
