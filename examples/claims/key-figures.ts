// Browser-safe: the comparison page's figures are worked out from this when the site is built. Only
// types come from the article's reports, so it does not pull every experiment's report code (and what
// it imports); a scaffolded claim's report exports its own `keyFigure`, which imports nothing but
// types, listed in the generated comparisons/key-figures.ts.
import type { BusinessModulesResult } from '../micro-business-modules/report.ts';
import type { ContainersResult } from '../micro-containers/report.ts';
import type { ContinuousDeploymentResult } from '../micro-continuous-deployment/report.ts';
import type { ProductionTimeResult } from '../micro-less-production-time/report.ts';
import type { LockstepResult } from '../micro-lockstep/report.ts';
import type { NoSharedDataResult } from '../micro-no-shared-data/report.ts';
import type { RedundancyResult } from '../micro-redundancy/report.ts';
import type { ThirdPartyResult } from '../micro-third-party/report.ts';
import type { AntiPatternResult } from '../nano-anti-pattern/report.ts';
import type { ChainingResult } from '../nano-chaining/report.ts';
import type { ClusterResult } from '../nano-clustered-app/report.ts';
import type { EasyDeployResult } from '../nano-easy-deploy/report.ts';
import type { FlexibilityResult } from '../nano-flexibility/report.ts';
import type { NoDuplicationResult } from '../nano-no-duplication/report.ts';
import type { OvercomesResult } from '../nano-overcomes-micro/report.ts';
import type { OwnScheduleResult } from '../nano-own-schedule/report.ts';
import type { SecurityResult } from '../nano-own-security/report.ts';
import type { SingleEndpointResult } from '../nano-single-endpoint/report.ts';
import { comparisonKeyFigures } from './comparisons/key-figures.ts';
import { claimById } from './registry.ts';
import { lowerMedian, median } from '../lab/measure/stats.ts';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const sumOf = <T>(rows: readonly T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);

function chainingFigure(result: ChainingResult): string | null {
  const hop = result.perHop.find((h) => h.transport === 'http') ?? result.perHop.find((h) => h.transport !== 'memory');
  if (!hop) return null;
  const raw = hop.ratioToRawHttp === null ? '' : ` (${hop.ratioToRawHttp}× a raw node:http round trip)`;
  return `${hop.perHopUs} µs per ${hop.transport === 'http' ? 'HTTP' : hop.transport} hop${raw}`;
}

function clusteredAppFigure(result: ClusterResult): string | null {
  const worstP = Math.max(...result.rows.map((row) => row.failureProbability));
  const at = (shape: string) => result.rows.find((row) => row.shape === shape && row.failureProbability === worstP && row.attempts === 1);
  const nano = at('nanoservices');
  const mono = at('monolith');
  if (!nano || !mono || worstP <= 0) return null;
  return `${nano.measuredSuccessPercent} % of nano checkouts succeed at ${round(worstP * 100, 2)} % faults per unit, vs ${mono.measuredSuccessPercent} % monolith`;
}

function antiPatternFigure(result: AntiPatternResult): string | null {
  // The claim is about services on a network: read the first network transport, as the verdict does.
  const transport = result.breakEvens.find((b) => b.transport !== 'memory')?.transport;
  const rows = result.rows.filter((row) => row.transport === transport);
  // The lower median, as the anti-pattern verdict takes it, so the figure matches its `because`.
  const breakEven = lowerMedian(result.breakEvens.filter((b) => b.transport === transport && b.workUs !== null).map((b) => b.workUs as number));
  if (rows.length === 0 || breakEven === null) return null;
  const longest = Math.max(...rows.map((row) => row.chainLength));
  const leastWork = Math.min(...rows.map((row) => row.workUs));
  const real = rows.find((row) => row.chainLength === longest && row.workUs === leastWork);
  if (!real) return null;
  return `${real.overheadSharePercent} % of a ${longest}-function checkout is overhead as nanoservices; a hop pays off above ${breakEven} µs of work per function`;
}

