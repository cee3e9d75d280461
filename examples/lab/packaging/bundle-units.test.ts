import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../../checkout/sample-carts.ts';
import { bundleShape, bundlerGlue, originOf, writeBareServer, type ShapeBundles } from './bundle-units.ts';
import { readMemory } from '../processes/proc.ts';
import { startBundle, startFleetAtOnce, startFleetInTurn } from './run-bundle.ts';
import { microservices } from '../model/shapes.ts';

let dir: string;
let lab: ShapeBundles;
let own: ShapeBundles;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bundle-units-test-'));
  lab = await bundleShape(microservices, 'lab', dir);
  own = await bundleShape(microservices, 'own-functions', dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('originOf', () => {
  it('names packages, scoped or not, and the parts of the repository', () => {
    expect(originOf('node_modules/@hono/node-server/dist/index.mjs')).toBe('@hono/node-server');
    expect(originOf('node_modules/zod/v4/classic/schemas.js')).toBe('zod');
    expect(originOf('examples/checkout/functions.ts')).toBe('checkout functions');
    expect(originOf('examples/checkout/catalogue.ts')).toBe('checkout, other');
    expect(originOf('examples/lab/units/unit-app.ts')).toBe('lab');
  });
});

describe('bundleShape', () => {
  it('writes one file per unit whose size is the sum of its origins, glue included', () => {
    for (const bundles of [lab, own]) {
      expect(bundles.units.map((unit) => unit.unit)).toEqual(['cart', 'billing', 'receipts']);
      for (const unit of bundles.units) {
        expect(statSync(unit.file).size).toBe(unit.bytes);
        expect(Object.values(unit.byOrigin).reduce((a, b) => a + b, 0)).toBe(unit.bytes);
        expect(unit.byOrigin[bundlerGlue]).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('the lab packaging ships every checkout function; the own-functions packaging ships fewer bytes of them', () => {
    for (const [index, unit] of own.units.entries()) {
      expect(unit.byOrigin['checkout functions']).toBeLessThan(lab.units[index]?.byOrigin['checkout functions'] ?? 0);
      expect(unit.inputs).not.toContain('examples/lab/units/unit-app.ts');
    }
    for (const unit of lab.units) expect(unit.inputs).toContain('examples/lab/units/unit-app.ts');
  });

  it('the bundle of all units holds each dependency once', () => {
    const zodPerUnit = lab.units[0]?.byOrigin.zod ?? 0;
    expect(zodPerUnit).toBeGreaterThan(0);
    expect(Math.abs((lab.union.byOrigin.zod ?? 0) - zodPerUnit)).toBeLessThan(zodPerUnit * 0.01);
  });
});

describe('running bundles', () => {
  it('starts each packaging of a fleet in turn and at once with plain node, and both return the reference receipt', async () => {
    for (const bundles of [lab, own]) {
      const inTurn = await startFleetInTurn(bundles.units, sampleCart);
      try {
        expect(inTurn.answersMatch).toBe(true);
        expect(inTurn.units.every((unit) => (unit.firstAnswerMs ?? 0) > 0)).toBe(true);
        const memory = readMemory(inTurn.units[0]?.running.pid ?? -1);
        expect(memory.rssKiB).toBeGreaterThan(0);
      } finally {
        await inTurn.stop();
      }
      const atOnce = await startFleetAtOnce(bundles.units, sampleCart);
      await atOnce.stop();
      expect(atOnce.answersMatch).toBe(true);
    }
  });

  it('starts the bare server and stops it with SIGTERM', async () => {
    const bare = await startBundle(writeBareServer(dir));
    await bare.stop();
    expect(bare.child.exitCode).toBe(0);
  });

  it('rejects, and leaves nothing behind, when a bundle cannot start', async () => {
    await expect(startBundle(path.join(dir, 'missing.cjs'))).rejects.toThrow(/did not start/);
  });
});
