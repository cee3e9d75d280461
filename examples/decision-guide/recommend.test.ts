import { describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experimentIds } from '../experiments.ts';
import { assumed, judgement } from './assumptions.ts';
import { coldStartMs, hopMs, type Granularity } from './decide.ts';
import { factsFromEvidence, labEvidence, labFacts, type DecisionFacts } from './facts.ts';
import { ProfileSchema, type ProfileInput } from './profile-schema.ts';
import { formatSignificant as formatNumber } from '../lab/report/format.ts';
import { decisionRules, granularityLabels, recommend, type Recommendation } from './recommend.ts';

const guide = (input: ProfileInput, facts: DecisionFacts = labFacts) => recommend(ProfileSchema.parse(input), facts);
const reasonsOf = (answer: Recommendation, rule: string) => answer.reasons.filter((r) => r.rule === rule);

/** One row of the table: a situation, the answer the rules must give it, and why they give it. */
interface ProfileCase {
  readonly situation: string;
  readonly profile: ProfileInput;
  readonly answer: Granularity;
  /** Synchronous hops between services left on a request's path. */
  readonly syncHops: number;
  readonly because: string;
}

// The expected answers follow from the rules with the assumed hop (0.42 ms), cold start (500 ms) and
// unit availability (99.99 %), and the judged thresholds (10 teams, a quarter of the budget, half the
// bill); each `because` is the arithmetic. Fields left out take `defaultProfile`'s values: 3 teams,
// weekly, 200 ms, call depth 4, 99.9 %, daily peaks, no savings, nothing deferred.
const table: readonly ProfileCase[] = [
  {
    situation: 'one team with one product',
    profile: { teams: 1 },
    answer: 'monolith',
    syncHops: 0,
    because: 'one team has no one to wait for, and its 0.2 releases a day fill 2.5 % of one pipeline',
  },
  {
    situation: 'three teams releasing weekly (the page’s default)',
    profile: {},
    answer: 'modular-monolith',
    syncHops: 0,
    because: '3 teams are fewer than 10, and 0.6 releases a day fill 7.5 % of one pipeline: a module per team in one deploy unit',
  },
  {
    situation: 'nine teams releasing weekly',
    profile: { teams: 9 },
    answer: 'modular-monolith',
    syncHops: 0,
    because: '9 teams are fewer than 10, and 1.8 releases a day fill 22.5 % of one pipeline',
  },
  {
    situation: '200 teams releasing monthly (the review found the old guide wrong here)',
    profile: { teams: 200, deployFrequency: 'monthly', latencyBudgetMs: 300 },
    answer: 'microservices',
    syncHops: 3,
    because: 'from 10 teams each needs units of its own whatever the frequency; 3 hops of 0.42 ms are 0.42 % of 300 ms, and 4 units of 99.99 % meet 99.9 %',
  },
  {
    situation: 'ten teams releasing monthly',
    profile: { teams: 10, deployFrequency: 'monthly' },
    answer: 'microservices',
    syncHops: 3,
    because: 'the team count alone decides: 10 × 1/21 releases a day fill only 6 % of one pipeline',
  },
  {
    situation: 'a 5 ms budget at call depth 6, part of the work can wait (the review found the old guide wrong here)',
    profile: { teams: 12, deployFrequency: 'daily', latencyBudgetMs: 5, callDepth: 6, deferrableWork: true },
    answer: 'microservices-async',
    syncHops: 2,
    because: '5 hops × 0.42 ms = 2.12 ms, 42 % of 5 ms; a quarter of the budget holds 2 hops, so the other 3 calls become events',
  },
  {
    situation: 'a 5 ms budget at call depth 6, nothing can wait',
    profile: { teams: 12, deployFrequency: 'daily', latencyBudgetMs: 5, callDepth: 6 },
    answer: 'microservices',
    syncHops: 2,
    because: 'the same 2 hops fit, and the work cannot leave the path: a coarser cut, at most 3 services on it',
  },
  {
    situation: 'a 1 ms budget with 20 teams, nothing can wait',
    profile: { teams: 20, latencyBudgetMs: 1 },
    answer: 'modular-monolith',
    syncHops: 0,
    because: 'a quarter of 1 ms (0.25 ms) holds no hop of 0.42 ms: the path stays in one deploy unit, a module per team',
  },
  {
    situation: 'twelve teams releasing daily with a 2 s budget',
    profile: { teams: 12, deployFrequency: 'daily', latencyBudgetMs: 2000, callDepth: 3 },
    answer: 'microservices',
    syncHops: 2,
    because: '12 teams (and 12 releases a day for 8 slots) need their own units; 2 hops are 0.04 % of 2 s',
  },
  {
    situation: 'one team deploying many times a day',
    profile: { teams: 1, deployFrequency: 'many-per-day' },
    answer: 'monolith',
    syncHops: 0,
    because: '4 releases a day fill half of one pipeline: deploying often alone does not call for separate units',
  },
  {
    situation: 'three teams deploying many times a day',
    profile: { teams: 3, deployFrequency: 'many-per-day' },
    answer: 'microservices',
    syncHops: 3,
    because: '12 releases a day for the 8 one unit can take: the releases queue, so the teams need their own units',
  },
  {
    situation: 'a mostly idle workload that would save 80 % by scaling to zero, 3 s budget',
    profile: { teams: 2, traffic: 'mostly-idle', scaleToZeroSavingsPercent: 80, latencyBudgetMs: 3000, callDepth: 3 },
    answer: 'functions',
    syncHops: 0,
    because: 'it idles, saves 80 % (at least 50 %), and a 500 ms cold start is 17 % of 3 s (at most 25 %)',
  },
  {
    situation: 'the same idle workload with a 300 ms budget',
    profile: { teams: 2, traffic: 'mostly-idle', scaleToZeroSavingsPercent: 80, latencyBudgetMs: 300, callDepth: 3 },
    answer: 'modular-monolith',
    syncHops: 0,
    because: 'a 500 ms cold start is 1.67× the budget: the savings do not outweigh it; 2 teams share one unit',
  },
  {
    situation: 'steady traffic with savings estimated at 90 %',
    profile: { teams: 1, traffic: 'steady', scaleToZeroSavingsPercent: 90, latencyBudgetMs: 5000 },
    answer: 'monolith',
    syncHops: 0,
    because: 'a steady load never reaches zero, whatever the estimate',
  },
  {
    situation: 'spiky traffic saving 30 % by scaling to zero',
    profile: { teams: 2, traffic: 'spiky', scaleToZeroSavingsPercent: 30, latencyBudgetMs: 5000 },
    answer: 'modular-monolith',
    syncHops: 0,
    because: '30 % is below half the bill',
  },
  {
    situation: 'a 99.99 % target through 8 parts, part of the work can wait',
    profile: { teams: 20, deployFrequency: 'daily', latencyBudgetMs: 500, callDepth: 8, availabilityTarget: 99.99, deferrableWork: true },
    answer: 'microservices-async',
    syncHops: 0,
    because: 'units of 99.99 % meet 99.99 % only alone: the entry service answers and the other 7 calls become events',
  },
  {
    situation: 'a 99.95 % target through 8 parts, nothing can wait',
    profile: { teams: 20, deployFrequency: 'daily', latencyBudgetMs: 500, callDepth: 8, availabilityTarget: 99.95 },
    answer: 'microservices',
    syncHops: 4,
    because: '0.9999^5 ≥ 0.9995 > 0.9999^6: at most 5 services in a row, 4 hops, so the 8 parts merge into 5 services',
  },
  {
    situation: 'thirty teams whose requests each stay in one part, 2 ms budget',
    profile: { teams: 30, callDepth: 1, latencyBudgetMs: 2 },
    answer: 'microservices',
    syncHops: 0,
    because: 'no hop to pay, whatever the budget',
  },
  {
    situation: 'one team with a 99.999 % target',
    profile: { teams: 1, availabilityTarget: 99.999 },
    answer: 'monolith',
    syncHops: 0,
    because: 'no cut reaches a target above its units’ 99.99 %; one team still needs one unit (a caveat says what the target needs)',
  },
];

