import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';

/** One shape, one replacement strategy: swapping the tax provider while checkouts flow. */
export interface SwapRow {
  readonly shape: ShapeName;
  readonly strategy: 'blue-green' | 'stop-start';
  readonly units: number;
  /** Units redeployed to change the provider: those that hold `calculateTax`. */
  readonly unitsRedeployed: number;
  /** Checkout functions in those units: the code that went out with the change. */
  readonly functionsRedeployed: number;
  readonly requestsSent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Answers during the run that carried the old provider's tax and the new one's. */
  readonly answeredByOld: number;
  readonly answeredByNew: number;
  /** Old-provider answers to checkouts sent after the replacement finished (must be 0). */
  readonly staleAfterSwap: number;
  /** Calls the old unit still had outstanding when the route switched: what the drain waited for. */
  readonly outstandingAtSwitch: number;
  /** From starting the new unit (or stopping the old one) until the old one was stopped, ms. */
  readonly swapMs: number;
  /** From the first failed checkout to the last one, ms: how long the checkout was broken (0 if never). */
  readonly failureWindowMs: number;
  /** Checkouts sent after the run, and how many came from the new provider. */
  readonly checkedAfter: number;
  readonly newProviderAfter: number;
}

/** The whole result of a nano-flexibility run: plain JSON. */
export interface FlexibilityResult {
  readonly rows: readonly SwapRow[];
  /** The sample cart's tax from each provider: how answers are told apart. */
  readonly oldTaxCents: number;
  readonly newTaxCents: number;
}

/**
 * The swap per shape and strategy.
 *
 * @example
 * ```ts
 * swapTable(result).rows[0]; // { shape: 'monolith', strategy: 'blue-green', unitsRedeployed: 1, failed: 0, ... }
 * ```
 */
export function swapTable(result: FlexibilityResult): ResultTable {
  return {
    title: 'Swapping the tax provider while checkouts flow',
    columns: [
      { key: 'strategy', label: 'strategy' },
      { key: 'shape', label: 'shape' },
      { key: 'unitsRedeployed', label: 'units redeployed' },
      { key: 'functionsRedeployed', label: 'functions redeployed' },
      { key: 'requestsSent', label: 'sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
      { key: 'answers', label: 'old / new provider' },
      { key: 'staleAfterSwap', label: 'old answers after the swap' },
      { key: 'outstandingAtSwitch', label: 'calls on the old unit at the switch' },
      { key: 'swapMs', label: 'swap, ms' },
      { key: 'failureWindowMs', label: 'failing for, ms' },
      { key: 'after', label: 'new provider after' },
    ],
    rows: result.rows.map((row) => ({
      strategy: row.strategy,
      shape: row.shape,
      unitsRedeployed: row.unitsRedeployed,
      functionsRedeployed: row.functionsRedeployed,
      requestsSent: row.requestsSent,
      succeeded: row.succeeded,
      failed: row.failed,
      answers: `${row.answeredByOld} / ${row.answeredByNew}`,
      staleAfterSwap: row.staleAfterSwap,
      outstandingAtSwitch: row.outstandingAtSwitch,
      swapMs: row.swapMs,
      failureWindowMs: row.failureWindowMs,
      after: `${row.newProviderAfter} of ${row.checkedAfter}`,
    })),
  };
}

const swappedCleanly = (row: SwapRow) => row.failed === 0 && row.staleAfterSwap === 0 && row.newProviderAfter === row.checkedAfter && row.checkedAfter > 0;

/**
 * The verdict the figures support. If the nanoservices swap the provider without a failed request
 * and so does every coarser shape, redeploying as many units, the flexibility is not theirs: it
 * comes from the function's contract and from the way the unit is replaced (misattributed). If only
 * the nanoservices swap cleanly, or with fewer units, it holds; if they cannot, it does not hold.
 *
 * @example
 * ```ts
 * flexibilityVerdict(result); // { verdict: 'misattributed', because: 'every shape swapped ...' }
 * ```
 */
export function flexibilityVerdict(result: FlexibilityResult): { verdict: Verdict; because: string } {
  const blueGreen = result.rows.filter((row) => row.strategy === 'blue-green');
  const nano = blueGreen.find((row) => row.shape === 'nanoservices');
  const coarser = blueGreen.filter((row) => row.shape !== 'nanoservices');
  if (!nano || coarser.length === 0) return { verdict: 'not-testable', because: 'the run did not swap the provider in the nanoservices and a coarser shape with blue-green' };
  if (!swappedCleanly(nano)) return { verdict: 'does-not-hold', because: `swapping the provider in the nanoservices failed ${nano.failed} of ${nano.requestsSent} checkouts or left old answers` };
  const sent = blueGreen.reduce((sum, row) => sum + row.requestsSent, 0);
  const stopStart = result.rows.filter((row) => row.strategy === 'stop-start').reduce((sum, row) => sum + row.failed, 0);
  const control = result.rows.some((row) => row.strategy === 'stop-start') ? `; stopping the old unit first failed ${stopStart} checkouts, whatever the shape` : '';
  const monolith = coarser.find((row) => row.shape === 'monolith');
  if (coarser.every((row) => swappedCleanly(row) && row.unitsRedeployed <= nano.unitsRedeployed)) {
    return {
      verdict: 'misattributed',
      because:
        `every shape swapped the tax provider under load with 0 failed of ${sent} checkouts by redeploying ${nano.unitsRedeployed} unit; ` +
        `the nanoservices only shipped less code with it (${nano.functionsRedeployed} function against ${monolith?.functionsRedeployed ?? '?'} in the monolith)${control}`,
    };
  }
  return { verdict: 'holds', because: `only the nanoservices swapped the provider without a failed checkout or with fewer units redeployed${control}` };
}
