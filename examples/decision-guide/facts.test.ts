import { describe, expect, it } from 'vitest';
import chainingEvidence from '../../evidence/nano-chaining.json';
import inProcessCallsEvidence from '../../evidence/modular-monolith-in-process-calls.json';
import noSharedDataEvidence from '../../evidence/micro-no-shared-data.json';
import redundancyEvidence from '../../evidence/micro-redundancy.json';
import { factsFromEvidence, labEvidence, labFacts, MissingFigureError } from './facts.ts';

describe('the facts the decision guide reads from the evidence', () => {
  it('takes the loopback hop and the in-process checkout from evidence/nano-chaining.json', () => {
    const http = chainingEvidence.result.perHop.find((hop) => hop.transport === 'http');
    expect(labFacts.hop.perHopUs).toBe(http?.perHopUs);
    expect(labFacts.hop.ratioToRawHttp).toBe(http?.ratioToRawHttp);
    expect(labFacts.hop.inProcessCheckoutUs).toBe(chainingEvidence.result.inProcessCheckout.p50Us);
  });

  it('takes the module boundaries over http from evidence/modular-monolith-in-process-calls.json', () => {
    const http = inProcessCallsEvidence.result.comparisons.find((row) => row.transport === 'http');
    expect(labFacts.modules).toEqual({
      modularToMonolithRatio: http?.controlRatio,
      microToModularP50Ratio: http?.p50Ratio,
      microToModularP99Ratio: http?.p99Ratio,
      perNetworkCrossingUs: http?.perNetworkCrossingUs,
    });
  });

  it('takes the delivery of events from evidence/micro-no-shared-data.json', () => {
    const variant = (name: string) => noSharedDataEvidence.result.delivery.find((row) => row.variant === name);
    expect(labFacts.messaging.lostWithoutOutbox).toBe(variant('write then publish')?.lost);
    expect(labFacts.messaging.lostWithOutbox).toBe(variant('transactional outbox')?.lost);
    expect(labFacts.messaging.appliedTwiceWithoutIdempotence).toBe(variant('outbox, consumer not idempotent')?.duplicatedApplied);
  });

  it('works the operating-cost ratios out of the units’ own figures', () => {
    const result = labEvidence['modular-monolith-operating-cost'];
    const total = (shape: string, pick: (unit: (typeof result.shapes)[number]['units'][number]) => number) =>
      (result.shapes.find((row) => row.shape === shape)?.units ?? []).reduce((sum, unit) => sum + pick(unit), 0);
    expect(labFacts.operatingCost.memoryRatio).toBeCloseTo(total('microservices', (unit) => unit.pssKiB) / total('modular-monolith', (unit) => unit.pssKiB));
    // Microservices hold more memory than one process: the ratio is above 1 in any run that is not broken.
    expect(labFacts.operatingCost.memoryRatio).toBeGreaterThan(1);
  });

  it('takes the process counts from evidence/micro-redundancy.json', () => {
    for (const row of redundancyEvidence.result.processCounts) {
      expect(labFacts.redundancy.processes[row.shape as 'monolith']).toBe(row.processes);
    }
  });

  it('follows the evidence when the evidence changes', () => {
    const chaining = labEvidence['nano-chaining'];
    const slower = factsFromEvidence({
      ...labEvidence,
      'nano-chaining': { ...chaining, perHop: chaining.perHop.map((hop) => ({ ...hop, perHopUs: hop.perHopUs * 10 })) },
    });
    expect(slower.hop.perHopUs).toBe(labFacts.hop.perHopUs * 10);
  });

  it('says which file and which figure are missing when a run lacks one', () => {
    const chaining = labEvidence['nano-chaining'];
    const withoutHttp = { ...labEvidence, 'nano-chaining': { ...chaining, perHop: chaining.perHop.filter((hop) => hop.transport !== 'http') } };
    expect(() => factsFromEvidence(withoutHttp)).toThrow(MissingFigureError);
    expect(() => factsFromEvidence(withoutHttp)).toThrow('evidence/nano-chaining.json has no per-hop cost for http');
    const redundancy = labEvidence['micro-redundancy'];
    const withoutNano = { ...labEvidence, 'micro-redundancy': { ...redundancy, processCounts: redundancy.processCounts.filter((row) => row.shape !== 'nanoservices') } };
    expect(() => factsFromEvidence(withoutNano)).toThrow('evidence/micro-redundancy.json has no process count for nanoservices');
    const messaging = labEvidence['micro-no-shared-data'];
    const withoutOutbox = { ...labEvidence, 'micro-no-shared-data': { ...messaging, delivery: messaging.delivery.filter((row) => row.variant !== 'transactional outbox') } };
    expect(() => factsFromEvidence(withoutOutbox)).toThrow('evidence/micro-no-shared-data.json has no delivery "transactional outbox"');
  });
});
