import { stepNames } from '../checkout/step-names.ts';
import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { LatencySummary } from '../lab/measure/measure.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { TransportName } from '../lab/units/transport.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { intervalOf, ratioInterval, type Interval } from '../lab/measure/interval.ts';
import { theilSenSlope } from '../lab/measure/stats.ts';
import { canonicalHopCost } from '../lab/report/canonical.ts';
import { formatList, formatRatio, formatRatioInterval, formatUs, formatUsInterval } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';
import { formatRatiosBySystem, structureByCut, structureMap, structureOf, structureRatios, structureTable, systemsWhere } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

const round1 = (value: number) => Math.round(value * 10) / 10;

/** One shape at one chain length on one transport. */
export interface ChainingRow {
  readonly transport: TransportName;
  readonly shape: ShapeName;
  readonly chainLength: number;
  readonly units: number;
  /** Calls that crossed the transport for one checkout, counted by the units themselves. */
  readonly networkCalls: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Checkouts per second with `concurrency` in flight, measured once (in the first run). */
  readonly requestsPerSecond: number;
  /** The p50 of every independent run, in run order: what the per-hop fit and the intervals read. */
  readonly runsP50Us: readonly number[];
}

/** What one added network hop costs on a transport, next to the raw platform's round trip. */
export interface PerHopCost {
  readonly transport: TransportName;
  /** The median over runs of each run's per-hop slope (see `perHopCosts`), µs, to one decimal. */
  readonly perHopUs: number;
  /** The same with its 95% interval over the independent runs. */
  readonly interval: Interval;
  /** Each run's slope, µs per extra network call, in run order. */
  readonly runSlopesUs: readonly number[];
  /** The lab's hop as a multiple of a plain node:http keep-alive round trip measured in the same runs (median of per-run ratios). */
  readonly ratioToRawHttp: number | null;
  readonly ratioToRawHttpInterval: Interval | null;
}

/** What the chains measured: plain JSON, the same from the command line and from the page's worker. */
export interface ChainMeasurement {
  readonly rows: readonly ChainingRow[];
  readonly perHop: readonly PerHopCost[];
  /** The six functions called in one call stack, no framework, no serialisation. */
  readonly inProcessCheckout: LatencySummary;
  /** A plain node:http keep-alive round trip with the same JSON body, medians over runs. Null when no network transport ran. */
  readonly rawHttpRoundTrip: LatencySummary | null;
  /** The raw round trip's p50 per run (median over the chain lengths it ran beside), in run order. */
  readonly rawHttpRunsP50Us: readonly number[] | null;
  /** Every shape on every transport returned exactly what the in-process reference returned. */
  readonly identicalResults: boolean;
}

/**
 * The whole result of a nano-chaining run: the measurement, and the calls each cut of the reference
 * systems makes, counted from their files. The page's worker cannot read those files, so its run
 * returns the measurement alone.
 */
export interface ChainingResult extends ChainMeasurement {
  readonly referenceSystems: ReferenceStructures;
}

/** The result of a nano-chaining run, under the name every claim's report uses. */
export type Result = ChainingResult;

/**
 * The figures as the CLI prints them and the page shows them.
 *
 * @example
 * ```ts
 * chainingTable(result).rows[0]; // { transport: 'memory', shape: 'monolith', chainLength: 1, ... }
 * ```
 */
export function chainingTable(result: ChainMeasurement): ResultTable {
  return {
    title: 'Latency and throughput per shape and chain length',
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'shape', label: 'shape' },
      { key: 'chainLength', label: 'functions' },
      { key: 'units', label: 'units' },
      { key: 'networkCalls', label: 'network calls' },
      { key: 'p50Us', label: 'p50 µs' },
      { key: 'p99Us', label: 'p99 µs' },
      { key: 'requestsPerSecond', label: 'req/s' },
    ],
    rows: result.rows.map(tableRow),
  };
}

/**
 * One row as a table or a plot takes it: every figure but the per-run p50s, which the table of hop
 * costs summarises.
 *
 * @example
 * ```ts
 * tableRow(row); // { transport: 'http', shape: 'nanoservices', chainLength: 6, ..., requestsPerSecond: 1650 }
 * ```
 */
