import chainingEvidence from '../../evidence/nano-chaining.json';
import clusteredEvidence from '../../evidence/nano-clustered-app.json';
import easyDeployEvidence from '../../evidence/nano-easy-deploy.json';
import ownScheduleEvidence from '../../evidence/nano-own-schedule.json';
import lockstepEvidence from '../../evidence/micro-lockstep.json';
import redundancyEvidence from '../../evidence/micro-redundancy.json';
import continuousDeploymentEvidence from '../../evidence/micro-continuous-deployment.json';
import noSharedDataEvidence from '../../evidence/micro-no-shared-data.json';
import inProcessCallsEvidence from '../../evidence/modular-monolith-in-process-calls.json';
import operatingCostEvidence from '../../evidence/modular-monolith-operating-cost.json';
import dataOwnershipEvidence from '../../evidence/modular-monolith-data-ownership.json';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { ChainingResult } from '../nano-chaining/report.ts';
import type { ClusterResult } from '../nano-clustered-app/report.ts';
import type { EasyDeployResult } from '../nano-easy-deploy/report.ts';
import type { OwnScheduleResult } from '../nano-own-schedule/report.ts';
import type { LockstepResult } from '../micro-lockstep/report.ts';
import type { RedundancyResult } from '../micro-redundancy/report.ts';
import type { ContinuousDeploymentResult, RolloutRow } from '../micro-continuous-deployment/report.ts';
import type { NoSharedDataResult } from '../micro-no-shared-data/report.ts';
import type { Result as InProcessCallsResult } from '../modular-monolith-in-process-calls/report.ts';
import type { OperatingCostResult } from '../modular-monolith-operating-cost/report.ts';
import type { Result as DataOwnershipResult } from '../modular-monolith-data-ownership/report.ts';
import { median } from '../lab/measure/stats.ts';
import { assumedBusinessKiBPerFunction } from '../lab/report/canonical.ts';

/** The results of the runs the guide reads, one per claim, as stored in `evidence/<claim>.json`. */
export interface EvidenceResults {
  readonly 'nano-chaining': ChainingResult;
  readonly 'nano-clustered-app': ClusterResult;
  readonly 'nano-easy-deploy': EasyDeployResult;
  readonly 'nano-own-schedule': OwnScheduleResult;
  readonly 'micro-lockstep': LockstepResult;
  readonly 'micro-redundancy': RedundancyResult;
  readonly 'micro-continuous-deployment': ContinuousDeploymentResult;
  readonly 'micro-no-shared-data': NoSharedDataResult;
  readonly 'modular-monolith-in-process-calls': InProcessCallsResult;
  readonly 'modular-monolith-operating-cost': OperatingCostResult;
  readonly 'modular-monolith-data-ownership': DataOwnershipResult;
}

/** The id of a claim whose evidence the guide reads. */
export type EvidenceClaimId = keyof EvidenceResults;

/** Per shape: one value for the monolith, the microservices and the nanoservices. */
export type PerShape<T> = Readonly<Record<ShapeName, T>>;

