import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, stop } from 'esbuild';
import { z } from 'zod';
import { stepNames, type StepName } from '../checkout/step-names.ts';
import { bundleShape } from '../lab/packaging/bundle-units.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { shapes, type Shape, type ShapeName } from '../lab/model/shapes.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { findingFor, fixedCostTable, pipelineTable, selectionTable, type PipelineRow, type PipelineScope, type ProductionTimeResult, type SelectionRow } from './report.ts';
import { affectedSuitePlan, changedModule, declaredCases, runSuite, systemSuitePlan, unitSuitePlan, writeEmptySuite, writeSuite, type WrittenSuite } from './unit-suites.ts';
import { median, medianOrNull } from '../lab/measure/stats.ts';
import { minimumRuns } from '../lab/measure/interval.ts';

const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];

const params = z.object({
  shapes: z.array(z.enum(shapeNames)).min(1).default([...shapeNames]),
  /** The function the change touches. */
  changedFunction: z.enum(stepNames).default('calculateTax'),
  /** Carts each function's suite and each contract test runs. */
  casesPerFunction: z.number().int().min(1).max(2_000).default(40),
  /** Also run each finer shape's whole-system pipeline (the monolith's unit is its whole system). */
  wholeSystem: z.boolean().default(true),
  /** Rounds, each running every pipeline once; a headline figure is an interval over them. */
  repetitions: z.number().int().min(1).max(15).default(minimumRuns),
  maxSecondsPerRun: z.number().positive().max(120).default(60),
});

/** One pipeline to time: a suite to run (all of it, or the tests `related` reaches) and the units to bundle. */
interface Pipeline {
  readonly shape: ShapeName;
  readonly scopes: readonly PipelineScope[];
  readonly suite: WrittenSuite;
  /** Files the change edits, for `vitest related`; empty runs the whole suite. */
  readonly related: readonly string[];
  /** Test cases the pipeline must run: the whole suite's, or the affected plan's. */
  readonly plannedCases: number;
  readonly buildShape: Shape;
  readonly buildDir: string;
  readonly testMs: number[];
  readonly testCpuMs: Array<number | null>;
  readonly buildMs: number[];
  tests: number;
  bundleBytes: number;
}

async function timeBuild(pipeline: Pipeline): Promise<void> {
  const started = performance.now();
  const bundles = await bundleShape(pipeline.buildShape, 'own-functions', pipeline.buildDir);
  pipeline.buildMs.push(performance.now() - started);
  pipeline.bundleBytes = bundles.units.reduce((sum, unit) => sum + unit.bytes, 0);
}

