import { describe, expect, it } from 'vitest';
import { normaliseSystem } from '../model/system.ts';
import { crossing, mapMarkers, markersBySide, sideAt, type MapPoint } from './verdict-map.ts';

const logLog = { logX: true, logY: true };
const falling: MapPoint[] = [
  { x: 1000, estimate: 0.25 },
  { x: 10, estimate: 4 },
];

describe('crossing', () => {
  it('interpolates in log space on a log axis and linearly otherwise', () => {
    expect(crossing(falling, 1, { logX: true, logY: true })).toBeCloseTo(100, 6);
    expect(crossing(falling, 1, { logX: false, logY: false })).toBeCloseTo(10 + (3 / 3.75) * 990, 6);
  });
  it('is null when the line stays on one side, and the point itself when it sits on the threshold', () => {
    expect(crossing(falling, 10, { logX: true, logY: true })).toBeNull();
    expect(crossing([{ x: 1, estimate: 2 }, { x: 2, estimate: 1 }, { x: 3, estimate: 0.5 }], 1, { logX: false, logY: false })).toBe(2);
  });
});

describe('sideAt', () => {
  it('reads the side between points and says when a value lies beyond what was measured', () => {
    expect(sideAt(falling, 1, 50, logLog)).toEqual({ side: 'above', extrapolated: false });
    expect(sideAt(falling, 1, 500, logLog)).toEqual({ side: 'below', extrapolated: false });
    expect(sideAt(falling, 1, 5000, logLog)).toEqual({ side: 'below', extrapolated: true });
    expect(sideAt(falling, 1, 1, logLog)).toEqual({ side: 'above', extrapolated: true });
    expect(() => sideAt([], 1, 1, logLog)).toThrow('at least one point');
  });
});

describe('markersBySide', () => {
  it('sorts the markers to the side of the threshold the line is on at their value', () => {
    const markers = [
      { label: 'lab checkout', x: 12, source: 'examples/systems/checkout.json' },
      { label: 'Alibaba median call', x: 1000, source: 'Luo et al. 2021' },
    ];
    expect(markersBySide({ series: 'http', points: falling }, { threshold: 1, ...logLog, markers })).toEqual({ above: ['lab checkout'], below: ['Alibaba median call'] });
  });
});

describe('mapMarkers', () => {
  it('marks the published figures of a quantity, and for work per call each system at its median call', () => {
    const system = normaliseSystem({ name: 'pair', title: 'A pair', entry: 'a', operations: { a: { work: { cpuUs: 100 }, calls: [{ sync: 'b' }] }, b: { work: { cpuUs: 300 } } } });
    const markers = mapMarkers('workPerCallUs', [{ file: 'examples/systems/pair.json', system }]);
    expect(markers.at(-1)).toEqual({ label: 'A pair (system file)', x: 200, source: 'examples/systems/pair.json' });
    expect(markers.some((marker) => marker.label === 'Dean & Barroso: typical leaf 10 ms' && marker.x === 10_000)).toBe(true);
    expect(mapMarkers('fanOut', [{ file: 'x', system }]).map((marker) => marker.x)).toEqual([4, 13, 100]);
  });
});
