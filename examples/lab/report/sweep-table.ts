/**
 * A sweep of the reference systems as a page shows it: for each system and cut, the calls that cross
 * the network, the median latency against the monolith's (with its interval over interleaved rounds)
 * and the share of requests that succeeded under each fault model. Browser-safe: the sweep's types
 * only.
 */

import type { ResultTable } from '../experiment/define-experiment.ts';
import type { SweepResult } from '../system-run/reference-sweep.ts';
import { formatList, formatPercent, formatRatioInterval } from './format.ts';

/** Which figures of a sweep a table shows: a page that is not about latency leaves it to the page that owns it. */
export interface SweepTableOptions {
  /** Show the latency against the monolith (default true). */
  readonly latency?: boolean;
}

const titlesOf = (sweep: SweepResult) => new Map(sweep.systems.map((system) => [system.name, system.title]));

/**
 * The sweep as one table, a row per system and cut, the monolith first in each system. With
 * `latency: false` the latency column is left out, so that one quantity shows on one page only (the
 * reference systems' latency belongs to nano-anti-pattern; clustered-app shows what faults do).
 *
 * @example
 * ```ts
 * sweepTable(result.systems).rows[1];
 * // { system: 'Online Boutique: placing an order', cut: 'nanoservices', networkCalls: 23, p50Ratio: '1.42× [1.38–1.47×]', cloud: '99.94%', stress: '61.2%' }
 * sweepTable(result.systems, { latency: false }).columns.some((column) => column.key === 'p50Ratio'); // false
 * ```
 */
export function sweepTable(sweep: SweepResult, { latency = true }: SweepTableOptions = {}): ResultTable {
  const models = [...new Set(sweep.cuts.flatMap((cut) => cut.faults.map((fault) => fault.model)))];
  const titleOf = titlesOf(sweep);
  return {
    title: latency
      ? `The same cuts of the reference systems, over ${sweep.transport}: latency against the monolith, and requests that succeeded under each fault model`
      : `The same cuts of the reference systems, over ${sweep.transport}: requests that succeeded under each fault model`,
    columns: [
      { key: 'system', label: 'system' },
      { key: 'cut', label: 'cut' },
      { key: 'units', label: 'units' },
      { key: 'networkCalls', label: 'calls over the network per request' },
      ...(latency ? [{ key: 'p50Ratio', label: 'median latency ÷ monolith [95% interval]' }] : []),
      ...models.map((model) => ({ key: model, label: `succeeded, ${model} faults (median of runs)` })),
    ],
    rows: sweep.cuts.map((cut) => ({
      system: titleOf.get(cut.system) ?? cut.system,
      cut: cut.cut,
      units: cut.units,
      networkCalls: cut.networkCallsPerRequest,
      ...(latency ? { p50Ratio: formatRatioInterval(cut.p50RatioToMonolith) } : {}),
      ...Object.fromEntries(models.map((model) => [model, formatPercent(cut.faults.find((fault) => fault.model === model)?.successShare.estimate, 2)])),
    })),
  };
}

/**
 * One cut's median latency against the monolith on each system, in a sentence.
 *
 * @example
 * ```ts
 * sweepRatios(sweep, 'nanoservices'); // 'The lab's checkout 2.10× [2.02–2.15×], Online Boutique 1.42× [1.38–1.47×] and An Alibaba-like call tree 1.08× [1.04–1.12×]'
 * ```
 */
export function sweepRatios(sweep: SweepResult, cut: string): string {
  const titleOf = titlesOf(sweep);
  return formatList(sweep.cuts.filter((row) => row.cut === cut).map((row) => `${titleOf.get(row.system) ?? row.system} ${formatRatioInterval(row.p50RatioToMonolith)}`));
}

/**
 * One cut's share of requests that succeeded under one fault model on each system, in a sentence.
 *
 * @example
 * ```ts
 * sweepSuccess(sweep, 'nanoservices', 'cloud'); // 'The lab's checkout 99.71%, Online Boutique 99.52% and An Alibaba-like call tree 99.40%'
 * ```
 */
export function sweepSuccess(sweep: SweepResult, cut: string, model: string): string {
  const titleOf = titlesOf(sweep);
  return formatList(
    sweep.cuts
      .filter((row) => row.cut === cut)
      .map((row) => `${titleOf.get(row.system) ?? row.system} ${formatPercent(row.faults.find((fault) => fault.model === model)?.successShare.estimate, 2)}`),
  );
}
