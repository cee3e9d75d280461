import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { bundleShape, bundleVariants, type ShapeBundles } from '../lab/packaging/bundle-units.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { repoRoot } from '../lab/files/evidence.ts';
import { startFleetInTurn } from '../lab/packaging/run-bundle.ts';
import { shapes, type ShapeName } from '../lab/model/shapes.ts';
import { duplicationTable, noDuplicationVerdict, originTable, unitTable, type DuplicationRow, type NoDuplicationResult, type OriginRow, type UnitBundleRow } from './report.ts';

const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];
const dependencies = new Set(['hono', '@hono/node-server', 'zod']);

const params = z.object({
  shapes: z.array(z.enum(shapeNames)).min(1).default([...shapeNames]),
  variants: z.array(z.enum(bundleVariants)).min(1).default([...bundleVariants]),
  /** Start every bundled fleet as real processes and check its receipt, so that no bundle lacks code it needs. */
  verifyBundles: z.boolean().default(true),
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
 * Every bundled fleet is then started as real processes to prove the bundles are complete.
 */
export const experiment = defineExperiment({
  id: 'nano-no-duplication',
  title: 'Does deploying nanoservices duplicate code?',
  params,
  quick: { shapes: ['monolith', 'nanoservices'] },
  tables: (result) => [duplicationTable(result), originTable(result, 'own-functions'), originTable(result, 'lab'), unitTable(result)],
  verdict: noDuplicationVerdict,

  async run(p, onProgress): Promise<NoDuplicationResult> {
    const total = p.shapes.length * p.variants.length;
    let done = 0;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nano-no-duplication-'));
    const rows: DuplicationRow[] = [];
    const origins: OriginRow[] = [];
    const units: UnitBundleRow[] = [];
    const sources = new Set<string>();
    let bundlesAnswerLikeTheReference = true;
    try {
      for (const variant of p.variants) {
        for (const shapeName of p.shapes) {
          const bundles = await bundleShape(shapes[shapeName], variant, dir);
          const measured = measureShape(bundles);
          rows.push(measured.row);
          origins.push(...measured.originRows);
          units.push(...measured.unitRows);
          for (const unit of bundles.units) for (const input of unit.inputs) if (input.startsWith('examples/')) sources.add(input);
          if (p.verifyBundles) {
            const fleet = await startFleetInTurn(bundles.units, sampleCart);
            await fleet.stop();
            bundlesAnswerLikeTheReference &&= fleet.answersMatch;
          }
          onProgress?.({ done: ++done, total, label: `${shapeName} · ${variant} · ${bundles.units.length} bundles` });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { rows, origins, units, sourceFiles: sources.size, copiedSourceFiles: countCopiedFiles([...sources]), bundlesAnswerLikeTheReference };
  },
});
