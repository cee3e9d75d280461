import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyFigure as chainingKeyFigure, type Result as ChainingResult } from '../nano-chaining/report.ts';
import { claimsWithKeyFigure, keyFigure } from './key-figures.ts';
import { articleClaims, claims } from './registry.ts';

interface EvidenceFile {
  readonly verdict: { readonly verdict: string };
  readonly result: unknown;
}

const evidencePath = (id: string) => new URL(`../../evidence/${id}.json`, import.meta.url);
const readEvidence = (id: string): EvidenceFile => JSON.parse(readFileSync(evidencePath(id), 'utf8')) as EvidenceFile;
const withEvidence = claims.filter((claim) => existsSync(evidencePath(claim.id)));
// As the claims check and the comparison page: a not-testable claim needs no key figure.
const decided = withEvidence.filter((claim) => claim.verdict !== 'not-testable' && readEvidence(claim.id).verdict.verdict !== 'not-testable');

/** Every number in a value: numeric leaves, numbers inside strings, and array lengths (a count of rows). */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return (value.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (Array.isArray(value)) return [value.length, ...value.flatMap(numbersIn)];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

/** The numbers a figure shows, with the decimals it shows them with ('9,870' is one number, as the formatters print it). */
const shownNumbers = (figure: string) =>
  (figure.match(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g) ?? []).map((text) => ({ text, value: Number(text.replaceAll(',', '')), digits: text.split('.')[1]?.length ?? 0 }));

/**
 * Numbers of the figure that come from the result: a result number rounded to the figure's decimals,
 * or a share (0–1) shown as a percentage. 0 and 1 are left out: they occur in any result.
 */
function numbersFromResult(figure: string, result: unknown): string[] {
  const found = numbersIn(result);
  const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  return shownNumbers(figure)
    .filter(({ value }) => value !== 0 && value !== 1)
    .filter(({ value, digits }) => found.some((n) => roundTo(n, digits) === value || (Math.abs(n) < 1 && roundTo(n * 100, digits) === value)))
    .map(({ text }) => text);
}

/** A copy of a value with every array emptied: what a run that measured nothing would leave. */
function emptied(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, emptied(inner)]));
  return value;
}

describe('keyFigure', () => {
  it('finds evidence for most claims, so the checks below check something', () => {
    expect(decided.length).toBeGreaterThan(claims.length / 2);
  });

  it.for(decided.map((claim) => claim.id))('%s: a figure with a unit, computed from its real evidence', (id) => {
    const result = readEvidence(id).result;
    const figure = keyFigure(id, result);
    expect(figure, `${id} has evidence and a verdict but no key figure: add one to key-figures.ts`).toEqual(expect.any(String));
    expect(figure?.trim().length).toBeGreaterThan(10);
    expect(figure, 'a figure shows at least one number').toMatch(/\d/);
    expect(numbersFromResult(figure as string, result), `no number of "${figure}" occurs in evidence/${id}.json`).not.toEqual([]);
  });

  it('has a figure function only for claims of the registry', () => {
    const ids = new Set(claims.map((claim) => claim.id));
    expect(claimsWithKeyFigure.filter((id) => !ids.has(id))).toEqual([]);
  });

  it.for(claimsWithKeyFigure)('%s: is the keyFigure its report.ts exports, for its evidence or for nothing measured', async (id) => {
    const report = (await import(`../${id}/report.ts`)) as { keyFigure: (result: unknown) => string | null };
    // What a call gives, an exception included: stale evidence throws the same in both.
    const outcome = (read: () => string | null) => {
      try {
        return read();
      } catch (error) {
        return `throws: ${(error as Error).message}`;
      }
    };
    const result = existsSync(evidencePath(id)) ? readEvidence(id).result : {};
    for (const each of [result, emptied(result), {}]) expect(outcome(() => keyFigure(id, each))).toEqual(outcome(() => report.keyFigure(each)));
  });

  it('follows the result: changed figures give a changed output', () => {
    const hop = (estimate: number) => ({ transport: 'http', perHopUs: estimate, interval: { estimate, low: estimate - 8, high: estimate + 9, runs: 5 }, runSlopesUs: [], ratioToRawHttp: null, ratioToRawHttpInterval: null });
    const inProcessCheckout = { iterations: 100, p50Us: 55.2, p90Us: 60, p99Us: 90, meanUs: 57, maxUs: 400 };
    const chaining = { rows: [], perHop: [hop(130)], inProcessCheckout, rawHttpRoundTrip: null, rawHttpRunsP50Us: null, identicalResults: true } as unknown as ChainingResult;
    expect(keyFigure('nano-chaining', chaining)).toBe('130 µs [122–139 µs] per HTTP hop, 14.1× a function’s work');
    expect(keyFigure('nano-chaining', { ...chaining, perHop: [hop(987.6)] })).toBe('988 µs [980–997 µs] per HTTP hop, 107.3× a function’s work');
    expect(keyFigure('nano-chaining', chaining)).toBe(chainingKeyFigure(chaining));
  });

  it('lists no key figure for an article claim the registry calls not-testable, as the claims check asks none', () => {
    const notTestable = articleClaims.filter((claim) => claim.verdict === 'not-testable').map((claim) => claim.id);
    expect(notTestable).toContain('nano-single-endpoint');
    expect(notTestable.filter((id) => claimsWithKeyFigure.includes(id))).toEqual([]);
  });

  it.for(claimsWithKeyFigure)('%s: null, not an exception, for a run that measured nothing', (id) => {
    const result = existsSync(evidencePath(id)) ? readEvidence(id).result : {};
    expect(keyFigure(id, emptied(result))).toBeNull();
  });

  it('gives null for a registry claim without an experiment, and throws for an id that is not a claim', () => {
    const withoutFigure = claims.filter((claim) => !claimsWithKeyFigure.includes(claim.id));
    for (const claim of withoutFigure) expect(keyFigure(claim.id, {})).toBeNull();
    expect(() => keyFigure('nano-nothing', {})).toThrow(/no claim "nano-nothing"/);
  });
});
