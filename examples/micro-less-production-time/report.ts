import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** What a change must get through before it ships: its own unit, or the whole system. */
export type PipelineScope = 'changed unit' | 'whole system';

/** One shape's pipeline for one scope: the work counted and the medians timed. */
export interface PipelineRow {
  readonly shape: ShapeName;
  readonly scope: PipelineScope;
  /** Deploy units built (one esbuild bundle each). */
  readonly unitsBuilt: number;
  /** Checkout functions whose tests ran. */
  readonly functionsTested: number;
  /** Contract tests' files: calls between units the suite checks. */
  readonly contracts: number;
  /** Test cases the runner reported, all of them. */
  readonly testCases: number;
  /** Of those, contract cases: work that exists only because the call crosses units. */
  readonly contractCases: number;
  /** Bytes of the unit bundles written. */
  readonly bundleBytes: number;
  readonly testMs: number;
  /** CPU the test run used (runner and workers): its work, whatever else the machine ran. */
  readonly testCpuMs: number | null;
  readonly buildMs: number;
  /** testMs + buildMs: from a change to a tested, shippable unit. */
  readonly totalMs: number;
}

/** Costs a unit pays however small it is, measured in the same run. */
export interface FixedCosts {
  /** `vitest run` of one empty test with no imports. */
  readonly testRunnerStartMs: number;
  readonly testRunnerStartCpuMs: number | null;
  /** One esbuild build of an empty entry, including starting and stopping its service. */
  readonly bundlerStartMs: number;
  /** `node -e 0`: the floor under both. */
  readonly nodeStartMs: number;
}

/** The whole result of a micro-less-production-time run: plain JSON. */
export interface ProductionTimeResult {
  readonly changedFunction: string;
  readonly casesPerFunction: number;
  readonly repetitions: number;
  readonly rows: readonly PipelineRow[];
  readonly fixed: FixedCosts;
  /** Test cases that failed, over every run: a suite that fails does not ship. */
  readonly failedTests: number;
  /** Every suite reported exactly the cases its plan declares. */
  readonly countsMatchPlan: boolean;
  /** The machine's 1-minute load average when the run ended, and its cores: how shared the timings were. */
  readonly loadAverageAtEnd: number;
  readonly cores: number;
}

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Finds a shape's row for one scope.
 *
 * @example
 * ```ts
 * pipelineRow(result, 'nanoservices', 'changed unit')?.totalMs;
 * ```
 */
export function pipelineRow(result: ProductionTimeResult, shape: ShapeName, scope: PipelineScope): PipelineRow | undefined {
  return result.rows.find((row) => row.shape === shape && row.scope === scope);
}

/**
 * The pipelines side by side, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * pipelineTable(result).rows[0]; // { shape: 'monolith', scope: 'changed unit', testCases: 246, ... }
 * ```
 */
export function pipelineTable(result: ProductionTimeResult): ResultTable {
  return {
    title: `From a change to ${result.changedFunction} to a tested, shippable unit (medians of ${result.repetitions})`,
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'scope', label: 'scope' },
      { key: 'unitsBuilt', label: 'units built' },
      { key: 'functionsTested', label: 'functions tested' },
      { key: 'contracts', label: 'contracts' },
      { key: 'testCases', label: 'test cases' },
      { key: 'contractCases', label: 'of which contract' },
      { key: 'bundleBytes', label: 'bytes bundled' },
      { key: 'testMs', label: 'test ms' },
      { key: 'testCpuMs', label: 'test CPU ms' },
      { key: 'buildMs', label: 'build ms' },
      { key: 'totalMs', label: 'total ms' },
    ],
    rows: result.rows.map((row) => ({ ...row, testMs: round(row.testMs), buildMs: round(row.buildMs), totalMs: round(row.totalMs) })),
  };
}

/**
 * The costs that do not shrink with the unit.
 *
 * @example
 * ```ts
 * fixedCostTable(result).rows; // [{ cost: 'test runner start (empty suite)', ms: 950 }, ...]
 * ```
 */
