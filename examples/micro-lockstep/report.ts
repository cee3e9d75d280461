import type { ResultTable } from '../lab/experiment/define-experiment.ts';
import { decideVerdict, type Finding, type Judgement } from '../lab/experiment/verdict-rule.ts';
import { formatList, formatNumber, formatPercent } from '../lab/report/format.ts';
import { pickRow, sumOf } from '../lab/report/pick.ts';
import { structureByCut, structureMap, structureOf, structureTable } from '../lab/report/structure-table.ts';
import type { VerdictMap } from '../lab/report/verdict-map.ts';
import type { ReferenceStructures } from '../lab/system-run/reference-sweep.ts';
import { architectures, dependencyMermaid, type ArchitectureName, type Change } from './graph.ts';

/** What one change forces to redeploy in one architecture, computed from its dependency graph. */
export interface RedeployRow {
  readonly architecture: ArchitectureName;
  readonly change: Change['id'];
  readonly bumped: string;
  readonly unitsTotal: number;
  readonly unitsRedeployed: number;
  readonly functionsRedeployed: number;
  readonly redeployed: string;
  readonly why: string;
}

/** Which units were redeployed in a real deployment over HTTP. */
export type DeployPlan = 'computed set' | 'changed unit only';

/** A real deployment over HTTP with some units changed and the rest as released, and its checkouts. */
export interface DeployRow {
  readonly architecture: ArchitectureName;
  readonly change: Change['id'];
  readonly plan: DeployPlan;
  readonly unitsRedeployed: number;
  readonly unitsKept: number;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
}

/** The whole result of a micro-lockstep run: plain JSON. */
export interface LockstepResult {
  readonly checkoutsPerDeploy: number;
  readonly plans: readonly RedeployRow[];
  readonly deploys: readonly DeployRow[];
  /** What a breaking change releases in the reference systems' cuts, counted from their files. */
  readonly referenceSystems: ReferenceStructures;
}

/** The scaffolded claims' name for the result of a run. */
export type Result = LockstepResult;

/** What one real deployment did to its checkouts, counts. */
export interface DeployFigures {
  /** Checkouts sent. */
  readonly sent: number;
  /** Checkouts that returned a receipt. */
  readonly succeeded: number;
  /** Checkouts that did not. */
  readonly failed: number;
}

