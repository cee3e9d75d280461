import { describe, expect, it } from 'vitest';
import evidence from '../../evidence/micro-no-shared-data.json' with { type: 'json' };
import type { UsedServer } from '../lab/infra/used-servers.ts';
import type { LatencySummary } from '../lab/measure/measure.ts';
import { missingFigures } from '../lab/report/missing-figures.ts';
import { pageFigures, type DeliveryRow, type DeliveryVariant, type Result } from './report.ts';

// Every figure differs between variants and readers, so a figure read from the wrong row reads wrong.
const deliveryRow = (variant: DeliveryVariant, seed: number): DeliveryRow => ({
  variant,
  sent: 100,
  acknowledged: 100 - seed,
  crashes: 10,
  consumerCrashes: 5,
  committed: 90 + seed,
  published: 90,
  delivered: 95,
  applied: 90,
  lost: seed,
  redelivered: 10 + seed,
  duplicatedApplied: 20 + seed,
  outboxRows: 30 + seed,
  republishedDropped: 40 + seed,
});
const latency = (p50Us: number): LatencySummary => ({ iterations: 1000, p50Us, p90Us: p50Us * 2, p99Us: p50Us * 3, meanUs: p50Us, maxUs: p50Us * 4 });

const result: Result = {
  orders: 100,
  crashesPlanned: 15,
  delivery: [deliveryRow('write then publish', 1), deliveryRow('transactional outbox', 2), deliveryRow('outbox, consumer not idempotent', 3)],
  boundary: [
    { variant: 'write then publish', reader: 'orders', table: 'payments.payments', refused: true, code: '42501', answer: 'permission denied for schema payments' },
    { variant: 'transactional outbox', reader: 'orders', table: 'payments.other', refused: true, code: '42502', answer: 'another answer' },
  ],
  schemaChange: [
    { layout: 'shared table', reader: 'orders (owner)', reads: 50, failedBefore: 0, failedAfter: 1, firstError: null },
    { layout: 'shared table', reader: 'payments', reads: 51, failedBefore: 0, failedAfter: 49, firstError: 'column "total_cents" does not exist' },
    { layout: 'own table behind an API', reader: 'payments', reads: 52, failedBefore: 0, failedAfter: 2, firstError: null },
  ],
  platform: {
    postgres: { what: 'SELECT 1', lab: latency(147.7), rawWhat: 'SELECT 1 raw', raw: latency(120), ratio: 1.234, server: 'PostgreSQL 15.20' },
    broker: { what: 'publish', lab: latency(85.25), rawWhat: 'request', raw: latency(40), ratio: 12.38, server: 'NATS 2.9.10 (JetStream)' },
  },
  brokers: [],
};
const servers: readonly UsedServer[] = [
  { role: 'postgres', kind: 'server', version: 'PostgreSQL 15.20' },
  { role: 'broker', kind: 'server', version: 'NATS 2.9.10 (JetStream)' },
  { role: 'broker', kind: 'embedded', version: 'embedded broker (lab, in memory)', purpose: 'comparison' },
];

describe('pageFigures', () => {
  it('shows the first refusal of a read across services', () => {
    const figures = pageFigures({ result, stamp: { servers } });
    expect([figures.refusalTable, figures.refusalAnswer, figures.refusalCode]).toEqual(['payments.payments', 'permission denied for schema payments', '42501']);
  });

  it('reads the owner, the other reader of the shared table and the reader through the API from their own rows', () => {
    const figures = pageFigures({ result, stamp: { servers } });
    expect([figures.sharedOwnerFailedAfter, figures.sharedOwnerReads]).toEqual([1, 50]);
    expect([figures.sharedPaymentsFailedAfter, figures.sharedPaymentsReads, figures.sharedPaymentsFirstError]).toEqual([49, 51, 'column "total_cents" does not exist']);
    expect(figures.apiFailedAfter).toBe(2);
  });

  it('reads each delivery variant from its own row', () => {
    const figures = pageFigures({ result, stamp: { servers } });
    expect([figures.orders, figures.crashesPlanned, figures.naiveLost, figures.naiveCommitted]).toEqual([100, 15, 1, 91]);
    expect([figures.outboxLost, figures.outboxRepublishedDropped, figures.outboxRedelivered, figures.outboxDuplicatedApplied]).toEqual([2, 42, 12, 22]);
    expect([figures.outboxRows, figures.outboxCommitted, figures.outboxFailedButPaid]).toEqual([32, 92, 2]);
    expect(figures.carelessDuplicatedApplied).toBe(23);
  });

  it('formats the servers’ costs under the lab', () => {
    const figures = pageFigures({ result, stamp: { servers } });
    expect([figures.postgresLabP50, figures.postgresRatio, figures.brokerLabP50, figures.brokerRatio]).toEqual(['148 µs', '1.23×', '85.3 µs', '12.4×']);
  });

  it('names the servers the figures come from, not the one run only for comparison, and says "the servers" without a list', () => {
    expect(pageFigures({ result, stamp: { servers } }).servers).toBe('PostgreSQL 15.20 and NATS 2.9.10 (JetStream)');
    expect(pageFigures({ result, stamp: {} }).servers).toBe('the servers');
  });

  it('throws, naming the row, when the run left out the careless consumer', () => {
    expect(() => pageFigures({ result: { ...result, delivery: result.delivery.slice(0, 2) }, stamp: { servers } })).toThrow('outbox, consumer not idempotent');
  });

  it('leaves no figure undefined or NaN for the committed evidence', () => {
    expect(missingFigures(pageFigures({ result: evidence.result as Result, stamp: evidence.stamp as { servers?: readonly UsedServer[] } }))).toEqual([]);
  });
});
