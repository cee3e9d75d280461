import { median } from '../measure/stats.ts';
import { graphShape, type Distribution, type System } from './system.ts';

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * A system in a few lines, as `npm run lab -- check` prints it and the docs pages show it: what it
 * is, the shape of its call graph (to set beside the published figures), its cuts and what it cites.
 *
 * @example
 * ```ts
 * systemSummary(shop, 'examples/systems/shop.json');
 * // ['shop: A small shop …', '  file: examples/systems/shop.json', '  entry: checkout; 5 operations; depth 1; …', …]
 * ```
 */
export function systemSummary(system: System, file: string): string[] {
  const shape = graphShape(system);
  const cuts = Object.values(system.cuts).map((cut) => `${cut.name} (${cut.units.length} unit${cut.units.length === 1 ? '' : 's'})`);
  return [
    `${system.name}: ${system.title}`,
    `  file: ${file}`,
    `  entry: ${system.entry}; ${shape.operations} operations; depth ${shape.depth}; fan-out max ${shape.maxFanOut}, median ${shape.medianFanOut}; ${round2(shape.asyncShare * 100)} % of calls asynchronous`,
    `  cuts: ${cuts.join(', ')}`,
    `  sources: ${system.sources.length}; assumptions: ${system.assumptions.length}`,
  ];
}

/**
 * The facts of a system a page lists: the size and shape of its call graph, and its cuts.
 *
 * @example
 * ```ts
 * systemFacts(shop);
 * // ['5 operations, entry checkout', 'depth 1 (calls on the longest path); fan-out max 4, median 4', '25 % of calls asynchronous', 'cuts: …']
 * ```
 */
export function systemFacts(system: System): string[] {
  const shape = graphShape(system);
  return [
    `${shape.operations} operations, entry ${system.entry}`,
    `depth ${shape.depth} (calls on the longest path); fan-out max ${shape.maxFanOut}, median ${shape.medianFanOut}`,
    `${round2(shape.asyncShare * 100)} % of calls asynchronous`,
    `cuts: ${Object.values(system.cuts)
      .map((cut) => `${cut.name} (${cut.units.length} unit${cut.units.length === 1 ? '' : 's'})`)
      .join(', ')}`,
  ];
}

const medianOf = (distribution: Distribution | undefined) => (distribution === undefined ? 0 : typeof distribution === 'number' ? distribution : distribution.median);

/**
 * The work a typical call of a system does, in microseconds: the median over its operations of each
 * operation's median CPU time plus median waiting time. Where verdict maps place a reference system
 * on the "work per call" axis.
 *
 * @example
 * ```ts
 * medianWorkPerCallUs(system); // 900 for a tree of leaves working 300 µs and waiting 600 µs
 * ```
 */
export function medianWorkPerCallUs(system: System): number {
  const works = Object.values(system.operations).map((operation) => medianOf(operation.work.cpuUs) + medianOf(operation.work.waitUs));
  return works.length === 0 ? 0 : median(works);
}
