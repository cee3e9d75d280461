import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { readEvidence } from '../lab/files/evidence.ts';
import { dimensions } from './dimensions.ts';
import { experiment, summarizedClaims } from './experiment.ts';
import { wordCount } from '../lab/experiment/verdict-rule.ts';
import { findingFor, namedWeightings, tally, verdictFor, weightedOutcome, winnerOf, winnerOfRatio, type ComparisonRow, type OvercomesResult } from './report.ts';

let result: OvercomesResult;
const row = (label: string) => {
  const found = result.rows.find((candidate) => candidate.label.startsWith(label));
  if (!found) throw new Error(`no row "${label}"`);
  return found;
};

describe('nano-overcomes-micro (a summary of the other nano claims)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  });

  it('reads one row per dimension, from every summarised claim, each from current evidence', () => {
    expect(result.rows).toHaveLength(dimensions.length);
    expect(result.sources.map((source) => source.claim)).toEqual(summarizedClaims);
    for (const source of result.sources) expect(source.sourceHash).toBe(readEvidence(source.claim)?.stamp.sourceHash);
  });

  it('the published summary was built from the evidence files as they are now', () => {
    const published = readEvidence('nano-overcomes-micro')?.result as OvercomesResult | undefined;
    expect(published?.sources, 'run npm run evidence -- nano-overcomes-micro after the claims it summarises').toEqual(result.sources);
  });

  it('the structural figures favour the shape their counts favour', () => {
    // Counts, not timings: at its tightest policy every cut limits a leak to one route; a finer cut
    // needs more secrets, more routes open on the network, more contracts and more hops.
    expect(row('routes one leaked credential opens').winner).toBe('tie');
    expect(row('secrets to issue').winner).toBe('microservices');
    expect(row('business routes a network caller must be able to reach').winner).toBe('microservices');
    expect(row('contracts between units').winner).toBe('microservices');
    expect(row('calls between units per checkout').winner).toBe('microservices');
  });

  it('weighs each group once by default, and every group the dimensions name has a weight', () => {
    expect(result.weights).toEqual({ latency: 1, availability: 1, footprint: 1, security: 1, change: 1 });
    expect(new Set(dimensions.map((dimension) => dimension.group))).toEqual(new Set(Object.keys(result.weights)));
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('nano-overcomes-micro').verdict);
    expect(wordCount(verdictFor(result).because)).toBeLessThanOrEqual(30);
  });
});

describe('winnerOf and the verdict', () => {
  it('decides a timing kept run by run on the interval of its ratio: a side only when the whole interval is outside 5 %', () => {
    expect(winnerOfRatio({ estimate: 1.7, low: 1.6, high: 1.8, runs: 5 }, 'lower')).toBe('microservices');
    expect(winnerOfRatio({ estimate: 1.7, low: 1.6, high: 1.8, runs: 5 }, 'higher')).toBe('nanoservices');
    expect(winnerOfRatio({ estimate: 0.8, low: 0.7, high: 0.9, runs: 5 }, 'lower')).toBe('nanoservices');
    expect(winnerOfRatio({ estimate: 1.2, low: 1.02, high: 1.3, runs: 5 }, 'lower')).toBe('tie');
  });

  it('calls figures within 5 % a tie and otherwise follows the better direction', () => {
    expect(winnerOf(100, 104, 'lower')).toBe('tie');
    expect(winnerOf(0, 0, 'lower')).toBe('tie');
    expect(winnerOf(1, 3, 'lower')).toBe('nanoservices');
    expect(winnerOf(1, 3, 'higher')).toBe('microservices');
  });

  const weights = { latency: 1, availability: 1, footprint: 1, security: 1, change: 1 };
  const row = (group: ComparisonRow['group'], winner: ComparisonRow['winner']): ComparisonRow => ({ claim: 'c', group, label: `${group} ${winner}`, unit: 'u', better: 'lower', nanoservices: 1, microservices: 1, winner, ratio: 1, ratioInterval: null });
  const rows = (...list: ComparisonRow[]): OvercomesResult => ({ sources: [], weights, rows: list, referenceSystems: { systems: [], cuts: [] } });

  it('counts a group once however many dimensions it holds: three latency figures weigh as much as one security figure', () => {
    const result = rows(row('latency', 'microservices'), row('latency', 'microservices'), row('latency', 'microservices'), row('security', 'nanoservices'));
    expect(tally(result)).toEqual({ nanoservices: 1, microservices: 3, tie: 0 });
    expect(weightedOutcome(result.rows, weights)).toEqual({ score: 0, groups: { latency: 'microservices', security: 'nanoservices' } });
  });

  it('puts one group first at a time, three times the others, starting from the run’s weights', () => {
    const named = namedWeightings({ ...weights, footprint: 2 });
    expect(named.map((w) => w.name)).toEqual(['each group once', 'latency first', 'operations first', 'team autonomy first', 'security first']);
    expect(named[2]?.weights).toEqual({ latency: 1, availability: 3, footprint: 6, security: 1, change: 1 });
  });

  it('does not hold when no weighting puts nanoservices ahead, is conditional when some do, holds when all do', () => {
    const behind = rows(row('latency', 'microservices'), row('footprint', 'microservices'), row('security', 'tie'));
    expect(verdictFor(behind).verdict).toBe('does-not-hold');
    expect(findingFor(behind).because).toBe('Each group of related figures counted once, microservices led 2 of 3 groups, nanoservices 0; no weighting tried, even security first, puts nanoservices ahead');
    const split = rows(row('latency', 'microservices'), row('footprint', 'microservices'), row('security', 'nanoservices'), row('change', 'nanoservices'));
    expect(verdictFor(split).verdict).toBe('conditional');
    expect(findingFor(split).flipsWithinRealisticRegion).toBe('nanoservices come out ahead only under team autonomy first and security first');
    expect(verdictFor(rows(row('latency', 'nanoservices'), row('security', 'tie'))).verdict).toBe('holds');
  });
});
