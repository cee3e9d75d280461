import { describe, expect, it } from 'vitest';
import { arrivalFates, checkFaultModel, cloudFaults, noFaults, stressFaults, zoneOf } from './fault-model.ts';

const arrivals = (count: number, unit = 'cart', unitIndex = 0) => Array.from({ length: count }, (_, id) => ({ unit, unitIndex, operation: unit, request: { id, attempt: 0 } }));

describe('checkFaultModel', () => {
  it('refuses a share outside [0, 1] and a zone count below 1, naming the field', () => {
    expect(() => checkFaultModel({ ...cloudFaults, unavailability: 2 })).toThrow('unavailability is a share in [0, 1], got 2');
    expect(() => checkFaultModel({ ...cloudFaults, slow: { ...cloudFaults.slow, share: -0.1 } })).toThrow('slow.share');
    expect(() => checkFaultModel({ ...cloudFaults, zones: { count: 0, probability: 0 } })).toThrow('zones.count');
    expect(() => checkFaultModel({ ...cloudFaults, clientRetries: 1.5 })).toThrow('clientRetries');
    expect(checkFaultModel(cloudFaults)).toBe(cloudFaults);
  });
});

describe('arrivalFates', () => {
  it('gives the same arrival the same fate, and a retry a fresh draw', () => {
    const first = arrivals(2000).map(arrivalFates(stressFaults, 7));
    const again = arrivals(2000).map(arrivalFates(stressFaults, 7));
    expect(again).toEqual(first);
    const retried = arrivals(2000).map((arrival) => arrivalFates(stressFaults, 7)({ ...arrival, request: { ...arrival.request, attempt: 1 } }));
    expect(retried).not.toEqual(first);
  });

  it('refuses arrivals at the model’s rate: 5 % in the stress case, about 0.05 % in the cloud case', () => {
    const refusedShare = (model: typeof cloudFaults, count: number) => arrivals(count).map(arrivalFates(model, 3)).filter((fate) => fate.refused === 'unavailable').length / count;
    expect(refusedShare(stressFaults, 20_000)).toBeGreaterThan(0.045);
    expect(refusedShare(stressFaults, 20_000)).toBeLessThan(0.055);
    expect(refusedShare(cloudFaults, 200_000)).toBeGreaterThan(0.0003);
    expect(refusedShare(cloudFaults, 200_000)).toBeLessThan(0.0007);
  });

  it('delays about 1 % of arrivals in the cloud model, and never without faults', () => {
    const delayed = arrivals(50_000).map(arrivalFates(cloudFaults, 3)).filter((fate) => fate.delayUs > 0).length / 50_000;
    expect(delayed).toBeGreaterThan(0.008);
    expect(delayed).toBeLessThan(0.012);
    expect(arrivals(5000).map(arrivalFates(noFaults, 3)).every((fate) => fate.refused === null && fate.delayUs === 0 && !fate.crashes)).toBe(true);
  });

  it('loses a zone for a whole request: every unit of that zone refuses it, the others do not', () => {
    const model = { ...noFaults, zones: { count: 3, probability: 0.5 } };
    const fate = arrivalFates(model, 11);
    for (let id = 0; id < 200; id += 1) {
      const refused = Array.from({ length: 6 }, (_, unitIndex) => unitIndex).filter(
        (unitIndex) => fate({ unit: `u${unitIndex}`, unitIndex, operation: `u${unitIndex}`, request: { id, attempt: 0 } }).refused === 'zone',
      );
      if (refused.length === 0) continue;
      const zone = zoneOf(refused[0] as number, 3);
      expect(refused).toEqual([0, 1, 2, 3, 4, 5].filter((unitIndex) => zoneOf(unitIndex, 3) === zone));
    }
    const lost = Array.from({ length: 2000 }, (_, id) => fate({ unit: 'u0', unitIndex: 0, operation: 'u0', request: { id, attempt: 0 } }).refused === 'zone').filter(Boolean).length;
    // Lost for half the requests, and then it is u0's zone one time in three.
    expect(lost / 2000).toBeGreaterThan(0.13);
    expect(lost / 2000).toBeLessThan(0.2);
  });
});