export function tableRow(row: ChainingRow): Readonly<Record<string, string | number>> {
  return {
    transport: row.transport,
    shape: row.shape,
    chainLength: row.chainLength,
    units: row.units,
    networkCalls: row.networkCalls,
    p50Us: row.p50Us,
    p99Us: row.p99Us,
    requestsPerSecond: row.requestsPerSecond,
  };
}

/**
 * The per-hop cost per transport, with the raw platform's round trip beside it.
 *
 * @example
 * ```ts
 * perHopTable(result).rows; // [{ transport: 'http', perHopUs: 118, interval: '110–126', runSlopes: '117.9, 121.3, ...', rawHttpP50Us: 92, ratioToRawHttp: 1.29 }, ...]
 * ```
 */
export function perHopTable(result: ChainMeasurement): ResultTable {
  return {
    title: 'What one added hop costs, next to the raw platform',
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'perHopUs', label: 'one added hop, µs (median of per-run slopes)' },
      { key: 'interval', label: '95% interval, µs' },
      { key: 'runSlopes', label: 'slope of each run, µs' },
      { key: 'rawHttpP50Us', label: 'raw node:http round trip, µs (p50)' },
      { key: 'ratioToRawHttp', label: 'hop ÷ raw round trip' },
      { key: 'inProcessCheckoutP50Us', label: 'whole checkout in process, µs (p50)' },
    ],
    rows: result.perHop.map((hop) => ({
      transport: hop.transport,
      perHopUs: hop.perHopUs,
      interval: `${round1(hop.interval.low)}–${round1(hop.interval.high)}`,
      runSlopes: hop.runSlopesUs.join(', '),
      rawHttpP50Us: hop.transport === 'http' ? (result.rawHttpRoundTrip?.p50Us ?? null) : null,
      ratioToRawHttp: hop.ratioToRawHttp,
      inProcessCheckoutP50Us: result.inProcessCheckout.p50Us,
    })),
  };
}

/**
 * What the lab's HTTP hop is made of, judged by its ratio to a plain node:http round trip: up to
 * 1.25× the platform is almost all of it, up to 1.6× most of it, beyond that the framework adds a
 * large share.
 *
 * @example
 * ```ts
 * hopShare(1.39); // 'most of a hop is the platform’s own round trip, and Hono and the lab add the rest'
 * ```
 */
export function hopShare(ratioToRawHttp: number | null): string {
  if (ratioToRawHttp === null) return 'no plain node:http round trip was measured to compare it with';
  if (ratioToRawHttp <= 1.25) return 'almost all of a hop is the platform, not the framework';
  if (ratioToRawHttp <= 1.6) return 'most of a hop is the platform’s own round trip, and Hono and the lab add the rest';
  return 'the framework and the lab add a large share on top of the platform';
}

/** Everything the page prints, read from one run's result and formatted the way the page shows it. */
export interface PageFigures {
  /** Whether every shape returned the in-process receipt, as the page's clause. */
  readonly identicalResults: string;
  /** One added HTTP hop, the median of the per-run slopes, in µs: '118 µs'. */
  readonly httpPerHop: string;
  /** The same with its 95% interval over the runs: '118 µs [110–126 µs]'. */
  readonly httpPerHopInterval: string;
  /** One added hop between processes with its interval ('–' when that transport did not run). */
  readonly processPerHopInterval: string;
  /** One added in-memory hop (Hono's app.fetch, no socket) with its interval ('–' when it did not run). */
  readonly memoryPerHopInterval: string;
  /** The work of one checkout function in one call stack: '9.2 µs'. */
  readonly workPerFunction: string;
  /** An HTTP hop over that work: '12.8×'. */
  readonly hopOverWork: string;
  /** The longest nanoservice chain over HTTP ÷ the monolith, one ratio per run, with its interval: '2.05× [1.98–2.11×]'. */
  readonly chainCostInterval: string;
  /** Independent runs behind every interval (a count). */
  readonly runs: number;
  /** The six functions in one call stack, p50, in µs: '55.2 µs'. */
  readonly inProcessCheckout: string;
  /** A plain node:http keep-alive round trip, p50, in µs ('–' when none was measured). */
  readonly rawHttpRoundTrip: string;
  /** The HTTP hop as a multiple of the raw round trip, median of per-run ratios: '1.39×'. */
  readonly hopToRawHttp: string;
  /** The same with its interval: '1.39× [1.31–1.44×]' ('–' without a raw round trip). */
  readonly hopToRawHttpInterval: string;
  /** What that ratio says the hop is made of, as a sentence (see `hopShare`). */
  readonly hopShare: string;
  /** The longest chain measured, in functions. */
  readonly longestChain: number;
  /** The nanoservice chain over HTTP at the longest chain, p50 latency in µs: '818 µs'. */
  readonly httpNanoservicesP50: string;
  /** The monolith over HTTP at the longest chain, p50 latency in µs: '228 µs'. */
  readonly httpMonolithP50: string;
  /** The nanoservice chain's throughput over HTTP at the longest chain, in checkouts per second. */
  readonly httpNanoservicesPerSecond: number;
  /** The monolith's throughput over HTTP at the longest chain, in checkouts per second. */
  readonly httpMonolithPerSecond: number;
  /** Every row as the plots take it (the per-run p50s left out). */
  readonly plotRows: ReadonlyArray<Readonly<Record<string, string | number>>>;
  /** The p50 latencies over HTTP at one function, where every shape is the same deployment (pure noise): '142 µs, 141 µs, 142 µs'. */
  readonly httpNoise: string;
  /** The reference systems, counted from their files, and the network time their hops add by arithmetic. */
  readonly reference: ReferenceFigures;
  /** The verdict map: network calls per request against each system's own microservices, across granularity. */
  readonly verdictMap: VerdictMap;
}

