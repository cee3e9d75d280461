import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/micro-containers.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { drainTable, exitCounts, keyFigure, pageFigures, referenceSystemsTable, type DrainRow, type PackagingRow, type Result, type StopMode } from './report.ts';

// Every figure differs between shapes, modes and runs, so a figure read from the wrong rows reads wrong.
const drainRow = (shape: DrainRow['shape'], mode: StopMode, seed: number, run: number): DrainRow => ({
  shape,
  mode,
  run,
  units: 1,
  drainDelayMs: 400,
  portFromEnv: 1,
  healthy: 1,
  ready: run === 2 ? 0 : 1,
  sent: 300 + seed,
  succeeded: 300,
  failed: seed,
  inFlightAtSigterm: 64,
  inFlightCompleted: 64 - seed,
  inFlightFailed: seed,
  sentAfterSigterm: 10 + seed,
  failedAfterSigterm: seed,
  drainMs: 1000 + seed + run,
  exits: run === 3 ? ['1'] : ['0'],
  logLines: 100 * seed,
  unparseableLines: seed,
});
const packagingRow = (shape: PackagingRow['shape'], units: number): PackagingRow => ({
  shape,
  units,
  images: units,
  dockerfilesPassing: units,
  manifests: 2 * units,
  manifestsValid: 2 * units,
  probes: 2 * units + 1,
  probesOnLiveEndpoints: 2 * units,
});

const groups = [
  ['monolith', 'graceful', 0],
  ['nanoservices', 'graceful', 1],
  ['microservices', 'graceful-short-delay', 2],
  ['nanoservices', 'graceful-short-delay', 3],
  ['monolith', 'no-handler', 4],
  ['microservices', 'no-handler', 5],
] as const;
const result: Result = {
  drains: [1, 2, 3, 4, 5].flatMap((run) => groups.map(([shape, mode, seed]) => drainRow(shape, mode, seed, run))),
  packaging: [packagingRow('monolith', 1), packagingRow('microservices', 3), packagingRow('nanoservices', 6)],
  sample: { unit: 'billing', dockerfile: 'FROM node:20', deployment: { kind: 'Deployment' }, service: { kind: 'Service' } },
  referenceSystems: referenceStructures(),
};