/** Every figure the guide's rules use, each from one evidence file. */
export interface DecisionFacts {
  /** nano-chaining: one added HTTP hop on loopback at the median: the floor under any real network's hop. */
  readonly hop: {
    readonly perHopUs: number;
    /** The lab's hop ÷ a bare `node:http` round trip measured in the same run. */
    readonly ratioToRawHttp: number | null;
    /** The whole six-function checkout called in one call stack, p50. */
    readonly inProcessCheckoutUs: number;
  };
  /** modular-monolith-in-process-calls, over HTTP: module boundaries as function calls against the same boundaries over the network. */
  readonly modules: {
    /** Modular monolith p50 ÷ plain monolith p50: how far from 1 a module boundary moves the answer. */
    readonly modularToMonolithRatio: number;
    /** Microservices p50 ÷ modular monolith p50, and the same at p99. */
    readonly microToModularP50Ratio: number;
    readonly microToModularP99Ratio: number;
    /** What each boundary added once it became a network call, µs at the median. */
    readonly perNetworkCrossingUs: number;
  };
  /** modular-monolith-operating-cost: the same checkouts on three processes against one. */
  readonly operatingCost: {
    /** Microservices' memory (PSS) ÷ the modular monolith's. */
    readonly memoryRatio: number;
    /** Microservices' CPU per checkout ÷ the modular monolith's. */
    readonly cpuRatio: number;
  };
  /** modular-monolith-data-ownership: crashes between the two writes of one checkout, and how many left the data inconsistent. */
  readonly dataOwnership: {
    readonly crashes: number;
    readonly inconsistentModular: number;
    readonly inconsistentMicro: number;
  };
  /** micro-no-shared-data: an event from one service to another, with and without an outbox and an idempotent consumer. */
  readonly messaging: {
    readonly sent: number;
    readonly crashes: number;
    /** Events lost when the service wrote, then published. */
    readonly lostWithoutOutbox: number;
    readonly lostWithOutbox: number;
    /** Events applied twice by a consumer that does not remember the ids it applied. */
    readonly appliedTwiceWithoutIdempotence: number;
    /** A publish until the durable consumer has it, p50, through the lab's broker client. */
    readonly brokerHopUs: number;
    readonly broker: string;
  };
  /** nano-clustered-app: availability under one per-unit failure rate. */
  readonly availability: {
    readonly failureProbability: number;
    readonly units: PerShape<number>;
    readonly measuredPercent: PerShape<number>;
    readonly productRulePercent: PerShape<number>;
    /** Whether every measured count fell inside the product rule's bound. */
    readonly productRuleHeld: boolean;
    readonly retryAttempts: number;
    readonly nanoRetriedPercent: number | null;
    readonly nanoRetriedDuplicatedCharges: number;
  };
  /** micro-redundancy: processes the same replication takes per shape, and the replicated monolith's run. */
  readonly redundancy: {
    readonly replicas: number;
    readonly processes: PerShape<number>;
    readonly monolithRetriedSent: number;
    readonly monolithRetriedSucceeded: number;
  };
  /** nano-easy-deploy: the idle fleet per shape and a unit's cold start. */
  readonly fleet: {
    readonly processes: PerShape<number>;
    readonly memoryMiB: PerShape<number>;
    /** Every unit started at once, until one checkout was answered. */
    readonly atOnceStartMs: PerShape<number>;
    /** Median time from spawn to first answer of one nanoservice unit. */
    readonly nanoUnitColdStartMs: number;
  };
  /** micro-lockstep: what one change redeploys. */
  readonly lockstep: {
    readonly monolithFunctionsRedeployed: number;
    readonly microUnitsRedeployed: number;
    readonly microUnitsTotal: number;
    readonly distributedChangedOnlyFailed: number;
    readonly distributedChangedOnlySent: number;
  };
  /** nano-own-schedule: contracts between units, and a compatible release. */
  readonly contracts: {
    readonly crossUnit: PerShape<number>;
    readonly nanoCompatibleReleaseUnits: number;
    readonly compatibleVersion: string;
  };
  /** micro-continuous-deployment: rollouts under load. */
  readonly rollout: {
    readonly monolithGated: Pick<RolloutRow, 'failed' | 'sent' | 'replicas'>;
    readonly microUngated: Pick<RolloutRow, 'failed' | 'sent'>;
    readonly monolithRecreate: Pick<RolloutRow, 'failed' | 'sent'>;
  };
}

const shapeNames: readonly ShapeName[] = ['monolith', 'microservices', 'nanoservices'];

/** Thrown when an evidence file lacks a figure the guide needs: the run changed shape, so the guide must too. */
export class MissingFigureError extends Error {
  constructor(claim: EvidenceClaimId, what: string) {
    super(`evidence/${claim}.json has no ${what}: the decision guide (examples/decision-guide/facts.ts) needs it`);
    this.name = 'MissingFigureError';
  }
}

function need<T>(value: T | undefined | null, claim: EvidenceClaimId, what: string): T {
  if (value === undefined || value === null) throw new MissingFigureError(claim, what);
  return value;
}

