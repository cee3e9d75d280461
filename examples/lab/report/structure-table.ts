/**
 * The structure of the reference systems' cuts as a page shows it: a table of the figures a claim
 * rests on, the same figure across systems in a sentence, and a verdict map of one figure across
 * granularity (operations per deploy unit), with each reference system's own microservices marked.
 * Browser-safe: the structure's types only.
 */

import type { ResultTable } from '../experiment/define-experiment.ts';
import type { CutStructure, StructureFigure } from '../model/cut-structure.ts';
import type { ReferenceStructures } from '../system-run/reference-sweep.ts';
import { formatList, formatNumber, formatPercent, formatRatio } from './format.ts';
import type { VerdictMap } from './verdict-map.ts';

/** A figure of the structure as a column: its label and whether it reads as a share. */
export interface StructureColumn {
  readonly figure: StructureFigure;
  readonly label: string;
  /** Shares (0..1) print as percentages; counts and means as numbers. */
  readonly share?: boolean;
}

const formatFigure = (value: number | null, share: boolean | undefined): string | number | null =>
  value === null ? null : share ? formatPercent(value, 0) : Number.isInteger(value) ? value : formatNumber(value);

/**
 * One row per system and cut with the columns a claim needs, the systems by title.
 *
 * @example
 * ```ts
 * structureTable(result.referenceSystems, 'Contracts to keep tested', [{ figure: 'crossUnitContracts', label: 'contracts across units' }]).rows[0];
 * // { system: 'The lab’s checkout', cut: 'monolith', units: 1, crossUnitContracts: 0 }
 * ```
 */
export function structureTable(structures: ReferenceStructures, title: string, columns: readonly StructureColumn[]): ResultTable {
  const titleOf = new Map(structures.systems.map((system) => [system.name, system.title]));
  return {
    title,
    columns: [{ key: 'system', label: 'system' }, { key: 'cut', label: 'cut' }, { key: 'units', label: 'units' }, ...columns.map((column) => ({ key: column.figure, label: column.label }))],
    rows: structures.cuts.map((row) => ({
      system: titleOf.get(row.system) ?? row.system,
      cut: row.cut,
      units: row.units,
      ...Object.fromEntries(columns.map((column) => [column.figure, formatFigure(row[column.figure], column.share)])),
    })),
  };
}

/**
 * One cut's row on one system, or a RangeError naming what the structure holds.
 *
 * @example
 * ```ts
 * structureOf(result.referenceSystems, 'online-boutique', 'microservices').units; // 9
 * ```
 */
export function structureOf(structures: ReferenceStructures, system: string, cut: string): CutStructure {
  const row = structures.cuts.find((candidate) => candidate.system === system && candidate.cut === cut);
  if (!row) throw new RangeError(`no structure for ${cut} of ${system}; it holds ${structures.cuts.map((c) => `${c.system}/${c.cut}`).join(', ')}`);
  return row;
}

/**
 * One figure of one cut on every system, in a sentence.
 *
 * @example
 * ```ts
 * structureByCut(result.referenceSystems, 'crossUnitContracts', 'microservices');
 * // 'the lab’s checkout 2, Online Boutique 13 and an Alibaba-like call tree 9'
 * ```
 */
export function structureByCut(structures: ReferenceStructures, figure: StructureFigure, cut: string, share = false): string {
  return formatList(
    structures.systems.map((system) => {
      const value = structureOf(structures, system.name, cut)[figure];
      return `${system.title} ${value === null ? 'n/a' : share ? formatPercent(value, 0) : formatNumber(value)}`;
    }),
  );
}

/**
 * One figure of one cut of one system over the same figure of another cut of it; null where there is
 * no ratio to give: either figure is missing (tables on a system without state) or the other cut's is zero.
 */
function ratioBetweenCuts(structures: ReferenceStructures, system: string, figure: StructureFigure, cut: string, relativeTo: string): number | null {
  const value = structureOf(structures, system, cut)[figure];
  const base = structureOf(structures, system, relativeTo)[figure];
  return value === null || base === null || base === 0 ? null : value / base;
}

/** One reference system's figure in one cut over the same figure in another cut. */
export interface StructureRatio {
  /** The system's name, as the structure's rows carry it. */
  readonly system: string;
  readonly title: string;
  /** Null when either figure is missing or the figure in the other cut is zero: a page prints '–', and a test on it must decide what null means. */
  readonly ratio: number | null;
}