function noDuplicationFigure(result: NoDuplicationResult): string | null {
  const nano = result.rows.filter((row) => row.shape === 'nanoservices').sort((a, b) => a.duplicatedShare - b.duplicatedShare)[0];
  if (!nano) return null;
  const mono = result.rows.find((row) => row.shape === 'monolith' && row.variant === nano.variant);
  const monoText = mono ? `, vs ${round(mono.duplicatedShare * 100)} % for the monolith` : '';
  return `${round(nano.duplicatedShare * 100)} % of the ${round(nano.shippedBytes / 1024)} KiB that ${nano.units} nano units ship is duplicated${monoText}`;
}

function singleEndpointFigure(result: SingleEndpointResult): string | null {
  const nano = result.shapes.find((s) => s.shape === 'nanoservices');
  const micro = result.shapes.find((s) => s.shape === 'microservices');
  if (!nano || !micro) return null;
  const routes = nano.minRoutesPerUnit === nano.maxRoutesPerUnit ? `${nano.maxRoutesPerUnit}` : `${nano.minRoutesPerUnit}–${nano.maxRoutesPerUnit}`;
  return `${routes} route per nano unit, at ${nano.crossUnitCallsPerCheckout} cross-unit calls per checkout vs ${micro.crossUnitCallsPerCheckout} for microservices`;
}

function ownSecurityFigure(result: SecurityResult): string | null {
  const find = (shape: string) => result.rows.find((row) => row.policy === 'unit' && row.shape === shape);
  const nano = find('nanoservices');
  const mono = find('monolith');
  if (!nano || !mono) return null;
  return `a leaked nano credential opens ${nano.maxRoutesOpened} route vs ${mono.maxRoutesOpened} in the monolith, for ${nano.secrets} secrets to manage vs ${mono.secrets}`;
}

function flexibilityFigure(result: FlexibilityResult): string | null {
  const find = (shape: string) => result.rows.find((row) => row.strategy === 'blue-green' && row.shape === shape);
  const nano = find('nanoservices');
  const mono = find('monolith');
  if (!nano || !mono) return null;
  return `swapping the tax provider blue-green failed ${nano.failed} of ${nano.requestsSent} checkouts as nanoservices, ${mono.failed} of ${mono.requestsSent} as a monolith`;
}

function easyDeployFigure(result: EasyDeployResult): string | null {
  const monoUnit = result.units.find((unit) => unit.shape === 'monolith');
  const nanoUnits = result.units.filter((unit) => unit.shape === 'nanoservices');
  const monoFleet = result.fleets.find((fleet) => fleet.shape === 'monolith');
  const nanoFleet = result.fleets.find((fleet) => fleet.shape === 'nanoservices');
  if (!monoUnit || !monoFleet || !nanoFleet || nanoUnits.length === 0) return null;
  const memory = (fleet: typeof nanoFleet) => fleet.pssKiB ?? fleet.rssKiB;
  const startRatio = round(median(nanoUnits.map((unit) => unit.firstAnswerMs)) / monoUnit.firstAnswerMs, 2);
  return (
    `a nano unit takes ${startRatio}× the monolith's time to a first answer; the fleet of ${nanoFleet.processes} needs ` +
    `${round(memory(nanoFleet) / memory(monoFleet), 2)}× its memory (${round(memory(nanoFleet) / 1024)} vs ${round(memory(monoFleet) / 1024)} MiB)`
  );
}

function ownScheduleFigure(result: OwnScheduleResult): string | null {
  const crossUnit = (shape: string) => result.system.find((row) => row.shape === shape)?.crossUnitContracts;
  const nano = crossUnit('nanoservices');
  const micro = crossUnit('microservices');
  if (nano === undefined || micro === undefined) return null;
  const alone = result.releases.find((release) => release.shape === 'nanoservices' && !release.version.startsWith('v1') && !release.broken && release.unitsToRelease === 1);
  const shipped = alone ? `a compatible change ships in ${alone.unitsToRelease} unit, but ` : '';
  return `${shipped}the checkout needs ${nano} cross-unit contracts as nanoservices vs ${micro} as microservices`;
}

