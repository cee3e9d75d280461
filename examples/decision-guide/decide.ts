// The guide's decision, rule by rule, as numbers: which answer a profile gets and how many synchronous
// hops it leaves on a request's path. The words (reasons, headline, caveats) are in recommend.ts, so
// that every figure a sentence quotes comes from the same function that decided.
import { assumed, judgement } from './assumptions.ts';
import type { DecisionFacts } from './facts.ts';
import type { Profile } from './profile.ts';

/** The answers the guide gives, from the coarsest cut to the finest. */
export const granularities = ['monolith', 'modular-monolith', 'microservices', 'microservices-async', 'functions'] as const;
/** One answer. */
export type Granularity = (typeof granularities)[number];

// ── The people side ────────────────────────────────────────────────────────────────────────────────

/**
 * Releases per working day the reader's teams would push through one shared deploy unit, as a share
 * of what one unit can take one after another: above 1, releases queue.
 *
 * @example
 * ```ts
 * sharedReleaseLoad(ProfileSchema.parse({ teams: 12, deployFrequency: 'daily' })); // 1.5: 12 releases a day for 8 slots
 * sharedReleaseLoad(ProfileSchema.parse({ teams: 3, deployFrequency: 'weekly' })); // 0.075
 * ```
 */
export function sharedReleaseLoad(profile: Profile): number {
  return (profile.teams * assumed.releasesPerTeamPerDay.value[profile.deployFrequency]) / assumed.unitReleasesPerDay.value;
}

/** Whether the teams need deploy units of their own, and which of the two reasons says so. */
export interface TeamNeeds {
  readonly ownUnits: boolean;
  /** So many teams that a shared release mixes more work than its people can follow. */
  readonly byTeamCount: boolean;
  /** Their releases would queue for one shared unit. */
  readonly byReleaseLoad: boolean;
  readonly releaseLoad: number;
}

/**
 * Whether the reader's teams need separately deployed units: from `judgement.teamsNeedingOwnUnits`
 * teams whatever their release frequency (Conway, Team Topologies), or fewer teams whose releases
 * would queue for one unit. Deploying often alone does not count: one team's releases never queue.
 *
 * @example
 * ```ts
 * teamNeeds(ProfileSchema.parse({ teams: 200, deployFrequency: 'monthly' })); // { ownUnits: true, byTeamCount: true, byReleaseLoad: true, releaseLoad: 1.19 }
 * teamNeeds(ProfileSchema.parse({ teams: 1, deployFrequency: 'many-per-day' })).ownUnits; // false
 * ```
 */
export function teamNeeds(profile: Profile): TeamNeeds {
  const releaseLoad = sharedReleaseLoad(profile);
  const byTeamCount = profile.teams >= judgement.teamsNeedingOwnUnits.value;
  const byReleaseLoad = releaseLoad > 1;
  return { ownUnits: byTeamCount || byReleaseLoad, byTeamCount, byReleaseLoad, releaseLoad };
}

// ── The request's path: latency and availability ───────────────────────────────────────────────────

/**
 * What one synchronous hop between services costs in the reader's deployment, in milliseconds: the
 * assumed real-network hop, never less than the hop the lab measured on loopback (a floor: loopback
 * has no network, no proxy and no serialisation beyond the lab's JSON).
 *
 * @example
 * ```ts
 * hopMs(labFacts); // 0.42: the assumed hop, above the lab's 0.118 ms on loopback
 * ```
 */
export function hopMs(facts: DecisionFacts): number {
  return Math.max(assumed.networkHopMs.value, facts.hop.perHopUs / 1000);
}

/**
 * The share of the latency budget that `hops` synchronous hops take.
 *
 * @example
 * ```ts
 * hopsShareOfBudget(5, ProfileSchema.parse({ latencyBudgetMs: 5 }), labFacts); // 0.42: five hops of 0.42 ms in 5 ms
 * ```
 */
export function hopsShareOfBudget(hops: number, profile: Profile, facts: DecisionFacts): number {
  return (hops * hopMs(facts)) / profile.latencyBudgetMs;
}

// Floors of ratios that are whole numbers in exact arithmetic (ln 0.999 ÷ ln 0.9999 ≈ 10.0045) must
// not lose one to rounding; a billionth is far below any difference a reader's input can make.
const floorOf = (ratio: number) => Math.floor(ratio + 1e-9);

/**
 * How many synchronous hops fit the share of the budget hops may take (`judgement.overheadShareOfBudget`).
 *
 * @example
 * ```ts
 * hopsWithinBudget(ProfileSchema.parse({ latencyBudgetMs: 5 }), labFacts); // 2: a quarter of 5 ms holds two hops of 0.42 ms
 * ```
 */
export function hopsWithinBudget(profile: Profile, facts: DecisionFacts): number {
  return floorOf((judgement.overheadShareOfBudget.value * profile.latencyBudgetMs) / hopMs(facts));
}

/**
 * How many units a request may wait for, one after another, and still meet the availability target
 * when each reaches `assumed.unitAvailabilityPercent`: availabilities multiply along the path
 * (Treynor et al.). 0 when not even one unit reaches the target.
 *
 * @example
 * ```ts
 * unitsWithinTarget(ProfileSchema.parse({ availabilityTarget: 99.9 })); // 10: 0.9999^10 ≥ 0.999
 * unitsWithinTarget(ProfileSchema.parse({ availabilityTarget: 99.99 })); // 1
 * ```
 */