/** What the page says of the reference systems. */
export interface ReferenceFigures {
  /** Calls over the network per request in each cut, on every system, the client's included ('The lab's checkout: … 6, Online Boutique: … 23 and …'). */
  readonly networkCalls: { readonly monolith: string; readonly microservices: string; readonly nanoservices: string };
  /** (calls − 1) × the HTTP hop, with its interval, on every system: what the hops add to a request, at most where calls run at once. */
  readonly addedNetworkTime: { readonly microservices: string; readonly nanoservices: string };
  /** The nanoservices' network calls per request over the microservices', on every system ('… 2.00×, … 1.00× and … 2.70×'). */
  readonly callsOverMicroservices: string;
  /** The systems whose nanoservices make no more than 1.1× the network calls of their microservices, in a sentence ('none of them' when none). */
  readonly noExtraHops: string;
}

/**
 * The figures the page prints, from one run's result: the per-hop cost over HTTP next to the
 * platform's own round trip, the longest chain against the monolith, the noise at one function, and
 * the hops of the reference systems with the map across granularity.
 * Throws when the HTTP rows the prose quotes are missing.
 *
 * @example
 * ```ts
 * const figures = pageFigures(result);
 * figures.httpPerHop; // '118 µs'
 * figures.hopToRawHttp; // '1.39×'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const hop = pickRow(result.perHop, { transport: 'http' });
  const longestChain = Math.max(...result.rows.map((row) => row.chainLength));
  const nanoservices = pickRow(result.rows, { transport: 'http', shape: 'nanoservices', chainLength: longestChain });
  const monolith = pickRow(result.rows, { transport: 'http', shape: 'monolith', chainLength: longestChain });
  const other = (transport: TransportName) => {
    const found = result.perHop.find((h) => h.transport === transport);
    return found ? formatUsInterval(found.interval) : '–';
  };
  const cost = chainCost(result);
  return {
    identicalResults: result.identicalResults ? 'checked on every run' : 'this run found a difference',
    httpPerHop: formatUs(hop.interval.estimate),
    httpPerHopInterval: formatUsInterval(hop.interval),
    processPerHopInterval: other('process'),
    memoryPerHopInterval: other('memory'),
    workPerFunction: formatUs(workPerFunctionUs(result)),
    hopOverWork: formatRatio(hop.interval.estimate / Math.max(workPerFunctionUs(result), 0.1)),
    chainCostInterval: cost ? formatRatioInterval(cost.ratio) : '–',
    runs: hop.interval.runs,
    inProcessCheckout: formatUs(result.inProcessCheckout.p50Us),
    rawHttpRoundTrip: formatUs(result.rawHttpRoundTrip?.p50Us),
    hopToRawHttp: formatRatio(hop.ratioToRawHttp),
    hopToRawHttpInterval: hop.ratioToRawHttpInterval ? formatRatioInterval(hop.ratioToRawHttpInterval) : '–',
    hopShare: hopShare(hop.ratioToRawHttp),
    longestChain,
    httpNanoservicesP50: formatUs(nanoservices.p50Us),
    httpMonolithP50: formatUs(monolith.p50Us),
    httpNanoservicesPerSecond: nanoservices.requestsPerSecond,
    httpMonolithPerSecond: monolith.requestsPerSecond,
    plotRows: result.rows.map(tableRow),
    httpNoise: result.rows
      .filter((row) => row.transport === 'http' && row.chainLength === 1)
      .map((row) => formatUs(row.p50Us))
      .join(', '),
    reference: referenceFigures(result),
    verdictMap: referenceSystemsMap(result),
  };
}

/**
 * What the page says of the reference systems: the hops each cut puts in a request, counted from the
 * files, and what they add at this page's HTTP hop cost.
 *
 * @example
 * ```ts
 * referenceFigures(result).addedNetworkTime.nanoservices; // 'The lab’s checkout: … 308 µs [295–314 µs], Online Boutique: … 1,353 µs [1,296–1,379 µs] and …'
 * ```
 */
