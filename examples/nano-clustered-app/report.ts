import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { TransportName } from '../lab/units/transport.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { intervalOf, type Interval } from '../lab/measure/interval.ts';
import { formatPercent, formatRatio, formatRatioInterval } from '../lab/report/format.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
import { crossing, mapMarkers, type MapLine, type VerdictMap } from '../lab/report/verdict-map.ts';
import { sweepSuccess, sweepTable } from '../lab/report/sweep-table.ts';
import type { SweepResult } from '../lab/system-run/reference-sweep.ts';

/** What happened to the checkouts of one shape under one condition, summed over the runs. */
export interface ClusterRow {
  readonly shape: ShapeName;
  readonly units: number;
  /** The probability that a unit refuses one request at its entry (503), independently per unit: the per-unit fault rate. */
  readonly failureProbability: number;
  /** The probability that one function fails when it runs, the same for every function in every cut. */
  readonly perFunctionFaultRate: number;
  /** Attempts the client makes per checkout: 1 means no retry. */
  readonly attempts: number;
  /** Checkouts the client wanted done. */
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Checkout requests the client made, retries included. */
  readonly requests: number;
  /** Requests the units refused at their entry, summed over units. */
  readonly refusals: number;
  /** Function runs that failed, summed over units. */
  readonly functionFaults: number;
  /** Failures that were not an injected refusal (a bug in the lab): must be zero. */
  readonly unexpectedErrors: number;
  /** Times chargePayment ran to completion. */
  readonly charges: number;
  /** Charges beyond the first for the same cart: money taken twice. */
  readonly duplicatedCharges: number;
  /** Carts charged although the client was told the checkout failed. */
  readonly chargedButFailed: number;
  /** The model (see `successProbability`), in percent. */
  readonly expectedSuccessPercent: number;
  readonly measuredSuccessPercent: number;
  /** The range of successes the product rule allows at the run's confidence (binomial, normal approximation). */
  readonly boundLow: number;
  readonly boundHigh: number;
  readonly withinBound: boolean;
  /** Checkouts sent and failed in each independent run, in run order: what the ratio intervals read. */
  readonly runsSent: readonly number[];
  readonly runsFailed: readonly number[];
}

/** The whole result of a nano-clustered-app run: plain JSON. */
export interface ClusterResult {
  readonly transport: TransportName;
  readonly seed: number;
  /** The two-sided z of the binomial bound, e.g. 3.29 for 99.9 %. */
  readonly z: number;
  /** Independent runs per condition, each with its own seeds. */
  readonly runs: number;
  /** Checkout functions every checkout runs, whatever the cut. */
  readonly functions: number;
  readonly rows: readonly ClusterRow[];
  /** The cuts of the reference systems under the cloud and the stress fault model (left out by quick runs). */
  readonly systems?: SweepResult;
}

/** The result of a nano-clustered-app run, under the name every claim's report uses. */
export type Result = ClusterResult;

/**
 * The success a chain of `units` independent units reaches when each refuses a request with
 * probability `p` and the client tries up to `attempts` times: (1 − p)^units per attempt.
 *
 * @example
 * ```ts
 * productRule(0.01, 6, 1); // 0.9415...
 * productRule(0.01, 6, 3); // 0.9998...
 * ```
 */
export function productRule(p: number, units: number, attempts: number): number {
  const perAttempt = (1 - p) ** units;
  return 1 - (1 - perAttempt) ** attempts;
}

/**
 * The counts of successes out of `n` that a binomial with success probability `q` gives within
 * `z` standard deviations (normal approximation, with a continuity correction of one half),
 * clipped to [0, n]. With q = 1 the only allowed count is n.
 *
 * @example
 * ```ts
 * binomialBound(1000, 0.9, 3.29); // { low: 868, high: 932 }
 * binomialBound(1000, 1, 3.29); // { low: 1000, high: 1000 }
 * ```
 */
export function binomialBound(n: number, q: number, z: number): { low: number; high: number } {
  const spread = z * Math.sqrt(n * q * (1 - q)) + (q > 0 && q < 1 ? 0.5 : 0);
  return { low: Math.max(0, Math.ceil(n * q - spread - 1e-9)), high: Math.min(n, Math.floor(n * q + spread + 1e-9)) };
}

