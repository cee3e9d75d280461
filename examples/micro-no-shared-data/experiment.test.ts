import { claimById } from '../claims/registry.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { crashPlanFor, experiment } from './experiment.ts';
import { findingFor, verdictFor, type DeliveryRow, type DeliveryVariant, type NoSharedDataResult } from './report.ts';

let result: NoSharedDataResult;
const row = (variant: DeliveryVariant): DeliveryRow => {
  const found = result.delivery.find((r) => r.variant === variant);
  if (!found) throw new Error(`no row for ${variant}`);
  return found;
};

describe('micro-no-shared-data (quick run: 12 orders, a service killed at 6 of them)', () => {
  beforeAll(async () => {
    result = await experiment.run(experiment.params.parse(experiment.quick));
  }, 120_000);

  it('sends every order and kills payments (4) and the consumer (2) with SIGKILL exactly where planned, in every variant', () => {
    for (const r of result.delivery) {
      expect(r.sent).toBe(12);
      expect(r.crashes).toBe(4);
      expect(r.consumerCrashes).toBe(2);
      // The consumer dies after its order was answered; payments dies inside its order's request.
      expect(r.acknowledged).toBe(8);
      // Every crash comes after the payment commit: money is taken for every order.
      expect(r.committed).toBe(12);
    }
  });

  it('PostgreSQL refuses the orders role a read of the payments table, with its permission error, in every variant', () => {
    expect(result.boundary).toHaveLength(3);
    for (const check of result.boundary) {
      expect(check).toMatchObject({ reader: 'orders', table: 'payments.payments', refused: true, code: '42501', answer: 'permission denied for schema payments' });
    }
  });

  it('write-then-publish loses the event of every crash between commit and publish', () => {
    const naive = row('write then publish');
    expect(naive.lost).toBe(2);
    expect(naive.published).toBe(naive.committed - naive.lost);
    expect(naive.applied).toBe(naive.published);
    // The consumer killed before acknowledging gets its event again, and applies it once.
    expect(naive.redelivered).toBe(2);
    expect(naive.duplicatedApplied).toBe(0);
    expect(naive.republishedDropped).toBe(0);
  });

  it('the transactional outbox with an idempotent consumer loses no event and applies none twice', () => {
    const outbox = row('transactional outbox');
    expect(outbox.lost).toBe(0);
    expect(outbox.duplicatedApplied).toBe(0);
    expect(outbox.published).toBe(outbox.committed);
    expect(outbox.applied).toBe(outbox.committed);
    expect(outbox.outboxRows).toBe(outbox.committed);
    // Crashes after publishing and before marking the row publish the event again: the stream drops it by its id.
    expect(outbox.republishedDropped).toBe(2);
    // Crashes of the consumer before acknowledging: the stream delivers again, at least once.
    expect(outbox.redelivered).toBe(2);
  });

  it('the outbox without an idempotent consumer applies every redelivered payment twice', () => {
    const careless = row('outbox, consumer not idempotent');
    expect(careless.lost).toBe(0);
    expect(careless.duplicatedApplied).toBe(careless.redelivered);
    expect(careless.duplicatedApplied).toBe(2);
  });

  it('measures PostgreSQL and the broker next to their raw clients, in the same rounds', () => {
    for (const hop of [result.platform.postgres, result.platform.broker]) {
      expect(hop.lab.iterations).toBe(40);
      expect(hop.raw.iterations).toBe(40);
      expect(hop.ratio).toBeCloseTo(hop.lab.p50Us / hop.raw.p50Us, 1);
    }
    expect(result.platform.postgres.server).toMatch(/PostgreSQL \d+|PGlite/);
  });

  it('runs the shop on every cut over the run’s broker and, beside it, over the embedded one; every published call is handled', () => {
    const brokers = [...new Set(result.brokers.map((r) => r.broker))];
    expect(brokers.length).toBe(result.platform.broker.server.includes('embedded') ? 1 : 2);
    for (const r of result.brokers) {
      expect(r.requests).toBe(20);
      // The checkout's email is a call to another unit except in the monolith, where it stays in process.
      expect(r.asyncPublished).toBe(r.cut === 'monolith' ? 0 : 22);
      expect(r.asyncHandled).toBe(r.asyncPublished);
    }
    expect(result.brokers.map((r) => r.cut).sort()).toEqual([...new Set(result.brokers.map((r) => r.cut))].flatMap((cut) => brokers.map(() => cut)).sort());
  });

  it('a column rename by the owner breaks every read of a shared table by another service, and none through its API', () => {
    const shared = result.schemaChange.find((r) => r.layout === 'shared table' && r.reader === 'payments');
    const owner = result.schemaChange.find((r) => r.layout === 'shared table' && r.reader === 'orders (owner)');
    const api = result.schemaChange.find((r) => r.layout === 'own table behind an API');
    expect(shared).toMatchObject({ failedBefore: 0, failedAfter: 10 });
    expect(shared?.firstError).toBe('column "total_cents" does not exist');
    expect(owner).toMatchObject({ failedBefore: 0, failedAfter: 0 });
    expect(api).toMatchObject({ failedBefore: 0, failedAfter: 0 });
  });

  it('supports the verdict the registry publishes, and prints a table per part', () => {
    expect(verdictFor(result).verdict).toBe(claimById('micro-no-shared-data').verdict);
    const [delivery, boundary, schema, platform, brokers] = experiment.tables(result);
    expect(brokers?.rows.length).toBe(result.brokers.length);
    expect(delivery?.rows).toHaveLength(3);
    expect(boundary?.rows).toHaveLength(3);
    expect(platform?.rows.map((r) => r.server)).toEqual([result.platform.postgres.server, result.platform.broker.server]);
    expect(schema?.rows).toHaveLength(3);
  });
});

