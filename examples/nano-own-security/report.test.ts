import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-own-security.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { keyFigure, pageFigures, type Result, type SecurityRow } from './report.ts';

// Every figure differs between policies and shapes, so a figure read from the wrong row reads wrong.
const shapeIndex = { monolith: 1, microservices: 2, nanoservices: 3 } as const;
const row = (policy: SecurityRow['policy'], shape: SecurityRow['shape']): SecurityRow => {
  const n = (policy === 'unit' ? 0 : 10) + shapeIndex[shape];
  return {
    policy,
    shape,
    units: n,
    routes: 100 + n,
    keys: n,
    tokens: n,
    secrets: 200 + n,
    verificationsPerCheckout: 300 + n,
    checkoutIdentical: true,
    badCallsSent: 1000 * n,
    refused401: 10 * n,
    refused403: 1000 * n - 10 * n - 1,
    executionsFromBadCalls: 1,
    leakableCredentials: 400 + n,
    maxRoutesOpened: 500 + n,
    meanRoutesOpened: 1,
    leaksOpeningPayment: 600 + n,
  };
};

const result: Result = {
  rows: (['unit', 'route'] as const).flatMap((policy) => (['monolith', 'microservices', 'nanoservices'] as const).map((shape) => row(policy, shape))),
  leaks: [],
};

describe('pageFigures', () => {
  it('adds up the bad calls, the refusals and the function runs over every shape and policy', () => {
    const figures = pageFigures(result);
    // Shape indexes 1, 2, 3, 11, 12, 13 add up to 42; every row refused one call fewer than it was sent and ran one function.
    expect(figures.badCalls).toBe(42_000);
    expect(figures.refused).toBe(42_000 - 6);
    expect(figures.ranForBadCalls).toBe(6);
  });

  it('reads each shape under the per-unit policy', () => {
    expect(pageFigures(result).unitPolicy.microservices).toEqual({ routes: 102, maxRoutesOpened: 502, leakableCredentials: 402, leaksOpeningPayment: 602, secrets: 202, verificationsPerCheckout: 302 });
    expect(pageFigures(result).unitPolicy.monolith.maxRoutesOpened).toBe(501);
    expect(pageFigures(result).unitPolicy.nanoservices.secrets).toBe(203);
  });

  it('reads each shape under the per-route policy', () => {
    expect(pageFigures(result).routePolicy.nanoservices).toEqual({ routes: 113, maxRoutesOpened: 513, leakableCredentials: 413, leaksOpeningPayment: 613, secrets: 213, verificationsPerCheckout: 313 });
    expect(pageFigures(result).routePolicy.monolith.leaksOpeningPayment).toBe(611);
  });

  it('throws, naming the row, when the run left out a policy the page reads', () => {
    expect(() => pageFigures({ ...result, rows: result.rows.filter((r) => r.policy !== 'route') })).toThrow('"policy":"route"');
  });

  it('states the price as the nanoservices’ secrets over the monolith’s, and the secrets each unit needs', () => {
    // Per-unit policy: nanoservices 203 secrets over 3 units, the monolith 201.
    expect(pageFigures(result).secretsRatio).toBe('1.01×');
    expect(pageFigures(result).secretsPerUnit).toBeCloseTo(203 / 3, 10);
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('keyFigure', () => {
  it('gives the routes a leak opened under each cut’s tightest policy, the bad calls refused and the secrets, with the page’s ratio', () => {
    expect(keyFigure(result)).toBe(
      `with each cut’s tightest policy a leaked credential opened 501 routes in the monolith, 502 routes in the microservices and 503 routes in the nanoservices, 41,994 of 42,000 bad calls refused; nanoservices need 203 secrets vs 201 for the monolith (${pageFigures(result).secretsRatio})`,
    );
  });

  it('says it once when a leak opened as many routes in every cut', () => {
    const rows = result.rows.map((r) => ({ ...r, maxRoutesOpened: r.policy === 'route' ? 1 : 6 }));
    expect(keyFigure({ ...result, rows })).toMatch(/^with each cut’s tightest policy a leaked credential opened 1 route in every cut, /);
  });

  it('is null without the nanoservices or the monolith under the per-unit policy', () => {
    expect(keyFigure({ ...result, rows: result.rows.filter((r) => r.policy !== 'unit') })).toBeNull();
    expect(keyFigure({ ...result, rows: [] })).toBeNull();
  });
});
