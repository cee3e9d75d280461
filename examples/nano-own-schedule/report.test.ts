import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-own-schedule.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { keyFigure, pageFigures, referenceSystemsTable, type ContractRow, type ReleaseCheck, type ReleaseInShape, type Result } from './report.ts';

const contract = (provider: string, consumer: string, fields: string[], invariants: string[] = []): ContractRow => ({
  provider,
  consumer,
  fields,
  invariants,
  crossesUnits: { monolith: false, microservices: true, nanoservices: true },
});
const check = (version: string, gate: ReleaseCheck['gate'], failingConsumers: string[], checksRun = 8): ReleaseCheck => ({
  version,
  change: `${version} changes`,
  checksRun,
  failingConsumers,
  schemaOnlyFailingConsumers: [],
  gate,
});
// Every figure differs between versions and shapes, so a figure read from the wrong row reads wrong.
const shapeIndex = { monolith: 0, microservices: 1, nanoservices: 2 } as const;
const release = (version: string, shape: ReleaseInShape['shape'], versionIndex: number, gateAgrees = true, schemaOnlyGateAgrees = true): ReleaseInShape => ({
  version,
  shape,
  providerUnit: `${shape}-unit`,
  functionsRedeployed: 10 * versionIndex + shapeIndex[shape] + 1,
  crossUnitContracts: 20 * versionIndex + shapeIndex[shape],
  inUnitConsumers: 0,
  unitsToRelease: 30 * versionIndex + shapeIndex[shape] + 1,
  checkoutsSent: 40 + versionIndex,
  checkoutsCorrect: 40 + versionIndex - shapeIndex[shape],
  broken: false,
  gateAgrees,
  schemaOnlyGateAgrees,
});
const versions = ['v1 (control)', 'v2-adds-rate', 'v2-nests-tax', 'v2-net-total'];

const result: Result = {
  referenceSystems: referenceStructures(),
  provider: 'calculateTax',
  transports: ['memory', 'http'],
  sampleCarts: 4,
  contracts: [
    contract('priceCart', 'applyDiscount', ['subtotalCents']),
    contract('calculateTax', 'chargePayment', ['taxCents', 'totalCents']),
    contract('calculateTax', 'issueReceipt', ['taxCents'], ['total = subtotal − discount + tax', 'tax ≥ 0']),
  ],
  checks: [check('v1 (control)', 'ship', [], 6), check('v2-adds-rate', 'ship', []), check('v2-nests-tax', 'block', ['chargePayment', 'issueReceipt']), check('v2-net-total', 'block', ['issueReceipt'])],
  releases: versions.flatMap((version, index) =>
    (['monolith', 'microservices', 'nanoservices'] as const).map((shape) => release(version, shape, index, !(index === 3 && shape === 'monolith'), index !== 3)),
  ),
  system: [
    { shape: 'monolith', units: 1, contracts: 15, crossUnitContracts: 0 },
    { shape: 'microservices', units: 3, contracts: 15, crossUnitContracts: 11 },
    { shape: 'nanoservices', units: 6, contracts: 15, crossUnitContracts: 14 },
  ],
};

