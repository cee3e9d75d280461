import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import type { TransportName } from '../lab/units/transport.ts';
import { costThreshold, decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { exactly } from '../lab/measure/interval.ts';
import { formatRatio } from '../lab/report/format.ts';
import { pickRow } from '../lab/report/pick.ts';
import { formatRatiosBySystem, structureMap, structureRatios, structureTable, systemsWhere } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/** What one consumer reads from the provider, and whether the two share a unit in each shape. */
export interface ContractRow {
  readonly provider: string;
  readonly consumer: string;
  readonly fields: readonly string[];
  readonly invariants: readonly string[];
  /** True where consumer and provider sit in different units: only there a contract test stands between them. */
  readonly crossesUnits: Readonly<Record<ShapeName, boolean>>;
}

/** One candidate release checked against every consumer contract, before any deployment. */
export interface ReleaseCheck {
  readonly version: string;
  readonly change: string;
  /** Contract checks run: contracts × sample carts. */
  readonly checksRun: number;
  /** Consumers whose contract (schema and declared rules) the version breaks. */
  readonly failingConsumers: readonly string[];
  /** Consumers a schema-only contract test would flag. */
  readonly schemaOnlyFailingConsumers: readonly string[];
  readonly gate: 'ship' | 'block';
}

/** One candidate release deployed in one shape: what it touches and what actually happened. */
export interface ReleaseInShape {
  readonly version: string;
  readonly shape: ShapeName;
  readonly providerUnit: string;
  /** Functions rebuilt and redeployed with the provider: every function of its unit. */
  readonly functionsRedeployed: number;
  /** Contracts between the provider and consumers in other units: the checks this shape needs before release. */
  readonly crossUnitContracts: number;
  /** Consumers in the provider's own unit: its own tests cover them, they ship together. */
  readonly inUnitConsumers: number;
  /** Units that must release for this change: the provider's, plus every unit holding a consumer it breaks. */
  readonly unitsToRelease: number;
  readonly checkoutsSent: number;
  /** Checkouts that returned a receipt whose figures add up, on every transport. */
  readonly checkoutsCorrect: number;
  /** The version, deployed alone into the provider's unit, broke the checkout on some transport. */
  readonly broken: boolean;
  /** The gate (contracts and rules) said ship exactly when the deployment did not break. */
  readonly gateAgrees: boolean;
  readonly schemaOnlyGateAgrees: boolean;
}

/** Consumer contracts over the whole checkout (every provider), per shape. */
export interface SystemContracts {
  readonly shape: ShapeName;
  readonly units: number;
  readonly contracts: number;
  readonly crossUnitContracts: number;
}

/** The whole result of a nano-own-schedule run: plain JSON. */
export interface OwnScheduleResult {
  readonly provider: string;
  readonly transports: readonly TransportName[];
  readonly sampleCarts: number;
  readonly contracts: readonly ContractRow[];
  readonly checks: readonly ReleaseCheck[];
  readonly releases: readonly ReleaseInShape[];
  readonly system: readonly SystemContracts[];
  /** The contracts of the reference systems' cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** Shorter alias the page and the report convention use. */
export type Result = OwnScheduleResult;

/**
 * Each candidate release: the gate's decision, then per shape what it touches and what happened.
 *
 * @example
 * ```ts
 * releaseTable(result).rows[0]; // { version: 'v1 (control)', shape: 'monolith', gate: 'ship', ... }
 * ```
 */
export function releaseTable(result: OwnScheduleResult): ResultTable {
  return {
    title: `Releasing a new ${result.provider} alone: the contract gate, the units it touches, and what the deployment did`,
    columns: [
      { key: 'version', label: 'version' },
      { key: 'shape', label: 'shape' },
      { key: 'gate', label: 'gate' },
      { key: 'failingConsumers', label: 'consumers it breaks' },
      { key: 'crossUnitContracts', label: 'cross-unit contracts checked' },
      { key: 'functionsRedeployed', label: 'functions redeployed' },
      { key: 'unitsToRelease', label: 'units that must release' },
      { key: 'checkouts', label: 'correct checkouts, deployed alone' },
      { key: 'gateAgrees', label: 'gate right?' },
    ],
    rows: result.releases.map((release) => {
      const check = result.checks.find((c) => c.version === release.version);
      return {
        version: release.version,
        shape: release.shape,
        gate: check?.gate ?? null,
        failingConsumers: check?.failingConsumers.join(', ') || '—',
        crossUnitContracts: release.crossUnitContracts,
        functionsRedeployed: release.functionsRedeployed,
        unitsToRelease: release.unitsToRelease,
        checkouts: `${release.checkoutsCorrect} / ${release.checkoutsSent}`,
        gateAgrees: release.gateAgrees ? 'yes' : 'no',
      };
    }),
  };
}

/**
 * The contracts the whole checkout needs per shape, over every provider.
 *
 * @example
 * ```ts
 * systemContractsTable(result).rows; // [{ shape: 'monolith', units: 1, contracts: 15, crossUnitContracts: 0 }, ...]
 * ```
 */
export function systemContractsTable(result: OwnScheduleResult): ResultTable {
  return {
    title: 'Consumer contracts the whole checkout needs, per shape',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'units', label: 'units' },
      { key: 'contracts', label: 'provider → consumer pairs' },
      { key: 'crossUnitContracts', label: 'pairs across units (contract tests to keep)' },
    ],
    rows: result.system.map((row) => ({ ...row })),
  };
}

