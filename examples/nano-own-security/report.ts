import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { exactly } from '../lab/measure/interval.ts';
import { formatList, formatNumber, formatPercent, formatRatio } from '../lab/report/format.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
import { formatRatiosBySystem, structureByCut, structureMap, structureOf, structureRatios, structureTable, systemsWhere } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/** One shape under one policy: what it took to secure it and how it resisted bad calls. */
export interface SecurityRow {
  readonly policy: 'unit' | 'route';
  readonly shape: ShapeName;
  readonly units: number;
  /** Routes the shape's units serve over HTTP. */
  readonly routes: number;
  /** Signing keys (one per unit) plus tokens (one per caller): what must be issued, stored and rotated. */
  readonly keys: number;
  readonly tokens: number;
  readonly secrets: number;
  /** Token checks one legitimate checkout passed, counted by the guards. */
  readonly verificationsPerCheckout: number;
  /** The legitimate checkout, with every unit's guard on, returned the in-process receipt. */
  readonly checkoutIdentical: boolean;
  /** Calls with no token, a forged token, or another unit's token, sent to every route. */
  readonly badCallsSent: number;
  readonly refused401: number;
  readonly refused403: number;
  /** Checkout functions that ran during the bad calls (must be 0). */
  readonly executionsFromBadCalls: number;
  /** How many credentials exist that could leak (one per token holder). */
  readonly leakableCredentials: number;
  /** The most routes one leaked credential opened. */
  readonly maxRoutesOpened: number;
  readonly meanRoutesOpened: number;
  /** Leaked credentials that let their finder call `chargePayment` directly, with a total of their choosing. */
  readonly leaksOpeningPayment: number;
}

/** One leaked credential tried on every route of every unit. */
export interface LeakRow {
  readonly policy: 'unit' | 'route';
  readonly shape: ShapeName;
  readonly holder: string;
  readonly audience: string;
  readonly routesOpened: number;
  readonly routesTried: number;
  readonly opened: string;
}

/** The whole result of a nano-own-security run: plain JSON. */
export interface SecurityResult {
  readonly rows: readonly SecurityRow[];
  readonly leaks: readonly LeakRow[];
  /** How far an exploit inside one unit reaches on each reference system's cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** Shorter alias the page and the report convention use. */
export type Result = SecurityResult;

/**
 * Secrets, refusals and blast radius per policy and shape.
 *
 * @example
 * ```ts
 * securityTable(result).rows[0]; // { policy: 'unit', shape: 'monolith', secrets: 2, maxRoutesOpened: 6, ... }
 * ```
 */
export function securityTable(result: SecurityResult): ResultTable {
  return {
    title: 'Per-unit credentials: secrets to manage, bad calls refused, routes one leak opens',
    columns: [
      { key: 'policy', label: 'policy' },
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'routes', label: 'routes' },
      { key: 'secrets', label: 'secrets (keys + tokens)' },
      { key: 'verificationsPerCheckout', label: 'token checks per checkout' },
      { key: 'badCallsSent', label: 'bad calls' },
      { key: 'refused', label: 'refused (401 / 403)' },
      { key: 'executionsFromBadCalls', label: 'functions run by bad calls' },
      { key: 'leakableCredentials', label: 'credentials that can leak' },
      { key: 'maxRoutesOpened', label: 'routes one leak opens (max)' },
      { key: 'leaksOpeningPayment', label: 'leaks that open chargePayment' },
    ],
    rows: result.rows.map((row) => ({
      policy: row.policy,
      shape: row.shape,
      units: row.units,
      routes: row.routes,
      secrets: row.secrets,
      verificationsPerCheckout: row.verificationsPerCheckout,
      badCallsSent: row.badCallsSent,
      refused: `${row.refused401} / ${row.refused403}`,
      executionsFromBadCalls: row.executionsFromBadCalls,
      leakableCredentials: row.leakableCredentials,
      maxRoutesOpened: row.maxRoutesOpened,
      leaksOpeningPayment: row.leaksOpeningPayment,
    })),
  };
}

/**
 * Every leaked credential and the routes it opened.
 *
 * @example
 * ```ts
 * leakTable(result).rows.find((r) => r.holder === 'client'); // { routesOpened: 6, opened: 'checkout/validateCart …' }
 * ```
 */
export function leakTable(result: SecurityResult): ResultTable {
  return {
    title: 'Blast radius: each credential leaked, tried on every route of every unit',
    columns: [
      { key: 'policy', label: 'policy' },
      { key: 'shape', label: 'shape' },
      { key: 'holder', label: 'leaked from' },
      { key: 'audience', label: 'issued for' },
      { key: 'routesOpened', label: 'routes opened' },
      { key: 'routesTried', label: 'routes tried' },
      { key: 'opened', label: 'which' },
    ],
    rows: result.leaks.map((leak) => ({ ...leak })),
  };
}