export function referenceFigures(result: Result): ReferenceFigures {
  const structures = result.referenceSystems;
  const added = (cut: string) => formatList(structures.systems.map((system) => `${system.title} ${addedNetworkTime(result, system.name, cut)}`));
  const ratios = structureRatios(structures, 'networkCallsPerRequest', 'nanoservices', 'microservices');
  return {
    networkCalls: {
      monolith: structureByCut(structures, 'networkCallsPerRequest', 'monolith'),
      microservices: structureByCut(structures, 'networkCallsPerRequest', 'microservices'),
      nanoservices: structureByCut(structures, 'networkCallsPerRequest', 'nanoservices'),
    },
    addedNetworkTime: { microservices: added('microservices'), nanoservices: added('nanoservices') },
    callsOverMicroservices: formatRatiosBySystem(ratios),
    noExtraHops: systemsWhere(structures, (system) => {
      // Never null here: every cut makes at least the client's call.
      const { ratio } = pickRow(ratios, { system });
      return ratio !== null && ratio <= costThreshold;
    }),
  };
}

/**
 * What one added hop costs, per transport: in every independent run, the Theil–Sen slope of
 * (nanoservices p50 − monolith p50) against the extra network calls, over every chain length measured;
 * then the median of those per-run slopes with its 95% interval. On HTTP, each run's slope is also
 * divided by the raw node:http round trip of the same run.
 *
 * @example
 * ```ts
 * perHopCosts(rows, [92, 95, 93, 94, 96]); // [{ transport: 'http', perHopUs: 118, interval: { ... }, ratioToRawHttp: 1.26, ... }]
 * ```
 */
export function perHopCosts(rows: readonly ChainingRow[], rawHttpRunsP50Us: readonly number[] | null): PerHopCost[] {
  return [...new Set(rows.map((row) => row.transport))].flatMap((transport) => {
    const lengths = [...new Set(rows.filter((row) => row.transport === transport).map((row) => row.chainLength))];
    const pairs = lengths.flatMap((chainLength) => {
      const nano = rows.find((row) => row.transport === transport && row.shape === 'nanoservices' && row.chainLength === chainLength);
      const mono = rows.find((row) => row.transport === transport && row.shape === 'monolith' && row.chainLength === chainLength);
      return nano && mono ? [{ nano, mono }] : [];
    });
    if (new Set(pairs.map(({ nano, mono }) => nano.networkCalls - mono.networkCalls)).size < 2) return [];
    const runs = Math.min(...pairs.flatMap(({ nano, mono }) => [nano.runsP50Us.length, mono.runsP50Us.length]));
    const runSlopesUs = Array.from({ length: runs }, (_, run) =>
      round1(theilSenSlope(pairs.map(({ nano, mono }) => ({ x: nano.networkCalls - mono.networkCalls, y: (nano.runsP50Us[run] as number) - (mono.runsP50Us[run] as number) })))),
    );
    const interval = intervalOf(runSlopesUs);
    // The raw round trip runs client and server in one process, like the http transport: only that pair compares.
    const raw = transport === 'http' && rawHttpRunsP50Us && rawHttpRunsP50Us.length === runs ? ratioInterval(runSlopesUs, rawHttpRunsP50Us) : null;
    return [{ transport, perHopUs: round1(interval.estimate), interval, runSlopesUs, ratioToRawHttp: raw ? Math.round(raw.estimate * 100) / 100 : null, ratioToRawHttpInterval: raw }];
  });
}