/** What the model needs to know about one cut and one condition. */
export interface FaultModel {
  readonly perFunction: number;
  readonly perUnit: number;
  /** Functions a checkout runs, whatever the cut. */
  readonly functions: number;
  /** Units a checkout crosses. */
  readonly units: number;
  readonly attempts: number;
}

/**
 * The chance that a checkout succeeds when every function it runs fails with probability
 * `perFunction` and every unit it enters refuses with probability `perUnit`, independently, with up to
 * `attempts` tries: 1 − (1 − (1 − f)^functions · (1 − u)^units)^attempts. Only the units factor
 * depends on how finely the system is cut.
 *
 * @example
 * ```ts
 * successProbability({ perFunction: 0, perUnit: 0.0005, functions: 6, units: 6, attempts: 1 }); // 0.997004...
 * successProbability({ perFunction: 0, perUnit: 0.0005, functions: 6, units: 1, attempts: 1 }); // 0.9995
 * ```
 */
export function successProbability({ perFunction, perUnit, functions, units, attempts }: FaultModel): number {
  const perAttempt = (1 - perFunction) ** functions * (1 - perUnit) ** units;
  return 1 - (1 - perAttempt) ** attempts;
}

/**
 * Failed checkouts of six units ÷ those of one, by the model, for the same per-function rate: the
 * price of the finer cut in availability.
 *
 * @example
 * ```ts
 * failureRatio(0.0005, 0, 6, 6); // 5.99: unit faults alone, six units fail about six times as often
 * failureRatio(0.0005, 0.001, 6, 6); // 1.4: per-function faults, shared by every cut, dilute it
 * ```
 */
export function failureRatio(perUnit: number, perFunction: number, functions: number, units: number): number {
  const failure = (n: number) => 1 - successProbability({ perFunction, perUnit, functions, units: n, attempts: 1 });
  return failure(units) / failure(1);
}

/**
 * The chance a checkout fails when a zone (a group of units that fail together: a host, a rack, an
 * availability zone) is lost with probability `perZone`, for a checkout whose units span `zones`
 * zones: correlated loss, which spreading units over zones multiplies unless each is replicated.
 *
 * @example
 * ```ts
 * zoneLossFailure(0.0005, 3); // 0.0015: six units spread over three zones
 * ```
 */
export function zoneLossFailure(perZone: number, zones: number): number {
  return 1 - (1 - perZone) ** zones;
}

/** The per-function fault rates the map draws a line for: none, and two assumed rates (no published per-function rate was found). */
export const assumedPerFunctionRates = [0, 0.0001, 0.001] as const;
/** The per-unit fault rates the map computes the model at, from below the realistic range to the stress case. */
const mapPerUnitRates = [0.00001, 0.0001, 0.0005, 0.001, 0.01, 0.05];

/**
 * The verdict map: failed checkouts of the six nanoservices ÷ those of the monolith, across the
 * per-unit fault rate (log axes), by the model for each assumed per-function rate, and as measured
 * (median of the per-run ratios with its 95% interval) where the run counted enough faults. The
 * threshold is the rule's cost threshold; published per-unit rates are marked.
 *
 * @example
 * ```ts
 * verdictMapOf(result).lines.map((line) => line.series); // ['model, no per-function faults', ..., 'measured, no per-function faults']
 * ```
 */
