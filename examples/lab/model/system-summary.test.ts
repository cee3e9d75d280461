import { describe, expect, it } from 'vitest';
import { medianWorkPerCallUs, systemFacts, systemSummary } from './system-summary.ts';
import { normaliseSystem } from './system.ts';

describe('systemSummary', () => {
  it('says what the system is, the shape of its graph, its cuts and what it cites', () => {
    const pair = normaliseSystem({
      name: 'pair',
      title: 'Two operations',
      entry: 'a',
      operations: { a: { work: { cpuUs: 1 }, calls: [{ sync: 'b' }, { async: 'b' }] }, b: { work: { cpuUs: 1 } } },
      sources: [{ title: 'A paper' }],
    });
    expect(systemSummary(pair, 'pair.json')).toEqual([
      'pair: Two operations',
      '  file: pair.json',
      '  entry: a; 2 operations; depth 1; fan-out max 2, median 2; 50 % of calls asynchronous',
      '  cuts: monolith (1 unit), nanoservices (2 units)',
      '  sources: 1; assumptions: 0',
    ]);
  });

  it('lists the facts a page shows', () => {
    const pair = normaliseSystem({ name: 'pair', entry: 'a', operations: { a: { work: { cpuUs: 1 }, calls: [{ sync: ['b', 'b'] }] }, b: { work: { cpuUs: 1 } } } });
    expect(systemFacts(pair)).toEqual(['2 operations, entry a', 'depth 1 (calls on the longest path); fan-out max 2, median 2', '0 % of calls asynchronous', 'cuts: monolith (1 unit), nanoservices (2 units)']);
  });
});

describe('medianWorkPerCallUs', () => {
  it('adds each operation\'s median CPU and waiting time and takes the median over operations', () => {
    const system = normaliseSystem({
      name: 'tree',
      entry: 'a',
      operations: {
        a: { work: { cpuUs: 100 }, calls: [{ sync: ['b', 'c'] }] },
        b: { work: { cpuUs: { median: 300, p99: 3000 }, waitUs: { median: 600, p99: 9000 } } },
        c: { work: { cpuUs: 50, waitUs: 2000 } },
      },
    });
    expect(medianWorkPerCallUs(system)).toBe(900);
  });
});
