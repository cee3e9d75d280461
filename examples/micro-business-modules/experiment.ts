import { z } from 'zod';
import { DiscountedCartSchema, ReceiptSchema, type Cart } from '../checkout/schemas.ts';
import { sampleCart } from '../checkout/sample-carts.ts';
import { checkoutSteps, runCheckoutInProcess, stepNames, type StepName } from '../checkout/steps.ts';
import { defineExperiment } from '../lab/define-experiment.ts';
import { microservices, shapeCalls, shapes } from '../lab/shapes.ts';
import { contractAtBoundary, countedStep, type ExecutionCounter } from './boundary.ts';
import { postRaw } from './raw-post.ts';
import {
  boundaryTable,
  businessModulesVerdict,
  casesTable,
  releaseTable,
  type BoundaryMode,
  type BoundaryRow,
  type BusinessModulesResult,
  type CaseRow,
  type ReleaseRow,
} from './report.ts';
import { serveUnits } from './serve-units.ts';
import { cartReleases } from './versions.ts';

const params = z.object({
  repeats: z.number().int().min(1).max(20).default(3),
});

type Json = Record<string, unknown>;
/** Ways a request can miss a route's contract, each built from a valid input of that route. */
const malformations: ReadonlyArray<{ readonly name: string; readonly body: (valid: Json) => string }> = [
  { name: 'not JSON', body: () => '{"cartId":' },
  { name: 'JSON null', body: () => 'null' },
  { name: 'required field missing', body: ({ cartId: _dropped, ...rest }) => JSON.stringify(rest) },
  { name: 'field of the wrong type', body: (valid) => JSON.stringify({ ...valid, cartId: 42 }) },
  { name: 'value out of range', body: (valid) => JSON.stringify({ ...valid, items: [{ sku: 'BOOK-001', quantity: 0 }] }) },
];
const modes: readonly BoundaryMode[] = ['functions validate', 'contract at boundary'];

/** Carts for the release checks: every country, with and without a coupon. */
const releaseCarts: readonly Cart[] = [
  sampleCart,
  { cartId: 'cart-0002', customerId: 'customer-7', country: 'US', items: [{ sku: 'BAG-001', quantity: 1 }], paymentToken: 'tok_visa_4242' },
  { cartId: 'cart-0003', customerId: 'customer-9', country: 'FR', items: [{ sku: 'BOOK-002', quantity: 3 }], couponCode: 'LOYAL15', paymentToken: 'tok_visa_4242' },
];

const statusClass = (status: number) => (status >= 200 && status < 300 ? '2xx' : status >= 400 && status < 500 ? '4xx' : '5xx');

/**
 * micro-business-modules: gives every unit a typed contract (the zod schema of each route's function)
 * and checks that it is really the interface. Every route of every unit, in every shape, gets
 * malformed requests over real HTTP, with and without the contract enforced at the unit's door; the
 * units count the functions they entered. Then the cart service releases alone, gated by billing's
 * consumer contract, and each candidate is deployed anyway to see whether the gate was right.
 */
export const experiment = defineExperiment({
  id: 'micro-business-modules',
  title: 'Well-defined interfaces: contracts at every unit door, and a consumer contract gate',
  params,
  quick: { repeats: 1 },
  tables: (result) => [boundaryTable(result), releaseTable(result), casesTable(result)],
  verdict: businessModulesVerdict,

  async run(p, onProgress): Promise<BusinessModulesResult> {
    const allShapes = Object.values(shapes);
    const total = allShapes.length * modes.length + cartReleases.length;
    let done = 0;
    const validInput = (route: StepName) => runCheckoutInProcess(sampleCart, stepNames.indexOf(route)) as Json;
    const boundary: BoundaryRow[] = [];
    const cases = new Map<string, CaseRow>();

    for (const mode of modes) {
      for (const shape of allShapes) {
        const counters = new Map<string, ExecutionCounter>(shape.units.map((unit) => [unit.name, { entered: 0, bodiesRun: 0 }]));
        const served = await serveUnits(shape, (unitName) => {
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
            const port = served.ports.get(unit.name) as number;
            for (const route of unit.functions) {
              for (const malformation of malformations) {
                for (let repeat = 0; repeat < p.repeats; repeat++) {
                  const status = await postRaw(port, `/${route}`, malformation.body(validInput(route)));
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
              const status = await postRaw(served.ports.get(unit.name) as number, `/${route}`, JSON.stringify(validInput(route)));
              if (statusClass(status) === '2xx') validAnswered2xx++;
            }
          }
        } finally {
          await served.close();
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
        onProgress?.({ done: ++done, total, label: `${mode} · ${shape.name}` });
      }
    }

    // The consumer contract: billing's input schema, applied to what the cart service gives it.
    const billingContract = DiscountedCartSchema;
    const cartOutputInputs = releaseCarts.map((cart) => runCheckoutInProcess(cart, stepNames.indexOf('applyDiscount')));
    const releases: ReleaseRow[] = [];
    for (const release of cartReleases) {
      let failing = 0;
      for (const input of cartOutputInputs) {
        const output = (() => {
          try {
            return release.step.run(input);
          } catch {
            return undefined;
          }
        })();
        if (!billingContract.safeParse(output).success) failing++;
      }
      const gate = failing === 0 ? 'ship' : 'block';
      // The ground truth: the candidate in the cart unit only; billing and receipts as released.
      const served = await serveUnits(microservices, (unitName) => (unitName === 'cart' ? { steps: { applyDiscount: release.step } } : {}));
      let correct = 0;
      try {
        for (const cart of releaseCarts) {
          const answer = await served.call('cart', 'validateCart', cart).catch(() => undefined);
          const expected = runCheckoutInProcess(cart);
          if (answer && ReceiptSchema.safeParse(answer.value).success && JSON.stringify(answer.value) === JSON.stringify(expected)) correct++;
        }
      } finally {
        await served.close();
      }
      const broken = correct < releaseCarts.length;
      releases.push({
        version: release.name,
        change: release.change,
        contractChecks: cartOutputInputs.length,
        failingConsumers: failing > 0 ? ['billing'] : [],
        gate,
        unitsRedeployed: 1,
        checkoutsSent: releaseCarts.length,
        checkoutsCorrect: correct,
        broken,
        gateAgrees: (gate === 'ship') === !broken,
      });
      onProgress?.({ done: ++done, total, label: `release ${release.name}` });
    }

    return { repeats: p.repeats, boundary, cases: [...cases.values()], releases };
  },
});