/**
 * What a checkout as a chain of nanoservices costs against the monolith, end to end, at the longest
 * chain on the first network transport measured (HTTP, else the first): nanoservices p50 ÷ monolith
 * p50, one ratio per run. Null when no such pair was measured.
 *
 * @example
 * ```ts
 * chainCost(result); // { transport: 'http', chainLength: 6, ratio: { estimate: 2.05, low: 1.98, high: 2.11, runs: 5 } }
 * ```
 */
export function chainCost(result: ChainMeasurement): { readonly transport: TransportName; readonly chainLength: number; readonly ratio: Interval } | null {
  const transports = [...new Set(result.rows.map((row) => row.transport))];
  const transport = transports.includes('http') ? 'http' : (transports.find((name) => name !== 'memory') ?? transports[0]);
  const rows = result.rows.filter((row) => row.transport === transport);
  if (!transport || rows.length === 0) return null;
  const chainLength = Math.max(...rows.map((row) => row.chainLength));
  const nano = rows.find((row) => row.shape === 'nanoservices' && row.chainLength === chainLength);
  const mono = rows.find((row) => row.shape === 'monolith' && row.chainLength === chainLength);
  if (!nano || !mono || nano.runsP50Us.length !== mono.runsP50Us.length) return null;
  return { transport, chainLength, ratio: ratioInterval(nano.runsP50Us, mono.runsP50Us) };
}

/** A hop on each transport, after an article, as a sentence names it. */
const hopNames: Readonly<Record<TransportName, string>> = { http: 'an HTTP', process: 'a process-to-process', memory: 'an in-memory' };

/** The work of one checkout function in one call stack, µs: the in-process checkout's p50 over its functions. */
const workPerFunctionUs = (result: ChainMeasurement) => result.inProcessCheckout.p50Us / stepNames.length;

/** n hops at the measured cost of one: the interval scales with it, since every run's slope does. */
const hopsOf = (hops: number, hop: Interval): string =>
  hops <= 0 ? formatUs(0) : formatUsInterval({ estimate: hops * hop.estimate, low: hops * hop.low, high: hops * hop.high, runs: hop.runs });

/**
 * The network time the hops add to one request of a cut, by arithmetic: (network calls − 1) × the
 * HTTP hop this experiment measures (the site's hop cost), the client's own call left out since every
 * cut pays it. Exact for a chain; where calls run at once their hops overlap, so it is an upper bound.
 *
 * @example
 * ```ts
 * addedNetworkTime(result, 'online-boutique', 'microservices'); // '1,353 µs [1,296–1,379 µs]': 22 hops of 61.5 µs
 * ```
 */
export function addedNetworkTime(result: Result, system: string, cut: string): string {
  return hopsOf(structureOf(result.referenceSystems, system, cut).networkCallsPerRequest - 1, canonicalHopCost(result).http);
}

