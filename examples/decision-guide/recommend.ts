import { claimById } from '../claims/registry.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { DecisionFacts, EvidenceClaimId } from './facts.ts';
import { choiceLabels, type DeployFrequency, type Profile, type TrafficPattern } from './profile.ts';

/** Why a reason speaks for or against a granularity. */
export type Direction = 'for' | 'against';

/** One reason of a recommendation: a claim, what its evidence measured, and what that means for the reader. */
export interface Reason {
  readonly claimId: EvidenceClaimId;
  /** The granularity the reason is about. */
  readonly granularity: ShapeName;
  readonly direction: Direction;
  /** A decisive reason rules its granularity out. */
  readonly decisive: boolean;
  readonly text: string;
  /** The measured figure the reason rests on, in words. */
  readonly figure: string;
  readonly evidenceFile: string;
  /** The claim's section: `/docs/<page>#<claim id>`. */
  readonly href: string;
}

/** What the guide answers: plain JSON. */
export interface Recommendation {
  readonly granularity: ShapeName;
  /** The granularity in the words the page shows. */
  readonly label: string;
  readonly headline: string;
  /** For the recommendation first, then its costs, then why not the others. */
  readonly reasons: readonly Reason[];
  readonly caveats: readonly string[];
}

/**
 * The guide's own thresholds: judgement, not measurement, so they are named here and shown on the
 * page beside the rules that use them.
 */
export const thresholds = {
  /** From this many teams, sharing one deploy unit means waiting for each other. */
  teamsForIndependentDeploys: 3,
  /** Deploy frequencies at which waiting for a shared release hurts. */
  frequentDeploys: ['weekly', 'daily', 'many-per-day'] as readonly DeployFrequency[],
  /** Deploy frequencies at which readers most often reach for smaller units. */
  continuousDeploys: ['daily', 'many-per-day'] as readonly DeployFrequency[],
  /** Nanoservices only when a request passes through at most this many functions. */
  nanoMaxCallDepth: 1,
  /** Traffic that a platform scaling each function on its own serves well. */
  nanoTraffic: ['mostly-idle', 'spiky'] as readonly TrafficPattern[],
  /** A shape whose added hops take this share of the latency budget or more is ruled out: the rest is for the work, and a real network's hops cost more than loopback's. */
  latencyShareRuledOut: 0.5,
  /** From this availability target, the system runs replicas. */
  replicatedFromPercent: 99.9,
} as const;

/** The words for each granularity. */
export const granularityLabels: Readonly<Record<ShapeName, string>> = {
  monolith: 'Monolith, cut into modules',
  microservices: 'Microservices',
  nanoservices: 'Nanoservices',
};

/**
 * A figure rounded for reading: whole numbers from 100, one decimal from 10, two below.
 *
 * @example
 * ```ts
 * formatNumber(321.96); // '322'
 * formatNumber(2.254); // '2.25'
 * ```
 */