/** Every figure the page's prose prints, read out of the result. */
export interface PageFigures {
  /** Functions the monolith redeploys for the added field, of 6. */
  readonly monolithFieldFunctions: number;
  /** Units the distributed monolith redeploys for the added field. */
  readonly distributedFieldUnits: number;
  /** Units of the distributed monolith. */
  readonly distributedUnitsTotal: number;
  /** Units the distributed monolith redeploys for a change inside one function. */
  readonly distributedFunctionUnits: number;
  /** Units the microservices redeploy for the added field. */
  readonly microFieldUnits: number;
  /** Units of the microservices. */
  readonly microUnitsTotal: number;
  /** Units the nanoservices redeploy for the added field. */
  readonly nanoFieldUnits: number;
  /** Units the nanoservices redeploy for a change inside one function. */
  readonly nanoFunctionUnits: number;
  /** Units of the nanoservices. */
  readonly nanoUnitsTotal: number;
  /** Checkouts sent through every real deployment, a count. */
  readonly checkoutsPerDeploy: number;
  /** The microservices with the new cart service (the computed set) beside the units as released. */
  readonly microFieldDeploy: DeployFigures;
  /** The microservices with the new billing service (the computed set) beside the units as released. */
  readonly microFunctionDeploy: DeployFigures;
  /** The nanoservices with the new priceCart unit (the computed set) beside the units as released. */
  readonly nanoFieldDeploy: DeployFigures;
  /** The nanoservices with the new calculateTax unit (the computed set) beside the units as released. */
  readonly nanoFunctionDeploy: DeployFigures;
  /** The distributed monolith with only the changed cart service redeployed for the added field. */
  readonly distributedAloneDeploy: DeployFigures;
  /** The distributed monolith with the computed set (all three units) redeployed for the added field. */
  readonly distributedAllDeploy: DeployFigures;
  /**
   * Per reference system, the units of its microservices a breaking change releases together without
   * versioned contracts (mean over operations), of how many: 'The lab's checkout: six functions in a chain 1.4 of 3 units, Online Boutique: placing an order 2.1 of 9 units and …'.
   */
  readonly referenceMicroBreakingUnits: string;
  /** The same as a share of each system's microservices, in a sentence: 'The lab's checkout: six functions in a chain 47%, Online Boutique: placing an order 23% and …'. */
  readonly referenceMicroBreakingShares: string;
  /** The largest of those shares on any reference system ('47%'): how close the microservices come to "as a whole". */
  readonly referenceMicroLargestShare: string;
  /** The share of each system's nanoservices a breaking change releases, in a sentence: 'The lab's checkout: six functions in a chain 33%, … and An Alibaba-like call tree 9%'. */
  readonly referenceNanoBreakingShares: string;
  /** The smallest share of itself the monolith releases for a breaking change on any reference system ('100%': it is one unit). */
  readonly referenceMonolithShare: string;
  /** Operations one change redeploys in each system's microservices (mean), in a sentence: 'The lab's checkout: six functions in a chain 2.3, … and An Alibaba-like call tree 5.8'. */
  readonly referenceMicroOperationsPerDeploy: string;
  /** The verdict map: the share of its units a breaking change releases, across granularity, on each reference system. */
  readonly verdictMap: VerdictMap;
}

/**
 * The figures the page prints, each picked from the result (a missing row throws, naming it).
 *
 * @example
 * ```ts
 * pageFigures(result).distributedFieldUnits; // 3
 * pageFigures(result).distributedAloneDeploy; // { sent: 40, succeeded: 0, failed: 40 }
 * ```
 */
export function pageFigures(result: Result): PageFigures {
  const plan = (architecture: ArchitectureName, change: Change['id']) => pickRow(result.plans, { architecture, change });
  const deploy = (architecture: ArchitectureName, change: Change['id'], which: DeployPlan): DeployFigures => {
    const { sent, succeeded, failed } = pickRow(result.deploys, { architecture, change, plan: which });
    return { sent, succeeded, failed };
  };
  return {
    monolithFieldFunctions: plan('monolith', 'field-added').functionsRedeployed,
    distributedFieldUnits: plan('distributed monolith', 'field-added').unitsRedeployed,
    distributedUnitsTotal: plan('distributed monolith', 'field-added').unitsTotal,
    distributedFunctionUnits: plan('distributed monolith', 'function-changed').unitsRedeployed,
    microFieldUnits: plan('microservices', 'field-added').unitsRedeployed,
    microUnitsTotal: plan('microservices', 'field-added').unitsTotal,
    nanoFieldUnits: plan('nanoservices', 'field-added').unitsRedeployed,
    nanoFunctionUnits: plan('nanoservices', 'function-changed').unitsRedeployed,
    nanoUnitsTotal: plan('nanoservices', 'field-added').unitsTotal,
    checkoutsPerDeploy: result.checkoutsPerDeploy,
    microFieldDeploy: deploy('microservices', 'field-added', 'computed set'),
    microFunctionDeploy: deploy('microservices', 'function-changed', 'computed set'),
    nanoFieldDeploy: deploy('nanoservices', 'field-added', 'computed set'),
    nanoFunctionDeploy: deploy('nanoservices', 'function-changed', 'computed set'),
    distributedAloneDeploy: deploy('distributed monolith', 'field-added', 'changed unit only'),
    distributedAllDeploy: deploy('distributed monolith', 'field-added', 'computed set'),
    ...referenceFigures(result),
  };
}

