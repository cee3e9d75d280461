import { shapeCalls, type Shape } from './shapes.ts';

/**
 * Draws a shape as a Mermaid flowchart: one box per deploy unit holding its functions, a thin arrow
 * for a call inside a unit, a thick arrow for a call that crosses the transport. Drawn from the same
 * {@link Shape} value that {@link deployShape} deploys, so the picture cannot drift from the code.
 *
 * @example
 * ```ts
 * toMermaid(microservices);
 * // flowchart LR
 * //   client(["client"])
 * //   subgraph unit_cart["cart"] ...
 * ```
 */
export function toMermaid(shape: Shape): string {
  const lines = ['flowchart LR', '  client(["client"])'];
  for (const unit of shape.units) {
    lines.push(`  subgraph unit_${unit.name}["${unit.name}"]`);
    for (const fn of unit.functions) lines.push(`    ${fn}["${fn}()"]`);
    lines.push('  end');
  }
  const entry = shape.units[0]?.functions[0];
  if (entry) lines.push(`  client ==>|network| ${entry}`);
  for (const call of shapeCalls(shape)) {
    lines.push(call.crossesUnits ? `  ${call.from} ==>|network| ${call.to}` : `  ${call.from} --> ${call.to}`);
  }
  return lines.join('\n');
}
