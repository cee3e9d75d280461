import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

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
  readonly drains: readonly DrainRow[];
  readonly packaging: readonly PackagingRow[];
  /** One unit's generated files, to show on the page. */
  readonly sample: { readonly unit: string; readonly dockerfile: string; readonly deployment: unknown; readonly service: unknown };
}

/**
 * The drain under load per shape and stop mode.
 *
 * @example
 * ```ts
 * drainTable(result).rows[0]; // { shape: 'monolith', mode: 'graceful', inFlight: '8 / 0', ... }
 * ```
 */
export function drainTable(result: ContainersResult): ResultTable {
  return {
    title: 'SIGTERM to every unit under load',
    columns: [
      { key: 'mode', label: 'on SIGTERM' },
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'drainDelayMs', label: 'drain delay, ms' },
      { key: 'contract', label: 'port from env / healthy / ready' },
      { key: 'sent', label: 'sent' },
      { key: 'failed', label: 'failed' },
      { key: 'inFlight', label: 'in flight at SIGTERM: completed / failed' },
      { key: 'afterSigterm', label: 'sent after SIGTERM: failed' },
      { key: 'drainMs', label: 'drain, ms' },
      { key: 'exits', label: 'exits' },
      { key: 'logs', label: 'log lines: not JSON' },
    ],
    rows: result.drains.map((row) => ({
      mode: row.mode,
      shape: row.shape,
      units: row.units,
      drainDelayMs: row.drainDelayMs,
      contract: `${row.portFromEnv} / ${row.healthy} / ${row.ready}`,
      sent: row.sent,
      failed: row.failed,
      inFlight: `${row.inFlightCompleted} / ${row.inFlightFailed} of ${row.inFlightAtSigterm}`,
      afterSigterm: `${row.failedAfterSigterm} of ${row.sentAfterSigterm}`,
      drainMs: row.drainMs,
      exits: row.exits.join(' '),
      logs: `${row.unparseableLines} of ${row.logLines}`,
    })),
  };
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
const packaged = (row: PackagingRow) =>
  row.dockerfilesPassing === row.images && row.manifestsValid === row.manifests && row.probesOnLiveEndpoints === row.probes && row.probes > 0;

/**
 * The verdict the figures support. Microservices must honour the whole contract (drain with zero
 * failed in-flight checkouts, clean exits, JSON logs, valid packaging) or the claim does not hold. If
 * the monolith honours it as well, from the same wrapper, working well with containers is not a
 * property of the service size (misattributed); if only the finer shapes do, it holds.
 *
 * @example
 * ```ts
 * containersVerdict(result); // { verdict: 'misattributed', because: 'every shape ...' }
 * ```
 */
export function containersVerdict(result: ContainersResult): { verdict: Verdict; because: string } {
  const graceful = (shape: ShapeName) => result.drains.find((row) => row.mode === 'graceful' && row.shape === shape);
  const packing = (shape: ShapeName) => result.packaging.find((row) => row.shape === shape);
  const micro = graceful('microservices');
  const microPack = packing('microservices');
  const mono = graceful('monolith');
  const monoPack = packing('monolith');
  if (!micro || !microPack) return { verdict: 'not-testable', because: 'the run did not stop and package the microservices' };
  if (!honoured(micro) || !packaged(microPack)) {
    return { verdict: 'does-not-hold', because: `the microservices broke the container contract: ${micro.inFlightFailed} in-flight and ${micro.failed} checkouts failed, exits ${micro.exits.join(' ')}, ${micro.unparseableLines} non-JSON log lines` };
  }
  const control = result.drains.filter((row) => row.mode === 'no-handler');
  const controlFailed = control.reduce((sum, row) => sum + row.inFlightFailed, 0);
  const controlText = control.length ? `; without the SIGTERM handler ${controlFailed} in-flight checkouts failed` : '';
  const nano = graceful('nanoservices');
  const short = result.drains.filter((row) => row.mode === 'graceful-short-delay');
  const nanoText = (nano && honoured(nano) ? ' and the nanoservices' : '') +
    (short.length ? ` (with a ${short[0]?.drainDelayMs} ms drain delay, in-flight checkouts failed: ${short.map((row) => `${row.inFlightFailed} in the ${row.shape}`).join(', ')})` : '');
  if (mono && monoPack && honoured(mono) && packaged(monoPack)) {
    return {
      verdict: 'misattributed',
      because:
        `the microservices honoured the container contract (${micro.inFlightCompleted} of ${micro.inFlightAtSigterm} in-flight checkouts completed after SIGTERM, every unit exited 0, 0 non-JSON log lines), ` +
        `but so did the monolith${nanoText}, from the same wrapper; what grows with the number of services is the packaging: ` +
        `${monoPack.images} image, ${monoPack.manifests} manifests and ${monoPack.probes} probes for the monolith against ${microPack.images}, ${microPack.manifests} and ${microPack.probes}${controlText}`,
    };
  }
  return { verdict: 'holds', because: `the microservices honoured the container contract and the monolith did not${controlText}` };
}
