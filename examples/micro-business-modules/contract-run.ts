import { z } from 'zod';
import { DiscountedCartSchema, ReceiptSchema, type Cart } from '../checkout/schemas.ts';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames, type StepName } from '../checkout/steps.ts';
import type { ExperimentProgress } from '../lab/experiment/define-experiment.ts';
import { shapeCalls, shapes, type Shape, type ShapeName } from '../lab/model/shapes.ts';
import type { CallUnit } from '../lab/units/transport.ts';
import type { UnitOptions } from '../lab/units/unit-app.ts';
import { contractAtBoundary, countedStep, type ExecutionCounter } from './boundary.ts';
import type { BoundaryMode, BoundaryRow, CaseRow, ContractRunResult, ReleaseRow } from './report.ts';
import { cartReleases } from './versions.ts';

type Json = Record<string, unknown>;

/** Ways a request can miss a route's contract, each built from a valid input of that route. */
export const malformations: ReadonlyArray<{ readonly name: string; readonly body: (valid: Json) => string }> = [
  { name: 'not JSON', body: () => '{"cartId":' },
  { name: 'JSON null', body: () => 'null' },
  { name: 'required field missing', body: ({ cartId: _dropped, ...rest }) => JSON.stringify(rest) },
  { name: 'field of the wrong type', body: (valid) => JSON.stringify({ ...valid, cartId: 42 }) },
  { name: 'value out of range', body: (valid) => JSON.stringify({ ...valid, items: [{ sku: 'BOOK-001', quantity: 0 }] }) },
];
const malformationNames = malformations.map((malformation) => malformation.name) as [string, ...string[]];
/** How a unit may treat what arrives at its door, in the order the run takes them. */
export const boundaryModes = ['functions validate', 'contract at boundary'] as const satisfies readonly BoundaryMode[];
const shapeNames = Object.keys(shapes) as [ShapeName, ...ShapeName[]];

/** The parameters of the command-line run; the defaults produce the published evidence. */
export const businessModulesParams = z.object({
  repeats: z.number().int().min(1).max(20).default(3),
});

/** The command-line parameters, and which shapes, door modes and malformed requests to try (all by default). */
export const contractRunParams = businessModulesParams.extend({
  shapes: z.array(z.enum(shapeNames)).min(1).default([...shapeNames]),
  modes: z.array(z.enum(boundaryModes)).min(1).default([...boundaryModes]),
  malformations: z.array(z.enum(malformationNames)).min(1).default([...malformationNames]),
});
/** Parsed parameters of a contract run. */
export type ContractRunParams = z.output<typeof contractRunParams>;

/** Every unit of a shape up, each door reachable with a raw body. */
export interface UnitDoors {
  /** Calls a unit with JSON, as the units call each other. */
  readonly call: CallUnit;
  /** POSTs a raw body (which need not be JSON) to one unit's door and resolves with the status. */
  postRaw(unit: string, path: string, body: string): Promise<number>;
  close(): Promise<void>;
}

/** What differs between the command line and the page: how the units are served and reached. */
export interface ContractRunEnvironment {
  /** The command line serves each unit on its own loopback port; the page keeps them as Hono apps in memory. */
  openDoors(shape: Shape, unitOptions: (unitName: string) => UnitOptions): Promise<UnitDoors>;
  readonly onProgress?: (progress: ExperimentProgress) => void;
}

/** Carts for the release checks: every country, with and without a coupon. */
const releaseCarts: readonly Cart[] = [
  sampleCart,
  { cartId: 'cart-0002', customerId: 'customer-7', country: 'US', items: [{ sku: 'BAG-001', quantity: 1 }], paymentToken: 'tok_visa_4242' },
  { cartId: 'cart-0003', customerId: 'customer-9', country: 'FR', items: [{ sku: 'BOOK-002', quantity: 3 }], couponCode: 'LOYAL15', paymentToken: 'tok_visa_4242' },
];

