// What the decision guide takes as given without having measured it. Two kinds, kept apart so that
// the page can say which is which: values about real deployments that the lab cannot measure on one
// machine (assumed), and the guide's own lines between one answer and another (judgement). Each says
// what it rests on; none is a measurement, and the rules that use one name it in their reasons.
import type { Citation } from '../claims/registry.ts';
import { choiceLabels, type DeployFrequency, type TrafficPattern } from './profile.ts';
import { sources } from './sources.ts';

/** A value the guide uses without having measured it, and why that value. */
export interface Assumption<T> {
  readonly value: T;
  /** A few words for the value, where a reason names what it assumed. */
  readonly label: string;
  /** The value as the page shows it, with its unit. */
  readonly shown: string;
  /** What the value is, in words the page shows. */
  readonly what: string;
  /** Where the value comes from: a derivation, a published figure, or a judgement, said as such. */
  readonly basis: string;
  readonly sources: readonly Citation[];
}

// Ghemawat et al. (HotOS 2023, §6.1, read in a secondary summary): Online Boutique served its median
// request in 5.47 ms as deployed, one service per process with gRPC between them, and in 0.38 ms with
// every component in one process. examples/systems/online-boutique.json counts about 13 operations per
// request in the demo's load mix, the frontend's own among them: 12 blocking calls, one after another.
const onlineBoutique = { deployedMedianMs: 5.47, oneProcessMedianMs: 0.38, blockingCallsPerRequest: 12 } as const;
const networkHopMs = (onlineBoutique.deployedMedianMs - onlineBoutique.oneProcessMedianMs) / onlineBoutique.blockingCallsPerRequest;

// The values, once each: `shown` is written from them, so the page cannot show one value while the rules use another.
const unitAvailabilityPercent = 99.99;
const coldStartMs = 500;
const releasesPerTeamPerDay: Readonly<Record<DeployFrequency, number>> = { monthly: 1 / 21, weekly: 1 / 5, daily: 1, 'many-per-day': 4 };
const unitReleasesPerDay = 8;
const teamsNeedingOwnUnits = 10;
const overheadShareOfBudget = 0.25;
const scaleToZeroSavingsPercent = 50;
const trafficThatReachesZero: readonly TrafficPattern[] = ['daily-peaks', 'spiky', 'mostly-idle'];

/** Values about real deployments that the lab did not measure. */
export const assumed = {
  networkHopMs: {
    value: networkHopMs,
    label: 'a real network’s hop',
    shown: `${networkHopMs.toFixed(2)} ms`,
    what: 'what one synchronous call between services adds to a request in a real deployment (network in one zone, serialisation, proxies), at the median',
    // One template literal: the site's minifier dropped text when it folded two concatenated ones here.
    basis: `Derived: Online Boutique took ${onlineBoutique.deployedMedianMs} ms per request as deployed and ${onlineBoutique.oneProcessMedianMs} ms in one process (Ghemawat et al., secondary summary), over about ${onlineBoutique.blockingCallsPerRequest} blocking calls per request: (${onlineBoutique.deployedMedianMs} − ${onlineBoutique.oneProcessMedianMs}) ÷ ${onlineBoutique.blockingCallsPerRequest}. Google's fleet (Seemakhupt et al.) puts RPCs in milliseconds. The lab's loopback hop is a floor: the guide never uses less.`,
    sources: [sources.ghemawat, sources.seemakhupt],
  },
  unitAvailabilityPercent: {
    value: unitAvailabilityPercent,
    label: 'a unit’s availability',
    shown: `${unitAvailabilityPercent} %`,
    what: 'the availability one deploy unit reaches with replicas behind a balancer',
    basis:
      'No published per-service rate was found; platforms promise 99.95 % (AWS Lambda) to 99.99 % (compute in a region, secondary summary). The guide takes the better end, so that a rule against a chain fires only when even good units cannot meet the target.',
    sources: [sources.lambdaSla, sources.treynor],
  },
  coldStartMs: {
    value: coldStartMs,
    label: 'a platform’s cold start',
    shown: `${coldStartMs} ms`,
    what: 'what a platform that scales to zero adds to a request that finds its function cold',
    basis:
      'AWS gives cold starts from under 100 ms to over 1 s; Azure Functions’ execution times are of the same order as their cold starts (Shahrad et al.), with a median near 0.7 s. The lab’s own unit start, spawn to first answer with no platform around it, is a floor: the guide never uses less.',
    sources: [sources.lambdaColdStarts, sources.shahrad],
  },
  releasesPerTeamPerDay: {
    value: releasesPerTeamPerDay,
    label: 'releases per team and day',
    shown: Object.entries(releasesPerTeamPerDay)
      .map(([frequency, perDay]) => `${choiceLabels[frequency as DeployFrequency]} ${Number(perDay.toFixed(3))}`)
      .join(', '),
    what: 'releases each team makes per working day, for each deploy frequency',
    basis: 'Taken: 21 working days a month, 5 a week, and "many times a day" as 4.',
    sources: [],
  },
  unitReleasesPerDay: {
    value: unitReleasesPerDay,
    label: 'releases one unit can take a day',
    shown: `${unitReleasesPerDay} a working day`,
    what: 'releases one deploy unit can take per working day, one after another',
    basis: 'A release of one unit (build, tests, rollout, watching it settle) is taken to last about an hour, over an 8-hour working day. A merge queue that batches changes takes more, at the price that one bad change holds back the batch.',
    sources: [],
  },
} as const satisfies Record<string, Assumption<unknown>>;