/**
 * The consumer contracts on the provider released here, and which shapes put them across units.
 *
 * @example
 * ```ts
 * contractsTable(result).rows[0]; // { consumer: 'chargePayment', fields: 'taxCents totalCents', ... }
 * ```
 */
export function contractsTable(result: OwnScheduleResult): ResultTable {
  return {
    title: `What each consumer of ${result.provider} relies on`,
    columns: [
      { key: 'consumer', label: 'consumer' },
      { key: 'fields', label: 'fields it reads' },
      { key: 'invariants', label: 'rules it declares' },
      { key: 'microservices', label: 'across units (microservices)' },
      { key: 'nanoservices', label: 'across units (nanoservices)' },
    ],
    rows: result.contracts
      .filter((contract) => contract.provider === result.provider)
      .map((contract) => ({
        consumer: contract.consumer,
        fields: contract.fields.join(' '),
        invariants: contract.invariants.join('; ') || '—',
        microservices: contract.crossesUnits.microservices ? 'yes' : 'no',
        nanoservices: contract.crossesUnits.nanoservices ? 'yes' : 'no',
      })),
  };
}

/**
 * The contracts each reference system's cuts keep across units, with what a change redeploys and how
 * many units a breaking change releases together: the same question as on the checkout, asked of
 * systems shaped like real ones.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[4]; // { system: 'Online Boutique: placing an order', cut: 'microservices', units: 9, crossUnitContracts: 13, ... }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'Contracts to keep tested across units, on each reference system (counted from its file)', [
    { figure: 'contracts', label: 'caller → callee pairs' },
    { figure: 'crossUnitContracts', label: 'pairs across units (contract tests to keep)' },
    { figure: 'operationsPerDeploy', label: 'operations redeployed per change (mean)' },
    { figure: 'unitsPerBreakingChange', label: 'units released together for a breaking change (mean)' },
  ]);
}

/**
 * The verdict map: each reference system's cross-unit contracts over those of its own microservices,
 * across granularity. Above 1.1× the finer cut costs contracts the rule counts as a price.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[0].points[0]; // { x: 1, estimate: 2.5 }: the checkout's nanoservices keep 2.5× its microservices' contracts
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'crossUnitContracts',
    relativeTo: 'microservices',
    title: 'Contracts to keep tested across units, against each system’s own microservices, as the cut gets finer',
    yLabel: 'cross-unit contracts ÷ its microservices’',
    threshold: costThreshold,
    aboveThreshold: 'releasing alone costs more contract tests than the microservices need',
    belowThreshold: 'no more than the microservices need',
  });
}

/** The candidates the gate let through that change something (the control is the released version). */
const shippedChanges = (result: OwnScheduleResult) => result.checks.filter((check) => check.gate === 'ship' && !check.version.startsWith('v1'));

