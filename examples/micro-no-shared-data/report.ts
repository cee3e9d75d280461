import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { Verdict } from '../lab/experiment/verdict.ts';
import type { ServerHops } from '../lab/infra/server-hops.ts';
import type { BrokerCutRow } from '../lab/system-run/broker-comparison.ts';

/**
 * Where a service kills itself with SIGKILL: payments after committing the payment, before or after
 * publishing its event; orders (the consumer) after the event's effect has committed, before it
 * acknowledges the event.
 */
export type CrashPoint = 'before-publish' | 'after-publish' | 'after-apply';

/** The event the payments service publishes and the orders service consumes. */
export interface PaymentCapturedEvent {
  readonly eventId: string;
  readonly type: 'payment-captured';
  readonly orderId: string;
  readonly paymentId: string;
  readonly amountCents: number;
}

/** What the orders service reports about its own store, through its API. */
export interface OrdersReport {
  readonly orders: number;
  readonly paidOrderIds: readonly string[];
  /** Every delivery of an event, redeliveries included. */
  readonly deliveries: number;
  readonly distinctEventsDelivered: number;
  /** Every time an event changed an order. */
  readonly applications: number;
  readonly distinctOrdersApplied: number;
}

/** What the payments service reports about its own store, through its API. */
export interface PaymentsReport {
  readonly paidOrderIds: readonly string[];
  readonly outboxRows: number;
  readonly outboxUnpublished: number;
  /** Publishes the service made, republishes after a crash included. */
  readonly publishes: number;
  /** Publishes the stream dropped because it had a message with that id already. */
  readonly duplicatesDropped: number;
}

/** How the payment event travels, and whether the consumer applies an event id once. */
export const deliveryVariants = ['write then publish', 'transactional outbox', 'outbox, consumer not idempotent'] as const;
/** One way of delivering the event. */
export type DeliveryVariant = (typeof deliveryVariants)[number];

/** One run of N orders with the same seeded crashes, for one delivery variant. */
export interface DeliveryRow {
  readonly variant: DeliveryVariant;
  /** Orders the client placed. */
  readonly sent: number;
  /** Orders the client saw accepted (the others failed because payments crashed mid-request). */
  readonly acknowledged: number;
  /** SIGKILLs the payments service received, and the restarts that followed. */
  readonly crashes: number;
  /** SIGKILLs the orders service (the consumer) received between applying an event and acknowledging it. */
  readonly consumerCrashes: number;
  /** Payments in the payments store: money taken. */
  readonly committed: number;
  /** Distinct events that reached the orders service. */
  readonly published: number;
  /** Deliveries the orders service received, redeliveries included. */
  readonly delivered: number;
  /** Times an event changed an order. */
  readonly applied: number;
  /** Payments committed whose order never learned of them. */
  readonly lost: number;
  /** Deliveries of an event already delivered. */
  readonly redelivered: number;
  /** Applications of an event already applied: a payment counted twice. */
  readonly duplicatedApplied: number;
  /** Outbox rows written: one extra row (and one extra update) per payment. */
  readonly outboxRows: number;
  /** Events published again after a crash, which the stream dropped by their message id. */
  readonly republishedDropped: number;
}

/** What PostgreSQL answered when the orders service's role read the payments service's table. */
export interface BoundaryCheck {
  readonly variant: DeliveryVariant;
  readonly reader: 'orders';
  readonly table: string;
  readonly refused: boolean;
  /** PostgreSQL's error code (42501: insufficient privilege), or null when the read went through. */
  readonly code: string | null;
  /** PostgreSQL's message, or the rows read. */
  readonly answer: string;
}

/** One reader of the orders total, before and after the orders service renames a column. */
export interface SchemaChangeRow {
  readonly layout: 'shared table' | 'own table behind an API';
  readonly reader: string;
  readonly reads: number;
  readonly failedBefore: number;
  readonly failedAfter: number;
  readonly firstError: string | null;
}