describe('the decision guide, profile by profile', () => {
  it('holds at least twelve profiles, every answer among them', () => {
    expect(table.length).toBeGreaterThanOrEqual(12);
    expect(new Set(table.map((row) => row.answer))).toEqual(new Set(Object.keys(granularityLabels)));
  });

  // A loop rather than it.each, so that each test's name carries the whole situation and reason.
  for (const { situation, profile, answer, syncHops, because } of table) {
    it(`${situation}: ${answer} with ${syncHops} synchronous hops, because ${because}`, () => {
      const recommendation = guide(profile);
      expect({ answer: recommendation.granularity, syncHops: recommendation.syncHops }).toEqual({ answer, syncHops });
      expect(recommendation.label).toBe(granularityLabels[answer]);
      // The answer's own reasons come first, and at least one speaks for it.
      expect(recommendation.reasons[0]).toMatchObject({ direction: 'for' });
      expect(recommendation.reasons[0]?.about).toContain(answer);
    });
  }
});

describe('the cases the review found wrong', () => {
  it('gives 200 teams releasing monthly units of their own, for the teams’ sake', () => {
    const answer = guide({ teams: 200, deployFrequency: 'monthly', latencyBudgetMs: 300 });
    expect(answer.headline).not.toMatch(/nothing in your profile/i);
    const forUnits = reasonsOf(answer, 'teams').find((r) => r.direction === 'for');
    expect(forUnits?.about).toContain('microservices');
    expect(forUnits?.text).toContain(`from ${judgement.teamsNeedingOwnUnits.value} teams on`);
    expect(forUnits?.sources.map((s) => s.author)).toEqual(['Melvin E. Conway', 'Matthew Skelton and Manuel Pais']);
    expect(reasonsOf(answer, 'teams').find((r) => r.direction === 'against')).toMatchObject({ about: ['monolith', 'modular-monolith'], decisive: true });
  });

  it('sees that six synchronous hops over a real network take a large share of 5 ms', () => {
    const answer = guide({ teams: 12, deployFrequency: 'daily', latencyBudgetMs: 5, callDepth: 6 });
    const hops = reasonsOf(answer, 'latency').find((r) => r.about.includes('microservices') && r.direction === 'against');
    expect(hops?.text).toContain(`5 × ${formatNumber(hopMs(labFacts))} ms = ${formatNumber(5 * hopMs(labFacts))} ms, 42.4 % of your 5 ms budget`);
    expect(hops?.text).toContain('the budget holds 2 synchronous hops');
    expect(hops?.assumes).toEqual(['networkHopMs', 'overheadShareOfBudget']);
    expect(answer.headline).toContain('at most 3 services');
    expect(guide({ teams: 12, deployFrequency: 'daily', latencyBudgetMs: 5, callDepth: 6, deferrableWork: true }).headline).toContain('the other 3 calls become events');
  });

  it('weighs a cold start against scale-to-zero savings instead of assuming one', () => {
    const idle = { teams: 2, traffic: 'mostly-idle', scaleToZeroSavingsPercent: 80, callDepth: 3 } as const;
    const against = reasonsOf(guide({ ...idle, latencyBudgetMs: 300 }), 'scale-to-zero')[0];
    expect(against).toMatchObject({ about: ['functions'], direction: 'against', decisive: true });
    expect(against?.text).toContain('a cold start (500 ms) takes 1.67× your 300 ms budget');
    expect(against?.measured?.figure).toContain(`${formatNumber(labFacts.fleet.nanoUnitColdStartMs)} ms from spawn to first answer`);
  });

  it('says that availability multiplies along a synchronous chain, after Treynor et al.', () => {
    const answer = guide({ teams: 20, deployFrequency: 'daily', latencyBudgetMs: 500, callDepth: 8, availabilityTarget: 99.99 });
    const chain = reasonsOf(answer, 'availability').find((r) => r.about.includes('microservices') && r.decisive);
    expect(chain?.text).toContain('each must reach 99.9987 %');
    expect(chain?.sources[0]?.title).toContain('Calculus of Service Availability');
    // Labelled a stress case: the lab's 5 % per unit is no real rate.
    expect(chain?.measured?.figure).toContain('far above real rates');
    expect(answer.granularity).toBe('modular-monolith');
  });
});