/**
 * Whether a cut releases the provider on its own schedule: some compatible change shipped in one unit
 * without redeploying any other function, every checkout stayed correct, and the gate was right for
 * every candidate in that cut (so the breaking ones were stopped before release).
 */
function releasesAlone(result: OwnScheduleResult, shape: ShapeName): boolean {
  const inShape = result.releases.filter((release) => release.shape === shape);
  const compatible = shippedChanges(result).map((check) => inShape.find((release) => release.version === check.version));
  return inShape.every((release) => release.gateAgrees) && compatible.some((release) => release !== undefined && release.unitsToRelease === 1 && release.functionsRedeployed === 1 && !release.broken);
}

/**
 * What the figures found, in the terms of the verdict rule. A cut shows the benefit when a compatible
 * change to the provider ships in one unit without redeploying any other function, every checkout stays
 * correct, and the contract gate stops the breaking changes first. The price is the contract tests a
 * release needs across unit boundaries: over the whole checkout, the nanoservices' against the
 * microservices'. These are counts, the same on every run.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'nanoservices', shownBy: { monolith: false, microservices: false, nanoservices: true },
 * //   cost: { what: 'cross-unit contracts to keep tested, against microservices', ratio: { estimate: 1.36, ... } }, because: '...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const cuts = [...new Set(result.releases.map((release) => release.shape))];
  const shownBy = Object.fromEntries(cuts.map((shape) => [shape, releasesAlone(result, shape)]));
  const contractsOf = (shape: ShapeName) => result.system.find((row) => row.shape === shape)?.crossUnitContracts;
  const nano = contractsOf('nanoservices');
  const micro = contractsOf('microservices');
  const cost = nano !== undefined && micro !== undefined && micro > 0 ? { what: 'cross-unit contracts to keep tested, against microservices', ratio: exactly(nano / micro) } : undefined;
  const schemaMissed = result.checks.filter((check) => check.gate === 'block' && check.schemaOnlyFailingConsumers.length === 0).length;
  const wrong = result.releases.find((release) => !release.gateAgrees);
  let because: string;
  if (wrong) {
    because = `the contract gate ${wrong.broken ? 'let through a release that broke the checkout' : 'blocked a release that worked'} (${wrong.version}, ${wrong.shape}), so releasing alone was not safe`;
  } else if (!shownBy.nanoservices) {
    because = 'no compatible version of the function shipped alone in one nanoservice unit with every checkout correct';
  } else {
    const blocked = result.checks.filter((check) => check.gate === 'block').length;
    const contracts = nano !== undefined && micro !== undefined ? `, but the checkout needs ${nano} cross-unit contract tests against microservices' ${micro}` : '';
    because = `A compatible change shipped alone in one nanoservice${contracts}; the gate stopped ${blocked} breaking version${blocked === 1 ? '' : 's'}, schemas alone ${blocked - schemaMissed}`;
  }
  return { credited: 'nanoservices', shownBy, ...(cost ? { cost } : {}), because };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'holds-with-cost', because: 'A compatible change shipped alone in one nanoservice, ...', rule: 'it costs cross-unit contracts ...' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/** One v2 candidate as the page lists it: the change, the gate, and the nanoservice deployed anyway. */
export interface CandidateFigures {
  /** What the version changes, in words. */
  readonly change: string;
  /** The gate's decision before release: `ship` or `block`. */
  readonly gate: ReleaseCheck['gate'];
  /** The consumers whose contract it breaks, joined with 'and' (empty when none). */
  readonly breaks: string;
  /** Nanoservice checkouts that returned a correct receipt with the version deployed alone, a count. */
  readonly checkoutsCorrect: number;
  /** Nanoservice checkouts sent with the version deployed alone, a count. */
  readonly checkoutsSent: number;
}

