import { describe, expect, it } from 'vitest';
import { findRow, pickRow, sumOf } from './pick.ts';

const rows = [
  { shape: 'monolith', mode: 'outage', failed: 2 },
  { shape: 'nanoservices', mode: 'outage', failed: 5 },
  { shape: 'nanoservices', mode: 'steady', failed: 0 },
];

describe('pickRow', () => {
  it('returns the one row that matches every field', () => {
    expect(pickRow(rows, { shape: 'nanoservices', mode: 'steady' }).failed).toBe(0);
  });
  it('throws with the fields asked for when no row or several rows match', () => {
    expect(() => pickRow(rows, { shape: 'microservices' })).toThrow('expected one row with {"shape":"microservices"}, found 0 among 3');
    expect(() => pickRow(rows, { shape: 'nanoservices' })).toThrow('found 2');
  });
});

describe('findRow', () => {
  it('is undefined when nothing matches and throws when several do', () => {
    expect(findRow(rows, { mode: 'recovery' })).toBeUndefined();
    expect(findRow(rows, { shape: 'monolith' })?.failed).toBe(2);
    expect(() => findRow(rows, { mode: 'outage' })).toThrow('found 2');
  });
});

describe('sumOf', () => {
  it('adds one numeric field over the rows', () => {
    expect(sumOf(rows, 'failed')).toBe(7);
    expect(sumOf([], 'failed' as never)).toBe(0);
  });
});