export function verdictMapOf(result: ClusterResult): VerdictMap {
  const units = pickRow(result.rows, { shape: 'nanoservices', failureProbability: 0, perFunctionFaultRate: 0, attempts: 1 }).units;
  const model: MapLine[] = assumedPerFunctionRates.map((perFunction) => ({
    series: perFunction === 0 ? 'model, no per-function faults' : `model, ${formatPercent(perFunction, 2)} per function (assumed)`,
    points: mapPerUnitRates.map((perUnit) => ({ x: perUnit, estimate: failureRatio(perUnit, perFunction, result.functions, units) })),
  }));
  const measured: MapLine[] = [...new Set(result.rows.map((row) => row.perFunctionFaultRate))].flatMap((perFunction) => {
    const points = measuredRatios(result, perFunction).map(({ perUnit, ratio }) => ({ x: perUnit, estimate: ratio.estimate, low: ratio.low, high: ratio.high }));
    return points.length > 0 ? [{ series: perFunction === 0 ? 'measured, no per-function faults' : `measured, ${formatPercent(perFunction, 0)} per function (stress)`, points }] : [];
  });
  return {
    title: 'Failed checkouts, six nanoservices ÷ one monolith, across the fault rate per unit',
    xLabel: 'probability that a unit refuses a request',
    yLabel: 'failed checkouts, nanoservices ÷ monolith',
    logX: true,
    logY: true,
    threshold: costThreshold,
    aboveThreshold: 'the finer cut clearly fails more checkouts',
    belowThreshold: 'granularity costs no availability worth the name',
    lines: [...model, ...measured],
    markers: mapMarkers('faultRatePerUnit'),
  };
}

/**
 * Failed checkouts of the nanoservices ÷ the monolith's, one ratio per run, at each per-unit rate
 * measured with the given per-function rate and no retry; rates where the monolith failed nothing in
 * some run are left out (no ratio).
 *
 * @example
 * ```ts
 * measuredRatios(result, 0); // [{ perUnit: 0.01, ratio: { estimate: 5.9, ... } }, { perUnit: 0.05, ratio: { ... } }]
 * ```
 */
export function measuredRatios(result: ClusterResult, perFunction: number): Array<{ readonly perUnit: number; readonly ratio: Interval }> {
  const rates = [...new Set(result.rows.filter((row) => row.perFunctionFaultRate === perFunction && row.failureProbability > 0).map((row) => row.failureProbability))].sort((a, b) => a - b);
  return rates.flatMap((perUnit) => {
    const at = (shape: ShapeName) => result.rows.find((row) => row.shape === shape && row.failureProbability === perUnit && row.perFunctionFaultRate === perFunction && row.attempts === 1);
    const [nano, mono] = [at('nanoservices'), at('monolith')];
    if (!nano || !mono || mono.runsFailed.some((failed) => failed === 0) || nano.runsFailed.length !== mono.runsFailed.length) return [];
    const ratios = nano.runsFailed.map((failed, run) => failed / (nano.runsSent[run] as number) / ((mono.runsFailed[run] as number) / (mono.runsSent[run] as number)));
    return ratios.length >= 5 ? [{ perUnit, ratio: intervalOf(ratios) }] : [];
  });
}

/**
 * The counts per shape, failure probability and attempts, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * clusterTable(result).rows[0]; // { shape: 'monolith', failureProbability: 0, sent: 1000, succeeded: 1000, ... }
 * ```
 */
export function clusterTable(result: ClusterResult): ResultTable {
  return {
    title: `Checkouts sent, succeeded and failed per fault rate, summed over ${result.runs} runs (${result.transport}, seed ${result.seed})`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'failureProbability', label: 'faults per unit' },
      { key: 'perFunctionFaultRate', label: 'faults per function' },
      { key: 'attempts', label: 'attempts' },
      { key: 'sent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'measuredSuccessPercent', label: 'success %' },
      { key: 'expectedSuccessPercent', label: 'model %' },
      { key: 'bound', label: `allowed successes (z = ${result.z})` },
      { key: 'charges', label: 'charges' },
      { key: 'duplicatedCharges', label: 'charged twice' },
      { key: 'chargedButFailed', label: 'charged, told failed' },
    ],
    rows: result.rows.map(({ runsSent: _sent, runsFailed: _failed, ...row }) => ({ ...row, bound: `${row.boundLow}–${row.boundHigh}`, withinBound: String(row.withinBound) })),
  };
}

/**
 * The rows the page plots: measured and expected success per shape, without retries.
 *
 * @example
 * ```ts
 * successPlotRows(result); // [{ shape: 'nanoservices', failureProbability: 0.05, successPercent: 73.4, what: 'measured' }, ...]
 * ```
 */
