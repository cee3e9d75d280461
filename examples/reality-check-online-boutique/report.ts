import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { paperComparisonTable } from '../lab/report/paper-table.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyAbove, intervalOf, ratioInterval, type Interval } from '../lab/measure/interval.ts';
import { formatList, formatMs, formatNumber, formatRatio, formatRatioInterval, formatSignificant } from '../lab/report/format.ts';

/** The cuts compared: the services as deployed, and all of them in one process. */
export const boutiqueCuts = ['microservices', 'monolith'] as const;
/** The transports the lab runs the split on. */
export const boutiqueTransports = ['http', 'process'] as const;

/** One cut on one transport in one window of fixed-rate load. */
export interface BoutiqueRow {
  readonly transport: (typeof boutiqueTransports)[number];
  readonly cut: string;
  readonly round: number;
  readonly sent: number;
  readonly answered: number;
  readonly failed: number;
  readonly unfinished: number;
  /** Median and 99th percentile of the window's latencies, µs, from each request's scheduled start. */
  readonly p50Us: number;
  readonly p99Us: number;
  /**
   * CPU per request, µs: on `process`, the unit processes' (the client is not counted); on `http`,
   * this whole process's, which holds every unit and the client.
   */
  readonly cpuPerRequestUs: number;
}

/** The whole result: what was run, and every window. */
export interface BoutiqueResult {
  /** The system file, from the repository root. */
  readonly file: string;
  readonly ratePerSecond: number;
  readonly secondsPerWindow: number;
  /** Requests each cut served before anything was counted. */
  readonly warmupRequests: number;
  /** Operations of the system file. */
  readonly operations: number;
  /** Calls that cross the transport per request in each cut, the client's call included. */
  readonly networkCalls: Readonly<Record<string, number>>;
  readonly rows: readonly BoutiqueRow[];
}

/** Shorter alias the page and the report convention use. */
export type Result = BoutiqueResult;

/**
 * Ghemawat et al., HotOS 2023, §6.1, Table 2: Online Boutique at 10,000 queries per second on GKE.
 * Three rows: the demo as deployed (one service per binary, gRPC), the authors' prototype with each
 * component still in its own process (their own serialisation and transport), and the prototype
 * with every component in one process. The figures come from a secondary summary, corroborated by
 * the paper's abstract ("up to 15× latency, up to 9× cost").
 */
export const paperTable2 = {
  where: 'Ghemawat et al., Towards Modern Development of Cloud Applications, HotOS 2023, §6.1, Table 2',
  qps: 10_000,
  split: { cores: 78, p50Ms: 5.47 },
  splitOwnSerialisation: { cores: 28, p50Ms: 2.66 },
  colocated: { cores: 9, p50Ms: 0.38 },
} as const;

/** "Several-fold": the least ratio the replay calls a reproduction of the paper's gain (assumed, stated on the page). */
export const severalFold = 2;
/** Alibaba's median call (1 ms of response time): the published work per call the flip is read against. */
export const publishedMedianCallUs = 1_000;
/** The work per operation of the system file (a log-normal with this median; assumed, see the file). */
export const boutiqueMedianWorkUs = 40;

const rowsOf = (result: Result, transport: string, cut: string) =>
  result.rows.filter((row) => row.transport === transport && row.cut === cut).sort((a, b) => a.round - b.round);

/** The transports a result measured, in the lab's order. */
export const transportsOf = (result: Result) => boutiqueTransports.filter((transport) => result.rows.some((row) => row.transport === transport));

/** Split ÷ co-located on one transport: median latency and CPU per request, each a ratio per round. */
export interface BoutiqueRatios {
  readonly latency: Interval;
  readonly cpu: Interval;
  readonly split: { readonly p50Us: Interval; readonly cpuUs: Interval };
  readonly colocated: { readonly p50Us: Interval; readonly cpuUs: Interval };
}

/**
 * The split's figures over the co-located cut's on one transport, from windows measured side by side.
 *
 * @example
 * ```ts
 * ratiosOn(result, 'process').cpu; // { estimate: 4.1, low: 3.9, high: 4.3, runs: 5 }
 * ```
 */