export function formatNumber(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

/**
 * A percentage close to 100 with enough decimals that it does not round to 100.
 *
 * @example
 * ```ts
 * formatPercent(99.98333); // '99.983'
 * ```
 */
export function formatPercent(value: number): string {
  // The fewest decimals that keep it below 100, plus one so that neighbouring targets stay apart.
  let digits = 1;
  while (digits < 6 && Number(value.toFixed(digits)) >= 100) digits += 1;
  return String(Number(value.toFixed(Math.min(6, digits + 1))));
}

const sectionOf = (claimId: EvidenceClaimId) => {
  const claim = claimById(claimId);
  return `/docs/${claim.page}#${claim.id}`;
};

const reason = (fields: Omit<Reason, 'evidenceFile' | 'href' | 'decisive'> & { decisive?: boolean }): Reason => ({
  decisive: false,
  ...fields,
  evidenceFile: `evidence/${fields.claimId}.json`,
  href: sectionOf(fields.claimId),
});

const distributed: readonly ShapeName[] = ['microservices', 'nanoservices'];
const unitNoun: Readonly<Record<ShapeName, string>> = { monolith: 'monolith', microservices: 'microservice', nanoservices: 'nanoservice' };

/**
 * How many network calls one request makes through `callDepth` functions, scaled from the functions
 * per unit of the lab's cut (a monolith holds every function, so it is always one call).
 *
 * @example
 * ```ts
 * networkCalls(labFacts, 'nanoservices', 8); // 8
 * networkCalls(labFacts, 'microservices', 3); // 2
 * ```
 */
export function networkCalls(facts: DecisionFacts, shape: ShapeName, callDepth: number): number {
  if (shape === 'monolith') return 1;
  const functionsPerUnit = facts.hop.chainFunctions / facts.hop.networkCalls[shape];
  return Math.max(1, Math.ceil(callDepth / functionsPerUnit));
}

/**
 * The network time a shape adds to one request over the monolith, in milliseconds: every call
 * beyond the first pays the measured HTTP hop.
 *
 * @example
 * ```ts
 * addedLatencyMs(labFacts, 'nanoservices', 8); // 7 × the per-hop cost of evidence/nano-chaining.json
 * ```
 */
export function addedLatencyMs(facts: DecisionFacts, shape: ShapeName, callDepth: number): number {
  return ((networkCalls(facts, shape, callDepth) - 1) * facts.hop.perHopUs) / 1000;
}

/**
 * Whether the reader's teams need to ship without each other: enough teams, releasing often enough
 * that waiting for a shared release hurts.
 *
 * @example
 * ```ts
 * needsIndependentDeploys(ProfileSchema.parse({ teams: 12, deployFrequency: 'daily' })); // true
 * needsIndependentDeploys(ProfileSchema.parse({ teams: 12, deployFrequency: 'monthly' })); // false
 * ```
 */
export function needsIndependentDeploys(profile: Profile): boolean {
  return profile.teams >= thresholds.teamsForIndependentDeploys && thresholds.frequentDeploys.includes(profile.deployFrequency);
}

function latencyReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const hop = `${formatNumber(facts.hop.perHopUs)} µs per HTTP hop (p50, loopback)`;
  const reasons: Reason[] = [];
  if (profile.callDepth > 1) {
    reasons.push(
      reason({
        claimId: 'nano-chaining',
        granularity: 'monolith',
        direction: 'for',
        text: `In one process, the ${profile.callDepth} functions of a request call each other without a network hop; the lab's whole ${facts.hop.chainFunctions}-function checkout took ${formatNumber(facts.hop.inProcessCheckoutUs)} µs in one call stack, less than one hop.`,
        figure: `${formatNumber(facts.hop.inProcessCheckoutUs)} µs for the whole checkout in process; ${hop}`,
      }),
    );
  }
  for (const shape of distributed) {
    const calls = networkCalls(facts, shape, profile.callDepth);
    if (calls <= 1) {
      reasons.push(
        reason({
          claimId: 'nano-chaining',
          granularity: shape,
          direction: 'for',
          text: `Through ${profile.callDepth} function${profile.callDepth === 1 ? '' : 's'}, ${shape} make no network call beyond the one every shape pays, so the hop cost does not multiply.`,
          figure: hop,
        }),
      );
      continue;
    }
    const added = addedLatencyMs(facts, shape, profile.callDepth);
    const share = added / profile.latencyBudgetMs;
    const over = share >= thresholds.latencyShareRuledOut;
    reasons.push(
      reason({
        claimId: 'nano-chaining',
        granularity: shape,
        direction: 'against',
        decisive: over,
        text:
          `Through ${profile.callDepth} functions, ${shape} make ${calls} network calls where a monolith makes 1: ${calls - 1} added hop${calls === 2 ? '' : 's'} × ${formatNumber(facts.hop.perHopUs)} µs = ${formatNumber(added)} ms, ` +
          `${formatNumber(share * 100)} % of your ${formatNumber(profile.latencyBudgetMs)} ms budget on loopback` +
          (over ? `: at ${formatNumber(thresholds.latencyShareRuledOut * 100)} % or more, too little is left for the work and for a real network, which costs more per hop.` : `; a real network costs more per hop.`),
        figure: hop,
      }),
    );
  }
  return reasons;
}

function availabilityReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const a = facts.availability;
  const measured = `with every unit failing ${formatNumber(a.failureProbability * 100)} % of requests: ${formatNumber(a.measuredPercent.nanoservices)} % of checkouts succeeded as nanoservices (${a.units.nanoservices} units), ${formatNumber(a.measuredPercent.microservices)} % as microservices (${a.units.microservices}), ${formatNumber(a.measuredPercent.monolith)} % as a monolith`;
  return distributed.flatMap((shape) => {
    const units = networkCalls(facts, shape, profile.callDepth);
    if (units <= 1) return [];
    const perUnit = 100 * (profile.availabilityTarget / 100) ** (1 / units);
    const retried =
      a.nanoRetriedPercent !== null
        ? ` Retrying (${a.retryAttempts} attempts) brought the nanoservices back to ${formatNumber(a.nanoRetriedPercent)} % but charged ${a.nanoRetriedDuplicatedCharges} carts twice.`
        : '';
    return [
      reason({
        claimId: 'nano-clustered-app',
        granularity: shape,
        direction: 'against',
        text:
          `A request crosses ${units} ${unitNoun[shape]} units and their availabilities multiply${a.productRuleHeld ? ' (every measured count fell within the product rule)' : ''}: for ${formatPercent(profile.availabilityTarget)} % end to end, ` +
          `each unit must reach ${formatPercent(perUnit)} %, leaving each about 1/${units} of the failures the monolith's one unit may have.${shape === 'nanoservices' ? retried : ''}`,
        figure: measured,
      }),
    ];
  });
}

function deployReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const l = facts.lockstep;
  const lockstepFigure = `a field added to the cart: ${l.microUnitsRedeployed} of ${l.microUnitsTotal} microservice units redeployed; the monolith redeployed all ${l.monolithFunctionsRedeployed} functions`;
  const teams = `${profile.teams} team${profile.teams === 1 ? '' : 's'}`;
  const reasons: Reason[] = [];
  if (needsIndependentDeploys(profile)) {
    reasons.push(
      reason({
        claimId: 'micro-lockstep',
        granularity: 'microservices',
        direction: 'for',
        text: `${teams} shipping ${choiceLabels[profile.deployFrequency]} through one deploy unit wait for each other's changes. Microservices that own and version their contracts ship one unit per change; a monolith ships everything every time.`,
        figure: lockstepFigure,
      }),
      reason({
        claimId: 'nano-own-schedule',
        granularity: 'nanoservices',
        direction: 'for',
        text: `Nanoservices ship independently too: a compatible change (${facts.contracts.compatibleVersion}) went out alone.`,
        figure: `${facts.contracts.nanoCompatibleReleaseUnits} nanoservice unit released for ${facts.contracts.compatibleVersion}`,
      }),
    );
  } else {
    reasons.push(
      reason({
        claimId: 'micro-lockstep',
        granularity: 'monolith',
        direction: 'for',
        text:
          profile.teams < thresholds.teamsForIndependentDeploys
            ? `With ${teams}, one deploy unit is one pipeline, not a queue of teams: redeploying every function for each change costs you no coordination, and that is all the lockstep is.`
            : `${teams} releasing ${choiceLabels[profile.deployFrequency]} can share one release; redeploying every function per change does not make anyone wait.`,
        figure: lockstepFigure,
      }),
    );
  }
  if (profile.callDepth > 1) {
    const c = facts.contracts.crossUnit;
    reasons.push(
      reason({
        claimId: 'nano-own-schedule',
        granularity: 'nanoservices',
        direction: 'against',
        text: `Every boundary between units is a contract to check before a release: the finer the cut, the more of them, and a breaking change needs several units shipped together.`,
        figure: `the lab's checkout has ${c.nanoservices} cross-unit contracts as nanoservices, ${c.microservices} as microservices, ${c.monolith} as a monolith`,
      }),
    );
  }
  if (thresholds.continuousDeploys.includes(profile.deployFrequency)) {
    const r = facts.rollout;
    reasons.push(
      reason({
        claimId: 'micro-continuous-deployment',
        granularity: 'monolith',
        direction: 'for',
        text: `Deploying ${choiceLabels[profile.deployFrequency]} does not call for smaller units: zero-downtime releases came from a rolling update with a readiness gate, in any shape. Without the gate or with a restart in place, checkouts failed whatever the size.`,
        figure: `gated rolling update of the monolith (${r.monolithGated.replicas} replicas): ${r.monolithGated.failed} of ${r.monolithGated.sent} failed; microservice without a gate: ${r.microUngated.failed} of ${r.microUngated.sent}; monolith restarted in place: ${r.monolithRecreate.failed} of ${r.monolithRecreate.sent}`,
      }),
    );
  }
  return reasons;
}

