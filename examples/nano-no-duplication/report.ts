import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { exactly } from '../lab/measure/interval.ts';
import { formatBytes, formatList, formatPercent, formatRatio } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';
import { structureByCut, structureTable } from '../lab/report/structure-table.ts';
import { crossing, type MapMarker, type VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

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

/** One shape's fleet when every function carries some business code of its own (the leanest packaging measured). */
export interface BusinessCodeRow {
  readonly shape: ShapeName;
  /** Generated code given to each function, in KiB (0: the lab's functions as they are). */
  readonly generatedKiBPerFunction: number;
  /** Business code per function as bundled: the lab's own function plus the generated module, in bytes. */
  readonly businessBytesPerFunction: number;
  /** What the fleet ships: every unit's bundle plus its business bundle. */
  readonly shippedBytes: number;
  /** Each distinct byte once: the shape's union bundle plus every function's business code once. */
  readonly uniqueBytes: number;
  /** (shipped − unique) ÷ shipped. */
  readonly duplicatedShare: number;
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
  /** The same count over the files each shape's bundles drew on: what each cut needs copied to deploy. */
  readonly copiedSourceFilesByShape: Readonly<Partial<Record<ShapeName, number>>>;
  /** Every bundled fleet, started as real processes, returned the receipt the functions return in one call stack. */
  readonly bundlesAnswerLikeTheReference: boolean;
  /** Every shape's fleet at each size of business code per function: the points of the verdict map. */
  readonly businessCode: readonly BusinessCodeRow[];
  /** The size the headline figures use, in KiB per function (assumed; see the experiment's parameter). */
  readonly realisticKiBPerFunction: number;
  /** The units and operations of the reference systems' cuts, counted from their files: what the measured shared code is multiplied by. */
  readonly referenceSystems: ReferenceStructures;
}

/** Shorter alias the page and the report convention use. */
export type Result = NoDuplicationResult;

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

/**
 * What each shape's fleet ships as the functions grow: the verdict map's points as a table.
 *
 * @example
 * ```ts
 * businessCodeTable(result).rows[0]; // { generatedKiB: 0, businessKiB: 0.2, shape: 'monolith', shippedKiB: 492.2, ... }
 * ```
 */
export function businessCodeTable(result: NoDuplicationResult): ResultTable {
  const monolith = (kib: number) => result.businessCode.find((row) => row.shape === 'monolith' && row.generatedKiBPerFunction === kib);
  return {
    title: 'With business code of its own in every function: what each fleet ships, and the copies among it',
    columns: [
      { key: 'generatedKiB', label: 'generated code per function, KiB' },
      { key: 'businessKiB', label: 'business code per function, KiB' },
      { key: 'shape', label: 'shape' },
      { key: 'shippedKiB', label: 'shipped, KiB' },
      { key: 'uniqueKiB', label: 'unique, KiB' },
      { key: 'duplicatedPercent', label: 'copies, %' },
      { key: 'toMonolith', label: 'shipped ÷ monolith' },
    ],
    rows: [...result.businessCode]
      .sort((a, b) => a.generatedKiBPerFunction - b.generatedKiBPerFunction)
      .map((row) => {
        const base = monolith(row.generatedKiBPerFunction);
        return {
          generatedKiB: row.generatedKiBPerFunction,
          businessKiB: kib(row.businessBytesPerFunction),
          shape: row.shape,
          shippedKiB: kib(row.shippedBytes),
          uniqueKiB: kib(row.uniqueBytes),
          duplicatedPercent: percent(row.duplicatedShare),
          toMonolith: base ? Math.round((row.shippedBytes / base.shippedBytes) * 100) / 100 : null,
        };
      }),
  };
}

/**
 * Real code sizes to set beside the lab's on the map: the lab's own functions (measured, from the run)
 * and one real single-operation service. Online Boutique's checkout service serves one operation,
 * PlaceOrder; its main.go is about 17 KB of Go source (read from one version of the repository;
 * source bytes, not a minified bundle, so an order of magnitude only).
 */
const onlineBoutiqueCheckout: MapMarker = {
  label: 'Online Boutique checkout service: main.go, ~17 KB of source',
  x: 17_276 / 1024,
  source: 'GoogleCloudPlatform/microservices-demo, src/checkoutservice/main.go',
};

/** The shapes of the map's lines, each against the monolith. */
const mapShapes = ['microservices', 'nanoservices'] as const;

/**
 * The verdict map: what each fleet ships as a multiple of the monolith's, across the business code per
 * function, with the line where the price stops counting as one (the rule's cost threshold) and real
 * code sizes marked. Throws when the run left out the monolith, which every ratio is taken against.
 *
 * @example
 * ```ts
 * verdictMapOf(result).lines[1]; // { series: 'nanoservices ÷ monolith', points: [{ x: 0.2, estimate: 6 }, ...] }
 * ```
 */
export function verdictMapOf(result: NoDuplicationResult): VerdictMap {
  const sizes = [...new Set(result.businessCode.map((row) => row.generatedKiBPerFunction))].sort((a, b) => a - b);
  const shipped = (shape: ShapeName, size: number) => pickRow(result.businessCode, { shape, generatedKiBPerFunction: size });
  const measuredShapes = mapShapes.filter((shape) => result.businessCode.some((row) => row.shape === shape));
  const lab = shipped('monolith', sizes[0] ?? 0);
  return {
    title: 'What the fleet ships, as a multiple of the monolith, as each function carries more code of its own',
    xLabel: 'business code per function, KiB',
    yLabel: 'bytes shipped ÷ the monolith’s',
    logX: true,
    logY: false,
    threshold: costThreshold,
    aboveThreshold: 'the fleet ships clearly more than the monolith: the shared code is copied into every unit',
    belowThreshold: 'the copies no longer count: the functions’ own code, which is never copied, dominates',
    lines: measuredShapes.map((shape) => ({
      series: `${shape} ÷ monolith`,
      points: sizes.map((size) => ({ x: shipped(shape, size).businessBytesPerFunction / 1024, estimate: shipped(shape, size).shippedBytes / shipped('monolith', size).shippedBytes })),
    })),
    markers: [{ label: 'the lab’s checkout functions (measured)', x: lab.businessBytesPerFunction / 1024, source: 'this run' }, onlineBoutiqueCheckout],
  };
}

/** What a fleet ships, split into the code every unit carries and each operation's own. */
export interface ShippedParts {
  /** Business code per function the parts were measured with, KiB (the assumed realistic size). */
  readonly kibPerFunction: number;
  /** The code every unit carries whatever it holds (framework, validation library, schemas, glue), bytes: copied into every unit after the first. */
  readonly sharedBytesPerUnit: number;
  /** Each operation's own code as bundled, bytes: in one unit only, never copied. */
  readonly ownBytesPerOperation: number;
}

/**
 * What a fleet ships as the code every unit carries plus each operation's own, from the nanoservice
 * fleet measured at the assumed realistic size (packaged the leanest way measured): the copies it
 * ships ÷ its units after the first is the shared code per unit; the bundled business code per
 * function is each operation's own. Any cut of any system then ships units × shared + operations ×
 * own, of which (units − 1) × shared are copies: what carries the measured copies to systems larger
 * than the checkout. Throws when the run measured no nanoservice fleet of two units or more at that size.
 *
 * @example
 * ```ts
 * shippedParts(result); // { kibPerFunction: 16, sharedBytesPerUnit: 502_479, ownBytesPerOperation: 16_668 }
 * ```
 */
export function shippedParts(result: Result): ShippedParts {
  const nano = pickRow(result.businessCode, { shape: 'nanoservices', generatedKiBPerFunction: result.realisticKiBPerFunction });
  const units = result.rows.find((row) => row.shape === 'nanoservices')?.units ?? 0;
  if (units < 2) throw new Error(`the run measured no nanoservice fleet of two units or more (it has ${units}): the code every unit carries cannot be told from the copies`);
  return {
    kibPerFunction: result.realisticKiBPerFunction,
    sharedBytesPerUnit: Math.max(0, nano.shippedBytes - nano.uniqueBytes) / (units - 1),
    ownBytesPerOperation: nano.businessBytesPerFunction,
  };
}

/** One cut of one reference system, with the measured shared and own code carried to it. */
interface ReferenceFleet {
  readonly title: string;
  readonly cut: string;
  readonly units: number;
  readonly operations: number;
  /** (units − 1) × the shared code per unit, bytes. */
  readonly copiedBytes: number;
  /** units × the shared code + operations × each one's own, bytes. */
  readonly shippedBytes: number;
  /** The same system's monolith: the shared code once + every operation's own, bytes. */
  readonly monolithShippedBytes: number;
}

/** Every cut of every reference system, its units and operations counted from its file, its bytes arithmetic from `shippedParts`. */
function referenceFleets(result: Result): ReferenceFleet[] {
  const parts = shippedParts(result);
  const titleOf = new Map(result.referenceSystems.systems.map((system) => [system.name, system.title]));
  const shipped = (units: number, operations: number) => units * parts.sharedBytesPerUnit + operations * parts.ownBytesPerOperation;
  return result.referenceSystems.cuts.map((row) => ({
    title: titleOf.get(row.system) ?? row.system,
    cut: row.cut,
    units: row.units,
    operations: row.operations,
    copiedBytes: (row.units - 1) * parts.sharedBytesPerUnit,
    shippedBytes: shipped(row.units, row.operations),
    monolithShippedBytes: shipped(1, row.operations),
  }));
}

/**
 * Each reference system's cuts with the assumed realistic code per function: the units, the copies of
 * the shared code they ship ((units − 1) × the shared code per unit measured here), what the fleet
 * ships in all, its multiple of the same system's monolith and the share of copies. Units and
 * operations are counted from the system's file; the bytes are arithmetic from `shippedParts`.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[5];
 * // { system: 'Online Boutique: placing an order', cut: 'nanoservices', units: 13, operations: 13, copiedKiB: 5888.4, shippedKiB: 6590.7, toMonolith: '9.38×', copiesPercent: 89.3 }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  const parts = shippedParts(result);
  const fleets = referenceFleets(result);
  const table = structureTable(result.referenceSystems, '', [{ figure: 'operations', label: 'operations' }]);
  return {
    title:
      `Each reference system’s cuts with ${parts.kibPerFunction} KiB of code per function (assumed): units and operations counted from its file; ` +
      `the bytes worked out from the measured fleet (${formatBytes(parts.sharedBytesPerUnit)} of shared code in every unit, ${formatBytes(parts.ownBytesPerOperation)} of each operation’s own)`,
    columns: [
      ...table.columns,
      { key: 'copiedKiB', label: 'copies of the shared code, KiB ((units − 1) × the shared code)' },
      { key: 'shippedKiB', label: 'the fleet ships, KiB' },
      { key: 'toMonolith', label: 'shipped ÷ that system’s monolith' },
      { key: 'copiesPercent', label: 'copies, %' },
    ],
    rows: table.rows.map((row, index) => {
      const fleet = fleets[index] as ReferenceFleet;
      return {
        ...row,
        copiedKiB: kib(fleet.copiedBytes),
        shippedKiB: kib(fleet.shippedBytes),
        toMonolith: formatRatio(fleet.shippedBytes / fleet.monolithShippedBytes),
        copiesPercent: percent(fleet.copiedBytes / fleet.shippedBytes),
      };
    }),
  };
}

/** One figure of one cut on every reference system, in a sentence: 'The lab’s checkout … 5.17×, Online Boutique … 9.38× and …'. */
function referenceByCut(result: Result, cut: string, figure: (fleet: ReferenceFleet) => string): string {
  return formatList(referenceFleets(result).filter((fleet) => fleet.cut === cut).map((fleet) => `${fleet.title} ${figure(fleet)}`));
}

/** One bar of the page's chart: a shape's fleet, one part of what it ships. */
export interface FleetBytesBar {
  readonly shape: ShapeName;
  /** `unique code` (each distinct byte once) or `copies` (shipped minus unique). */
  readonly part: 'unique code' | 'copies';
  /** The part's size, in KiB rounded to whole KiB. */
  readonly KiB: number;
}

/** Everything the nano-no-duplication page prints, read from one result. */
export interface PageFigures {
  /** Distinct repository files the bundles drew on, a count. */
  readonly sourceFiles: number;
  /** Repository files that are byte-for-byte copies of another, a count. */
  readonly copiedSourceFiles: number;
  /** What the six nanoservice units ship together, packaged with their own functions only, formatted bytes ('2.9 MiB'). */
  readonly nanoShipped: string;
  /** The copies among those bytes, formatted bytes. */
  readonly nanoDuplicated: string;
  /** The copies as a share of what the nanoservice fleet ships, a percentage to one decimal ('83.2%'). */
  readonly nanoDuplicatedShare: string;
  /** What the monolith ships, packaged with its own functions, formatted bytes. */
  readonly monolithShipped: string;
  /** The copies among the monolith's bytes, formatted bytes. */
  readonly monolithDuplicated: string;
  /** Copies of zod in the nanoservice fleet (own-functions packaging), formatted bytes. */
  readonly zodCopies: string;
  /** Copies of hono in the nanoservice fleet (own-functions packaging), formatted bytes. */
  readonly honoCopies: string;
  /** Copies of `@hono/node-server` in the nanoservice fleet (own-functions packaging), formatted bytes. */
  readonly nodeServerCopies: string;
  /** Zod once, as every nanoservice unit ships it (its unique bytes), formatted bytes. */
  readonly zodPerUnit: string;
  /** Business code in the `validateCart` nanoservice bundle packaged with its own functions, in bytes. */
  readonly validateCartBusinessBytes: number;
  /** Business code in the `validateCart` nanoservice bundle packaged the lab's way (all six functions), in bytes. */
  readonly validateCartLabBusinessBytes: number;
  /** The whole `validateCart` nanoservice bundle packaged with its own functions, formatted bytes. */
  readonly validateCartBundle: string;
  /** The chart: unique code and copies per shape, own-functions packaging, in KiB. */
  readonly fleetBytesBars: readonly FleetBytesBar[];
  /** Whether every bundled fleet answered like the functions in one process, as the page's sentence ends. */
  readonly bundlesCheck: string;
  /** Copied source files per cut, as a phrase ('0 in the monolith, 0 in the microservices and 0 in the nanoservices'). */
  readonly copiedByShape: string;
  /** The lab's own business code per function, as bundled, in bytes. */
  readonly labBytesPerFunction: number;
  /** The assumed realistic business code per function ('16 KiB'). */
  readonly realisticPerFunction: string;
  /** The fleets at that size: shipped bytes (formatted), the nanoservices' multiple of the monolith and their share of copies. */
  readonly realistic: {
    readonly monolithShipped: string;
    readonly microservicesShipped: string;
    readonly nanoShipped: string;
    readonly nanoToMonolith: string;
    readonly nanoCopiesShare: string;
  };
  /** The rule's cost threshold ('1.10×'). */
  readonly costThreshold: string;
  /** Where the nanoservice fleet stops shipping clearly more than the monolith, in code per function, as a phrase. */
  readonly priceGoneAt: string;
  /** Where copies fall below half of what the nanoservice fleet ships, in code per function, as a phrase. */
  readonly copiesBelowHalfAt: string;
  /** The verdict map: shipped bytes against the monolith's, across the code per function. */
  readonly verdictMap: VerdictMap;
  /** The code every unit carries whatever it holds, from the nanoservice fleet measured at the assumed realistic size: '490.7 KiB'. */
  readonly referenceSharedPerUnit: string;
  /** Each operation's own code at that size, as bundled: '16.3 KiB'. */
  readonly referenceOwnPerOperation: string;
  /** The units of each reference system's nanoservices, in a sentence (counted from its file): 'The lab’s checkout … 6, Online Boutique … 13 and …'. */
  readonly referenceNanoUnits: string;
  /** The units of each reference system's own microservices: '… 3, … 9 and … 7'. */
  readonly referenceMicroUnits: string;
  /** The copies each reference system's nanoservices ship, (units − 1) × the shared code: '… 2.4 MiB, … 5.8 MiB and … 11 MiB'. */
  readonly referenceNanoCopies: string;
  /** What each reference system's nanoservices ship over its monolith: '… 5.17×, … 9.38× and …'. */
  readonly referenceNanoToMonolith: string;
  /** The share of copies in what each reference system's nanoservices ship: '… 81%, … 89% and … 93%'. */
  readonly referenceNanoCopiesShare: string;
  /** What each reference system's own microservices ship over its monolith: '… 2.67×, … 6.59× and …'. */
  readonly referenceMicroToMonolith: string;
}

/**
 * The figures the page prints: the nanoservice and monolith fleets packaged with their own functions,
 * the dependencies that make up the copies, the `validateCart` bundle, the copied source per cut, the
 * fleets with a realistic amount of business code per function, and the verdict map with where it
 * flips. Throws when the run left out a row the page reads.
 *
 * @example
 * ```ts
 * pageFigures(result).nanoDuplicatedShare; // '83.2%'
 * pageFigures(result).fleetBytesBars[0]; // { shape: 'monolith', part: 'unique code', KiB: 492 }
 * pageFigures(result).priceGoneAt; // 'about 4.2 MiB'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const leanest: PackagingVariant = 'own-functions';
  const nano = pickRow(result.rows, { shape: 'nanoservices', variant: leanest });
  const monolith = pickRow(result.rows, { shape: 'monolith', variant: leanest });
  const nanoOrigin = (origin: string) => pickRow(result.origins, { shape: 'nanoservices', variant: leanest, origin });
  const validateCart = (variant: PackagingVariant) => pickRow(result.units, { shape: 'nanoservices', variant, unit: 'validateCart' });
  return {
    sourceFiles: result.sourceFiles,
    copiedSourceFiles: result.copiedSourceFiles,
    nanoShipped: formatBytes(nano.shippedBytes),
    nanoDuplicated: formatBytes(nano.duplicatedBytes),
    nanoDuplicatedShare: formatPercent(nano.duplicatedShare, 1),
    monolithShipped: formatBytes(monolith.shippedBytes),
    monolithDuplicated: formatBytes(monolith.duplicatedBytes),
    zodCopies: formatBytes(nanoOrigin('zod').duplicatedBytes),
    honoCopies: formatBytes(nanoOrigin('hono').duplicatedBytes),
    nodeServerCopies: formatBytes(nanoOrigin('@hono/node-server').duplicatedBytes),
    zodPerUnit: formatBytes(nanoOrigin('zod').uniqueBytes),
    validateCartBusinessBytes: validateCart(leanest).checkoutFunctionBytes,
    validateCartLabBusinessBytes: validateCart('lab').checkoutFunctionBytes,
    validateCartBundle: formatBytes(validateCart(leanest).bytes),
    fleetBytesBars: result.rows
      .filter((row) => row.variant === leanest)
      .flatMap((row): FleetBytesBar[] => [
        { shape: row.shape, part: 'unique code', KiB: Math.round(row.uniqueBytes / 1024) },
        { shape: row.shape, part: 'copies', KiB: Math.round(Math.max(0, row.shippedBytes - row.uniqueBytes) / 1024) },
      ]),
    bundlesCheck: result.bundlesAnswerLikeTheReference ? 'every fleet did' : 'at least one fleet did not',
    ...businessCodeFigures(result),
    ...referenceFigures(result),
  };
}

/** The page's figures about the reference systems: the measured shared and own code carried to their cuts. */
function referenceFigures(
  result: Result,
): Pick<
  PageFigures,
  'referenceSharedPerUnit' | 'referenceOwnPerOperation' | 'referenceNanoUnits' | 'referenceMicroUnits' | 'referenceNanoCopies' | 'referenceNanoToMonolith' | 'referenceNanoCopiesShare' | 'referenceMicroToMonolith'
> {
  const parts = shippedParts(result);
  const toMonolith = (fleet: ReferenceFleet) => formatRatio(fleet.shippedBytes / fleet.monolithShippedBytes);
  return {
    referenceSharedPerUnit: formatBytes(parts.sharedBytesPerUnit),
    referenceOwnPerOperation: formatBytes(parts.ownBytesPerOperation),
    referenceNanoUnits: structureByCut(result.referenceSystems, 'units', 'nanoservices'),
    referenceMicroUnits: structureByCut(result.referenceSystems, 'units', 'microservices'),
    referenceNanoCopies: referenceByCut(result, 'nanoservices', (fleet) => formatBytes(fleet.copiedBytes)),
    referenceNanoToMonolith: referenceByCut(result, 'nanoservices', toMonolith),
    referenceNanoCopiesShare: referenceByCut(result, 'nanoservices', (fleet) => formatPercent(fleet.copiedBytes / fleet.shippedBytes)),
    referenceMicroToMonolith: referenceByCut(result, 'microservices', toMonolith),
  };
}

/** Where a measured line crosses a threshold, as a page says it: 'about 4.2 MiB', or beyond what was measured. */
function crossingPhrase(points: ReadonlyArray<{ readonly x: number; readonly estimate: number }>, threshold: number): string {
  const at = crossing(points, threshold, { logX: true, logY: false });
  if (at !== null) return `about ${formatBytes(at * 1024)}`;
  const largest = Math.max(...points.map((point) => point.x));
  return `beyond the ${formatBytes(largest * 1024)} measured`;
}

/** The page's figures about business code of a realistic size, and the map. */
function businessCodeFigures(result: Result): Pick<PageFigures, 'copiedByShape' | 'labBytesPerFunction' | 'realisticPerFunction' | 'realistic' | 'costThreshold' | 'priceGoneAt' | 'copiesBelowHalfAt' | 'verdictMap'> {
  const kibPerFunction = result.realisticKiBPerFunction;
  const at = (shape: ShapeName) => pickRow(result.businessCode, { shape, generatedKiBPerFunction: kibPerFunction });
  const map = verdictMapOf(result);
  const nanoLine = map.lines.find((line) => line.series.startsWith('nanoservices'));
  if (!nanoLine) throw new Error('the run measured no nanoservice fleet with business code');
  const nanoShares = result.businessCode.filter((row) => row.shape === 'nanoservices').map((row) => ({ x: row.businessBytesPerFunction / 1024, estimate: row.duplicatedShare }));
  const smallest = Math.min(...result.businessCode.map((row) => row.generatedKiBPerFunction));
  const shapesCompared = (['monolith', 'microservices', 'nanoservices'] as const).filter((shape) => shape in result.copiedSourceFilesByShape);
  return {
    copiedByShape: formatList(shapesCompared.map((shape) => `${result.copiedSourceFilesByShape[shape]} in the ${shape}`)),
    labBytesPerFunction: pickRow(result.businessCode, { shape: 'nanoservices', generatedKiBPerFunction: smallest }).businessBytesPerFunction,
    realisticPerFunction: `${kibPerFunction} KiB`,
    realistic: {
      monolithShipped: formatBytes(at('monolith').shippedBytes),
      microservicesShipped: formatBytes(at('microservices').shippedBytes),
      nanoShipped: formatBytes(at('nanoservices').shippedBytes),
      nanoToMonolith: formatRatio(at('nanoservices').shippedBytes / at('monolith').shippedBytes),
      nanoCopiesShare: formatPercent(at('nanoservices').duplicatedShare),
    },
    costThreshold: formatRatio(costThreshold),
    priceGoneAt: crossingPhrase(nanoLine.points, costThreshold),
    copiesBelowHalfAt: crossingPhrase(nanoShares, 0.5),
    verdictMap: map,
  };
}

/**
 * What the figures found, in the terms of the verdict rule. The claim's benefit is deploying without
 * copied source: a cut shows it when none of the files its bundles drew on is a copy of another (and
 * the bundled fleets really work). Every cut here builds from one repository, so when all show it the
 * rule calls it misattributed: the bundler copies the shared code into every unit of any cut alike.
 * The price is the deployed copies: what the nanoservice fleet ships against the monolith, with the
 * assumed realistic amount of business code per function.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'nanoservices', shownBy: { monolith: true, microservices: true, nanoservices: true },
 * //   cost: { what: 'bytes shipped with 16 KiB of code per function (assumed), against the monolith', ratio: { estimate: 5.18, ... } }, because: '...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const cuts = [...new Set(result.rows.map((row) => row.shape))];
  const shownBy = Object.fromEntries(cuts.map((shape) => [shape, result.bundlesAnswerLikeTheReference && result.copiedSourceFilesByShape[shape] === 0]));
  const kibPerFunction = result.realisticKiBPerFunction;
  const at = (shape: ShapeName) => result.businessCode.find((row) => row.shape === shape && row.generatedKiBPerFunction === kibPerFunction);
  const nano = at('nanoservices');
  const monolith = at('monolith');
  const cost = nano && monolith ? { what: `bytes shipped with ${kibPerFunction} KiB of code per function (assumed), against the monolith`, ratio: exactly(nano.shippedBytes / monolith.shippedBytes) } : undefined;
  const price = nano && monolith ? ` At an assumed ${kibPerFunction} KiB of code per function, nanoservices ship ${formatRatio(nano.shippedBytes / monolith.shippedBytes)} the monolith's bytes, ${formatPercent(nano.duplicatedShare)} of them copies` : '';
  let because: string;
  if (!result.bundlesAnswerLikeTheReference) because = 'the bundled units did not return what the functions return in one call stack, so no cut was shown to deploy from uncopied code';
  else if (cuts.every((shape) => shownBy[shape])) because = `No cut copied source: all build from one repository.${price}`;
  else because = `copied source files in the ${formatList(cuts.filter((shape) => !shownBy[shape]))}: ${formatList(cuts.map((shape) => `${result.copiedSourceFilesByShape[shape] ?? 0}`))} copies by cut`;
  return { credited: 'nanoservices', shownBy, ...(cost ? { cost } : {}), because };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'No cut copied source: ...', rule: 'every cut compared shows it (monolith, microservices, nanoservices)' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-no-duplication.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence: the copied source files per cut (none, when
 * every cut builds from one repository), then the price at the assumed realistic business code per
 * function: what the nanoservice fleet ships against the monolith, and the share of it that is copies.
 * Null when the run measured no fleet with that much business code.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'no cut copied source; at 16 KiB of code per function (assumed) nanoservices ship 5.18× the monolith’s bytes, 83% of them copies'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const at = (shape: ShapeName) => result.businessCode?.find((row) => row.shape === shape && row.generatedKiBPerFunction === result.realisticKiBPerFunction);
  const nano = at('nanoservices');
  const monolith = at('monolith');
  if (!nano || !monolith) return null;
  const copied = Object.entries(result.copiedSourceFilesByShape ?? {}).filter(([, files]) => (files ?? 0) > 0);
  const source = copied.length === 0 ? 'no cut copied source' : `copied source files: ${formatList(copied.map(([shape, files]) => `${files} in the ${shape}`))}`;
  const figure =
    `${source}; at ${result.realisticKiBPerFunction} KiB of code per function (assumed) nanoservices ship ` +
    `${formatRatio(nano.shippedBytes / monolith.shippedBytes)} the monolith’s bytes, ${formatPercent(nano.duplicatedShare)} of them copies`;
  return result.bundlesAnswerLikeTheReference ? figure : `the bundled units answered unlike the functions in one call stack; ${figure}`;
}
