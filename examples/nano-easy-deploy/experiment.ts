import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { bundleShape, bundleVariants, writeBareServer, type ShapeBundles } from '../lab/packaging/bundle-units.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { startBundle, startFleetAtOnce, startFleetInTurn, type FleetUnit } from '../lab/packaging/run-bundle.ts';
import { readMemory, type ProcessMemory } from '../lab/processes/proc.ts';
import { shapes, type ShapeName } from '../lab/model/shapes.ts';
import { findingFor, fleetTable, unitDeployTable, type EasyDeployResult, type FleetRow, type UnitDeployRow } from './report.ts';
import { median, medianOrNull } from '../lab/measure/stats.ts';

const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];

const params = z.object({
  shapes: z.array(z.enum(shapeNames)).min(1).default([...shapeNames]),
  /** How units are packaged; `lab` is how the lab deploys a unit. */
  variant: z.enum(bundleVariants).default('lab'),
  /**
   * Business code each checkout function ships besides the lab's few hundred bytes, in KiB of minified
   * JavaScript, generated (see `businessCode`). 0 is the lab's toy; the sweep shows where the answer
   * flips as business code grows; `assumedRealisticKiB` in report.ts is the size the page calls realistic.
   */
  businessKiB: z.array(z.number().int().min(0).max(4096)).min(1).default([0, 16, 128, 512]),
  /** Fleet starts per shape and size (each in turn and at once); figures are medians over them, intervals from five. */
  starts: z.number().int().min(1).max(25).default(5),
  /** How long a started fleet sits idle before its memory is read. */
  idleMs: z.number().int().min(0).max(5_000).default(300),
});

const sumOrNull = (values: ReadonlyArray<number | null>) => (values.some((value) => value === null) ? null : (values as number[]).reduce((a, b) => a + b, 0));

/**
 * Generated business code for one checkout function, about `kib` KiB of minified JavaScript: a table
 * of rules built when the module loads and a function per rule, compiled when first called, as real
 * business modules (pricing rules, tax tables, a payment client) are. It is appended to the unit's
 * bundle, so it is read, parsed and its table built before the unit listens, and it stays in memory.
 *
 * @example
 * ```ts
 * businessCode('priceCart', 64).length; // about 65,536
 * ```
 */
export function businessCode(functionName: string, kib: number): string {
  const target = kib * 1024;
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < target; i += 1) {
    const part =
      `T.push({id:${i},sku:"SKU-${String(i).padStart(5, '0')}",rate:${(i * 7) % 97},band:${i % 13}});` +
      `F.${functionName}_rule${i}=function(c){let t=${i % 11};for(const l of c.lines||[]){if(l.sku==="SKU-${String(i).padStart(5, '0')}")t+=l.quantity*${(i * 7) % 97};}return t>${i % 13}?t:${i % 5};};`;
    parts.push(part);
    length += part.length;
  }
  return `\n;(()=>{const T=[];const F={};${parts.join('')}globalThis.__businessRules=(globalThis.__businessRules||0)+T.length+Object.keys(F).length;})();\n`;
}

/** A unit's bundle with `kib` KiB of business code per function appended, as a new file; the bundle itself at 0. */
function withBusinessCode(unit: FleetUnit, kib: number): { readonly file: string; readonly bytes: number } {
  if (kib === 0) return { file: unit.file, bytes: statSync(unit.file).size };
  const file = unit.file.replace(/\.cjs$/, `.business-${kib}.cjs`);
  writeFileSync(file, readFileSync(unit.file, 'utf8') + unit.functions.map((name) => businessCode(name, kib)).join(''));
  return { file, bytes: statSync(file).size };
}

/** Samples of one unit over the starts. */
interface UnitSamples {
  listeningMs: number[];
  firstAnswerMs: number[];
  memory: ProcessMemory[];
}

/**
 * nano-easy-deploy: bundles every unit of every shape with esbuild, adds generated business code of
 * each size swept to every function it holds, then starts each shape's fleet as plain `node`
 * processes, again and again: one unit after another (each to its first HTTP 200) and
 * all at once (to one whole checkout). It records each unit's bundle size, cold start and idle memory
 * (RSS and PSS from /proc) and the fleet totals, next to a bare node:http server as the platform's floor.
 */
