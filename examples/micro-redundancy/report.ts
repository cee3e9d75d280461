import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** The two balancer modes compared. */
export const balancerModes = ['no retries', 'retry once'] as const;
/** One balancer mode. */
export type BalancerMode = (typeof balancerModes)[number];

/** One load run against the replicas, with one replica killed (SIGKILL) part-way through. */
export interface KillRunRow {
  readonly mode: BalancerMode;
  readonly run: number;
  /** Requests autocannon sent. */
  readonly sent: number;
  /** 2xx answers. */
  readonly succeeded: number;
  /** Non-2xx answers plus connection errors and timeouts seen by autocannon. */
  readonly failed: number;
  /** Sent but neither answered nor errored: sent − succeeded − failed. */
  readonly lost: number;
  /** Of the failed: non-2xx answers (502 from a dead replica's connection, 503 with no healthy replica). */
  readonly non2xx: number;
  /** Of the failed: connection errors and timeouts autocannon saw. */
  readonly errors: number;
  /** Requests the balancer answered 503 because it had no healthy replica. */
  readonly noHealthyReplica: number;
  /** Ejections of replicas that were not killed: probes that failed on a live replica. */
  readonly spuriousEjections: number;
  /** The run hit its time limit before every request was answered. */
  readonly stoppedEarly: boolean;
  /** Requests the balancer sent to a second replica after a connection error. */
  readonly retried: number;
  /** Requests the balancer received (its own count, to cross-check `sent`). */
  readonly balancerReceived: number;
  /** From the SIGKILL to the balancer's ejection of that replica, ms. Null if it was never ejected. */
  readonly detectMs: number | null;
  /** Replicas ejected at the end of the run: should be exactly the one killed. */
  readonly ejectedReplicas: number;
  /** Requests answered (2xx or not) before the kill. */
  readonly answeredBeforeKill: number;
  readonly requestsPerSecond: number;
}

/** The processes each shape needs for the same redundancy: every unit replicated. */
export interface ProcessCountRow {
  readonly shape: ShapeName;
  readonly units: number;
  readonly replicas: number;
  /** replicas × units: every function on `replicas` processes. */
  readonly processes: number;
  /** One balanced pool per unit. */
  readonly balancedPools: number;
  /** Only the unit holding chargePayment replicated, every other unit single: what separate replication buys. */
  readonly processesPaymentOnly: number;
}

/** The whole result of a micro-redundancy run: plain JSON. */
export interface RedundancyResult {
  readonly rows: readonly KillRunRow[];
  readonly processCounts: readonly ProcessCountRow[];
  /** The shape whose unit was replicated and killed under load. */
  readonly replicatedShape: ShapeName;
  readonly replicas: number;
  /** Every replica returned the in-process receipt before the load. */
  readonly answersMatch: boolean;
}

/**
 * Each run's counts, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * killRunTable(result).rows[0]; // { mode: 'no retries', run: 1, sent: 20000, succeeded: 19993, failed: 7, ... }
 * ```
 */
export function killRunTable(result: RedundancyResult): ResultTable {
  return {
    title: `${result.replicas} replicas of the ${result.replicatedShape} behind a health-checked balancer, one killed with SIGKILL under load`,
    columns: [
      { key: 'mode', label: 'balancer' },
      { key: 'run', label: 'run' },
      { key: 'sent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'lost', label: 'lost' },
      { key: 'non2xx', label: 'non-2xx' },
      { key: 'errors', label: 'errors' },
      { key: 'retried', label: 'retried' },
      { key: 'detectMs', label: 'kill → ejection, ms' },
      { key: 'ejectedReplicas', label: 'ejected' },
      { key: 'requestsPerSecond', label: 'req/s' },
    ],
    rows: result.rows.map((row) => ({ ...row, stoppedEarly: row.stoppedEarly ? 'yes' : 'no' })),
  };
}

/**
 * The processes each shape needs to replicate every unit, and to replicate only the payment unit.
 *
 * @example
 * ```ts
 * processCountTable(result).rows.map((r) => r.processes); // [3, 9, 18]
 * ```
 */
export function processCountTable(result: RedundancyResult): ResultTable {
  return {
    title: `Processes for ${result.replicas} replicas of every unit, per shape`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'replicas', label: 'replicas' },
      { key: 'processes', label: 'processes (replicas × units)' },
      { key: 'balancedPools', label: 'balanced pools' },
      { key: 'processesPaymentOnly', label: 'processes, payment unit only replicated' },
    ],
    rows: result.processCounts.map((row) => ({ ...row })),
  };
}

const sum = (rows: readonly KillRunRow[], key: 'sent' | 'succeeded' | 'failed' | 'lost') => rows.reduce((total, row) => total + row[key], 0);

/**
 * The verdict the counts support. Redundancy keeps the service available if, with retries, no
 * request failed when a replica died; it is misattributed to microservices when the replicated unit
 * was a monolith and the monolith needs the fewest processes for the same redundancy.
 *
 * @example
 * ```ts
 * redundancyVerdict(result); // { verdict: 'misattributed', because: '3 replicas of the monolith ...' }
 * ```
 */
export function redundancyVerdict(result: RedundancyResult): { verdict: Verdict; because: string } {
  const plain = result.rows.filter((row) => row.mode === 'no retries');
  const retrying = result.rows.filter((row) => row.mode === 'retry once');
  if (!result.answersMatch || plain.length === 0 || retrying.length === 0) return { verdict: 'not-testable', because: 'a replica did not return the in-process receipt, or a balancer mode did not run' };
  if (result.rows.some((row) => row.stoppedEarly)) return { verdict: 'not-testable', because: 'a run hit its time limit before every request was answered: rerun with fewer requests or a longer limit' };
  if (sum(result.rows, 'lost') > 0) return { verdict: 'not-testable', because: `${sum(result.rows, 'lost')} requests were neither answered nor failed: the run cannot account for them` };
  const retryFailed = sum(retrying, 'failed');
  const plainFailed = sum(plain, 'failed');
  const counts = (shape: ShapeName) => result.processCounts.find((row) => row.shape === shape)?.processes ?? Number.NaN;
  const held = `with retries ${sum(retrying, 'succeeded')} of ${sum(retrying, 'sent')} requests succeeded and ${retryFailed} failed after a replica was killed (${plainFailed} of ${sum(plain, 'sent')} failed without retries)`;
  if (retryFailed > 0) return { verdict: 'conditional', because: `replicas alone did not keep the service available: ${held}` };
  const fewest = [...result.processCounts].sort((a, b) => a.processes - b.processes)[0];
  if (fewest?.shape === result.replicatedShape && result.replicatedShape !== 'microservices') {
    return {
      verdict: 'misattributed',
      because: `${result.replicas} replicas of the ${result.replicatedShape} stayed available: ${held}. Redundancy comes from replicas, a balancer and retries, not from the cut: the same redundancy takes ${counts('monolith')} processes as a monolith, ${counts('microservices')} as microservices and ${counts('nanoservices')} as nanoservices`,
    };
  }
  return { verdict: 'holds', because: `the replicated microservice stayed available: ${held}` };
}