function overcomesMicroFigure(result: OvercomesResult): string | null {
  if (result.rows.length === 0) return null;
  const won = (winner: string) => result.rows.filter((row) => row.winner === winner).length;
  return `nanoservices better on ${won('nanoservices')} of ${result.rows.length} measured dimensions, microservices on ${won('microservices')}`;
}

function businessModulesFigure(result: BusinessModulesResult): string | null {
  const find = (mode: string) => result.boundary.find((row) => row.shape === 'microservices' && row.mode === mode);
  const loose = find('functions validate');
  const enforced = find('contract at boundary');
  if (!loose || !enforced) return null;
  return `${loose.answered5xx} of ${loose.malformedSent} malformed requests got a 5xx from microservices without a contract at the door, ${enforced.answered5xx} with one`;
}

function noSharedDataFigure(result: NoSharedDataResult): string | null {
  const naive = result.delivery.find((row) => row.variant === 'write then publish');
  const outbox = result.delivery.find((row) => row.variant === 'transactional outbox');
  if (!naive || !outbox) return null;
  return `${naive.lost} of ${naive.committed} payment events lost to ${naive.crashes} crashes when writing then publishing, ${outbox.lost} with an outbox`;
}

function lockstepFigure(result: LockstepResult): string | null {
  const micro = result.plans.filter((row) => row.architecture === 'microservices').sort((a, b) => b.unitsRedeployed - a.unitsRedeployed)[0];
  const distributed = result.plans.filter((row) => row.architecture === 'distributed monolith').sort((a, b) => b.unitsRedeployed - a.unitsRedeployed)[0];
  if (!micro || !distributed) return null;
  return `${micro.unitsRedeployed} of ${micro.unitsTotal} microservice units redeployed per change, vs ${distributed.unitsRedeployed} of ${distributed.unitsTotal} in a distributed monolith`;
}

function containersFigure(result: ContainersResult): string | null {
  const graceful = (shape: string) => result.drains.find((row) => row.mode === 'graceful' && row.shape === shape);
  const images = (shape: string) => result.packaging.find((row) => row.shape === shape)?.images;
  const mono = graceful('monolith');
  const micro = graceful('microservices');
  if (!mono || !micro) return null;
  const packaging = images('monolith') !== undefined && images('microservices') !== undefined ? `; ${images('monolith')} image vs ${images('microservices')}` : '';
  return `the monolith drained ${mono.inFlightCompleted} of ${mono.inFlightAtSigterm} in-flight checkouts on SIGTERM, the microservices ${micro.inFlightCompleted} of ${micro.inFlightAtSigterm}${packaging}`;
}

function redundancyFigure(result: RedundancyResult): string | null {
  const retrying = result.rows.filter((row) => row.mode === 'retry once');
  const processes = (shape: string) => result.processCounts.find((row) => row.shape === shape)?.processes;
  if (retrying.length === 0) return null;
  const mono = processes('monolith');
  const micro = processes('microservices');
  const counts = mono !== undefined && micro !== undefined ? `; ${mono} processes as a monolith vs ${micro} as microservices` : '';
  return (
    `${sumOf(retrying, (row) => row.failed)} of ${sumOf(retrying, (row) => row.sent)} requests failed with a retry when one of ${result.replicas} ` +
    `${result.replicatedShape} replicas was killed${counts}`
  );
}

function lessProductionTimeFigure(result: ProductionTimeResult): string | null {
  const row = (shape: string) => result.rows.find((r) => r.shape === shape && r.scope === 'changed unit');
  const mono = row('monolith');
  const micro = row('microservices');
  if (!mono || !micro) return null;
  if (micro.testCpuMs !== null && mono.testCpuMs) {
    return `${Math.round((1 - micro.testCpuMs / mono.testCpuMs) * 100)} % less test CPU for a change in microservices (${micro.testCpuMs} vs ${mono.testCpuMs} ms in the monolith)`;
  }
  return `${Math.round((1 - micro.totalMs / mono.totalMs) * 100)} % less time to ship a change in microservices (${Math.round(micro.totalMs)} vs ${Math.round(mono.totalMs)} ms in the monolith)`;
}

