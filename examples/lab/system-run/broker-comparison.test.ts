import { describe, expect, it } from 'vitest';
import { readSystemFile } from '../files/system-files.ts';
import { startEmbeddedBroker } from '../messaging/embedded-broker.ts';
import { httpSystemTransport } from '../network/http-system-transport.ts';
import { compareBrokers } from './broker-comparison.ts';

describe('compareBrokers', () => {
  it('runs every cut over every broker side by side, and counts what each published and handled', async () => {
    const { system } = readSystemFile('examples/systems/shop.json');
    const first = await startEmbeddedBroker();
    const second = await startEmbeddedBroker();
    try {
      const rows = await compareBrokers(system, httpSystemTransport, [first, second], { warmup: 2, iterations: 10, rounds: 2, maxSeconds: 5 });
      expect(rows.map((row) => row.cut)).toEqual(['monolith', 'nanoservices', 'microservices', 'monolith', 'nanoservices', 'microservices']);
      for (const row of rows) {
        expect(row.requests).toBe(10);
        expect(row.p50Us).toBeGreaterThan(0);
        // The checkout's email crosses to another unit except in the monolith: 12 requests, warm-up included.
        expect(row.asyncPublished).toBe(row.cut === 'monolith' ? 0 : 12);
        expect(row.asyncHandled).toBe(row.asyncPublished);
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 60_000);
});
