import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';
import type { ReplaceStrategy } from './fleet.ts';

/** The two shapes compared: the same three business modules, in one deploy unit or in three. */
export type DeployShapeName = 'modular-monolith' | 'microservices';
/** The business modules a change can touch (the microservices' units, the modular monolith's modules). */
export type ModuleName = 'cart' | 'billing' | 'receipts';

/** Every redeploy of one unit, for a change to one module, with one strategy, in one shape, over the rounds. */
export interface RedeployRow {
  readonly shape: DeployShapeName;
  readonly module: ModuleName;
  readonly strategy: ReplaceStrategy;
  /** The deploy unit that holds the module: the one replaced. */
  readonly unit: string;
  /** Redeploys measured (one per round). */
  readonly redeploys: number;
  /** Processes the shape runs, and the most that a single redeploy replaced (PID or start time changed). */
  readonly processesTotal: number;
  readonly processesReplaced: number;
  /** Processes of other units: how many there are, and how many times, over all redeploys, one of them was restarted anyway. */
  readonly untouchedProcesses: number;
  readonly untouchedRestarted: number;
  /** Checkout functions in the changed module, in the replaced unit, and in the whole shape. */
  readonly moduleFunctions: number;
  readonly functionsRedeployed: number;
  readonly functionsTotal: number;
  /** Bytes of the replaced unit's bundle, and of every bundle of the shape. */
  readonly bytesRedeployed: number;
  readonly bytesTotal: number;
  /** Bytes of checkout functions in the replaced bundle, and in all the shape's bundles (the business code, without its dependencies). */
  readonly functionBytesRedeployed: number;
  readonly functionBytesTotal: number;
  /** Median wall time of a redeploy: until the new process is listed and the old one has exited, ms. */
  readonly redeployMs: number;
  /** Median time the unit's balancer had no process to send to, ms (0 when the new one starts first). */
  readonly unlistedMs: number;
  /** After every redeploy, /proc showed the unit running the new artifact and a checkout returned the reference receipt. */
  readonly newReleaseServing: boolean;
  /** Exit of each old process after its SIGTERM. */
  readonly oldExits: readonly string[];
  /** Checkouts sent during the redeploys, and how they ended. */
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Longest stretch from a first to a last failed checkout in one redeploy, ms. */
  readonly failureWindowMs: number;
}

/** What a shape keeps in place whatever changes: derived from the shape the experiment deploys. */
export interface ShapeCostRow {
  readonly shape: DeployShapeName;
  /** Deploy units, each needing its own build, artifact and release (its own pipeline). */
  readonly deployUnits: number;
  /** Calls that cross units: network APIs that must stay compatible while their two ends are released apart. */
  readonly networkContracts: number;
  /** Calls that cross modules inside one unit: boundaries checked at build time, released together. */
  readonly inProcessBoundaries: number;
  /** Bytes of all the shape's bundles. */
  readonly bundleBytes: number;
}