describe('the rules, at their boundaries', () => {
  const manyTeams = { teams: 12, deployFrequency: 'daily', callDepth: 6 } as const;

  it('keeps every hop synchronous exactly while the hops take at most the judged share of the budget', () => {
    const fits = (5 * hopMs(labFacts)) / judgement.overheadShareOfBudget.value;
    expect(guide({ ...manyTeams, latencyBudgetMs: fits })).toMatchObject({ granularity: 'microservices', syncHops: 5 });
    expect(guide({ ...manyTeams, latencyBudgetMs: fits * 0.99 })).toMatchObject({ granularity: 'microservices', syncHops: 4 });
  });

  it('gives units of their own from the judged team count, and to fewer teams only when releases queue', () => {
    const monthly = { deployFrequency: 'monthly' } as const;
    expect(guide({ ...monthly, teams: judgement.teamsNeedingOwnUnits.value - 1 }).granularity).toBe('modular-monolith');
    expect(guide({ ...monthly, teams: judgement.teamsNeedingOwnUnits.value }).granularity).toBe('microservices');
    // Two teams many times a day fill the pipeline exactly: no queue yet; three overfill it.
    const perDay = assumed.releasesPerTeamPerDay.value['many-per-day'];
    expect(2 * perDay).toBe(assumed.unitReleasesPerDay.value);
    expect(guide({ teams: 2, deployFrequency: 'many-per-day' }).granularity).toBe('modular-monolith');
    expect(guide({ teams: 3, deployFrequency: 'many-per-day' }).granularity).toBe('microservices');
  });

  it('recommends functions from the judged saving and while a cold start fits the judged share of the budget', () => {
    const idle = { teams: 2, traffic: 'mostly-idle', latencyBudgetMs: coldStartMs(labFacts) / judgement.overheadShareOfBudget.value } as const;
    const threshold = judgement.scaleToZeroSavingsPercent.value;
    expect(guide({ ...idle, scaleToZeroSavingsPercent: threshold }).granularity).toBe('functions');
    expect(guide({ ...idle, scaleToZeroSavingsPercent: threshold - 1 }).granularity).toBe('modular-monolith');
    expect(guide({ ...idle, scaleToZeroSavingsPercent: threshold, latencyBudgetMs: idle.latencyBudgetMs * 0.99 }).granularity).toBe('modular-monolith');
    expect(guide({ ...idle, scaleToZeroSavingsPercent: 100, traffic: 'steady' }).granularity).toBe('modular-monolith');
  });
});

