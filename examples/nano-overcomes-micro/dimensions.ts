import type { ChainingResult } from '../nano-chaining/report.ts';
import type { ClusterResult } from '../nano-clustered-app/report.ts';
import type { EasyDeployResult } from '../nano-easy-deploy/report.ts';
import type { FlexibilityResult } from '../nano-flexibility/report.ts';
import type { NoDuplicationResult } from '../nano-no-duplication/report.ts';
import type { OwnScheduleResult } from '../nano-own-schedule/report.ts';
import type { SecurityResult } from '../nano-own-security/report.ts';
import type { SingleEndpointResult } from '../nano-single-endpoint/report.ts';

/** The two figures a dimension compares, read from one claim's evidence. */
export interface Pair {
  readonly nanoservices: number;
  readonly microservices: number;
}

/** One way to compare the two shapes, and where in which evidence file its figures come from. */
export interface Dimension {
  readonly claim: string;
  readonly label: string;
  readonly unit: string;
  /** Whether a lower or a higher figure is the better one for the reader's system. */
  readonly better: 'lower' | 'higher';
  readonly read: (result: never) => Pair;
}

function pick<Row extends { readonly shape: string }>(rows: readonly Row[], value: (row: Row) => number, where: (row: Row) => boolean = () => true): Pair {
  const of = (shape: string) => {
    const row = rows.find((candidate) => candidate.shape === shape && where(candidate));
    if (!row) throw new Error(`no ${shape} row in the evidence`);
    return value(row);
  };
  return { nanoservices: of('nanoservices'), microservices: of('microservices') };
}

function required(value: number | null, what: string): number {
  if (value === null) throw new Error(`the evidence has no figure for ${what}`);
  return value;
}

const dimension = <Result>(claim: string, label: string, unit: string, better: Dimension['better'], read: (result: Result) => Pair): Dimension => ({
  claim,
  label,
  unit,
  better,
  read: read as (result: never) => Pair,
});

const longestHttp = (result: ChainingResult) => (row: ChainingResult['rows'][number]) =>
  row.transport === 'http' && row.chainLength === Math.max(...result.rows.map((candidate) => candidate.chainLength));
const worstFaults = (result: ClusterResult) => (row: ClusterResult['rows'][number]) =>
  row.attempts === 1 && row.failureProbability === Math.max(...result.rows.map((candidate) => candidate.failureProbability));

/**
 * Every figure the nano experiments measured for both nanoservices and microservices. The summary
 * compares them side by side; it measures nothing itself.
 */
export const dimensions: readonly Dimension[] = [
  dimension<ChainingResult>('nano-chaining', 'checkout latency over HTTP, p50', 'µs', 'lower', (r) => pick(r.rows, (row) => row.p50Us, longestHttp(r))),
  dimension<ChainingResult>('nano-chaining', 'checkout throughput over HTTP', 'req/s', 'higher', (r) => pick(r.rows, (row) => row.requestsPerSecond, longestHttp(r))),
  dimension<ClusterResult>('nano-clustered-app', 'checkouts that succeed at the highest injected fault rate, no retry', '%', 'higher', (r) =>
    pick(r.rows, (row) => row.measuredSuccessPercent, worstFaults(r)),
  ),
  // PSS where /proc gives it (shared pages split between processes), RSS otherwise, as the easy-deploy verdict does.
  dimension<EasyDeployResult>('nano-easy-deploy', 'memory of the whole fleet (PSS, else RSS)', 'KiB', 'lower', (r) => pick(r.fleets, (row) => row.pssKiB ?? row.rssKiB)),
  dimension<EasyDeployResult>('nano-easy-deploy', 'time to start the whole fleet, one unit after another', 'ms', 'lower', (r) => pick(r.fleets, (row) => Math.round(row.inTurnStartMs))),
  dimension<NoDuplicationResult>('nano-no-duplication', 'bytes shipped by the fleet (each unit with only its own functions)', 'bytes', 'lower', (r) =>
    pick(r.rows, (row) => row.shippedBytes, (row) => row.variant === 'own-functions'),
  ),
  dimension<SecurityResult>('nano-own-security', 'routes one leaked credential opens (per-unit policy)', 'routes', 'lower', (r) =>
    pick(r.rows, (row) => row.maxRoutesOpened, (row) => row.policy === 'unit'),
  ),
  dimension<SecurityResult>('nano-own-security', 'secrets to issue, store and rotate', 'secrets', 'lower', (r) => pick(r.rows, (row) => row.secrets, (row) => row.policy === 'unit')),
  dimension<FlexibilityResult>('nano-flexibility', 'functions redeployed to swap the tax provider', 'functions', 'lower', (r) =>
    pick(r.rows, (row) => row.functionsRedeployed, (row) => row.strategy === 'blue-green'),
  ),
  dimension<FlexibilityResult>('nano-flexibility', 'checkouts failed during a blue-green swap', 'requests', 'lower', (r) => pick(r.rows, (row) => row.failed, (row) => row.strategy === 'blue-green')),
  dimension<OwnScheduleResult>('nano-own-schedule', 'units released together for a breaking change of one function', 'units', 'lower', (r) =>
    pick(r.releases, (row) => row.unitsToRelease, (row) => row.version.startsWith('v2-nests')),
  ),
  dimension<OwnScheduleResult>('nano-own-schedule', 'contracts between units to keep tested', 'contracts', 'lower', (r) => pick(r.system, (row) => row.crossUnitContracts)),
  dimension<SingleEndpointResult>('nano-single-endpoint', 'routes exposed that the checkout never calls', 'routes', 'lower', (r) => pick(r.shapes, (row) => required(row.routesOutsideTheChain, 'routes outside the chain (run with the memory or http transport)'))),
  dimension<SingleEndpointResult>('nano-single-endpoint', 'calls between units per checkout', 'calls', 'lower', (r) => pick(r.shapes, (row) => row.crossUnitCallsPerCheckout)),
];
