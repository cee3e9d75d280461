import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCart } from '../checkout/sample-carts.ts';
import { runCheckoutInProcess } from '../checkout/steps.ts';
import { bundleShape, type ShapeBundles } from '../lab/packaging/bundle-units.ts';
import { keepAliveAgent, postJson } from '../lab/network/http-client.ts';
import { findLeftovers } from '../lab/processes/leftovers.ts';
import { microservices } from '../lab/model/shapes.ts';
import { processStartTicks } from '../lab/processes/proc.ts';
import { replacedUnits, startFleet, type ProcessIdentity } from './fleet.ts';

const identity = (unit: string, pid: number, startTicks: number): ProcessIdentity => ({ unit, pid, startTicks, file: `${unit}.cjs` });

describe('replacedUnits', () => {
  const before = [identity('cart', 10, 100), identity('billing', 11, 101), identity('receipts', 12, 102)];

  it('finds none when every unit has the same PID and start time', () => {
    expect(replacedUnits(before, [...before].reverse())).toEqual([]);
  });

  it('finds a unit whose PID changed', () => {
    expect(replacedUnits(before, [before[0] as ProcessIdentity, identity('billing', 20, 200), before[2] as ProcessIdentity])).toEqual(['billing']);
  });

  it('finds a unit restarted under its old PID, by its start time', () => {
    expect(replacedUnits(before, [identity('cart', 10, 150), before[1] as ProcessIdentity, before[2] as ProcessIdentity])).toEqual(['cart']);
  });

  it('counts a unit that vanished as replaced', () => {
    expect(replacedUnits(before, before.slice(1))).toEqual(['cart']);
  });
});

describe('startFleet (microservices bundles as processes behind balancers)', () => {
  let dir: string;
  let bundles: ShapeBundles;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mm-fleet-test-'));
    bundles = await bundleShape(microservices, 'own-functions', dir);
  }, 60_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    expect(findLeftovers()).toEqual({ childProcesses: [], listeningPorts: [] });
  });

  it('replaces one unit’s process, either way round, and leaves the others running untouched', async () => {
    const fleet = await startFleet(bundles.units, 20);
    const agent = keepAliveAgent();
    const checkout = async () => (await postJson(agent, fleet.entryPort, fleet.entryRoute, sampleCart)).value;
    try {
      expect(await checkout()).toEqual(runCheckoutInProcess(sampleCart));
      const before = fleet.processes();
      expect(before.map((p) => p.unit)).toEqual(['cart', 'billing', 'receipts']);
      expect(before.map((p) => p.file)).toEqual(bundles.units.map((unit) => unit.file));
      expect(findLeftovers().childProcesses).toHaveLength(3);

      const billingV2 = path.join(dir, 'billing.v2.cjs');
      copyFileSync(bundles.units[1]?.file as string, billingV2);
      const billing = await fleet.replace('billing', billingV2, 'start-then-stop');
      expect(billing.unlistedMs).toBe(0);
      expect(billing.oldExit).toBe('0');
      const afterBilling = fleet.processes();
      expect(replacedUnits(before, afterBilling)).toEqual(['billing']);
      expect(afterBilling.find((p) => p.unit === 'billing')).toMatchObject({ pid: billing.newPid, file: billingV2 });
      expect(processStartTicks(billing.oldPid)).toBeNull();
      expect(await checkout()).toEqual(runCheckoutInProcess(sampleCart));

      const receiptsV2 = path.join(dir, 'receipts.v2.cjs');
      copyFileSync(bundles.units[2]?.file as string, receiptsV2);
      const receipts = await fleet.replace('receipts', receiptsV2, 'stop-then-start');
      expect(receipts.unlistedMs).toBeGreaterThan(0);
      expect(replacedUnits(afterBilling, fleet.processes())).toEqual(['receipts']);
      expect(await checkout()).toEqual(runCheckoutInProcess(sampleCart));
      expect(findLeftovers().childProcesses).toHaveLength(3);
      await expect(fleet.replace('ghost', receiptsV2, 'start-then-stop')).rejects.toThrow(/no unit named ghost/);
    } finally {
      agent.destroy();
      await fleet.close();
    }
  }, 60_000);
});
