import { describe, expect, it } from 'vitest';
import { checkSlug, checkWords, maxSlugLength, maxWordsLength, ScaffoldError, shown } from './scaffold-input.ts';

describe('checkSlug', () => {
  it('accepts lowercase words joined by hyphens, up to the limit', () => {
    expect(checkSlug('comparison slug', 'event-sourcing-2', 'modular-monolith', maxSlugLength)).toBe('event-sourcing-2');
    expect(checkSlug('comparison slug', 'a'.repeat(maxSlugLength), 'modular-monolith', maxSlugLength)).toHaveLength(maxSlugLength);
  });

  it.each([
    [undefined, 'give the comparison slug, for example modular-monolith'],
    ['', 'give the comparison slug, for example modular-monolith'],
    ['Event Sourcing', '"Event Sourcing" is not a valid comparison slug: use lowercase words joined by hyphens, for example modular-monolith'],
    ['a--b', '"a--b" is not a valid comparison slug'],
    ['../docs', '"../docs" is not a valid comparison slug'],
    ['a'.repeat(300), 'is too long: keep it to 40 characters at most'],
  ])('refuses %j, saying what to change', (slug, message) => {
    expect(() => checkSlug('comparison slug', slug, 'modular-monolith', maxSlugLength)).toThrow(message);
  });
});

describe('checkWords', () => {
  it('trims the words and keeps any printable character', () => {
    expect(checkWords('claim', '  Calls cost */ nothing {at all} <Really 😀 ', 'x', maxWordsLength)).toBe('Calls cost */ nothing {at all} <Really 😀');
  });

  it.each([
    [' a ', 'give the claim in quotes'],
    ['two\nlines', 'give the claim on one line'],
    ['x'.repeat(301), 'the claim is 301 characters long: say it in 300 characters at most'],
    ['half \uD800 pair', 'is not well-formed text'],
    ['a tab\there', 'holds the invisible character U+0009'],
    ['line\u2028separator', 'holds the invisible character U+2028'],
    ['non\uFFFEcharacter', 'holds the invisible character U+FFFE'],
  ])('refuses %j, saying what to change', (words, message) => {
    expect(() => checkWords('claim', words, 'x', maxWordsLength)).toThrow(ScaffoldError);
    expect(() => checkWords('claim', words, 'x', maxWordsLength)).toThrow(message);
  });
});

describe('shown', () => {
  it('quotes input with its line breaks visible, and shortens long input by code points', () => {
    expect(shown('two\nlines')).toBe('"two\\nlines"');
    expect(shown('😀'.repeat(100))).toBe(`"${'😀'.repeat(39)}…" (200 characters)`);
  });
});
