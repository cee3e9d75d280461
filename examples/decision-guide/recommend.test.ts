import { describe, expect, it } from 'vitest';
import { claimById, claims } from '../claims/registry.ts';
import { experimentIds } from '../experiments.ts';
import { factsFromEvidence, labEvidence, labFacts, type DecisionFacts } from './facts.ts';
import { ProfileSchema, type ProfileInput } from './profile-schema.ts';
import { addedLatencyMs, decisionRules, formatNumber, networkCalls, recommend, thresholds, type Recommendation } from './recommend.ts';

const guide = (input: ProfileInput, facts: DecisionFacts = labFacts) => recommend(ProfileSchema.parse(input), facts);
const oneTeam = { teams: 1, deployFrequency: 'weekly', latencyBudgetMs: 50, callDepth: 8 } as const;
const manyTeams = { teams: 12, deployFrequency: 'daily', latencyBudgetMs: 2000, callDepth: 3 } as const;
const idleFunctions = { teams: 6, deployFrequency: 'daily', latencyBudgetMs: 2000, callDepth: 1, traffic: 'mostly-idle' } as const;
const reasonsOf = (answer: Recommendation, claimId: string) => answer.reasons.filter((r) => r.claimId === claimId);

describe('the decision guide', () => {
  it('tells one team with a tight budget and a deep call chain to keep a monolith', () => {
    const answer = guide(oneTeam);
    expect(answer.granularity).toBe('monolith');
    expect(answer.label).toBe('Monolith, cut into modules');
    expect(answer.reasons[0]).toMatchObject({ granularity: 'monolith', direction: 'for' });
  });

  it('tells twelve teams deploying daily with a loose budget to use microservices', () => {
    const answer = guide(manyTeams);
    expect(answer.granularity).toBe('microservices');
    expect(answer.reasons[0]).toMatchObject({ claimId: 'micro-lockstep', granularity: 'microservices', direction: 'for' });
    expect(answer.caveats.join(' ')).toContain(`failed ${labFacts.lockstep.distributedChangedOnlyFailed} of ${labFacts.lockstep.distributedChangedOnlySent}`);
  });

  it('recommends nanoservices only for independent functions that do not call each other', () => {
    expect(guide(idleFunctions).granularity).toBe('nanoservices');
    expect(guide({ ...idleFunctions, callDepth: 2 }).granularity).toBe('microservices');
    expect(guide({ ...idleFunctions, traffic: 'steady' }).granularity).toBe('microservices');
    expect(guide({ ...idleFunctions, teams: 1 }).granularity).toBe('monolith');
  });

  it('does not split a monolith for deploy frequency alone', () => {
    const answer = guide({ ...oneTeam, deployFrequency: 'many-per-day', latencyBudgetMs: 2000 });
    expect(answer.granularity).toBe('monolith');
    const rollout = reasonsOf(answer, 'micro-continuous-deployment');
    expect(rollout).toHaveLength(1);
    expect(rollout[0]).toMatchObject({ granularity: 'monolith', direction: 'for' });
    expect(rollout[0]?.figure).toContain(`${labFacts.rollout.monolithGated.failed} of ${labFacts.rollout.monolithGated.sent} failed`);
  });

  it('links every reason to its claim section in the registry and names its evidence file', () => {
    const profiles: ProfileInput[] = [oneTeam, manyTeams, idleFunctions, {}, { ...manyTeams, traffic: 'spiky', availabilityTarget: 99.99 }];
    for (const profile of profiles) {
      const answer = guide(profile);
      expect(answer.reasons.length).toBeGreaterThan(0);
      for (const reason of answer.reasons) {
        const claim = claimById(reason.claimId);
        expect(claims).toContain(claim);
        expect(reason.href).toBe(`/docs/${claim.page}#${claim.id}`);
        expect(reason.evidenceFile).toBe(`evidence/${claim.id}.json`);
        expect(experimentIds).toContain(reason.claimId);
        expect(reason.figure).toMatch(/\d/);
      }
    }
  });

  it('rules nanoservices out, citing nano-chaining, when the budget is below their added hops', () => {
    const depth = 8;
    const hopsMs = addedLatencyMs(labFacts, 'nanoservices', depth);
    expect(hopsMs).toBeCloseTo(((depth - 1) * labFacts.hop.perHopUs) / 1000);
    const tight = guide({ ...manyTeams, callDepth: depth, latencyBudgetMs: hopsMs * 0.9 });
    const against = reasonsOf(tight, 'nano-chaining').find((r) => r.granularity === 'nanoservices');
    expect(against).toMatchObject({ direction: 'against', decisive: true, evidenceFile: 'evidence/nano-chaining.json' });
    expect(against?.figure).toContain(`${formatNumber(labFacts.hop.perHopUs)} µs per HTTP hop`);
    expect(tight.granularity).not.toBe('nanoservices');

    // The boundary: the same profile with a budget that leaves room for the hops does not rule them out.
    const roomy = guide({ ...manyTeams, callDepth: depth, latencyBudgetMs: hopsMs / thresholds.latencyShareRuledOut + 1 });
    expect(reasonsOf(roomy, 'nano-chaining').find((r) => r.granularity === 'nanoservices')).toMatchObject({ direction: 'against', decisive: false });
  });

  it('falls back to a monolith when the teams need independent deploys but the budget cannot pay the hops', () => {
    const depth = 8;
    const budget = addedLatencyMs(labFacts, 'microservices', depth) * 0.9;
    const answer = guide({ ...manyTeams, callDepth: depth, latencyBudgetMs: budget });
    expect(answer.granularity).toBe('monolith');
    expect(answer.headline).toContain('need independent deploys');
    expect(answer.reasons.some((r) => r.granularity === 'microservices' && r.decisive)).toBe(true);
  });

  it('changes its reasons, and its answer, when the evidence changes', () => {
    const chaining = labEvidence['nano-chaining'];
    const tenTimesSlower = factsFromEvidence({
      ...labEvidence,
      'nano-chaining': { ...chaining, perHop: chaining.perHop.map((hop) => ({ ...hop, perHopUs: hop.perHopUs * 10 })) },
    });
    // A budget the measured hops fit, but hops ten times dearer do not.
    const budget = addedLatencyMs(labFacts, 'microservices', 3) * 10;
    const measured = guide({ ...manyTeams, latencyBudgetMs: budget });
    const dearer = guide({ ...manyTeams, latencyBudgetMs: budget }, tenTimesSlower);
    expect(measured.granularity).toBe('microservices');
    expect(dearer.granularity).toBe('monolith');
    const hopText = (answer: Recommendation) => reasonsOf(answer, 'nano-chaining').map((r) => r.figure);
    expect(hopText(dearer)).not.toEqual(hopText(measured));
    expect(hopText(dearer)[0]).toContain(`${formatNumber(labFacts.hop.perHopUs * 10)} µs`);

    const redundancy = labEvidence['micro-redundancy'];
    const moreProcesses = factsFromEvidence({
      ...labEvidence,
      'micro-redundancy': { ...redundancy, processCounts: redundancy.processCounts.map((row) => ({ ...row, processes: row.processes + 100 })) },
    });
    const processFigure = (facts: DecisionFacts) => reasonsOf(guide(oneTeam, facts), 'micro-redundancy')[0]?.figure;
    expect(processFigure(moreProcesses)).toContain(`${labFacts.redundancy.processes.nanoservices + 100} as nanoservices`);
    expect(processFigure(labFacts)).toContain(`${labFacts.redundancy.processes.nanoservices} as nanoservices`);
  });

  it('counts the units a request crosses from the lab’s cut', () => {
    expect(networkCalls(labFacts, 'monolith', 40)).toBe(1);
    expect(networkCalls(labFacts, 'nanoservices', 8)).toBe(8);
    const perMicroservice = labFacts.hop.chainFunctions / labFacts.hop.networkCalls.microservices;
    expect(networkCalls(labFacts, 'microservices', 8)).toBe(Math.ceil(8 / perMicroservice));
  });

  it('says what availability each unit needs, from the target and the units crossed', () => {
    const answer = guide({ ...oneTeam, availabilityTarget: 99.9 });
    const nano = reasonsOf(answer, 'nano-clustered-app').find((r) => r.granularity === 'nanoservices');
    expect(nano?.text).toContain('each unit must reach 99.987 %');
    expect(nano?.figure).toContain(`${labFacts.availability.measuredPercent.nanoservices} % of checkouts succeeded as nanoservices`);
    expect(reasonsOf(guide({ ...oneTeam, availabilityTarget: 99 }), 'micro-redundancy')).toEqual([]);
  });

  it('puts the reasons for its answer first and its costs next', () => {
    const answer = guide(manyTeams);
    const firstAgainstOther = answer.reasons.findIndex((r) => r.granularity !== 'microservices');
    expect(answer.reasons.slice(0, firstAgainstOther).every((r) => r.granularity === 'microservices')).toBe(true);
  });

  it('is plain JSON', () => {
    const answer = guide(manyTeams);
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });

  it('states its rules with the thresholds and the measured hop', () => {
    const rules = decisionRules(labFacts).join(' ');
    expect(rules).toContain(`${formatNumber(labFacts.hop.perHopUs)} µs`);
    expect(rules).toContain(`${thresholds.teamsForIndependentDeploys} or more teams`);
  });
});
