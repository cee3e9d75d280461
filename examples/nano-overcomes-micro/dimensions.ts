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
  /**
   * The figure of every independent run, side by side, where the evidence keeps them (timings): the
   * summary then decides on the interval of the ratio, not on one pair of medians.
   */
  readonly runs?: { readonly nanoservices: readonly number[]; readonly microservices: readonly number[] };
}

/**
 * Groups of dimensions that move together: two figures that follow from the same cause (more hops on
 * the request path, more processes to run) are one consideration, not two votes. The default weighting
 * counts each group once, however many figures it holds.
 */
export const dimensionGroups = ['latency', 'availability', 'footprint', 'security', 'change'] as const;
/** One of {@link dimensionGroups}. */
export type DimensionGroup = (typeof dimensionGroups)[number];

/** What each group stands for, as the page names it. */
export const groupLabels: Readonly<Record<DimensionGroup, string>> = {
  latency: 'the request path (latency, throughput, hops)',
  availability: 'availability under faults',
  footprint: 'what the fleet costs to run and ship (memory, start-up, bytes)',
  security: 'security (leak radius, secrets, routes left open)',
  change: 'changing and releasing (redeploys, coordinated releases, contracts)',
};

/** One way to compare the two shapes, and where in which evidence file its figures come from. */
export interface Dimension {
  readonly claim: string;
  /** The group of correlated dimensions it belongs to. */
  readonly group: DimensionGroup;
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

/** Like `pick`, with the per-run figures beside the headline ones when the rows keep them. */
function pickWithRuns<Row extends { readonly shape: string }>(rows: readonly Row[], value: (row: Row) => number, runs: (row: Row) => readonly number[] | undefined, where: (row: Row) => boolean): Pair {
  const pair = pick(rows, value, where);
  const row = (shape: string) => rows.find((candidate) => candidate.shape === shape && where(candidate));
  const nano = row('nanoservices');
  const micro = row('microservices');
  const nanoRuns = nano ? runs(nano) : undefined;
  const microRuns = micro ? runs(micro) : undefined;
  return nanoRuns && microRuns ? { ...pair, runs: { nanoservices: nanoRuns, microservices: microRuns } } : pair;
}

function required(value: number | null, what: string): number {
  if (value === null) throw new Error(`the evidence has no figure for ${what}`);
  return value;
}

const dimension = <Result>(claim: string, group: DimensionGroup, label: string, unit: string, better: Dimension['better'], read: (result: Result) => Pair): Dimension => ({
  claim,
  group,
  label,
  unit,
  better,
  read: read as (result: never) => Pair,
});

const longestHttp = (result: ChainingResult) => (row: ChainingResult['rows'][number]) =>
  row.transport === 'http' && row.chainLength === Math.max(...result.rows.map((candidate) => candidate.chainLength));
const worstFaults = (result: ClusterResult) => (row: ClusterResult['rows'][number]) =>
  row.attempts === 1 && row.failureProbability === Math.max(...result.rows.map((candidate) => candidate.failureProbability));

/** The fewest routes one leaked credential opened in a shape, under the tightest policy it was measured with. */
const tightestRadius = (rows: SecurityResult['rows']): Pair => {
  const of = (shape: string) => {
    const radii = rows.filter((row) => row.shape === shape).map((row) => row.maxRoutesOpened);
    if (radii.length === 0) throw new Error(`no ${shape} row in the evidence`);
    return Math.min(...radii);
  };
  return { nanoservices: of('nanoservices'), microservices: of('microservices') };
};

/**
 * Every figure the nano experiments measured for both nanoservices and microservices, each in its group
 * of correlated figures. The summary compares them side by side; it measures nothing itself. Where a
 * cut can choose a policy (which routes to close, which credentials to trust), each cut is read at the
 * tightest one measured, so that a figure compares the cuts and not the policies.
 */
export const dimensions: readonly Dimension[] = [
  dimension<ChainingResult>('nano-chaining', 'latency', 'checkout latency over HTTP, p50', 'µs', 'lower', (r) =>
    pickWithRuns(r.rows, (row) => row.p50Us, (row) => row.runsP50Us, longestHttp(r)),
  ),
  dimension<ChainingResult>('nano-chaining', 'latency', 'checkout throughput over HTTP', 'req/s', 'higher', (r) => pick(r.rows, (row) => row.requestsPerSecond, longestHttp(r))),
  dimension<SingleEndpointResult>('nano-single-endpoint', 'latency', 'calls between units per checkout', 'calls', 'lower', (r) => pick(r.shapes, (row) => row.crossUnitCallsPerCheckout)),
  dimension<ClusterResult>('nano-clustered-app', 'availability', 'checkouts that succeed at the highest injected fault rate, no retry', '%', 'higher', (r) =>
    pick(r.rows, (row) => row.measuredSuccessPercent, worstFaults(r)),
  ),
  // PSS where /proc gives it (shared pages split between processes), RSS otherwise, as the easy-deploy verdict does.
  dimension<EasyDeployResult>('nano-easy-deploy', 'footprint', 'memory of the whole fleet (PSS, else RSS)', 'KiB', 'lower', (r) => pick(r.fleets, (row) => row.pssKiB ?? row.rssKiB)),
  dimension<EasyDeployResult>('nano-easy-deploy', 'footprint', 'time to start the whole fleet, one unit after another', 'ms', 'lower', (r) => pick(r.fleets, (row) => Math.round(row.inTurnStartMs))),
  dimension<NoDuplicationResult>('nano-no-duplication', 'footprint', 'bytes shipped by the fleet (each unit with only its own functions)', 'bytes', 'lower', (r) =>
    pick(r.rows, (row) => row.shippedBytes, (row) => row.variant === 'own-functions'),
  ),
  dimension<SecurityResult>('nano-own-security', 'security', 'routes one leaked credential opens (tightest policy measured)', 'routes', 'lower', (r) => tightestRadius(r.rows)),
  dimension<SecurityResult>('nano-own-security', 'security', 'secrets to issue, store and rotate', 'secrets', 'lower', (r) => pick(r.rows, (row) => row.secrets, (row) => row.policy === 'unit')),
  dimension<SingleEndpointResult>('nano-single-endpoint', 'security', 'business routes a network caller must be able to reach (every other route closed)', 'routes', 'lower', (r) =>
    pick(r.shapes, (row) => required(row.routesTheCheckoutNeedsOpen, 'routes the checkout needs open (run with the memory or http transport)')),
  ),
  dimension<FlexibilityResult>('nano-flexibility', 'change', 'functions redeployed to swap the tax provider', 'functions', 'lower', (r) =>
    pick(r.rows, (row) => row.functionsRedeployed, (row) => row.strategy === 'blue-green'),
  ),
  dimension<FlexibilityResult>('nano-flexibility', 'change', 'checkouts failed during a blue-green swap', 'requests', 'lower', (r) => pick(r.rows, (row) => row.failed, (row) => row.strategy === 'blue-green')),
  dimension<OwnScheduleResult>('nano-own-schedule', 'change', 'units released together for a breaking change of one function', 'units', 'lower', (r) =>
    pick(r.releases, (row) => row.unitsToRelease, (row) => row.version.startsWith('v2-nests')),
  ),
  dimension<OwnScheduleResult>('nano-own-schedule', 'change', 'contracts between units to keep tested', 'contracts', 'lower', (r) => pick(r.system, (row) => row.crossUnitContracts)),
];
