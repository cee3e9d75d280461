import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import type { ShapeName } from '../lab/model/shapes.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { formatList, formatPercent } from '../lab/report/format.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
import { structureByCut, structureOf, structureTable } from '../lab/report/structure-table.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';

/** How a unit treats what arrives at its door. */
export type BoundaryMode = 'functions validate' | 'contract at boundary';

/** One shape in one mode: its interfaces, and what its units did with malformed and valid requests. */
export interface BoundaryRow {
  readonly shape: ShapeName;
  readonly mode: BoundaryMode;
  readonly units: number;
  /** Routes a client on the network can call: every function of every unit. */
  readonly routes: number;
  /** Hand-overs from one unit to another inside one checkout: contracts between units. */
  readonly crossUnitContracts: number;
  readonly malformedSent: number;
  readonly refused4xx: number;
  readonly answered5xx: number;
  readonly answered2xx: number;
  /** Checkout functions called while the malformed requests were handled. */
  readonly functionsEntered: number;
  /** Business bodies that ran on malformed input (a function runs its body only on valid input). */
  readonly bodiesRun: number;
  readonly validSent: number;
  readonly validAnswered2xx: number;
}

/** How one kind of malformed request was answered in one mode, over every route of every shape. */
export interface CaseRow {
  readonly mode: BoundaryMode;
  readonly malformation: string;
  readonly sent: number;
  readonly refused4xx: number;
  readonly answered5xx: number;
  readonly answered2xx: number;
}

/** What a release gate decided. */
export type Gate = 'ship' | 'block';

/**
 * One candidate release of the cart's applyDiscount in one shape: what the consumer contract test said
 * (billing's schema and the values its tests expect; and the schema alone), and what deploying it did.
 */
export interface ReleaseRow {
  readonly shape: ShapeName;
  readonly version: string;
  readonly change: string;
  /** Example carts the consumer contract was checked on. */
  readonly contractChecks: number;
  readonly failingConsumers: readonly string[];
  /** The gate with billing's schema and its example values. */
  readonly gate: Gate;
  /** The gate with billing's schema alone (field names and types). */
  readonly schemaOnlyGate: Gate;
  /** Units redeployed for the release (the one holding applyDiscount), and the functions they hold. */
  readonly unitsRedeployed: number;
  readonly functionsRedeployed: number;
  readonly checkoutsSent: number;
  readonly checkoutsCorrect: number;
  readonly broken: boolean;
  /** Whether each gate shipped exactly when deploying the release broke no checkout. */
  readonly gateAgrees: boolean;
  readonly schemaOnlyAgrees: boolean;
}

/** What the contracts and the gate did, measured the same way on the command line and in the page. */
export interface ContractRunResult {
  readonly repeats: number;
  readonly boundary: readonly BoundaryRow[];
  readonly cases: readonly CaseRow[];
  readonly releases: readonly ReleaseRow[];
}

/**
 * The whole result of a micro-business-modules run: plain JSON. The reference systems are read from
 * files, which only the command line can do, so the page's own run stops at {@link ContractRunResult}.
 */