function continuousDeploymentFigure(result: ContinuousDeploymentResult): string | null {
  const gated = (shape: string) => result.rows.filter((row) => row.shape === shape && row.strategy === 'rolling' && row.readinessGate);
  const micro = gated('microservices');
  // The monolith with the fewest replicas is the hardest case for a rollout without downtime.
  const mono = [...gated('monolith')].sort((a, b) => a.replicas - b.replicas)[0];
  if (micro.length === 0 || !mono) return null;
  return (
    `gated rolling update: ${sumOf(micro, (row) => row.failed)} of ${sumOf(micro, (row) => row.sent)} checkouts failed for the microservice, ` +
    `${mono.failed} of ${mono.sent} for the monolith with ${mono.replicas} replica${mono.replicas === 1 ? '' : 's'}`
  );
}

function thirdPartyFigure(result: ThirdPartyResult): string | null {
  const outage = (placement: string, policy: string) => result.rows.find((row) => row.placement === placement && row.policy === policy && row.phase === 'outage');
  const inPlain = outage('in-process', 'plain');
  const inBreaker = outage('in-process', 'timeout+retry+breaker');
  const service = outage('service', 'timeout+retry+breaker');
  if (!inPlain || !inBreaker || !service) return null;
  return `in the outage a breaker answers in ${inBreaker.p50Ms} ms (p50) vs ${inPlain.p50Ms} ms without; as a service ${service.successPercent} % succeed vs ${inBreaker.successPercent} % in process`;
}

type Figure = (result: never) => string | null;

/**
 * One function per claim with an experiment; the result type is its report's. The article's are
 * written here; a scaffolded claim's `keyFigure` comes from its report.ts through the generated
 * comparisons/key-figures.ts, so adding a claim needs no edit of this file.
 */
const figures: Readonly<Record<string, Figure>> = {
  'nano-anti-pattern': antiPatternFigure,
  'nano-no-duplication': noDuplicationFigure,
  'nano-chaining': chainingFigure,
  'nano-single-endpoint': singleEndpointFigure,
  'nano-own-security': ownSecurityFigure,
  'nano-flexibility': flexibilityFigure,
  'nano-easy-deploy': easyDeployFigure,
  'nano-own-schedule': ownScheduleFigure,
  'nano-clustered-app': clusteredAppFigure,
  'nano-overcomes-micro': overcomesMicroFigure,
  'micro-business-modules': businessModulesFigure,
  'micro-no-shared-data': noSharedDataFigure,
  'micro-lockstep': lockstepFigure,
  'micro-containers': containersFigure,
  'micro-redundancy': redundancyFigure,
  'micro-less-production-time': lessProductionTimeFigure,
  'micro-continuous-deployment': continuousDeploymentFigure,
  'micro-third-party': thirdPartyFigure,
  // The scaffolded comparisons' claims: each report's own keyFigure, listed by the scaffolder.
  ...comparisonKeyFigures,
};

/** The claims that have a key figure. */
export const claimsWithKeyFigure: readonly string[] = Object.keys(figures);

/**
 * The one figure that matters most for a claim's verdict, read from its evidence `result`, as a short
 * string with its unit. Null for a claim of the registry that has no key figure (one without an
 * experiment, such as a not-testable claim) or whose result lacks the rows the figure needs; throws
 * for an id that is not in the registry.
 *
 * @example
 * ```ts
 * keyFigure('nano-chaining', evidence.result); // '322 µs per HTTP hop (1.46× a raw node:http round trip)'
 * keyFigure('nano-evolved-form', {}); // null
 * keyFigure('nano-nothing', {}); // throws: no claim "nano-nothing" in examples/claims/registry.ts ...
 * ```
 */
export function keyFigure(claimId: string, result: unknown): string | null {
  claimById(claimId);
  const figure = figures[claimId] as ((result: unknown) => string | null) | undefined;
  return figure ? figure(result) : null;
}