export function ratiosOn(result: Result, transport: string): BoutiqueRatios {
  const split = rowsOf(result, transport, 'microservices');
  const colocated = rowsOf(result, transport, 'monolith');
  if (split.length === 0 || colocated.length === 0) throw new Error(`no ${transport} rows: run npm run evidence -- reality-check-online-boutique`);
  const p50 = (rows: readonly BoutiqueRow[]) => rows.map((row) => row.p50Us);
  const cpu = (rows: readonly BoutiqueRow[]) => rows.map((row) => row.cpuPerRequestUs);
  return {
    latency: ratioInterval(p50(split), p50(colocated)),
    cpu: ratioInterval(cpu(split), cpu(colocated)),
    split: { p50Us: intervalOf(p50(split)), cpuUs: intervalOf(cpu(split)) },
    colocated: { p50Us: intervalOf(p50(colocated)), cpuUs: intervalOf(cpu(colocated)) },
  };
}

/**
 * The work per operation at which the split would need less than {@link severalFold} times the
 * co-located cut's CPU: arithmetic on the measured figures, not a measurement. Every operation of a
 * request adds the same work in both cuts, so with `n` operations run per request, split CPU `S` and
 * co-located `C`, the ratio `(S + nΔ) / (C + nΔ)` reaches the threshold at `Δ = (S − k·C) / (k − 1) / n`;
 * the result is the file's median work plus Δ, in µs.
 *
 * @example
 * ```ts
 * workAtSeveralFold(result, 'process'); // 310: above about 310 µs of work per operation, co-location saves less than 2× the CPU
 * ```
 */
export function workAtSeveralFold(result: Result, transport: string): number {
  const { split, colocated } = ratiosOn(result, transport);
  const operationsRun = operationsPerRequest(result);
  const added = (split.cpuUs.estimate - severalFold * colocated.cpuUs.estimate) / (severalFold - 1) / operationsRun;
  return Math.max(0, boutiqueMedianWorkUs + added);
}

/** Operations a request runs: every call of the tree and the entry, which is the nanoservices' calls through the transport. */
const operationsPerRequest = (result: Result) => (result.networkCalls.nanoservices ?? Math.max(...Object.values(result.networkCalls)));

const workText = (us: number) => (us >= 1000 ? `${formatSignificant(us / 1000)} ms` : `${Math.round(us)} µs`);
const ratioOf = (a: number, b: number) => Math.round((a / b) * 10) / 10;

/** The verdict transport's figures the reasons are worked from, ms. */
interface Explained {
  readonly transport: string;
  readonly splitCpuMs: number;
  readonly colocatedCpuMs: number;
  readonly colocatedP50Ms: number;
  /** CPU one call between services adds, both ends: the split's extra CPU over its extra calls. */
  readonly perCallCpuMs: number;
}

function explained(result: Result): Explained {
  const transport = verdictTransport(result);
  const ratios = ratiosOn(result, transport);
  const extraCalls = (result.networkCalls.microservices ?? 0) - (result.networkCalls.monolith ?? 0);
  return {
    transport,
    splitCpuMs: ratios.split.cpuUs.estimate / 1000,
    colocatedCpuMs: ratios.colocated.cpuUs.estimate / 1000,
    colocatedP50Ms: ratios.colocated.p50Us.estimate / 1000,
    perCallCpuMs: (ratios.split.cpuUs.estimate - ratios.colocated.cpuUs.estimate) / Math.max(1, extraCalls) / 1000,
  };
}

const msText = (ms: number) => `${formatSignificant(ms)} ms`;

/**
 * The paper's figures beside the lab's, with why they differ, the reasons worked from the figures
 * of the verdict's transport. The paper's split row is set against
 * each transport's split cut; its co-located row against the monolith cut.
 *
 * @example
 * ```ts
 * paperTable(result).rows[0]; // { figure: 'median latency, split ÷ co-located', paper: '14.4×', lab: 'process 3.1× [3.0–3.2×] …', … }
 * ```
 */