export function unitsWithinTarget(profile: Profile): number {
  const target = profile.availabilityTarget / 100;
  const unit = assumed.unitAvailabilityPercent.value / 100;
  return target > unit ? 0 : floorOf(Math.log(target) / Math.log(unit));
}

/**
 * The availability each of `units` units in a row must reach for the target end to end.
 *
 * @example
 * ```ts
 * availabilityEachUnitNeeds(ProfileSchema.parse({ availabilityTarget: 99.9 }), 6); // 99.983
 * ```
 */
export function availabilityEachUnitNeeds(profile: Profile, units: number): number {
  return 100 * (profile.availabilityTarget / 100) ** (1 / units);
}

/**
 * The synchronous hops between services a request may wait for: as many as both the latency budget
 * and the availability target allow.
 *
 * @example
 * ```ts
 * syncHopsAllowed(ProfileSchema.parse({ latencyBudgetMs: 5, availabilityTarget: 99.9 }), labFacts); // 2, set by the budget
 * syncHopsAllowed(ProfileSchema.parse({ latencyBudgetMs: 500, availabilityTarget: 99.99 }), labFacts); // 0, set by the target
 * ```
 */
export function syncHopsAllowed(profile: Profile, facts: DecisionFacts): number {
  return Math.max(0, Math.min(hopsWithinBudget(profile, facts), unitsWithinTarget(profile) - 1));
}

// ── Scale to zero ──────────────────────────────────────────────────────────────────────────────────

/**
 * What a cold start adds to a request, in milliseconds: the assumed platform cold start, never less
 * than the lab's own unit start (spawn to first answer, no platform around it).
 *
 * @example
 * ```ts
 * coldStartMs(labFacts); // 500: the assumed platform cold start, above the lab's unit start of about 0.1 s
 * ```
 */
export function coldStartMs(facts: DecisionFacts): number {
  return Math.max(assumed.coldStartMs.value, facts.fleet.nanoUnitColdStartMs);
}

/** Whether functions that scale to zero fit, condition by condition. */
export interface FunctionsFit {
  readonly fits: boolean;
  readonly trafficReachesZero: boolean;
  readonly savingsEnough: boolean;
  /** A cold start's share of the latency budget. */
  readonly coldStartShare: number;
  readonly coldStartFits: boolean;
  /** One function on the request's path meets the availability target. */
  readonly availabilityFits: boolean;
}

/**
 * Whether functions that scale to zero pay off: the traffic has idle time, scaling to zero saves
 * enough, and the cold start, which a mostly idle function meets on most requests, fits the budget.
 * Each request is handled inside one function (its parts called in process), so no chain of
 * functions adds hops or cold starts.
 *
 * @example
 * ```ts
 * functionsFit(ProfileSchema.parse({ traffic: 'mostly-idle', scaleToZeroSavingsPercent: 80, latencyBudgetMs: 3000 }), labFacts).fits; // true
 * functionsFit(ProfileSchema.parse({ traffic: 'mostly-idle', scaleToZeroSavingsPercent: 80, latencyBudgetMs: 300 }), labFacts).fits; // false: the cold start takes 167 %
 * ```
 */
export function functionsFit(profile: Profile, facts: DecisionFacts): FunctionsFit {
  const trafficReachesZero = judgement.trafficThatReachesZero.value.includes(profile.traffic);
  const savingsEnough = profile.scaleToZeroSavingsPercent >= judgement.scaleToZeroSavingsPercent.value;
  const coldStartShare = coldStartMs(facts) / profile.latencyBudgetMs;
  const coldStartFits = coldStartShare <= judgement.overheadShareOfBudget.value;
  const availabilityFits = unitsWithinTarget(profile) >= 1;
  return { fits: trafficReachesZero && savingsEnough && coldStartFits && availabilityFits, trafficReachesZero, savingsEnough, coldStartShare, coldStartFits, availabilityFits };
}

// ── The decision ───────────────────────────────────────────────────────────────────────────────────

/** The answer and the synchronous hops it leaves on a request's path, before any reason is written. */
export interface Decision {
  readonly granularity: Granularity;
  readonly syncHops: number;
}

/**
 * The guide's decision, rule by rule: functions where scaling to zero pays for its cold starts; one
 * deploy unit (a monolith for one team, a modular monolith for more) unless the teams need units of
 * their own; then services, as many on a request's path as the budget and the target allow, the
 * rest asynchronous if it can wait, else a coarser cut.
 *
 * @example
 * ```ts
 * decide(ProfileSchema.parse({ teams: 12, deployFrequency: 'daily', latencyBudgetMs: 5, callDepth: 6, deferrableWork: true }), labFacts);
 * // { granularity: 'microservices-async', syncHops: 2 }
 * ```
 */
export function decide(profile: Profile, facts: DecisionFacts): Decision {
  if (functionsFit(profile, facts).fits) return { granularity: 'functions', syncHops: 0 };
  if (!teamNeeds(profile).ownUnits) return { granularity: profile.teams === 1 ? 'monolith' : 'modular-monolith', syncHops: 0 };
  const wanted = profile.callDepth - 1;
  const allowed = syncHopsAllowed(profile, facts);
  if (wanted <= allowed) return { granularity: 'microservices', syncHops: wanted };
  if (profile.deferrableWork) return { granularity: 'microservices-async', syncHops: allowed };
  // The work cannot wait: fewer services on the path, as long as at least one hop fits.
  if (allowed >= 1) return { granularity: 'microservices', syncHops: allowed };
  return { granularity: 'modular-monolith', syncHops: 0 };
}
