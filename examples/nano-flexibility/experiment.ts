import { z } from 'zod';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess, stepNames } from '../checkout/steps.ts';
import type { DiscountedCart } from '../checkout/schemas.ts';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { replaceStrategies, startReplaceableHttp, type ReplaceableDeployment, type ReplaceStrategy } from '../lab/network/replaceable-http.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { shapes, type Shape, type ShapeName } from '../lab/model/shapes.ts';
import { findingFor, swapTable, type FlexibilityResult, type SwapRow } from './report.ts';
import { roundDownTax, roundDownTaxStep } from './tax-providers.ts';

const params = z.object({
  shapes: z.array(z.enum(['monolith', 'microservices', 'nanoservices'])).min(1).default(['monolith', 'microservices', 'nanoservices']),
  strategies: z.array(z.enum(replaceStrategies)).min(1).default(['blue-green', 'stop-start']),
  /**
   * Checkouts sent at least, while the provider is swapped; the swap starts once `swapAfter` of them
   * have answered, and the clients keep sending until the swap is over (and one more each after it),
   * however long it takes.
   */
  requests: z.number().int().min(20).max(100_000).default(2_000),
  concurrency: z.number().int().min(1).max(64).default(8),
  swapAfter: z.number().min(0.05).max(0.9).default(0.3),
  /** Time the new unit takes to boot before it listens; ~120 ms is what a Node process took on this machine. */
  startDelayMs: z.number().int().min(0).max(5_000).default(120),
  drainTimeoutMs: z.number().int().min(10).max(30_000).default(5_000),
  /** Checkouts sent after the run to check which provider answers. */
  checkAfter: z.number().int().min(1).max(10_000).default(100),
  maxSeconds: z.number().positive().max(120).default(30),
});

const taxOf = (value: unknown) => (value as { taxCents?: number }).taxCents;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function swapUnderLoad(shape: Shape, strategy: ReplaceStrategy, p: z.output<typeof params>, oldTax: number, newTax: number): Promise<SwapRow> {
  const holders = shape.units.filter((unit) => unit.functions.includes('calculateTax')).map((unit) => unit.name);
  const deployment: ReplaceableDeployment = await startReplaceableHttp(shape);
  try {
    let sent = 0;
    let succeeded = 0;
    let failed = 0;
    let answeredByOld = 0;
    let answeredByNew = 0;
    let staleAfterSwap = 0;
    let switchedAt = Number.POSITIVE_INFINITY;
    // Traffic flows until the swap is over and every client has sent one more checkout after it: on
    // a busy machine the new unit can take longer to start than the remaining checkouts take to send,
    // and a swap after the traffic tests nothing.
    let sentWhenSwapOver = Number.POSITIVE_INFINITY;
    let firstFailureAt = 0;
    let lastFailureAt = 0;
    const deadline = performance.now() + p.maxSeconds * 1000;
    const worker = async () => {
      while ((sent < p.requests || sent < sentWhenSwapOver + p.concurrency) && performance.now() < deadline) {
        sent += 1;
        const startedAt = performance.now();
        try {
          const tax = taxOf((await deployment.checkout(sampleCart)).value);
          succeeded += 1;
          if (tax === oldTax) answeredByOld += 1;
          if (tax === newTax) answeredByNew += 1;
          if (tax === oldTax && startedAt > switchedAt) staleAfterSwap += 1;
        } catch {
          failed += 1;
          lastFailureAt = performance.now();
          firstFailureAt ||= lastFailureAt;
        }
      }
    };
    const swap = async () => {
      while (succeeded + failed < p.requests * p.swapAfter && performance.now() < deadline) await sleep(1);
      try {
        const report = await deployment.replaceUnits(holders, () => ({ steps: { calculateTax: roundDownTaxStep } }), {
          strategy,
          startDelayMs: p.startDelayMs,
          drainTimeoutMs: p.drainTimeoutMs,
        });
        switchedAt = report.switchedAt;
        return report;
      } finally {
        sentWhenSwapOver = sent;
      }
    };
    const [report] = await Promise.all([swap(), ...Array.from({ length: p.concurrency }, worker)]);
    let newProviderAfter = 0;
    for (let i = 0; i < p.checkAfter; i += 1) if (taxOf((await deployment.checkout(sampleCart)).value) === newTax) newProviderAfter += 1;
    return {
      shape: shape.name,
      strategy,
      units: shape.units.length,
      unitsRedeployed: report.unitsReplaced,
      functionsRedeployed: report.functionsRedeployed,
      requestsSent: sent,
      succeeded,
      failed,
      answeredByOld,
      answeredByNew,
      staleAfterSwap,
      outstandingAtSwitch: report.outstandingAtSwitch,
      swapMs: report.milliseconds,
      failureWindowMs: Math.round((lastFailureAt - firstFailureAt) * 10) / 10,
      checkedAfter: p.checkAfter,
      newProviderAfter,
    };
  } finally {
    await deployment.close();
  }
}

/**
 * nano-flexibility: swaps the tax provider (the current `calculateTax` for one that rounds down)
 * while a bounded loop of concurrent checkouts runs, in each shape, over real HTTP. The swap is a
 * redeploy of the unit that holds `calculateTax`: blue-green (start the new version, switch the
 * route, drain, stop the old one), and, as a control, stop-start. It counts units and functions
 * redeployed, checkouts sent, failed, answered by each provider, and the time the swap took.
 */
export const experiment = defineExperiment({
  id: 'nano-flexibility',
  title: 'Swapping one function’s provider while traffic flows',
  params,
  quick: { requests: 200, checkAfter: 10, startDelayMs: 30, maxSeconds: 10 },
  tables: (result) => [swapTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<FlexibilityResult> {
    const discounted = runCheckoutInProcess(sampleCart, stepNames.indexOf('calculateTax')) as DiscountedCart;
    const oldTaxCents = taxOf(runCheckoutInProcess(sampleCart)) ?? -1;
    const newTaxCents = roundDownTax(discounted).taxCents;
    if (oldTaxCents === newTaxCents) throw new Error('the two tax providers give the same tax for the sample cart: their answers cannot be told apart');
    const rows: SwapRow[] = [];
    const total = p.strategies.length * p.shapes.length;
    for (const strategy of p.strategies) {
      for (const shapeName of p.shapes as ShapeName[]) {
        rows.push(await swapUnderLoad(shapes[shapeName], strategy, p, oldTaxCents, newTaxCents));
        onProgress?.({ done: rows.length, total, label: `${strategy} · ${shapeName}` });
      }
    }
    return { rows, oldTaxCents, newTaxCents, referenceSystems: referenceStructures() };
  },
});
