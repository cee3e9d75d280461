import { describe, expect, it } from 'vitest';
import { assumed, judgement } from './assumptions.ts';
import {
  availabilityEachUnitNeeds,
  coldStartMs,
  decide,
  functionsFit,
  hopMs,
  hopsShareOfBudget,
  hopsWithinBudget,
  sharedReleaseLoad,
  syncHopsAllowed,
  teamNeeds,
  unitsWithinTarget,
} from './decide.ts';
import { labFacts } from './facts.ts';
import { ProfileSchema, type ProfileInput } from './profile-schema.ts';

const profile = (input: ProfileInput) => ProfileSchema.parse(input);

describe('the people side', () => {
  it('counts the releases a shared unit would take per working day against what it can take', () => {
    // 12 teams × 1 release a day, for 8 slots.
    expect(sharedReleaseLoad(profile({ teams: 12, deployFrequency: 'daily' }))).toBeCloseTo(1.5);
    // 200 teams × 1/21 release a day, for 8 slots: above 1, the releases queue.
    expect(sharedReleaseLoad(profile({ teams: 200, deployFrequency: 'monthly' }))).toBeCloseTo(200 / 21 / 8);
  });

  it('gives units of their own from the team count, whatever the frequency, or when releases queue', () => {
    expect(teamNeeds(profile({ teams: 200, deployFrequency: 'monthly' }))).toMatchObject({ ownUnits: true, byTeamCount: true, byReleaseLoad: true });
    expect(teamNeeds(profile({ teams: 10, deployFrequency: 'monthly' }))).toMatchObject({ ownUnits: true, byTeamCount: true, byReleaseLoad: false });
    expect(teamNeeds(profile({ teams: 3, deployFrequency: 'many-per-day' }))).toMatchObject({ ownUnits: true, byTeamCount: false, byReleaseLoad: true });
    expect(teamNeeds(profile({ teams: 9, deployFrequency: 'weekly' })).ownUnits).toBe(false);
    // One team's releases never queue, however often it deploys.
    expect(teamNeeds(profile({ teams: 1, deployFrequency: 'many-per-day' })).ownUnits).toBe(false);
  });
});

describe('the request’s path', () => {
  it('costs a hop at the assumed real-network value, the lab’s loopback hop being the floor', () => {
    expect(assumed.networkHopMs.value).toBeCloseTo((5.47 - 0.38) / 12);
    expect(hopMs(labFacts)).toBe(Math.max(assumed.networkHopMs.value, labFacts.hop.perHopUs / 1000));
    // The loopback hop is well below a real network's: the floor does not bind on the committed evidence.
    expect(labFacts.hop.perHopUs / 1000).toBeLessThan(assumed.networkHopMs.value);
  });

  it('reads the hops as a share of the budget, and counts those the judged share holds', () => {
    expect(hopsShareOfBudget(5, profile({ latencyBudgetMs: 5 }), labFacts)).toBeCloseTo((5 * hopMs(labFacts)) / 5);
    // A quarter of 5 ms is 1.25 ms: two hops of 0.42 ms, not three.
    expect(hopsWithinBudget(profile({ latencyBudgetMs: 5 }), labFacts)).toBe(2);
    expect(hopsWithinBudget(profile({ latencyBudgetMs: 1 }), labFacts)).toBe(0);
    expect(hopsWithinBudget(profile({ latencyBudgetMs: 200 }), labFacts)).toBe(117);
  });

  it('lets as many units in a row as keep the product of their availabilities at the target', () => {
    const unit = assumed.unitAvailabilityPercent.value / 100;
    for (const target of [99, 99.5, 99.9, 99.95, 99.99]) {
      const units = unitsWithinTarget(profile({ availabilityTarget: target }));
      expect(unit ** units).toBeGreaterThanOrEqual(target / 100 - 1e-12);
      expect(unit ** (units + 1)).toBeLessThan(target / 100);
    }
    expect(unitsWithinTarget(profile({ availabilityTarget: 99.9 }))).toBe(10);
    expect(unitsWithinTarget(profile({ availabilityTarget: 99.99 }))).toBe(1);
    expect(unitsWithinTarget(profile({ availabilityTarget: 99.999 }))).toBe(0);
    expect(availabilityEachUnitNeeds(profile({ availabilityTarget: 99.9 }), 6)).toBeCloseTo(99.98333, 4);
  });

  it('allows the hops both the budget and the target allow', () => {
    expect(syncHopsAllowed(profile({ latencyBudgetMs: 5, availabilityTarget: 99.9 }), labFacts)).toBe(2);
    expect(syncHopsAllowed(profile({ latencyBudgetMs: 500, availabilityTarget: 99.95 }), labFacts)).toBe(4);
    expect(syncHopsAllowed(profile({ latencyBudgetMs: 500, availabilityTarget: 99.999 }), labFacts)).toBe(0);
  });
});

describe('scale to zero', () => {
  it('takes the assumed platform cold start, the lab’s bare unit start being the floor', () => {
    expect(coldStartMs(labFacts)).toBe(Math.max(assumed.coldStartMs.value, labFacts.fleet.nanoUnitColdStartMs));
  });

  it('says which condition fails', () => {
    const idle = { traffic: 'mostly-idle', scaleToZeroSavingsPercent: 80 } as const;
    expect(functionsFit(profile({ ...idle, latencyBudgetMs: 3000 }), labFacts)).toMatchObject({ fits: true, coldStartShare: coldStartMs(labFacts) / 3000 });
    expect(functionsFit(profile({ ...idle, latencyBudgetMs: 300 }), labFacts)).toMatchObject({ fits: false, coldStartFits: false, savingsEnough: true });
    expect(functionsFit(profile({ ...idle, latencyBudgetMs: 3000, traffic: 'steady' }), labFacts)).toMatchObject({ fits: false, trafficReachesZero: false });
    expect(functionsFit(profile({ ...idle, latencyBudgetMs: 3000, availabilityTarget: 99.999 }), labFacts)).toMatchObject({ fits: false, availabilityFits: false });
    expect(judgement.trafficThatReachesZero.value).not.toContain('steady');
  });
});

describe('the decision', () => {
  it('goes to services only when the teams need their own units', () => {
    expect(decide(profile({ teams: 9, callDepth: 1 }), labFacts).granularity).toBe('modular-monolith');
    expect(decide(profile({ teams: 10, callDepth: 1 }), labFacts)).toEqual({ granularity: 'microservices', syncHops: 0 });
  });

  it('keeps as many hops synchronous as fit, makes the rest asynchronous when it can wait, else merges the path', () => {
    const tight = { teams: 12, deployFrequency: 'daily', latencyBudgetMs: 5, callDepth: 6 } as const;
    expect(decide(profile({ ...tight, deferrableWork: true }), labFacts)).toEqual({ granularity: 'microservices-async', syncHops: 2 });
    expect(decide(profile(tight), labFacts)).toEqual({ granularity: 'microservices', syncHops: 2 });
    expect(decide(profile({ ...tight, latencyBudgetMs: 1 }), labFacts)).toEqual({ granularity: 'modular-monolith', syncHops: 0 });
    expect(decide(profile({ ...tight, latencyBudgetMs: 1, deferrableWork: true }), labFacts)).toEqual({ granularity: 'microservices-async', syncHops: 0 });
  });
});