describe('the guide follows the evidence', () => {
  it('never takes a hop below the lab’s loopback hop: dearer loopback hops leave fewer on the path', () => {
    const chaining = labEvidence['nano-chaining'];
    const tenTimes = factsFromEvidence({ ...labEvidence, 'nano-chaining': { ...chaining, perHop: chaining.perHop.map((hop) => ({ ...hop, perHopUs: hop.perHopUs * 10 })) } });
    expect(hopMs(tenTimes)).toBeCloseTo((labFacts.hop.perHopUs * 10) / 1000);
    const profile = { teams: 12, deployFrequency: 'daily', latencyBudgetMs: 5, callDepth: 6 } as const;
    expect(guide(profile).syncHops).toBe(2);
    expect(guide(profile, tenTimes).syncHops).toBe(Math.floor((judgement.overheadShareOfBudget.value * 5) / hopMs(tenTimes)));
    const loopback = guide(profile, tenTimes).reasons.find((r) => r.measured?.claimId === 'nano-chaining');
    expect(loopback?.measured?.figure).toContain(`${formatNumber(labFacts.hop.perHopUs * 10)} µs per HTTP hop`);
  });

  it('never takes a cold start below the lab’s own unit start', () => {
    const easyDeploy = labEvidence['nano-easy-deploy'];
    const idle = { teams: 2, traffic: 'mostly-idle', scaleToZeroSavingsPercent: 80, latencyBudgetMs: 3000 } as const;
    // Starts slow enough that the lab's own start, not the assumed one, takes twice the budget's share.
    const factor = (2 * judgement.overheadShareOfBudget.value * idle.latencyBudgetMs) / labFacts.fleet.nanoUnitColdStartMs;
    const slowStarts = factsFromEvidence({ ...labEvidence, 'nano-easy-deploy': { ...easyDeploy, units: easyDeploy.units.map((unit) => ({ ...unit, firstAnswerMs: unit.firstAnswerMs * factor })) } });
    expect(coldStartMs(slowStarts)).toBeCloseTo(slowStarts.fleet.nanoUnitColdStartMs);
    expect(coldStartMs(slowStarts)).toBeGreaterThan(assumed.coldStartMs.value);
    expect(guide(idle).granularity).toBe('functions');
    expect(guide(idle, slowStarts).granularity).toBe('modular-monolith');
  });

  it('quotes the measured costs of services from their evidence files', () => {
    const costs = reasonsOf(guide({ teams: 12 }), 'running-cost');
    expect(costs.map((r) => r.measured?.claimId)).toEqual(['modular-monolith-operating-cost', 'modular-monolith-data-ownership', 'nano-own-schedule', 'micro-no-shared-data']);
    expect(costs[0]?.measured?.figure).toContain(`${formatNumber(labFacts.operatingCost.memoryRatio)}× the modular monolith's memory`);
    expect(costs[1]?.measured?.figure).toContain(`${labFacts.dataOwnership.inconsistentMicro} of ${labFacts.dataOwnership.crashes} crashes`);
  });
});