/**
 * How far an exploit that runs code inside one operation reaches on each reference system's cuts:
 * the code deployed beside it and the tables its unit's credentials open. No token policy narrows
 * either, because the exploit already runs inside the unit; only the cut does.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[1];
 * // { system: 'The lab's checkout: six functions in a chain', cut: 'microservices', units: 3, unitShareOfSystem: '39%', compromisedTablesShare: '25%' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'What an exploit in one operation reaches, on each reference system (counted from its file)', [
    { figure: 'unitShareOfSystem', label: 'operations whose code it runs beside (share of the system, mean)', share: true },
    { figure: 'compromisedTablesShare', label: 'tables its unit’s credentials open (share of the system’s, mean)', share: true },
  ]);
}

/**
 * The verdict map: the share of tables an exploit in one operation reaches, over the same share in
 * the system's own microservices, across granularity. Below 1 the finer cut narrows the reach beyond
 * what the microservices already give; at 1 splitting further separates code, not data.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[1].points; // Online Boutique: [{ x: 1, estimate: 1 }, { x: 1.44, estimate: 1 }, { x: 13, estimate: 6.5 }]
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'compromisedTablesShare',
    relativeTo: 'microservices',
    title: 'Tables an exploit in one operation reaches, against the system’s own microservices, as the cut gets finer',
    yLabel: 'share of tables reached ÷ its microservices’',
    threshold: 1,
    aboveThreshold: 'an exploit reaches more of the data than in the system’s own microservices',
    belowThreshold: 'the finer cut keeps an exploit from data the microservices would have let it reach',
  });
}

/** The two ways an exploit's reach is counted: the code beside it and the tables its unit opens. */
type ReachFigure = 'unitShareOfSystem' | 'compromisedTablesShare';

/**
 * Per system, the share of the narrowing from the monolith to nanoservices that the system's own
 * microservices already give: 1 when they narrow the figure as far as nanoservices do. Null where
 * the two ends are equal (nothing to narrow) or the system has no tables.
 */
function narrowingByMicroservices(structures: ReferenceStructures, figure: ReachFigure) {
  return structures.systems.map((system) => {
    const monolith = structureOf(structures, system.name, 'monolith')[figure];
    const micro = structureOf(structures, system.name, 'microservices')[figure];
    const nano = structureOf(structures, system.name, 'nanoservices')[figure];
    const whole = monolith === null || nano === null ? 0 : monolith - nano;
    return { title: system.title, share: whole === 0 || monolith === null || micro === null ? null : (monolith - micro) / whole };
  });
}

/** Whether every unit of a cut enforced its own policy: every bad call refused, none ran a function, the legitimate checkout passed. */
function enforcedOwnPolicy(rows: readonly SecurityRow[]): boolean {
  return rows.length > 0 && rows.every((row) => row.executionsFromBadCalls === 0 && row.refused401 + row.refused403 === row.badCallsSent && row.checkoutIdentical);
}

/** The fewest routes one leaked credential opened in a cut, under the tightest policy measured. */
function tightestRadius(rows: readonly SecurityRow[]): number {
  return Math.min(...rows.map((row) => row.maxRoutesOpened));
}

/**
 * What the figures found, in the terms of the verdict rule. A cut shows the benefit when every one of
 * its units enforced its own policy (every bad call refused, no function run by one, the legitimate
 * checkout passed) and its tightest policy limits a leaked credential to as few routes as the
 * nanoservices' tightest does. Any cut can give each unit its own key and close the routes its callers
 * do not need, so when every cut shows it the rule calls it misattributed. The price is the secrets:
 * a key per unit and a token per caller, the nanoservices' count against the monolith's.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'nanoservices', shownBy: { monolith: true, microservices: true, nanoservices: true },
 * //   cost: { what: 'secrets to issue, store and rotate, against the monolith', ratio: { estimate: 6, ... } }, because: '...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const cuts = [...new Set(result.rows.map((row) => row.shape))];
  const rowsOf = (shape: ShapeName) => result.rows.filter((row) => row.shape === shape);
  const nanoRows = rowsOf('nanoservices');
  if (nanoRows.length === 0) throw new Error('a nano-own-security result needs the nanoservices');
  const nanoRadius = tightestRadius(nanoRows);
  const shownBy = Object.fromEntries(cuts.map((shape) => [shape, enforcedOwnPolicy(rowsOf(shape)) && tightestRadius(rowsOf(shape)) <= nanoRadius]));
  const secretsOf = (shape: ShapeName) => pickRow(result.rows, { policy: 'unit', shape }).secrets;
  const monolith = cuts.includes('monolith') ? secretsOf('monolith') : undefined;
  const cost = monolith === undefined ? undefined : { what: 'secrets to issue, store and rotate, against the monolith', ratio: exactly(secretsOf('nanoservices') / monolith) };
  const secrets = monolith === undefined ? '' : `. Nanoservices need ${secretsOf('nanoservices')} secrets, the monolith ${monolith}`;
  const badCalls = formatNumber(sumOf(result.rows, 'badCallsSent'));
  let because: string;
  if (!shownBy.nanoservices) {
    because = `a bad call got through or the checkout failed with the nanoservices' own policies on, out of ${badCalls} bad calls`;
  } else if (cuts.every((shape) => shownBy[shape])) {
    because = `Every cut's units enforced their own keys (all ${badCalls} bad calls refused); closing internal routes cut any leak to ${nanoRadius} route everywhere${secrets}`;
  } else {
    const wider = cuts.filter((shape) => !shownBy[shape]);
    because = `Each nanoservice enforced its own key and a leak opened ${nanoRadius} route; in the ${formatList(wider)} the tightest policy left more open${secrets}`;
  }
  return { credited: 'nanoservices', shownBy, ...(cost ? { cost } : {}), because };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'Every cut's units enforced their own keys ...', rule: 'every cut compared shows it (...)' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** One shape under one policy, the figures of it the page prints. */
