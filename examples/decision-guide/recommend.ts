// The guide's answer in words: the reasons for and against each answer, each tied to the lab's
// evidence, a published source or a named assumption, and the sentences the page shows. The decision
// itself, in numbers, is in decide.ts.
import { claimById, type Citation } from '../claims/registry.ts';
import { assumed, judgement } from './assumptions.ts';
import {
  availabilityEachUnitNeeds,
  coldStartMs,
  decide,
  functionsFit,
  hopMs,
  hopsShareOfBudget,
  hopsWithinBudget,
  syncHopsAllowed,
  teamNeeds,
  unitsWithinTarget,
  type Decision,
  type Granularity,
} from './decide.ts';
import type { DecisionFacts, EvidenceClaimId } from './facts.ts';
import { choiceLabels, type Profile } from './profile.ts';
import { sources } from './sources.ts';
import { formatAvailability, formatSignificant } from '../lab/report/format.ts';

/** The words for each answer. */
export const granularityLabels: Readonly<Record<Granularity, string>> = {
  monolith: 'Monolith',
  'modular-monolith': 'Modular monolith',
  microservices: 'Microservices',
  'microservices-async': 'Microservices with asynchronous calls',
  functions: 'Functions that scale to zero',
};

/** The answers that deploy more than one unit, so that a team can release without the others. */
const separateUnits: readonly Granularity[] = ['microservices', 'microservices-async', 'functions'];
/** The answers that keep a request's parts in one process. */
const oneUnit: readonly Granularity[] = ['monolith', 'modular-monolith'];

/** The rule a reason comes from (see `decide` for the order in which the rules are weighed). */
export type RuleName = 'teams' | 'deploy-frequency' | 'latency' | 'availability' | 'scale-to-zero' | 'start-coarse' | 'running-cost';

/** The name of a value the guide assumed or judged (see `assumptions.ts`). */
export type AssumptionName = keyof typeof assumed | keyof typeof judgement;

/** What the lab measured for a reason: the claim, the figure in words, where it is stored and shown. */
export interface Measured {
  readonly claimId: EvidenceClaimId;
  readonly figure: string;
  readonly evidenceFile: string;
  /** The claim's section: `/docs/<page>#<claim id>`. */
  readonly href: string;
}

/** One reason of a recommendation: what it says, about which answers, and what it rests on. */
export interface Reason {
  readonly rule: RuleName;
  /** The answers the reason speaks for or against. */
  readonly about: readonly Granularity[];
  readonly direction: 'for' | 'against';
  /**
   * The rule on its own rules out the answers the reason is about. The decision weighs the rules in
   * order (see `decide`): the request's path, latency and availability, before the teams' wish for
   * units of their own, so a decisive reason can stand against the answer given.
   */
  readonly decisive: boolean;
  readonly text: string;
  /** The lab's figure the reason rests on, or null when it rests on sources and assumptions only. */
  readonly measured: Measured | null;
  readonly sources: readonly Citation[];
  /** The assumed and judged values the reason uses, by name. */
  readonly assumes: readonly AssumptionName[];
}

/** What the guide answers: plain JSON. */
export interface Recommendation {
  readonly granularity: Granularity;
  /** The answer in the words the page shows. */
  readonly label: string;
  readonly headline: string;
  /**
   * Synchronous hops between services a request may wait for, within the latency budget and the
   * availability target; 0 when the request's path stays in one unit.
   */
  readonly syncHops: number;
  /** For the answer first, then its costs, then why not the others. */
  readonly reasons: readonly Reason[];
  readonly caveats: readonly string[];
}

const plural = (count: number, noun: string) => `${formatSignificant(count)} ${noun}${count === 1 ? '' : 's'}`;
const share = (ratio: number) => `${formatSignificant(ratio * 100)} %`;
/** A part of the budget as a percentage, or as a multiple once it exceeds the whole. */
const ofBudget = (ratio: number, budgetMs: number) => (ratio > 1 ? `${formatSignificant(ratio)}×` : `${share(ratio)} of`) + ` your ${formatSignificant(budgetMs)} ms budget`;
/** Synchronous hops in words: none at all reads better than "0 synchronous hops". */
const syncHopsText = (hops: number) => (hops === 0 ? 'no synchronous hop' : plural(hops, 'synchronous hop'));

