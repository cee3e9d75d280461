import { beforeAll, describe, expect, it } from 'vitest';
import { claimById } from '../claims/registry.ts';
import { experiment } from './experiment.ts';
import { keyFigure, ratiosOn, verdictFor, type Result } from './report.ts';

let result: Result;

describe('reality-check-online-boutique (quick run: both cuts on http and process, 20 requests per second, 5 rounds of 1 s windows)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('measures both cuts on both transports in every round, side by side', () => {
    expect(result.rows).toHaveLength(2 * 2 * 5);
    expect(new Set(result.rows.map((row) => `${row.transport} ${row.cut}`))).toEqual(new Set(['http microservices', 'http monolith', 'process microservices', 'process monolith']));
  });

  it('answers every request it sends at the fixed rate, in both cuts', () => {
    for (const row of result.rows) {
      expect(row.sent).toBe(20);
      expect(row.answered + row.unfinished + row.failed).toBe(row.sent);
      expect(row.failed).toBe(0);
    }
  });

  it('counts the calls each cut puts on the transport: the demo as deployed, and one call for the co-located process', () => {
    expect(result.networkCalls).toEqual({ microservices: 23, monolith: 1, nanoservices: 23 });
  });

  it('spends more CPU per request split than co-located, on both transports', () => {
    // Twenty-two calls over loopback against none: each costs both sides a request's parsing and framing.
    for (const transport of ['http', 'process']) expect(ratiosOn(result, transport).cpu.estimate).toBeGreaterThan(1.5);
  });

  it('has a key figure for the comparison page, with a number in it', () => {
    expect(keyFigure(result)).toMatch(/^co-located, \d+(\.\d+)?× less CPU per request than split \([\d,]+ µs against [\d,]+ µs at the median; paper: 8\.70× fewer cores\)$/);
  });

  it('supports the verdict the registry publishes', () => {
    expect(verdictFor(result).verdict).toBe(claimById('reality-check-online-boutique').verdict);
  });
});
