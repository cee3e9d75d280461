import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { becauseWordLimit, decideVerdict, wordCount, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { clearlyAbove, clearlyBelow, formatInterval, type Interval } from '../lab/measure/interval.ts';
import { formatList, formatPercent } from '../lab/report/format.ts';
import { structureOf, systemsWhere } from '../lab/report/structure-table.ts';
import type { StructureFigure } from '../lab/model/cut-structure.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';
import { dimensionGroups, groupLabels, type DimensionGroup } from './dimensions.ts';

/** One dimension: both figures, which shape is better, and by how much. */
export interface ComparisonRow {
  readonly claim: string;
  /** The group of correlated dimensions it belongs to (dimensions.ts). */
  readonly group: DimensionGroup;
  readonly label: string;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly nanoservices: number;
  readonly microservices: number;
  /** The better shape, or `tie` when the two figures are within 5 % of each other. */
  readonly winner: 'nanoservices' | 'microservices' | 'tie';
  /** Nanoservices' figure ÷ microservices' figure (null when the latter is 0). */
  readonly ratio: number | null;
  /** The same ratio run by run, with its 95% interval, where the evidence keeps every run (null otherwise). */
  readonly ratioInterval: Interval | null;
}

/** The evidence file a row was read from, so a stale summary can be told from a current one. */
export interface SummarySource {
  readonly claim: string;
  readonly sourceHash: string;
  readonly date: string;
}

/** How much each group of dimensions counts: the reader's priorities, a parameter of the run. */
export type GroupWeights = Readonly<Record<DimensionGroup, number>>;

/** The whole result of the nano-overcomes-micro summary: plain JSON. */
export interface OvercomesResult {
  readonly rows: readonly ComparisonRow[];
  readonly sources: readonly SummarySource[];
  /** The weights the run was given (each group once by default); the named weightings start from them. */
  readonly weights: GroupWeights;
  /** The structure of the reference systems' cuts, counted from their files, for the same comparison on each. */
  readonly referenceSystems: ReferenceStructures;
}

/** A figure of a cut's structure as a dimension of the comparison: its group, and which way is better. */
export interface StructuralDimension {
  readonly figure: StructureFigure;
  readonly group: DimensionGroup;
  readonly label: string;
  readonly better: 'lower' | 'higher';
}

/**
 * The figures of a cut's structure that bear on a group: what the checkout's experiments measured,
 * counted on each reference system. Every group but footprint's memory and bytes has one.
 */
export const structuralDimensions: readonly StructuralDimension[] = [
  { figure: 'networkCallsPerRequest', group: 'latency', label: 'calls over the network per request', better: 'lower' },
  { figure: 'capabilityIsolation', group: 'availability', label: 'operations still answering when another’s unit crashes', better: 'higher' },
  { figure: 'units', group: 'footprint', label: 'processes to run, ship and watch', better: 'lower' },
  { figure: 'unitShareOfSystem', group: 'security', label: 'share of the system’s code an exploit runs beside', better: 'lower' },
  { figure: 'compromisedTablesShare', group: 'security', label: 'share of the tables one unit’s login reaches', better: 'lower' },
  { figure: 'operationsPerDeploy', group: 'change', label: 'operations one change redeploys', better: 'lower' },
  { figure: 'crossUnitContracts', group: 'change', label: 'contracts to keep tested across units', better: 'lower' },
  { figure: 'unitsPerBreakingChange', group: 'change', label: 'units released together for a breaking change', better: 'lower' },
];

/**
 * The comparison's rows on one reference system: nanoservices beside the system's own microservices
 * on every structural dimension, decided like the measured rows (within 5 % is a tie).
 *
 * @example
 * ```ts
 * referenceRows(result, 'online-boutique').find((row) => row.label.startsWith('contracts'))?.winner; // 'tie': its services hold one or two operations each
 * ```
 */
export function referenceRows(result: Result, system: string): ComparisonRow[] {
  const nano = structureOf(result.referenceSystems, system, 'nanoservices');
  const micro = structureOf(result.referenceSystems, system, 'microservices');
  return structuralDimensions.map((dimension) => {
    const nanoservices = nano[dimension.figure] ?? 0;
    const microservices = micro[dimension.figure] ?? 0;
    return {
      claim: 'structure',
      group: dimension.group,
      label: dimension.label,
      unit: '',
      better: dimension.better,
      nanoservices,
      microservices,
      winner: winnerOf(nanoservices, microservices, dimension.better),
      ratio: microservices === 0 ? null : Math.round((nanoservices / microservices) * 100) / 100,
      ratioInterval: null,
    };
  });
}

/**
 * Every reference system's structural rows in one table, with the weighted outcome of each system
 * under the run's weighting in the last row of its block.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[0]; // { system: 'The lab’s checkout…', dimension: 'calls over the network per request', microservices: 3, nanoservices: 6, better: 'microservices' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    title: 'The same comparison on the structure of each reference system: nanoservices against that system’s own microservices (counted from its file)',
    columns: [
      { key: 'system', label: 'system' },
      { key: 'group', label: 'group' },
      { key: 'dimension', label: 'figure' },
      { key: 'microservices', label: 'microservices' },
      { key: 'nanoservices', label: 'nanoservices' },
      { key: 'better', label: 'better' },
    ],
    rows: result.referenceSystems.systems.flatMap((system) =>
      referenceRows(result, system.name).map((row) => ({
        system: system.title,
        group: row.group,
        dimension: row.label,
        microservices: round(row.microservices),
        nanoservices: round(row.nanoservices),
        better: row.winner === 'tie' ? 'even' : row.winner,
      })),
    ),
  };
}

/** Shorter alias the page and the report convention use. */
export type Result = OvercomesResult;

/** Within this fraction of each other, two figures count as a tie: measured noise, not a difference. */
export const tieTolerance = 0.05;

/** How much more a weighting's priority counts than the other groups (assumed: "first" means three times). */
export const priorityFactor = 3;

/**
 * Which shape a pair of figures favours.
 *
 * @example
 * ```ts
 * winnerOf(1, 3, 'lower'); // 'nanoservices'
 * winnerOf(100, 102, 'higher'); // 'tie'
 * ```
 */
export function winnerOf(nanoservices: number, microservices: number, better: 'lower' | 'higher'): ComparisonRow['winner'] {
  const scale = Math.max(Math.abs(nanoservices), Math.abs(microservices));
  if (scale === 0 || Math.abs(nanoservices - microservices) <= tieTolerance * scale) return 'tie';
  return (nanoservices < microservices) === (better === 'lower') ? 'nanoservices' : 'microservices';
}

/**
 * Which shape a ratio measured run by run favours: a side only when the whole 95% interval of
 * nanoservices ÷ microservices lies outside the tie tolerance, so that run-to-run noise never decides.
 *
 * @example
 * ```ts
 * winnerOfRatio({ estimate: 1.7, low: 1.6, high: 1.8, runs: 5 }, 'lower'); // 'microservices'
 * winnerOfRatio({ estimate: 1.03, low: 0.9, high: 1.2, runs: 5 }, 'lower'); // 'tie'
 * ```
 */
export function winnerOfRatio(ratio: Interval, better: 'lower' | 'higher'): ComparisonRow['winner'] {
  const nanoHigher = clearlyAbove(ratio, 1 + tieTolerance);
  const nanoLower = clearlyBelow(ratio, 1 - tieTolerance);
  if (!nanoHigher && !nanoLower) return 'tie';
  return nanoLower === (better === 'lower') ? 'nanoservices' : 'microservices';
}

/**
 * The comparison as the CLI prints it and the page shows it.
 *
 * @example
 * ```ts
 * comparisonTable(result).rows[0]; // { group: 'latency', label: 'checkout latency ...', winner: 'microservices', ... }
 * ```
 */
export function comparisonTable(result: OvercomesResult): ResultTable {
  return {
    title: 'Nanoservices against microservices, every dimension the nano experiments measured',
    columns: [
      { key: 'group', label: 'group' },
      { key: 'label', label: 'dimension' },
      { key: 'nanoservices', label: 'nanoservices' },
      { key: 'microservices', label: 'microservices' },
      { key: 'unit', label: 'unit' },
      { key: 'better', label: 'better is' },
      { key: 'ratio', label: 'nano ÷ micro' },
      { key: 'winner', label: 'better shape' },
      { key: 'claim', label: 'from' },
    ],
    rows: result.rows.map((row) => ({
      group: row.group,
      label: row.label,
      nanoservices: row.nanoservices,
      microservices: row.microservices,
      unit: row.unit,
      better: row.better,
      ratio: row.ratioInterval ? formatInterval(row.ratioInterval, 2, '×') : row.ratio === null ? null : `${row.ratio}×`,
      winner: row.winner,
      claim: row.claim,
    })),
  };
}

/**
 * The tally of dimensions, one vote each: what the page used to decide on, kept for comparison.
 *
 * @example
 * ```ts
 * tally(result); // { nanoservices: 2, microservices: 10, tie: 2 }
 * ```
 */
export function tally(result: OvercomesResult): Record<ComparisonRow['winner'], number> {
  const counts = { nanoservices: 0, microservices: 0, tie: 0 };
  for (const row of result.rows) counts[row.winner] += 1;
  return counts;
}

/** A weighting with a name: which groups the reader puts first. */
export interface NamedWeighting {
  readonly name: string;
  /** The groups it puts first (none for the default). */
  readonly first: readonly DimensionGroup[];
  readonly weights: GroupWeights;
}

/**
 * The weightings the page compares, all derived from the run's weights: the default (each group as the
 * run weighs it, once by default), then one reader's priority at a time counting `priorityFactor` times.
 *
 * @example
 * ```ts
 * namedWeightings(result.weights).map((w) => w.name);
 * // ['each group once', 'latency first', 'operations first', 'team autonomy first', 'security first']
 * ```
 */
export function namedWeightings(weights: GroupWeights): NamedWeighting[] {
  const putFirst = (name: string, first: readonly DimensionGroup[]): NamedWeighting => ({
    name,
    first,
    weights: Object.fromEntries(dimensionGroups.map((group) => [group, weights[group] * (first.includes(group) ? priorityFactor : 1)])) as GroupWeights,
  });
  return [
    putFirst('each group once', []),
    putFirst('latency first', ['latency']),
    putFirst('operations first', ['footprint', 'availability']),
    putFirst('team autonomy first', ['change']),
    putFirst('security first', ['security']),
  ];
}

/** What a weighting gives: the weighted score and, per group, which shape it favours. */
export interface WeightedOutcome {
  /**
   * From −1 (microservices better on everything that counts) to +1 (nanoservices better on
   * everything): each dimension votes +1, −1 or 0 with its group's weight split evenly among the
   * group's dimensions, divided by the total weight.
   */
  readonly score: number;
  /** Per group with any dimension: the shape its dimensions favour together, or `tie`. */
  readonly groups: Readonly<Partial<Record<DimensionGroup, ComparisonRow['winner']>>>;
}

const vote = (winner: ComparisonRow['winner']) => (winner === 'nanoservices' ? 1 : winner === 'microservices' ? -1 : 0);
const sideOf = (score: number): ComparisonRow['winner'] => (score > 0 ? 'nanoservices' : score < 0 ? 'microservices' : 'tie');

/**
 * The outcome of one weighting: each group counts with its weight however many dimensions it holds,
 * so that correlated figures (latency and throughput, memory and start-up) are one consideration.
 *
 * @example
 * ```ts
 * weightedOutcome(result.rows, result.weights); // { score: -0.8, groups: { latency: 'microservices', ... } }
 * ```
 */
export function weightedOutcome(rows: readonly ComparisonRow[], weights: GroupWeights): WeightedOutcome {
  let weighted = 0;
  let total = 0;
  const groups: Partial<Record<DimensionGroup, ComparisonRow['winner']>> = {};
  for (const group of dimensionGroups) {
    const members = rows.filter((row) => row.group === group);
    if (members.length === 0) continue;
    const groupVote = members.reduce((sum, row) => sum + vote(row.winner), 0) / members.length;
    groups[group] = sideOf(groupVote);
    weighted += weights[group] * groupVote;
    total += weights[group];
  }
  return { score: total === 0 ? 0 : weighted / total, groups };
}

/**
 * Every named weighting with its outcome, as the page's table shows it.
 *
 * @example
 * ```ts
 * weightingTable(result).rows[0]; // { weighting: 'each group once', weights: 'latency 1, ...', score: -80, ahead: 'microservices' }
 * ```
 */
export function weightingTable(result: OvercomesResult): ResultTable {
  return {
    title: 'The verdict under other weightings: each group of related figures weighed, not each figure counted',
    columns: [
      { key: 'weighting', label: 'weighting' },
      { key: 'weights', label: 'weight per group' },
      { key: 'score', label: 'score, % (+100: nanoservices better on everything)' },
      { key: 'ahead', label: 'ahead' },
    ],
    rows: namedWeightings(result.weights).map((weighting) => {
      const outcome = weightedOutcome(result.rows, weighting.weights);
      return {
        weighting: weighting.name,
        weights: dimensionGroups.map((group) => `${group} ${weighting.weights[group]}`).join(', '),
        score: Math.round(outcome.score * 100),
        ahead: sideOf(outcome.score) === 'tie' ? 'even' : sideOf(outcome.score),
      };
    }),
  };
}

/**
 * What the figures found, in the terms of the verdict rule. Nanoservices "overcome the drawbacks of
 * microservices" for a reader whose weighting puts them ahead. The reader's priorities play the part
 * of the realistic region: ahead under no weighting tried is does-not-hold, under some is conditional
 * (named by the priorities that put them ahead), under all is holds.
 *
 * @example
 * ```ts
 * findingFor(result); // { credited: 'nanoservices', shownBy: { nanoservices: false }, because: 'Each group of related figures counted once, ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const outcomes = namedWeightings(result.weights).map((weighting) => ({ weighting, outcome: weightedOutcome(result.rows, weighting.weights) }));
  const base = outcomes[0]?.outcome ?? { score: 0, groups: {} };
  const ahead = outcomes.filter(({ outcome }) => outcome.score > 0);
  const groupSides = Object.values(base.groups);
  const count = (side: ComparisonRow['winner']) => groupSides.filter((winner) => winner === side).length;
  const lead = `Each group of related figures counted once, microservices led ${count('microservices')} of ${groupSides.length} groups, nanoservices ${count('nanoservices')}`;
  if (ahead.length === 0) {
    const best = [...outcomes].sort((a, b) => b.outcome.score - a.outcome.score)[0]?.weighting.name ?? 'any';
    return { credited: 'nanoservices', shownBy: { nanoservices: false }, because: `${lead}; no weighting tried, even ${best}, puts nanoservices ahead` };
  }
  if (ahead.length === outcomes.length) {
    return { credited: 'nanoservices', shownBy: { nanoservices: true }, because: `Nanoservices came out ahead under every weighting tried, leading on ${count('nanoservices')} of ${groupSides.length} groups of related figures` };
  }
  const names = formatList(ahead.map(({ weighting }) => weighting.name));
  const named = `${lead}; nanoservices lead only under ${names}`;
  return {
    credited: 'nanoservices',
    shownBy: { nanoservices: true },
    flipsWithinRealisticRegion: `nanoservices come out ahead only under ${names}`,
    // Many names would not fit in a breath: then the count, and the page's table names them.
    because: wordCount(named) <= becauseWordLimit ? named : `${lead}; nanoservices lead under ${ahead.length} of ${outcomes.length} weightings tried`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'does-not-hold', because: 'Each group of related figures counted once, ...', rule: 'nanoservices do not show it' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** One named weighting as the page states it. */
export interface WeightingFigures {
  readonly name: string;
  /** The score as a signed percentage ('−80%'). */
  readonly score: string;
  /** `nanoservices`, `microservices` or `even`. */
  readonly ahead: string;
}

/** Everything the nano-overcomes-micro page prints, read from one result. */
export interface PageFigures {
  /** Dimensions compared, a count. */
  readonly dimensions: number;
  /** Groups of related dimensions, a count. */
  readonly groups: number;
  /** Dimensions on which nanoservices came out better, a count (one vote each, as the page used to decide). */
  readonly nanoservicesBetter: number;
  /** Dimensions on which microservices came out better, a count. */
  readonly microservicesBetter: number;
  /** Dimensions where the two figures are within the tie tolerance, a count. */
  readonly even: number;
  /** Groups each shape came out ahead on under the default weighting, counts. */
  readonly groupsWon: { readonly nanoservices: number; readonly microservices: number; readonly even: number };
  /** The groups nanoservices came out ahead on under the default weighting, joined with 'and' ('none' when none). */
  readonly nanoGroups: string;
  /** Every group and what it stands for, as one phrase. */
  readonly groupList: string;
  /** The tie tolerance as a percentage ('5%'). */
  readonly tieTolerance: string;
  /** How much a weighting's priority counts, as the page says it ('3×'). */
  readonly priorityFactor: string;
  /** Each named weighting's outcome, in the table's order. */
  readonly weightings: readonly WeightingFigures[];
  /** The weighting most favourable to nanoservices. */
  readonly mostFavourable: WeightingFigures;
  /** The claims whose evidence the rows came from, in the order the summary read them (for ClaimLinks). */
  readonly sourceClaims: readonly string[];
  /** Under the run's weighting, each reference system's structural score and who is ahead, in one sentence. */
  readonly referenceOutcomes: string;
  /** The reference systems on whose structure nanoservices come out ahead, in a sentence ('none of them' when none). */
  readonly referenceNanoAhead: string;
}

const signedPercent = (score: number) => `${score < 0 ? '−' : score > 0 ? '+' : ''}${Math.abs(Math.round(score * 100))}%`;

/**
 * The figures the page prints: the tally, the groups and the outcome of every named weighting, and
 * the claims the rows came from (the page links them with ClaimLinks, which fails the build on an id the
 * registry does not have; reading the registry here would make this summary's evidence depend on every
 * comparison file).
 *
 * @example
 * ```ts
 * pageFigures(result).tieTolerance; // '5%'
 * pageFigures(result).mostFavourable; // { name: 'security first', score: '−50%', ahead: 'microservices' }
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const counts = tally(result);
  const weightings = namedWeightings(result.weights).map((weighting): WeightingFigures => {
    const { score } = weightedOutcome(result.rows, weighting.weights);
    return { name: weighting.name, score: signedPercent(score), ahead: sideOf(score) === 'tie' ? 'even' : sideOf(score) };
  });
  const scores = namedWeightings(result.weights).map((weighting) => weightedOutcome(result.rows, weighting.weights).score);
  const best = scores.indexOf(Math.max(...scores));
  const base = weightedOutcome(result.rows, result.weights).groups;
  const groupsOf = (side: ComparisonRow['winner']) => dimensionGroups.filter((group) => base[group] === side);
  return {
    dimensions: result.rows.length,
    groups: Object.keys(base).length,
    nanoservicesBetter: counts.nanoservices,
    microservicesBetter: counts.microservices,
    even: counts.tie,
    groupsWon: { nanoservices: groupsOf('nanoservices').length, microservices: groupsOf('microservices').length, even: groupsOf('tie').length },
    nanoGroups: groupsOf('nanoservices').length > 0 ? formatList(groupsOf('nanoservices')) : 'none',
    groupList: dimensionGroups.map((group) => `${group}: ${groupLabels[group]}`).join('; '),
    tieTolerance: formatPercent(tieTolerance),
    priorityFactor: `${priorityFactor}×`,
    weightings,
    mostFavourable: weightings[best] as WeightingFigures,
    sourceClaims: result.sources.map((source) => source.claim),
    referenceOutcomes: formatList(
      result.referenceSystems.systems.map((system) => {
        const score = referenceScore(result, system.name);
        return `${system.title} ${signedPercent(score)} (${sideOf(score) === 'tie' ? 'even' : `${sideOf(score)} ahead`})`;
      }),
    ),
    referenceNanoAhead: systemsWhere(result.referenceSystems, (system) => sideOf(referenceScore(result, system)) === 'nanoservices'),
  };
}

/** One reference system's weighted outcome on its structural rows, under the run's weighting. */
function referenceScore(result: Result, system: string): number {
  return weightedOutcome(referenceRows(result, system), result.weights).score;
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-overcomes-micro.json when the site is built, through
 * examples/claims/key-figures.ts). As `findingFor` decides: each group of related figures counted once,
 * how many groups each shape led, then the weightings that put nanoservices ahead, or, when none does,
 * the score of the one kindest to them. Null for a summary without rows or weights.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'microservices led 4 of 6 groups of related figures (14 figures), nanoservices 1; no weighting tried puts nanoservices ahead, security first scores −50%'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.rows?.length || !result.weights) return null;
  const outcomes = namedWeightings(result.weights).map((weighting) => ({ name: weighting.name, outcome: weightedOutcome(result.rows, weighting.weights) }));
  const groupSides = Object.values(outcomes[0]?.outcome.groups ?? {});
  const count = (side: ComparisonRow['winner']) => groupSides.filter((winner) => winner === side).length;
  const ahead = outcomes.filter(({ outcome }) => outcome.score > 0).map(({ name }) => name);
  const kindest = [...outcomes].sort((a, b) => b.outcome.score - a.outcome.score)[0];
  const weighting =
    ahead.length === 0
      ? `no weighting tried puts nanoservices ahead, ${kindest?.name ?? 'any'} scores ${signedPercent(kindest?.outcome.score ?? 0)}`
      : ahead.length === outcomes.length
        ? 'nanoservices ahead under every weighting tried'
        : `nanoservices ahead only under ${formatList(ahead)}`;
  return `microservices led ${count('microservices')} of ${groupSides.length} groups of related figures (${result.rows.length} figures), nanoservices ${count('nanoservices')}; ${weighting}`;
}