function perShape<T>(pick: (shape: ShapeName) => T | undefined, claim: EvidenceClaimId, what: string): PerShape<T> {
  const entries = shapeNames.map((shape) => [shape, need(pick(shape), claim, `${what} for ${shape}`)] as const);
  return Object.fromEntries(entries) as unknown as PerShape<T>;
}

function hopFacts(result: ChainingResult): DecisionFacts['hop'] {
  const claim = 'nano-chaining';
  const http = need(result.perHop.find((hop) => hop.transport === 'http'), claim, 'per-hop cost for http');
  return {
    // The site's one hop cost: the estimate of its interval, as every page quotes it.
    perHopUs: http.perHopUs,
    ratioToRawHttp: http.ratioToRawHttp ?? null,
    inProcessCheckoutUs: result.inProcessCheckout.p50Us,
  };
}

function moduleFacts(result: InProcessCallsResult): DecisionFacts['modules'] {
  const claim = 'modular-monolith-in-process-calls';
  // HTTP, as the hop the guide's latency rule starts from; the process transport adds a pipe per hop.
  const http = need(result.comparisons.find((row) => row.transport === 'http'), claim, 'comparison over http');
  return {
    modularToMonolithRatio: http.controlRatio,
    microToModularP50Ratio: http.p50Ratio,
    microToModularP99Ratio: http.p99Ratio,
    perNetworkCrossingUs: http.perNetworkCrossingUs,
  };
}

// A divisor of zero means the run measured nothing: a missing figure, not an infinite ratio.
const nonZero = (value: number) => (value === 0 ? undefined : value);

function operatingCostFacts(result: OperatingCostResult): DecisionFacts['operatingCost'] {
  const claim = 'modular-monolith-operating-cost';
  const shape = (name: string) => need(result.shapes.find((row) => row.shape === name), claim, `shape ${name}`);
  const sum = (row: OperatingCostResult['shapes'][number], pick: (unit: OperatingCostResult['shapes'][number]['units'][number]) => number) =>
    row.units.reduce((total, unit) => total + pick(unit), 0);
  const modular = shape('modular-monolith');
  const micro = shape('microservices');
  const cpuPerCheckout = (row: typeof modular) => sum(row, (unit) => unit.cpuMs) / need(nonZero(row.checkouts), claim, `checkouts of ${row.shape}`);
  return {
    memoryRatio: sum(micro, (unit) => unit.pssKiB) / need(nonZero(sum(modular, (unit) => unit.pssKiB)), claim, 'memory of the modular monolith'),
    cpuRatio: cpuPerCheckout(micro) / need(nonZero(cpuPerCheckout(modular)), claim, 'CPU of the modular monolith'),
  };
}

function dataOwnershipFacts(result: DataOwnershipResult): DecisionFacts['dataOwnership'] {
  const claim = 'modular-monolith-data-ownership';
  const crashed = (shape: string) => need(result.rows.find((row) => row.shape === shape && row.run === 'with crashes'), claim, `run with crashes of the ${shape}`);
  const modular = crashed('modular monolith');
  return {
    crashes: modular.crashes,
    inconsistentModular: modular.crashesLeavingInconsistency,
    inconsistentMicro: crashed('microservices').crashesLeavingInconsistency,
  };
}

function messagingFacts(result: NoSharedDataResult): DecisionFacts['messaging'] {
  const claim = 'micro-no-shared-data';
  const variant = (name: string) => need(result.delivery.find((row) => row.variant === name), claim, `delivery "${name}"`);
  const unsafe = variant('write then publish');
  const broker = need(result.platform?.broker, claim, 'broker hop');
  return {
    sent: unsafe.sent,
    crashes: unsafe.crashes,
    lostWithoutOutbox: unsafe.lost,
    lostWithOutbox: variant('transactional outbox').lost,
    appliedTwiceWithoutIdempotence: variant('outbox, consumer not idempotent').duplicatedApplied,
    brokerHopUs: broker.lab.p50Us,
    broker: broker.server,
  };
}

