import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/micro-lockstep.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { architectureMermaid, keyFigure, pageFigures, referenceSystemsTable, type DeployRow, type RedeployRow, type Result } from './report.ts';

// Every figure differs between architectures, changes and plans, so a figure read from the wrong row reads wrong.
const planRow = (architecture: RedeployRow['architecture'], change: RedeployRow['change'], unitsRedeployed: number, unitsTotal: number, functionsRedeployed: number): RedeployRow => ({
  architecture,
  change,
  bumped: '—',
  unitsTotal,
  unitsRedeployed,
  functionsRedeployed,
  redeployed: 'cart',
  why: 'its code changed',
});
const deployRow = (architecture: DeployRow['architecture'], change: DeployRow['change'], plan: DeployRow['plan'], sent: number, failed: number): DeployRow => ({
  architecture,
  change,
  plan,
  unitsRedeployed: 1,
  unitsKept: 2,
  sent,
  succeeded: sent - failed,
  failed,
});

const result: Result = {
  referenceSystems: referenceStructures(),
  checkoutsPerDeploy: 40,
  plans: [
    planRow('monolith', 'field-added', 1, 1, 6),
    planRow('monolith', 'function-changed', 1, 1, 5),
    planRow('distributed monolith', 'field-added', 3, 4, 6),
    planRow('distributed monolith', 'function-changed', 2, 4, 2),
    planRow('microservices', 'field-added', 1, 5, 3),
    planRow('microservices', 'function-changed', 4, 5, 2),
    planRow('nanoservices', 'field-added', 7, 9, 1),
    planRow('nanoservices', 'function-changed', 8, 9, 1),
  ],
  deploys: [
    deployRow('microservices', 'field-added', 'computed set', 41, 1),
    deployRow('microservices', 'function-changed', 'computed set', 42, 2),
    deployRow('distributed monolith', 'field-added', 'computed set', 43, 3),
    deployRow('distributed monolith', 'field-added', 'changed unit only', 44, 44),
    deployRow('distributed monolith', 'function-changed', 'computed set', 45, 5),
    deployRow('nanoservices', 'field-added', 'computed set', 46, 6),
    deployRow('nanoservices', 'function-changed', 'computed set', 47, 7),
  ],
};

describe('pageFigures', () => {
  it('reads each architecture’s redeploy set for the change the prose names', () => {
    const figures = pageFigures(result);
    expect(figures.monolithFieldFunctions).toBe(6);
    expect([figures.distributedFieldUnits, figures.distributedUnitsTotal, figures.distributedFunctionUnits]).toEqual([3, 4, 2]);
    expect([figures.microFieldUnits, figures.microUnitsTotal]).toEqual([1, 5]);
    expect([figures.nanoFieldUnits, figures.nanoFunctionUnits, figures.nanoUnitsTotal]).toEqual([7, 8, 9]);
    expect(figures.checkoutsPerDeploy).toBe(40);
  });

  it('reads each deployment by architecture, change and plan', () => {
    const figures = pageFigures(result);
    expect(figures.microFieldDeploy).toEqual({ sent: 41, succeeded: 40, failed: 1 });
    expect(figures.microFunctionDeploy).toEqual({ sent: 42, succeeded: 40, failed: 2 });
    expect(figures.distributedAllDeploy).toEqual({ sent: 43, succeeded: 40, failed: 3 });
    expect(figures.distributedAloneDeploy).toEqual({ sent: 44, succeeded: 0, failed: 44 });
    expect(figures.nanoFieldDeploy).toEqual({ sent: 46, succeeded: 40, failed: 6 });
    expect(figures.nanoFunctionDeploy).toEqual({ sent: 47, succeeded: 40, failed: 7 });
  });

  it('throws, naming the row, when the run did not try redeploying the changed unit alone', () => {
    expect(() => pageFigures({ ...result, deploys: result.deploys.filter((row) => row.plan !== 'changed unit only') })).toThrow('changed unit only');
  });

  it('reads what a breaking change releases on each reference system: part of the microservices, all of the monolith', () => {
    const figures = pageFigures(result);
    // Counted from the files, every caller releasing too: the checkout 7 releases over 5 called operations
    // of 3 units; Online Boutique 25 over 12 of 9 (GetProduct has two callers); the tree 32 over 23 of 7.
    expect(figures.referenceMicroBreakingUnits).toMatch(/checkout.* 1\.4 of 3 units, Online Boutique.* 2\.1 of 9 units and .*Alibaba.* 1\.4 of 7 units$/);
    expect(figures.referenceMicroBreakingShares).toMatch(/checkout.* 47%, Online Boutique.* 23% and .*Alibaba.* 20%$/);
    expect(figures.referenceMicroLargestShare).toBe('47%');
    expect(figures.referenceNanoBreakingShares).toMatch(/checkout.* 33%, Online Boutique.* 16% and .*Alibaba.* 9%$/);
    expect(figures.referenceMonolithShare).toBe('100%');
    expect(figures.referenceMicroOperationsPerDeploy).toMatch(/checkout.* 2\.3, Online Boutique.* 1\.6 and .*Alibaba.* 5\.8$/);
  });

  it('maps the released share across granularity, reaching the whole system only at each monolith', () => {
    const map = pageFigures(result).verdictMap;
    expect(map.threshold).toBe(1);
    expect(map.lines.map((line) => line.points.map((point) => point.estimate === 1))).toEqual([
      [false, false, true],
      [false, false, true],
      [false, false, true],
    ]);
    expect(referenceSystemsTable(result).rows).toHaveLength(9);
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('architectureMermaid', () => {
  it('draws the graph of the architecture named', () => {
    expect(architectureMermaid('monolith')).toContain('unit_checkout["checkout: validateCart, priceCart');
    expect(architectureMermaid('distributed monolith')).toContain('pkg_shop_dto');
    expect(architectureMermaid('microservices')).not.toContain('pkg_shop_dto');
    expect(architectureMermaid('nanoservices')).toContain('unit_calculateTax');
  });
});

describe('keyFigure', () => {
  // Versioned contracts: one microservice per change, and the units left as released keep serving.
  const versioned: Result = {
    ...result,
    plans: result.plans.map((row) => (row.architecture === 'microservices' ? { ...row, unitsRedeployed: 1 } : row)),
    deploys: result.deploys.map((row) => (row.architecture === 'microservices' || row.architecture === 'nanoservices' ? { ...row, succeeded: row.sent, failed: 0 } : row)),
  };

  it('gives the counterexample: one microservice redeployed, the rest serving, beside the distributed monolith’s whole', () => {
    expect(keyFigure(versioned)).toBe('a change redeployed 1 of 3 microservices and the rest served 176 of 176 checkouts; a distributed monolith redeployed 3 of 3 units');
  });

  it('says so when the units left as released broke checkouts', () => {
    const broke = { ...versioned, deploys: versioned.deploys.map((row) => (row.architecture === 'microservices' && row.change === 'field-added' ? { ...row, succeeded: 40, failed: 1 } : row)) };
    expect(keyFigure(broke)).toBe('a change redeployed up to 1 of 3 microservices, or broke checkouts when fewer were; a distributed monolith redeployed 3 of 3 units');
  });

  it('is null without a redeploy set for the microservices', () => {
    expect(keyFigure({ ...result, plans: result.plans.filter((row) => row.architecture !== 'microservices') })).toBeNull();
  });
});
