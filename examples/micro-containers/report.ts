import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { exactly, formatInterval, intervalOf } from '../lab/measure/interval.ts';
import { median } from '../lab/measure/stats.ts';
import { formatList } from '../lab/report/format.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
import { formatRatiosBySystem, structureByCut, structureMap, structureRatios, structureTable } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/**
 * How a unit meets SIGTERM: `graceful` drains (the contract) after a drain delay longer than a whole
 * checkout; `graceful-short-delay` drains after a delay shorter than a checkout through many units;
 * `no-handler` is the control, killed at once.
 */
export const stopModes = ['graceful', 'graceful-short-delay', 'no-handler'] as const;
/** One of {@link stopModes}. */
export type StopMode = (typeof stopModes)[number];

/** One shape's units run as processes under load, then every one sent SIGTERM (a pod deletion). */
export interface DrainRow {
  readonly shape: ShapeName;
  readonly mode: StopMode;
  /** Which run of this shape and mode, from 1. */
  readonly run: number;
  readonly units: number;
  /** How long each unit kept listening after SIGTERM, ms (LAB_DRAIN_DELAY_MS). */
  readonly drainDelayMs: number;
  /** Units that listened on the port the environment gave them. */
  readonly portFromEnv: number;
  /** Units whose /healthz and /readyz answered 200 once warm. */
  readonly healthy: number;
  readonly ready: number;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Checkouts started before SIGTERM and not yet answered when it was sent, and what became of them. */
  readonly inFlightAtSigterm: number;
  readonly inFlightCompleted: number;
  readonly inFlightFailed: number;
  /** Checkouts sent after SIGTERM, before the readiness probe took the entry out of the load, and their failures. */
  readonly sentAfterSigterm: number;
  readonly failedAfterSigterm: number;
  /** From SIGTERM until the last unit exited, ms. */
  readonly drainMs: number;
  /** Exit of each unit, chain order: `0`, `1`, or the signal that killed it. */
  readonly exits: readonly string[];
  readonly logLines: number;
  /** Stdout lines that were not one JSON object. */
  readonly unparseableLines: number;
}

/** One shape's container packaging, generated and checked offline. */
export interface PackagingRow {
  readonly shape: ShapeName;
  readonly units: number;
  readonly images: number;
  /** Dockerfiles with FROM, a non-root USER, EXPOSE of the port, a HEALTHCHECK on /healthz and an exec-form CMD. */
  readonly dockerfilesPassing: number;
  /** Kubernetes objects generated (a Deployment and a Service per unit) and how many validated. */
  readonly manifests: number;
  readonly manifestsValid: number;
  /** Liveness and readiness probes in the Deployments, and how many point at an endpoint the running unit answered 200. */
  readonly probes: number;
  readonly probesOnLiveEndpoints: number;
}