type ReferenceFigures = Pick<
  PageFigures,
  'referenceMicroBreakingUnits' | 'referenceMicroBreakingShares' | 'referenceMicroLargestShare' | 'referenceNanoBreakingShares' | 'referenceMonolithShare' | 'referenceMicroOperationsPerDeploy' | 'verdictMap'
>;

/** The page's figures for the reference systems: what a breaking change releases in each cut, counted from their files. */
function referenceFigures(result: Result): ReferenceFigures {
  const structures = result.referenceSystems;
  const cutOf = (cut: string) => structures.systems.map((system) => ({ title: system.title, row: structureOf(structures, system.name, cut) }));
  const micro = cutOf('microservices');
  return {
    referenceMicroBreakingUnits: formatList(micro.map(({ title, row }) => `${title} ${formatNumber(row.unitsPerBreakingChange)} of ${row.units} units`)),
    referenceMicroBreakingShares: structureByCut(structures, 'breakingChangeShareOfUnits', 'microservices', true),
    referenceMicroLargestShare: formatPercent(Math.max(...micro.map(({ row }) => row.breakingChangeShareOfUnits)), 0),
    referenceNanoBreakingShares: structureByCut(structures, 'breakingChangeShareOfUnits', 'nanoservices', true),
    referenceMonolithShare: formatPercent(Math.min(...cutOf('monolith').map(({ row }) => row.breakingChangeShareOfUnits)), 0),
    referenceMicroOperationsPerDeploy: structureByCut(structures, 'operationsPerDeploy', 'microservices'),
    verdictMap: referenceSystemsMap(result),
  };
}

/**
 * What a breaking change to one operation's contract releases on each reference system, per cut:
 * the worst case, without versioned contracts, where every caller of the changed operation releases
 * with it. Counted from the system files.
 *
 * @example
 * ```ts
 * referenceSystemsTable(result).rows[4];
 * // { system: 'Online Boutique: placing an order', cut: 'microservices', units: 9, operationsPerDeploy: 1.6, unitsPerBreakingChange: 2.1, breakingChangeShareOfUnits: '23%' }
 * ```
 */
export function referenceSystemsTable(result: Result): ResultTable {
  return structureTable(result.referenceSystems, 'What a breaking change releases together, on each reference system (counted from its file, no versioned contracts)', [
    { figure: 'operationsPerDeploy', label: 'operations redeployed per change (mean)' },
    { figure: 'unitsPerBreakingChange', label: 'units released together for a breaking change (mean)' },
    { figure: 'breakingChangeShareOfUnits', label: 'share of the system’s units released together (100% = the whole system)', share: true },
  ]);
}

/**
 * The verdict map: the share of a cut's units that a breaking change to one contract releases
 * together, across granularity. The claim's "as a whole" is the line at 1; a cut below it leaves
 * part of the system as released even in the worst case, without versioned contracts.
 *
 * @example
 * ```ts
 * referenceSystemsMap(result).lines[0].points; // [{ x: 1, estimate: 0.33 }, { x: 2, estimate: 0.47 }, { x: 6, estimate: 1 }]
 * ```
 */
export function referenceSystemsMap(result: Result): VerdictMap {
  return structureMap(result.referenceSystems, {
    figure: 'breakingChangeShareOfUnits',
    title: 'Share of the system’s units a breaking change releases together, as the cut gets finer (no versioned contracts)',
    yLabel: 'units released together ÷ units of the cut',
    // A share cannot pass 1, and 1 is exactly "the whole system releases together": the claim's words.
    threshold: 1,
    aboveThreshold: 'nothing (a share cannot pass the line); on the line the whole system releases together, as the claim says',
    belowThreshold: 'only part of the system releases; the rest stays as released, so the claim’s “as a whole” does not hold',
  });
}

/**
 * One architecture's dependency graph as a Mermaid flowchart, for the page (the graph is the
 * experiment's own data, not a result of the run).
 *
 * @example
 * ```ts
 * architectureMermaid('distributed monolith'); // 'flowchart LR\n  pkg_shop_dto[("shop-dto 1.0.0")] ...'
 * ```
 */