function fleetReasons(profile: Profile, facts: DecisionFacts): Reason[] {
  const reasons: Reason[] = [];
  const f = facts.fleet;
  if (profile.availabilityTarget >= thresholds.replicatedFromPercent) {
    const r = facts.redundancy;
    const figure = `${r.replicas} replicas each: ${r.processes.monolith} processes as a monolith, ${r.processes.microservices} as microservices, ${r.processes.nanoservices} as nanoservices; the replicated monolith with retries answered ${r.monolithRetriedSucceeded} of ${r.monolithRetriedSent} after a replica was killed`;
    reasons.push(
      reason({
        claimId: 'micro-redundancy',
        granularity: 'nanoservices',
        direction: 'against',
        text: `${formatPercent(profile.availabilityTarget)} % needs replicas, and redundancy comes from replicas, a balancer and retries, not from the cut: every unit needs its own, so the process count multiplies with the units.`,
        figure,
      }),
      reason({
        claimId: 'micro-redundancy',
        granularity: 'monolith',
        direction: 'for',
        text: `Replicas of a monolith already give the redundancy ${formatPercent(profile.availabilityTarget)} % needs, with the fewest processes.`,
        figure,
      }),
    );
  }
  const nanoUnits = networkCalls(facts, 'nanoservices', profile.callDepth);
  const memory = `idle fleet: ${formatNumber(f.memoryMiB.nanoservices)} MiB in ${f.processes.nanoservices} processes as nanoservices, ${formatNumber(f.memoryMiB.microservices)} MiB in ${f.processes.microservices} as microservices, ${formatNumber(f.memoryMiB.monolith)} MiB in ${f.processes.monolith} as a monolith`;
  const traffic: Record<TrafficPattern, () => Reason> = {
    'mostly-idle': () =>
      reason({
        claimId: 'nano-easy-deploy',
        granularity: 'nanoservices',
        direction: 'against',
        text:
          `Mostly idle units are either cold or kept warm. Cold, a request through ${nanoUnits} unit${nanoUnits === 1 ? '' : 's'} can wait up to ${nanoUnits} cold start${nanoUnits === 1 ? '' : 's'} (${formatNumber(nanoUnits * f.nanoUnitColdStartMs)} ms against your ${formatNumber(profile.latencyBudgetMs)} ms budget); ` +
          `warm, every unit holds a runtime in memory for nothing.`,
        figure: `${formatNumber(f.nanoUnitColdStartMs)} ms from start to first answer per nanoservice unit (median); ${memory}`,
      }),
    spiky: () =>
      reason({
        claimId: 'nano-easy-deploy',
        granularity: 'nanoservices',
        direction: 'against',
        text: `A burst means starting units fast; every unit of a finer cut is another runtime to boot, and they compete for the same cores while they do.`,
        figure: `every unit started at once until one checkout was answered: ${formatNumber(f.atOnceStartMs.nanoservices)} ms as nanoservices, ${formatNumber(f.atOnceStartMs.microservices)} ms as microservices, ${formatNumber(f.atOnceStartMs.monolith)} ms as a monolith`,
      }),
    steady: () => memoryReason(),
    'daily-peaks': () => memoryReason(),
  };
  const memoryReason = () =>
    reason({
      claimId: 'nano-easy-deploy',
      granularity: 'nanoservices',
      direction: 'against',
      text: `Every unit is a runtime that sits in memory whether it works or not, and a finer cut has more of them.`,
      figure: memory,
    });
  reasons.push(traffic[profile.traffic]());
  return reasons;
}

const rank = (chosen: ShapeName) => (r: Reason) =>
  r.granularity === chosen ? (r.direction === 'for' ? 0 : 1) : r.direction === 'against' ? (r.decisive ? 2 : 3) : 4;

/**
 * The rules in the order they decide, in words, with the thresholds and the measured figures they
 * use: for the page, and for a reader who wants to argue with them.
 *
 * @example
 * ```ts
 * decisionRules(labFacts)[0]; // 'Latency (nano-chaining): a request through N functions makes ...'
 * ```
 */
