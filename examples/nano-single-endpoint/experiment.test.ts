import { beforeAll, describe, expect, it } from 'vitest';
import { stepNames } from '../checkout/steps.ts';
import { claimById } from '../claims/registry.ts';
import { shapeCalls, shapes } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { findingFor, verdictFor, type ShapeRoutesSummary, type SingleEndpointResult } from './report.ts';
import { wordCount } from '../lab/experiment/verdict-rule.ts';

let result: SingleEndpointResult;
const summary = (shape: string) => {
  const found = result.shapes.find((s) => s.shape === shape);
  if (!found) throw new Error(`no summary for ${shape}`);
  return found;
};

describe('nano-single-endpoint (quick run: memory and http)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 60_000);

  it('every deployed unit answers exactly the routes its Hono app declares, on every transport, and 404s the rest', () => {
    expect(result.transports).toEqual(['memory', 'http']);
    expect(result.declaredMatchesAnswered).toBe(true);
    for (const row of result.units) {
      expect(row.answeredRoutes.memory).toEqual(row.declaredRoutes);
      expect(row.answeredRoutes.http).toEqual(row.declaredRoutes);
    }
  });

  it('every answered route returns the receipt the functions return in one call stack', () => {
    expect(result.identicalResults).toBe(true);
  });

  it('every nanoservice unit exposes exactly one route, named after its one function', () => {
    const nanoUnits = result.units.filter((row) => row.shape === 'nanoservices');
    expect(nanoUnits).toHaveLength(stepNames.length);
    for (const row of nanoUnits) expect(row.declaredRoutes).toEqual([`/${row.unit}`]);
  });

  it('microservice units expose several routes (3, 2 and 1) and the monolith all six', () => {
    const micro = result.units.filter((row) => row.shape === 'microservices').map((row) => row.declaredRoutes.length);
    expect(micro).toEqual([3, 2, 1]);
    expect(result.units.find((row) => row.shape === 'monolith')?.declaredRoutes).toHaveLength(6);
  });

  it('the same six routes cost 6 units and 5 cross-unit calls as nanoservices, 3 and 2 as microservices, 1 and 0 as a monolith', () => {
    expect([summary('monolith'), summary('microservices'), summary('nanoservices')].map((s) => [s.units, s.routes, s.crossUnitCallsPerCheckout])).toEqual([
      [1, 6, 0],
      [3, 6, 2],
      [6, 6, 5],
    ]);
    for (const shape of Object.values(shapes)) {
      expect(summary(shape.name).crossUnitCallsPerCheckout).toBe(shapeCalls(shape).filter((call) => call.crossesUnits).length);
    }
    expect(summary('nanoservices').unitsPerRoute).toBe(1);
    expect(summary('microservices').unitsPerRoute).toBe(0.5);
  });

  it('one route per unit shrinks nothing on the network: in every cut all six routes, chargePayment included, answer a caller directly', () => {
    for (const shape of ['monolith', 'microservices', 'nanoservices']) {
      expect(summary(shape).reachableRoutes).toBe(6);
      expect(summary(shape).reachableSkippingEntry).toBe(5);
      expect(summary(shape).paymentReachable).toBe(true);
    }
  });

  it('the checkout calls one route per unit over the transport, so a cut needs open as many routes as it has units: 1, 3 and 6', () => {
    for (const row of result.units) expect(row.routesCalledByCheckout).toBe(1);
    expect([summary('monolith'), summary('microservices'), summary('nanoservices')].map((s) => s.routesTheCheckoutNeedsOpen)).toEqual([1, 3, 6]);
  });

  it('one endpoint is not one unit of work: the answer of the first nanoservice depends on all six units', () => {
    expect(result.units.find((row) => row.shape === 'nanoservices' && row.unit === 'validateCart')?.maxUnitsBehindOneAnswer).toBe(6);
    expect(result.units.find((row) => row.shape === 'monolith')?.maxUnitsBehindOneAnswer).toBe(1);
  });

  it('supports the verdict the registry publishes: one route per nanoservice is true by definition, so not testable', () => {
    expect(verdictFor(result).verdict).toBe(claimById('nano-single-endpoint').verdict);
    expect(verdictFor(result).verdict).toBe('not-testable');
    expect(findingFor(result).shownBy).toEqual({ monolith: false, microservices: false, nanoservices: true });
  });

  it('prints one row per shape and one row per unit', () => {
    const [perShape, perUnit] = experiment.tables(result);
    expect(perShape?.rows).toHaveLength(3);
    expect(perUnit?.rows).toHaveLength(1 + 3 + 6);
  });
});

describe('findingFor', () => {
  const shape = (name: ShapeRoutesSummary['shape'], units: number, min: number, max: number, reachable: number | null): ShapeRoutesSummary => ({
    shape: name,
    units,
    routes: 6,
    minRoutesPerUnit: min,
    maxRoutesPerUnit: max,
    unitsPerRoute: Math.round((units / 6) * 100) / 100,
    crossUnitCallsPerCheckout: units - 1,
    reachableRoutes: reachable,
    reachableSkippingEntry: reachable === null ? null : reachable - 1,
    paymentReachable: reachable === null ? null : true,
    routesTheCheckoutNeedsOpen: units,
  });
  const base: SingleEndpointResult = {
    referenceSystems: { systems: [], cuts: [] },
    transports: ['memory', 'http'],
    units: [],
    shapes: [shape('monolith', 1, 6, 6, 6), shape('microservices', 3, 1, 3, 6), shape('nanoservices', 6, 1, 1, 6)],
    declaredMatchesAnswered: true,
    identicalResults: true,
  };

  it('is true by definition when every nanoservice unit answers one route, and says what every cut exposes', () => {
    expect(verdictFor(base).verdict).toBe('not-testable');
    expect(findingFor(base).because).toBe('One route per nanoservice is the cut’s definition. It shrinks nothing: all 6 routes, chargePayment included, were reachable in every cut; nanoservices need 6 open, the monolith 1');
    expect(wordCount(findingFor(base).because)).toBeLessThanOrEqual(30);
  });

  it('names each cut’s reach when the cuts differ', () => {
    const closed = { ...base, shapes: [shape('monolith', 1, 6, 6, 1), shape('microservices', 3, 1, 3, 3), shape('nanoservices', 6, 1, 1, 6)] };
    expect(findingFor(closed).because).toContain('6 routes, chargePayment included, were reachable as nanoservices, 1 in the monolith');
  });

  it('says reach was not measured when no network transport ran', () => {
    const memoryOnly = { ...base, shapes: base.shapes.map((s) => ({ ...s, reachableRoutes: null, reachableSkippingEntry: null, paymentReachable: null })) };
    expect(findingFor(memoryOnly).because).toContain('probed no network transport');
  });

  it('does not hold when a nanoservice unit answers two routes, or a unit answers routes its app does not declare', () => {
    expect(verdictFor({ ...base, shapes: [shape('monolith', 1, 6, 6, 6), shape('microservices', 3, 1, 3, 6), shape('nanoservices', 5, 1, 2, 6)] }).verdict).toBe('does-not-hold');
    expect(verdictFor({ ...base, declaredMatchesAnswered: false }).verdict).toBe('does-not-hold');
  });
});
