import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import type { ServerHops } from '../lab/infra/server-hops.ts';
import type { UsedServer } from '../lab/infra/used-servers.ts';
import { exactly } from '../lab/measure/interval.ts';
import { formatRatio, formatUs } from '../lab/report/format.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
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

/** The scaffolded claims' name for the result of a run. */
export type Result = NoSharedDataResult;

/** The two services, their stores and the stream between them, as the page draws them (Mermaid). */
export const serviceLayoutMermaid = `flowchart LR
  client([client]) -- "POST /orders" --> orders[orders service]
  orders -- "POST /payments (API)" --> payments[payments service]
  payments -- "payment captured (publish, message id)" --> stream[[JetStream stream]]
  stream -- "durable consumer, ack after apply" --> orders
  orders --- ordersDb[(schema orders, role orders)]
  payments --- paymentsDb[(schema payments, role payments)]`;

/** Every figure the page's prose prints, read out of the evidence. Counts are orders, payments, events or reads. */
export interface PageFigures {
  /** The table the orders role tried to read across the boundary: 'payments.payments'. */
  readonly refusalTable: string;
  /** What PostgreSQL answered that read: 'permission denied for schema payments'. */
  readonly refusalAnswer: string;
  /** PostgreSQL's error code for it ('–' when the read went through). */
  readonly refusalCode: string;
  /** The owner's own reads of the shared table that failed after the rename. */
  readonly sharedOwnerFailedAfter: number;
  /** The owner's own reads of the shared table, each side of the rename. */
  readonly sharedOwnerReads: number;
  /** The payments service's reads of the shared table that failed after the rename. */
  readonly sharedPaymentsFailedAfter: number;
  /** The payments service's reads of the shared table, each side of the rename. */
  readonly sharedPaymentsReads: number;
  /** The first error those reads met ('–' when none failed). */
  readonly sharedPaymentsFirstError: string;
  /** The payments service's reads through the orders API that failed after the rename. */
  readonly apiFailedAfter: number;
  /** Orders placed in each delivery variant. */
  readonly orders: number;
  /** Orders at which a service was killed with SIGKILL. */
  readonly crashesPlanned: number;
  /** Payment events lost by write-then-publish. */
  readonly naiveLost: number;
  /** Payments committed by write-then-publish. */
  readonly naiveCommitted: number;
  /** Payment events lost by the transactional outbox. */
  readonly outboxLost: number;
  /** Events the outbox's relay published again, dropped by the stream by their id. */
  readonly outboxRepublishedDropped: number;
  /** Events JetStream delivered again to the consumer, with the outbox. */
  readonly outboxRedelivered: number;
  /** Payments applied twice with the outbox and the idempotent consumer. */
  readonly outboxDuplicatedApplied: number;
  /** Outbox rows written. */
  readonly outboxRows: number;
  /** Payments committed with the outbox. */
  readonly outboxCommitted: number;
  /** Orders the client saw fail with the outbox, though they were paid (sent − acknowledged). */
  readonly outboxFailedButPaid: number;
  /** Payments applied twice with the outbox and a consumer that does not check the event id. */
  readonly carelessDuplicatedApplied: number;
  /** Median query through a service's store, formatted: '148 µs'. */
  readonly postgresLabP50: string;
  /** That query's median against the same query on a plain client, formatted: '1.23×'. */
  readonly postgresRatio: string;
  /** Median event through JetStream until the durable consumer had it, formatted: '409 µs'. */
  readonly brokerLabP50: string;
  /** That event's median against a core NATS request and reply, formatted: '1.66×'. */
  readonly brokerRatio: string;
  /** The servers the figures come from: 'PostgreSQL 15.20 and NATS 2.9.10 (JetStream)' ('the servers' when the stamp names none). */
  readonly servers: string;
}

/**
 * The figures the page prints, each picked from the evidence (a missing row throws, naming it). The
 * servers are those the figures come from: a server opened only for comparison is left out, as the
 * evidence stamp leaves it out.
 *
 * @example
 * ```ts
 * pageFigures(evidence).naiveLost; // 10
 * pageFigures(evidence).servers; // 'PostgreSQL 15.20 and NATS 2.9.10 (JetStream)'
 * ```
 */
