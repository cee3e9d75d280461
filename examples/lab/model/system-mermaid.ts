import { unitOf, type Cut, type System } from './system.ts';

/** How a wide parallel step is drawn: its first calls, a box for the rest, its last call. */
export interface SystemDrawing {
  /** A parallel step that calls more operations than this draws its first three and last one, and a box for the others. */
  readonly maxParallelShown?: number;
}

const quote = (text: string) => text.replaceAll('"', '#quot;');

/**
 * The operations a drawing leaves out: the middle of a parallel step wider than `limit`, when those
 * operations are leaves called from nowhere else (a fan-out to 100 shards draws 4 of them).
 */
function collapsedOperations(system: System, limit: number): Map<string, { from: string; step: number; count: number }> {
  const callers = new Map<string, number>();
  for (const operation of Object.values(system.operations)) for (const step of operation.calls) for (const target of step.targets) callers.set(target, (callers.get(target) ?? 0) + 1);
  const hidden = new Map<string, { from: string; step: number; count: number }>();
  for (const operation of Object.values(system.operations)) {
    operation.calls.forEach((step, index) => {
      if (step.targets.length <= limit) return;
      const middle = step.targets.slice(3, -1);
      const leaves = middle.every((target) => (system.operations[target]?.calls.length ?? 0) === 0 && callers.get(target) === 1);
      if (leaves) for (const target of middle) hidden.set(target, { from: operation.name, step: index, count: middle.length });
    });
  }
  return hidden;
}

/**
 * Draws a system deployed in one of its cuts as a Mermaid flowchart: a box per deploy unit (and
 * per module inside it) holding its operations, and an arrow per call labelled with its step's
 * number: a plain arrow for a call made on its own, a thick one for calls made in parallel, a dotted
 * one for a message published and not waited for. A parallel step wider than `maxParallelShown`
 * (12) draws its first three calls, its last, and one box for the rest. Drawn from the same
 * {@link System} value the lab deploys, so the picture cannot drift from what runs. Its `accTitle`
 * names the system, the cut and its deploy units: the diagram's accessible name on the site.
 *
 * @example
 * ```ts
 * systemToMermaid(shop, 'microservices');
 * // flowchart LR
 * //   accTitle: shop cut as microservices: 3 deploy units
 * //   client(["client"])
 * //   subgraph unit_0["checkout"] ...
 * //   op_0 ==>|"1 · parallel"| op_1
 * ```
 */
export function systemToMermaid(system: System, cutName: string, { maxParallelShown = 12 }: SystemDrawing = {}): string {
  const cut: Cut | undefined = system.cuts[cutName];
  if (!cut) throw new RangeError(`${system.name} has no cut "${cutName}": its cuts are ${Object.keys(system.cuts).join(', ')}`);
  const names = Object.keys(system.operations);
  const id = (name: string) => `op_${names.indexOf(name)}`;
  const hidden = collapsedOperations(system, maxParallelShown);
  const unitCount = cut.units.length;
  // One line: the title runs to the end of its line in Mermaid's grammar.
  const title = `${system.name} cut as ${cutName}: ${unitCount} deploy unit${unitCount === 1 ? '' : 's'}`.replace(/\s+/g, ' ');
  const lines = ['flowchart LR', `  accTitle: ${title}`, '  client(["client"])'];
  const node = (name: string, indent: string) => `${indent}${id(name)}["${quote(name)}"]`;
  let unitsHidden = 0;
  cut.units.forEach((unit, unitIndex) => {
    const shown = unit.operations.filter((name) => !hidden.has(name));
    const left = unit.operations.length - shown.length;
    if (shown.length === 0) {
      unitsHidden += 1;
      return;
    }
    lines.push(`  subgraph unit_${unitIndex}["${quote(unit.name)}"]`);
    if (unit.modules) {
      unit.modules.forEach((module, moduleIndex) => {
        lines.push(`    subgraph module_${unitIndex}_${moduleIndex}["${quote(module.name)} module"]`);
        for (const name of module.operations.filter((operation) => !hidden.has(operation))) lines.push(node(name, '      '));
        lines.push('    end');
      });
    } else {
      for (const name of shown) lines.push(node(name, '    '));
    }
    if (left > 0) lines.push(`    more_${unitIndex}["… ${left} more like these"]`);
    lines.push('  end');
  });
  if (unitsHidden > 0) lines.push(`  more_units["… ${unitsHidden} more units like these"]`);
  lines.push(`  client -->|request| ${id(system.entry)}`);
  const drawnMore = new Set<string>();
  for (const operation of Object.values(system.operations)) {
    operation.calls.forEach((step, index) => {
      const parallel = step.targets.length > 1;
      const label = `${index + 1}${step.mode === 'async' ? ' · async' : parallel ? ' · parallel' : ''}`;
      const arrow = step.mode === 'async' ? '-.->' : parallel ? '==>' : '-->';
      for (const target of step.targets) {
        const collapsed = hidden.get(target);
        if (!collapsed) {
          lines.push(`  ${id(operation.name)} ${arrow}|"${label}"| ${id(target)}`);
          continue;
        }
        // One arrow to each box that stands for the collapsed calls of this step.
        const unitIndex = cut.units.indexOf(unitOf(cut, target));
        const box = cut.units[unitIndex]?.operations.some((name) => !hidden.has(name)) ? `more_${unitIndex}` : 'more_units';
        const key = `${operation.name}/${index}/${box}`;
        if (drawnMore.has(key)) continue;
        drawnMore.add(key);
        lines.push(`  ${id(operation.name)} ${arrow}|"${label}"| ${box}`);
      }
    });
  }
  return lines.join('\n');
}