export interface PolicyShapeFigures {
  /** Routes the shape's units serve over HTTP, a count. */
  readonly routes: number;
  /** The most routes one leaked credential opened, a count. */
  readonly maxRoutesOpened: number;
  /** Credentials that exist and could leak, a count. */
  readonly leakableCredentials: number;
  /** Leaked credentials that let their finder call `chargePayment` directly, a count. */
  readonly leaksOpeningPayment: number;
  /** Keys plus tokens to issue, store and rotate, a count. */
  readonly secrets: number;
  /** Token checks one legitimate checkout passed, a count. */
  readonly verificationsPerCheckout: number;
}

/** Everything the nano-own-security page prints, read from one result. */
export interface PageFigures {
  /** Bad calls sent over every shape and policy, a count. */
  readonly badCalls: number;
  /** Bad calls the guards refused with 401 or 403, a count. */
  readonly refused: number;
  /** Checkout function runs the bad calls caused, a count (0 when every guard held). */
  readonly ranForBadCalls: number;
  /** Per shape, under the per-unit policy (a unit trusts its caller for every route). */
  readonly unitPolicy: Readonly<Record<ShapeName, PolicyShapeFigures>>;
  /** Per shape, under the per-route policy (only a unit's entry route is open). */
  readonly routePolicy: Readonly<Record<ShapeName, PolicyShapeFigures>>;
  /** The nanoservices' secrets as a multiple of the monolith's ('6.00×'): the price, in the rule's terms. */
  readonly secretsRatio: string;
  /** Secrets per unit in this scheme (a key and a token), a count: what makes the ratio follow the unit count. */
  readonly secretsPerUnit: number;
  /**
   * Per cut, the share of a reference system's operations whose code an exploit in one operation runs
   * beside (its unit's, mean over operations), each system in a sentence: 'The lab’s checkout … 39%, …'.
   */
  readonly referenceCodeReach: { readonly microservices: string; readonly nanoservices: string };
  /** Per cut, the share of a reference system's tables the exploited unit's credentials open (mean over operations), each system in a sentence. */
  readonly referenceTablesReach: { readonly microservices: string; readonly nanoservices: string };
  /** Per system, the share of the narrowing of the tables reached, from the monolith to nanoservices, that its own microservices already give ('… 90%, … 100% and … 80%'). */
  readonly referenceTablesNarrowedByMicro: string;
  /** The same for the code an exploit runs beside. */
  readonly referenceCodeNarrowedByMicro: string;
  /** Per system, the nanoservices' share of tables reached over the microservices' ('… 0.67×, … 1.00× and … 0.18×'): what nanoservices add. */
  readonly referenceTablesNanoOverMicro: string;
  /** The reference systems on which nanoservices keep an exploit from no table the microservices would open, in a sentence ('none of them' when none). */
  readonly referenceNoNarrowerTables: string;
  /** The verdict map across granularity: tables an exploit reaches, against the system's own microservices. */
  readonly verdictMap: VerdictMap;
}

