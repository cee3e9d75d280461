import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { TransportName } from '../lab/units/transport.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { exactly } from '../lab/measure/interval.ts';
import { formatList } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';
import { formatRatiosBySystem, structureByCut, structureMap, structureOf, structureRatios, structureTable, systemsWhere } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

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
  /**
   * Business routes a caller on the network reached directly: answered on a real port (http or child
   * processes), with no credential asked (null when no network transport ran).
   */
  readonly reachableRoutes: number | null;
  /** Of those, the routes other than the checkout's entry: a caller reaching them skips the steps before them. */
  readonly reachableSkippingEntry: number | null;
  /** Whether `chargePayment` answered a caller on the network directly, with an amount of the caller's choosing. */
  readonly paymentReachable: boolean | null;
  /**
   * Routes a checkout called over the transport (each unit's middleware recorded them): what must stay
   * reachable for the checkout to work, the least a cut can expose (null when nothing recorded the calls).
   */
  readonly routesTheCheckoutNeedsOpen: number | null;
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
  /** The routes per unit and the calls over the network of each reference system's cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** Shorter alias the page and the report convention use. */
export type Result = SingleEndpointResult;

/** A count as a page prints it, or an en dash when the run did not measure it. */
const countText = (count: number | null) => (count === null ? '–' : String(count));