/**
 * Per reference system, in the structure's order, one figure in `cut` over the same figure in
 * `relativeTo` (e.g. the nanoservices' contracts over the microservices'). The ratio is null, never
 * Infinity or NaN, when the figure in `relativeTo` is zero or either figure is missing (tables on a
 * system without state).
 *
 * @example
 * ```ts
 * structureRatios(result.referenceSystems, 'crossUnitContracts', 'nanoservices', 'microservices')[0];
 * // { system: 'checkout', title: "The lab's checkout: six functions in a chain", ratio: 2.5 }
 * ```
 */
export function structureRatios(structures: ReferenceStructures, figure: StructureFigure, cut: string, relativeTo: string): StructureRatio[] {
  return structures.systems.map((system) => ({ system: system.name, title: system.title, ratio: ratioBetweenCuts(structures, system.name, figure, cut, relativeTo) }));
}

/**
 * Each system's ratio after its title, in a sentence, as `format` prints a ratio (a missing ratio
 * prints as `format` prints null: '–' for the formats of format.ts).
 *
 * @example
 * ```ts
 * formatRatiosBySystem(structureRatios(result.referenceSystems, 'units', 'nanoservices', 'microservices'));
 * // "The lab's checkout: … 2.00×, Online Boutique: … 1.44× and An Alibaba-like call tree 3.43×"
 * formatRatiosBySystem(structureRatios(result.referenceSystems, 'capabilityIsolation', 'microservices', 'nanoservices'), formatPercent);
 * // "The lab's checkout: … 73%, Online Boutique: … 92% and An Alibaba-like call tree 80%"
 * ```
 */
export function formatRatiosBySystem(ratios: readonly StructureRatio[], format: (ratio: number | null) => string = formatRatio): string {
  return formatList(ratios.map(({ title, ratio }) => `${title} ${format(ratio)}`));
}

/**
 * The titles of the reference systems for which `test(name)` holds, in the structure's order, in a
 * sentence ('a, b and c'); 'none of them' when it holds for none, so that the sentence still reads.
 *
 * @example
 * ```ts
 * systemsWhere(result.referenceSystems, (system) => structureOf(result.referenceSystems, system, 'microservices').entrySurvivesUnitCrash > 0);
 * // 'An Alibaba-like call tree'
 * ```
 */
export function systemsWhere(structures: ReferenceStructures, test: (system: string) => boolean): string {
  return formatList(structures.systems.filter((system) => test(system.name)).map((system) => system.title)) || 'none of them';
}

/** What a structure map draws: one figure, optionally as a ratio to the same figure in another cut. */
export interface StructureMapOptions {
  readonly figure: StructureFigure;
  readonly title: string;
  readonly yLabel: string;
  readonly threshold: number;
  readonly aboveThreshold: string;
  readonly belowThreshold: string;
  /** Draw the figure over the same figure of this cut of the same system (e.g. 'nanoservices'). */
  readonly relativeTo?: string;
  readonly logY?: boolean;
}

/**
 * A verdict map across granularity: for each reference system, the figure at the monolith, its
 * microservices and its nanoservices, placed at their operations per deploy unit (the parameter a
 * cut changes), with each system's own microservices marked, so the page shows where real service
 * sizes fall relative to the flip.
 *
 * @example
 * ```ts
 * structureMap(result.referenceSystems, { figure: 'crossUnitContracts', relativeTo: 'microservices', threshold: 1.1, ... }).lines[0].points;
 * // [{ x: 1, estimate: 2.5 }, { x: 2, estimate: 1 }, { x: 6, estimate: 0 }]
 * ```
 */
export function structureMap(structures: ReferenceStructures, options: StructureMapOptions): VerdictMap {
  const perUnit = (row: CutStructure) => row.operations / row.units;
  // A point without a ratio (nothing in the other cut to divide by, or no tables) sits at zero: a line needs a point at every cut.
  const value = (row: CutStructure): number =>
    options.relativeTo ? (ratioBetweenCuts(structures, row.system, options.figure, row.cut, options.relativeTo) ?? 0) : (row[options.figure] ?? 0);
  return {
    title: options.title,
    xLabel: 'operations per deploy unit (1 = nanoservices; all of them = monolith)',
    yLabel: options.yLabel,
    logX: true,
    logY: options.logY ?? false,
    threshold: options.threshold,
    aboveThreshold: options.aboveThreshold,
    belowThreshold: options.belowThreshold,
    lines: structures.systems.map((system) => ({
      series: system.title,
      points: structures.cuts
        .filter((row) => row.system === system.name)
        .map((row) => ({ x: perUnit(row), estimate: value(row) }))
        .sort((a, b) => a.x - b.x),
    })),
    markers: structures.systems.map((system) => ({
      label: `${system.title}: its microservices`,
      x: perUnit(structureOf(structures, system.name, 'microservices')),
      source: system.file,
    })),
  };
}