/** The whole result of a micro-no-shared-data run: plain JSON. */
export interface NoSharedDataResult {
  readonly orders: number;
  readonly crashesPlanned: number;
  readonly delivery: readonly DeliveryRow[];
  readonly boundary: readonly BoundaryCheck[];
  readonly schemaChange: readonly SchemaChangeRow[];
  /** A PostgreSQL round trip and a broker hop through the lab, next to the raw clients', in the same rounds. */
  readonly platform: ServerHops;
  /** The shop (its checkout sends the email asynchronously) on every cut over the run's broker and over the embedded one, side by side. */
  readonly brokers: readonly BrokerCutRow[];
}

/**
 * The delivery counts per variant, as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * deliveryTable(result).rows[0]; // { variant: 'write then publish', sent: 200, lost: 10, ... }
 * ```
 */
export function deliveryTable(result: NoSharedDataResult): ResultTable {
  return {
    title: `Payment events over ${result.orders} orders, a service killed with SIGKILL at ${result.crashesPlanned} of them`,
    columns: [
      { key: 'variant', label: 'delivery' },
      { key: 'sent', label: 'orders sent' },
      { key: 'acknowledged', label: 'acknowledged' },
      { key: 'crashes', label: 'payments crashes' },
      { key: 'consumerCrashes', label: 'consumer crashes' },
      { key: 'committed', label: 'payments committed' },
      { key: 'published', label: 'events published' },
      { key: 'delivered', label: 'deliveries' },
      { key: 'applied', label: 'applied' },
      { key: 'lost', label: 'lost' },
      { key: 'redelivered', label: 'redelivered' },
      { key: 'duplicatedApplied', label: 'applied twice' },
      { key: 'republishedDropped', label: 'published twice, dropped by id' },
      { key: 'outboxRows', label: 'outbox rows' },
    ],
    rows: result.delivery.map((row) => ({ ...row })),
  };
}

/**
 * What PostgreSQL answered the orders role's read of the payments table, per variant.
 *
 * @example
 * ```ts
 * boundaryTable(result).rows[0]; // { reader: 'orders', table: 'payments.payments', answer: 'permission denied for schema payments', code: '42501' }
 * ```
 */
export function boundaryTable(result: NoSharedDataResult): ResultTable {
  return {
    title: "The orders service's role reads the payments service's table: what PostgreSQL answers",
    columns: [
      { key: 'variant', label: 'delivery' },
      { key: 'reader', label: 'role of' },
      { key: 'table', label: 'reads' },
      { key: 'answer', label: 'PostgreSQL answers' },
      { key: 'code', label: 'error code' },
    ],
    rows: result.boundary.map(({ variant, reader, table, answer, code }) => ({ variant, reader, table, answer, code: code ?? '–' })),
  };
}

/**
 * What a PostgreSQL round trip and a broker hop cost through the lab, next to the raw clients.
 *
 * @example
 * ```ts
 * platformTable(result).rows[0]; // { server: 'PostgreSQL 15.20', labP50Us: 185.2, rawP50Us: 171.9, ratio: 1.08, ... }
 * ```
 */
export function platformTable(result: NoSharedDataResult): ResultTable {
  const row = (hop: ServerHops['postgres']) => ({ server: hop.server, what: hop.what, labP50Us: hop.lab.p50Us, labP99Us: hop.lab.p99Us, rawWhat: hop.rawWhat, rawP50Us: hop.raw.p50Us, ratio: hop.ratio });
  return {
    title: 'The servers under the lab, next to their raw clients (measured in the same rounds)',
    columns: [
      { key: 'server', label: 'server' },
      { key: 'what', label: 'through the lab' },
      { key: 'labP50Us', label: 'p50, µs' },
      { key: 'labP99Us', label: 'p99, µs' },
      { key: 'rawWhat', label: 'raw client' },
      { key: 'rawP50Us', label: 'raw p50, µs' },
      { key: 'ratio', label: 'lab ÷ raw' },
    ],
    rows: [row(result.platform.postgres), row(result.platform.broker)],
  };
}

/**
 * The shop on every cut over each broker: latency, and the asynchronous calls published and handled.
 *
 * @example
 * ```ts
 * brokersTable(result).rows[0]; // { broker: 'NATS 2.9.10 (JetStream)', cut: 'monolith', p50Us: 2100, asyncPublished: 0, ... }
 * ```
 */
