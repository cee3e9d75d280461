import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { experimentIds } from '../experiments.ts';
import { checkClaims } from './check.ts';
import { articleClaims, claimById, claims } from './registry.ts';

describe('the claims registry', () => {
  it('passes the claims check: every published claim has its experiment, tests, evidence and page', async () => {
    const problems = await checkClaims(claims, { experimentIds });
    expect(problems.map((problem) => problem.message)).toEqual([]);
  });

  it('lists every claim of claims.md (the claims of the article with their references), and nothing else', () => {
    const listed = readFileSync(new URL('./claims.md', import.meta.url), 'utf8');
    const ids = [...listed.matchAll(/^\| ((?:nano|micro)-[a-z-]+)/gm)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(articleClaims.map((claim) => claim.id).sort()).toEqual([...ids].sort());
  });

  it('finds a claim by id and names the known ids for an unknown one', () => {
    expect(claimById('nano-chaining').architecture).toBe('nanoservices');
    expect(() => claimById('nano-nothing')).toThrow(/no claim "nano-nothing".*nano-chaining/);
  });
});
