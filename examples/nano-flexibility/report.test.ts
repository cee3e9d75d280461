import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-flexibility.json' with { type: 'json' };
import chainingEvidence from '../../evidence/nano-chaining.json' with { type: 'json' };
import easyDeployEvidence from '../../evidence/nano-easy-deploy.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { bootTimes, keyFigure, pageFigures, referenceSystemsTable, type BootEvidence, type RelatedResults, type Result, type SwapRow } from './report.ts';

const functions = { monolith: 6, microservices: 2, nanoservices: 1 } as const;

const row = (shape: SwapRow['shape'], strategy: SwapRow['strategy'], figures: Partial<SwapRow> = {}): SwapRow => ({
  shape,
  strategy,
  units: 7 - functions[shape],
  unitsRedeployed: 1,
  functionsRedeployed: functions[shape],
  requestsSent: 100,
  succeeded: 100,
  failed: 0,
  answeredByOld: 40,
  answeredByNew: 60,
  staleAfterSwap: 0,
  outstandingAtSwitch: 3,
  swapMs: 120,
  failureWindowMs: 0,
  checkedAfter: 10,
  newProviderAfter: 10,
  ...figures,
});

// The rows come in an order the prose does not use, and every shape differs in what the page quotes.
const result: Result = {
  rows: [
    row('nanoservices', 'blue-green', { requestsSent: 103, swapMs: 125.3, failed: 1, staleAfterSwap: 2, checkedAfter: 12, newProviderAfter: 11 }),
    row('monolith', 'blue-green', { requestsSent: 101, swapMs: 121.6 }),
    row('microservices', 'blue-green', { requestsSent: 102, swapMs: 130.2, unitsRedeployed: 2 }),
    row('monolith', 'stop-start', { failed: 50, requestsSent: 110, failureWindowMs: 121.2 }),
    row('microservices', 'stop-start', { failed: 20, requestsSent: 111, failureWindowMs: 118.4 }),
    row('nanoservices', 'stop-start', { failed: 9, requestsSent: 112, failureWindowMs: 1234.5 }),
  ],
  oldTaxCents: 1103,
  newTaxCents: 1102,
  referenceSystems: referenceStructures(),
};
const params = { swapAfter: 0.3, startDelayMs: 120 };

// The hop from nano-chaining and the boots from nano-easy-deploy, reduced to what the page reads.
const bootUnit = (shape: BootEvidence['units'][number]['shape'], businessKiB: number, listeningMs: number) => ({ shape, businessKiB, listeningMs });
const related: RelatedResults = {
  chaining: { perHop: [{ transport: 'http', interval: { estimate: 118, low: 110, high: 126, runs: 5 } }] },
  easyDeploy: {
    units: [bootUnit('monolith', 0, 70), bootUnit('monolith', 16, 149.4), bootUnit('microservices', 16, 121), bootUnit('nanoservices', 16, 98), bootUnit('nanoservices', 16, 102)],
    baseline: { listeningMs: 26.6, rssKiB: 40_960 },
  },
};

