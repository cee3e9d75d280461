import { shapeCalls, type AnyShape } from './shapes.ts';

/**
 * Draws a shape as a Mermaid flowchart: one box per deploy unit holding its functions (inside a box
 * per module when the unit is divided into modules), a thin arrow for a call inside a unit (labelled
 * where it passes from one module to another), a thick arrow for a call that crosses the transport. Drawn from the same
 * {@link Shape} value that {@link deployShape} deploys, so the picture cannot drift from the code.
 * Its `accTitle` names the shape and its deploy units: the diagram's accessible name on the site.
 *
 * @example
 * ```ts
 * toMermaid(microservices);
 * // flowchart LR
 * //   accTitle: The checkout cut as microservices: 3 deploy units
 * //   client(["client"])
 * //   subgraph unit_cart["cart"] ...
 * ```
 */
export function toMermaid(shape: AnyShape): string {
  const units = shape.units.length;
  const lines = ['flowchart LR', `  accTitle: The checkout cut as ${shape.name}: ${units} deploy unit${units === 1 ? '' : 's'}`, '  client(["client"])'];
  for (const unit of shape.units) {
    lines.push(`  subgraph unit_${unit.name}["${unit.name}"]`);
    if (unit.modules) {
      for (const module of unit.modules) {
        lines.push(`    subgraph module_${module.name}["${module.name} module"]`);
        for (const fn of module.functions) lines.push(`      ${fn}["${fn}()"]`);
        lines.push('    end');
      }
    } else {
      for (const fn of unit.functions) lines.push(`    ${fn}["${fn}()"]`);
    }
    lines.push('  end');
  }
  const entry = shape.units[0]?.functions[0];
  if (entry) lines.push(`  client ==>|network| ${entry}`);
  for (const call of shapeCalls(shape)) {
    if (call.crossesUnits) lines.push(`  ${call.from} ==>|network| ${call.to}`);
    else if (call.crossesModules) lines.push(`  ${call.from} -->|module interface| ${call.to}`);
    else lines.push(`  ${call.from} --> ${call.to}`);
  }
  return lines.join('\n');
}