export function successPlotRows(result: ClusterResult) {
  return result.rows
    .filter((row) => row.attempts === 1 && row.perFunctionFaultRate === 0)
    .flatMap((row) => [
      { line: `${row.shape} measured`, failurePercent: row.failureProbability * 100, successPercent: row.measuredSuccessPercent },
      { line: `${row.shape} product rule`, failurePercent: row.failureProbability * 100, successPercent: row.expectedSuccessPercent },
    ]);
}

/**
 * The figures the page and the verdict quote: the worst failure probability, and how each shape
 * did there, with and without retries.
 *
 * @example
 * ```ts
 * clusterHeadline(result).nanoAlone?.measuredSuccessPercent; // e.g. 73.5
 * ```
 */
export function clusterHeadline(result: ClusterResult) {
  const worstP = Math.max(...result.rows.map((row) => row.failureProbability));
  const mostAttempts = Math.max(...result.rows.map((row) => row.attempts));
  // Per-unit faults alone: what granularity multiplies.
  const find = (shape: ShapeName, attempts: number) => result.rows.find((row) => row.shape === shape && row.failureProbability === worstP && (row.perFunctionFaultRate ?? 0) === 0 && row.attempts === attempts);
  const faultless = result.rows.filter((row) => row.failureProbability === 0 && (row.perFunctionFaultRate ?? 0) === 0);
  return {
    worstP,
    mostAttempts,
    faultlessSent: faultless.reduce((sum, row) => sum + row.sent, 0),
    faultlessSucceeded: faultless.reduce((sum, row) => sum + row.succeeded, 0),
    monoAlone: find('monolith', 1),
    microAlone: find('microservices', 1),
    nanoAlone: find('nanoservices', 1),
    nanoRetried: mostAttempts > 1 ? find('nanoservices', mostAttempts) : undefined,
    monoRetried: mostAttempts > 1 ? find('monolith', mostAttempts) : undefined,
    allWithinBound: result.rows.every((row) => row.withinBound),
    duplicatedCharges: result.rows.reduce((sum, row) => sum + row.duplicatedCharges, 0),
  };
}

/** The realistic per-unit fault rates (AWS Lambda's 99.95% SLA and region-level 99.99%, in ../shared/workloads.md), low and high. */
export const realisticPerUnit = { low: 0.0001, high: 0.0005 } as const;
/** A zone's loss rate the page uses to show correlated loss (assumed: the realistic high per-unit rate). */
export const assumedPerZone = 0.0005;