describe('pageFigures', () => {
  it('lists the provider’s consumers only, with the fields they read and their rules', () => {
    const figures = pageFigures(result);
    expect(figures.consumers).toBe(2);
    expect(figures.consumerContracts).toBe('chargePayment (reads taxCents, totalCents) and issueReceipt (reads taxCents; rule: total = subtotal − discount + tax; tax ≥ 0)');
    expect([figures.provider, figures.transports, figures.sampleCarts, figures.checksPerRelease]).toEqual(['calculateTax', 'memory and http', 4, 6]);
  });

  it('reads each candidate’s gate and its nanoservice deployment', () => {
    const figures = pageFigures(result);
    expect(figures.addsRate).toEqual({ change: 'v2-adds-rate changes', gate: 'ship', breaks: '', checkoutsCorrect: 39, checkoutsSent: 41 });
    expect(figures.nestsTax).toEqual({ change: 'v2-nests-tax changes', gate: 'block', breaks: 'chargePayment and issueReceipt', checkoutsCorrect: 40, checkoutsSent: 42 });
    expect(figures.netTotal).toMatchObject({ breaks: 'issueReceipt', checkoutsCorrect: 41, checkoutsSent: 43 });
  });

  it('counts the pairs the gate and a schema-only gate got right', () => {
    const figures = pageFigures(result);
    expect([figures.gateRight, figures.schemaOnlyGateRight, figures.pairs]).toEqual([11, 9, 12]);
  });

  it('reads per shape the compatible release, the breaking one and the whole checkout', () => {
    const figures = pageFigures(result);
    expect(figures.byShape.monolith).toEqual({ functionsRedeployed: 11, crossUnitContracts: 20, unitsToReleaseBreaking: 61, systemCrossUnitContracts: 0 });
    expect(figures.byShape.microservices).toEqual({ functionsRedeployed: 12, crossUnitContracts: 21, unitsToReleaseBreaking: 62, systemCrossUnitContracts: 11 });
    expect(figures.byShape.nanoservices).toEqual({ functionsRedeployed: 13, crossUnitContracts: 22, unitsToReleaseBreaking: 63, systemCrossUnitContracts: 14 });
    expect([figures.microservicesProviderUnit, figures.systemContracts]).toEqual(['microservices-unit', 15]);
  });

  it('throws, naming the version, when the run left out a candidate the page lists', () => {
    expect(() => pageFigures({ ...result, checks: result.checks.filter((row) => row.version !== 'v2-net-total') })).toThrow('v2-net-total');
  });

  it('reads the checkouts each candidate ran and the price of the finer cut as a multiple', () => {
    const figures = pageFigures(result);
    expect(figures.checkoutsPerRelease).toBe(41);
    expect(figures.contractsRatio).toBe('1.27×');
  });

  it('reads the price on each reference system, and names those where the finer cut costs nothing more', () => {
    const figures = pageFigures(result);
    // Counted from the files: the checkout 5 vs 2, Online Boutique 13 vs 13 (its services hold one or two operations), the Alibaba-like tree 26 vs 9.
    expect(figures.referenceContractsRatios).toMatch(/checkout.* 2\.50×, Online Boutique.* 1\.00× and .*Alibaba.* 2\.89×$/);
    expect(figures.referenceWithoutCost).toMatch(/^Online Boutique/);
    expect(figures.verdictMap.lines.map((line) => line.points.length)).toEqual([3, 3, 3]);
    expect(referenceSystemsTable(result).rows).toHaveLength(9);
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('keyFigure', () => {
  it('quotes the shipped-alone release and the cross-unit contracts, with the ratio the page prints', () => {
    // The fixture's releases redeploy more than one function: nothing ships alone.
    expect(keyFigure(result)).toBe(`no compatible change shipped alone in one nanoservice; the checkout needs 14 cross-unit contract tests vs 11 for microservices (${pageFigures(result).contractsRatio})`);
  });

  it('says a compatible change shipped alone when it did, in one unit, with every checkout correct', () => {
    const alone = (row: Result['releases'][number]) => (row.shape === 'nanoservices' && row.version === 'v2-adds-rate' ? { ...row, unitsToRelease: 1, functionsRedeployed: 1 } : row);
    const releases = result.releases.map(alone).map((row) => ({ ...row, gateAgrees: true }));
    expect(keyFigure({ ...result, releases })).toBe('a compatible change shipped alone in 1 nanoservice, but the checkout needs 14 cross-unit contract tests vs 11 for microservices (1.27×)');
  });

  it('is null when the run counted no contracts per shape', () => {
    expect(keyFigure({ ...result, system: [] })).toBeNull();
  });
});
