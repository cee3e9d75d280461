import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** How a unit was packaged (see bundleVariants in examples/lab/packaging/bundle-units.ts). */
export type PackagingVariant = 'lab' | 'own-functions';

/** One shape packaged one way: what its units ship together, and how much of it is copies. */
export interface DuplicationRow {
  readonly shape: ShapeName;
  readonly variant: PackagingVariant;
  readonly units: number;
  /** The bytes of every unit's bundle, added up: what the fleet ships. */
  readonly shippedBytes: number;
  /** The bytes of one bundle holding every unit of the shape: each distinct byte of code once. */
  readonly uniqueBytes: number;
  /** shippedBytes − uniqueBytes (never below 0). */
  readonly duplicatedBytes: number;
  /** duplicatedBytes ÷ shippedBytes. */
  readonly duplicatedShare: number;
}

/** Where one shape's shipped bytes come from, and how many of them are copies. */
export interface OriginRow {
  readonly shape: ShapeName;
  readonly variant: PackagingVariant;
  readonly origin: string;
  readonly shippedBytes: number;
  readonly uniqueBytes: number;
  readonly duplicatedBytes: number;
}

/** One unit's bundle. */
export interface UnitBundleRow {
  readonly shape: ShapeName;
  readonly variant: PackagingVariant;
  readonly unit: string;
  readonly functions: number;
  readonly bytes: number;
  /** Bytes of examples/checkout/functions.ts in the bundle: the business functions it ships. */
  readonly checkoutFunctionBytes: number;
  /** The share of the bundle that is the three dependencies (hono, @hono/node-server, zod). */
  readonly dependencyShare: number;
}

/** The whole result of a nano-no-duplication run: plain JSON. */
export interface NoDuplicationResult {
  readonly rows: readonly DuplicationRow[];
  readonly origins: readonly OriginRow[];
  readonly units: readonly UnitBundleRow[];
  /** Distinct repository source files that went into any bundle. */
  readonly sourceFiles: number;
  /** Repository files whose content is byte-identical to another file at another path: copied source. */
  readonly copiedSourceFiles: number;
  /** Every bundled fleet, started as real processes, returned the receipt the functions return in one call stack. */
  readonly bundlesAnswerLikeTheReference: boolean;
}

const percent = (share: number) => Math.round(share * 1000) / 10;
const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/**
 * Shipped, unique and duplicated bytes per shape and packaging.
 *
 * @example
 * ```ts
 * duplicationTable(result).rows[0]; // { shape: 'monolith', variant: 'lab', units: 1, shippedKiB: 491.9, ... }
 * ```
 */
export function duplicationTable(result: NoDuplicationResult): ResultTable {
  return {
    title: 'What each shape ships, and how much of it is copies',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'variant', label: 'packaging' },
      { key: 'units', label: 'units' },
      { key: 'shippedKiB', label: 'shipped, KiB' },
      { key: 'uniqueKiB', label: 'unique, KiB' },
      { key: 'duplicatedKiB', label: 'duplicated, KiB' },
      { key: 'duplicatedPercent', label: 'duplicated, %' },
    ],
    rows: result.rows.map((row) => ({
      shape: row.shape,
      variant: row.variant,
      units: row.units,
      shippedKiB: kib(row.shippedBytes),
      uniqueKiB: kib(row.uniqueBytes),
      duplicatedKiB: kib(row.duplicatedBytes),
      duplicatedPercent: percent(row.duplicatedShare),
    })),
  };
}

/**
 * Shipped and duplicated bytes by origin (a dependency, the checkout, the lab) for one packaging.
 *
 * @example
 * ```ts
 * originTable(result, 'lab').rows.find((r) => r.origin === 'zod'); // { nanoservicesShippedKiB: 2659, ... }
 * ```
 */
