import { beforeAll, describe, expect, it } from 'vitest';
import { stepNames } from '../checkout/steps.ts';
import { claimById } from '../claims/registry.ts';
import { shapeCalls, shapes } from '../lab/model/shapes.ts';
import { experiment } from './experiment.ts';
import { singleEndpointVerdict, type ShapeRoutesSummary, type SingleEndpointResult } from './report.ts';

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

  it('the checkout calls one route per unit: only nanoservices expose no route the checkout leaves unused', () => {
    for (const row of result.units) expect(row.routesCalledByCheckout).toBe(1);
    expect([summary('monolith'), summary('microservices'), summary('nanoservices')].map((s) => s.routesOutsideTheChain)).toEqual([5, 3, 0]);
  });

  it('one endpoint is not one unit of work: the answer of the first nanoservice depends on all six units', () => {
    expect(result.units.find((row) => row.shape === 'nanoservices' && row.unit === 'validateCart')?.maxUnitsBehindOneAnswer).toBe(6);
    expect(result.units.find((row) => row.shape === 'monolith')?.maxUnitsBehindOneAnswer).toBe(1);
  });

  it('supports the verdict the registry publishes', () => {
    expect(experiment.verdict(result).verdict).toBe(claimById('nano-single-endpoint').verdict);
    expect(experiment.verdict(result).verdict).toBe('holds-with-cost');
  });

  it('prints one row per shape and one row per unit', () => {
    const [perShape, perUnit] = experiment.tables(result);
    expect(perShape?.rows).toHaveLength(3);
    expect(perUnit?.rows).toHaveLength(1 + 3 + 6);
  });
});

describe('singleEndpointVerdict', () => {
  const shape = (name: ShapeRoutesSummary['shape'], units: number, min: number, max: number, cross: number): ShapeRoutesSummary => ({
    shape: name,
    units,
    routes: 6,
    minRoutesPerUnit: min,
    maxRoutesPerUnit: max,
    unitsPerRoute: Math.round((units / 6) * 100) / 100,
    crossUnitCallsPerCheckout: cross,
    routesOutsideTheChain: 6 - units,
  });
  const base: SingleEndpointResult = {
    transports: ['memory'],
    units: [],
    shapes: [shape('microservices', 3, 1, 3, 2), shape('nanoservices', 6, 1, 1, 5)],
    declaredMatchesAnswered: true,
    identicalResults: true,
  };

  it('holds with a cost when nano units have one route each but need more units and hops', () => {
    expect(singleEndpointVerdict(base).verdict).toBe('holds-with-cost');
  });

  it('does not hold when a nanoservice unit answers two routes', () => {
    expect(singleEndpointVerdict({ ...base, shapes: [shape('microservices', 3, 1, 3, 2), shape('nanoservices', 5, 1, 2, 4)] }).verdict).toBe('does-not-hold');
  });

  it('does not hold when a deployed unit answers routes its app does not declare', () => {
    expect(singleEndpointVerdict({ ...base, declaredMatchesAnswered: false }).verdict).toBe('does-not-hold');
  });

  it('is conditional when microservice units also have one route each', () => {
    expect(singleEndpointVerdict({ ...base, shapes: [shape('microservices', 6, 1, 1, 5), shape('nanoservices', 6, 1, 1, 5)] }).verdict).toBe('conditional');
  });
});
