import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/nano-no-duplication.json' with { type: 'json' };
import { missingFigures } from '../lab/report/missing-figures.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { businessCodeTable, keyFigure, pageFigures, referenceSystemsTable, shippedParts, verdictMapOf, type BusinessCodeRow, type DuplicationRow, type OriginRow, type Result, type UnitBundleRow } from './report.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const formatKiB = (bytes: number) => `${(Math.round((bytes / KiB) * 10) / 10).toLocaleString('en')} KiB`;

// Every figure differs between shapes and packagings, so a figure read from the wrong row reads wrong.
const row = (shape: DuplicationRow['shape'], variant: DuplicationRow['variant'], shippedBytes: number, uniqueBytes: number): DuplicationRow => ({
  shape,
  variant,
  units: shape === 'monolith' ? 1 : 6,
  shippedBytes,
  uniqueBytes,
  duplicatedBytes: Math.max(0, shippedBytes - uniqueBytes),
  duplicatedShare: Math.max(0, shippedBytes - uniqueBytes) / shippedBytes,
});
const origin = (shape: OriginRow['shape'], variant: OriginRow['variant'], name: string, uniqueBytes: number, duplicatedBytes: number): OriginRow => ({
  shape,
  variant,
  origin: name,
  shippedBytes: uniqueBytes + duplicatedBytes,
  uniqueBytes,
  duplicatedBytes,
});
const unit = (shape: UnitBundleRow['shape'], variant: UnitBundleRow['variant'], name: string, bytes: number, checkoutFunctionBytes: number): UnitBundleRow => ({
  shape,
  variant,
  unit: name,
  functions: 1,
  bytes,
  checkoutFunctionBytes,
  dependencyShare: 0.9,
});

// A fleet that ships `framework` bytes per unit, plus `kib` KiB of each function's own code: what a
// real bundle would measure, give or take glue. The framework differs per shape only by its count.
const framework = 500 * KiB;
const labPerFunction = 200;
const business = (shape: BusinessCodeRow['shape'], kib: number): BusinessCodeRow => {
  const units = { monolith: 1, microservices: 3, nanoservices: 6 }[shape];
  const own = 6 * (labPerFunction + kib * KiB);
  const shippedBytes = units * framework + own;
  const uniqueBytes = framework + own;
  return { shape, generatedKiBPerFunction: kib, businessBytesPerFunction: labPerFunction + kib * KiB, shippedBytes, uniqueBytes, duplicatedShare: (shippedBytes - uniqueBytes) / shippedBytes };
};
const sizes = [0, 16, 256, 4096, 8192];

const result: Result = {
  rows: [
    row('monolith', 'lab', 600 * KiB, 600 * KiB),
    row('nanoservices', 'lab', 4 * MiB, 1 * MiB),
    row('monolith', 'own-functions', 500 * KiB, 500 * KiB),
    row('nanoservices', 'own-functions', 3 * MiB, 512 * KiB),
  ],
  origins: [
    origin('nanoservices', 'own-functions', 'zod', 400 * KiB, 2 * MiB),
    origin('nanoservices', 'own-functions', 'hono', 20 * KiB, 100 * KiB),
    origin('nanoservices', 'own-functions', '@hono/node-server', 22 * KiB, 110 * KiB),
    origin('nanoservices', 'lab', 'zod', 999 * KiB, 9 * MiB),
    origin('monolith', 'own-functions', 'zod', 398 * KiB, 0),
  ],
  units: [
    unit('nanoservices', 'lab', 'validateCart', 600 * KiB, 1077),
    unit('nanoservices', 'own-functions', 'validateCart', 450 * KiB, 155),
    unit('nanoservices', 'own-functions', 'priceCart', 451 * KiB, 201),
    unit('monolith', 'own-functions', 'checkout', 500 * KiB, 1100),
  ],
  sourceFiles: 15,
  copiedSourceFiles: 2,
  copiedSourceFilesByShape: { monolith: 0, microservices: 1, nanoservices: 2 },
  bundlesAnswerLikeTheReference: true,
  businessCode: sizes.flatMap((kib) => (['monolith', 'microservices', 'nanoservices'] as const).map((shape) => business(shape, kib))),
  realisticKiBPerFunction: 16,
  referenceSystems: referenceStructures(),
};