/** The fields of a discounted cart billing reads, as its own tests pin them for an example cart. */
const billingReads = (discounted: Json) => ({ subtotalCents: discounted.subtotalCents, discountCents: discounted.discountCents });

const statusClass = (status: number) => (status >= 200 && status < 300 ? '2xx' : status >= 400 && status < 500 ? '4xx' : '5xx');

/**
 * The micro-business-modules measurement, browser-safe: every route of every unit, in every shape
 * asked for, gets each malformed request, with and without the contract enforced at the unit's door,
 * while the units count the functions they entered; then valid requests as a control. Then, in every
 * shape, the unit holding the cart's applyDiscount releases alone, gated by billing's consumer
 * contract (its schema, and the values its tests expect), and each candidate is deployed anyway to see
 * whether the gate was right.
 *
 * @example
 * ```ts
 * const result = await runContracts(contractRunParams.parse({ repeats: 1 }), { openDoors: openDoorsInMemory });
 * result.boundary.find((row) => row.mode === 'contract at boundary')?.functionsEntered; // 0
 * ```
 */
export async function runContracts(p: ContractRunParams, environment: ContractRunEnvironment): Promise<ContractRunResult> {
  // The canonical order, whatever order the reader listed them in.
  const chosenShapes = Object.values(shapes).filter((shape) => p.shapes.includes(shape.name));
  const chosenModes = boundaryModes.filter((mode) => p.modes.includes(mode));
  const chosenMalformations = malformations.filter((malformation) => p.malformations.includes(malformation.name));
  const total = chosenShapes.length * (chosenModes.length + cartReleases.length);
  let done = 0;
  const validInput = (route: StepName) => runCheckoutInProcess(sampleCart, stepNames.indexOf(route)) as Json;
  const boundary: BoundaryRow[] = [];
  const cases = new Map<string, CaseRow>();

  for (const mode of chosenModes) {
    for (const shape of chosenShapes) {
      const counters = new Map<string, ExecutionCounter>(shape.units.map((unit) => [unit.name, { entered: 0, bodiesRun: 0 }]));
      const doors = await environment.openDoors(shape, (unitName) => {
        const counter = counters.get(unitName) as ExecutionCounter;
        const unit = shape.units.find((u) => u.name === unitName);
        const steps = Object.fromEntries((unit?.functions ?? []).map((fn) => [fn, countedStep(checkoutSteps[fn], counter)]));
        return { steps, middleware: mode === 'contract at boundary' ? [contractAtBoundary()] : [] };
      });
      const tally = { sent: 0, '2xx': 0, '4xx': 0, '5xx': 0 };
      let validSent = 0;
      let validAnswered2xx = 0;
      let entered = 0;
      let bodiesRun = 0;
      try {
        for (const unit of shape.units) {
          for (const route of unit.functions) {
            for (const malformation of chosenMalformations) {
              for (let repeat = 0; repeat < p.repeats; repeat++) {
                const status = await doors.postRaw(unit.name, `/${route}`, malformation.body(validInput(route)));
                const kind = statusClass(status);
                tally.sent++;
                tally[kind]++;
                const key = `${mode}|${malformation.name}`;
                const row = cases.get(key) ?? { mode, malformation: malformation.name, sent: 0, refused4xx: 0, answered5xx: 0, answered2xx: 0 };
                cases.set(key, {
                  ...row,
                  sent: row.sent + 1,
                  refused4xx: row.refused4xx + (kind === '4xx' ? 1 : 0),
                  answered5xx: row.answered5xx + (kind === '5xx' ? 1 : 0),
                  answered2xx: row.answered2xx + (kind === '2xx' ? 1 : 0),
                });
              }
            }
          }
        }
        // Snapshot before the control: valid requests must run functions; malformed ones must not.
        for (const counter of counters.values()) {
          entered += counter.entered;
          bodiesRun += counter.bodiesRun;
        }
        for (const unit of shape.units) {
          for (const route of unit.functions) {
            validSent++;
            const status = await doors.postRaw(unit.name, `/${route}`, JSON.stringify(validInput(route)));
            if (statusClass(status) === '2xx') validAnswered2xx++;
          }
        }
      } finally {
        await doors.close();
      }
      boundary.push({
        shape: shape.name,
        mode,
        units: shape.units.length,
        routes: shape.units.reduce((count, unit) => count + unit.functions.length, 0),
        crossUnitContracts: shapeCalls(shape).filter((call) => call.crossesUnits).length,
        malformedSent: tally.sent,
        refused4xx: tally['4xx'],
        answered5xx: tally['5xx'],
        answered2xx: tally['2xx'],
        functionsEntered: entered,
        bodiesRun,
        validSent,
        validAnswered2xx,
      });
      environment.onProgress?.({ done: ++done, total, label: `${mode} · ${shape.name}` });
    }
  }

  // The consumer contract (Robinson's consumer-driven contracts): billing's input schema, and the values
  // billing's own tests expect for a few example carts, applied to what the cart's applyDiscount gives.
  const cartOutputInputs = releaseCarts.map((cart) => runCheckoutInProcess(cart, stepNames.indexOf('applyDiscount')));
  const billingExamples = cartOutputInputs.map((input) => billingReads(checkoutSteps.applyDiscount.run(input) as Json));
  const checks = cartReleases.map((release) => {
    let schemaFailing = 0;
    let examplesFailing = 0;
    cartOutputInputs.forEach((input, index) => {
      const output = (() => {
        try {
          return release.step.run(input);
        } catch {
          return undefined;
        }
      })();
      const parsed = DiscountedCartSchema.safeParse(output);
      if (!parsed.success) schemaFailing++;
      else if (JSON.stringify(billingReads(parsed.data)) !== JSON.stringify(billingExamples[index])) examplesFailing++;
    });
    return { release, schemaFailing, examplesFailing };
  });
  const releases: ReleaseRow[] = [];
  for (const shape of chosenShapes) {
    // The ground truth: the candidate in the unit that holds applyDiscount, every other unit as released.
    const home = shape.units.find((unit) => unit.functions.includes('applyDiscount'));
    if (!home) throw new Error(`no unit of the ${shape.name} holds applyDiscount`);
    const entry = shape.units[0]?.name ?? home.name;
    for (const { release, schemaFailing, examplesFailing } of checks) {
      const doors = await environment.openDoors(shape, (unitName) => (unitName === home.name ? { steps: { applyDiscount: release.step } } : {}));
      let correct = 0;
      try {
        for (const cart of releaseCarts) {
          const answer = await doors.call(entry, 'validateCart', cart).catch(() => undefined);
          const expected = runCheckoutInProcess(cart);
          if (answer && ReceiptSchema.safeParse(answer.value).success && JSON.stringify(answer.value) === JSON.stringify(expected)) correct++;
        }
      } finally {
        await doors.close();
      }
      const broken = correct < releaseCarts.length;
      const gate = schemaFailing + examplesFailing === 0 ? 'ship' : 'block';
      const schemaOnlyGate = schemaFailing === 0 ? 'ship' : 'block';
      releases.push({
        shape: shape.name,
        version: release.name,
        change: release.change,
        contractChecks: cartOutputInputs.length,
        failingConsumers: gate === 'block' ? ['billing'] : [],
        gate,
        schemaOnlyGate,
        unitsRedeployed: 1,
        functionsRedeployed: home.functions.length,
        checkoutsSent: releaseCarts.length,
        checkoutsCorrect: correct,
        broken,
        gateAgrees: (gate === 'ship') === !broken,
        schemaOnlyAgrees: (schemaOnlyGate === 'ship') === !broken,
      });
      environment.onProgress?.({ done: ++done, total, label: `${shape.name} · release ${release.name}` });
    }
  }

  return { repeats: p.repeats, boundary, cases: [...cases.values()], releases };
}