export function brokersTable(result: NoSharedDataResult): ResultTable {
  return {
    title: 'The shop (its checkout sends the email asynchronously) on every cut, over NATS JetStream and over the embedded broker, side by side',
    columns: [
      { key: 'broker', label: 'async calls through' },
      { key: 'cut', label: 'cut' },
      { key: 'p50Us', label: 'p50, µs' },
      { key: 'p99Us', label: 'p99, µs' },
      { key: 'requests', label: 'requests' },
      { key: 'asyncPublished', label: 'calls published' },
      { key: 'asyncHandled', label: 'calls handled' },
    ],
    rows: result.brokers.map(({ broker, cut, p50Us, p99Us, requests, asyncPublished, asyncHandled }) => ({ broker, cut, p50Us, p99Us, requests, asyncPublished, asyncHandled })),
  };
}

/**
 * Reads of the orders total before and after the orders service renames the column.
 *
 * @example
 * ```ts
 * schemaChangeTable(result).rows[1]; // { layout: 'shared table', reader: 'payments', failedAfter: 20, ... }
 * ```
 */
export function schemaChangeTable(result: NoSharedDataResult): ResultTable {
  return {
    title: 'The orders service renames total_cents to amount_cents: who keeps reading?',
    columns: [
      { key: 'layout', label: 'layout' },
      { key: 'reader', label: 'reader' },
      { key: 'reads', label: 'reads each side' },
      { key: 'failedBefore', label: 'failed before' },
      { key: 'failedAfter', label: 'failed after' },
      { key: 'firstError', label: 'first error' },
    ],
    rows: result.schemaChange.map((row) => ({ ...row })),
  };
}

const variantRow = (result: NoSharedDataResult, variant: DeliveryVariant) => result.delivery.find((row) => row.variant === variant);

/**
 * The verdict the figures support. The article states a design rule. It does not hold if a service's
 * role could read another's table; it holds with a cost if the stores stayed apart, a shared table broke its
 * second reader, write-then-publish lost events and only the outbox with an idempotent consumer
 * lost none and applied none twice; it is conditional if even the outbox lost or doubled payments.
 *
 * @example
 * ```ts
 * noSharedDataVerdict(result); // { verdict: 'holds-with-cost', because: 'no service opened ... ' }
 * ```
 */
export function noSharedDataVerdict(result: NoSharedDataResult): { verdict: Verdict; because: string } {
  const crossed = result.boundary.find((check) => !check.refused);
  if (crossed) return { verdict: 'does-not-hold', because: `the ${crossed.reader} service's role read ${crossed.table}, another service's table (${crossed.answer})` };
  const naive = variantRow(result, 'write then publish');
  const outbox = variantRow(result, 'transactional outbox');
  const careless = variantRow(result, 'outbox, consumer not idempotent');
  if (!naive || !outbox) return { verdict: 'not-testable', because: 'the run did not include both write-then-publish and the outbox' };
  if (outbox.lost > 0 || outbox.duplicatedApplied > 0) {
    return { verdict: 'conditional', because: `even with an outbox, ${outbox.lost} payments were lost and ${outbox.duplicatedApplied} applied twice after ${outbox.crashes} crashes` };
  }
  const sharedBreaks = result.schemaChange.filter((row) => row.layout === 'shared table' && row.reader !== 'orders (owner)').reduce((sum, row) => sum + row.failedAfter, 0);
  const apiBreaks = result.schemaChange.filter((row) => row.layout !== 'shared table').reduce((sum, row) => sum + row.failedAfter, 0);
  if (naive.lost === 0) {
    return { verdict: 'holds', because: `PostgreSQL refused every read across services and no event was lost even when payments were written and published in two steps (${naive.crashes} crashes)` };
  }
  return {
    verdict: 'holds-with-cost',
    because:
      `PostgreSQL refused every read across services, and a column rename broke ${sharedBreaks} reads of a shared table against ${apiBreaks} through the owner's API; ` +
      `but once each service owns its data, writing a payment then publishing lost ${naive.lost} of ${naive.committed} payment events to ${naive.crashes} crashes, ` +
      `and only a transactional outbox (${outbox.outboxRows} extra rows, ${outbox.redelivered} redeliveries) with a consumer that applies an event id once lost none and applied none twice` +
      (careless ? ` (without the idempotent consumer: ${careless.duplicatedApplied} applied twice)` : ''),
  };
}