/** The whole result of a micro-containers run: plain JSON. */
export interface ContainersResult {
  /** Every drain, run by run. */
  readonly drains: readonly DrainRow[];
  readonly packaging: readonly PackagingRow[];
  /** One unit's generated files, to show on the page. */
  readonly sample: { readonly unit: string; readonly dockerfile: string; readonly deployment: unknown; readonly service: unknown };
  /** The units (so the containers) of the reference systems' cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** The scaffolded claims' name for the result of a run. */
export type Result = ContainersResult;

/** One shape's packaging as the page counts it. */
export interface PackagingFigures {
  /** Container images to build, one per unit. */
  readonly images: number;
  /** Kubernetes objects generated (a Deployment and a Service per unit). */
  readonly manifests: number;
  /** Liveness and readiness probes in the Deployments. */
  readonly probes: number;
}

/** Every figure the page's prose prints, read out of the result. Counts are summed over the runs; per-run figures are medians with their 95% interval. */
export interface PageFigures {
  /** Independent runs of each shape and stop mode. */
  readonly runs: number;
  /** Checkouts in flight at SIGTERM per run, over every shape and stop mode: the median and its interval, '64 [63–64]'. */
  readonly inFlightPerRun: string;
  /** With the drain, the in-flight checkouts completed per shape over every run: '320 of 320 in the monolith, 318 of 318 in the microservices, ...'. */
  readonly gracefulInFlight: string;
  /** Checkouts that failed with the drain, over every shape and run, a count. */
  readonly gracefulFailed: number;
  /** Checkouts sent with the drain, over every shape and run, a count. */
  readonly gracefulSent: number;
  /** With the drain, from SIGTERM to the last exit per shape, the median of the runs with its interval: '408 ms [405–411 ms], ...'. */
  readonly gracefulDrains: string;
  /** Stdout lines the units wrote, over every run, a count. */
  readonly logLines: number;
  /** Stdout lines that were not one JSON object, over every run, a count. */
  readonly unparseableLines: number;
  /** Without the SIGTERM handler, the in-flight checkouts failed per shape over every run: '320 of 320 in the monolith, ...'. */
  readonly noHandlerInFlightFailed: string;
  /** With the short drain delay, per shape: the share of in-flight checkouts that failed per run (median and interval), and the checkouts sent after SIGTERM that failed, joined by '; ': 'in the monolith, 0% [0–0%] of the checkouts in flight at SIGTERM (per run) and 39 of the 221 sent after it; ...'. */
  readonly shortDelayFailures: string;
  /** The monolith's packaging. */
  readonly monolithPackaging: PackagingFigures;
  /** The microservices' packaging. */
  readonly microservicesPackaging: PackagingFigures;
  /** The nanoservices' packaging. */
  readonly nanoservicesPackaging: PackagingFigures;
  /** The unit whose generated files the page shows. */
  readonly sampleUnit: string;
  /** That unit's Dockerfile, as generated. */
  readonly sampleDockerfile: string;
  /** That unit's Deployment, as indented JSON. */
  readonly sampleDeployment: string;
  /** That unit's Service, as indented JSON. */
  readonly sampleService: string;
  /** Containers each reference system's microservices run, one per unit, in a sentence: 'The lab's checkout: six functions in a chain 3, Online Boutique: placing an order 9 and An Alibaba-like call tree 7'. */
  readonly referenceMicroContainers: string;
  /** The same for the nanoservices: '… 6, … 13 and … 24'. */
  readonly referenceNanoContainers: string;
  /** Operations an operation's container holds in each system's microservices (mean over operations): '… 2.3, … 1.6 and … 5.8'. */
  readonly referenceMicroOperationsPerContainer: string;
  /** Each system's nanoservices' containers over its microservices', in a sentence: '… 2.00×, … 1.44× and … 3.43×'. */
  readonly referenceNanoOverMicro: string;
  /** The verdict map: each reference system's containers over its monolith's, across granularity. */
  readonly verdictMap: VerdictMap;
}

/** The shapes in the order the page names them. */
const shapeOrder: readonly ShapeName[] = ['monolith', 'microservices', 'nanoservices'];

/** The drains of one stop mode, grouped by shape in the page's order (shapes the run left out are left out). */
const byShape = (result: Result, mode: StopMode) =>
  shapeOrder.map((shape) => ({ shape, rows: result.drains.filter((row) => row.mode === mode && row.shape === shape) })).filter(({ rows }) => rows.length > 0);

/** The share of the checkouts in flight at SIGTERM that failed, per run, in percent. */
const inFlightFailedShares = (rows: readonly DrainRow[]) => rows.map((row) => (row.inFlightAtSigterm ? (100 * row.inFlightFailed) / row.inFlightAtSigterm : 0));

/**
 * The figures the page prints, each picked from the result (a missing row throws, naming it).
 * Intervals need at least five runs: a result with fewer throws, as the page must not print one.
 *
 * @example
 * ```ts
 * pageFigures(result).gracefulDrains; // '408 ms [405–411 ms], 412 ms [409–416 ms] and 417 ms [413–420 ms]'
 * pageFigures(result).microservicesPackaging; // { images: 3, manifests: 6, probes: 6 }
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const graceful = byShape(result, 'graceful');
  const gracefulRows = graceful.flatMap(({ rows }) => rows);
  const packaging = (shape: ShapeName): PackagingFigures => {
    const { images, manifests, probes } = pickRow(result.packaging, { shape });
    return { images, manifests, probes };
  };
  if (graceful.length === 0) throw new Error('the run has no graceful drain to show');
  return {
    runs: Math.min(...graceful.map(({ rows }) => rows.length)),
    inFlightPerRun: formatInterval(intervalOf(result.drains.map((row) => row.inFlightAtSigterm)), 0),
    gracefulInFlight: formatList(graceful.map(({ shape, rows }) => `${sumOf(rows, 'inFlightCompleted')} of ${sumOf(rows, 'inFlightAtSigterm')} in the ${shape}`)),
    gracefulFailed: sumOf(gracefulRows, 'failed'),
    gracefulSent: sumOf(gracefulRows, 'sent'),
    gracefulDrains: formatList(graceful.map(({ rows }) => formatInterval(intervalOf(rows.map((row) => row.drainMs)), 0, ' ms'))),
    logLines: sumOf(result.drains, 'logLines'),
    unparseableLines: sumOf(result.drains, 'unparseableLines'),
    noHandlerInFlightFailed: formatList(byShape(result, 'no-handler').map(({ shape, rows }) => `${sumOf(rows, 'inFlightFailed')} of ${sumOf(rows, 'inFlightAtSigterm')} in the ${shape}`)),
    shortDelayFailures: byShape(result, 'graceful-short-delay')
      .map(({ shape, rows }) => `in the ${shape}, ${formatInterval(intervalOf(inFlightFailedShares(rows)), 0, '%')} of the checkouts in flight at SIGTERM (per run) and ${sumOf(rows, 'failedAfterSigterm')} of the ${sumOf(rows, 'sentAfterSigterm')} sent after it`)
      .join('; '),
    monolithPackaging: packaging('monolith'),
    microservicesPackaging: packaging('microservices'),
    nanoservicesPackaging: packaging('nanoservices'),
    sampleUnit: result.sample.unit,
    sampleDockerfile: result.sample.dockerfile,
    sampleDeployment: JSON.stringify(result.sample.deployment, null, 2),
    sampleService: JSON.stringify(result.sample.service, null, 2),
    referenceMicroContainers: structureByCut(result.referenceSystems, 'units', 'microservices'),
    referenceNanoContainers: structureByCut(result.referenceSystems, 'units', 'nanoservices'),
    referenceMicroOperationsPerContainer: structureByCut(result.referenceSystems, 'operationsPerDeploy', 'microservices'),
    referenceNanoOverMicro: formatRatiosBySystem(structureRatios(result.referenceSystems, 'units', 'nanoservices', 'microservices')),
    verdictMap: referenceSystemsMap(result),
  };
}

/**
 * The containers each reference system's cuts run, one per unit, and how many operations each holds:
 * the packaging to build, ship and keep (an image, a Deployment and a Service with two probes per
 * container, as the experiment generates them), counted from the system files.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[8];
 * // { system: 'An Alibaba-like call tree', cut: 'nanoservices', units: 24, operations: 24, operationsPerDeploy: 1 }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  const table = structureTable(result.referenceSystems, 'Containers to build, ship and run, on each reference system (counted from its file)', [
    { figure: 'operations', label: 'operations in the system' },
    { figure: 'operationsPerDeploy', label: 'operations per container (mean over operations)' },
  ]);
  // A unit here is a container: an image, a Deployment and a Service to keep.
  return { ...table, columns: table.columns.map((column) => (column.key === 'units' ? { ...column, label: 'containers (one per unit)' } : column)) };
}

/**
 * The verdict map: the containers each cut runs over its monolith's one, across granularity. This is
 * the price the verdict states (images to build and keep); above 1.1× it is a price in the rule's
 * terms, which every split pays, and it grows as the cut gets finer.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[2].points; // [{ x: 1, estimate: 24 }, { x: 3.43, estimate: 7 }, { x: 24, estimate: 1 }]: the Alibaba-like tree
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'units',
    relativeTo: 'monolith',
    title: 'Containers to build and keep, against the monolith’s one, as the cut gets finer',
    yLabel: 'containers ÷ the monolith’s',
    // The same threshold the verdict rule applies to a price: images are the price findingFor states.
    threshold: costThreshold,
    aboveThreshold: 'clearly more images, Deployments and probes to build and keep than the monolith: the price of the cut, not of containers',
    belowThreshold: 'no more packaging than the monolith',
    logY: true,
  });
}

/**
 * The drain under load per stop mode and shape, summed over the runs.
 *
 * @example
 * ```ts
 * drainTable(result).rows[0]; // { mode: 'graceful', shape: 'monolith', runs: 5, inFlight: '320 / 0 of 320', ... }
 * ```
 */
export function drainTable(result: ContainersResult): ResultTable {
  const groups = stopModes.flatMap((mode) => byShape(result, mode).map(({ shape, rows }) => ({ mode, shape, rows })));
  return {
    title: 'SIGTERM to every unit under load, each shape and stop mode summed over its runs',
    columns: [
      { key: 'mode', label: 'on SIGTERM' },
      { key: 'shape', label: 'shape' },
      { key: 'runs', label: 'runs' },
      { key: 'units', label: 'units' },
      { key: 'drainDelayMs', label: 'drain delay, ms' },
      { key: 'contract', label: 'port from env / healthy / ready' },
      { key: 'sent', label: 'sent' },
      { key: 'failed', label: 'failed' },
      { key: 'inFlight', label: 'in flight at SIGTERM: completed / failed' },
      { key: 'afterSigterm', label: 'sent after SIGTERM: failed' },
      { key: 'drainMs', label: 'drain, ms (median)' },
      { key: 'exits', label: 'exits' },
      { key: 'logs', label: 'log lines: not JSON' },
    ],
    rows: groups.map(({ mode, shape, rows }) => {
      const first = rows[0] as DrainRow;
      const all = (key: 'portFromEnv' | 'healthy' | 'ready') => Math.min(...rows.map((row) => row[key]));
      return {
        mode,
        shape,
        runs: rows.length,
        units: first.units,
        drainDelayMs: first.drainDelayMs,
        contract: `${all('portFromEnv')} / ${all('healthy')} / ${all('ready')}`,
        sent: sumOf(rows, 'sent'),
        failed: sumOf(rows, 'failed'),
        inFlight: `${sumOf(rows, 'inFlightCompleted')} / ${sumOf(rows, 'inFlightFailed')} of ${sumOf(rows, 'inFlightAtSigterm')}`,
        afterSigterm: `${sumOf(rows, 'failedAfterSigterm')} of ${sumOf(rows, 'sentAfterSigterm')}`,
        drainMs: Math.round(median(rows.map((row) => row.drainMs))),
        exits: exitCounts(rows.flatMap((row) => row.exits)),
        logs: `${sumOf(rows, 'unparseableLines')} of ${sumOf(rows, 'logLines')}`,
      };
    }),
  };
}

/**
 * Exit codes (or signals) as counts, most frequent first.
 *
 * @example
 * ```ts
 * exitCounts(['0', '0', 'SIGTERM']); // '2 × 0, 1 × SIGTERM'
 * ```
 */
export function exitCounts(exits: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const exit of exits) counts.set(exit, (counts.get(exit) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([exit, count]) => `${count} × ${exit}`).join(', ');
}

/**
 * The generated container packaging per shape.
 *
 * @example
 * ```ts
 * packagingTable(result).rows[1]; // { shape: 'microservices', images: 3, manifests: '6 of 6', ... }
 * ```
 */
export function packagingTable(result: ContainersResult): ResultTable {
  return {
    title: 'Images, manifests and probes per shape (generated and validated offline)',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'images', label: 'images' },
      { key: 'dockerfiles', label: 'Dockerfiles passing' },
      { key: 'manifests', label: 'manifests valid' },
      { key: 'probes', label: 'probes on live endpoints' },
    ],
    rows: result.packaging.map((row) => ({
      shape: row.shape,
      images: row.images,
      dockerfiles: `${row.dockerfilesPassing} of ${row.images}`,
      manifests: `${row.manifestsValid} of ${row.manifests}`,
      probes: `${row.probesOnLiveEndpoints} of ${row.probes}`,
    })),
  };
}