/** Routes per unit as a shape's units have them: '6' when every unit has as many, '1–3' when they differ. */
const routesPerUnitText = (shape: ShapeRoutesSummary) =>
  shape.minRoutesPerUnit === shape.maxRoutesPerUnit ? String(shape.minRoutesPerUnit) : `${shape.minRoutesPerUnit}–${shape.maxRoutesPerUnit}`;

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
 * shapeRoutesTable(result).rows; // [{ shape: 'monolith', units: 1, routes: 6, reachableRoutes: 6, routesTheCheckoutNeedsOpen: 1, ... }, ...]
 * ```
 */
export function shapeRoutesTable(result: SingleEndpointResult): ResultTable {
  return {
    title: 'Routes and units per shape, and what a caller on the network reaches',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'routes', label: 'routes' },
      { key: 'routesPerUnit', label: 'routes per unit' },
      { key: 'unitsPerRoute', label: 'units to operate per route' },
      { key: 'crossUnitCallsPerCheckout', label: 'calls crossing units per checkout' },
      { key: 'reachableRoutes', label: 'routes a network caller reached' },
      { key: 'reachableSkippingEntry', label: 'of them, skipping the entry' },
      { key: 'paymentReachable', label: 'chargePayment reachable' },
      { key: 'routesTheCheckoutNeedsOpen', label: 'routes the checkout needs open' },
    ],
    rows: result.shapes.map((s) => ({
      shape: s.shape,
      units: s.units,
      routes: s.routes,
      routesPerUnit: routesPerUnitText(s),
      unitsPerRoute: s.unitsPerRoute,
      crossUnitCallsPerCheckout: s.crossUnitCallsPerCheckout,
      reachableRoutes: s.reachableRoutes,
      reachableSkippingEntry: s.reachableSkippingEntry,
      paymentReachable: s.paymentReachable === null ? null : s.paymentReachable ? 'yes' : 'no',
      routesTheCheckoutNeedsOpen: s.routesTheCheckoutNeedsOpen,
    })),
  };
}

/**
 * Routes per unit on each reference system's cuts: a unit serves one route per operation it holds,
 * so the operations deployed together are the routes a caller inside one unit reaches without
 * crossing the network; each call a request makes over the network needs a route reachable there.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[4];
 * // { system: 'Online Boutique: placing an order', cut: 'microservices', units: 9, operationsPerDeploy: '1.6', unitShareOfSystem: '12%', networkCallsPerRequest: 23 }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'Routes per deploy unit on each reference system (counted from its file)', [
    { figure: 'operationsPerDeploy', label: 'routes its unit serves (mean over routes)' },
    { figure: 'unitShareOfSystem', label: 'share of the system’s routes behind one unit (mean)', share: true },
    { figure: 'networkCallsPerRequest', label: 'calls one request makes over the network (the client’s included)' },
  ]);
}

/**
 * The verdict map: the routes the unit of a route serves, over the same in the system's own
 * microservices, across granularity. Below 1 a caller inside one unit reaches fewer routes than in the
 * system's microservices; the nanoservices sit at one route each by definition, so the map shows how
 * far each system's microservices already are from that.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[2].points[0]; // { x: 1, estimate: 0.17 }: the Alibaba-like tree's services hold about six operations each
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'operationsPerDeploy',
    relativeTo: 'microservices',
    title: 'Routes behind one unit, against the system’s own microservices, as the cut gets finer',
    yLabel: 'routes its unit serves ÷ its microservices’',
    threshold: 1,
    aboveThreshold: 'a caller inside one unit reaches more routes than in the system’s own microservices',
    belowThreshold: 'fewer than in its microservices: the single endpoint narrows what one unit holds, not what the network reaches',
  });
}

/** The definition that makes one route per nanoservice true, as the rule's first step quotes it. */
export const oneRouteByDefinition = 'the nanoservice cut puts one function in each unit, and a unit serves one route per function it holds';

/** Whether every unit of a shape answered exactly one business route. */
const oneRouteEach = (shape: ShapeRoutesSummary) => shape.minRoutesPerUnit === 1 && shape.maxRoutesPerUnit === 1;

/**
 * What the counts found, in the terms of the verdict rule. One route per nanoservice is true by the
 * definition of the cut (`byDefinition`, so the rule says not-testable), provided the deployed units
 * really answer only their declared routes; the because-sentence reports what the claim implies
 * instead: which routes a caller on the network reaches in every cut, and how many each cut needs open.
 * Each cut "shows" the property when every one of its units answered exactly one route.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'nanoservices', byDefinition: 'the nanoservice cut puts one function in each unit, ...',
 * //   shownBy: { monolith: false, microservices: false, nanoservices: true }, because: 'One route per nanoservice is the cut's definition. ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const shownBy = Object.fromEntries(result.shapes.map((shape) => [shape.shape, result.declaredMatchesAnswered && result.identicalResults && oneRouteEach(shape)]));
  const nano = pickRow(result.shapes, { shape: 'nanoservices' });
  const monolith = pickRow(result.shapes, { shape: 'monolith' });
  const micro = pickRow(result.shapes, { shape: 'microservices' });
  const cost = { what: 'deploy units for the same routes, against microservices', ratio: exactly(nano.units / micro.units) };
  if (!shownBy.nanoservices) {
    const why = !result.declaredMatchesAnswered ? 'a deployed unit answered other routes than its app declares' : !result.identicalResults ? 'a route returned another receipt than the functions in one call stack' : `nanoservice units answered ${nano.minRoutesPerUnit} to ${nano.maxRoutesPerUnit} routes each`;
    return { credited: 'nanoservices', shownBy, cost, because: `${why}, so the nanoservices did not present one endpoint each` };
  }
  return { credited: 'nanoservices', byDefinition: oneRouteByDefinition, shownBy, cost, because: reachBecause(result.shapes, nano, monolith) };
}

/** The because-sentence: the definition, then what a caller on the network reached and what each cut needs open. */
function reachBecause(shapes: readonly ShapeRoutesSummary[], nano: ShapeRoutesSummary, monolith: ShapeRoutesSummary): string {
  const definition = 'One route per nanoservice is the cut’s definition';
  if (nano.reachableRoutes === null || nano.routesTheCheckoutNeedsOpen === null || monolith.routesTheCheckoutNeedsOpen === null) {
    return `${definition}; this run probed no network transport, so what a caller reaches was not measured`;
  }
  const sameEverywhere = shapes.every((shape) => shape.reachableRoutes === nano.reachableRoutes && shape.paymentReachable === nano.paymentReachable);
  const payment = nano.paymentReachable ? ', chargePayment included,' : '';
  const reached = sameEverywhere ? `all ${nano.reachableRoutes} routes${payment} were reachable in every cut` : `${nano.reachableRoutes} routes${payment} were reachable as nanoservices, ${monolith.reachableRoutes ?? '–'} in the monolith`;
  return `${definition}. It shrinks nothing: ${reached}; nanoservices need ${nano.routesTheCheckoutNeedsOpen} open, the monolith ${monolith.routesTheCheckoutNeedsOpen}`;
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'not-testable', because: 'One route per nanoservice is the cut's definition. ...', rule: 'true by definition: ...' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** One shape's counts, as the page prints them. */
export interface ShapeEndpointFigures {
  /** Deploy units, a count. */
  readonly units: number;
  /** Routes over all units, a count. */
  readonly routes: number;
  /** Routes per unit: one number when every unit has as many, else the range ('1–3'). */
  readonly routesPerUnit: string;
  /** Units to build, deploy, run and watch per route, as recorded (two decimals). */
  readonly unitsPerRoute: number;
  /** Calls from one unit to another in one checkout, a count. */
  readonly crossUnitCallsPerCheckout: number;
  /** Business routes a caller on the network reached directly, a count ('–' when no network transport ran). */
  readonly reachableRoutes: string;
  /** Of those, the routes past the checkout's entry, a count ('–' as above). */
  readonly reachableSkippingEntry: string;
  /** Whether `chargePayment` answered a caller on the network directly: 'yes', 'no' or '–'. */
  readonly paymentReachable: string;
  /** Routes the checkout called over the transport, the least the cut can expose, a count ('–' when nothing recorded the calls). */
  readonly routesTheCheckoutNeedsOpen: string;
}

/** Everything the nano-single-endpoint page prints, read from one result. */
export interface PageFigures {
  /** The transports the shapes were deployed on, joined with commas. */
  readonly transports: string;
  /** The transports among them that listen on a real port, where reachability was probed, joined with 'and' ('–' when none). */
  readonly networkTransports: string;
  /** What a caller on the network reached, compared across the cuts, as the page's sentence says it. */
  readonly reachSentence: string;
  /** Whether every deployed unit answered exactly its declared routes, as the page's sentence says it. */
  readonly routesMatchSentence: string;
  /** Whether every answer equalled the in-process receipt, as the page's sentence says it. */
  readonly receiptsMatchSentence: string;
  /** Per shape: units, routes and what a route costs. */
  readonly byShape: Readonly<Record<ShapeName, ShapeEndpointFigures>>;
  /** Units behind one answer of the nanoservice `validateCart` unit (the checkout's entry), a count. */
  readonly unitsBehindNanoEntry: number;
  /** Units behind one answer of the monolith's one unit, a count. */
  readonly unitsBehindMonolithEntry: number;
  /** Per cut, the routes the unit of a route serves on each reference system (mean over routes), each system in a sentence: 'The lab’s checkout … 2.3, …'. */
  readonly referenceRoutesPerUnit: { readonly monolith: string; readonly microservices: string; readonly nanoservices: string };
  /** Per cut, the share of a reference system's routes behind one unit (mean over routes), each system in a sentence. */
  readonly referenceSystemShare: { readonly microservices: string; readonly nanoservices: string };
  /** Per system, the nanoservices' routes per unit over its microservices' ('… 0.43×, … 0.62× and … 0.17×'): what one endpoint per unit changes. */
  readonly referenceRoutesNanoOverMicro: string;
  /** Per cut, the calls one request makes over the network on each reference system (the client's included), each system in a sentence. */
  readonly referenceNetworkCalls: { readonly microservices: string; readonly nanoservices: string };
  /** The reference systems on which the nanoservices make no more calls over the network than the microservices, in a sentence ('none of them' when none). */
  readonly referenceNoAddedCalls: string;
  /** The verdict map across granularity: routes behind one unit, against the system's own microservices. */
  readonly verdictMap: VerdictMap;
}

/**
 * The figures the page prints: per shape the units, routes, calls between units and what a caller on
 * the network reaches, the two checks of the deployment as sentences, how many units stand behind
 * the checkout's first answer, and the routes per unit and network calls of the reference systems.
 * Throws when the run left out a shape or a unit the page reads.
 *
 * @example
 * ```ts
 * pageFigures(result).byShape.microservices.routesPerUnit; // '1–3'
 * pageFigures(result).unitsBehindNanoEntry; // 6
 * pageFigures(result).reachSentence; // 'in every cut a caller on the network reached all 6 business routes directly'
 * pageFigures(result).referenceRoutesNanoOverMicro; // 'The lab’s checkout … 0.43×, Online Boutique … 0.62× and An Alibaba-like call tree 0.17×'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const shapeFigures = (name: ShapeName): ShapeEndpointFigures => {
    const shape = pickRow(result.shapes, { shape: name });
    return {
      units: shape.units,
      routes: shape.routes,
      routesPerUnit: routesPerUnitText(shape),
      unitsPerRoute: shape.unitsPerRoute,
      crossUnitCallsPerCheckout: shape.crossUnitCallsPerCheckout,
      reachableRoutes: countText(shape.reachableRoutes),
      reachableSkippingEntry: countText(shape.reachableSkippingEntry),
      paymentReachable: shape.paymentReachable === null ? '–' : shape.paymentReachable ? 'yes' : 'no',
      routesTheCheckoutNeedsOpen: countText(shape.routesTheCheckoutNeedsOpen),
    };
  };
  const network = result.transports.filter((name) => name !== 'memory');
  const reach = result.shapes.map((shape) => shape.reachableRoutes);
  const sameReach = reach.every((count) => count !== null && count === reach[0]);
  const reference = result.referenceSystems;
  return {
    transports: result.transports.join(', '),
    networkTransports: network.length > 0 ? formatList(network) : '–',
    reachSentence:
      reach.some((count) => count === null)
        ? 'this run probed no network transport, so what a caller on the network reaches was not measured'
        : sameReach
          ? `in every cut a caller on the network reached all ${reach[0]} business routes directly`
          : `a caller on the network reached ${result.shapes.map((shape) => `${shape.reachableRoutes} routes in the ${shape.shape}`).join(', ')}`,
    routesMatchSentence: result.declaredMatchesAnswered
      ? 'every deployed unit answered exactly the routes its app declares, on every transport'
      : 'some deployed unit answered other routes than its app declares',
    receiptsMatchSentence: result.identicalResults
      ? 'every route that answered returned the same receipt as the six functions called in one call stack'
      : 'some route returned a different receipt',
    byShape: { monolith: shapeFigures('monolith'), microservices: shapeFigures('microservices'), nanoservices: shapeFigures('nanoservices') },
    unitsBehindNanoEntry: pickRow(result.units, { shape: 'nanoservices', unit: 'validateCart' }).maxUnitsBehindOneAnswer,
    unitsBehindMonolithEntry: pickRow(result.units, { shape: 'monolith', unit: 'checkout' }).maxUnitsBehindOneAnswer,
    referenceRoutesPerUnit: {
      monolith: structureByCut(reference, 'operationsPerDeploy', 'monolith'),
      microservices: structureByCut(reference, 'operationsPerDeploy', 'microservices'),
      nanoservices: structureByCut(reference, 'operationsPerDeploy', 'nanoservices'),
    },
    referenceSystemShare: { microservices: structureByCut(reference, 'unitShareOfSystem', 'microservices', true), nanoservices: structureByCut(reference, 'unitShareOfSystem', 'nanoservices', true) },
    referenceRoutesNanoOverMicro: formatRatiosBySystem(structureRatios(reference, 'operationsPerDeploy', 'nanoservices', 'microservices')),
    referenceNetworkCalls: { microservices: structureByCut(reference, 'networkCallsPerRequest', 'microservices'), nanoservices: structureByCut(reference, 'networkCallsPerRequest', 'nanoservices') },
    referenceNoAddedCalls: systemsWhere(reference, (system) => structureOf(reference, system, 'nanoservices').networkCallsPerRequest <= structureOf(reference, system, 'microservices').networkCallsPerRequest),
    verdictMap: referenceSystemsMap(result),
  };
}
