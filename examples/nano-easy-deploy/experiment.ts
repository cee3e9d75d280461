import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { bundleShape, bundleVariants, writeBareServer, type ShapeBundles } from '../lab/packaging/bundle-units.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { startBundle, startFleetAtOnce, startFleetInTurn } from '../lab/packaging/run-bundle.ts';
import { readMemory, type ProcessMemory } from '../lab/processes/proc.ts';
import { shapes, type ShapeName } from '../lab/model/shapes.ts';
import { easyDeployVerdict, fleetTable, unitDeployTable, type EasyDeployResult, type FleetRow, type UnitDeployRow } from './report.ts';
import { median, medianOrNull } from '../lab/measure/stats.ts';

const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];

const params = z.object({
  shapes: z.array(z.enum(shapeNames)).min(1).default([...shapeNames]),
  /** How units are packaged; `lab` is how the lab deploys a unit. */
  variant: z.enum(bundleVariants).default('lab'),
  /** Fleet starts per shape (each in turn and at once); figures are medians over them. */
  starts: z.number().int().min(1).max(25).default(5),
  /** How long a started fleet sits idle before its memory is read. */
  idleMs: z.number().int().min(0).max(5_000).default(500),
});

const sumOrNull = (values: ReadonlyArray<number | null>) => (values.some((value) => value === null) ? null : (values as number[]).reduce((a, b) => a + b, 0));

/** Samples of one unit over the starts. */
interface UnitSamples {
  listeningMs: number[];
  firstAnswerMs: number[];
  memory: ProcessMemory[];
}

/**
 * nano-easy-deploy: bundles every unit of every shape with esbuild, then starts each shape's fleet
 * as plain `node` processes, again and again: one unit after another (each to its first HTTP 200) and
 * all at once (to one whole checkout). It records each unit's bundle size, cold start and idle memory
 * (RSS and PSS from /proc) and the fleet totals, next to a bare node:http server as the platform's floor.
 */
export const experiment = defineExperiment({
  id: 'nano-easy-deploy',
  title: 'Are nanoservices easy to deploy? One unit, and the whole fleet',
  needs: { platforms: ['linux'], because: "it reads each unit's memory (RSS and PSS) from `/proc/<pid>/smaps_rollup`, which only Linux has" },
  params,
  quick: { starts: 1, idleMs: 100 },
  tables: (result) => [fleetTable(result), unitDeployTable(result)],
  verdict: easyDeployVerdict,

  async run(p, onProgress): Promise<EasyDeployResult> {
    const total = p.starts * (p.shapes.length + 1);
    let done = 0;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nano-easy-deploy-'));
    try {
      const bundles: ShapeBundles[] = [];
      for (const shapeName of p.shapes) bundles.push(await bundleShape(shapes[shapeName], p.variant, dir));
      const bareServer = writeBareServer(dir);
      const samples = new Map<string, UnitSamples>(bundles.flatMap((b) => b.units.map((u) => [`${b.shape.name}/${u.unit}`, { listeningMs: [], firstAnswerMs: [], memory: [] }])));
      const inTurnMs = new Map<ShapeName, number[]>(p.shapes.map((name) => [name, []]));
      const atOnceMs = new Map<ShapeName, number[]>(p.shapes.map((name) => [name, []]));
      const baseline = { listeningMs: [] as number[], memory: [] as ProcessMemory[] };
      let answersMatch = true;

      for (let start = 0; start < p.starts; start += 1) {
        // Each round begins with another shape, so that drift on the machine lands on all of them alike.
        const order = bundles.map((_, index) => bundles[(index + start) % bundles.length] as ShapeBundles);
        for (const shapeBundles of order) {
          const shape = shapeBundles.shape.name;
          const inTurn = await startFleetInTurn(shapeBundles.units, sampleCart);
          try {
            answersMatch &&= inTurn.answersMatch;
            inTurnMs.get(shape)?.push(inTurn.wallMs);
            await sleep(p.idleMs);
            for (const unit of inTurn.units) {
              const unitSamples = samples.get(`${shape}/${unit.unit}`) as UnitSamples;
              unitSamples.listeningMs.push(unit.running.listeningAfterMs);
              unitSamples.firstAnswerMs.push(unit.firstAnswerMs ?? Number.NaN);
              unitSamples.memory.push(readMemory(unit.running.pid));
            }
          } finally {
            await inTurn.stop();
          }
          const atOnce = await startFleetAtOnce(shapeBundles.units, sampleCart);
          await atOnce.stop();
          answersMatch &&= atOnce.answersMatch;
          atOnceMs.get(shape)?.push(atOnce.wallMs);
          onProgress?.({ done: ++done, total, label: `start ${start + 1} · ${shape} · ${shapeBundles.units.length} processes` });
        }
        const bare = await startBundle(bareServer);
        try {
          baseline.listeningMs.push(bare.listeningAfterMs);
          await sleep(p.idleMs);
          baseline.memory.push(readMemory(bare.pid));
        } finally {
          await bare.stop();
        }
        onProgress?.({ done: ++done, total, label: `start ${start + 1} · bare node:http server` });
      }

      const units: UnitDeployRow[] = bundles.flatMap((b) =>
        b.units.map((u) => {
          const unitSamples = samples.get(`${b.shape.name}/${u.unit}`) as UnitSamples;
          return {
            shape: b.shape.name,
            unit: u.unit,
            functions: u.functions.length,
            bundleBytes: u.bytes,
            listeningMs: median(unitSamples.listeningMs),
            firstAnswerMs: median(unitSamples.firstAnswerMs),
            rssKiB: median(unitSamples.memory.map((m) => m.rssKiB)),
            pssKiB: medianOrNull(unitSamples.memory.map((m) => m.pssKiB)),
          };
        }),
      );
      const fleets: FleetRow[] = bundles.map((b) => {
        const fleetUnits = units.filter((unit) => unit.shape === b.shape.name);
        return {
          shape: b.shape.name,
          processes: b.units.length,
          bundleBytes: b.units.reduce((sum, unit) => sum + unit.bytes, 0),
          rssKiB: fleetUnits.reduce((sum, unit) => sum + unit.rssKiB, 0),
          pssKiB: sumOrNull(fleetUnits.map((unit) => unit.pssKiB)),
          inTurnStartMs: median(inTurnMs.get(b.shape.name) ?? []),
          atOnceStartMs: median(atOnceMs.get(b.shape.name) ?? []),
        };
      });
      return {
        units,
        fleets,
        baseline: { listeningMs: median(baseline.listeningMs), rssKiB: median(baseline.memory.map((m) => m.rssKiB)), pssKiB: medianOrNull(baseline.memory.map((m) => m.pssKiB)) },
        starts: p.starts,
        answersMatch,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