describe('pageFigures', () => {
  it('reads the fleets packaged with their own functions, not the lab packaging', () => {
    const figures = pageFigures(result);
    expect(figures.nanoShipped).toBe('3 MiB');
    expect(figures.nanoDuplicated).toBe('2.5 MiB');
    expect(figures.nanoDuplicatedShare).toBe('83.3%');
    expect(figures.monolithShipped).toBe('500 KiB');
    expect(figures.monolithDuplicated).toBe('0 KiB');
    expect([figures.sourceFiles, figures.copiedSourceFiles]).toEqual([15, 2]);
  });

  it('reads the copies of each dependency in the nanoservice fleet, and zod once per unit', () => {
    const figures = pageFigures(result);
    expect([figures.zodCopies, figures.honoCopies, figures.nodeServerCopies]).toEqual(['2 MiB', '100 KiB', '110 KiB']);
    expect(figures.zodPerUnit).toBe('400 KiB');
  });

  it('reads the validateCart nanoservice bundle in both packagings', () => {
    const figures = pageFigures(result);
    expect(figures.validateCartBusinessBytes).toBe(155);
    expect(figures.validateCartLabBusinessBytes).toBe(1077);
    expect(figures.validateCartBundle).toBe('450 KiB');
  });

  it('charts unique code and copies per shape, own-functions packaging only, in whole KiB', () => {
    expect(pageFigures(result).fleetBytesBars).toEqual([
      { shape: 'monolith', part: 'unique code', KiB: 500 },
      { shape: 'monolith', part: 'copies', KiB: 0 },
      { shape: 'nanoservices', part: 'unique code', KiB: 512 },
      { shape: 'nanoservices', part: 'copies', KiB: 2560 },
    ]);
  });

  it('says whether every bundled fleet answered like the functions in one process', () => {
    expect(pageFigures(result).bundlesCheck).toBe('every fleet did');
    expect(pageFigures({ ...result, bundlesAnswerLikeTheReference: false }).bundlesCheck).toBe('at least one fleet did not');
  });

  it('throws, naming the row, when the run left out an origin the page reads', () => {
    expect(() => pageFigures({ ...result, origins: result.origins.filter((row) => row.origin !== 'hono') })).toThrow('"origin":"hono"');
  });

  it('says how many copied source files each cut needed', () => {
    expect(pageFigures(result).copiedByShape).toBe('0 in the monolith, 1 in the microservices and 2 in the nanoservices');
  });

  it('reads the fleets at the assumed realistic size of business code per function', () => {
    const figures = pageFigures(result);
    expect(figures.realisticPerFunction).toBe('16 KiB');
    // monolith 500 + 6 × (16 KiB + 200 B); nanoservices 6 × 500 KiB + the same business code.
    expect(figures.realistic.monolithShipped).toBe(formatKiB(framework + 6 * (labPerFunction + 16 * KiB)));
    expect(figures.realistic.nanoToMonolith).toBe(`${((6 * framework + 6 * (labPerFunction + 16 * KiB)) / (framework + 6 * (labPerFunction + 16 * KiB))).toFixed(2)}×`);
    expect(figures.realistic.nanoCopiesShare).toBe(`${Math.round(((5 * framework) / (6 * framework + 6 * (labPerFunction + 16 * KiB))) * 100)}%`);
    expect(figures.labBytesPerFunction).toBe(labPerFunction);
    expect(figures.costThreshold).toBe('1.10×');
  });

  it('says where the price stops counting and where copies fall below half, from the measured points', () => {
    const figures = pageFigures(result);
    // 6(F + b) / (F + 6b) = 1.1 at b ≈ 8.2 F: between the 4,096 and 8,192 KiB points.
    expect(figures.priceGoneAt).toMatch(/^about [4-8](\.\d)? MiB$/);
    // 5F / 6(F + b) = 0.5 at b ≈ 0.67 F ≈ 333 KiB: between the 256 and 4,096 KiB points.
    expect(figures.copiesBelowHalfAt).toMatch(/^about \d{3}(\.\d)? KiB$|^about [1-3](\.\d)? MiB$/);
    const short = { ...result, businessCode: result.businessCode.filter((row) => row.generatedKiBPerFunction <= 16) };
    expect(pageFigures(short).priceGoneAt).toBe('beyond the 16.2 KiB measured');
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures(evidence.result as Result))).toEqual([]);
  });
});

