import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claimsWithKeyFigure, keyFigure } from './key-figures.ts';
import { claims } from './registry.ts';

interface EvidenceFile {
  readonly verdict: { readonly verdict: string };
  readonly result: unknown;
}

const evidencePath = (id: string) => new URL(`../../evidence/${id}.json`, import.meta.url);
const readEvidence = (id: string): EvidenceFile => JSON.parse(readFileSync(evidencePath(id), 'utf8')) as EvidenceFile;
const withEvidence = claims.filter((claim) => existsSync(evidencePath(claim.id)));
const decided = withEvidence.filter((claim) => readEvidence(claim.id).verdict.verdict !== 'not-testable');

/** Every number in a value: numeric leaves, numbers inside strings, and array lengths (a count of rows). */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return (value.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (Array.isArray(value)) return [value.length, ...value.flatMap(numbersIn)];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

/** The numbers a figure shows, with the decimals it shows them with. */
const shownNumbers = (figure: string) => (figure.match(/\d+(?:\.\d+)?/g) ?? []).map((text) => ({ text, value: Number(text), digits: text.split('.')[1]?.length ?? 0 }));

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

  it('follows the result: changed figures give a changed output', () => {
    const chaining = structuredClone(readEvidence('nano-chaining').result) as { perHop: Array<{ transport: string; perHopUs: number; ratioToRawHttp: number | null }> };
    const before = keyFigure('nano-chaining', chaining);
    const http = chaining.perHop.find((hop) => hop.transport === 'http');
    if (!http) throw new Error('evidence/nano-chaining.json has no http hop');
    Object.assign(http, { perHopUs: 987.6, ratioToRawHttp: 4.32 });
    expect(keyFigure('nano-chaining', chaining)).toBe('987.6 µs per HTTP hop (4.32× a raw node:http round trip)');
    expect(keyFigure('nano-chaining', chaining)).not.toBe(before);

    const cluster = structuredClone(readEvidence('nano-clustered-app').result) as { rows: Array<{ shape: string; failureProbability: number; attempts: number; measuredSuccessPercent: number }> };
    const worstP = Math.max(...cluster.rows.map((row) => row.failureProbability));
    const nano = cluster.rows.find((row) => row.shape === 'nanoservices' && row.failureProbability === worstP && row.attempts === 1);
    if (!nano) throw new Error('evidence/nano-clustered-app.json has no nanoservice row at its worst failure rate');
    nano.measuredSuccessPercent = 12.3;
    expect(keyFigure('nano-clustered-app', cluster)).toMatch(/^12\.3 % of nano checkouts succeed/);

    const data = structuredClone(readEvidence('micro-no-shared-data').result) as { delivery: Array<{ variant: string; lost: number }> };
    const naive = data.delivery.find((row) => row.variant === 'write then publish');
    if (!naive) throw new Error('evidence/micro-no-shared-data.json has no write-then-publish row');
    naive.lost = 77;
    expect(keyFigure('micro-no-shared-data', data)).toMatch(/^77 of \d+ payment events lost/);
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
