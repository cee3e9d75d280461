import { describe, expect, it } from 'vitest';
import chainingEvidence from '../../evidence/nano-chaining.json';
import redundancyEvidence from '../../evidence/micro-redundancy.json';
import { factsFromEvidence, labEvidence, labFacts, MissingFigureError } from './facts.ts';

describe('the facts the decision guide reads from the evidence', () => {
  it('takes the per-hop cost and the network calls from evidence/nano-chaining.json', () => {
    const http = chainingEvidence.result.perHop.find((hop) => hop.transport === 'http');
    expect(labFacts.hop.perHopUs).toBe(http?.perHopUs);
    expect(labFacts.hop.inProcessCheckoutUs).toBe(chainingEvidence.result.inProcessCheckout.p50Us);
    // A monolith answers in one call, a nanoservice chain makes one per function.
    expect(labFacts.hop.networkCalls.monolith).toBe(1);
    expect(labFacts.hop.networkCalls.nanoservices).toBe(labFacts.hop.chainFunctions);
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
  });
});
