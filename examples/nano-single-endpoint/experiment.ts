import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { CheckoutError } from '../checkout/checkout-error.ts';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess, stepNames, type StepName } from '../checkout/steps.ts';
import { deployShape } from '../lab/units/deploy.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { httpTransport } from '../lab/network/http-transport.ts';
import { memoryTransport } from '../lab/units/memory-transport.ts';
import { processTransport } from '../lab/network/process-transport.ts';
import { shapes, type Shape } from '../lab/model/shapes.ts';
import { transportNames, type CallUnit, type Transport, type TransportName } from '../lab/units/transport.ts';
import { createUnitApp, type UnitOptions } from '../lab/units/unit-app.ts';
import { findingFor, shapeRoutesTable, unitRoutesTable, type ShapeRoutesSummary, type SingleEndpointResult, type UnitRoutesRow } from './report.ts';

const transports: Record<TransportName, Transport> = { memory: memoryTransport, http: httpTransport, process: processTransport };
/** The transports on which a unit listens on a real port: only there is a route reachable by another host. */
const networkTransports: readonly TransportName[] = ['http', 'process'];

const params = z.object({
  transports: z.array(z.enum(transportNames)).min(1).default(['memory', 'http', 'process']),
});

/** What probing one route of one deployed unit found. */
interface RouteProbe {
  readonly route: StepName;
  readonly status: number;
  readonly networkCalls: number;
  readonly value: unknown;
}

/**
 * nano-single-endpoint: deploys every shape, reads the routes each unit's Hono app declares, then
 * probes every checkout route on every deployed unit (with the input that route expects) to confirm
 * which ones the unit really answers. One route per nanoservice is the cut's definition, so the
 * experiment tests what the claim implies instead: which business routes a caller on the network
 * reaches directly, in every cut, and how many of them the checkout needs open. It also counts units,
 * calls that cross units, and how many units stand behind one route's answer.
 */