export interface BusinessModulesResult extends ContractRunResult {
  /** How many interfaces the reference systems' cuts put behind a unit's door, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** The scaffolded claims' name for the result of a run. */
export type Result = BusinessModulesResult;

/** Every figure the page's prose prints, read out of the result. All counts are requests, functions or releases. */
export interface PageFigures {
  /** Kinds of malformed request sent to every route (not JSON, null, ...), a count. */
  readonly malformationKinds: number;
  /** Times each kind of malformed request was sent to each route, a count. */
  readonly repeats: number;
  /** Malformed requests refused with a 4xx, over all shapes, with the contract at the boundary. */
  readonly enforcedRefused4xx: number;
  /** Malformed requests sent, over all shapes, with the contract at the boundary. */
  readonly enforcedMalformedSent: number;
  /** Checkout functions entered on malformed requests, over all shapes, with the contract at the boundary. */
  readonly enforcedFunctionsEntered: number;
  /** Valid requests the microservices answered with a 2xx, with the contract at the boundary. */
  readonly microValidAnswered2xx: number;
  /** Valid requests sent to the microservices, with the contract at the boundary. */
  readonly microValidSent: number;
  /** Business bodies that ran on malformed input, over all shapes, when only the functions validate. */
  readonly looseBodiesRun: number;
  /** Checkout functions entered on malformed requests, over all shapes, when only the functions validate. */
  readonly looseFunctionsEntered: number;
  /** Bodies that were not JSON answered with a 5xx, over every route, when only the functions validate. */
  readonly notJsonAnswered5xx: number;
  /** Bodies that were not JSON sent, over every route, when only the functions validate. */
  readonly notJsonSent: number;
  /** Checkouts answered correctly with the additive release `v2-adds-currency` deployed, over every shape. */
  readonly additiveCorrect: number;
  /** Checkouts sent with the additive release `v2-adds-currency` deployed, over every shape. */
  readonly additiveSent: number;
  /** Checkouts answered correctly with the breaking release `v2-renames-discount` deployed, over every shape. */
  readonly renameCorrect: number;
  /** Checkouts sent with the breaking release `v2-renames-discount` deployed, over every shape. */
  readonly renameSent: number;
  /** Checkouts answered correctly with the semantic change `v2-discount-in-euros` deployed, over every shape. */
  readonly euroCorrect: number;
  /** Checkouts sent with the semantic change `v2-discount-in-euros` deployed, over every shape. */
  readonly euroSent: number;
  /** Releases, over every shape, for which the consumer contract gate (schema and example values) agreed with what deploying them did. */
  readonly gateRight: number;
  /** The same with billing's schema alone. */
  readonly schemaOnlyRight: number;
  /** Candidate releases deployed, over every shape (releases × shapes). */
  readonly releases: number;
  /** Candidate releases of the cart, a count. */
  readonly candidates: number;
  /** Shapes the releases were deployed in, a count. */
  readonly releaseShapes: number;
  /** Functions redeployed with the cart's applyDiscount in the monolith, the microservices and the nanoservices: '6, 3 and 1'. */
  readonly functionsPerRelease: string;
  /** Contracts between units in the monolith (hand-overs from one unit to another in one checkout). */
  readonly monolithContracts: number;
  /** Contracts between units in the microservices. */
  readonly microservicesContracts: number;
  /** Contracts between units in the nanoservices. */
  readonly nanoservicesContracts: number;
  /** Each reference system's microservices, in a sentence: 'The lab's checkout: six functions in a chain 3, Online Boutique: placing an order 9 and An Alibaba-like call tree 7'. */
  readonly referenceMicroUnits: string;
  /** The operations in each operation's microservice, itself included (mean over operations), in a sentence: 'The lab's checkout: … 2.3, Online Boutique: … 1.6 and An Alibaba-like call tree 5.8'. */
  readonly referenceMicroOperationsPerUnit: string;
  /** Each reference system's caller → callee pairs, the same in every cut, in a sentence: 'The lab's checkout: … 5, Online Boutique: … 13 and An Alibaba-like call tree 26'. */
  readonly referenceInterfaces: string;
  /** Of those, the pairs that cross a unit's door as microservices, in a sentence: 'The lab's checkout: … 2, Online Boutique: … 13 and An Alibaba-like call tree 9'. */
  readonly referenceMicroCrossUnit: string;
  /** The same as a share of the pairs: 'The lab's checkout: … 40%, Online Boutique: … 100% and An Alibaba-like call tree 35%'. */
  readonly referenceMicroCrossShare: string;
  /** The pairs that cross a unit's door as nanoservices, in a sentence: 'The lab's checkout: … 5, Online Boutique: … 13 and An Alibaba-like call tree 26'. */
  readonly referenceNanoCrossUnit: string;
  /** The pairs that cross a unit's door in the monolith, the most on any reference system: 0. */
  readonly referenceMonolithCrossUnitAtMost: number;
}

/**
 * The figures the page prints, each picked from the result (a missing row throws, naming it).
 *
 * @example
 * ```ts
 * pageFigures(result).enforcedRefused4xx; // 270: every malformed request, in every shape
 * pageFigures(result).microservicesContracts; // 2
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const reference = result.referenceSystems;
  const enforced = result.boundary.filter((row) => row.mode === 'contract at boundary');
  const loose = result.boundary.filter((row) => row.mode === 'functions validate');
  const microEnforced = pickRow(result.boundary, { shape: 'microservices', mode: 'contract at boundary' });
  const notJson = pickRow(result.cases, { mode: 'functions validate', malformation: 'not JSON' });
  const release = (version: string) => {
    const rows = result.releases.filter((row) => row.version === version);
    if (rows.length === 0) throw new Error(`the run deployed no release ${version}`);
    return { correct: sumOf(rows, 'checkoutsCorrect'), sent: sumOf(rows, 'checkoutsSent') };
  };
  const additive = release('v2-adds-currency');
  const rename = release('v2-renames-discount');
  const euro = release('v2-discount-in-euros');
  const functionsIn = (shape: ShapeName) => pickRow(result.releases, { shape, version: 'v1 (control)' }).functionsRedeployed;
  const contracts = (shape: ShapeName) => pickRow(enforced, { shape }).crossUnitContracts;
  return {
    malformationKinds: new Set(result.cases.map((row) => row.malformation)).size,
    repeats: result.repeats,
    enforcedRefused4xx: sumOf(enforced, 'refused4xx'),
    enforcedMalformedSent: sumOf(enforced, 'malformedSent'),
    enforcedFunctionsEntered: sumOf(enforced, 'functionsEntered'),
    microValidAnswered2xx: microEnforced.validAnswered2xx,
    microValidSent: microEnforced.validSent,
    looseBodiesRun: sumOf(loose, 'bodiesRun'),
    looseFunctionsEntered: sumOf(loose, 'functionsEntered'),
    notJsonAnswered5xx: notJson.answered5xx,
    notJsonSent: notJson.sent,
    additiveCorrect: additive.correct,
    additiveSent: additive.sent,
    renameCorrect: rename.correct,
    renameSent: rename.sent,
    euroCorrect: euro.correct,
    euroSent: euro.sent,
    gateRight: result.releases.filter((row) => row.gateAgrees).length,
    schemaOnlyRight: result.releases.filter((row) => row.schemaOnlyAgrees).length,
    releases: result.releases.length,
    candidates: new Set(result.releases.map((row) => row.version)).size,
    releaseShapes: new Set(result.releases.map((row) => row.shape)).size,
    functionsPerRelease: formatList((['monolith', 'microservices', 'nanoservices'] as const).map((shape) => String(functionsIn(shape)))),
    monolithContracts: contracts('monolith'),
    microservicesContracts: contracts('microservices'),
    nanoservicesContracts: contracts('nanoservices'),
    referenceMicroUnits: structureByCut(reference, 'units', 'microservices'),
    referenceMicroOperationsPerUnit: structureByCut(reference, 'operationsPerDeploy', 'microservices'),
    referenceInterfaces: structureByCut(reference, 'contracts', 'monolith'),
    referenceMicroCrossUnit: structureByCut(reference, 'crossUnitContracts', 'microservices'),
    referenceMicroCrossShare: formatList(
      reference.systems.map((system) => {
        const micro = structureOf(reference, system.name, 'microservices');
        return `${system.title} ${formatPercent(micro.contracts === 0 ? 0 : micro.crossUnitContracts / micro.contracts)}`;
      }),
    ),
    referenceNanoCrossUnit: structureByCut(reference, 'crossUnitContracts', 'nanoservices'),
    referenceMonolithCrossUnitAtMost: Math.max(...reference.systems.map((system) => structureOf(reference, system.name, 'monolith').crossUnitContracts)),
  };
}

/**
 * The interfaces each reference system's cuts put behind a unit's door: its units, the operations in
 * each, the caller → callee pairs (the same in every cut: the calls do not change) and those that cross
 * units, each of which needs its contract enforced at the door and gated at release. Counted from the
 * system files.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[7];
 * // { system: 'An Alibaba-like call tree', cut: 'microservices', units: 7, operationsPerDeploy: '5.8', contracts: 26, crossUnitContracts: 9 }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'Interfaces behind a unit’s door, on each reference system (counted from its file)', [
    { figure: 'operationsPerDeploy', label: 'operations per unit (mean over operations)' },
    { figure: 'contracts', label: 'caller → callee pairs (the same in every cut)' },
    { figure: 'crossUnitContracts', label: 'pairs across units (contracts to enforce at a door and gate at release)' },
  ]);
}

/**
 * Interfaces per shape and what each unit did with malformed requests.
 *
 * @example
 * ```ts
 * boundaryTable(result).rows.length; // 6: three shapes, two modes
 * ```
 */
export function boundaryTable(result: ContractRunResult): ResultTable {
  return {
    title: 'Interfaces per shape, and malformed requests at every unit door',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'mode', label: 'validation' },
      { key: 'units', label: 'units' },
      { key: 'routes', label: 'routes' },
      { key: 'crossUnitContracts', label: 'contracts between units' },
      { key: 'malformedSent', label: 'malformed sent' },
      { key: 'refused4xx', label: 'refused 4xx' },
      { key: 'answered5xx', label: 'answered 5xx' },
      { key: 'functionsEntered', label: 'functions entered' },
      { key: 'bodiesRun', label: 'bodies run' },
      { key: 'validAnswered2xx', label: 'valid requests answered 2xx' },
    ],
    rows: result.boundary.map((row) => ({ ...row, validAnswered2xx: `${row.validAnswered2xx} of ${row.validSent}` })),
  };
}