// ── Reasons ────────────────────────────────────────────────────────────────────────────────────────

const measured = (claimId: EvidenceClaimId, figure: string): Measured => {
  const claim = claimById(claimId);
  return { claimId, figure, evidenceFile: `evidence/${claimId}.json`, href: `/docs/${claim.page}#${claim.id}` };
};

const reason = (fields: Omit<Reason, 'decisive' | 'measured' | 'sources' | 'assumes'> & Partial<Pick<Reason, 'decisive' | 'measured' | 'sources' | 'assumes'>>): Reason => ({
  decisive: false,
  measured: null,
  sources: [],
  assumes: [],
  ...fields,
});

function teamReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const needs = teamNeeds(profile);
  const teams = plural(profile.teams, 'team');
  const perDay = profile.teams * assumed.releasesPerTeamPerDay.value[profile.deployFrequency];
  const load = `${teams} releasing ${choiceLabels[profile.deployFrequency]} push about ${plural(perDay, 'release')} a working day through one shared unit, ${share(needs.releaseLoad)} of the ${assumed.unitReleasesPerDay.value} it can take one after another`;
  const l = facts.lockstep;
  const lockstep = measured(
    'micro-lockstep',
    `a field added to the cart: ${l.microUnitsRedeployed} of ${l.microUnitsTotal} microservice units redeployed; the monolith redeployed all ${l.monolithFunctionsRedeployed} functions`,
  );
  const assumes: AssumptionName[] = ['teamsNeedingOwnUnits', 'releasesPerTeamPerDay', 'unitReleasesPerDay'];
  if (needs.ownUnits) {
    const why = [
      needs.byTeamCount
        ? `from ${judgement.teamsNeedingOwnUnits.value} teams on, each needs units it can release on its own, whatever its release frequency: the system will take the shape of the teams anyway (Conway), and no team can follow everyone's changes (Team Topologies)`
        : null,
      needs.byReleaseLoad ? `${load}, so releases queue` : null,
    ].filter((part) => part !== null);
    return [
      reason({
        rule: 'teams',
        about: separateUnits,
        direction: 'for',
        text: `${teams}: ${why.join('; and ')}. Give each team units of its own, about one per team to start with.`,
        measured: lockstep,
        sources: [sources.conway, sources.teamTopologies],
        assumes,
      }),
      reason({
        rule: 'teams',
        about: oneUnit,
        direction: 'against',
        decisive: true,
        text: `One deploy unit for ${teams} makes every release carry everyone's changes: a failed change of one team stops or rolls back all of them${needs.byReleaseLoad ? ', and the releases queue' : ''}.`,
        measured: lockstep,
        sources: [sources.conway],
        assumes,
      }),
    ];
  }
  if (profile.teams === 1) {
    return [
      reason({
        rule: 'teams',
        about: ['monolith'],
        direction: 'for',
        text: `One team builds one system (Conway): one deploy unit is one pipeline and nobody waits for it. Keep the code in tidy modules; enforcing their boundaries can wait for a second team.`,
        measured: lockstep,
        sources: [sources.conway],
        assumes,
      }),
    ];
  }
  return [
    reason({
      rule: 'teams',
      about: ['modular-monolith'],
      direction: 'for',
      text:
        `${load}, and they are fewer than ${judgement.teamsNeedingOwnUnits.value} teams: one deploy unit carries them. ` +
        `Give each team a module it owns behind an interface, so that the code follows the teams (Conway) and each team holds only its module in its head (Team Topologies).`,
      measured: lockstep,
      sources: [sources.conway, sources.teamTopologies],
      assumes,
    }),
    reason({
      rule: 'teams',
      about: ['monolith'],
      direction: 'against',
      text: `${teams} in one codebase without module boundaries change each other's code: the boundaries are what lets a team own its part.`,
      sources: [sources.teamTopologies],
    }),
  ];
}

function deployFrequencyReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const often = profile.deployFrequency === 'daily' || profile.deployFrequency === 'many-per-day';
  if (!often || teamNeeds(profile).ownUnits) return [];
  const r = facts.rollout;
  return [
    reason({
      rule: 'deploy-frequency',
      about: oneUnit,
      direction: 'for',
      text: `Deploying ${choiceLabels[profile.deployFrequency]} does not by itself call for smaller units: zero-downtime releases came from a rolling update with a readiness gate, in any shape; without the gate, or restarted in place, checkouts failed whatever the size.`,
      measured: measured(
        'micro-continuous-deployment',
        `gated rolling update of the monolith (${r.monolithGated.replicas} replicas): ${r.monolithGated.failed} of ${r.monolithGated.sent} failed; microservice without a gate: ${r.microUngated.failed} of ${r.microUngated.sent}; monolith restarted in place: ${r.monolithRecreate.failed} of ${r.monolithRecreate.sent}`,
      ),
    }),
  ];
}

function latencyReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const wanted = profile.callDepth - 1;
  const hop = hopMs(facts);
  const loopback = measured(
    'nano-chaining',
    `${formatSignificant(facts.hop.perHopUs)} µs per HTTP hop on loopback (p50)${facts.hop.ratioToRawHttp === null ? '' : `, ${formatSignificant(facts.hop.ratioToRawHttp)}× a bare node:http round trip`}; the whole six-function checkout took ${formatSignificant(facts.hop.inProcessCheckoutUs)} µs in one call stack`,
  );
  if (wanted === 0) {
    return [
      reason({
        rule: 'latency',
        about: separateUnits,
        direction: 'for',
        text: `A request stays inside one part, so no cut adds a synchronous hop between services to it.`,
        measured: loopback,
      }),
    ];
  }
  const m = facts.modules;
  const reasons: Reason[] = [
    reason({
      rule: 'latency',
      about: oneUnit,
      direction: 'for',
      text: `In one process the ${profile.callDepth} parts of a request call each other as functions, so module boundaries add no hop; every boundary that becomes a network call adds one and widens the tail.`,
      measured: measured(
        'modular-monolith-in-process-calls',
        `the modular monolith answered at ${formatSignificant(m.modularToMonolithRatio)}× a plain monolith's median; the same modules as microservices took ${formatSignificant(m.microToModularP50Ratio)}× at the median and ${formatSignificant(m.microToModularP99Ratio)}× at the p99, ${formatSignificant(m.perNetworkCrossingUs)} µs per boundary crossed over loopback`,
      ),
      sources: [sources.tailAtScale],
    }),
  ];
  const hopsShare = hopsShareOfBudget(wanted, profile, facts);
  const fitting = hopsWithinBudget(profile, facts);
  const over = hopsShare > judgement.overheadShareOfBudget.value;
  const perPartMs = profile.latencyBudgetMs / profile.callDepth;
  reasons.push(
    reason({
      rule: 'latency',
      about: ['microservices'],
      direction: 'against',
      // Too many hops limit the services on the path; only a budget that holds none rules them out.
      decisive: fitting === 0,
      text:
        `Cut one service per part, a request waits for ${plural(wanted, 'synchronous hop')}: ${wanted} × ${formatSignificant(hop)} ms = ${formatSignificant(wanted * hop)} ms, ${ofBudget(hopsShare, profile.latencyBudgetMs)} ` +
        `(each hop ${share(hop / perPartMs)} of the ${formatSignificant(perPartMs)} ms each part may take). ` +
        (over
          ? `Above ${share(judgement.overheadShareOfBudget.value)}, too little is left for the work and its tail: the budget holds ${syncHopsText(fitting)}${fitting === 0 ? '' : `, so at most ${fitting + 1} services on the path, or fewer calls the user waits for`}.`
          : `Within ${share(judgement.overheadShareOfBudget.value)}: the hops fit.`),
      measured: loopback,
      sources: [sources.ghemawat, sources.seemakhupt],
      assumes: ['networkHopMs', 'overheadShareOfBudget'],
    }),
  );
  if (over && profile.deferrableWork) {
    const kept = Math.min(fitting, syncHopsAllowed(profile, facts));
    const msg = facts.messaging;
    reasons.push(
      reason({
        rule: 'latency',
        about: ['microservices-async'],
        direction: 'for',
        text: `Work that can wait leaves the request's path: keep ${syncHopsText(kept)}${kept === 0 ? '' : ` (${formatSignificant(kept * hop)} ms)`} and send the other ${wanted - kept} call${wanted - kept === 1 ? '' : 's'} as events the user does not wait for.`,
        measured: measured('micro-no-shared-data', `a publish until the durable consumer had it: ${formatSignificant(msg.brokerHopUs)} µs (p50, ${msg.broker}), after the answer instead of before it`),
        sources: [sources.outbox],
        assumes: ['networkHopMs', 'overheadShareOfBudget'],
      }),
    );
  }
  return reasons;
}

function availabilityReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const units = profile.callDepth;
  const reasons: Reason[] = [];
  const r = facts.redundancy;
  reasons.push(
    reason({
      rule: 'availability',
      about: ['microservices', 'microservices-async'],
      direction: 'against',
      text: `Redundancy comes from replicas, a balancer and retries, not from the cut: every service needs its own, so the processes multiply with the services.`,
      measured: measured(
        'micro-redundancy',
        `${r.replicas} replicas each: ${r.processes.monolith} processes as a monolith, ${r.processes.microservices} as microservices, ${r.processes.nanoservices} as nanoservices; the replicated monolith with retries answered ${r.monolithRetriedSucceeded} of ${r.monolithRetriedSent} after a replica was killed`,
      ),
    }),
  );
  if (units <= 1) return reasons;
  const a = facts.availability;
  const eachNeeds = availabilityEachUnitNeeds(profile, units);
  const within = unitsWithinTarget(profile);
  const over = units > within;
  reasons.push(
    reason({
      rule: 'availability',
      about: ['microservices'],
      direction: 'against',
      // A target that allows fewer units than the path limits the services on it; one that allows a single unit rules them out.
      decisive: within <= 1,
      text:
        `Availability multiplies over the units a request waits for (Treynor et al.): for ${formatAvailability(profile.availabilityTarget)} % end to end through ${units} services, each must reach ${formatAvailability(eachNeeds)} %, ` +
        `1/${units} of the failures the whole may have. A unit with replicas reaches about ${assumed.unitAvailabilityPercent.value} %: ` +
        (within === 0 ? `not even one unit meets the target.` : within === 1 ? `only a single unit meets the target.` : over ? `at most ${plural(within, 'unit')} in a row meet the target.` : `the chain meets the target.`),
      measured: measured(
        'nano-clustered-app',
        `at a stress rate of ${formatSignificant(a.failureProbability * 100)} % refusals per unit, far above real rates and chosen to make failures countable: ${formatSignificant(a.measuredPercent.nanoservices)} % of checkouts through ${a.units.nanoservices} units succeeded, ${formatSignificant(a.measuredPercent.monolith)} % through one${a.productRuleHeld ? '; every count fell within the product rule' : ''}`,
      ),
      sources: [sources.treynor, sources.lambdaSla],
      assumes: ['unitAvailabilityPercent'],
    }),
  );
  if (over && profile.deferrableWork) {
    reasons.push(
      reason({
        rule: 'availability',
        about: ['microservices-async'],
        direction: 'for',
        text: `A call the user does not wait for leaves the product: if its service is down, the event waits in the broker and the request still succeeds.`,
        sources: [sources.treynor, sources.outbox],
        assumes: ['unitAvailabilityPercent'],
      }),
    );
  }
  return reasons;
}

function scaleToZeroReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const fit = functionsFit(profile, facts);
  const cold = coldStartMs(facts);
  const f = facts.fleet;
  const start = measured(
    'nano-easy-deploy',
    `${formatSignificant(f.nanoUnitColdStartMs)} ms from spawn to first answer per nanoservice unit (median), with no platform around it; idle, the nanoservice fleet held ${formatSignificant(f.memoryMiB.nanoservices)} MiB in ${f.processes.nanoservices} processes, the monolith ${formatSignificant(f.memoryMiB.monolith)} MiB in ${f.processes.monolith}`,
  );
  const assumes: AssumptionName[] = ['coldStartMs', 'scaleToZeroSavingsPercent', 'overheadShareOfBudget', 'trafficThatReachesZero'];
  const coldText = `a cold start (${formatSignificant(cold)} ms) takes ${ofBudget(fit.coldStartShare, profile.latencyBudgetMs)}`;
  if (fit.fits) {
    return [
      reason({
        rule: 'scale-to-zero',
        about: ['functions'],
        direction: 'for',
        text:
          `Scaling to zero saves ${profile.scaleToZeroSavingsPercent} % of your bill with ${choiceLabels[profile.traffic]} traffic, and ${coldText}, within ${share(judgement.overheadShareOfBudget.value)}. ` +
          `One function per entry point, each request handled inside it; work that can wait goes to queue-triggered functions. A chain of functions would pay a hop and a cold start per link.`,
        measured: start,
        sources: [sources.shahrad, sources.lambdaColdStarts, sources.lambdaCallingLambda],
        assumes,
      }),
    ];
  }
  const missing = [
    fit.trafficReachesZero ? null : `${choiceLabels[profile.traffic]} traffic never reaches zero`,
    fit.savingsEnough ? null : `scaling to zero saves ${profile.scaleToZeroSavingsPercent} % of your bill, below ${judgement.scaleToZeroSavingsPercent.value} %`,
    fit.coldStartFits ? null : `${coldText}, above ${share(judgement.overheadShareOfBudget.value)}`,
    fit.availabilityFits ? null : `not even one unit meets ${formatAvailability(profile.availabilityTarget)} %`,
  ].filter((part) => part !== null);
  return [
    reason({
      rule: 'scale-to-zero',
      about: ['functions'],
      direction: 'against',
      decisive: true,
      text: `Functions pay off where scaling to zero saves more than their cold starts cost: here ${missing.join('; ')}.`,
      measured: start,
      sources: [sources.shahrad, sources.lambdaColdStarts],
      assumes,
    }),
  ];
}

function startCoarseReasons(): Reason[] {
  return [
    reason({
      rule: 'start-coarse',
      about: oneUnit,
      direction: 'for',
      text: `Start coarse-grained: successful microservice systems have mostly grown out of a monolith that got too big, and splitting a coarse unit later is easier than moving functionality between fine ones. Every split pays a premium in operations before it pays back.`,
      sources: [sources.monolithFirst, sources.azureBoundaries, sources.microservicePremium],
    }),
  ];
}

function runningCostReasons(facts: DecisionFacts): Reason[] {
  const c = facts.operatingCost;
  const d = facts.dataOwnership;
  const m = facts.messaging;
  const contracts = facts.contracts.crossUnit;
  const services: readonly Granularity[] = ['microservices', 'microservices-async'];
  return [
    reason({
      rule: 'running-cost',
      about: services,
      direction: 'against',
      text: `Every service is a runtime held in memory and a network API to serve: the same checkouts cost more memory and more CPU than in one process.`,
      measured: measured('modular-monolith-operating-cost', `the same checkouts as microservices: ${formatSignificant(c.memoryRatio)}× the modular monolith's memory and ${formatSignificant(c.cpuRatio)}× its CPU per checkout`),
    }),
    reason({
      rule: 'running-cost',
      about: services,
      direction: 'against',
      text: `A change that writes in two services has no shared transaction: a crash between the two commits leaves them disagreeing until something repairs it.`,
      measured: measured(
        'modular-monolith-data-ownership',
        `${d.inconsistentMicro} of ${d.crashes} crashes between the two commits left the services inconsistent; ${d.inconsistentModular} of ${d.crashes} in the modular monolith's one transaction`,
      ),
    }),
    reason({
      rule: 'running-cost',
      about: services,
      direction: 'against',
      text: `Every boundary between units is a contract to keep compatible between separate releases.`,
      measured: measured('nano-own-schedule', `the lab's checkout has ${contracts.nanoservices} cross-unit contracts as nanoservices, ${contracts.microservices} as microservices, ${contracts.monolith} as a monolith`),
    }),
    reason({
      rule: 'running-cost',
      about: ['microservices-async'],
      direction: 'against',
      text: `An event is safe only with a transactional outbox and a consumer that applies each event id once; the user may see the result a moment later.`,
      measured: measured(
        'micro-no-shared-data',
        `${m.crashes} crashes over ${m.sent} payments: writing then publishing lost ${m.lostWithoutOutbox} events, the outbox ${m.lostWithOutbox}; without an idempotent consumer ${m.appliedTwiceWithoutIdempotence} were applied twice`,
      ),
      sources: [sources.outbox],
    }),
  ];
}

// For the answer first, then its costs, then decisive reasons against the others, then the rest.
const rank = (chosen: Granularity) => (r: Reason) => {
  const mine = r.about.includes(chosen);
  if (mine) return r.direction === 'for' ? 0 : 1;
  return r.direction === 'against' ? (r.decisive ? 2 : 3) : 4;
};

