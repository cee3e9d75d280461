import { describe, expect, it } from 'vitest';
import { canonicalHopCost } from './canonical.ts';

const interval = (estimate: number) => ({ estimate, low: estimate - 1, high: estimate + 1, runs: 5 });

describe('canonicalHopCost', () => {
  it('reads the HTTP hop, and the process hop where that transport ran', () => {
    expect(canonicalHopCost({ perHop: [{ transport: 'memory', interval: interval(3) }, { transport: 'http', interval: interval(47) }] })).toEqual({ http: interval(47) });
    expect(canonicalHopCost({ perHop: [{ transport: 'process', interval: interval(300) }, { transport: 'http', interval: interval(47) }] })).toEqual({ http: interval(47), process: interval(300) });
  });
  it('refuses evidence without an HTTP hop, saying how to get one', () => {
    expect(() => canonicalHopCost({ perHop: [] })).toThrow('npm run evidence -- nano-chaining');
  });
});
