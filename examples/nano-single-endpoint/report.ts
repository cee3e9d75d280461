import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { TransportName } from '../lab/units/transport.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** One deploy unit of one shape: the routes its Hono app declares and the ones it answered when probed. */
export interface UnitRoutesRow {
  readonly shape: ShapeName;
  readonly unit: string;
  /** `POST /<function>` routes read from the unit's Hono app (`app.routes`, middleware left out). */
  readonly declaredRoutes: readonly string[];
  /** Per transport: the routes the deployed unit answered when every checkout route was probed. */
  readonly answeredRoutes: Readonly<Partial<Record<TransportName, readonly string[]>>>;
  /** Routes of this unit a checkout called, recorded by the unit's middleware (-1 when only the process transport ran, which takes none). */
  readonly routesCalledByCheckout: number;
  /** The most units one answer of this unit's routes depended on (the unit counts the hops itself). */
  readonly maxUnitsBehindOneAnswer: number;
}

/** One shape, summed over its units. */
export interface ShapeRoutesSummary {
  readonly shape: ShapeName;
  readonly units: number;
  readonly routes: number;
  readonly minRoutesPerUnit: number;
  readonly maxRoutesPerUnit: number;
  /** Units to build, deploy, run and watch per route the shape offers. */
  readonly unitsPerRoute: number;
  /** Calls from one unit to another in one checkout (network calls minus the client's own). */
  readonly crossUnitCallsPerCheckout: number;
  /** Routes exposed that the checkout never calls, reachable only by a caller who goes around the chain (null when nothing recorded the calls). */
  readonly routesOutsideTheChain: number | null;
}

/** The whole result of a nano-single-endpoint run: plain JSON. */
export interface SingleEndpointResult {
  readonly transports: readonly TransportName[];
  readonly units: readonly UnitRoutesRow[];
  readonly shapes: readonly ShapeRoutesSummary[];
  /** On every transport, every unit answered exactly the routes its app declares, and no other. */
  readonly declaredMatchesAnswered: boolean;
  /** Every answered route returned the receipt the functions return in one call stack. */
  readonly identicalResults: boolean;
}

/**
 * The routes of every unit, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * unitRoutesTable(result).rows[0]; // { shape: 'monolith', unit: 'checkout', routes: 6, ... }
 * ```
 */
export function unitRoutesTable(result: SingleEndpointResult): ResultTable {
  return {
    title: 'Routes per deploy unit (declared by the Hono app, confirmed by probing the deployed unit)',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'unit', label: 'unit' },
      { key: 'routes', label: 'routes' },
      { key: 'paths', label: 'paths' },
      { key: 'answered', label: 'answered when probed' },
      { key: 'routesCalledByCheckout', label: 'called by the checkout' },
      { key: 'maxUnitsBehindOneAnswer', label: 'units behind one answer (max)' },
    ],
    rows: result.units.map((row) => ({
      shape: row.shape,
      unit: row.unit,
      routes: row.declaredRoutes.length,
      paths: row.declaredRoutes.join(' '),
      answered: result.transports.map((t) => `${t}: ${row.answeredRoutes[t]?.length ?? '—'}`).join(', '),
      routesCalledByCheckout: row.routesCalledByCheckout,
      maxUnitsBehindOneAnswer: row.maxUnitsBehindOneAnswer,
    })),
  };
}

/**
 * Routes and units per shape, and what one route costs in units to operate.
 *
 * @example
 * ```ts
 * shapeRoutesTable(result).rows; // [{ shape: 'monolith', units: 1, routes: 6, unitsPerRoute: 0.17, ... }, ...]
 * ```
 */
export function shapeRoutesTable(result: SingleEndpointResult): ResultTable {
  return {
    title: 'Routes and units per shape',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'routes', label: 'routes' },
      { key: 'routesPerUnit', label: 'routes per unit' },
      { key: 'unitsPerRoute', label: 'units to operate per route' },
      { key: 'crossUnitCallsPerCheckout', label: 'calls crossing units per checkout' },
      { key: 'routesOutsideTheChain', label: 'routes the checkout never calls' },
    ],
    rows: result.shapes.map((s) => ({
      shape: s.shape,
      units: s.units,
      routes: s.routes,
      routesPerUnit: s.minRoutesPerUnit === s.maxRoutesPerUnit ? String(s.minRoutesPerUnit) : `${s.minRoutesPerUnit}–${s.maxRoutesPerUnit}`,
      unitsPerRoute: s.unitsPerRoute,
      crossUnitCallsPerCheckout: s.crossUnitCallsPerCheckout,
      routesOutsideTheChain: s.routesOutsideTheChain,
    })),
  };
}

/**
 * The verdict the counts support. The claim holds if every nanoservice unit answers exactly one
 * route while some microservice unit answers several; it holds with a cost if that single endpoint
 * means more units to operate per route and more calls crossing units than microservices need.
 *
 * @example
 * ```ts
 * singleEndpointVerdict(result); // { verdict: 'holds-with-cost', because: 'every one of the 6 nanoservice units ...' }
 * ```
 */
export function singleEndpointVerdict(result: SingleEndpointResult): { verdict: Verdict; because: string } {
  if (!result.declaredMatchesAnswered) return { verdict: 'does-not-hold', because: 'some deployed unit answered other routes than its app declares' };
  if (!result.identicalResults) return { verdict: 'does-not-hold', because: 'some route did not return the receipt the functions return in one call stack' };
  const nano = result.shapes.find((s) => s.shape === 'nanoservices');
  const micro = result.shapes.find((s) => s.shape === 'microservices');
  if (!nano || !micro) return { verdict: 'not-testable', because: 'the run did not deploy both the nanoservice and the microservice shape' };
  if (nano.minRoutesPerUnit !== 1 || nano.maxRoutesPerUnit !== 1) {
    return { verdict: 'does-not-hold', because: `nanoservice units answered ${nano.minRoutesPerUnit} to ${nano.maxRoutesPerUnit} routes each, not exactly one` };
  }
  if (micro.maxRoutesPerUnit <= 1) {
    return { verdict: 'conditional', because: 'every nanoservice unit answered one route, but so did every microservice unit: the shapes do not differ here' };
  }
  const single = `every one of the ${nano.units} nanoservice units answered exactly one route, while microservice units answered up to ${micro.maxRoutesPerUnit}`;
  if (nano.unitsPerRoute > micro.unitsPerRoute && nano.crossUnitCallsPerCheckout > micro.crossUnitCallsPerCheckout) {
    return {
      verdict: 'holds-with-cost',
      because: `${single} (true by construction of the shape); the price is ${nano.unitsPerRoute} unit to operate per route against ${micro.unitsPerRoute} for microservices, and ${nano.crossUnitCallsPerCheckout} calls crossing units per checkout against ${micro.crossUnitCallsPerCheckout}`,
    };
  }
  return { verdict: 'holds', because: `${single}, at no more units per route or calls crossing units than microservices` };
}