export function originTable(result: NoDuplicationResult, variant: PackagingVariant): ResultTable {
  const origins = [...new Set(result.origins.filter((row) => row.variant === variant).map((row) => row.origin))];
  const shapeNames = [...new Set(result.rows.map((row) => row.shape))];
  const find = (shape: string, origin: string) => result.origins.find((row) => row.variant === variant && row.shape === shape && row.origin === origin);
  return {
    title: `Where the shipped bytes come from (${variant} packaging): shipped in total, and the copies among them`,
    columns: [
      { key: 'origin', label: 'origin' },
      ...shapeNames.flatMap((shape) => [
        { key: `${shape}Shipped`, label: `${shape} shipped, KiB` },
        { key: `${shape}Duplicated`, label: `${shape} copies, KiB` },
      ]),
    ],
    // Largest first, by what the finest shape measured ships.
    rows: origins
      .sort((a, b) => (find(shapeNames.at(-1) ?? '', b)?.shippedBytes ?? 0) - (find(shapeNames.at(-1) ?? '', a)?.shippedBytes ?? 0))
      .map((origin): Record<string, string | number> => ({
        origin,
        ...Object.fromEntries(
          shapeNames.flatMap((shape) => [
            [`${shape}Shipped`, kib(find(shape, origin)?.shippedBytes ?? 0)],
            [`${shape}Duplicated`, kib(find(shape, origin)?.duplicatedBytes ?? 0)],
          ]),
        ),
      })),
  };
}

/**
 * Every unit's bundle: its size, the business code in it and the share of dependencies.
 *
 * @example
 * ```ts
 * unitTable(result).rows.length; // 20: 10 units, two packagings
 * ```
 */
export function unitTable(result: NoDuplicationResult): ResultTable {
  return {
    title: 'Every unit bundle',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'variant', label: 'packaging' },
      { key: 'unit', label: 'unit' },
      { key: 'functions', label: 'functions' },
      { key: 'kib', label: 'bundle, KiB' },
      { key: 'checkoutFunctionBytes', label: 'business functions, bytes' },
      { key: 'dependencyPercent', label: 'dependencies, %' },
    ],
    rows: result.units.map((unit) => ({
      shape: unit.shape,
      variant: unit.variant,
      unit: unit.unit,
      functions: unit.functions,
      kib: kib(unit.bytes),
      checkoutFunctionBytes: unit.checkoutFunctionBytes,
      dependencyPercent: percent(unit.dependencyShare),
    })),
  };
}

/** Below this share of copies, a fleet ships essentially nothing twice. */
export const negligibleDuplicatedShare = 0.1;

/**
 * The verdict the figures support. Copied source would refute the claim outright. Otherwise the claim
 * holds if the nanoservice fleet, packaged the leanest way measured, ships at most 10 % copies; it holds
 * with a cost if no source is copied but the deployed fleet repeats the shared code in every unit.
 *
 * @example
 * ```ts
 * noDuplicationVerdict(result); // { verdict: 'holds-with-cost', because: 'no source file is copied ...' }
 * ```
 */
export function noDuplicationVerdict(result: NoDuplicationResult): { verdict: Verdict; because: string } {
  if (!result.bundlesAnswerLikeTheReference) return { verdict: 'not-testable', because: 'the bundled units did not return what the functions return in one call stack, so their sizes say nothing' };
  if (result.copiedSourceFiles > 0) return { verdict: 'does-not-hold', because: `${result.copiedSourceFiles} source files are byte-identical copies of others: the units were built from copied code` };
  const nano = result.rows.filter((row) => row.shape === 'nanoservices').sort((a, b) => a.duplicatedShare - b.duplicatedShare)[0];
  if (!nano) return { verdict: 'not-testable', because: 'the run measured no nanoservice fleet' };
  const monolith = result.rows.find((row) => row.shape === 'monolith' && row.variant === nano.variant);
  if (nano.duplicatedShare <= negligibleDuplicatedShare) {
    return { verdict: 'holds', because: `no source file is copied and the ${nano.units} nanoservice bundles repeat only ${percent(nano.duplicatedShare)} % of what they ship` };
  }
  return {
    verdict: 'holds-with-cost',
    because:
      `no source file is copied: the ${nano.units} nanoservice units build from one set of ${result.sourceFiles} repository files; but every unit ships its own copy of the shared code and dependencies, ` +
      `so ${percent(nano.duplicatedShare)} % of the ${kib(nano.shippedBytes)} KiB the fleet ships are duplicates, even packaged with only its own functions ` +
      `(the monolith ships ${kib(monolith?.shippedBytes ?? 0)} KiB, ${percent(monolith?.duplicatedShare ?? 0)} % duplicated)`,
  };
}