describe('crashPlanFor', () => {
  it('picks the same orders for the same seed, giving them the crash points in turn', () => {
    const plan = crashPlanFor(12, 6, 7);
    expect(plan).toEqual(crashPlanFor(12, 6, 7));
    expect(Object.values(plan).sort()).toEqual(['after-apply', 'after-apply', 'after-publish', 'after-publish', 'before-publish', 'before-publish']);
    expect(Object.keys(crashPlanFor(12, 6, 8))).not.toEqual(Object.keys(plan));
  });
});

describe('findingFor', () => {
  const summary = { iterations: 1, p50Us: 1, p90Us: 1, p99Us: 1, meanUs: 1, maxUs: 1 };
  const delivery = (variant: DeliveryVariant, lost: number, duplicatedApplied: number): DeliveryRow => ({
    variant, sent: 10, acknowledged: 8, crashes: 2, consumerCrashes: 1, committed: 10, published: 10 - lost, delivered: 10, applied: 10, lost, redelivered: 1, duplicatedApplied, outboxRows: 10, republishedDropped: 1,
  });
  const base: NoSharedDataResult = {
    orders: 10,
    crashesPlanned: 2,
    delivery: [delivery('write then publish', 1, 0), delivery('transactional outbox', 0, 0)],
    boundary: [{ variant: 'write then publish', reader: 'orders', table: 'payments.payments', refused: true, code: '42501', answer: 'permission denied for schema payments' }],
    schemaChange: [],
    platform: { postgres: { what: '', lab: summary, rawWhat: '', raw: summary, ratio: 1, server: 'PostgreSQL 15' }, broker: { what: '', lab: summary, rawWhat: '', raw: summary, ratio: 1, server: 'NATS' } },
    brokers: [],
  };

  it('is not testable: owning its data is what makes a service a microservice; the sentence reports what it buys and costs', () => {
    const schemaChange = [
      { layout: 'shared table', reader: 'payments', reads: 5, failedBefore: 0, failedAfter: 5, firstError: 'column "total_cents" does not exist' },
      { layout: 'own table behind an API', reader: 'payments', reads: 5, failedBefore: 0, failedAfter: 0, firstError: null },
    ] as const;
    expect(verdictFor({ ...base, schemaChange })).toMatchObject({ verdict: 'not-testable', because: 'Data per service defines a microservice. A rename broke 5 of 5 shared-table reads, 0 through the API; without an outbox 1 of 10 payment events were lost' });
    expect(findingFor(base).cost?.ratio.estimate).toBe(2);
  });

  it('does not hold when a service’s role could read another’s table: the lab broke its own definition', () => {
    const boundary = [{ ...base.boundary[0]!, refused: false, code: null, answer: '10 rows read' }];
    expect(verdictFor({ ...base, boundary }).verdict).toBe('does-not-hold');
    expect(verdictFor({ ...base, boundary: [] }).verdict).toBe('does-not-hold');
  });

  it('says so when even the outbox loses or doubles a payment', () => {
    expect(findingFor({ ...base, delivery: [delivery('write then publish', 1, 0), delivery('transactional outbox', 0, 1)] }).because).toContain('even the outbox lost 0 and doubled 1 of 10 payments');
  });

  it('throws when the run left out write-then-publish or the outbox', () => {
    expect(() => findingFor({ ...base, delivery: [delivery('transactional outbox', 0, 0)] })).toThrow('write-then-publish');
  });
});
