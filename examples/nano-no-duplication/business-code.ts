/**
 * Business code of a realistic size, for the bundle measurement. The lab's six checkout functions are a
 * few hundred bytes each beside about 500 KiB of framework, so what a fleet ships is almost all
 * framework, and the share of copies follows from the unit count alone. Real functions carry their own
 * code. This module generates, for each checkout function, a module of a chosen size that no other
 * function imports (its own rules: an assumed stand-in, as data, since only its bytes matter here),
 * bundles it per unit of each shape with esbuild the same way the units are bundled (minified,
 * self-contained), and reports the bytes. A unit then ships its framework bundle and its business
 * bundle; the sum is what it would ship with that much code of its own.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stepNames, type StepName } from '../checkout/steps.ts';
import { seededRandom } from '../lab/faults/fault-injection.ts';
import { repoRoot } from '../lab/files/evidence.ts';
import { bundleEntries } from '../lab/packaging/bundle-units.ts';
import type { Shape } from '../lab/model/shapes.ts';

/** One entry of a generated rule table, minified: a quoted 64-character string and a comma. */
const ruleLength = 64;
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** What one business bundle ships. */
export interface BusinessBundles {
  /** Bytes of each unit's business bundle, by unit name. */
  readonly unitBytes: Readonly<Record<string, number>>;
  /** Bytes of one bundle holding every function's business code once. */
  readonly unionBytes: number;
  /** Bytes each function's own module adds to a bundle (esbuild's `bytesInOutput`), by function. */
  readonly functionBytes: Readonly<Record<StepName, number>>;
}

/**
 * The source of one function's generated business module: a table of rules (seeded, so that every
 * run generates the same bytes, and different per function, so that no two functions share code) and
 * a function that reads it, so that the bundler must keep it.
 *
 * @example
 * ```ts
 * businessModuleSource('priceCart', 16 * 1024).length; // about 16,500 characters
 * ```
 */
export function businessModuleSource(fn: StepName, bytes: number): string {
  const random = seededRandom(stepNames.indexOf(fn) + 1);
  const count = Math.ceil(bytes / (ruleLength + 3));
  const rules: string[] = [];
  for (let i = 0; i < count; i++) {
    let rule = '';
    for (let c = 0; c < ruleLength; c++) rule += alphabet[Math.floor(random() * alphabet.length)];
    rules.push(JSON.stringify(rule));
  }
  return `const rules = [${rules.join(',')}];
export function ${fn}Rules(input) { return rules.filter((rule) => rule.startsWith(String(input))).length; }
`;
}

/**
 * Writes every function's business module of `bytes` bytes into `dir` and bundles it per unit of each
 * shape, plus once for all functions together. Stops esbuild's service process afterwards.
 *
 * @example
 * ```ts
 * const bundles = await bundleBusinessCode([monolith, nanoservices], 16 * 1024, tmpDir);
 * bundles.get('nanoservices')?.unitBytes.priceCart; // about 16,500
 * ```
 */
export async function bundleBusinessCode(shapes: readonly Shape[], bytes: number, dir: string): Promise<ReadonlyMap<string, BusinessBundles>> {
  const label = `business-${bytes}`;
  const modules = new Map<StepName, string>();
  for (const fn of stepNames) {
    const file = path.join(dir, `${label}-${fn}.mjs`);
    writeFileSync(file, businessModuleSource(fn, bytes));
    modules.set(fn, file);
  }
  const entry = (name: string, functions: readonly StepName[]) => {
    const file = path.join(dir, `${name}.entry.mjs`);
    writeFileSync(file, functions.map((fn) => `export { ${fn}Rules } from ${JSON.stringify(modules.get(fn))};`).join('\n'));
    return { in: file, out: name };
  };
  const entries = shapes.flatMap((shape) => shape.units.map((unit) => ({ shape: shape.name, unit: unit.name, ...entry(`${label}-${shape.name}-${unit.name}`, unit.functions) })));
  const union = entry(`${label}-all-functions`, stepNames);
  const outputOf = await bundleEntries([...entries.map(({ in: file, out }) => ({ in: file, out })), union], dir);
  const unionOutput = outputOf(union.out);
  const functionBytes = Object.fromEntries(
    stepNames.map((fn) => {
      const input = Object.entries(unionOutput.inputs).find(([file]) => path.resolve(repoRoot, file) === modules.get(fn));
      if (!input) throw new Error(`the business bundle holds no module for ${fn}`);
      return [fn, input[1].bytesInOutput];
    }),
  ) as Record<StepName, number>;
  return new Map(
    shapes.map((shape) => [
      shape.name,
      {
        unitBytes: Object.fromEntries(entries.filter((e) => e.shape === shape.name).map((e) => [e.unit, outputOf(e.out).bytes])),
        unionBytes: unionOutput.bytes,
        functionBytes,
      },
    ]),
  );
}