/** What releasing the provider means in one shape. */
export interface ShapeReleaseFigures {
  /** Functions redeployed with the compatible release `v2-adds-rate`: every function of the provider's unit, a count. */
  readonly functionsRedeployed: number;
  /** Cross-unit contracts the compatible release must pass, a count. */
  readonly crossUnitContracts: number;
  /** Units that must release together for the breaking `v2-nests-tax`, a count. */
  readonly unitsToReleaseBreaking: number;
  /** Provider-to-consumer dependencies of the whole checkout that cross a unit boundary, a count. */
  readonly systemCrossUnitContracts: number;
}

/** Everything the nano-own-schedule page prints, read from one result. */
export interface PageFigures {
  /** The function whose new versions are released. */
  readonly provider: string;
  /** The transports the versions were deployed on, joined with 'and'. */
  readonly transports: string;
  /** Sample carts the gate runs each candidate on, a count. */
  readonly sampleCarts: number;
  /** Consumers of the provider, a count. */
  readonly consumers: number;
  /** Each consumer, the fields it reads and the rules it declares, as one phrase joined with 'and'. */
  readonly consumerContracts: string;
  /** Contract checks the gate runs per release (contracts × sample carts), a count. */
  readonly checksPerRelease: number;
  /** The compatible candidate, `v2-adds-rate`. */
  readonly addsRate: CandidateFigures;
  /** The breaking candidate a schema catches, `v2-nests-tax`. */
  readonly nestsTax: CandidateFigures;
  /** The candidate only a declared rule catches, `v2-net-total`. */
  readonly netTotal: CandidateFigures;
  /** Version-and-shape pairs deployed, a count. */
  readonly pairs: number;
  /** Pairs where the gate (schemas and rules) was right, a count. */
  readonly gateRight: number;
  /** Pairs where a schema-only gate would have been right, a count. */
  readonly schemaOnlyGateRight: number;
  /** The microservice unit that holds the provider. */
  readonly microservicesProviderUnit: string;
  /** Provider-to-consumer dependencies over the whole checkout, a count (the same in every shape). */
  readonly systemContracts: number;
  /** What a release of the provider touches and needs, per shape. */
  readonly byShape: Readonly<Record<ShapeName, ShapeReleaseFigures>>;
  /** Checkouts each candidate ran per shape when deployed (sample carts × transports), a count. */
  readonly checkoutsPerRelease: number;
  /** The nanoservices' cross-unit contracts over the microservices' ('1.36×'): the price, in the rule's terms. */
  readonly contractsRatio: string;
  /** The same ratio on each reference system, in a sentence: 'the lab’s checkout 2.50×, Online Boutique 1.00× and …'. */
  readonly referenceContractsRatios: string;
  /** The reference systems on which nanoservices keep no more than 1.1× the contracts of their microservices, in a sentence ('none of them' when none). */
  readonly referenceWithoutCost: string;
  /** The verdict map across granularity. */
  readonly verdictMap: VerdictMap;
}