/**
 * The figures the page prints: the bad calls and how the guards answered them, per policy and shape
 * what one leak opens and what the policy costs, and on the reference systems how far an exploit
 * inside one unit reaches. Throws when the run left out a policy or a shape.
 *
 * @example
 * ```ts
 * pageFigures(result).unitPolicy.monolith.maxRoutesOpened; // 6
 * pageFigures(result).routePolicy.nanoservices.leaksOpeningPayment; // 1
 * pageFigures(result).secretsRatio; // '6.00×'
 * pageFigures(result).referenceTablesNanoOverMicro; // 'The lab’s checkout … 0.67×, Online Boutique … 1.00× and An Alibaba-like call tree 0.18×'
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const figuresOf = (policy: SecurityRow['policy'], shape: ShapeName): PolicyShapeFigures => {
    const row = pickRow(result.rows, { policy, shape });
    return {
      routes: row.routes,
      maxRoutesOpened: row.maxRoutesOpened,
      leakableCredentials: row.leakableCredentials,
      leaksOpeningPayment: row.leaksOpeningPayment,
      secrets: row.secrets,
      verificationsPerCheckout: row.verificationsPerCheckout,
    };
  };
  const policy = (name: SecurityRow['policy']) => ({ monolith: figuresOf(name, 'monolith'), microservices: figuresOf(name, 'microservices'), nanoservices: figuresOf(name, 'nanoservices') });
  const reference = result.referenceSystems;
  const tablesNanoOverMicro = structureRatios(reference, 'compromisedTablesShare', 'nanoservices', 'microservices');
  return {
    badCalls: sumOf(result.rows, 'badCallsSent'),
    refused: sumOf(result.rows, 'refused401') + sumOf(result.rows, 'refused403'),
    ranForBadCalls: sumOf(result.rows, 'executionsFromBadCalls'),
    unitPolicy: policy('unit'),
    routePolicy: policy('route'),
    secretsRatio: formatRatio(figuresOf('unit', 'nanoservices').secrets / figuresOf('unit', 'monolith').secrets),
    secretsPerUnit: pickRow(result.rows, { policy: 'unit', shape: 'nanoservices' }).secrets / pickRow(result.rows, { policy: 'unit', shape: 'nanoservices' }).units,
    referenceCodeReach: { microservices: structureByCut(reference, 'unitShareOfSystem', 'microservices', true), nanoservices: structureByCut(reference, 'unitShareOfSystem', 'nanoservices', true) },
    referenceTablesReach: {
      microservices: structureByCut(reference, 'compromisedTablesShare', 'microservices', true),
      nanoservices: structureByCut(reference, 'compromisedTablesShare', 'nanoservices', true),
    },
    referenceTablesNarrowedByMicro: formatList(narrowingByMicroservices(reference, 'compromisedTablesShare').map(({ title, share }) => `${title} ${formatPercent(share)}`)),
    referenceCodeNarrowedByMicro: formatList(narrowingByMicroservices(reference, 'unitShareOfSystem').map(({ title, share }) => `${title} ${formatPercent(share)}`)),
    referenceTablesNanoOverMicro: formatRatiosBySystem(tablesNanoOverMicro),
    referenceNoNarrowerTables: systemsWhere(reference, (system) => {
      const { ratio } = pickRow(tablesNanoOverMicro, { system });
      // Equal shares can differ in the last bit after averaging; a thousandth of a percent is no narrowing.
      return ratio !== null && ratio >= 1 - 1e-5;
    }),
    verdictMap: referenceSystemsMap(result),
  };
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-own-security.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence: the routes one leaked credential opened
 * under each cut's tightest policy, the bad calls the units refused, and the price, the secrets the
 * nanoservices need against the monolith's (counts, with their ratio). Null without the nanoservices
 * and the monolith under the per-unit policy.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'with each cut’s tightest policy a leaked credential opened 1 route in every cut, 4,340 of 4,340 bad calls refused; nanoservices need 12 secrets vs 2 for the monolith (6.00×)'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const rows = result.rows ?? [];
  const secretsOf = (shape: ShapeName) => rows.find((row) => row.policy === 'unit' && row.shape === shape)?.secrets;
  const nanoSecrets = secretsOf('nanoservices');
  const monolithSecrets = secretsOf('monolith');
  if (nanoSecrets === undefined || monolithSecrets === undefined) return null;
  const cuts = [...new Set(rows.map((row) => row.shape))];
  const radius = (shape: ShapeName) => tightestRadius(rows.filter((row) => row.shape === shape));
  const routes = (count: number) => `${count} route${count === 1 ? '' : 's'}`;
  const opened = cuts.every((shape) => radius(shape) === radius('nanoservices'))
    ? `${routes(radius('nanoservices'))} in every cut`
    : formatList(cuts.map((shape) => `${routes(radius(shape))} in the ${shape}`));
  const refused = sumOf(rows, 'refused401') + sumOf(rows, 'refused403');
  return (
    `with each cut’s tightest policy a leaked credential opened ${opened}, ${formatNumber(refused)} of ${formatNumber(sumOf(rows, 'badCallsSent'))} bad calls refused; ` +
    `nanoservices need ${nanoSecrets} secrets vs ${monolithSecrets} for the monolith (${formatRatio(nanoSecrets / monolithSecrets)})`
  );
}