/** The whole result of a run: plain JSON. */
export interface Result {
  readonly rounds: number;
  /** Clients keeping checkouts in flight during each redeploy. */
  readonly concurrency: number;
  /** Each client starts a checkout this often, ms, whatever became of the last one. */
  readonly intervalMs: number;
  /** How long a process taken out of its balancer runs on before its SIGTERM, ms. */
  readonly drainMs: number;
  readonly rows: readonly RedeployRow[];
  readonly shapes: readonly ShapeCostRow[];
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const rowsOf = (result: Result, shape: DeployShapeName, strategy?: ReplaceStrategy) =>
  result.rows.filter((row) => row.shape === shape && (strategy === undefined || row.strategy === strategy));

/**
 * One row per change and shape, over both strategies: what had to be replaced, and what was not.
 *
 * @example
 * ```ts
 * changeTable(result).rows[1]; // { change: 'billing', shape: 'microservices', replaced: '1 of 3', functions: '2 of 6', ... }
 * ```
 */
export function changeTable(result: Result): ResultTable {
  const modules = [...new Set(result.rows.map((row) => row.module))];
  const shapes = [...new Set(result.rows.map((row) => row.shape))];
  return {
    title: 'What a change to one module replaces',
    columns: [
      { key: 'change', label: 'change to' },
      { key: 'shape', label: 'shape' },
      { key: 'unit', label: 'unit replaced' },
      { key: 'replaced', label: 'processes replaced' },
      { key: 'untouched', label: 'other processes restarted' },
      { key: 'functions', label: 'functions redeployed' },
      { key: 'bundleKiB', label: 'bundle redeployed, KiB' },
      { key: 'bytesShare', label: 'share of the shape’s bundles, %' },
      { key: 'functionBytesShare', label: 'share of the business code, %' },
      { key: 'redeployMs', label: 'redeploy, ms' },
      { key: 'serving', label: 'new release serving' },
    ],
    rows: modules.flatMap((module) =>
      shapes.flatMap((shape) => {
        const rows = result.rows.filter((row) => row.module === module && row.shape === shape);
        const first = rows.find((row) => row.strategy === 'start-then-stop') ?? rows[0];
        if (!first) return [];
        const redeploys = rows.reduce((sum, row) => sum + row.redeploys, 0);
        const restarted = rows.reduce((sum, row) => sum + row.untouchedRestarted, 0);
        return [
          {
            change: module,
            shape,
            unit: first.unit,
            replaced: `${Math.max(...rows.map((row) => row.processesReplaced))} of ${first.processesTotal}`,
            untouched: first.untouchedProcesses === 0 ? 'none to keep' : `${restarted} times in ${redeploys} redeploys (of ${first.untouchedProcesses})`,
            functions: `${first.functionsRedeployed} of ${first.functionsTotal}`,
            bundleKiB: kib(first.bytesRedeployed),
            bytesShare: percent(first.bytesRedeployed, first.bytesTotal),
            functionBytesShare: percent(first.functionBytesRedeployed, first.functionBytesTotal),
            redeployMs: Math.round(first.redeployMs),
            serving: rows.every((row) => row.newReleaseServing) ? 'yes' : 'no',
          },
        ];
      }),
    ),
  };
}

/**
 * One row per change, shape and strategy: the checkouts that ran during the redeploys.
 *
 * @example
 * ```ts
 * loadTable(result).rows[0]; // { change: 'cart', shape: 'modular-monolith', strategy: 'start-then-stop', failed: 0, ... }
 * ```
 */
export function loadTable(result: Result): ResultTable {
  return {
    title: `Checkouts during the redeploys (${result.concurrency} clients, one checkout each every ${result.intervalMs} ms; ${result.rounds} redeploy${result.rounds > 1 ? 's' : ''} per row)`,
    columns: [
      { key: 'change', label: 'change to' },
      { key: 'shape', label: 'shape' },
      { key: 'strategy', label: 'replacement' },
      { key: 'sent', label: 'checkouts sent' },
      { key: 'failed', label: 'failed' },
      { key: 'failedShare', label: 'failed, %' },
      { key: 'unlistedMs', label: 'unit without a process, ms' },
      { key: 'failureWindowMs', label: 'failing for, ms' },
      { key: 'oldExits', label: 'old process exits' },
    ],
    rows: result.rows.map((row) => ({
      change: row.module,
      shape: row.shape,
      strategy: row.strategy,
      sent: row.sent,
      failed: row.failed,
      failedShare: percent(row.failed, row.sent),
      unlistedMs: Math.round(row.unlistedMs),
      failureWindowMs: Math.round(row.failureWindowMs),
      oldExits: [...new Set(row.oldExits)].join(' '),
    })),
  };
}

/**
 * What each shape keeps in place for every release, whatever the change.
 *
 * @example
 * ```ts
 * shapeCostTable(result).rows[1]; // { shape: 'microservices', deployUnits: 3, networkContracts: 2, ... }
 * ```
 */
export function shapeCostTable(result: Result): ResultTable {
  return {
    title: 'What each shape maintains, whatever the change',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'deployUnits', label: 'deploy units (pipelines)' },
      { key: 'networkContracts', label: 'network APIs between units' },
      { key: 'inProcessBoundaries', label: 'module boundaries crossed in process' },
      { key: 'bundleKiB', label: 'all bundles, KiB' },
    ],
    rows: result.shapes.map((shape) => ({ ...shape, bundleKiB: kib(shape.bundleBytes) })),
  };
}

/** A microservices row where the change replaced its own unit and nothing else, and shipped less than the whole. */
export const independent = (row: RedeployRow) =>
  row.processesTotal > 1 && row.processesReplaced === 1 && row.untouchedRestarted === 0 && row.functionsRedeployed < row.functionsTotal;

const sum = (rows: readonly RedeployRow[], pick: (row: RedeployRow) => number) => rows.reduce((total, row) => total + pick(row), 0);

/**
 * The verdict the figures support. Every redeploy must have put the new release in service, or the
 * figures say nothing (not testable). The modular monolith must redeploy every function for every
 * change, else the contrast fails (does not hold). If every microservices change replaced only its own
 * unit, with the others' PIDs and start times unchanged, the claim holds; if only some did,
 * conditional; if none, does not hold. It holds outright only if that independence also kept checkouts
 * alive where the modular monolith lost them in a stop-then-start; otherwise it holds with its cost:
 * more pipelines and network APIs, and no availability gained.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'holds-with-cost', because: 'a change to one module replaced 1 of 3 ...' }
 * ```
 */