export function architectureMermaid(name: ArchitectureName): string {
  return dependencyMermaid(pickRow(architectures, { name }));
}

/**
 * The redeploy set per architecture and change.
 *
 * @example
 * ```ts
 * redeployTable(result).rows.length; // 8: four architectures, two changes
 * ```
 */
export function redeployTable(result: LockstepResult): ResultTable {
  return {
    title: 'Units that must be rebuilt and redeployed for one change, from the dependency graph',
    columns: [
      { key: 'architecture', label: 'architecture' },
      { key: 'change', label: 'change' },
      { key: 'bumped', label: 'package released' },
      { key: 'unitsRedeployed', label: 'units redeployed' },
      { key: 'unitsTotal', label: 'units' },
      { key: 'functionsRedeployed', label: 'functions redeployed (of 6)' },
      { key: 'redeployed', label: 'which' },
      { key: 'why', label: 'why' },
    ],
    rows: result.plans.map((row) => ({ ...row })),
  };
}

/**
 * The real deployments: redeploy a set of units, keep the rest, send checkouts.
 *
 * @example
 * ```ts
 * deployTable(result).rows[0]; // { architecture: 'monolith', change: 'field-added', plan: 'computed set', ... }
 * ```
 */
export function deployTable(result: LockstepResult): ResultTable {
  return {
    title: 'Deployed over HTTP: changed units next to units left as released',
    columns: [
      { key: 'architecture', label: 'architecture' },
      { key: 'change', label: 'change' },
      { key: 'plan', label: 'redeployed' },
      { key: 'unitsRedeployed', label: 'units redeployed' },
      { key: 'unitsKept', label: 'units left as released' },
      { key: 'sent', label: 'checkouts sent' },
      { key: 'succeeded', label: 'succeeded' },
      { key: 'failed', label: 'failed' },
    ],
    rows: result.deploys.map((row) => ({ ...row })),
  };
}

/** Every function of the checkout, which a lockstep update redeploys whatever changed. */
const checkoutFunctions = (architecture: ArchitectureName) => pickRow(architectures, { name: architecture }).units.reduce((sum, unit) => sum + unit.functions.length, 0);

/**
 * Whether an architecture had to update as a whole: some change redeployed every function of the
 * checkout, or a real deployment that left some units as released broke checkouts (so the units left
 * alone could not stay as they were).
 *
 * @example
 * ```ts
 * updatesAsAWhole(result, 'monolith'); // true: either change redeploys all 6 functions
 * updatesAsAWhole(result, 'microservices'); // false: 1 of 3 units, and the other two kept working
 * ```
 */
export function updatesAsAWhole(result: Result, architecture: ArchitectureName): boolean {
  const plans = result.plans.filter((row) => row.architecture === architecture);
  const everything = plans.some((row) => row.functionsRedeployed === checkoutFunctions(architecture));
  const keptBroke = result.deploys.some((row) => row.architecture === architecture && row.unitsKept > 0 && row.failed > 0);
  return everything || keptBroke;
}

/**
 * What the redeploy sets and the deployments found, in the terms of the verdict rule. The article
 * credits microservices with a property, not a benefit: a developer "will necessarily need to update
 * the system as a whole". A cut shows it when {@link updatesAsAWhole} says so. Microservices with
 * versioned contracts that redeploy one unit per change while the units left alone keep serving do
 * not show it: one counterexample refutes "necessarily" (does-not-hold); the monolith and the
 * distributed monolith show it. A run without a plan for each architecture compared throws.
 *
 * @example
 * ```ts
 * findingFor(result);
 * // { credited: 'microservices', shownBy: { monolith: true, 'distributed monolith': true, microservices: false, nanoservices: false },
 * //   because: 'with versioned contracts a change redeployed 1 of 3 microservices (1 of 6 nanoservices) ...' }
 * ```
 */
