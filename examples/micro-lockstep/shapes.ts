import { microservices, type Shape, type ShapeName } from '../lab/model/shapes.ts';

/**
 * The distributed monolith: the same three units as the microservices shape, deployed the same way;
 * what differs is in the dependency graph (one shared DTO library at one pinned version), not the cut.
 *
 * @example
 * ```ts
 * distributedMonolith.units.map((unit) => unit.name); // ['cart', 'billing', 'receipts']
 * ```
 */
export const distributedMonolith: Shape = {
  name: 'distributed monolith' as ShapeName,
  description: 'three units sharing one DTO library at one pinned version',
  units: microservices.units,
};
