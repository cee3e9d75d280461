import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-single-endpoint.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { pageFigures, referenceSystemsTable, shapeRoutesTable, type Result, type UnitRoutesRow } from './report.ts';

const unit = (shape: UnitRoutesRow['shape'], name: string, maxUnitsBehindOneAnswer: number): UnitRoutesRow => ({
  shape,
  unit: name,
  declaredRoutes: [`/${name}`],
  answeredRoutes: { memory: [`/${name}`] },
  routesCalledByCheckout: 1,
  maxUnitsBehindOneAnswer,
});

// Every count differs between shapes, so a count read from the wrong shape reads wrong.
const result: Result = {
  transports: ['memory', 'http', 'process'],
  units: [unit('monolith', 'checkout', 2), unit('nanoservices', 'validateCart', 7), unit('nanoservices', 'priceCart', 5), unit('microservices', 'cart', 4)],
  shapes: [
    { shape: 'monolith', units: 1, routes: 6, minRoutesPerUnit: 6, maxRoutesPerUnit: 6, unitsPerRoute: 0.17, crossUnitCallsPerCheckout: 0, reachableRoutes: 6, reachableSkippingEntry: 5, paymentReachable: true, routesTheCheckoutNeedsOpen: 1 },
    { shape: 'microservices', units: 3, routes: 7, minRoutesPerUnit: 1, maxRoutesPerUnit: 4, unitsPerRoute: 0.43, crossUnitCallsPerCheckout: 2, reachableRoutes: 7, reachableSkippingEntry: 6, paymentReachable: false, routesTheCheckoutNeedsOpen: null },
    { shape: 'nanoservices', units: 8, routes: 8, minRoutesPerUnit: 1, maxRoutesPerUnit: 1, unitsPerRoute: 1, crossUnitCallsPerCheckout: 7, reachableRoutes: 8, reachableSkippingEntry: 7, paymentReachable: true, routesTheCheckoutNeedsOpen: 8 },
  ],
  declaredMatchesAnswered: true,
  identicalResults: true,
  referenceSystems: referenceStructures(),
};