describe('pageFigures', () => {
  it('sums the blue-green swaps over the shapes, apart from the stop-start control', () => {
    const figures = pageFigures({ result, params }, related);
    expect([figures.blueGreenFailed, figures.blueGreenSent, figures.blueGreenStale]).toEqual([1, 306, 2]);
    expect([figures.stopStartFailed, figures.stopStartSent]).toEqual([79, 333]);
  });

  it('quotes the nanoservices’ answers after the swap', () => {
    const figures = pageFigures({ result, params }, related);
    expect(figures.nanoNewProviderAfter).toBe(11);
    expect(figures.nanoCheckedAfter).toBe(12);
  });

  it('lists the swap times in the order the prose names the shapes, whatever the run’s order', () => {
    expect(pageFigures({ result, params }, related).blueGreenSwapTimes).toBe('122 ms, 130 ms, 125 ms');
  });

  it('reads the units and functions redeployed per shape from the blue-green rows', () => {
    const figures = pageFigures({ result, params }, related);
    expect([figures.monolithUnitsRedeployed, figures.microUnitsRedeployed, figures.nanoUnitsRedeployed]).toEqual([1, 2, 1]);
    expect([figures.monolithFunctionsRedeployed, figures.microFunctionsRedeployed, figures.nanoFunctionsRedeployed]).toEqual([6, 2, 1]);
  });

  it('lists the stop-start failures and how long each shape was broken', () => {
    const figures = pageFigures({ result, params }, related);
    expect(figures.stopStartFailures).toBe('50 in the monolith, 20 in the microservices, 9 in the nanoservices');
    expect(figures.stopStartWindows).toBe('121 ms, 118 ms, 1,235 ms');
  });

  it('passes the taxes through and reads when the swap starts as a percentage', () => {
    const figures = pageFigures({ result, params: { swapAfter: 0.45, startDelayMs: 120 } }, related);
    expect([figures.oldTaxCents, figures.newTaxCents]).toEqual([1103, 1102]);
    expect(figures.swapStartsAfter).toBe('45%');
  });

  it('quotes the boot per shape from nano-easy-deploy at its realistic business code, and the site’s hop cost', () => {
    const figures = pageFigures({ result, params }, related);
    expect([figures.startDelay, figures.bootBusinessCode]).toEqual(['120 ms', '16 KiB']);
    expect([figures.monolithBoot, figures.microBoot, figures.nanoBoot, figures.runtimeBoot]).toEqual(['149 ms', '121 ms', '100 ms', '27 ms']);
    expect(figures.httpHop).toBe('118 µs [110–126 µs]');
    expect(figures.runtimeFloorRss).toBe('40 MiB');
  });

  it('reads the boots at the largest business code measured when the realistic size is missing', () => {
    const easyDeploy: BootEvidence = { ...related.easyDeploy, units: [bootUnit('monolith', 0, 70), bootUnit('microservices', 0, 71), bootUnit('nanoservices', 0, 72)] };
    expect(bootTimes(easyDeploy)).toMatchObject({ bootBusinessCode: '0 KiB', monolithBoot: '70 ms' });
  });

  it('throws, naming the row, when a shape has no blue-green swap', () => {
    const rows = result.rows.filter((r) => !(r.shape === 'microservices' && r.strategy === 'blue-green'));
    expect(() => pageFigures({ result: { ...result, rows }, params }, related)).toThrow('expected one row with {"shape":"microservices"}, found 0');
  });

  it('counts what a one-operation swap redeploys on each reference system, and what releases with it if the contract breaks', () => {
    const { reference } = pageFigures({ result, params }, related);
    // Counted from the files: the monolith ships the whole system (6, 13 and 24 operations); the checkout's services hold
    // 3, 2 and 1 operations ((9 + 4 + 1) / 6), Online Boutique's 1 or 2, the Alibaba-like tree's subtrees up to 9.
    expect(reference.operationsPerSwap.monolith).toMatch(/checkout.* 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    expect(reference.operationsPerSwap.microservices).toMatch(/checkout.* 2\.3, Online Boutique.* 1\.6 and .*Alibaba.* 5\.8$/);
    expect(reference.shareOfSystemPerSwap.microservices).toMatch(/checkout.* 39%, Online Boutique.* 12% and .*Alibaba.* 24%$/);
    expect(reference.shareOfSystemPerSwap.nanoservices).toMatch(/checkout.* 17%, Online Boutique.* 8% and .*Alibaba.* 4%$/);
    // A breaking swap releases the callers' units too: in nanoservices every caller is a unit of its own.
    expect(reference.unitsPerBreakingSwap.microservices).toMatch(/checkout.* 1\.4, Online Boutique.* 2\.1 and .*Alibaba.* 1\.4$/);
    expect(reference.unitsPerBreakingSwap.nanoservices).toMatch(/checkout.* 2, Online Boutique.* 2\.1 and .*Alibaba.* 2\.1$/);
  });

  it('tabulates every reference cut with what a swap redeploys', () => {
    const table = referenceSystemsTable(result);
    expect(table.rows).toHaveLength(9);
    expect(table.rows[7]).toEqual({ system: 'An Alibaba-like call tree', cut: 'microservices', units: 7, operationsPerDeploy: '5.8', unitShareOfSystem: '24%', unitsPerBreakingChange: '1.4' });
    expect(table.rows[3]).toMatchObject({ cut: 'monolith', operationsPerDeploy: 13, unitShareOfSystem: '100%', unitsPerBreakingChange: 1 });
  });

  it('finds every figure in the committed evidence', () => {
    const figures = pageFigures({ result: evidence.result as Result, params: evidence.params }, { chaining: chainingEvidence.result as unknown as RelatedResults['chaining'], easyDeploy: easyDeployEvidence.result as unknown as BootEvidence });
    expect(missingFigures(figures)).toEqual([]);
    // Formatted, a figure the run lacks reads as an en dash alone, and a broken one as NaN or undefined.
    expect(Object.entries(figures).filter(([, value]) => value === '–')).toEqual([]);
    expect(JSON.stringify(figures)).not.toMatch(/NaN|undefined/);
  });
});

describe('keyFigure', () => {
  it('sums the blue-green swaps over the cuts and names the code each shipped with the change', () => {
    expect(keyFigure(result)).toBe('a blue-green swap of the tax provider failed 1 of 306 checkouts in 3 cuts; the nanoservices shipped 1 function with it, the monolith 6');
  });

  it('leaves out the stop-start control', () => {
    const cleanSwaps = { ...result, rows: result.rows.map((r) => (r.strategy === 'blue-green' ? { ...r, failed: 0 } : r)) };
    expect(keyFigure(cleanSwaps)).toMatch(/^a blue-green swap of the tax provider failed 0 of 306 checkouts/);
  });

  it('is null without a blue-green swap of the nanoservices or the monolith', () => {
    expect(keyFigure({ ...result, rows: result.rows.filter((r) => !(r.shape === 'nanoservices' && r.strategy === 'blue-green')) })).toBeNull();
    expect(keyFigure({ ...result, rows: result.rows.filter((r) => r.strategy === 'stop-start') })).toBeNull();
  });
});