/** The guide's own lines between one answer and another: judgement, not measurement. */
export const judgement = {
  teamsNeedingOwnUnits: {
    value: teamsNeedingOwnUnits,
    label: 'the team count for units of their own',
    shown: `${teamsNeedingOwnUnits} teams`,
    what: 'teams from which each needs deploy units of its own, whatever its release frequency',
    basis:
      'Judgement. A system takes the shape of the organisation that builds it (Conway), and a team should own no more than its cognitive load allows (Team Topologies, with teams of about 5 to 9 people). Ten teams are 50 to 90 people: one shared release then mixes the work of more people than can follow each other’s changes.',
    sources: [sources.conway, sources.teamTopologies],
  },
  overheadShareOfBudget: {
    value: overheadShareOfBudget,
    label: 'the share of the budget for overhead',
    shown: `${overheadShareOfBudget * 100} % of the latency budget`,
    what: 'the share of the latency budget that synchronous hops, or a cold start, may take',
    basis:
      'Judgement. Google’s RPC latency tax, the time a call spends outside its handler, averages about 2 % of a call but reaches 38 % and more at the p95 for one method in ten (Seemakhupt et al., secondary summary), and tails grow with every call a request waits for (Dean and Barroso): a quarter leaves three quarters for the work and its tail.',
    sources: [sources.seemakhupt, sources.tailAtScale],
  },
  scaleToZeroSavingsPercent: {
    value: scaleToZeroSavingsPercent,
    label: 'the saving that pays for cold starts',
    shown: `${scaleToZeroSavingsPercent} % of the compute bill`,
    what: 'the share of the compute bill that scaling to zero must save before functions are worth their cold starts and limits',
    basis: 'Judgement: below half the bill, one unit that is always on is cheaper in cold starts, in calls between functions and in platform limits than it costs. 45 % of Azure’s function apps are invoked at most once an hour (Shahrad et al.): for those, idle is most of the bill.',
    sources: [sources.shahrad],
  },
  trafficThatReachesZero: {
    value: trafficThatReachesZero,
    label: 'the traffic that reaches zero',
    shown: trafficThatReachesZero.map((pattern) => choiceLabels[pattern]).join(', '),
    what: 'traffic patterns with idle time for scaling to zero to save',
    basis: 'A steady load never reaches zero, whatever the estimate of savings says.',
    sources: [],
  },
} as const satisfies Record<string, Assumption<unknown>>;