export const experiment = defineExperiment({
  id: 'nano-easy-deploy',
  title: 'Are nanoservices easy to deploy? One unit, and the whole fleet',
  needs: { platforms: ['linux'], because: "it reads each unit's memory (RSS and PSS) from `/proc/<pid>/smaps_rollup`, which only Linux has" },
  params,
  quick: { starts: 1, idleMs: 100, businessKiB: [0, 16, 128] },
  tables: (result) => [fleetTable(result), unitDeployTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<EasyDeployResult> {
    const sizes = [...new Set(p.businessKiB)].sort((a, b) => a - b);
    const total = sizes.length * p.starts * (p.shapes.length + 1);
    let done = 0;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nano-easy-deploy-'));
    try {
      const bundles: ShapeBundles[] = [];
      for (const shapeName of p.shapes) bundles.push(await bundleShape(shapes[shapeName], p.variant, dir));
      const bareServer = writeBareServer(dir);
      const units: UnitDeployRow[] = [];
      const fleets: FleetRow[] = [];
      const baseline = { listeningMs: [] as number[], memory: [] as ProcessMemory[] };
      let answersMatch = true;

      for (const businessKiB of sizes) {
        const sized = bundles.map((b) => ({ shape: b.shape, units: b.units.map((u) => ({ ...u, ...withBusinessCode(u, businessKiB) })) }));
        const samples = new Map<string, UnitSamples>(sized.flatMap((b) => b.units.map((u) => [`${b.shape.name}/${u.unit}`, { listeningMs: [], firstAnswerMs: [], memory: [] }])));
        const inTurnMs = new Map<ShapeName, number[]>(p.shapes.map((name) => [name, []]));
        const atOnceMs = new Map<ShapeName, number[]>(p.shapes.map((name) => [name, []]));
        for (let start = 0; start < p.starts; start += 1) {
          // Each round begins with another shape, so that drift on the machine lands on all of them alike.
          const order = sized.map((_, index) => sized[(index + start) % sized.length] as (typeof sized)[number]);
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
            onProgress?.({ done: ++done, total, label: `${businessKiB} KiB per function · start ${start + 1} · ${shape} · ${shapeBundles.units.length} processes` });
          }
          if (businessKiB === sizes[0]) {
            const bare = await startBundle(bareServer);
            try {
              baseline.listeningMs.push(bare.listeningAfterMs);
              await sleep(p.idleMs);
              baseline.memory.push(readMemory(bare.pid));
            } finally {
              await bare.stop();
            }
          }
          onProgress?.({ done: ++done, total, label: `${businessKiB} KiB per function · start ${start + 1} · bare node:http server` });
        }

        const sizedUnits: UnitDeployRow[] = sized.flatMap((b) =>
          b.units.map((u) => {
            const unitSamples = samples.get(`${b.shape.name}/${u.unit}`) as UnitSamples;
            return {
              shape: b.shape.name,
              unit: u.unit,
              businessKiB,
              functions: u.functions.length,
              bundleBytes: u.bytes,
              listeningMs: median(unitSamples.listeningMs),
              firstAnswerMs: median(unitSamples.firstAnswerMs),
              rssKiB: median(unitSamples.memory.map((m) => m.rssKiB)),
              pssKiB: medianOrNull(unitSamples.memory.map((m) => m.pssKiB)),
              runsFirstAnswerMs: unitSamples.firstAnswerMs,
            };
          }),
        );
        units.push(...sizedUnits);
        fleets.push(
          ...sized.map((b) => {
            const fleetUnits = sizedUnits.filter((unit) => unit.shape === b.shape.name);
            // The fleet's memory in each start: PSS where every unit's could be read, else RSS.
            const perStart = Array.from({ length: p.starts }, (_, start) => {
              const memories = b.units.map((u) => (samples.get(`${b.shape.name}/${u.unit}`) as UnitSamples).memory[start] as ProcessMemory);
              const pss = sumOrNull(memories.map((m) => m.pssKiB));
              return pss ?? memories.reduce((sum, m) => sum + m.rssKiB, 0);
            });
            return {
              shape: b.shape.name,
              businessKiB,
              processes: b.units.length,
              bundleBytes: b.units.reduce((sum, unit) => sum + unit.bytes, 0),
              rssKiB: fleetUnits.reduce((sum, unit) => sum + unit.rssKiB, 0),
              pssKiB: sumOrNull(fleetUnits.map((unit) => unit.pssKiB)),
              inTurnStartMs: median(inTurnMs.get(b.shape.name) ?? []),
              atOnceStartMs: median(atOnceMs.get(b.shape.name) ?? []),
              runsMemoryKiB: perStart,
            };
          }),
        );
      }
      return {
        units,
        fleets,
        baseline: { listeningMs: median(baseline.listeningMs), rssKiB: median(baseline.memory.map((m) => m.rssKiB)), pssKiB: medianOrNull(baseline.memory.map((m) => m.pssKiB)) },
        starts: p.starts,
        answersMatch,
        referenceSystems: referenceStructures(),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