/**
 * The hops one request pays in each cut of each reference system (counted from its file: exact, as
 * every request makes every call), with what a cut puts in a unit and the network time those hops add
 * by arithmetic from this page's HTTP hop.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[8];
 * // { system: 'An Alibaba-like call tree', cut: 'nanoservices', units: 24, networkCallsPerRequest: 27, operationsPerDeploy: 1, addedNetworkTime: '1,599 µs [1,531–1,630 µs]' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  const structures = result.referenceSystems;
  const counted = structureTable(structures, 'The hops a request pays in each cut of each reference system (counted from its file), and the network time they add (arithmetic)', [
    { figure: 'networkCallsPerRequest', label: 'calls over the network per request (the client’s included)' },
    { figure: 'operationsPerDeploy', label: 'operations per deploy unit (mean)' },
  ]);
  return {
    ...counted,
    columns: [...counted.columns, { key: 'addedNetworkTime', label: `network time the hops add: (calls − 1) × ${formatUs(canonicalHopCost(result).http.estimate)}, at most where calls run at once` }],
    // structureTable keeps the order of the structure's cuts, so the row and the cut share an index.
    rows: counted.rows.map((row, index) => {
      const cut = structures.cuts[index] as (typeof structures.cuts)[number];
      return { ...row, addedNetworkTime: addedNetworkTime(result, cut.system, cut.cut) };
    }),
  };
}

/**
 * The verdict map: each reference system's network calls per request over those of its own
 * microservices, across granularity. Above 1.1× (the rule's threshold for a price) the finer cut
 * chains more hops into every request than the system's own services do.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[0].points; // [{ x: 1, estimate: 2 }, { x: 2, estimate: 1 }, { x: 6, estimate: 0.33 }]: the checkout
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'networkCallsPerRequest',
    relativeTo: 'microservices',
    title: 'Network calls per request against each system’s own microservices, as the cut gets finer',
    yLabel: 'network calls per request ÷ its microservices’',
    threshold: costThreshold,
    aboveThreshold: 'more hops in every request than the system’s own microservices: a price',
    belowThreshold: 'no more hops than its own microservices',
    logY: true,
  });
}

/**
 * What the figures found, in the terms of the one verdict rule. The claim credits nanoservices with
 * the flexibility of chaining services together; every cut here composes the same six functions into
 * a flow, and a cut shows the benefit when its flow returned exactly the receipt of the functions in
 * one call stack, on every transport, chain length and run. When every cut does, the rule calls it
 * misattributed: composing functions is not what nanoservices add. What they add is the price, a
 * network hop per link, given as the chain's end-to-end ratio to the monolith (one ratio per run).
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'nanoservices', shownBy: { monolith: true, microservices: true, nanoservices: true }, cost: { ... }, because: '...' }
 * ```
 */
export function findingFor(result: ChainingResult): Finding {
  const cuts = [...new Set(result.rows.map((row) => row.shape))];
  const shownBy = Object.fromEntries((cuts.length > 0 ? cuts : ['nanoservices']).map((cut) => [cut, result.identicalResults]));
  const cost = chainCost(result);
  const hop = result.perHop.find((h) => h.transport === cost?.transport) ?? result.perHop.find((h) => h.transport !== 'memory') ?? result.perHop[0];
  if (!result.identicalResults) return { credited: 'nanoservices', shownBy, because: 'a chained cut returned another receipt than the six functions in one call stack' };
  if (!cost || !hop) return { credited: 'nanoservices', shownBy, because: 'every cut composed the functions into the same receipt; no chain longer than one function was measured, so no hop was priced' };
  const hopOverWork = hop.interval.estimate / Math.max(workPerFunctionUs(result), 0.1);
  return {
    credited: 'nanoservices',
    shownBy,
    cost: { what: `a ${cost.chainLength}-function checkout as nanoservices against the monolith, over ${cost.transport}`, ratio: cost.ratio },
    because:
      `every cut composed the six functions into the same receipt; as nanoservices each link is ${hopNames[hop.transport]} hop of ${formatUs(hop.interval.estimate)}, ` +
      `${formatRatio(hopOverWork)} a function’s work`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'every cut composed ...', rule: 'every cut compared shows it (...)' }
 * ```
 */
export function verdictFor(result: ChainingResult): Judgement {
  return decideVerdict(findingFor(result));
}

/** A hop on each transport, as the key figure names it. */
const hopLabels: Readonly<Record<TransportName, string>> = { http: 'HTTP', process: 'process-to-process', memory: 'in-memory' };

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-chaining.json when the site is built, through
 * examples/claims/key-figures.ts). Every cut composes the same receipt, so what the verdict quotes is
 * the price of a nanoservice link: one network hop (HTTP where it ran) with its 95% interval over the
 * runs, against the work of one function, as the because-sentence gives it. Null when the run priced
 * no hop, as for a run that measured nothing.
 *
 * @example
 * ```ts
 * keyFigure(result); // '118 µs [110–126 µs] per HTTP hop, 12.8× a function’s work'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const hop = result.perHop?.find((h) => h.transport === 'http') ?? result.perHop?.find((h) => h.transport !== 'memory') ?? result.perHop?.[0];
  if (!hop?.interval || !result.inProcessCheckout) return null;
  const hopOverWork = hop.interval.estimate / Math.max(workPerFunctionUs(result), 0.1);
  const figure = `${formatUsInterval(hop.interval)} per ${hopLabels[hop.transport]} hop, ${formatRatio(hopOverWork)} a function’s work`;
  return result.identicalResults ? figure : `a chained cut returned another receipt; ${figure}`;
}