describe('pageFigures', () => {
  it('describes the graceful runs only, per shape in the page’s order, summed over the runs', () => {
    const figures = pageFigures(result);
    expect(figures.runs).toBe(5);
    expect(figures.gracefulInFlight).toBe('320 of 320 in the monolith and 315 of 320 in the nanoservices');
    expect([figures.gracefulFailed, figures.gracefulSent]).toEqual([5, 3005]);
    expect(figures.gracefulDrains).toMatch(/^1003 ms \[100\d–100\d ms\] and 1004 ms \[100\d–100\d ms\]$/);
    expect(figures.inFlightPerRun).toBe('64 [64–64]');
  });

  it('counts the log lines of every run', () => {
    const figures = pageFigures(result);
    expect([figures.logLines, figures.unparseableLines]).toEqual([7500, 75]);
  });

  it('describes the control and the short drain delay from their own rows, with the share per run and its interval', () => {
    const figures = pageFigures(result);
    expect(figures.noHandlerInFlightFailed).toBe('20 of 320 in the monolith and 25 of 320 in the microservices');
    expect(figures.shortDelayFailures).toBe(
      'in the microservices, 3% [3–3%] of the checkouts in flight at SIGTERM (per run) and 10 of the 60 sent after it; in the nanoservices, 5% [5–5%] of the checkouts in flight at SIGTERM (per run) and 15 of the 65 sent after it',
    );
  });

  it('reads each shape’s packaging from its own row', () => {
    const figures = pageFigures(result);
    expect(figures.monolithPackaging).toEqual({ images: 1, manifests: 2, probes: 3 });
    expect(figures.microservicesPackaging).toEqual({ images: 3, manifests: 6, probes: 7 });
    expect(figures.nanoservicesPackaging).toEqual({ images: 6, manifests: 12, probes: 13 });
  });

  it('shows the sample unit’s objects as indented JSON', () => {
    const figures = pageFigures(result);
    expect([figures.sampleUnit, figures.sampleDockerfile]).toEqual(['billing', 'FROM node:20']);
    expect(figures.sampleDeployment).toBe('{\n  "kind": "Deployment"\n}');
    expect(figures.sampleService).toBe('{\n  "kind": "Service"\n}');
  });

  it('throws, naming the shape, when a shape was not packaged', () => {
    expect(() => pageFigures({ ...result, packaging: result.packaging.slice(0, 2) })).toThrow('nanoservices');
  });

  it('throws rather than print an interval over fewer than five runs', () => {
    expect(() => pageFigures({ ...result, drains: result.drains.filter((row) => row.run < 3) })).toThrow('at least 5');
  });

  it('counts the containers of each reference system’s cuts: one per unit, growing as the cut gets finer', () => {
    const figures = pageFigures(result);
    // Counted from the files: the checkout 3 and 6 of 6 operations, Online Boutique 9 and 13 of 13 (its
    // services hold one or two operations), the Alibaba-like tree 7 and 24 of 24 (services of up to nine).
    expect(figures.referenceMicroContainers).toMatch(/checkout.* 3, Online Boutique.* 9 and .*Alibaba.* 7$/);
    expect(figures.referenceNanoContainers).toMatch(/checkout.* 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    expect(figures.referenceMicroOperationsPerContainer).toMatch(/checkout.* 2\.3, Online Boutique.* 1\.6 and .*Alibaba.* 5\.8$/);
    expect(figures.referenceNanoOverMicro).toMatch(/checkout.* 2\.00×, Online Boutique.* 1\.44× and .*Alibaba.* 3\.43×$/);
    expect(figures.verdictMap.lines.map((line) => line.points.map((point) => point.estimate))).toEqual([
      [6, 3, 1],
      [13, 9, 1],
      [24, 7, 1],
    ]);
    expect(referenceSystemsTable(result).columns[2]).toEqual({ key: 'units', label: 'containers (one per unit)' });
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('drainTable', () => {
  it('sums each mode and shape over its runs, with the worst probe answers and the exits counted', () => {
    const table = drainTable(result);
    expect(table.rows.map((row) => [row.mode, row.shape])).toEqual([
      ['graceful', 'monolith'],
      ['graceful', 'nanoservices'],
      ['graceful-short-delay', 'microservices'],
      ['graceful-short-delay', 'nanoservices'],
      ['no-handler', 'monolith'],
      ['no-handler', 'microservices'],
    ]);
    expect(table.rows[1]).toMatchObject({ runs: 5, contract: '1 / 1 / 0', sent: 1505, inFlight: '315 / 5 of 320', exits: '4 × 0, 1 × 1', drainMs: 1004 });
  });

  it('counts exit codes and signals, most frequent first', () => {
    expect(exitCounts(['SIGTERM', '0', '0'])).toBe('2 × 0, 1 × SIGTERM');
  });
});

describe('keyFigure', () => {
  const withMicroservices: Result = { ...result, drains: [...result.drains, ...[1, 2, 3, 4, 5].map((run) => drainRow('microservices', 'graceful', 6, run))] };

  it('sums the checkouts in flight at SIGTERM over every run of each cut, then the images', () => {
    expect(keyFigure(withMicroservices)).toBe(
      'on SIGTERM with a drain, checkouts in flight completed: 320 of 320 in the monolith, 290 of 320 in the microservices and 315 of 320 in the nanoservices (5 runs each); 1 image vs 3 as microservices',
    );
  });

  it('is null when the run did not drain the microservices', () => {
    expect(keyFigure(result)).toBeNull();
  });
});
