import { describe, expect, it } from 'vitest';
import { identifierFor } from './scaffold-identifier.ts';

describe('identifierFor', () => {
  it('is the camelCase of the slug when that is a usable name', () => {
    expect(identifierFor('modular-monolith-in-process-calls')).toBe('modularMonolithInProcessCalls');
    expect(identifierFor('shop')).toBe('shop');
  });

  it('puts an underscore before a reserved word, a restricted name or a name the module declares', () => {
    expect(['delete', 'eval', 'undefined', 'await', 'global-this'].map((slug) => identifierFor(slug))).toEqual(['_delete', '_eval', '_undefined', '_await', '_globalThis']);
    expect(identifierFor('comparison-files', ['comparisonFiles'])).toBe('_comparisonFiles');
  });

  it('gives look-alike slugs names of their own', () => {
    expect(identifierFor('a-b-1')).toBe('aB_1');
    expect(identifierFor('a-b1')).toBe('aB1');
  });
});
