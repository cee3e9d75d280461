import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { paperComparisonTable } from '../lab/report/paper-table.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyAbove, intervalOf, type Interval } from '../lab/measure/interval.ts';
import { formatList, formatNumber, formatPercent } from '../lab/report/format.ts';
import { crossing, mapMarkers, type VerdictMap } from '../lab/report/verdict-map.ts';

/** The cuts compared, coarsest first. */
export const cycleCuts = ['monolith', 'microservices', 'nanoservices'] as const;

/** One cut at one work size in one run. */
export interface CycleRow {
  readonly workPerCallUs: number;
  readonly run: number;
  readonly cut: string;
  readonly requests: number;
  /** CPU the whole process spent per request (client and units), in µs. */
  readonly cpuPerRequestUs: number;
  /** CPU the same business work took alone, per request, in this run, in µs. */
  readonly businessPerRequestUs: number;
}

/** The whole result: the operations a request runs, and every cut at every work size in every run. */
export interface CyclesResult {
  readonly operations: number;
  readonly rows: readonly CycleRow[];
}

/** Shorter alias the page and the report convention use. */
export type Result = CyclesResult;

/** The work per call the verdict reads at: the published median call (Alibaba, 1 ms). */
export const realisticWorkPerCallUs = 1_000;
/** "Most of its CPU": the share the claim's words set. */
export const mostThreshold = 0.5;
/** Where published work per call lies for services (µSuite's sub-ms medians to Dean and Barroso's 10 ms leaf). */
export const realisticRegionUs = { low: 500, high: 10_000 } as const;

/**
 * The published shares of CPU outside business work, as the page quotes them, each with the cut of
 * the lab it is compared with: the fleets' with microservices (theirs are services of many
 * operations), the 33-service app run as a monolith with the monolith.
 */
export const paperShares = [
  {
    label: 'datacenter tax (RPC, serialisation, compression, memory moves), Google’s fleet',
    short: 'Google’s fleet (Kanev)',
    share: 0.3,
    cut: 'microservices',
    where: 'Kanev et al., Profiling a Warehouse-Scale Computer, ISCA 2015 (abstract: “nearly 30%”)',
    why: 'The fleet’s tax is paid on every call in protocol buffers, compression, TLS and allocation under load; a lab hop has none of them, so the lab’s share is a floor.',
  },
  {
    label: 'cycles outside core application logic, Facebook’s microservices',
    short: 'Facebook’s microservices (Sriraman)',
    share: 0.82,
    cut: 'microservices',
    where: 'Sriraman and Dhanotia, Accelerometer, ASPLOS 2020 (abstract: “as few as 18%” in core logic)',
    why: 'It counts everything outside core logic (I/O, logging, compression, the kernel, RPC) in the services that spend least in it; the lab counts only what the hop adds.',
  },
  {
    label: 'network processing, a 33-service app run as a monolith, high load',
    short: 'a 33-service app as a monolith (Gan)',
    share: 0.41,
    cut: 'monolith',
    where: 'Gan and Delimitrou, IEEE CAL 17(2), 2018 (18% at low load, 41% at high)',
    why: 'A monolith’s network share comes from its clients’ connections and the kernel under high load; the lab’s monolith takes one loopback call per request, one at a time.',
  },
] as const;

const outside = (row: CycleRow) => 1 - row.businessPerRequestUs / row.cpuPerRequestUs;
const worksOf = (result: Result) => [...new Set(result.rows.map((row) => row.workPerCallUs))].sort((a, b) => a - b);

/**
 * The share of a request's CPU outside its business work, for one cut at one work size, over the runs.
 *
 * @example
 * ```ts
 * outsideShare(result, 'nanoservices', 1000); // { estimate: 0.12, low: 0.11, high: 0.13, runs: 5 }
 * ```
 */
export function outsideShare(result: Result, cut: string, workPerCallUs: number): Interval {
  const rows = result.rows.filter((row) => row.cut === cut && row.workPerCallUs === workPerCallUs);
  if (rows.length === 0) throw new Error(`no ${cut} rows at ${workPerCallUs} µs of work per call: run npm run evidence -- reality-check-cycles`);
  return intervalOf(rows.map(outside));
}

/**
 * Where a cut's share falls to a given share, as work per call (interpolated on a log axis), or null
 * when it does not within what was measured.
 *
 * @example
 * ```ts
 * workAtShare(result, 'nanoservices', 0.3); // 240: below about 240 µs per call, 30% or more goes outside business work
 * ```
 */
export function workAtShare(result: Result, cut: string, share: number): number | null {
  const points = worksOf(result).map((x) => ({ x, estimate: outsideShare(result, cut, x).estimate }));
  return crossing(points, share, { logX: true, logY: false });
}