describe('pageFigures', () => {
  it('reads each shape’s counts, the range of routes per unit when the units differ', () => {
    const figures = pageFigures(result);
    expect(figures.byShape.monolith).toEqual({
      units: 1,
      routes: 6,
      routesPerUnit: '6',
      unitsPerRoute: 0.17,
      crossUnitCallsPerCheckout: 0,
      reachableRoutes: '6',
      reachableSkippingEntry: '5',
      paymentReachable: 'yes',
      routesTheCheckoutNeedsOpen: '1',
    });
    expect(figures.byShape.microservices).toMatchObject({ units: 3, routes: 7, routesPerUnit: '1–4', unitsPerRoute: 0.43, crossUnitCallsPerCheckout: 2, paymentReachable: 'no' });
    expect(figures.byShape.nanoservices).toMatchObject({ units: 8, routesPerUnit: '1', crossUnitCallsPerCheckout: 7, reachableRoutes: '8', routesTheCheckoutNeedsOpen: '8' });
  });

  it('reads routes nothing recorded as a dash, not as an empty figure', () => {
    expect(pageFigures(result).byShape.microservices.routesTheCheckoutNeedsOpen).toBe('–');
  });

  it('says what a network caller reached in each cut, in one phrase when every cut reached as many', () => {
    expect(pageFigures(result).reachSentence).toBe('a caller on the network reached 6 routes in the monolith, 7 routes in the microservices, 8 routes in the nanoservices');
    const same = { ...result, shapes: result.shapes.map((shape) => ({ ...shape, reachableRoutes: 6 })) };
    expect(pageFigures(same).reachSentence).toBe('in every cut a caller on the network reached all 6 business routes directly');
    expect(pageFigures(result).networkTransports).toBe('http and process');
    const memoryOnly = { ...result, transports: ['memory' as const], shapes: result.shapes.map((shape) => ({ ...shape, reachableRoutes: null })) };
    expect(pageFigures(memoryOnly).reachSentence).toBe('this run probed no network transport, so what a caller on the network reaches was not measured');
    expect(pageFigures(memoryOnly).networkTransports).toBe('–');
  });

  it('reads the units behind the entry unit’s answer in the nanoservices and in the monolith', () => {
    const figures = pageFigures(result);
    expect([figures.unitsBehindNanoEntry, figures.unitsBehindMonolithEntry]).toEqual([7, 2]);
  });

  it('says both deployment checks in words, whichever way they went', () => {
    const passed = pageFigures(result);
    expect(passed.transports).toBe('memory, http, process');
    expect(passed.routesMatchSentence).toBe('every deployed unit answered exactly the routes its app declares, on every transport');
    expect(passed.receiptsMatchSentence).toBe('every route that answered returned the same receipt as the six functions called in one call stack');
    const failed = pageFigures({ ...result, declaredMatchesAnswered: false, identicalResults: false });
    expect(failed.routesMatchSentence).toBe('some deployed unit answered other routes than its app declares');
    expect(failed.receiptsMatchSentence).toBe('some route returned a different receipt');
  });

  it('throws, naming the unit, when the run left out the nanoservice entry unit', () => {
    expect(() => pageFigures({ ...result, units: result.units.filter((row) => row.unit !== 'validateCart') })).toThrow('validateCart');
  });

  it('reads the routes behind one unit on each reference system, and the calls the finer cut adds over the network', () => {
    const figures = pageFigures(result);
    // Counted from the files: a unit serves one route per operation it holds. The checkout's microservices (3 + 2 + 1 operations)
    // give (3·3 + 2·2 + 1)/6 = 2.3 routes per route's unit, Online Boutique's (four services of two, five of one) 21/13 = 1.6,
    // the Alibaba-like tree's 140/24 = 5.8.
    expect(figures.referenceRoutesPerUnit.monolith).toMatch(/checkout.* 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    expect(figures.referenceRoutesPerUnit.microservices).toMatch(/checkout.* 2\.3, Online Boutique.* 1\.6 and .*Alibaba.* 5\.8$/);
    expect(figures.referenceRoutesPerUnit.nanoservices).toMatch(/checkout.* 1, Online Boutique.* 1 and .*Alibaba.* 1$/);
    expect(figures.referenceSystemShare.microservices).toMatch(/checkout.* 39%, Online Boutique.* 12% and .*Alibaba.* 24%$/);
    expect(figures.referenceSystemShare.nanoservices).toMatch(/checkout.* 17%, Online Boutique.* 8% and .*Alibaba.* 4%$/);
    expect(figures.referenceRoutesNanoOverMicro).toMatch(/checkout.* 0\.43×, Online Boutique.* 0\.62× and .*Alibaba.* 0\.17×$/);
    // Online Boutique's services do not call their own operations, so splitting them adds no call; the checkout's chain and the tree's services do.
    expect(figures.referenceNetworkCalls.microservices).toMatch(/checkout.* 3, Online Boutique.* 23 and .*Alibaba.* 10$/);
    expect(figures.referenceNetworkCalls.nanoservices).toMatch(/checkout.* 6, Online Boutique.* 23 and .*Alibaba.* 27$/);
    expect(figures.referenceNoAddedCalls).toMatch(/^Online Boutique/);
    expect(figures.verdictMap.lines.map((line) => line.points.map((point) => Math.round(point.estimate * 100) / 100))).toEqual([
      [0.43, 1, 2.57],
      [0.62, 1, 8.05],
      [0.17, 1, 4.11],
    ]);
    expect(referenceSystemsTable(result).rows).toHaveLength(9);
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('shapeRoutesTable', () => {
  it('shows routes per unit the way the page does', () => {
    expect(shapeRoutesTable(result).rows.map((row) => row.routesPerUnit)).toEqual(['6', '1–4', '1']);
  });
});