function headline(profile: Profile, facts: DecisionFacts, decision: Decision): string {
  const needs = teamNeeds(profile);
  const budget = `${formatSignificant(profile.latencyBudgetMs)} ms`;
  const wanted = profile.callDepth - 1;
  const hopsLimit = hopsWithinBudget(profile, facts);
  const limitedBy = [hopsLimit <= decision.syncHops ? `your ${budget} budget` : null, unitsWithinTarget(profile) - 1 <= decision.syncHops ? `your ${formatAvailability(profile.availabilityTarget)} % target` : null]
    .filter((part) => part !== null)
    .join(' and ');
  switch (decision.granularity) {
    case 'functions':
      return `Functions on a platform that scales to zero, one per entry point and each request handled inside one function: the savings are large and a cold start fits your ${budget} budget.`;
    case 'monolith':
      return `One team, one deploy unit: nothing in your profile calls for separately deployed units yet. Keep the code in modules; split when a second team, or a queue of releases, appears.`;
    case 'modular-monolith':
      return needs.ownUnits
        ? `Your ${profile.teams} teams need units of their own, but ${limitedBy} leave${limitedBy.includes(' and ') ? '' : 's'} room for no synchronous hop between services, and the work cannot wait: keep a request's path in one deploy unit, a module per team, and split off only what lies off that path.`
        : `${profile.teams} teams share one deploy unit, each owning a module: their releases fill ${share(needs.releaseLoad)} of one pipeline, and the parts of a request call each other in process.`;
    case 'microservices':
      if (wanted === 0) return `About one service per team: your ${profile.teams} teams need units of their own, and each request stays inside one service.`;
      return decision.syncHops === wanted
        ? `About one service per team: your ${profile.teams} teams need units of their own, and ${plural(wanted, 'synchronous hop')} take ${ofBudget(hopsShareOfBudget(wanted, profile, facts), profile.latencyBudgetMs)} while the chain meets ${formatAvailability(profile.availabilityTarget)} %.`
        : `Coarse-grained services: ${limitedBy} allow${limitedBy.includes(' and ') ? '' : 's'} a request at most ${syncHopsText(decision.syncHops)}, so merge the ${profile.callDepth} parts of its path into at most ${decision.syncHops + 1} services.`;
    case 'microservices-async':
      return `Services for your ${profile.teams} teams, with ${decision.syncHops === 0 ? 'no synchronous hop' : `at most ${plural(decision.syncHops, 'synchronous hop')}`} on a request's path (${limitedBy}); the other ${wanted - decision.syncHops} call${wanted - decision.syncHops === 1 ? '' : 's'} become events the user does not wait for.`;
  }
}

function caveats(profile: Profile, facts: DecisionFacts, decision: Decision): string[] {
  const list = [
    `The hop (${formatSignificant(hopMs(facts))} ms), the cold start (${formatSignificant(coldStartMs(facts))} ms) and a unit's availability (${assumed.unitAvailabilityPercent.value} %) in a real deployment are assumed, not measured; the lab's loopback figures are floors. If yours differ, so may the answer.`,
  ];
  if (unitsWithinTarget(profile) === 0) {
    list.push(
      `No cut reaches ${formatAvailability(profile.availabilityTarget)} % with units of ${assumed.unitAvailabilityPercent.value} %: every unit on the path needs more redundancy (replicas across zones or regions), one more nine than the whole (Treynor et al.).`,
    );
  }
  const services = decision.granularity === 'microservices' || decision.granularity === 'microservices-async';
  if (services) {
    const l = facts.lockstep;
    list.push(
      `Services stay independent only if each owns and versions its contract: in the lab's distributed monolith, redeploying only the changed unit failed ${l.distributedChangedOnlyFailed} of ${l.distributedChangedOnlySent} checkouts (micro-lockstep).`,
      `Services need their prerequisites first: provisioning in hours, monitoring that shows a failing call, and deployment at the push of a button (Fowler).`,
    );
  }
  if (decision.granularity === 'functions') {
    list.push(`One unit on a container platform that scales to zero saves as much with a single cold start per request; choose functions for their per-entry-point scaling, not for the savings alone.`);
  }
  if (decision.granularity === 'modular-monolith' && !teamNeeds(profile).ownUnits && profile.teams >= 2) {
    list.push(`Revisit this at ${judgement.teamsNeedingOwnUnits.value} teams, or when releases start to queue for the one pipeline.`);
  }
  return list;
}