export function pageFigures(evidence: { readonly result: Result; readonly stamp: { readonly servers?: readonly UsedServer[] } }): PageFigures {
  const { result } = evidence;
  const refusal = result.boundary[0];
  if (!refusal) throw new Error('the run has no read across services to show (result.boundary is empty)');
  const sharedOwner = pickRow(result.schemaChange, { layout: 'shared table', reader: 'orders (owner)' });
  const sharedPayments = pickRow(result.schemaChange, { layout: 'shared table', reader: 'payments' });
  const viaApi = pickRow(result.schemaChange, { layout: 'own table behind an API' });
  const naive = pickRow(result.delivery, { variant: 'write then publish' });
  const outbox = pickRow(result.delivery, { variant: 'transactional outbox' });
  const careless = pickRow(result.delivery, { variant: 'outbox, consumer not idempotent' });
  const servers = (evidence.stamp.servers ?? []).filter((server) => server.purpose !== 'comparison').map((server) => server.version);
  return {
    refusalTable: refusal.table,
    refusalAnswer: refusal.answer,
    refusalCode: refusal.code ?? '–',
    sharedOwnerFailedAfter: sharedOwner.failedAfter,
    sharedOwnerReads: sharedOwner.reads,
    sharedPaymentsFailedAfter: sharedPayments.failedAfter,
    sharedPaymentsReads: sharedPayments.reads,
    sharedPaymentsFirstError: sharedPayments.firstError ?? '–',
    apiFailedAfter: viaApi.failedAfter,
    orders: result.orders,
    crashesPlanned: result.crashesPlanned,
    naiveLost: naive.lost,
    naiveCommitted: naive.committed,
    outboxLost: outbox.lost,
    outboxRepublishedDropped: outbox.republishedDropped,
    outboxRedelivered: outbox.redelivered,
    outboxDuplicatedApplied: outbox.duplicatedApplied,
    outboxRows: outbox.outboxRows,
    outboxCommitted: outbox.committed,
    outboxFailedButPaid: outbox.sent - outbox.acknowledged,
    carelessDuplicatedApplied: careless.duplicatedApplied,
    postgresLabP50: formatUs(result.platform.postgres.lab.p50Us),
    postgresRatio: formatRatio(result.platform.postgres.ratio),
    brokerLabP50: formatUs(result.platform.broker.lab.p50Us),
    brokerRatio: formatRatio(result.platform.broker.ratio),
    servers: servers.join(' and ') || 'the servers',
  };
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

/** The definition that makes "does not share a data layer" true of a microservice, as the rule's first step quotes it. */
export const ownDataByDefinition = 'a microservice keeps its data private, reachable only through its API (Lewis and Fowler; Richardson’s database per service), and the lab built each service so';

/**
 * What the figures found, in the terms of the verdict rule. "Each microservice does not share a data
 * layer" is the definition of a microservice, not a measurable property (`byDefinition`, so the rule
 * says not-testable), provided the lab really kept the stores apart: if a service's role could read
 * another's table, the lab broke its own definition and the microservices do not show the property.
 * The because-sentence reports what the rule implies instead: the autonomy it buys (a column rename in
 * a shared table against the same rename behind the owner's API) and its price (events lost by
 * writing then publishing, which only an outbox with an idempotent consumer avoids). The price is also
 * stated as a ratio: rows written per payment with the outbox against one local transaction (a count,
 * the same on every run). A run without write-then-publish or the outbox throws.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'microservices', byDefinition: 'a microservice keeps its data private, ...', shownBy: { microservices: true },
 * //   cost: { what: 'rows written per payment ...', ratio: { estimate: 2, ... } }, because: 'Data per service defines a microservice. ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const naive = variantRow(result, 'write then publish');
  const outbox = variantRow(result, 'transactional outbox');
  if (!naive || !outbox) throw new Error('the run did not include both write-then-publish and the outbox: nothing to decide from');
  const crossed = result.boundary.find((check) => !check.refused);
  const cost = outbox.committed > 0 ? { cost: { what: 'rows written per payment with the transactional outbox, against one local transaction', ratio: exactly((outbox.committed + outbox.outboxRows) / outbox.committed) } } : {};
  if (crossed || result.boundary.length === 0) {
    const why = crossed ? `the ${crossed.reader} service's role read ${crossed.table}, another service's table` : 'the run tried no read across services';
    return { credited: 'microservices', shownBy: { microservices: false }, ...cost, because: `${why}, so the stores were not kept apart` };
  }
  const shared = result.schemaChange.filter((row) => row.layout === 'shared table' && row.reader !== 'orders (owner)');
  const viaApi = result.schemaChange.filter((row) => row.layout === 'own table behind an API');
  const rename = shared.length > 0 && viaApi.length > 0 ? ` A rename broke ${sumOf(shared, 'failedAfter')} of ${sumOf(shared, 'reads')} shared-table reads, ${sumOf(viaApi, 'failedAfter')} through the API;` : '';
  const outboxFailed = outbox.lost > 0 || outbox.duplicatedApplied > 0;
  const price = outboxFailed
    ? ` even the outbox lost ${outbox.lost} and doubled ${outbox.duplicatedApplied} of ${outbox.committed} payments`
    : ` without an outbox ${naive.lost} of ${naive.committed} payment events were lost`;
  return { credited: 'microservices', byDefinition: ownDataByDefinition, shownBy: { microservices: true }, ...cost, because: `Data per service defines a microservice.${rename}${price}` };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'not-testable', because: 'Data per service defines a microservice. ...', rule: 'true by definition: ...' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}