/**
 * How each kind of malformed request was answered.
 *
 * @example
 * ```ts
 * casesTable(result).rows[0]; // { mode: 'functions validate', malformation: 'not JSON', sent: 18, refused4xx: 0, ... }
 * ```
 */
export function casesTable(result: ContractRunResult): ResultTable {
  return {
    title: 'Each kind of malformed request, over every route of every shape',
    columns: [
      { key: 'mode', label: 'validation' },
      { key: 'malformation', label: 'malformed request' },
      { key: 'sent', label: 'sent' },
      { key: 'refused4xx', label: 'refused 4xx' },
      { key: 'answered5xx', label: 'answered 5xx' },
      { key: 'answered2xx', label: 'answered 2xx' },
    ],
    rows: result.cases.map((row) => ({ ...row })),
  };
}

/**
 * The cart's candidate releases in every shape: the consumer contract gates next to what deploying them did.
 *
 * @example
 * ```ts
 * releaseTable(result).rows.map((r) => r.gate); // ['ship', 'ship', 'block', 'block', 'ship', ...]: four releases per shape
 * ```
 */
export function releaseTable(result: ContractRunResult): ResultTable {
  return {
    title: 'Releasing the cart’s applyDiscount alone, in every shape: the consumer contract gate, then the real deployment',
    columns: [
      { key: 'shape', label: 'shape' },
      { key: 'version', label: 'cart release' },
      { key: 'change', label: 'change' },
      { key: 'functionsRedeployed', label: 'functions redeployed' },
      { key: 'schemaOnlyGate', label: 'gate: schema only' },
      { key: 'gate', label: 'gate: schema and examples' },
      { key: 'checkoutsCorrect', label: 'checkouts correct after deploying it' },
      { key: 'gateAgrees', label: 'gate was right (schema only / with examples)' },
    ],
    rows: result.releases.map((row) => ({
      shape: row.shape,
      version: row.version,
      change: row.change,
      functionsRedeployed: row.functionsRedeployed,
      schemaOnlyGate: row.schemaOnlyGate,
      gate: row.gate,
      checkoutsCorrect: `${row.checkoutsCorrect} of ${row.checkoutsSent}`,
      gateAgrees: `${row.schemaOnlyAgrees ? 'yes' : 'no'} / ${row.gateAgrees ? 'yes' : 'no'}`,
    })),
  };
}