async function timeBundlerStart(dir: string): Promise<number> {
  const entry = path.join(dir, 'empty-entry.mjs');
  writeFileSync(entry, 'export {};\n');
  const started = performance.now();
  await build({ entryPoints: [entry], outfile: path.join(dir, 'empty.cjs'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' }).finally(() => stop());
  return performance.now() - started;
}

async function timeNodeStart(maxSeconds: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', () => resolve());
      timer = setTimeout(() => child.kill('SIGKILL'), maxSeconds * 1_000);
    });
    return performance.now() - started;
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/**
 * For a change to each function in turn, the test cases each pipeline would run: counted from the
 * plans, not run (the timed rounds run one changed function; the experiment test checks that
 * `vitest related` selects exactly the affected plan).
 */
function selectionRows(casesPerFunction: number): SelectionRow[] {
  const unitCases = (shape: Shape, name: StepName) => {
    const unit = shape.units.find((candidate) => candidate.functions.includes(name)) as Shape['units'][number];
    return declaredCases(unitSuitePlan(shape, unit), casesPerFunction);
  };
  return stepNames.map((changedFunction) => ({
    changedFunction,
    monolithAll: declaredCases(systemSuitePlan(shapes.monolith), casesPerFunction),
    monolithAffected: declaredCases(affectedSuitePlan(changedFunction), casesPerFunction),
    microservicesUnit: unitCases(shapes.microservices, changedFunction),
    nanoservicesUnit: unitCases(shapes.nanoservices, changedFunction),
  }));
}

/**
 * micro-less-production-time: a change to one function, per shape. Writes real vitest suites (the
 * tests of every function in the unit that holds it, plus contract tests for the calls that cross
 * into and out of that unit), then in rounds runs each suite in a fresh `vitest run` process and
 * bundles the unit with esbuild, against the whole system's suite and build, and the fixed costs of
 * an empty test run, an empty bundle and a bare node start, all measured side by side. The monolith
 * runs two pipelines: all its tests, and only the tests the change reaches (`vitest related` on the
 * changed module of a suite written with one module per function).
 */
export const experiment = defineExperiment({
  id: 'micro-less-production-time',
  title: 'Do smaller units need less production time? From a change to a shippable unit',
  needs: { platforms: ['linux'], because: "it reads each test suite's CPU time with GNU time (`/usr/bin/time -f`), which macOS's BSD time refuses, and kills a suite's process group at the time limit (`kill(-pid)`), which Windows has not" },
  params,
  quick: { casesPerFunction: 5, wholeSystem: false },
  tables: (result) => [pipelineTable(result), selectionTable(result), fixedCostTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<ProductionTimeResult> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'micro-less-production-time-'));
    try {
      const pipelines: Pipeline[] = [];
      const add = (shape: Shape, scopes: PipelineScope[], suite: WrittenSuite, buildShape: Shape, related: readonly string[] = [], plannedCases = suite.declaredCases) => {
        const buildDir = path.join(dir, `${shape.name}-${scopes.join('-').replaceAll(' ', '-')}-build`);
        mkdirSync(buildDir);
        pipelines.push({ shape: shape.name, scopes, suite, related, plannedCases, buildShape, buildDir, testMs: [], testCpuMs: [], buildMs: [], tests: 0, bundleBytes: 0 });
      };
      const suiteDir = (shape: ShapeName, scope: string) => path.join(dir, `${shape}-${scope}-tests`);
      for (const shapeName of p.shapes) {
        const shape = shapes[shapeName];
        const unit = shape.units.find((candidate) => candidate.functions.includes(p.changedFunction));
        if (!unit) throw new Error(`no unit of ${shapeName} holds ${p.changedFunction}`);
        if (shape.units.length === 1) {
          // A one-unit shape's unit is its whole system: one pipeline stands for both rows. Its suite is
          // written as a modular codebase, so that a second pipeline can run only the tests the change reaches.
          const suite = writeSuite(suiteDir(shapeName, 'unit'), unitSuitePlan(shape, unit), p.casesPerFunction, { modular: true });
          add(shape, ['changed unit', 'whole system'], suite, shape);
          add(shape, ['affected tests'], suite, shape, [changedModule(suite, p.changedFunction)], declaredCases(affectedSuitePlan(p.changedFunction), p.casesPerFunction));
          continue;
        }
        add(shape, ['changed unit'], writeSuite(suiteDir(shapeName, 'unit'), unitSuitePlan(shape, unit), p.casesPerFunction), { ...shape, units: [unit] });
        if (p.wholeSystem) add(shape, ['whole system'], writeSuite(suiteDir(shapeName, 'system'), systemSuitePlan(shape), p.casesPerFunction), shape);
      }
      const emptySuite = writeEmptySuite(path.join(dir, 'empty-tests'));
      const fixed = { testRunnerStartCpuMs: [] as Array<number | null>, testRunnerStartMs: [] as number[], bundlerStartMs: [] as number[], nodeStartMs: [] as number[] };
      let failedTests = 0;
      let countsMatchPlan = true;
      const total = p.repetitions * (pipelines.length + 1);
      let done = 0;

      for (let round = 0; round < p.repetitions; round += 1) {
        // Each round starts with another pipeline, so that drift on the shared machine lands on all alike.
        const order = pipelines.map((_, index) => pipelines[(index + round) % pipelines.length] as Pipeline);
        for (const pipeline of order) {
          const run = await runSuite(pipeline.suite.dir, p.maxSecondsPerRun, pipeline.related);
          pipeline.testMs.push(run.wallMs);
          pipeline.testCpuMs.push(run.cpuMs);
          pipeline.tests = run.tests;
          failedTests += run.failed + (run.exitCode === 0 ? 0 : 1);
          countsMatchPlan &&= run.tests === pipeline.plannedCases && run.passed === run.tests;
          await timeBuild(pipeline);
          onProgress?.({ done: ++done, total, label: `round ${round + 1} · ${pipeline.shape} · ${pipeline.scopes.join(' = ')}` });
        }
        const empty = await runSuite(emptySuite, p.maxSecondsPerRun);
        fixed.testRunnerStartMs.push(empty.wallMs);
        fixed.testRunnerStartCpuMs.push(empty.cpuMs);
        countsMatchPlan &&= empty.tests === 1;
        fixed.bundlerStartMs.push(await timeBundlerStart(dir));
        fixed.nodeStartMs.push(await timeNodeStart(p.maxSecondsPerRun));
        onProgress?.({ done: ++done, total, label: `round ${round + 1} · fixed costs` });
      }

      const rows: PipelineRow[] = pipelines.flatMap((pipeline) =>
        pipeline.scopes.map((scope) => {
          const testMs = median(pipeline.testMs);
          const buildMs = median(pipeline.buildMs);
          // Round by round, so that a ratio of two pipelines pairs the runs made side by side.
          const totalMsPerRound = pipeline.testMs.map((ms, index) => ms + (pipeline.buildMs[index] ?? 0));
          return {
            shape: pipeline.shape,
            scope,
            unitsBuilt: pipeline.buildShape.units.length,
            functionsTested: pipeline.suite.functions.length,
            contracts: pipeline.suite.contracts.length,
            testCases: pipeline.tests,
            contractCases: pipeline.suite.contracts.length * p.casesPerFunction,
            bundleBytes: pipeline.bundleBytes,
            testMs,
            testCpuMs: medianOrNull(pipeline.testCpuMs),
            buildMs,
            totalMs: median(totalMsPerRound),
            totalMsPerRound,
            testCpuMsPerRound: pipeline.testCpuMs,
          };
        }),
      );
      return {
        changedFunction: p.changedFunction,
        selection: selectionRows(p.casesPerFunction),
        casesPerFunction: p.casesPerFunction,
        repetitions: p.repetitions,
        rows,
        fixed: { testRunnerStartMs: median(fixed.testRunnerStartMs), testRunnerStartCpuMs: medianOrNull(fixed.testRunnerStartCpuMs), bundlerStartMs: median(fixed.bundlerStartMs), nodeStartMs: median(fixed.nodeStartMs) },
        failedTests,
        countsMatchPlan,
        loadAverageAtEnd: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
        cores: os.availableParallelism(),
        referenceSystems: referenceStructures(),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
