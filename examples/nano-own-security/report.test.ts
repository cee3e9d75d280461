import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-own-security.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { keyFigure, pageFigures, referenceSystemsTable, type Result, type SecurityRow } from './report.ts';

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
  referenceSystems: referenceStructures(),
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

  it('reads how far an exploit inside one unit reaches on each reference system, and what nanoservices add to the microservices', () => {
    const figures = pageFigures(result);
    // Counted from the files. Tables: the checkout's microservices 25% (its cart unit holds none of its two tables), nanoservices 1/6;
    // Online Boutique 2/13 in both cuts (a service's two operations share one store); the Alibaba-like tree 66/288 against 1/24.
    expect(figures.referenceTablesReach.microservices).toMatch(/checkout.* 25%, Online Boutique.* 15% and .*Alibaba.* 23%$/);
    expect(figures.referenceTablesReach.nanoservices).toMatch(/checkout.* 17%, Online Boutique.* 15% and .*Alibaba.* 4%$/);
    expect(figures.referenceCodeReach.microservices).toMatch(/checkout.* 39%, Online Boutique.* 12% and .*Alibaba.* 24%$/);
    expect(figures.referenceCodeReach.nanoservices).toMatch(/checkout.* 17%, Online Boutique.* 8% and .*Alibaba.* 4%$/);
    // (1 − 0.25) / (1 − 1/6) = 90% on the checkout; all of it on Online Boutique; (1 − 66/288) / (1 − 1/24) = 80% on the Alibaba-like tree.
    expect(figures.referenceTablesNarrowedByMicro).toMatch(/checkout.* 90%, Online Boutique.* 100% and .*Alibaba.* 80%$/);
    expect(figures.referenceCodeNarrowedByMicro).toMatch(/checkout.* 73%, Online Boutique.* 95% and .*Alibaba.* 79%$/);
    expect(figures.referenceTablesNanoOverMicro).toMatch(/checkout.* 0\.67×, Online Boutique.* 1\.00× and .*Alibaba.* 0\.18×$/);
    expect(figures.referenceNoNarrowerTables).toMatch(/^Online Boutique/);
    expect(figures.verdictMap.threshold).toBe(1);
    expect(figures.verdictMap.lines.map((line) => line.points.map((point) => Math.round(point.estimate * 100) / 100))).toEqual([
      [0.67, 1, 4],
      [1, 1, 6.5],
      [0.18, 1, 4.36],
    ]);
    expect(referenceSystemsTable(result).rows).toHaveLength(9);
    expect(referenceSystemsTable(result).rows[0]).toMatchObject({ cut: 'monolith', unitShareOfSystem: '100%', compromisedTablesShare: '100%' });
  });

  it('says so when nanoservices narrow the tables on every reference system', () => {
    const cuts = result.referenceSystems.cuts.map((row) => (row.system === 'online-boutique' && row.cut === 'nanoservices' ? { ...row, compromisedTablesShare: 0.1 } : row));
    expect(pageFigures({ ...result, referenceSystems: { ...result.referenceSystems, cuts } }).referenceNoNarrowerTables).toBe('none of them');
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