export function paperTable(result: Result): ResultTable {
  const transports = transportsOf(result);
  const on = Object.fromEntries(transports.map((transport) => [transport, ratiosOn(result, transport)]));
  const perTransport = (text: (ratios: BoutiqueRatios) => string) => transports.map((transport) => `${transport}: ${text(on[transport] as BoutiqueRatios)}`).join('; ');
  const vsPaper = (lab: (ratios: BoutiqueRatios) => number, paper: number) => perTransport((ratios) => formatRatio(lab(ratios) / paper));
  const paperCpuMs = (cores: number) => (cores * 1000) / paperTable2.qps;
  const { split, splitOwnSerialisation, colocated } = paperTable2;
  const lab = explained(result);
  return paperComparisonTable(`Ghemawat et al.’s Table 2 beside the lab (${formatNumber(paperTable2.qps)} QPS there; ${result.ratePerSecond} requests per second here)`, [
    {
      figure: 'median latency, split ÷ co-located',
      paper: `${formatRatio(ratioOf(split.p50Ms, colocated.p50Ms))} (${split.p50Ms} ms ÷ ${colocated.p50Ms} ms)`,
      lab: perTransport((ratios) => formatRatioInterval(ratios.latency)),
      ratio: vsPaper((ratios) => ratios.latency.estimate, split.p50Ms / colocated.p50Ms),
      why: `The lab’s co-located request took ${msText(lab.colocatedP50Ms)} on ${lab.transport}, ${formatRatio(lab.colocatedP50Ms / colocated.p50Ms)} the paper’s ${colocated.p50Ms} ms: it runs all ${result.networkCalls.nanoservices ?? result.operations} operations of placing an order, waits twice on the cart store and does an assumed ${boutiqueMedianWorkUs} µs of work in each, where the paper’s median is over its load generator’s mix of six tasks. A slower co-located request makes a smaller ratio from the same calls.`,
    },
    {
      figure: 'cores for a fixed load, split ÷ co-located',
      paper: `${formatRatio(ratioOf(split.cores, colocated.cores))} (${split.cores} ÷ ${colocated.cores} cores)`,
      lab: perTransport((ratios) => formatRatioInterval(ratios.cpu)),
      ratio: vsPaper((ratios) => ratios.cpu.estimate, split.cores / colocated.cores),
      why: `CPU per request at a fixed rate is cores per unit of load. Each call between services cost the lab’s split about ${msText(lab.perCallCpuMs)} of CPU on ${lab.transport} (both ends), yet the ratio is below the paper’s because the lab’s co-located request is heavier: ${msText(lab.colocatedCpuMs)} against the paper’s ${formatSignificant(paperCpuMs(colocated.cores))} ms. The paper’s cores also hold each service’s idle headroom; the lab counts only CPU spent.`,
    },
    {
      figure: 'CPU per request, split',
      paper: `${formatMs(paperCpuMs(split.cores), 1)} (${split.cores} cores ÷ ${formatNumber(paperTable2.qps)} QPS)`,
      lab: perTransport((ratios) => `${formatMs(ratios.split.cpuUs.estimate / 1000, 2)}`),
      ratio: perTransport((ratios) => formatRatio(ratios.split.cpuUs.estimate / 1000 / paperCpuMs(split.cores))),
      why: `The lab’s ${(result.networkCalls.microservices ?? 1) - 1} calls between services each cost Node and HTTP/1.1 on both ends, and at this low rate a unit process is woken for each; the paper’s figure averages its mix of requests, served in Go under a steady ${formatNumber(paperTable2.qps)} QPS, and includes Kubernetes, logging and tracing, which the lab has none of.`,
    },
    {
      figure: 'CPU per request, co-located',
      paper: `${formatMs(paperCpuMs(colocated.cores), 1)} (${colocated.cores} cores ÷ ${formatNumber(paperTable2.qps)} QPS)`,
      lab: perTransport((ratios) => `${formatMs(ratios.colocated.cpuUs.estimate / 1000, 2)}`),
      ratio: perTransport((ratios) => formatRatio(ratios.colocated.cpuUs.estimate / 1000 / paperCpuMs(colocated.cores))),
      why: `${result.networkCalls.nanoservices ?? result.operations} operations, each with an assumed ${boutiqueMedianWorkUs} µs of work (median) and the lab runner’s own bookkeeping in Node; the paper’s figure averages its mix of requests in Go, and the frontend’s HTML rendering, which it includes, is one operation here.`,
    },
    {
      figure: 'split with the paper’s own serialisation and transport, not co-located',
      paper: `${formatRatio(ratioOf(split.cores, splitOwnSerialisation.cores))} fewer cores, ${formatRatio(ratioOf(split.p50Ms, splitOwnSerialisation.p50Ms))} lower median (${splitOwnSerialisation.cores} cores, ${splitOwnSerialisation.p50Ms} ms)`,
      lab: 'not replayed',
      ratio: '–',
      why: 'The lab has one serialisation: a text body of the operation’s payload size over HTTP/1.1, with no schema to encode or decode. It cannot separate what a format costs from what co-location saves, so this row is not replayed, and the lab’s ratios compare with the paper’s whole gain (first row against last).',
    },
  ]);
}