export function decisionRules(facts: DecisionFacts): string[] {
  const t = thresholds;
  return [
    `Latency (nano-chaining): a request through N functions makes one network call per unit it crosses; units are cut as in the lab (${formatNumber(facts.hop.chainFunctions / facts.hop.networkCalls.microservices)} functions per microservice, 1 per nanoservice), and every call after the first costs the measured HTTP hop, ${formatNumber(facts.hop.perHopUs)} µs. A shape whose added hops take ${formatNumber(thresholds.latencyShareRuledOut * 100)} % of the latency budget or more is ruled out: the rest is for the work, and a real network costs more per hop than loopback.`,
    `Independent deploys (micro-lockstep): ${t.teamsForIndependentDeploys} or more teams deploying ${t.frequentDeploys.map((f) => choiceLabels[f]).join(', ')} need units they can ship without each other. Deploy frequency alone does not count (micro-continuous-deployment): zero-downtime rollouts came from readiness gates, not from size.`,
    `Nanoservices are recommended only when the teams need independent deploys, a request passes through at most ${t.nanoMaxCallDepth} function (so there is no chain to pay hops, multiplied availability or contracts on), the traffic is ${t.nanoTraffic.map((p) => choiceLabels[p]).join(' or ')}, and the hop cost does not rule them out.`,
    `Otherwise microservices are recommended when the teams need independent deploys and the hops fit the budget; in every other case, a monolith cut into modules.`,
    `Costs listed but not deciding: availability multiplies over the units a request crosses (nano-clustered-app); from ${t.replicatedFromPercent} % every unit needs replicas (micro-redundancy); idle memory, cold starts and start-up under bursts grow with the number of units (nano-easy-deploy); contracts grow with the boundaries (nano-own-schedule).`,
  ];
}

/**
 * Recommends a granularity for a profile, with every reason tied to a claim and to the figure its
 * evidence measured. Deterministic: the same profile and facts give the same JSON.
 *
 * @example
 * ```ts
 * recommend(ProfileSchema.parse({ teams: 12, deployFrequency: 'daily', latencyBudgetMs: 2000, callDepth: 3 }), labFacts).granularity; // 'microservices'
 * ```
 */
export function recommend(profile: Profile, facts: DecisionFacts): Recommendation {
  const reasons = [...latencyReasons(profile, facts), ...availabilityReasons(profile, facts), ...deployReasons(profile, facts), ...fleetReasons(profile, facts)];
  const ruledOut = new Set(reasons.filter((r) => r.decisive && r.direction === 'against').map((r) => r.granularity));
  const independent = needsIndependentDeploys(profile);
  const nanoFits = independent && profile.callDepth <= thresholds.nanoMaxCallDepth && thresholds.nanoTraffic.includes(profile.traffic) && !ruledOut.has('nanoservices');
  const granularity: ShapeName = nanoFits ? 'nanoservices' : independent && !ruledOut.has('microservices') ? 'microservices' : 'monolith';

  const budget = `${formatNumber(profile.latencyBudgetMs)} ms`;
  const headline = {
    nanoservices: `Each request stays inside one function, so the chain costs that dominate the site's findings do not arise, and ${profile.teams} teams can ship each function on its own.`,
    microservices: `One service per business capability a team owns: ${profile.teams} teams deploying ${choiceLabels[profile.deployFrequency]} need to ship without each other, and ${formatNumber(addedLatencyMs(facts, 'microservices', profile.callDepth))} ms of added hops fit your ${budget} budget.`,
    monolith: independent
      ? `Your teams need independent deploys, but the hops of separate units do not fit your ${budget} budget.`
      : `Nothing in your profile needs separately deployed units, and each unit would add hops, processes and contracts.`,
  }[granularity];

  const caveats: string[] = [
    `Hop costs were measured on loopback on the lab's machine; across a real network each hop costs more, so the latency figures are a floor.`,
    `Figures come from the lab's six-function checkout; the guide scales them by your call depth, which is an estimate, not a measurement of your system.`,
  ];
  if (granularity === 'microservices') {
    caveats.push(
      `Microservices stay independent only if each owns and versions its contract: in the lab's distributed monolith, redeploying only the changed unit failed ${facts.lockstep.distributedChangedOnlyFailed} of ${facts.lockstep.distributedChangedOnlySent} checkouts (micro-lockstep).`,
    );
  }
  if (granularity === 'monolith' && independent) {
    caveats.push(`Give each team a module with an owner and a versioned interface, so that the cut can become a service later if the budget allows it.`);
  }
  if (granularity === 'monolith' && !independent && profile.teams >= thresholds.teamsForIndependentDeploys) {
    caveats.push(`With ${profile.teams} teams, revisit this if you start releasing weekly or more often.`);
  }
  if (granularity === 'nanoservices') {
    caveats.push(`If your functions start calling each other, the chain costs return with every hop: group them into microservices then.`);
  }
  return { granularity, label: granularityLabels[granularity], headline, reasons: [...reasons].sort((a, b) => rank(granularity)(a) - rank(granularity)(b)), caveats };
}