/**
 * Whether a shape shows the well-defined interface the claim names: with the contract enforced at each
 * unit's door, every malformed request was refused with a 4xx before any function was entered and
 * every valid one was answered; and the consumer contract gate was right about every release of the
 * cart deployed in that shape (shipped exactly the releases that broke no checkout). Null when the run
 * did not try the shape in both parts.
 *
 * @example
 * ```ts
 * wellDefinedIn(result, 'monolith'); // true
 * ```
 */
export function wellDefinedIn(result: Result, shape: ShapeName): boolean | null {
  const enforced = result.boundary.find((row) => row.shape === shape && row.mode === 'contract at boundary');
  const releases = result.releases.filter((row) => row.shape === shape);
  if (!enforced || releases.length === 0) return null;
  const door = enforced.refused4xx === enforced.malformedSent && enforced.functionsEntered === 0 && enforced.validAnswered2xx === enforced.validSent;
  return door && releases.some((row) => row.broken) && releases.every((row) => row.gateAgrees);
}

/**
 * What the figures found, in the terms of the verdict rule. The claim credits microservices with
 * modules that each uphold one business objective behind a well-defined interface. The first half is
 * how the lab cut its shapes; the second is tested in every shape where it can fail: a contract at each
 * unit's door must refuse malformed input before any function runs, and a consumer contract gate must
 * ship exactly the releases that do not break a consumer, checked by deploying each one. A shape shows
 * it when {@link wellDefinedIn} says so; when every shape does, the interface comes from the contract
 * and the gate, not from the cut (misattributed). A run without the microservices throws.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'microservices', shownBy: { monolith: true, microservices: true, nanoservices: true },
 * //   because: 'contracts at the door refused 270 of 270 malformed requests and the consumer gate was right for 12 of 12 releases, in every cut alike' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const compared = (['monolith', 'microservices', 'nanoservices'] as const).filter((shape) => wellDefinedIn(result, shape) !== null);
  if (!compared.includes('microservices')) throw new Error('the run tried no contract or release on the microservices: nothing to decide from');
  const shownBy = Object.fromEntries(compared.map((shape) => [shape, wellDefinedIn(result, shape) === true]));
  const enforced = result.boundary.filter((row) => row.mode === 'contract at boundary' && compared.includes(row.shape));
  const releases = result.releases.filter((row) => compared.includes(row.shape));
  const schemaOnlyWrong = releases.filter((row) => !row.schemaOnlyAgrees).length;
  const door = `contracts at the door refused ${sumOf(enforced, 'refused4xx')} of ${sumOf(enforced, 'malformedSent')} malformed requests`;
  const gate = `the consumer gate was right for ${releases.filter((row) => row.gateAgrees).length} of ${releases.length} releases`;
  const where = compared.every((shape) => shownBy[shape]) ? 'in every cut alike' : `only in ${formatList(compared.filter((shape) => shownBy[shape]))}`;
  const schemaAlone = schemaOnlyWrong > 0 && compared.every((shape) => shownBy[shape]) ? ` (schema alone: ${releases.length - schemaOnlyWrong})` : '';
  return { credited: 'microservices', shownBy, because: `${door} and ${gate}${schemaAlone}, ${where}` };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'misattributed', because: 'contracts at the door refused ...', rule: 'every cut compared shows it (monolith, microservices, nanoservices)' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/micro-business-modules.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence: the malformed requests the contracts at the
 * door refused and the releases the consumer gate judged right, over the cuts compared, and in which
 * cuts the interface held. Null when the run tried no contract or release on the microservices.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'contracts at the door refused 270 of 270 malformed requests, the consumer gate was right for 12 of 12 releases, in every cut alike'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.boundary || !result.releases) return null;
  const compared = (['monolith', 'microservices', 'nanoservices'] as const).filter((shape) => wellDefinedIn(result, shape) !== null);
  if (!compared.includes('microservices')) return null;
  const held = compared.filter((shape) => wellDefinedIn(result, shape));
  const enforced = result.boundary.filter((row) => row.mode === 'contract at boundary' && compared.includes(row.shape));
  const releases = result.releases.filter((row) => compared.includes(row.shape));
  const where = held.length === compared.length ? ', in every cut alike' : held.length === 0 ? '; no cut held its interfaces' : `; only the ${formatList(held)} held theirs`;
  return (
    `contracts at the door refused ${sumOf(enforced, 'refused4xx')} of ${sumOf(enforced, 'malformedSent')} malformed requests, ` +
    `the consumer gate was right for ${releases.filter((row) => row.gateAgrees).length} of ${releases.length} releases${where}`
  );
}