export function findingFor(result: Result): Finding {
  const compared = architectures.map((architecture) => architecture.name).filter((name) => result.plans.some((row) => row.architecture === name));
  if (!compared.includes('microservices')) throw new Error('the run computed no redeploy set for the microservices: nothing to decide from');
  const shownBy = Object.fromEntries(compared.map((name) => [name, updatesAsAWhole(result, name)]));
  const most = (architecture: ArchitectureName) => Math.max(...result.plans.filter((row) => row.architecture === architecture).map((row) => row.unitsRedeployed));
  const total = (architecture: ArchitectureName) => pickRow(architectures, { name: architecture }).units.length;
  if (shownBy.microservices) {
    return { credited: 'microservices', shownBy, because: `microservices redeployed up to ${most('microservices')} of ${total('microservices')} units for one change, or broke checkouts when fewer were redeployed` };
  }
  const kept = result.deploys.filter((row) => (row.architecture === 'microservices' || row.architecture === 'nanoservices') && row.unitsKept > 0);
  const nano = compared.includes('nanoservices') ? ` (${most('nanoservices')} of ${total('nanoservices')} nanoservices)` : '';
  const pinned = compared.includes('distributed monolith') && shownBy['distributed monolith'] ? `; a pinned shared library forced all ${total('distributed monolith')}` : '';
  return {
    credited: 'microservices',
    shownBy,
    because: `with versioned contracts a change redeployed ${most('microservices')} of ${total('microservices')} microservices${nano} and the rest served ${sumOf(kept, 'succeeded')} of ${sumOf(kept, 'sent')} checkouts${pinned}`,
  };
}

/**
 * The verdict the rule gives the finding.
 *
 * @example
 * ```ts
 * verdictFor(result); // { verdict: 'does-not-hold', because: 'with versioned contracts ...', rule: 'microservices do not show it' }
 * ```
 */
export function verdictFor(result: Result): Judgement {
  return decideVerdict(findingFor(result));
}

/**
 * The key figure: the one figure the verdict rests on, with its unit, which the comparison page shows
 * (worked out from evidence/micro-lockstep.json when the site is built, through
 * examples/claims/key-figures.ts). As the because-sentence: the most microservices one change
 * redeployed, of how many, and the checkouts the units left as released served (the counterexample to
 * "necessarily"), beside the distributed monolith's pinned library, which forced every unit. Null when
 * the run computed no redeploy set for the microservices.
 *
 * @example
 * ```ts
 * keyFigure(result); // 'a change redeployed 1 of 3 microservices and the rest served 400 of 400 checkouts; a distributed monolith redeployed 3 of 3 units'
 * ```
 */
export function keyFigure(result: Result): string | null {
  if (!result.plans || !result.deploys) return null;
  const plans = result.plans;
  const compared = architectures.map((architecture) => architecture.name).filter((name) => plans.some((row) => row.architecture === name));
  if (!compared.includes('microservices')) return null;
  const most = (architecture: ArchitectureName) => Math.max(...plans.filter((row) => row.architecture === architecture).map((row) => row.unitsRedeployed));
  const total = (architecture: ArchitectureName) => pickRow(architectures, { name: architecture }).units.length;
  const distributed = compared.includes('distributed monolith') ? `; a distributed monolith redeployed ${most('distributed monolith')} of ${total('distributed monolith')} units` : '';
  if (updatesAsAWhole(result, 'microservices')) {
    return `a change redeployed up to ${most('microservices')} of ${total('microservices')} microservices, or broke checkouts when fewer were${distributed}`;
  }
  const kept = result.deploys.filter((row) => (row.architecture === 'microservices' || row.architecture === 'nanoservices') && row.unitsKept > 0);
  return `a change redeployed ${most('microservices')} of ${total('microservices')} microservices and the rest served ${sumOf(kept, 'succeeded')} of ${sumOf(kept, 'sent')} checkouts${distributed}`;
}