export function fixedCostTable(result: ProductionTimeResult): ResultTable {
  return {
    title: 'Fixed cost per unit pipeline, whatever the unit holds (medians)',
    columns: [
      { key: 'cost', label: 'cost' },
      { key: 'ms', label: 'ms' },
      { key: 'cpuMs', label: 'CPU ms' },
    ],
    rows: [
      { cost: 'test runner start (vitest run, one empty test)', ms: round(result.fixed.testRunnerStartMs), cpuMs: result.fixed.testRunnerStartCpuMs },
      { cost: 'bundler start (esbuild, empty entry)', ms: round(result.fixed.bundlerStartMs), cpuMs: null },
      { cost: 'node process start (node -e 0)', ms: round(result.fixed.nodeStartMs), cpuMs: null },
    ],
  };
}

/** The figures the verdict compares, for one finer shape against the monolith. */
export interface UnitSaving {
  readonly shape: ShapeName;
  /** 1 − changed unit's test cases ÷ monolith's. */
  readonly workSaved: number;
  /** 1 − changed unit's total time ÷ monolith's. */
  readonly timeSaved: number;
  /** 1 − changed unit's test CPU time ÷ monolith's: the saving other programs on the machine cannot blur. Null without CPU figures. */
  readonly cpuSaved: number | null;
  /** The fixed costs as a share of the changed unit's total time. */
  readonly fixedShare: number;
  /** The changed unit's contract cases as a share of its test cases. */
  readonly contractShare: number;
}

/**
 * How much a finer shape saves on a change against the monolith, in work and in time.
 *
 * @example
 * ```ts
 * unitSavings(result); // [{ shape: 'microservices', workSaved: 0.5, timeSaved: 0.3, cpuSaved: 0.3, fixedShare: 0.5, ... }]
 * ```
 */
export function unitSavings(result: ProductionTimeResult): UnitSaving[] {
  const monolith = pipelineRow(result, 'monolith', 'changed unit');
  if (!monolith) return [];
  const fixedMs = result.fixed.testRunnerStartMs + result.fixed.bundlerStartMs;
  return result.rows
    .filter((row) => row.scope === 'changed unit' && row.shape !== 'monolith')
    .map((row) => ({
      shape: row.shape,
      workSaved: round(1 - row.testCases / monolith.testCases, 2),
      timeSaved: round(1 - row.totalMs / monolith.totalMs, 2),
      cpuSaved: row.testCpuMs !== null && monolith.testCpuMs ? round(1 - row.testCpuMs / monolith.testCpuMs, 2) : null,
      fixedShare: round(fixedMs / row.totalMs, 2),
      contractShare: round(row.contractCases / Math.max(row.testCases, 1), 2),
    }));
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * The verdict the figures support, read from the microservice shape (the claim's subject), else the
 * finest shape measured. A change must pass its tests; then the saving against the monolith decides:
 * half or more holds, a fifth or more holds with a cost (contracts and fixed costs), less is
 * conditional (the work shrinks, the time does not), none does not hold. The saving is read from the
 * test runs' CPU time when it was measured, because on a shared machine other programs stretch wall
 * times at random while the CPU a run needs stays put; otherwise from wall time.
 *
 * @example
 * ```ts
 * productionTimeVerdict(result); // { verdict: 'conditional', because: 'a change to calculateTax ...' }
 * ```
 */
export function productionTimeVerdict(result: ProductionTimeResult): { verdict: Verdict; because: string } {
  if (result.failedTests > 0 || !result.countsMatchPlan) {
    return { verdict: 'not-testable', because: `the generated suites did not run as planned (${result.failedTests} failed cases), so no pipeline shipped` };
  }
  const savings = unitSavings(result);
  const saving = savings.find((s) => s.shape === 'microservices') ?? savings.at(-1);
  if (!saving) return { verdict: 'not-testable', because: 'no finer shape was measured against the monolith' };
  const facts = `a change to ${result.changedFunction} in ${saving.shape} runs ${percent(saving.workSaved)} fewer test cases than in the monolith (${percent(saving.contractShare)} of those it runs are contract tests) and needs ${saving.cpuSaved === null ? '' : `${percent(saving.cpuSaved)} less test CPU and `}${percent(saving.timeSaved)} less wall time to reach a tested, shippable unit; starting a test runner and a bundler, which no unit can shrink, is ${percent(saving.fixedShare)} of that pipeline's wall time`;
  const saved = saving.cpuSaved ?? saving.timeSaved;
  if (saved <= 0) return { verdict: 'does-not-hold', because: facts };
  if (saved >= 0.5) return { verdict: 'holds', because: facts };
  if (saved >= 0.2) return { verdict: 'holds-with-cost', because: facts };
  return { verdict: 'conditional', because: facts };
}