const percentInterval = (interval: Interval) => `${formatPercent(interval.estimate)} [${formatPercent(interval.low)}–${formatPercent(interval.high)}]`;
const workText = (us: number | null) => (us === null ? 'not within the work measured' : us >= 1000 ? `${formatNumber(us / 1000)} ms` : `${formatNumber(us)} µs`);

/**
 * Every cut at every work size: CPU per request, the business part, and the share outside it.
 *
 * @example
 * ```ts
 * cyclesTable(result).rows[0]; // { workPerCallUs: 10, cut: 'monolith', cpuPerRequestUs: 240, businessPerRequestUs: 61, outside: '75% [74–76%]' }
 * ```
 */
export function cyclesTable(result: Result): ResultTable {
  const median = (values: number[]) => intervalOf(values).estimate;
  return {
    title: `A request through ${result.operations} operations over HTTP on loopback: its CPU, and the share outside its business work (median of runs, 95% interval)`,
    columns: [
      { key: 'workPerCallUs', label: 'work per call, µs' },
      { key: 'cut', label: 'cut' },
      { key: 'cpuPerRequestUs', label: 'CPU per request, µs' },
      { key: 'businessPerRequestUs', label: 'of which business work, µs' },
      { key: 'outside', label: 'outside business work' },
    ],
    rows: worksOf(result).flatMap((workPerCallUs) =>
      cycleCuts.map((cut) => {
        const rows = result.rows.filter((row) => row.cut === cut && row.workPerCallUs === workPerCallUs);
        return {
          workPerCallUs,
          cut,
          cpuPerRequestUs: Math.round(median(rows.map((row) => row.cpuPerRequestUs))),
          businessPerRequestUs: Math.round(median(rows.map((row) => row.businessPerRequestUs))),
          outside: percentInterval(outsideShare(result, cut, workPerCallUs)),
        };
      }),
    ),
  };
}

/**
 * Each paper's share beside the lab's: the lab's share for the cut it is compared with at the
 * published median call, their ratio, the work per call below which that cut spends the paper's
 * share, and why they differ.
 *
 * @example
 * ```ts
 * paperTable(result).rows[0]; // { figure: 'datacenter tax …', paper: '30%', lab: 'microservices: 7% [7%–8%]', ratio: '0.23×', where: '270 µs', source: '…', why: '…' }
 * ```
 */
export function paperTable(result: Result): ResultTable {
  return paperComparisonTable(
    `The papers’ shares beside the lab’s, at the published median call (${workText(realisticWorkPerCallUs)} of work)`,
    paperShares.map((paper) => {
      const lab = outsideShare(result, paper.cut, realisticWorkPerCallUs);
      return {
        figure: paper.label,
        paper: formatPercent(paper.share),
        lab: `${paper.cut}: ${percentInterval(lab)}`,
        ratio: `${formatNumber(Math.round((lab.estimate / paper.share) * 100) / 100)}×`,
        where: workText(workAtShare(result, paper.cut, paper.share)),
        source: paper.where,
        why: paper.why,
      };
    }),
    [
      { key: 'where', label: 'the lab’s cut spends the paper’s share below' },
      { key: 'source', label: 'where the paper says it' },
    ],
  );
}

/**
 * The verdict map: each cut's share outside business work across work per call, the line at "most
 * of its CPU", the published work per call marked, and each paper's share drawn as a level in the
 * colour of the cut it is compared with.
 *
 * @example
 * ```ts
 * verdictMapOf(result).lines.map((line) => line.series); // ['monolith', 'microservices', 'nanoservices']
 * ```
 */
export function verdictMapOf(result: Result): VerdictMap {
  return {
    title: 'Share of a request’s CPU outside its business work, as work per call grows',
    xLabel: 'CPU work per call, µs',
    yLabel: 'share outside business work',
    logX: true,
    logY: false,
    threshold: mostThreshold,
    aboveThreshold: 'most of the request’s CPU goes outside its business work',
    belowThreshold: 'most of it is business work',
    lines: cycleCuts.map((cut) => ({
      series: cut,
      points: worksOf(result).map((x) => {
        const share = outsideShare(result, cut, x);
        return { x, estimate: share.estimate, low: share.low, high: share.high };
      }),
    })),
    markers: mapMarkers('workPerCallUs').filter((marker) => marker.x <= 20_000),
    levels: paperShares.map((paper) => ({ label: `${paper.short}: ${formatPercent(paper.share)}`, y: paper.share, series: paper.cut, source: paper.where })),
    yFormat: 'share',
  };
}