/** Everything the page prints, read from one run's result and formatted the way the page shows it. */
export interface PageFigures {
  /** The verdict map the page draws. */
  readonly verdictMap: VerdictMap;
  /** The reference systems' cuts under each fault model (null when the run left them out, as quick runs do). */
  readonly systems: {
    readonly table: ResultTable;
    /** Requests that succeeded per system under the realistic cloud model, in a sentence: nanoservices, then the monolith. */
    readonly cloudNano: string;
    readonly cloudMonolith: string;
    /** The same under the stress case (5% refused at every unit). */
    readonly stressNano: string;
    readonly stressMonolith: string;
  } | null;
  /** Independent runs per condition (a count). */
  readonly runs: number;
  /** Checkouts per condition in each run (a count). */
  readonly checkoutsPerRun: number;
  /** Checkouts that succeeded with no fault injected, summed over the shapes and runs (a count). */
  readonly faultlessSucceeded: number;
  /** Checkouts sent with no fault injected, summed over the shapes and runs (a count). */
  readonly faultlessSent: number;
  /** The realistic per-unit rates: '0.01%' and '0.05%'. */
  readonly realisticLow: string;
  readonly realisticHigh: string;
  /** By the model, unit faults alone, at the realistic high rate: the nanoservices' and the monolith's failed checkouts: '0.30%', '0.05%'. */
  readonly nanoFailsAtRealistic: string;
  readonly monoFailsAtRealistic: string;
  /** The same at the realistic low rate. */
  readonly nanoFailsAtRealisticLow: string;
  readonly monoFailsAtRealisticLow: string;
  /** Their ratio, unit faults alone, at the realistic high rate: '5.99×'. */
  readonly ratioAtRealistic: string;
  /** The same ratio with 0.1% faults per function (assumed) shared by every cut: '1.40×'. */
  readonly ratioAtRealisticWithFunctionFaults: string;
  /** The largest assumed per-function rate: '0.10%'. */
  readonly assumedPerFunction: string;
  /** Where the line of that assumed per-function rate falls to the cost threshold, per unit ('–' if it does not within the map). */
  readonly priceVanishesBelow: string;
  /** The tail case measured (1% of answers too slow, counted as failures): nanoservices and monolith succeeded. */
  readonly tailFailure: string;
  readonly tailNanoMeasured: string;
  readonly tailMonoMeasured: string;
  readonly tailNanoModel: string;
  /** The failure ratio measured at the tail case, per run, with its interval. */
  readonly tailRatio: string;
  /** The stress case (5% per unit, labelled so): the same figures. */
  readonly stressFailure: string;
  readonly stressNanoMeasured: string;
  readonly stressMonoMeasured: string;
  readonly stressNanoModel: string;
  readonly stressRatio: string;
  /** The per-function stress case (1% per function, no unit faults): monolith and nanoservices succeeded. */
  readonly functionStress: string;
  readonly functionStressMonoMeasured: string;
  readonly functionStressNanoMeasured: string;
  /** Carts the monolith charged although the client was told the checkout failed, under per-function faults (a count). */
  readonly monoChargedButFailed: number;
  /** 'Every' when every measured count fell inside the model's binomial bound, else 'Not every'. */
  readonly countsWithinBound: 'Every' | 'Not every';
  readonly z: number;
  /** The most attempts the client made per checkout (a count). */
  readonly mostAttempts: number;
  /** Retried nanoservices under per-unit stress: succeeded, carts charged twice, sent. */
  readonly nanoRetriedMeasured: string;
  readonly nanoRetriedDuplicatedCharges: number;
  readonly nanoRetriedSent: number;
  /** Carts the retried monolith charged twice under per-function faults (a count; a fault after the charge repeats it). */
  readonly monoRetriedDuplicatedCharges: number;
  /** Correlated loss: a checkout over three zones and over one, at the assumed zone loss rate. */
  readonly zoneRate: string;
  readonly zoneLossThreeZones: string;
  readonly zoneLossOneZone: string;
  readonly successPlotTitle: string;
  readonly seed: number;
  /** Failures that were not an injected fault, over every run (a count; must be 0). */
  readonly unexpectedErrors: number;
}