/**
 * The rules in words, with the assumed and judged values and the measured floors they use, then the
 * order in which the decision applies them: for the page, and for a reader who wants to argue with them.
 *
 * @example
 * ```ts
 * decisionRules(labFacts)[0]; // 'Teams (Conway, Team Topologies): from 10 teams, ...'
 * ```
 */
export function decisionRules(facts: DecisionFacts): string[] {
  const j = judgement;
  const releases = assumed.releasesPerTeamPerDay.value;
  return [
    `Teams (Conway, Team Topologies): from ${j.teamsNeedingOwnUnits.value} teams, each needs deploy units of its own, whatever its release frequency. Fewer teams need them only when their releases would queue for one unit: teams × releases per team per working day (${Object.entries(releases)
      .map(([frequency, perDay]) => `${choiceLabels[frequency as keyof typeof releases]} ${formatSignificant(perDay)}`)
      .join(', ')}) above the ${assumed.unitReleasesPerDay.value} one unit can take. Deploying often alone does not count (micro-continuous-deployment).`,
    `Latency, as a share of the budget: a request cut one service per part waits for (call depth − 1) synchronous hops of ${formatSignificant(hopMs(facts))} ms each (assumed for a real network; the lab's loopback hop, ${formatSignificant(facts.hop.perHopUs)} µs, is the floor). The hops may take ${share(j.overheadShareOfBudget.value)} of the budget.`,
    `Availability, multiplied along the path (Treynor et al.): units in a row, each at ${assumed.unitAvailabilityPercent.value} % (assumed), must together meet the target.`,
    `Scale to zero (Shahrad et al.), weighed first: functions, one per entry point, when the traffic has idle time, scaling to zero saves at least ${j.scaleToZeroSavingsPercent.value} % of the bill, and a cold start of ${formatSignificant(coldStartMs(facts))} ms (assumed; the lab's bare unit start, ${formatSignificant(facts.fleet.nanoUnitColdStartMs)} ms, is the floor) takes at most ${share(j.overheadShareOfBudget.value)} of the budget.`,
    `Otherwise one deploy unit unless the teams need their own: a monolith for one team, a modular monolith, a module per team, for more (start coarse-grained: Fowler, Azure).`,
    `When the teams need their own units: microservices, about one per team, if every hop of the path fits the budget and the target; if not, as many hops as fit stay synchronous and the rest become events when the work can wait (microservices with asynchronous calls); else the path is merged into fewer, coarser services; and if not even one hop fits, a modular monolith.`,
    `Costs listed but not deciding: memory and CPU per service (modular-monolith-operating-cost), consistency across services (modular-monolith-data-ownership), contracts per boundary (nano-own-schedule), replicas per unit (micro-redundancy), outbox and idempotent consumers for events (micro-no-shared-data).`,
  ];
}

/**
 * Recommends how finely to cut, with every reason tied to the lab's evidence, a published source or a
 * named assumption. Deterministic: the same profile and facts give the same JSON.
 *
 * @example
 * ```ts
 * recommend(ProfileSchema.parse({ teams: 200, deployFrequency: 'monthly', latencyBudgetMs: 300 }), labFacts).granularity; // 'microservices'
 * recommend(ProfileSchema.parse({ teams: 1 }), labFacts).label; // 'Monolith'
 * ```
 */
export function recommend(profile: Profile, facts: DecisionFacts): Recommendation {
  const decision = decide(profile, facts);
  const reasons = [
    ...teamReasons(profile, facts),
    ...deployFrequencyReasons(profile, facts),
    ...latencyReasons(profile, facts),
    ...availabilityReasons(profile, facts),
    ...scaleToZeroReasons(profile, facts),
    ...startCoarseReasons(),
    ...runningCostReasons(facts),
  ];
  const order = rank(decision.granularity);
  return {
    granularity: decision.granularity,
    label: granularityLabels[decision.granularity],
    headline: headline(profile, facts, decision),
    syncHops: decision.syncHops,
    reasons: [...reasons].sort((a, b) => order(a) - order(b)),
    caveats: caveats(profile, facts, decision),
  };
}