export const experiment = defineExperiment({
  id: 'nano-single-endpoint',
  title: 'One endpoint per nanoservice: what a caller on the network can reach, in every cut',
  params,
  quick: { transports: ['memory', 'http'] },
  tables: (result) => [shapeRoutesTable(result), unitRoutesTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<SingleEndpointResult> {
    const transportList = [...new Set(p.transports)];
    const allShapes = Object.values(shapes);
    const total = transportList.length * allShapes.length;
    let done = 0;
    const receipt = runCheckoutInProcess(sampleCart);

    const units = new Map<string, { shape: Shape; unit: string; declared: string[]; answered: Partial<Record<TransportName, string[]>>; maxUnits: number; calledByCheckout: number }>();
    for (const shape of allShapes) {
      for (const unit of shape.units) units.set(`${shape.name}/${unit.name}`, { shape, unit: unit.name, declared: declaredRoutes(shape, unit.name), answered: {}, maxUnits: 0, calledByCheckout: -1 });
    }

    let identicalResults = true;
    const crossUnitCalls = new Map<string, number>();
    for (const transportName of transportList) {
      for (const shape of allShapes) {
        // Each unit notes the routes it serves while a checkout runs (the process transport takes no middleware).
        const calledByCheckout = new Set<string>();
        let recording = false;
        const recorder = (unit: string): UnitOptions => ({
          middleware: [
            async (c, next) => {
              if (recording) calledByCheckout.add(`${unit} ${c.req.path}`);
              await next();
            },
          ],
        });
        const deployment = await deployShape(shape, transports[transportName], transportName === 'process' ? {} : { unitOptions: recorder });
        try {
          recording = true;
          const checkout = await deployment.checkout(sampleCart);
          recording = false;
          if (transportName !== 'process') {
            for (const unit of shape.units) {
              const entry = units.get(`${shape.name}/${unit.name}`);
              if (entry) entry.calledByCheckout = [...calledByCheckout].filter((key) => key.startsWith(`${unit.name} `)).length;
            }
          }
          crossUnitCalls.set(shape.name, checkout.networkCalls - 1);
          identicalResults &&= isDeepStrictEqual(checkout.value, receipt);
          for (const unit of shape.units) {
            const entry = units.get(`${shape.name}/${unit.name}`);
            if (!entry) throw new Error(`unit ${unit.name} of ${shape.name} was not listed`);
            const probes: RouteProbe[] = [];
            // Every checkout route, on every unit: a unit must answer its own routes and 404 the rest.
            for (const route of stepNames) probes.push(await probeRoute(deployment.call, unit.name, route));
            const answered = probes.filter((probe) => probe.status !== 404);
            entry.answered[transportName] = answered.map((probe) => `/${probe.route}`);
            entry.maxUnits = Math.max(entry.maxUnits, ...answered.map((probe) => probe.networkCalls));
            identicalResults &&= answered.every((probe) => probe.status === 200 && isDeepStrictEqual(probe.value, receipt));
          }
        } finally {
          await deployment.close();
        }
        onProgress?.({ done: ++done, total, label: `${transportName} · ${shape.name}: ${shape.units.length} units probed` });
      }
    }

    const unitRows: UnitRoutesRow[] = [...units.values()].map((entry) => ({
      shape: entry.shape.name,
      unit: entry.unit,
      declaredRoutes: entry.declared,
      answeredRoutes: entry.answered,
      routesCalledByCheckout: entry.calledByCheckout,
      maxUnitsBehindOneAnswer: entry.maxUnits,
    }));
    const declaredMatchesAnswered = unitRows.every((row) => transportList.every((t) => isDeepStrictEqual(row.answeredRoutes[t], row.declaredRoutes)));
    const probedOnNetwork = transportList.filter((name) => networkTransports.includes(name));
    const summaries: ShapeRoutesSummary[] = allShapes.map((shape) => {
      const shapeRows = unitRows.filter((row) => row.shape === shape.name);
      const counts = shapeRows.map((row) => row.declaredRoutes.length);
      const recorded = shapeRows.every((row) => row.routesCalledByCheckout >= 0);
      const routes = counts.reduce((sum, count) => sum + count, 0);
      // A route is reachable when the unit answered it on a real port, on any network transport probed.
      const reachable = shapeRows.flatMap((row) => [...new Set(probedOnNetwork.flatMap((name) => row.answeredRoutes[name] ?? []))].map((route) => `${row.unit}${route}`));
      const entry = `${shape.units[0]?.name ?? ''}/${shape.units[0]?.functions[0] ?? ''}`;
      const network = probedOnNetwork.length > 0;
      return {
        shape: shape.name,
        units: counts.length,
        routes,
        minRoutesPerUnit: Math.min(...counts),
        maxRoutesPerUnit: Math.max(...counts),
        unitsPerRoute: Math.round((counts.length / routes) * 100) / 100,
        crossUnitCallsPerCheckout: crossUnitCalls.get(shape.name) ?? -1,
        reachableRoutes: network ? reachable.length : null,
        reachableSkippingEntry: network ? reachable.filter((route) => route !== entry).length : null,
        paymentReachable: network ? reachable.some((route) => route.endsWith('/chargePayment')) : null,
        routesTheCheckoutNeedsOpen: recorded ? shapeRows.reduce((sum, row) => sum + row.routesCalledByCheckout, 0) : null,
      };
    });
    return { transports: transportList, units: unitRows, shapes: summaries, declaredMatchesAnswered, identicalResults, referenceSystems: referenceStructures() };
  },
});

/** The `POST` routes of a unit's Hono app; middleware (`ALL /*`) is not an endpoint. */
function declaredRoutes(shape: Shape, unitName: string): string[] {
  const unused: CallUnit = () => Promise.reject(new Error('route listing never calls another unit'));
  return createUnitApp(shape, unitName, unused)
    .routes.filter((route) => route.method === 'POST')
    .map((route) => route.path);
}

/** Calls one route of a deployed unit with the input that route's function expects; records the HTTP status. */
async function probeRoute(call: CallUnit, unit: string, route: StepName): Promise<RouteProbe> {
  const input = runCheckoutInProcess(sampleCart, stepNames.indexOf(route));
  try {
    const answer = await call(unit, route, input);
    return { route, status: 200, networkCalls: answer.networkCalls, value: answer.value };
  } catch (error) {
    if (error instanceof CheckoutError) return { route, status: 422, networkCalls: 0, value: null };
    const status = /unit answered (\d{3})/.exec(error instanceof Error ? error.message : '')?.[1];
    if (!status) throw error;
    return { route, status: Number(status), networkCalls: 0, value: null };
  }
}
