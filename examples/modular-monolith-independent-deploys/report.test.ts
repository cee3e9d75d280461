import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/modular-monolith-independent-deploys.json';
import { missingFigures } from '../lab/report/missing-figures.ts';
import type { ReplaceStrategy } from './fleet.ts';
import { pageFigures, type DeployShapeName, type ModuleName, type RedeployRow, type Result } from './report.ts';

const kib = 1024;
const functionsOf: Readonly<Record<ModuleName, number>> = { cart: 3, billing: 2, receipts: 1 };

/** A redeploy row with the figures of its shape; `figures` sets the ones a test reads. */
const redeployRow = (shape: DeployShapeName, module: ModuleName, strategy: ReplaceStrategy, figures: Partial<RedeployRow> = {}): RedeployRow => {
  const micro = shape === 'microservices';
  return {
    shape,
    module,
    strategy,
    unit: micro ? module : 'checkout',
    redeploys: 5,
    processesTotal: micro ? 3 : 1,
    processesReplaced: 1,
    untouchedProcesses: micro ? 2 : 0,
    untouchedRestarted: 0,
    moduleFunctions: functionsOf[module],
    functionsRedeployed: micro ? functionsOf[module] : 6,
    functionsTotal: 6,
    bytesRedeployed: micro ? 400 * kib : 500 * kib,
    bytesTotal: micro ? 1200 * kib : 500 * kib,
    functionBytesRedeployed: micro ? 250 : 1000,
    functionBytesTotal: 1000,
    redeployMs: 230.4,
    unlistedMs: strategy === 'stop-then-start' ? 225.6 : 0,
    newReleaseServing: true,
    oldExits: ['0'],
    sent: 100,
    succeeded: 100,
    failed: 0,
    failureWindowMs: 0,
    redeployMsByRound: [230, 231, 229, 232, 228],
    sentByRound: [20, 20, 20, 20, 20],
    failedByRound: [0, 0, 0, 0, 0],
    ...figures,
  };
};

const rows: RedeployRow[] = [
  redeployRow('modular-monolith', 'cart', 'start-then-stop'),
  redeployRow('modular-monolith', 'cart', 'stop-then-start', { failed: 45 }),
  redeployRow('modular-monolith', 'billing', 'start-then-stop'),
  redeployRow('modular-monolith', 'billing', 'stop-then-start', { failed: 45, unlistedMs: 226.7 }),
  redeployRow('modular-monolith', 'receipts', 'start-then-stop'),
  redeployRow('modular-monolith', 'receipts', 'stop-then-start', { failed: 45 }),
  redeployRow('microservices', 'cart', 'start-then-stop', { untouchedRestarted: 1 }),
  redeployRow('microservices', 'cart', 'stop-then-start', { failed: 30 }),
  redeployRow('microservices', 'billing', 'start-then-stop', { redeployMs: 240.6 }),
  redeployRow('microservices', 'billing', 'stop-then-start', { failed: 40, unlistedMs: 220.2 }),
  redeployRow('microservices', 'receipts', 'start-then-stop', { failed: 1, sent: 110 }),
  redeployRow('microservices', 'receipts', 'stop-then-start', { failed: 50 }),
];
const base: Result = {
  rounds: 5,
  concurrency: 4,
  intervalMs: 10,
  drainMs: 150,
  rows,
  shapes: [
    { shape: 'modular-monolith', deployUnits: 1, networkContracts: 0, inProcessBoundaries: 2, bundleBytes: 500 * kib },
    { shape: 'microservices', deployUnits: 3, networkContracts: 2, inProcessBoundaries: 0, bundleBytes: 1200 * kib },
  ],
};

