import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { bundleShape, bundleVariants, type ShapeBundles } from '../lab/packaging/bundle-units.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { repoRoot } from '../lab/files/evidence.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { startFleetInTurn } from '../lab/packaging/run-bundle.ts';
import { shapes, type ShapeName } from '../lab/model/shapes.ts';
import { stepNames } from '../checkout/steps.ts';
import { bundleBusinessCode } from './business-code.ts';
import { assumedBusinessKiBPerFunction } from '../lab/report/canonical.ts';
import {
  businessCodeTable,
  duplicationTable,
  findingFor,
  originTable,
  unitTable,
  type BusinessCodeRow,
  type DuplicationRow,
  type NoDuplicationResult,
  type OriginRow,
  type UnitBundleRow,
} from './report.ts';

const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];
const dependencies = new Set(['hono', '@hono/node-server', 'zod']);

const params = z.object({
  shapes: z.array(z.enum(shapeNames)).min(1).default([...shapeNames]),
  variants: z.array(z.enum(bundleVariants)).min(1).default([...bundleVariants]),
  /** Start every bundled fleet as real processes and check its receipt, so that no bundle lacks code it needs. */
  verifyBundles: z.boolean().default(true),
  /**
   * Business code of each function's own, in KiB, beside the lab's few hundred bytes: each size is a
   * point of the verdict map. From nothing to 8 MiB, past where the copies stop mattering.
   */
  businessKiBPerFunction: z.array(z.number().min(0).max(16_384)).min(1).default([0, 1, 4, 16, 64, 256, 1024, 4096, 8192]),
  /**
   * The size the headline figures use (assumed, not measured): the site's one value for it,
   * `assumedBusinessKiBPerFunction` (examples/lab/report/canonical.ts, with its basis). Always
   * measured, whether or not the list above holds it.
   */
  realisticKiBPerFunction: z.number().min(0).max(16_384).default(assumedBusinessKiBPerFunction),
});

/** The rows of one shape packaged one way: totals, by origin, by unit. */
function measureShape(bundles: ShapeBundles) {
  const shape = bundles.shape.name;
  const variant = bundles.variant;
  const shippedBytes = bundles.units.reduce((sum, unit) => sum + unit.bytes, 0);
  const duplicatedBytes = Math.max(0, shippedBytes - bundles.union.bytes);
  const row: DuplicationRow = { shape, variant, units: bundles.units.length, shippedBytes, uniqueBytes: bundles.union.bytes, duplicatedBytes, duplicatedShare: duplicatedBytes / shippedBytes };
  const origins = [...new Set(bundles.units.flatMap((unit) => Object.keys(unit.byOrigin)))];
  const originRows: OriginRow[] = origins.map((origin) => {
    const shipped = bundles.units.reduce((sum, unit) => sum + (unit.byOrigin[origin] ?? 0), 0);
    const unique = bundles.union.byOrigin[origin] ?? 0;
    return { shape, variant, origin, shippedBytes: shipped, uniqueBytes: unique, duplicatedBytes: Math.max(0, shipped - unique) };
  });
  const unitRows: UnitBundleRow[] = bundles.units.map((unit) => ({
    shape,
    variant,
    unit: unit.unit,
    functions: unit.functions.length,
    bytes: unit.bytes,
    checkoutFunctionBytes: unit.byOrigin['checkout functions'] ?? 0,
    dependencyShare: Object.entries(unit.byOrigin).reduce((sum, [origin, bytes]) => sum + (dependencies.has(origin) ? bytes : 0), 0) / unit.bytes,
  }));
  return { row, originRows, unitRows };
}

/**
 * What each shape's fleet ships when every function carries `kib` KiB of its own code: the fleet
 * packaged the leanest way measured, plus each unit's business bundle (none at 0 KiB).
 */
async function measureBusinessCode(fleets: ReadonlyMap<ShapeName, ShapeBundles>, kib: number, dir: string): Promise<BusinessCodeRow[]> {
  const business = kib > 0 ? await bundleBusinessCode([...fleets.values()].map((bundles) => bundles.shape), Math.round(kib * 1024), dir) : undefined;
  return [...fleets.entries()].map(([shape, bundles]) => {
    const extra = business?.get(shape);
    const labFunctionBytes = (bundles.union.byOrigin['checkout functions'] ?? 0) / stepNames.length;
    const ownModuleBytes = extra ? Object.values(extra.functionBytes).reduce((sum, bytes) => sum + bytes, 0) / stepNames.length : 0;
    const shippedBytes = bundles.units.reduce((sum, unit) => sum + unit.bytes + (extra?.unitBytes[unit.unit] ?? 0), 0);
    const uniqueBytes = bundles.union.bytes + (extra?.unionBytes ?? 0);
    return {
      shape,
      generatedKiBPerFunction: kib,
      businessBytesPerFunction: Math.round(labFunctionBytes + ownModuleBytes),
      shippedBytes,
      uniqueBytes,
      duplicatedShare: Math.max(0, shippedBytes - uniqueBytes) / shippedBytes,
    };
  });
}

