import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/micro-business-modules.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { keyFigure, pageFigures, referenceSystemsTable, type BoundaryRow, type CaseRow, type ReleaseRow, type Result } from './report.ts';

// Every figure differs between shapes and modes, so a figure read from the wrong row reads wrong.
const boundaryRow = (shape: BoundaryRow['shape'], mode: BoundaryRow['mode'], seed: number): BoundaryRow => ({
  shape,
  mode,
  units: seed,
  routes: 6,
  crossUnitContracts: seed * 10,
  malformedSent: 100 + seed,
  refused4xx: 50 + seed,
  answered5xx: 20 + seed,
  answered2xx: 0,
  functionsEntered: 30 + seed,
  bodiesRun: seed,
  validSent: 60 + seed,
  validAnswered2xx: 40 + seed,
});
const caseRow = (mode: CaseRow['mode'], malformation: string, answered5xx: number): CaseRow => ({ mode, malformation, sent: 18, refused4xx: 18 - answered5xx, answered5xx, answered2xx: 0 });
const releaseRow = (shape: ReleaseRow['shape'], version: string, checkoutsCorrect: number, gateAgrees: boolean, schemaOnlyAgrees = gateAgrees): ReleaseRow => ({
  shape,
  version,
  change: 'a change',
  contractChecks: 3,
  failingConsumers: [],
  gate: 'ship',
  schemaOnlyGate: 'ship',
  unitsRedeployed: 1,
  functionsRedeployed: { monolith: 6, microservices: 3, nanoservices: 1 }[shape],
  checkoutsSent: 5,
  checkoutsCorrect,
  broken: checkoutsCorrect < 5,
  gateAgrees,
  schemaOnlyAgrees,
});
const releasesIn = (shape: ReleaseRow['shape'], offset: number): ReleaseRow[] => [
  releaseRow(shape, 'v1 (control)', 5, true),
  releaseRow(shape, 'v2-adds-currency', 4 - offset, false),
  releaseRow(shape, 'v2-renames-discount', 1 + offset, true),
  releaseRow(shape, 'v2-discount-in-euros', 2, true, false),
];

const result: Result = {
  referenceSystems: referenceStructures(),
  repeats: 3,
  boundary: [
    boundaryRow('monolith', 'functions validate', 1),
    boundaryRow('microservices', 'functions validate', 2),
    boundaryRow('nanoservices', 'functions validate', 3),
    boundaryRow('monolith', 'contract at boundary', 4),
    boundaryRow('microservices', 'contract at boundary', 5),
    boundaryRow('nanoservices', 'contract at boundary', 6),
  ],
  cases: [
    caseRow('functions validate', 'not JSON', 17),
    caseRow('functions validate', 'JSON null', 0),
    caseRow('contract at boundary', 'not JSON', 0),
    caseRow('contract at boundary', 'JSON null', 0),
  ],
  releases: [...releasesIn('monolith', 0), ...releasesIn('microservices', 1), ...releasesIn('nanoservices', 2)],
};