/**
 * The figures the page prints: the provider's consumers and their contracts, the three v2 candidates,
 * how often the gate was right, and what a release touches in each shape. Throws when the run left out
 * a version, a shape or a check the page reads.
 *
 * @example
 * ```ts
 * pageFigures(result).nestsTax.breaks; // 'chargePayment and issueReceipt'
 * pageFigures(result).byShape.nanoservices; // { functionsRedeployed: 1, crossUnitContracts: 2, unitsToReleaseBreaking: 3, systemCrossUnitContracts: 15 }
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const release = (version: string, shape: ShapeName) => pickRow(result.releases, { version, shape });
  const candidate = (version: string): CandidateFigures => {
    const check = pickRow(result.checks, { version });
    const nano = release(version, 'nanoservices');
    return { change: check.change, gate: check.gate, breaks: check.failingConsumers.join(' and '), checkoutsCorrect: nano.checkoutsCorrect, checkoutsSent: nano.checkoutsSent };
  };
  const consumers = result.contracts.filter((contract) => contract.provider === result.provider);
  const referenceRatios = structureRatios(result.referenceSystems, 'crossUnitContracts', 'nanoservices', 'microservices');
  const inShape = (shape: ShapeName): ShapeReleaseFigures => {
    const compatible = release('v2-adds-rate', shape);
    return {
      functionsRedeployed: compatible.functionsRedeployed,
      crossUnitContracts: compatible.crossUnitContracts,
      unitsToReleaseBreaking: release('v2-nests-tax', shape).unitsToRelease,
      systemCrossUnitContracts: pickRow(result.system, { shape }).crossUnitContracts,
    };
  };
  return {
    provider: result.provider,
    transports: result.transports.join(' and '),
    sampleCarts: result.sampleCarts,
    consumers: consumers.length,
    consumerContracts: consumers
      .map((contract) => `${contract.consumer} (reads ${contract.fields.join(', ')}${contract.invariants.length ? `; rule: ${contract.invariants.join('; ')}` : ''})`)
      .join(' and '),
    checksPerRelease: pickRow(result.checks, { version: 'v1 (control)' }).checksRun,
    addsRate: candidate('v2-adds-rate'),
    nestsTax: candidate('v2-nests-tax'),
    netTotal: candidate('v2-net-total'),
    pairs: result.releases.length,
    gateRight: result.releases.filter((row) => row.gateAgrees).length,
    schemaOnlyGateRight: result.releases.filter((row) => row.schemaOnlyGateAgrees).length,
    microservicesProviderUnit: release('v2-adds-rate', 'microservices').providerUnit,
    systemContracts: pickRow(result.system, { shape: 'nanoservices' }).contracts,
    byShape: { monolith: inShape('monolith'), microservices: inShape('microservices'), nanoservices: inShape('nanoservices') },
    checkoutsPerRelease: release('v2-adds-rate', 'nanoservices').checkoutsSent,
    contractsRatio: formatRatio(pickRow(result.system, { shape: 'nanoservices' }).crossUnitContracts / pickRow(result.system, { shape: 'microservices' }).crossUnitContracts),
    referenceContractsRatios: formatRatiosBySystem(referenceRatios),
    referenceWithoutCost: systemsWhere(result.referenceSystems, (system) => {
      // No ratio: its microservices cross no contract, so there is nothing to keep within 1.1× of.
      const { ratio } = pickRow(referenceRatios, { system });
      return ratio !== null && ratio <= costThreshold;
    }),
    verdictMap: referenceSystemsMap(result),
  };
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/nano-own-schedule.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence: whether a compatible change shipped alone
 * in one nanoservice, and the price, the cross-unit contract tests the whole checkout needs as
 * nanoservices against microservices (a count, with their ratio). Null when the run counted the
 * contracts of neither shape.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'a compatible change shipped alone in 1 nanoservice, but the checkout needs 15 cross-unit contract tests vs 11 for microservices (1.36×)'
 * ```
 */
export function keyFigure(result: Result): string | null {
  const contractsOf = (shape: ShapeName) => result.system?.find((row) => row.shape === shape)?.crossUnitContracts;
  const nano = contractsOf('nanoservices');
  const micro = contractsOf('microservices');
  if (nano === undefined || micro === undefined || !result.releases || !result.checks) return null;
  const ratio = micro > 0 ? ` (${formatRatio(nano / micro)})` : '';
  const contracts = `the checkout needs ${nano} cross-unit contract tests vs ${micro} for microservices${ratio}`;
  return releasesAlone(result, 'nanoservices') ? `a compatible change shipped alone in 1 nanoservice, but ${contracts}` : `no compatible change shipped alone in one nanoservice; ${contracts}`;
}
