import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { readEvidence } from '../lab/files/evidence.ts';
import { dimensions } from './dimensions.ts';
import { experiment, summarizedClaims } from './experiment.ts';
import { overcomesVerdict, tally, winnerOf, type OvercomesResult } from './report.ts';

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
    // Counts, not timings: a finer cut opens fewer routes per leak but needs more secrets and contracts.
    expect(row('routes one leaked credential opens').winner).toBe('nanoservices');
    expect(row('secrets to issue').winner).toBe('microservices');
    expect(row('contracts between units').winner).toBe('microservices');
    expect(row('calls between units per checkout').winner).toBe('microservices');
  });

  it('supports the verdict the registry publishes', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('nano-overcomes-micro').verdict);
  });
});

describe('winnerOf and the verdict', () => {
  it('calls figures within 5 % a tie and otherwise follows the better direction', () => {
    expect(winnerOf(100, 104, 'lower')).toBe('tie');
    expect(winnerOf(0, 0, 'lower')).toBe('tie');
    expect(winnerOf(1, 3, 'lower')).toBe('nanoservices');
    expect(winnerOf(1, 3, 'higher')).toBe('microservices');
  });

  const rows = (winners: Array<'nanoservices' | 'microservices' | 'tie'>): OvercomesResult => ({
    sources: [],
    rows: winners.map((winner, index) => ({ claim: 'c', label: `d${index}`, unit: 'u', better: 'lower', nanoservices: 1, microservices: 1, winner, ratio: 1 })),
  });

  it('holds only when nanoservices are never worse', () => {
    expect(overcomesVerdict(rows(['nanoservices', 'tie'])).verdict).toBe('holds');
    expect(overcomesVerdict(rows(['nanoservices', 'nanoservices', 'microservices'])).verdict).toBe('conditional');
    expect(overcomesVerdict(rows(['nanoservices', 'microservices', 'microservices'])).verdict).toBe('does-not-hold');
    expect(tally(rows(['nanoservices', 'tie', 'tie']))).toEqual({ nanoservices: 1, microservices: 0, tie: 2 });
  });
});