/** Repository files whose content equals another file's at another path. */
function countCopiedFiles(files: readonly string[]): number {
  const byHash = new Map<string, number>();
  for (const file of files) {
    const hash = createHash('sha256').update(readFileSync(path.join(repoRoot, file))).digest('hex');
    byHash.set(hash, (byHash.get(hash) ?? 0) + 1);
  }
  return [...byHash.values()].reduce((sum, count) => sum + (count - 1), 0);
}

/**
 * nano-no-duplication: bundles every deploy unit of every shape with esbuild (minified, self-contained,
 * as a unit ships) in two packagings — as the lab builds a unit, and with only the unit's own
 * functions — and splits each bundle's bytes by origin with esbuild's metafile. Unique bytes come
 * from one more bundle holding every unit of the shape; the rest of what the fleet ships is copies.
 * Every bundled fleet is then started as real processes to prove the bundles are complete. Then every
 * function is given its own business code of each size in `businessKiBPerFunction`, bundled per unit,
 * to see how the share of copies falls as the functions grow from the lab's toy size.
 */
export const experiment = defineExperiment({
  id: 'nano-no-duplication',
  title: 'Does deploying nanoservices duplicate code?',
  params,
  quick: { shapes: ['monolith', 'nanoservices'], businessKiBPerFunction: [0, 1024] },
  tables: (result) => [duplicationTable(result), businessCodeTable(result), originTable(result, 'own-functions'), originTable(result, 'lab'), unitTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<NoDuplicationResult> {
    const sizes = [...new Set([...p.businessKiBPerFunction, p.realisticKiBPerFunction])].sort((a, b) => a - b);
    const total = p.shapes.length * p.variants.length + sizes.length;
    let done = 0;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nano-no-duplication-'));
    const rows: DuplicationRow[] = [];
    const origins: OriginRow[] = [];
    const units: UnitBundleRow[] = [];
    const businessCode: BusinessCodeRow[] = [];
    const sources = new Set<string>();
    const sourcesByShape = new Map<ShapeName, Set<string>>(p.shapes.map((name) => [name, new Set<string>()]));
    // The leanest packaging measured is the one a team that cared about bytes would ship.
    const leanest = p.variants.includes('own-functions') ? 'own-functions' : (p.variants[0] ?? 'lab');
    const leanestFleets = new Map<ShapeName, ShapeBundles>();
    let bundlesAnswerLikeTheReference = true;
    try {
      for (const variant of p.variants) {
        for (const shapeName of p.shapes) {
          const bundles = await bundleShape(shapes[shapeName], variant, dir);
          const measured = measureShape(bundles);
          rows.push(measured.row);
          origins.push(...measured.originRows);
          units.push(...measured.unitRows);
          if (variant === leanest) leanestFleets.set(shapeName, bundles);
          for (const unit of bundles.units) {
            for (const input of unit.inputs) {
              if (!input.startsWith('examples/')) continue;
              sources.add(input);
              sourcesByShape.get(shapeName)?.add(input);
            }
          }
          if (p.verifyBundles) {
            const fleet = await startFleetInTurn(bundles.units, sampleCart);
            await fleet.stop();
            bundlesAnswerLikeTheReference &&= fleet.answersMatch;
          }
          onProgress?.({ done: ++done, total, label: `${shapeName} · ${variant} · ${bundles.units.length} bundles` });
        }
      }
      for (const kib of sizes) {
        businessCode.push(...(await measureBusinessCode(leanestFleets, kib, dir)));
        onProgress?.({ done: ++done, total, label: `${kib} KiB of business code per function` });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      rows,
      origins,
      units,
      sourceFiles: sources.size,
      copiedSourceFiles: countCopiedFiles([...sources]),
      copiedSourceFilesByShape: Object.fromEntries([...sourcesByShape].map(([shape, files]) => [shape, countCopiedFiles([...files])])),
      bundlesAnswerLikeTheReference,
      businessCode,
      realisticKiBPerFunction: p.realisticKiBPerFunction,
      referenceSystems: referenceStructures(),
    };
  },
});