/**
 * The figures the page prints, from one run's result: the realistic rates by the model, the tail and
 * stress cases as measured (with the model beside them), the per-function faults that a monolith
 * suffers too, retries and what they charge twice, correlated loss, and the verdict map. Throws when a
 * condition the prose quotes is missing.
 *
 * @example
 * ```ts
 * const figures = pageFigures(result);
 * figures.nanoFailsAtRealistic; // '0.30%'
 * figures.stressRatio; // '4.98× [4.71–5.20×]'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const h = clusterHeadline(result);
  const units = (shape: ShapeName) => pickRow(result.rows, { shape, failureProbability: 0, perFunctionFaultRate: 0, attempts: 1 }).units;
  const nanoUnits = units('nanoservices');
  const failPercent = (perUnit: number, perFunction: number, n: number) => formatPercent(1 - successProbability({ perFunction, perUnit, functions: result.functions, units: n, attempts: 1 }), 2);
  const measured = (row: ClusterRow) => formatPercent(row.measuredSuccessPercent / 100, 1);
  const model = (row: ClusterRow) => formatPercent(row.expectedSuccessPercent / 100, 2);
  const unitRates = [...new Set(result.rows.filter((row) => row.failureProbability > 0).map((row) => row.failureProbability))].sort((a, b) => a - b);
  const [tailP, stressP] = [unitRates[0] ?? 0, unitRates.at(-1) ?? 0];
  const at = (shape: ShapeName, perUnit: number, perFunction: number, attempts = 1) => pickRow(result.rows, { shape, failureProbability: perUnit, perFunctionFaultRate: perFunction, attempts });
  const functionP = Math.max(...result.rows.map((row) => row.perFunctionFaultRate));
  const ratioText = (perUnit: number) => {
    const found = measuredRatios(result, 0).find((r) => r.perUnit === perUnit);
    return found ? formatRatioInterval(found.ratio) : '–';
  };
  const map = verdictMapOf(result);
  const assumed = assumedPerFunctionRates.at(-1) as number;
  const assumedLine = map.lines.find((line) => line.series.includes('(assumed)') && line.series.includes(formatPercent(assumed, 2)));
  const vanishes = assumedLine ? crossing(assumedLine.points, map.threshold, map) : null;
  const sweep = result.systems;
  const systems = sweep
    ? {
        table: sweepTable(sweep, { latency: false }),
        cloudNano: sweepSuccess(sweep, 'nanoservices', 'cloud'),
        cloudMonolith: sweepSuccess(sweep, 'monolith', 'cloud'),
        stressNano: sweepSuccess(sweep, 'nanoservices', 'stress'),
        stressMonolith: sweepSuccess(sweep, 'monolith', 'stress'),
      }
    : null;
  return {
    systems,
    verdictMap: map,
    runs: result.runs,
    checkoutsPerRun: Math.round(at('monolith', 0, 0).sent / result.runs),
    faultlessSucceeded: h.faultlessSucceeded,
    faultlessSent: h.faultlessSent,
    realisticLow: formatPercent(realisticPerUnit.low, 2),
    realisticHigh: formatPercent(realisticPerUnit.high, 2),
    nanoFailsAtRealistic: failPercent(realisticPerUnit.high, 0, nanoUnits),
    monoFailsAtRealistic: failPercent(realisticPerUnit.high, 0, 1),
    nanoFailsAtRealisticLow: failPercent(realisticPerUnit.low, 0, nanoUnits),
    monoFailsAtRealisticLow: failPercent(realisticPerUnit.low, 0, 1),
    ratioAtRealistic: formatRatio(failureRatio(realisticPerUnit.high, 0, result.functions, nanoUnits)),
    ratioAtRealisticWithFunctionFaults: formatRatio(failureRatio(realisticPerUnit.high, assumed, result.functions, nanoUnits)),
    assumedPerFunction: formatPercent(assumed, 2),
    priceVanishesBelow: vanishes === null ? '–' : formatPercent(vanishes, 3),
    tailFailure: formatPercent(tailP, 0),
    tailNanoMeasured: measured(at('nanoservices', tailP, 0)),
    tailMonoMeasured: measured(at('monolith', tailP, 0)),
    tailNanoModel: model(at('nanoservices', tailP, 0)),
    tailRatio: ratioText(tailP),
    stressFailure: formatPercent(stressP, 0),
    stressNanoMeasured: measured(at('nanoservices', stressP, 0)),
    stressMonoMeasured: measured(at('monolith', stressP, 0)),
    stressNanoModel: model(at('nanoservices', stressP, 0)),
    stressRatio: ratioText(stressP),
    functionStress: formatPercent(functionP, 0),
    functionStressMonoMeasured: measured(at('monolith', 0, functionP)),
    functionStressNanoMeasured: measured(at('nanoservices', 0, functionP)),
    monoChargedButFailed: at('monolith', 0, functionP).chargedButFailed,
    countsWithinBound: h.allWithinBound ? 'Every' : 'Not every',
    z: result.z,
    mostAttempts: h.mostAttempts,
    nanoRetriedMeasured: measured(at('nanoservices', stressP, 0, h.mostAttempts)),
    nanoRetriedDuplicatedCharges: at('nanoservices', stressP, 0, h.mostAttempts).duplicatedCharges,
    nanoRetriedSent: at('nanoservices', stressP, 0, h.mostAttempts).sent,
    monoRetriedDuplicatedCharges: at('monolith', 0, functionP, h.mostAttempts).duplicatedCharges,
    zoneRate: formatPercent(assumedPerZone, 2),
    zoneLossThreeZones: formatPercent(zoneLossFailure(assumedPerZone, 3), 2),
    zoneLossOneZone: formatPercent(zoneLossFailure(assumedPerZone, 1), 2),
    successPlotTitle: `Checkouts that succeeded without retries under unit faults alone, measured and by the model, per shape (${at('nanoservices', stressP, 0).sent} checkouts per point)`,
    seed: result.seed,
    unexpectedErrors: sumOf(result.rows, 'unexpectedErrors'),
  };
}

/**
 * What the counts found, in the terms of the one verdict rule. The claim: nanoservices can be
 * clustered into a usable application. A cut shows it when every one of its checkouts succeeded with
 * no fault injected, in every run, with no error the lab did not inject; every cut compared does, so
 * the rule calls it misattributed. The price of the finer cut is availability: failed checkouts of the
 * nanoservices ÷ the monolith's, one ratio per run, at the stress rate with unit faults alone; the
 * sentence gives the model's figure at the realistic per-unit rate, which the measured points check.
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'nanoservices', shownBy: { monolith: true, microservices: true, nanoservices: true }, because: 'every cut composed a working checkout; ...' }
 * ```
 */
