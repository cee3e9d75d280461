import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from './experiment.ts';
import { verdictFor, type EasyDeployResult } from './report.ts';

let result: EasyDeployResult;
const fleet = (shape: string, businessKiB = 0) => {
  const found = result.fleets.find((f) => f.shape === shape && f.businessKiB === businessKiB);
  if (!found) throw new Error(`no fleet for ${shape}`);
  return found;
};

describe('nano-easy-deploy (quick run: every shape started once, in turn and at once, with 0, 16 and 128 KiB of business code per function)', () => {
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
    // Ten units (1 + 3 + 6) at each of the three sizes of business code the quick run measures.
    expect(result.units).toHaveLength(3 * 10);
  });

  it('with the toy functions a nanoservice bundle is about as large as the whole monolith’s; with business code it is clearly smaller', () => {
    const bundles = (businessKiB: number) => {
      const monolith = result.units.find((u) => u.shape === 'monolith' && u.businessKiB === businessKiB);
      return result.units.filter((u) => u.shape === 'nanoservices' && u.businessKiB === businessKiB).map((u) => u.bundleBytes / (monolith?.bundleBytes ?? 1));
    };
    for (const ratio of bundles(0)) expect(ratio).toBeGreaterThan(0.9);
    // Each unit carries one function's 128 KiB, the monolith six: a byte count, not a timing.
    for (const ratio of bundles(128)) expect(ratio).toBeLessThan(0.75);
    expect(fleet('nanoservices').bundleBytes / fleet('monolith').bundleBytes).toBeGreaterThan(5.5);
  });

  it('every process was measured, and the fleet’s resident memory grows with its processes', () => {
    for (const unit of result.units) expect(unit.rssKiB).toBeGreaterThan(0);
    // Six processes each holding a Node runtime against one: a large, structural effect.
    expect(fleet('nanoservices').rssKiB).toBeGreaterThan(4 * fleet('monolith').rssKiB);
    expect(result.baseline.rssKiB).toBeGreaterThan(0);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('nano-easy-deploy').verdict);
  });

  it('prints the fleet table and a row per unit plus the baseline', () => {
    const [fleets, units] = experiment.tables(result);
    // A fleet row per shape at each of the three sizes; a row per unit at each size, plus the baseline.
    expect(fleets?.rows.map((r) => r.shape)).toEqual(Array.from({ length: 3 }, () => ['monolith', 'microservices', 'nanoservices']).flat());
    expect(units?.rows).toHaveLength(3 * 10 + 1);
  });
});