describe('the reference systems', () => {
  it('splits what a fleet ships into the code every unit carries and each operation’s own, from the nanoservice fleet at the realistic size', () => {
    // The fixture ships 500 KiB of framework per unit and 200 bytes + 16 KiB of each function's own.
    expect(shippedParts(result)).toEqual({ kibPerFunction: 16, sharedBytesPerUnit: 500 * KiB, ownBytesPerOperation: 200 + 16 * KiB });
    expect(() => shippedParts({ ...result, rows: result.rows.map((r) => ({ ...r, units: 1 })) })).toThrow('two units or more');
  });

  it('carries them to each reference system’s cuts, whose units and operations are counted from their files', () => {
    const figures = pageFigures(result);
    expect([figures.referenceSharedPerUnit, figures.referenceOwnPerOperation]).toEqual(['500 KiB', '16.2 KiB']);
    expect(figures.referenceNanoUnits).toMatch(/checkout.* 6, Online Boutique.* 13 and .*Alibaba.* 24$/);
    expect(figures.referenceMicroUnits).toMatch(/checkout.* 3, Online Boutique.* 9 and .*Alibaba.* 7$/);
    // (units − 1) × 500 KiB: 2,500, 6,000 and 11,500 KiB.
    expect(figures.referenceNanoCopies).toMatch(/checkout.* 2\.4 MiB, Online Boutique.* 5\.9 MiB and .*Alibaba.* 11\.2 MiB$/);
    // n × (500 KiB + 16,584 B) over 500 KiB + n × 16,584 B, for n = 6, 13 and 24 operations.
    expect(figures.referenceNanoToMonolith).toMatch(/checkout.* 5\.19×, Online Boutique.* 9\.44× and .*Alibaba.* 13\.9×$/);
    expect(figures.referenceNanoCopiesShare).toMatch(/checkout.* 81%, Online Boutique.* 89% and .*Alibaba.* 93%$/);
    // 3, 9 and 7 units of the same operations: Online Boutique's nine small services copy the framework the most of the three.
    expect(figures.referenceMicroToMonolith).toMatch(/checkout.* 2\.67×, Online Boutique.* 6\.63× and .*Alibaba.* 4\.38×$/);
  });

  it('tables every cut of every reference system; a monolith copies nothing', () => {
    const table = referenceSystemsTable(result);
    expect(table.rows).toHaveLength(9);
    expect(table.rows.filter((row) => row.cut === 'monolith').map((row) => [row.copiedKiB, row.toMonolith])).toEqual([[0, '1.00×'], [0, '1.00×'], [0, '1.00×']]);
    expect(table.rows.find((row) => row.system === 'An Alibaba-like call tree' && row.cut === 'nanoservices')).toMatchObject({ units: 24, operations: 24, copiedKiB: 11_500 });
  });
});

describe('verdictMapOf', () => {
  it('draws each split cut against the monolith across the business code per function, with the rule’s cost threshold', () => {
    const map = verdictMapOf(result);
    expect(map.threshold).toBe(1.1);
    expect(map.lines.map((line) => line.series)).toEqual(['microservices ÷ monolith', 'nanoservices ÷ monolith']);
    const nano = map.lines[1]?.points ?? [];
    expect(nano.map((point) => point.x)).toEqual(sizes.map((kib) => (labPerFunction + kib * KiB) / KiB));
    expect(nano[0]?.estimate).toBeCloseTo((6 * framework + 6 * labPerFunction) / (framework + 6 * labPerFunction), 10);
    expect(nano.at(-1)?.estimate).toBeLessThan(1.1);
  });

  it('marks the lab’s functions at their measured size and one real single-operation service', () => {
    const markers = verdictMapOf(result).markers;
    expect(markers[0]).toMatchObject({ x: labPerFunction / KiB, source: 'this run' });
    expect(markers[1]?.label).toContain('Online Boutique');
  });

  it('throws when the run left out the monolith, which every ratio is taken against', () => {
    expect(() => verdictMapOf({ ...result, businessCode: result.businessCode.filter((row) => row.shape !== 'monolith') })).toThrow('"shape":"monolith"');
  });
});

describe('businessCodeTable', () => {
  it('lists every fleet at every size, smallest first, with its multiple of the monolith', () => {
    const rows = businessCodeTable(result).rows;
    expect(rows).toHaveLength(sizes.length * 3);
    expect(rows[0]).toMatchObject({ generatedKiB: 0, shape: 'monolith', toMonolith: 1, duplicatedPercent: 0 });
    expect(rows[2]).toMatchObject({ generatedKiB: 0, shape: 'nanoservices', toMonolith: Math.round(((6 * framework + 1200) / (framework + 1200)) * 100) / 100 });
  });
});

describe('keyFigure', () => {
  it('names the copied source per cut, then the price the page quotes at the assumed realistic size', () => {
    const { realistic } = pageFigures(result);
    expect(keyFigure(result)).toBe(
      `copied source files: 1 in the microservices and 2 in the nanoservices; at 16 KiB of code per function (assumed) nanoservices ship ${realistic.nanoToMonolith} the monolith’s bytes, ${realistic.nanoCopiesShare} of them copies`,
    );
    expect(keyFigure(result)).toMatch(/ship 5\.19× the monolith’s bytes, 81% of them copies$/);
  });

  it('says no cut copied source when none did, and leads with bundles that answered wrongly', () => {
    const uncopied = { ...result, copiedSourceFilesByShape: { monolith: 0, microservices: 0, nanoservices: 0 } };
    expect(keyFigure(uncopied)).toMatch(/^no cut copied source; at 16 KiB/);
    expect(keyFigure({ ...uncopied, bundlesAnswerLikeTheReference: false })).toMatch(/^the bundled units answered unlike the functions in one call stack; no cut copied source/);
  });

  it('is null when the run measured no fleet at the realistic size', () => {
    expect(keyFigure({ ...result, realisticKiBPerFunction: 32 })).toBeNull();
  });
});