describe('pageFigures', () => {
  it('sums the contract-at-boundary rows for the enforced figures and the functions-validate rows for the loose ones', () => {
    const figures = pageFigures(result);
    expect(figures.enforcedRefused4xx).toBe(54 + 55 + 56);
    expect(figures.enforcedMalformedSent).toBe(104 + 105 + 106);
    expect(figures.enforcedFunctionsEntered).toBe(34 + 35 + 36);
    expect(figures.looseBodiesRun).toBe(1 + 2 + 3);
    expect(figures.looseFunctionsEntered).toBe(31 + 32 + 33);
  });

  it('reads the microservices row with the contract at the boundary, and the contracts of each shape', () => {
    const figures = pageFigures(result);
    expect([figures.microValidAnswered2xx, figures.microValidSent]).toEqual([45, 65]);
    expect([figures.monolithContracts, figures.microservicesContracts, figures.nanoservicesContracts]).toEqual([40, 50, 60]);
  });

  it('counts the kinds of malformed request once each and reads the not-JSON case of the loose mode', () => {
    const figures = pageFigures(result);
    expect(figures.malformationKinds).toBe(2);
    expect(figures.repeats).toBe(3);
    expect([figures.notJsonAnswered5xx, figures.notJsonSent]).toEqual([17, 18]);
  });

  it('sums each release over the shapes and counts the releases each gate was right about', () => {
    const figures = pageFigures(result);
    expect([figures.additiveCorrect, figures.additiveSent, figures.renameCorrect, figures.renameSent]).toEqual([4 + 3 + 2, 15, 1 + 2 + 3, 15]);
    expect([figures.euroCorrect, figures.euroSent]).toEqual([6, 15]);
    expect([figures.gateRight, figures.schemaOnlyRight, figures.releases]).toEqual([9, 6, 12]);
    expect([figures.candidates, figures.releaseShapes]).toEqual([4, 3]);
    expect(figures.functionsPerRelease).toBe('6, 3 and 1');
  });

  it('throws, naming the row, when the run did not try a release the page describes', () => {
    expect(() => pageFigures({ ...result, releases: result.releases.filter((row) => row.version !== 'v2-renames-discount') })).toThrow('v2-renames-discount');
  });

  it('reads the interfaces each reference system’s cuts put behind a unit’s door, counted from its file', () => {
    const figures = pageFigures(result);
    // By hand: the checkout's chain has 5 calls; its microservices (cart, billing, receipts) put 2 of them across units. Every
    // Online Boutique call already crosses services; the Alibaba-like tree's services keep 17 of its 26 calls inside.
    expect(figures.referenceMicroUnits).toMatch(/chain 3, Online Boutique.* 9 and .*Alibaba.* 7$/);
    expect(figures.referenceMicroOperationsPerUnit).toMatch(/chain 2\.3, Online Boutique.* 1\.6 and .*Alibaba.* 5\.8$/);
    expect(figures.referenceInterfaces).toMatch(/chain 5, Online Boutique.* 13 and .*Alibaba.* 26$/);
    expect(figures.referenceMicroCrossUnit).toMatch(/chain 2, Online Boutique.* 13 and .*Alibaba.* 9$/);
    expect(figures.referenceMicroCrossShare).toMatch(/chain 40%, Online Boutique.* 100% and .*Alibaba.* 35%$/);
    expect(figures.referenceNanoCrossUnit).toMatch(/chain 5, Online Boutique.* 13 and .*Alibaba.* 26$/);
    expect(figures.referenceMonolithCrossUnitAtMost).toBe(0);
  });

  it('tables every cut of every reference system, with the same calls in every cut', () => {
    const rows = referenceSystemsTable(result).rows;
    expect(rows).toHaveLength(9);
    expect(rows[7]).toEqual({ system: 'An Alibaba-like call tree', cut: 'microservices', units: 7, operationsPerDeploy: '5.8', contracts: 26, crossUnitContracts: 9 });
    expect(rows.map((row) => row.contracts)).toEqual([5, 5, 5, 13, 13, 13, 26, 26, 26]);
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('keyFigure', () => {
  // Every door refuses every malformed request before a function runs, and every gate is right.
  const wellDefined: Result = {
    ...result,
    boundary: result.boundary.map((row) => (row.mode === 'contract at boundary' ? { ...row, refused4xx: row.malformedSent, answered5xx: 0, functionsEntered: 0, validAnswered2xx: row.validSent } : row)),
    releases: result.releases.map((row) => ({ ...row, gateAgrees: true })),
  };

  it('sums the doors and the gate over the cuts compared, in every cut alike when each held', () => {
    expect(keyFigure(wellDefined)).toBe('contracts at the door refused 315 of 315 malformed requests, the consumer gate was right for 12 of 12 releases, in every cut alike');
  });

  it('names the cuts that held their interfaces, or none', () => {
    expect(keyFigure(result)).toBe('contracts at the door refused 165 of 315 malformed requests, the consumer gate was right for 9 of 12 releases; no cut held its interfaces');
    const monolithBroke = { ...wellDefined, releases: wellDefined.releases.map((row) => (row.shape === 'monolith' && row.version === 'v2-adds-currency' ? { ...row, gateAgrees: false } : row)) };
    expect(keyFigure(monolithBroke)).toMatch(/; only the microservices and nanoservices held theirs$/);
  });

  it('is null when the run tried nothing on the microservices', () => {
    expect(keyFigure({ ...result, releases: result.releases.filter((row) => row.shape !== 'microservices') })).toBeNull();
  });
});
