import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { shapes } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { wordCount } from '../lab/experiment/verdict-rule.ts';
import { findingFor, verdictFor, type SecurityResult, type SecurityRow } from './report.ts';
import { issueShapeSecrets } from './unit-credentials.ts';

let result: SecurityResult;
const row = (policy: string, shape: string) => {
  const found = result.rows.find((r) => r.policy === policy && r.shape === shape);
  if (!found) throw new Error(`no row for ${policy}/${shape}`);
  return found;
};

describe('nano-own-security (quick run: both policies, three shapes, real HTTP)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('with every guard on, the legitimate checkout returns the in-process receipt and passes one token check per unit', () => {
    for (const r of result.rows) {
      expect(r.checkoutIdentical).toBe(true);
      expect(r.verificationsPerCheckout).toBe(shapes[r.shape].units.length);
    }
  });

  it('refuses every bad call (401 without a token, 403 with a wrong one) and no function runs for them', () => {
    for (const r of result.rows) {
      expect(r.badCallsSent).toBeGreaterThan(0);
      expect(r.refused401 + r.refused403).toBe(r.badCallsSent);
      expect(r.refused401).toBeGreaterThan(0);
      expect(r.refused403).toBeGreaterThan(0);
      expect(r.executionsFromBadCalls).toBe(0);
    }
  });

  it('under the per-unit policy, one leaked credential opens the routes of one unit: 6 in the monolith, at most 3 in microservices, 1 in nanoservices', () => {
    expect(row('unit', 'monolith').maxRoutesOpened).toBe(6);
    expect(row('unit', 'microservices').maxRoutesOpened).toBe(3);
    expect(row('unit', 'nanoservices').maxRoutesOpened).toBe(1);
    for (const leak of result.leaks.filter((l) => l.policy === 'unit')) {
      const unit = shapes[leak.shape].units.find((u) => u.name === leak.audience);
      expect(leak.routesOpened).toBe(unit?.functions.length);
    }
  });

  it('under the per-route policy, every shape has a blast radius of one route', () => {
    for (const shape of Object.keys(shapes)) expect(row('route', shape).maxRoutesOpened).toBe(1);
  });

  it('the secrets grow with the units: a key per unit and a token per caller (2, 6, 12)', () => {
    expect(['monolith', 'microservices', 'nanoservices'].map((s) => row('unit', s).secrets)).toEqual([2, 6, 12]);
    expect(issueShapeSecrets(shapes.nanoservices).credentials.map((c) => c.holder)).toEqual(['client', 'validateCart', 'priceCart', 'applyDiscount', 'calculateTax', 'chargePayment']);
  });

  it('only the nanoservices hand out a credential that opens chargePayment alone under the per-route policy', () => {
    expect(['monolith', 'microservices', 'nanoservices'].map((s) => row('route', s).leaksOpeningPayment)).toEqual([0, 0, 1]);
  });

  it('supports the verdict the registry publishes: every cut enforces its own keys and reaches a one-route radius, so misattributed', () => {
    expect(findingFor(result).shownBy).toEqual({ monolith: true, microservices: true, nanoservices: true });
    expect(verdictFor(result).verdict).toBe('misattributed');
    expect(verdictFor(result).verdict).toBe(claimById('nano-own-security').verdict);
    expect(findingFor(result).cost?.ratio.estimate).toBe(6);
  });

  it('prints a row per policy and shape, and a row per leaked credential', () => {
    const [main, leaks] = experiment.tables(result);
    expect(main?.rows).toHaveLength(6);
    expect(leaks?.rows).toHaveLength(2 * (1 + 3 + 6));
  });
});

describe('findingFor', () => {
  const base: SecurityRow = {
    policy: 'unit', shape: 'monolith', units: 1, routes: 6, keys: 1, tokens: 1, secrets: 2, verificationsPerCheckout: 1,
    checkoutIdentical: true, badCallsSent: 10, refused401: 2, refused403: 8, executionsFromBadCalls: 0,
    leakableCredentials: 1, maxRoutesOpened: 6, meanRoutesOpened: 6, leaksOpeningPayment: 1,
  };
  const nano: SecurityRow = { ...base, shape: 'nanoservices', units: 6, keys: 6, tokens: 6, secrets: 12, maxRoutesOpened: 1, meanRoutesOpened: 1, leakableCredentials: 6 };
  const routePolicy = (row: SecurityRow): SecurityRow => ({ ...row, policy: 'route', maxRoutesOpened: 1, meanRoutesOpened: 1 });
  const both = [base, nano, routePolicy(base), routePolicy(nano)];
  // The verdict reads the rows only; the reference systems are for the page.
  const judged = (rows: SecurityRow[]): SecurityResult => ({ rows, leaks: [], referenceSystems: { systems: [], cuts: [] } });

  it('is misattributed when the monolith, with routes closed, limits a leak as tightly, and counts the secrets as the price', () => {
    const finding = findingFor(judged(both));
    expect(finding.shownBy).toEqual({ monolith: true, nanoservices: true });
    expect(verdictFor(judged(both)).verdict).toBe('misattributed');
    expect(finding.cost?.ratio).toEqual({ estimate: 6, low: 6, high: 6, runs: 1 });
    expect(finding.because).toBe("Every cut's units enforced their own keys (all 40 bad calls refused); closing internal routes cut any leak to 1 route everywhere. Nanoservices need 12 secrets, the monolith 2");
    expect(wordCount(finding.because)).toBeLessThanOrEqual(30);
  });

  it('holds with a cost when only the nanoservices limit a leak to one route', () => {
    const finding = findingFor(judged([base, nano]));
    expect(finding.shownBy).toEqual({ monolith: false, nanoservices: true });
    expect(verdictFor(judged([base, nano])).verdict).toBe('holds-with-cost');
    expect(finding.because).toContain('in the monolith the tightest policy left more open');
  });

  it('does not hold when a bad call ran a nanoservice function', () => {
    expect(verdictFor(judged([base, { ...nano, executionsFromBadCalls: 1 }])).verdict).toBe('does-not-hold');
  });
});