/**
 * Every transport and cut over the rounds: latency and CPU per request, medians with their intervals.
 *
 * @example
 * ```ts
 * labTable(result).rows[0]; // { transport: 'http', cut: 'microservices', networkCalls: 23, p50: '6.12 ms', … }
 * ```
 */
export function labTable(result: Result): ResultTable {
  return {
    title: `Online Boutique’s place-order request at ${result.ratePerSecond} requests per second, ${result.secondsPerWindow} s windows taking turns (medians over the rounds, 95% interval)`,
    columns: [
      { key: 'transport', label: 'transport' },
      { key: 'cut', label: 'cut' },
      { key: 'networkCalls', label: 'calls through the transport per request' },
      { key: 'p50', label: 'median latency, ms' },
      { key: 'p99', label: 'p99 latency, ms' },
      { key: 'cpu', label: 'CPU per request, ms' },
      { key: 'answered', label: 'answered / sent' },
    ],
    rows: transportsOf(result).flatMap((transport) =>
      boutiqueCuts.map((cut) => {
        const rows = rowsOf(result, transport, cut);
        const ms = (values: number[]) => {
          const interval = intervalOf(values);
          const f = (us: number) => (us / 1000).toFixed(2);
          return `${f(interval.estimate)} [${f(interval.low)}–${f(interval.high)}]`;
        };
        return {
          transport,
          cut,
          networkCalls: result.networkCalls[cut] ?? 0,
          p50: ms(rows.map((row) => row.p50Us)),
          p99: ms(rows.map((row) => row.p99Us)),
          cpu: ms(rows.map((row) => row.cpuPerRequestUs)),
          answered: `${rows.reduce((total, row) => total + row.answered, 0)} / ${rows.reduce((total, row) => total + row.sent, 0)}`,
        };
      }),
    ),
  };
}

/**
 * The transport the verdict reads: `process` when measured, since the paper's split runs one binary
 * per service; `http` (every unit in one process, calls over loopback) shows what the network path
 * alone costs, without separate processes.
 */
export const verdictTransport = (result: Result): string => (transportsOf(result).includes('process') ? 'process' : (transportsOf(result)[0] as string));

/**
 * What the figures found, in the terms of the verdict rule. Credited: the co-located cut (the
 * monolith). It shows the paper's gain when, on the verdict's transport, both the latency and the CPU
 * ratio lie wholly above {@link severalFold}. Where the work per operation at which the CPU saving
 * falls below that lies between the file's work and the published median call, the verdict flips
 * within the range real services span.
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'monolith', shownBy: { monolith: true, microservices: false }, flipsWithinRealisticRegion: '…', because: '…' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const transport = verdictTransport(result);
  const ratios = ratiosOn(result, transport);
  const shown = clearlyAbove(ratios.latency, severalFold) && clearlyAbove(ratios.cpu, severalFold);
  const flip = workAtSeveralFold(result, transport);
  const inRegion = flip > boutiqueMedianWorkUs && flip < publishedMedianCallUs;
  return {
    credited: 'monolith',
    shownBy: { monolith: shown, microservices: false },
    ...(inRegion ? { flipsWithinRealisticRegion: `co-location saves ${severalFold}× the CPU only while operations do less than about ${workText(flip)} of work each` } : {}),
    because: `Co-located, the boutique needed ${formatRatio(ratios.cpu.estimate)} less CPU and ${formatRatio(ratios.latency.estimate)} lower median latency (paper ${formatRatio(ratioOf(paperTable2.split.cores, paperTable2.colocated.cores))}, ${formatRatio(ratioOf(paperTable2.split.p50Ms, paperTable2.colocated.p50Ms))}); under ${severalFold}× above ${workText(flip)} of work per operation.`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'conditional', because: '…', rule: '…' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** Everything the page prints, read from one result. */