function availabilityFacts(result: ClusterResult): DecisionFacts['availability'] {
  const claim = 'nano-clustered-app';
  const worst = Math.max(...result.rows.map((row) => row.failureProbability));
  const most = Math.max(...result.rows.map((row) => row.attempts));
  const row = (shape: ShapeName, attempts: number) => result.rows.find((r) => r.shape === shape && r.failureProbability === worst && r.attempts === attempts);
  const retried = most > 1 ? row('nanoservices', most) : undefined;
  return {
    failureProbability: need(worst > 0 ? worst : undefined, claim, 'run with injected failures'),
    units: perShape((shape) => row(shape, 1)?.units, claim, 'units at the worst failure rate'),
    measuredPercent: perShape((shape) => row(shape, 1)?.measuredSuccessPercent, claim, 'measured success at the worst failure rate'),
    productRulePercent: perShape((shape) => row(shape, 1)?.expectedSuccessPercent, claim, 'product-rule success at the worst failure rate'),
    productRuleHeld: result.rows.every((r) => r.withinBound),
    retryAttempts: most,
    nanoRetriedPercent: retried?.measuredSuccessPercent ?? null,
    nanoRetriedDuplicatedCharges: retried?.duplicatedCharges ?? 0,
  };
}

function redundancyFacts(result: RedundancyResult): DecisionFacts['redundancy'] {
  const claim = 'micro-redundancy';
  // The monolith's own runs: since every cut is replicated and killed, the rows hold all three.
  const retriedRuns = result.rows.filter((row) => row.mode === 'retry once' && row.shape === 'monolith');
  return {
    replicas: result.replicas,
    processes: perShape((shape) => result.processCounts.find((row) => row.shape === shape)?.processes, claim, 'process count'),
    monolithRetriedSent: need(retriedRuns.length ? retriedRuns.reduce((sum, row) => sum + row.sent, 0) : undefined, claim, 'run with retries'),
    monolithRetriedSucceeded: retriedRuns.reduce((sum, row) => sum + row.succeeded, 0),
  };
}

function fleetFacts(result: EasyDeployResult): DecisionFacts['fleet'] {
  const claim = 'nano-easy-deploy';
  // At the site's one assumed size of business code per function, the size the claim's page quotes.
  const sized = (businessKiB: number | undefined) => (businessKiB ?? 0) === assumedBusinessKiBPerFunction;
  const fleet = (shape: ShapeName) => result.fleets.find((row) => row.shape === shape && sized(row.businessKiB));
  const nanoUnits = result.units.filter((unit) => unit.shape === 'nanoservices' && sized(unit.businessKiB));
  return {
    processes: perShape((shape) => fleet(shape)?.processes, claim, 'fleet'),
    memoryMiB: perShape((shape) => {
      const row = fleet(shape);
      return row && (row.pssKiB ?? row.rssKiB) / 1024;
    }, claim, 'fleet memory'),
    atOnceStartMs: perShape((shape) => fleet(shape)?.atOnceStartMs, claim, 'fleet start'),
    nanoUnitColdStartMs: need(nanoUnits.length ? median(nanoUnits.map((unit) => unit.firstAnswerMs)) : undefined, claim, 'nanoservice units'),
  };
}

function lockstepFacts(result: LockstepResult): DecisionFacts['lockstep'] {
  const claim = 'micro-lockstep';
  const monolith = need(result.plans.find((p) => p.architecture === 'monolith' && p.change === 'field-added'), claim, 'monolith plan for the added field');
  const micro = need(result.plans.find((p) => p.architecture === 'microservices' && p.change === 'field-added'), claim, 'microservices plan for the added field');
  const changedOnly = need(result.deploys.find((d) => d.architecture === 'distributed monolith' && d.plan === 'changed unit only'), claim, 'distributed monolith deploy of the changed unit only');
  return {
    monolithFunctionsRedeployed: monolith.functionsRedeployed,
    microUnitsRedeployed: micro.unitsRedeployed,
    microUnitsTotal: micro.unitsTotal,
    distributedChangedOnlyFailed: changedOnly.failed,
    distributedChangedOnlySent: changedOnly.sent,
  };
}