export function findingFor(result: ClusterResult): Finding {
  const faultless = result.rows.filter((row) => row.failureProbability === 0 && row.perFunctionFaultRate === 0 && row.attempts === 1);
  const shownBy = Object.fromEntries(faultless.map((row) => [row.shape, row.sent > 0 && row.succeeded === row.sent && row.unexpectedErrors === 0]));
  const credited = 'nanoservices';
  if (!(credited in shownBy)) return { credited, shownBy: { ...shownBy, nanoservices: false }, because: 'no run without injected faults, so nothing shows the composed application works' };
  const nano = faultless.find((row) => row.shape === credited) as ClusterRow;
  if (!shownBy[credited]) return { credited, shownBy, because: `without injected faults only ${nano.succeeded} of ${nano.sent} nanoservice checkouts succeeded` };
  const stress = measuredRatios(result, 0).at(-1);
  const nanoFails = formatPercent(1 - successProbability({ perFunction: 0, perUnit: realisticPerUnit.high, functions: result.functions, units: nano.units, attempts: 1 }), 2);
  const monoFails = formatPercent(1 - successProbability({ perFunction: 0, perUnit: realisticPerUnit.high, functions: result.functions, units: 1, attempts: 1 }), 2);
  return {
    credited,
    shownBy,
    ...(stress ? { cost: { what: `failed checkouts, ${nano.units} units against one, at ${formatPercent(stress.perUnit, 0)} faults per unit (stress)`, ratio: stress.ratio } } : {}),
    because: `every cut composed a working checkout; at a realistic ${formatPercent(realisticPerUnit.high, 2)} faults per unit, ${nano.units} units fail ${nanoFails} of checkouts against ${monoFails} for one`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'every cut composed a working checkout; ...', rule: 'every cut compared shows it (...)' }
 * ```
 */
export function verdictFor(result: ClusterResult): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-clustered-app.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence: the realistic case, by the model the
 * report uses (`successProbability` and `failureRatio` at `realisticPerUnit.high`, unit faults alone),
 * then the fault-free nanoservice checkouts that show the composed application works. Not the 5%
 * stress rate: that only checks the model. Null without a fault-free run of the nanoservices.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'at a realistic 0.05% faults per unit, 6 units fail 0.30% of checkouts vs 0.05% for one (5.99×, by the model); 3000 of 3000 fault-free nanoservice checkouts succeeded'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const nano = result.rows?.find((row) => row.shape === 'nanoservices' && row.failureProbability === 0 && row.perFunctionFaultRate === 0 && row.attempts === 1);
  if (!nano || typeof result.functions !== 'number') return null;
  const fails = (units: number) => formatPercent(1 - successProbability({ perFunction: 0, perUnit: realisticPerUnit.high, functions: result.functions, units, attempts: 1 }), 2);
  const ratio = formatRatio(failureRatio(realisticPerUnit.high, 0, result.functions, nano.units));
  return (
    `at a realistic ${formatPercent(realisticPerUnit.high, 2)} faults per unit, ${nano.units} units fail ${fails(nano.units)} of checkouts vs ${fails(1)} for one (${ratio}, by the model); ` +
    `${nano.succeeded} of ${nano.sent} fault-free nanoservice checkouts succeeded`
  );
}