export function verdictFor(result: Result): { verdict: Verdict; because: string } {
  const mm = rowsOf(result, 'modular-monolith');
  const micro = rowsOf(result, 'microservices');
  const modules = (rows: readonly RedeployRow[]) => new Set(rows.map((row) => row.module)).size;
  if (mm.length === 0 || micro.length === 0 || modules(mm) < 3 || modules(micro) < 3) {
    return { verdict: 'not-testable', because: 'the run did not redeploy a change to every module in both shapes' };
  }
  if (![...mm, ...micro].every((row) => row.newReleaseServing && row.redeploys > 0)) {
    return { verdict: 'not-testable', because: 'a redeploy did not leave the new release serving correct checkouts, so what it replaced says nothing' };
  }
  const whole = mm.filter((row) => row.functionsRedeployed < row.functionsTotal);
  if (whole.length > 0) {
    return { verdict: 'does-not-hold', because: `the modular monolith redeployed part of itself for a change to ${whole.map((row) => row.module).join(', ')}` };
  }
  const apart = micro.filter(independent);
  const notApart = micro.filter((row) => !independent(row));
  const describe = (row: RedeployRow) => `${row.module}: ${row.processesReplaced} of ${row.processesTotal} processes, ${row.untouchedRestarted} restarts of the others`;
  if (apart.length === 0) return { verdict: 'does-not-hold', because: `no change to one module stayed in its service (${micro.map(describe).join('; ')})` };
  if (notApart.length > 0) {
    return { verdict: 'conditional', because: `some changes stayed in their service and some did not: ${notApart.map(describe).join('; ')}` };
  }

  const processes = micro[0]?.processesTotal ?? 0;
  const redeploys = sum(micro, (row) => row.redeploys);
  const functions = [...new Map(micro.map((row) => [row.module, `${row.module} ${row.functionsRedeployed}`])).values()].join(', ');
  const total = micro[0]?.functionsTotal ?? 0;
  const mmBytes = mm[0]?.bytesRedeployed ?? 0;
  const biggestShare = Math.max(...micro.map((row) => percent(row.bytesRedeployed, mmBytes)));
  const recreate = (rows: readonly RedeployRow[]) => rows.filter((row) => row.strategy === 'stop-then-start');
  const microLost = sum(recreate(micro), (row) => row.failed);
  const microSent = sum(recreate(micro), (row) => row.sent);
  const mmLost = sum(recreate(mm), (row) => row.failed);
  const mmSent = sum(recreate(mm), (row) => row.sent);
  const units = result.shapes.find((shape) => shape.shape === 'microservices');
  const held =
    `a change to one module replaced 1 of ${processes} microservice processes (of ${total} functions: ${functions}) and, in ${redeploys} redeploys, ` +
    `never restarted the other two; the modular monolith replaced its one process, all ${total} functions, for every change`;
  const cost =
    `${units?.deployUnits ?? processes} deploy pipelines instead of 1 and ${units?.networkContracts ?? 0} network APIs that must stay compatible between separate releases; ` +
    `each service's bundle is up to ${biggestShare}% of the modular monolith's bytes, since the dependencies ship with every service`;
  const availability = `stopped then started, the microservices lost ${microLost} of ${microSent} checkouts and the modular monolith ${mmLost} of ${mmSent}`;
  if (microLost === 0 && mmLost > 0) return { verdict: 'holds', because: `${held}; ${availability}, so independence also kept checkouts alive. It costs ${cost}` };
  return {
    verdict: 'holds-with-cost',
    because: `${held}. It buys a smaller release, not availability: ${availability}. It costs ${cost}`,
  };
}

/**
 * The one figure that matters (null for a run that measured nothing): what a billing change replaces in each shape.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'a billing change replaces 1 of 3 processes (2 of 6 functions) vs 1 of 1 (6 of 6) in the modular monolith'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const pick = (shape: DeployShapeName) => result.rows.find((row) => row.shape === shape && row.module === 'billing');
  const micro = pick('microservices');
  const mm = pick('modular-monolith');
  if (!micro || !mm) return null;
  return (
    `a billing change replaces ${micro.processesReplaced} of ${micro.processesTotal} processes (${micro.functionsRedeployed} of ${micro.functionsTotal} functions) ` +
    `vs ${mm.processesReplaced} of ${mm.processesTotal} (${mm.functionsRedeployed} of ${mm.functionsTotal}) in the modular monolith`
  );
}