describe('what every answer is made of', () => {
  const answers = table.map((row) => guide(row.profile));
  const names = new Set([...Object.keys(assumed), ...Object.keys(judgement)]);

  it('rests every reason on the lab’s evidence or on a published source, and names its assumptions', () => {
    for (const reason of answers.flatMap((answer) => answer.reasons)) {
      expect(reason.measured !== null || reason.sources.length > 0, reason.text).toBe(true);
      for (const source of reason.sources) expect(source.url).toMatch(/^https:\/\/[^\s]+\.[a-z]+\//);
      for (const name of reason.assumes) expect(names).toContain(name);
      if (reason.measured) {
        const claim = claimById(reason.measured.claimId);
        expect(reason.measured.href).toBe(`/docs/${claim.page}#${claim.id}`);
        expect(reason.measured.evidenceFile).toBe(`evidence/${claim.id}.json`);
        expect(experimentIds).toContain(claim.id);
        expect(reason.measured.figure).toMatch(/\d/);
      }
    }
  });

  it('puts the reasons about its answer first, those for it before its costs', () => {
    for (const answer of answers) {
      const mine = answer.reasons.map((r) => r.about.includes(answer.granularity));
      const firstOther = mine.indexOf(false);
      expect(mine.slice(firstOther).includes(true), answer.headline).toBe(false);
      const directions = answer.reasons.slice(0, firstOther).map((r) => r.direction);
      expect(directions.join(' ')).toMatch(/^(for ?)+(against ?)*$/);
    }
  });

  it('says in a caveat that its real-network figures are assumed, and what a target above any unit needs', () => {
    for (const answer of answers) expect(answer.caveats[0]).toContain('assumed, not measured');
    expect(guide({ teams: 1, availabilityTarget: 99.999 }).caveats.join(' ')).toContain('No cut reaches 99.999 %');
    expect(guide({ teams: 1, availabilityTarget: 99.99 }).caveats.join(' ')).not.toContain('No cut reaches');
  });

  it('is plain JSON', () => {
    for (const answer of answers) expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });

  it('states its rules with the values it decides by', () => {
    const rules = decisionRules(labFacts).join(' ');
    expect(rules).toContain(`from ${judgement.teamsNeedingOwnUnits.value} teams`);
    expect(rules).toContain(`${formatNumber(hopMs(labFacts))} ms each`);
    expect(rules).toContain(`${formatNumber(labFacts.hop.perHopUs)} µs, is the floor`);
    expect(rules).toContain(`at least ${judgement.scaleToZeroSavingsPercent.value} % of the bill`);
  });
});