/**
 * What the figures found, in the terms of the verdict rule. Credited: nanoservices. A cut shows the
 * claim when, at the published median call, the whole interval of its share outside business work
 * lies above one half. Where the nanoservices' line crosses one half inside the published range of
 * work per call, the verdict flips within it.
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'nanoservices', shownBy: { monolith: false, microservices: false, nanoservices: false }, because: '…' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const shownBy = Object.fromEntries(cycleCuts.map((cut) => [cut, clearlyAbove(outsideShare(result, cut, realisticWorkPerCallUs), mostThreshold)]));
  const flip = workAtShare(result, 'nanoservices', mostThreshold);
  const nano = outsideShare(result, 'nanoservices', realisticWorkPerCallUs);
  const mono = outsideShare(result, 'monolith', realisticWorkPerCallUs);
  const inRegion = flip !== null && flip >= realisticRegionUs.low && flip <= realisticRegionUs.high;
  return {
    credited: 'nanoservices',
    shownBy,
    ...(inRegion ? { flipsWithinRealisticRegion: `nanoservices spend most of a request's CPU outside business work only below about ${workText(flip)} of work per call` } : {}),
    because: `At ${workText(realisticWorkPerCallUs)} of work per call, nanoservices spend ${formatPercent(nano.estimate)} of a request's CPU outside business work, a monolith ${formatPercent(mono.estimate)}; ${mostWhere(result, flip)}`,
  };
}

/** Where the nanoservices spend most of a request's CPU outside business work, in words. */
function mostWhere(result: Result, flip: number | null): string {
  if (flip !== null) return `most only below ${workText(flip)}`;
  const smallest = worksOf(result)[0] as number;
  return outsideShare(result, 'nanoservices', smallest).estimate > mostThreshold ? 'most at every work measured' : 'never most at the work measured';
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'does-not-hold', because: '…', rule: 'nanoservices do not show it' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** Everything the page prints, read from one result. */
export interface PageFigures {
  readonly operations: number;
  /** The work sizes measured, in words ('10 µs, 100 µs, 1 ms and 5 ms'). */
  readonly works: string;
  readonly runs: number;
  /** The published median call the verdict reads at ('1 ms'). */
  readonly realisticWork: string;
  /** Each cut's share outside business work there, with its interval. */
  readonly atRealistic: Readonly<Record<(typeof cycleCuts)[number], string>>;
  /** Each cut's share at the smallest work measured. */
  readonly atSmallest: Readonly<Record<(typeof cycleCuts)[number], string>>;
  /** The smallest work measured, in words. */
  readonly smallestWork: string;
  /** Below this work per call, nanoservices spend most of a request's CPU outside business work. */
  readonly nanoMostBelow: string;
  /** Below this, the monolith does. */
  readonly monolithMostBelow: string;
  /** Where the lab's compared cut reaches each paper's share, in one sentence. */
  readonly papersOnTheCurve: string;
  readonly verdictMap: VerdictMap;
}

/**
 * The figures the page prints. Throws when a cut or a work size is missing.
 *
 * @example
 * ```ts
 * pageFigures(result).atRealistic.nanoservices; // '12% [11–13%]'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const works = worksOf(result);
  const smallest = works[0] as number;
  const byCut = (work: number) => Object.fromEntries(cycleCuts.map((cut) => [cut, percentInterval(outsideShare(result, cut, work))])) as Record<(typeof cycleCuts)[number], string>;
  return {
    operations: result.operations,
    works: formatList(works.map(workText)),
    runs: new Set(result.rows.map((row) => row.run)).size,
    realisticWork: workText(realisticWorkPerCallUs),
    atRealistic: byCut(realisticWorkPerCallUs),
    atSmallest: byCut(smallest),
    smallestWork: workText(smallest),
    nanoMostBelow: workText(workAtShare(result, 'nanoservices', mostThreshold)),
    monolithMostBelow: workText(workAtShare(result, 'monolith', mostThreshold)),
    papersOnTheCurve: formatList(paperShares.map((paper) => `${formatPercent(paper.share)} for ${paper.cut} below ${workText(workAtShare(result, paper.cut, paper.share))}`)),
    verdictMap: verdictMapOf(result),
  };
}

/**
 * The key figure the comparison page shows: the nanoservices' and the monolith's share outside
 * business work at the published median call. Null for a result without them.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'at 1 ms per call, 12% of the 7,410 µs of CPU a nanoservice request takes is outside business work (monolith 3%)'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const at = (cut: string) => result.rows?.filter((row) => row.cut === cut && row.workPerCallUs === realisticWorkPerCallUs) ?? [];
  if (at('nanoservices').length < 5 || at('monolith').length < 5) return null;
  const share = (cut: string) => formatPercent(outsideShare(result, cut, realisticWorkPerCallUs).estimate);
  // The median CPU is a measured run's, so a reader can find it in the evidence file.
  const nanoCpu = formatNumber(intervalOf(at('nanoservices').map((row) => row.cpuPerRequestUs)).estimate);
  return `at ${workText(realisticWorkPerCallUs)} per call, ${share('nanoservices')} of the ${nanoCpu} µs of CPU a nanoservice request takes is outside business work (monolith ${share('monolith')})`;
}
