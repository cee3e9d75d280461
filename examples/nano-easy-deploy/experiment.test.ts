import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from './experiment.ts';
import { easyDeployVerdict, type EasyDeployResult } from './report.ts';

let result: EasyDeployResult;
const fleet = (shape: string) => {
  const found = result.fleets.find((f) => f.shape === shape);
  if (!found) throw new Error(`no fleet for ${shape}`);
  return found;
};

describe('nano-easy-deploy (quick run: every shape started once, in turn and at once)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('every fleet, started from its bundles with plain node, returns the reference receipt', () => {
    expect(result.answersMatch).toBe(true);
  });

  it('a fleet runs one process per unit: 1, 3 and 6', () => {
    expect(fleet('monolith').processes).toBe(1);
    expect(fleet('microservices').processes).toBe(3);
    expect(fleet('nanoservices').processes).toBe(6);
    expect(result.units).toHaveLength(10);
  });

  it('a nanoservice bundle is about as large as the whole monolith’s: the dependencies, not the function, make its size', () => {
    const monolith = result.units.find((u) => u.shape === 'monolith');
    for (const unit of result.units.filter((u) => u.shape === 'nanoservices')) {
      expect(unit.bundleBytes / (monolith?.bundleBytes ?? 1)).toBeGreaterThan(0.9);
    }
    expect(fleet('nanoservices').bundleBytes / fleet('monolith').bundleBytes).toBeGreaterThan(5.5);
  });

  it('every process was measured, and the fleet’s resident memory grows with its processes', () => {
    for (const unit of result.units) expect(unit.rssKiB).toBeGreaterThan(0);
    // Six processes each holding a Node runtime against one: a large, structural effect.
    expect(fleet('nanoservices').rssKiB).toBeGreaterThan(4 * fleet('monolith').rssKiB);
    expect(result.baseline.rssKiB).toBeGreaterThan(0);
  });

  it('supports the verdict the registry publishes', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('nano-easy-deploy').verdict);
  });

  it('prints the fleet table and a row per unit plus the baseline', () => {
    const [fleets, units] = experiment.tables(result);
    expect(fleets?.rows.map((r) => r.shape)).toEqual(['monolith', 'microservices', 'nanoservices']);
    expect(units?.rows).toHaveLength(11);
  });
});

describe('easyDeployVerdict', () => {
  const unit = (shape: 'monolith' | 'nanoservices', bundleBytes: number, firstAnswerMs: number) => ({ shape, unit: shape, functions: 1, bundleBytes, listeningMs: 1, firstAnswerMs, rssKiB: 60_000, pssKiB: 25_000 });
  const fleetRow = (shape: 'monolith' | 'nanoservices', processes: number, pssKiB: number) => ({ shape, processes, bundleBytes: 1, rssKiB: pssKiB * 2, pssKiB, inTurnStartMs: 1, atOnceStartMs: 1 });
  const base: EasyDeployResult = {
    units: [unit('monolith', 500_000, 200), unit('nanoservices', 500_000, 210)],
    fleets: [fleetRow('monolith', 1, 30_000), fleetRow('nanoservices', 6, 150_000)],
    baseline: { listeningMs: 50, rssKiB: 40_000, pssKiB: 10_000 },
    starts: 1,
    answersMatch: true,
  };

  it('misattributed when a unit is no easier than the monolith and the fleet costs more', () => {
    expect(easyDeployVerdict(base).verdict).toBe('misattributed');
  });

  it('holds with a cost when units are much smaller and faster but the fleet costs more', () => {
    expect(easyDeployVerdict({ ...base, units: [unit('monolith', 500_000, 200), unit('nanoservices', 100_000, 60)] }).verdict).toBe('holds-with-cost');
  });

  it('holds when units are easier and the fleet costs no more', () => {
    const cheap = { ...base, units: [unit('monolith', 500_000, 200), unit('nanoservices', 100_000, 60)], fleets: [fleetRow('monolith', 1, 30_000), fleetRow('nanoservices', 6, 33_000)] };
    expect(easyDeployVerdict(cheap).verdict).toBe('holds');
  });

  it('refuses to judge fleets that answered wrongly', () => {
    expect(easyDeployVerdict({ ...base, answersMatch: false }).verdict).toBe('not-testable');
  });
});