/** Every unit honoured the contract: port, probes, zero failed checkouts, clean exits, JSON logs. */
export const honoured = (row: DrainRow) =>
  row.portFromEnv === row.units && row.healthy === row.units && row.ready === row.units && row.failed === 0 && row.inFlightAtSigterm > 0 &&
  row.inFlightFailed === 0 && row.exits.every((exit) => exit === '0') && row.unparseableLines === 0 && row.logLines > 0;
/** The shape's images and manifests are valid and every probe points at a live endpoint. */
export const packaged = (row: PackagingRow) =>
  row.dockerfilesPassing === row.images && row.manifestsValid === row.manifests && row.probesOnLiveEndpoints === row.probes && row.probes > 0;

/**
 * What the drains found, in the terms of the verdict rule. The benefit the claim names: units that
 * keep the container contract (port and config from the environment, live probes, JSON logs on
 * stdout, and on SIGTERM every checkout in flight completed and a clean exit), packaged as valid
 * images and manifests. A shape shows it when every graceful run of it {@link honoured} the contract
 * and its packaging is valid: counts that must be zero (failed checkouts) or full (checkouts completed)
 * in every run, so they need no interval. When every shape shows it, the contract comes from the
 * wrapper, not from the cut (misattributed). The price stated is images to build and keep, the
 * microservices' against the monolith's (a count). A run without the microservices throws.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'microservices', shownBy: { monolith: true, microservices: true, nanoservices: true },
 * //   cost: { what: 'container images to build and keep ...', ratio: { estimate: 3, ... } }, because: 'every cut completed 960 of 960 checkouts in flight at SIGTERM ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const graceful = byShape(result, 'graceful');
  const compared = graceful.map(({ shape }) => shape).filter((shape) => result.packaging.some((row) => row.shape === shape));
  if (!compared.includes('microservices')) throw new Error('the run did not drain and package the microservices: nothing to decide from');
  const shownBy = Object.fromEntries(compared.map((shape) => [shape, pickRow(graceful, { shape }).rows.every(honoured) && packaged(pickRow(result.packaging, { shape }))]));
  const images = (shape: ShapeName) => pickRow(result.packaging, { shape }).images;
  const cost = compared.includes('monolith') ? { cost: { what: 'container images to build and keep, the microservices’ against the monolith’s', ratio: exactly(images('microservices') / images('monolith')) } } : {};
  const rows = graceful.filter(({ shape }) => compared.includes(shape)).flatMap((group) => group.rows);
  const runs = Math.min(...graceful.map((group) => group.rows.length));
  const control = result.drains.filter((row) => row.mode === 'no-handler');
  const without = control.length ? `; without a SIGTERM handler ${sumOf(control, 'inFlightFailed')} of ${sumOf(control, 'inFlightAtSigterm')} failed` : '';
  if (compared.every((shape) => shownBy[shape])) {
    return {
      credited: 'microservices',
      shownBy,
      ...cost,
      because: `every cut completed ${sumOf(rows, 'inFlightCompleted')} of ${sumOf(rows, 'inFlightAtSigterm')} checkouts in flight at SIGTERM (${runs} run${runs === 1 ? '' : 's'} each)${without}`,
    };
  }
  const broke = compared.filter((shape) => !shownBy[shape]);
  const micro = pickRow(graceful, { shape: 'microservices' }).rows;
  return {
    credited: 'microservices',
    shownBy,
    ...cost,
    because: `${formatList(broke)} broke the container contract; the microservices completed ${sumOf(micro, 'inFlightCompleted')} of ${sumOf(micro, 'inFlightAtSigterm')} checkouts in flight at SIGTERM`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'every cut completed 960 of 960 ...', rule: 'every cut compared shows it (...)' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/micro-containers.json when the site is built, through
 * examples/claims/key-figures.ts). As `findingFor` reads it, over every run: the checkouts in flight at
 * SIGTERM that each cut completed with the drain, then the price, container images to build as a
 * monolith and as microservices. Null when the run did not drain and package the microservices.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'on SIGTERM with a drain, checkouts in flight completed: 320 of 320 in the monolith, 318 of 318 in the microservices and 322 of 322 in the nanoservices (5 runs each); 1 image vs 3 as microservices'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.drains || !result.packaging) return null;
  const graceful = byShape(result, 'graceful').filter(({ shape }) => result.packaging.some((row) => row.shape === shape));
  if (!graceful.some(({ shape }) => shape === 'microservices')) return null;
  const runs = Math.min(...graceful.map(({ rows }) => rows.length));
  const completed = formatList(graceful.map(({ shape, rows }) => `${sumOf(rows, 'inFlightCompleted')} of ${sumOf(rows, 'inFlightAtSigterm')} in the ${shape}`));
  const images = (shape: ShapeName) => result.packaging.find((row) => row.shape === shape)?.images;
  const [monolith, micro] = [images('monolith'), images('microservices')];
  const price = monolith === undefined ? '' : `; ${monolith} image${monolith === 1 ? '' : 's'} vs ${micro} as microservices`;
  return `on SIGTERM with a drain, checkouts in flight completed: ${completed} (${runs} run${runs === 1 ? '' : 's'} each)${price}`;
}