describe('pageFigures', () => {
  it('counts the redeploys of the run and of the microservices, and the other services restarted', () => {
    const figures = pageFigures(base);
    expect(figures.redeploys).toBe(60);
    expect(figures.microservicesRedeploys).toBe(30);
    expect(figures.microservicesOthersRestarted).toBe(1);
    expect(figures.inOneLine).toBe('a billing change replaces 1 of 3 processes (2 of 6 functions) vs 1 of 1 (6 of 6) in the modular monolith');
  });

  it('reads what a change ships from the microservices’ rows, against the modular monolith’s bundle', () => {
    const figures = pageFigures(base);
    expect(figures.functionsRedeployed).toEqual({ cart: 3, billing: 2, receipts: 1 });
    expect(figures.functionsTotal).toBe(6);
    expect(figures.billingCodeShare).toBe('25.0%');
    expect(figures.billingBundle).toBe('400 KiB');
    expect(figures.monolithBundle).toBe('500 KiB');
    expect(figures.billingBundleShare).toBe('80.0%');
    expect(figures.servicesBundle).toBe('1.2 MiB');
    expect(figures.billingRedeploy).toBe('241 ms');
    expect(figures.monolithRedeploy).toBe('230 ms');
  });

  it('sums the checkouts lost per shape and strategy, and reads the billing change replaced stop-then-start', () => {
    const figures = pageFigures(base);
    expect(figures.billingStopThenStart).toEqual({ unlisted: '220 ms', failed: 40, sent: 100 });
    expect(figures.monolithBillingStopThenStart).toEqual({ unlisted: '227 ms', failed: 45, sent: 100 });
    expect(figures.stopThenStart).toEqual({
      microservices: { failed: 120, sent: 300, failedShare: '40.0%' },
      monolith: { failed: 135, sent: 300, failedShare: '45.0%' },
    });
    expect(figures.startThenStop).toEqual({
      microservices: { failed: 1, sent: 310, failedShare: '0.3%' },
      monolith: { failed: 0, sent: 300, failedShare: '0.0%' },
    });
  });

  it('reads what each shape maintains, and the drain', () => {
    const figures = pageFigures(base);
    expect([figures.monolithDeployUnits, figures.microservicesNetworkContracts, figures.monolithInProcessBoundaries]).toEqual([1, 2, 2]);
    expect(figures.drain).toBe('150 ms');
  });

  it('puts a 95% interval on the redeploy time and the checkouts lost, one ratio per round, and leaves it out below five rounds', () => {
    const slowServices = rows.map((row) => (row.shape === 'microservices' ? { ...row, redeployMsByRound: row.redeployMsByRound.map((ms) => ms * 2) } : row));
    const losing = slowServices.map((row) =>
      row.strategy === 'stop-then-start' ? { ...row, failedByRound: row.shape === 'microservices' ? [10, 11, 10, 12, 10] : [10, 10, 10, 10, 10] } : row,
    );
    const figures = pageFigures({ ...base, rows: losing });
    expect(figures.redeployTimeRatio).toBe('2.00× [2.00–2.00×]');
    expect(figures.lostCheckoutsRatio).toBe('1.00× [1.00–1.20×]');
    expect(figures.rounds).toBe(5);
    expect(figures.bought).toEqual({ smallerChange: 'yes', smallerArtifact: 'yes', quickerRelease: 'no', fewerLost: 'no' });
    const quickServices = rows.map((row) => (row.shape === 'microservices' ? { ...row, redeployMsByRound: row.redeployMsByRound.map((ms) => ms / 2) } : row));
    expect(pageFigures({ ...base, rows: quickServices }).bought.quickerRelease).toBe('yes');
    const bigServices = rows.map((row) => (row.shape === 'microservices' ? { ...row, bytesRedeployed: 460 * kib } : row));
    expect(pageFigures({ ...base, rows: bigServices }).bought.smallerArtifact).toBe('no');
    expect(pageFigures({ ...base, rounds: 1 }).redeployTimeRatio).toBe('–');
    expect(pageFigures({ ...base, rounds: 1 }).bought.quickerRelease).toBe('not measured');
    // A modular monolith that lost nothing leaves no ratio to take.
    expect(pageFigures(base).lostCheckoutsRatio).toBe('–');
  });

  it('reads a share of nothing sent as missing, not as NaN', () => {
    const silent = rows.map((row) => (row.strategy === 'stop-then-start' && row.shape === 'microservices' ? { ...row, sent: 0, failed: 0 } : row));
    expect(pageFigures({ ...base, rows: silent }).stopThenStart.microservices.failedShare).toBe('–');
  });

  it('throws, naming the row, for a run that left a change out', () => {
    const noBilling = rows.filter((row) => !(row.shape === 'microservices' && row.module === 'billing' && row.strategy === 'stop-then-start'));
    expect(() => pageFigures({ ...base, rows: noBilling })).toThrow('{"shape":"microservices","module":"billing","strategy":"stop-then-start"}');
  });

  it('reads every figure from the committed evidence, none missing', () => {
    const figures = pageFigures(evidence.result as unknown as Result);
    expect(missingFigures(figures)).toEqual([]);
    expect(JSON.stringify(figures)).not.toContain('"–"');
  });
});