export interface PageFigures {
  readonly rate: number;
  readonly seconds: number;
  readonly warmupRequests: number;
  readonly rounds: number;
  readonly transports: string;
  readonly splitCalls: number;
  readonly colocatedCalls: number;
  /** Per transport: split ÷ co-located latency and CPU, with intervals, and the split's and co-located's medians. */
  readonly on: Readonly<Record<string, { readonly latency: string; readonly cpu: string; readonly splitP50: string; readonly colocatedP50: string; readonly workAtSeveralFold: string }>>;
  /** The paper's gain split in its two steps, in words. */
  readonly paperSteps: string;
  readonly severalFold: number;
  readonly publishedMedianCall: string;
  /** On the verdict's transport: CPU one call between services adds, and the co-located request's CPU and median latency, each beside the paper's. */
  readonly perCallCpu: string;
  readonly colocatedCpu: string;
  readonly paperColocatedCpu: string;
  readonly colocatedP50: string;
  readonly colocatedP50OverPaper: string;
}

/**
 * The figures the page prints. Throws when a transport or cut is missing.
 *
 * @example
 * ```ts
 * pageFigures(result).on.process.cpu; // '4.10× [3.95–4.22×]'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const { split, splitOwnSerialisation, colocated } = paperTable2;
  const lab = explained(result);
  const on = Object.fromEntries(
    transportsOf(result).map((transport) => {
      const ratios = ratiosOn(result, transport);
      return [
        transport,
        {
          latency: formatRatioInterval(ratios.latency),
          cpu: formatRatioInterval(ratios.cpu),
          splitP50: `${formatMs(ratios.split.p50Us.estimate / 1000, 2)}`,
          colocatedP50: `${formatMs(ratios.colocated.p50Us.estimate / 1000, 2)}`,
          workAtSeveralFold: workText(workAtSeveralFold(result, transport)),
        },
      ];
    }),
  );
  return {
    rate: result.ratePerSecond,
    seconds: result.secondsPerWindow,
    warmupRequests: result.warmupRequests,
    rounds: new Set(result.rows.map((row) => row.round)).size,
    transports: formatList(transportsOf(result)),
    splitCalls: result.networkCalls.microservices ?? 0,
    colocatedCalls: result.networkCalls.monolith ?? 0,
    on,
    paperSteps: `the cores fell ${formatRatio(ratioOf(split.cores, splitOwnSerialisation.cores))} with the prototype’s serialisation and transport still split, then ${formatRatio(ratioOf(splitOwnSerialisation.cores, colocated.cores))} more from co-location; the median latency ${formatRatio(ratioOf(split.p50Ms, splitOwnSerialisation.p50Ms))}, then ${formatRatio(ratioOf(splitOwnSerialisation.p50Ms, colocated.p50Ms))}`,
    severalFold,
    publishedMedianCall: workText(publishedMedianCallUs),
    perCallCpu: msText(lab.perCallCpuMs),
    colocatedCpu: msText(lab.colocatedCpuMs),
    paperColocatedCpu: `${formatSignificant((colocated.cores * 1000) / paperTable2.qps)} ms`,
    colocatedP50: msText(lab.colocatedP50Ms),
    colocatedP50OverPaper: formatRatio(lab.colocatedP50Ms / colocated.p50Ms),
  };
}

/**
 * The key figure the comparison page shows: how much less CPU per request the co-located boutique
 * needs than the split one, on the process transport (or the one measured), beside the paper's.
 * Null for a result without it.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'co-located, 4.10× less CPU per request than split (2,529 µs against 10,369 µs at the median; paper: 8.70× fewer cores)'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.rows || transportsOf(result).length === 0) return null;
  const main = verdictTransport(result);
  if ( rowsOf(result, main, 'microservices').length < 5 || rowsOf(result, main, 'monolith').length < 5) return null;
  const ratios = ratiosOn(result, main);
  // The medians beside the ratio are measured rounds, so a reader can find them in the evidence file.
  return `co-located, ${formatRatio(ratios.cpu.estimate)} less CPU per request than split (${formatNumber(ratios.colocated.cpuUs.estimate)} µs against ${formatNumber(ratios.split.cpuUs.estimate)} µs at the median; paper: ${formatRatio(ratioOf(paperTable2.split.cores, paperTable2.colocated.cores))} fewer cores)`;
}