function contractFacts(result: OwnScheduleResult): DecisionFacts['contracts'] {
  const claim = 'nano-own-schedule';
  // The first version the gate let through besides the unchanged control: the compatible change.
  const compatible = need(result.checks.find((check) => check.gate === 'ship' && !check.version.includes('control')), claim, 'compatible version');
  const release = need(result.releases.find((r) => r.version === compatible.version && r.shape === 'nanoservices'), claim, `nanoservice release of ${compatible.version}`);
  return {
    crossUnit: perShape((shape) => result.system.find((row) => row.shape === shape)?.crossUnitContracts, claim, 'cross-unit contracts'),
    nanoCompatibleReleaseUnits: release.unitsToRelease,
    compatibleVersion: compatible.version,
  };
}

function rolloutFacts(result: ContinuousDeploymentResult): DecisionFacts['rollout'] {
  const claim = 'micro-continuous-deployment';
  const gatedMonoliths = result.rows.filter((row) => row.shape === 'monolith' && row.strategy === 'rolling' && row.readinessGate);
  const monolithGated = need(gatedMonoliths.sort((a, b) => b.replicas - a.replicas)[0], claim, 'gated rolling update of the monolith');
  return {
    monolithGated,
    microUngated: need(result.rows.find((row) => row.shape === 'microservices' && !row.readinessGate), claim, 'ungated rollout of a microservice'),
    monolithRecreate: need(result.rows.find((row) => row.shape === 'monolith' && row.strategy === 'recreate'), claim, 'recreate of the monolith'),
  };
}

/**
 * Reads the figures the guide needs out of the evidence results. Throws {@link MissingFigureError},
 * naming the file and the figure, when a run lacks one.
 *
 * @example
 * ```ts
 * const facts = factsFromEvidence(labEvidence);
 * facts.hop.perHopUs; // the http per-hop cost of evidence/nano-chaining.json, e.g. 117.9
 * facts.operatingCost.memoryRatio; // microservices' memory ÷ the modular monolith's, e.g. 2.58
 * ```
 */
export function factsFromEvidence(results: EvidenceResults): DecisionFacts {
  return {
    hop: hopFacts(results['nano-chaining']),
    modules: moduleFacts(results['modular-monolith-in-process-calls']),
    operatingCost: operatingCostFacts(results['modular-monolith-operating-cost']),
    dataOwnership: dataOwnershipFacts(results['modular-monolith-data-ownership']),
    messaging: messagingFacts(results['micro-no-shared-data']),
    availability: availabilityFacts(results['nano-clustered-app']),
    redundancy: redundancyFacts(results['micro-redundancy']),
    fleet: fleetFacts(results['nano-easy-deploy']),
    lockstep: lockstepFacts(results['micro-lockstep']),
    contracts: contractFacts(results['nano-own-schedule']),
    rollout: rolloutFacts(results['micro-continuous-deployment']),
  };
}

/** The committed evidence files' results, as the site shows them. */
export const labEvidence: EvidenceResults = {
  'nano-chaining': chainingEvidence.result as ChainingResult,
  'nano-clustered-app': clusteredEvidence.result as ClusterResult,
  'nano-easy-deploy': easyDeployEvidence.result as EasyDeployResult,
  'nano-own-schedule': ownScheduleEvidence.result as OwnScheduleResult,
  'micro-lockstep': lockstepEvidence.result as LockstepResult,
  'micro-redundancy': redundancyEvidence.result as RedundancyResult,
  'micro-continuous-deployment': continuousDeploymentEvidence.result as ContinuousDeploymentResult,
  'micro-no-shared-data': noSharedDataEvidence.result as NoSharedDataResult,
  'modular-monolith-in-process-calls': inProcessCallsEvidence.result as InProcessCallsResult,
  'modular-monolith-operating-cost': operatingCostEvidence.result as OperatingCostResult,
  'modular-monolith-data-ownership': dataOwnershipEvidence.result as DataOwnershipResult,
};

/** The facts of the committed evidence: what the page decides with. */
export const labFacts: DecisionFacts = factsFromEvidence(labEvidence);
