/**
 * What a cut changes in a system's structure, counted from its call graph: the contracts that cross
 * units, what one change redeploys, which units release together when a contract breaks, how far a
 * crash or an exploit in one unit reaches. These are the figures the claims about teams, deploys,
 * isolation and security rest on. They are exact (the system format has no branches: every request
 * makes every call), computed, not measured — a page says so — and they are what lets a claim be
 * judged on systems shaped like real ones, not only on the lab's checkout. Browser-safe.
 */

import { callEdges, unitNamesOf, transportCalls, type Cut, type System } from './system.ts';

/** The structure of one cut of one system. */
export interface CutStructure {
  readonly system: string;
  readonly cut: string;
  readonly units: number;
  readonly operations: number;
  /** Calls one request makes across units, the client's call to the entry included. */
  readonly networkCallsPerRequest: number;
  /** Distinct caller → callee pairs of the graph, wherever they sit. */
  readonly contracts: number;
  /** Of those, the pairs whose two operations sit in different units: the contracts to keep tested between separate deploys. */
  readonly crossUnitContracts: number;
  /** Mean over operations of the operations in its unit: what one change rebuilds, redeploys and, without test selection, retests. */
  readonly operationsPerDeploy: number;
  /** Mean over operations that have a caller of the units that must release when its contract breaks: its own, and each caller's. */
  readonly unitsPerBreakingChange: number;
  /** The same as a share of the cut's units: 1 means a breaking change releases the whole system together. */
  readonly breakingChangeShareOfUnits: number;
  /**
   * Over every pair (an operation whose unit crashes, another operation), the share in which the
   * other still answers: nothing it waits for, itself included, sits in the crashed unit.
   * Asynchronous calls are not waited for, so a crash behind one does not spread.
   */
  readonly capabilityIsolation: number;
  /** Share of operations whose unit can crash while the entry request still succeeds. */
  readonly entrySurvivesUnitCrash: number;
  /**
   * Mean over operations of the share of the system's operations in its unit: what one change
   * redeploys (1 means every change redeploys everything), and whose code an exploit in it runs beside.
   */
  readonly unitShareOfSystem: number;
  /** Mean over operations of the share of the system's tables its unit's credentials reach; null for a system without state. */
  readonly compromisedTablesShare: number | null;
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);

/**
 * The operations a call to `name` waits for, itself included: its synchronous callees and theirs.
 * A checked system has no cycle; the guard keeps an unchecked one from recursing forever.
 *
 * @example
 * ```ts
 * waitsFor(system, 'checkout'); // Set { 'checkout', 'cart', 'payment' } (not the email it publishes)
 * ```
 */
export function waitsFor(system: System, name: string, seen: Set<string> = new Set()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const step of system.operations[name]?.calls ?? []) if (step.mode === 'sync') for (const target of step.targets) waitsFor(system, target, seen);
  return seen;
}

/**
 * The structure of one cut of a system: contracts across units, what a change redeploys and
 * releases, how far a crash and an exploit in one unit reach.
 *
 * @example
 * ```ts
 * const micro = cutStructure(system, system.cuts.microservices);
 * micro.crossUnitContracts; // 2: cart → billing and billing → receipts
 * micro.capabilityIsolation; // 0.47: share of (crashed, other) pairs in which the other still answers
 * ```
 */
export function cutStructure(system: System, cut: Cut): CutStructure {
  const unitOf = unitNamesOf(cut);
  const names = Object.keys(system.operations);
  const membersOf = new Map(cut.units.map((unit) => [unit.name, new Set(unit.operations)]));
  const pairs = new Map(callEdges(system).map((edge) => [`${edge.from}\u0000${edge.to}`, edge] as const));
  const contracts = [...pairs.values()];
  const callersOf = (name: string) => contracts.filter((edge) => edge.to === name).map((edge) => edge.from);
  const called = names.filter((name) => callersOf(name).length > 0);
  const waits = new Map(names.map((name) => [name, waitsFor(system, name)]));
  const survives = (crashedUnit: string, name: string) => ![...(waits.get(name) ?? [])].some((waited) => unitOf.get(waited) === crashedUnit);
  const isolation = names.flatMap((crashed) => names.filter((other) => other !== crashed).map((other) => (survives(unitOf.get(crashed) ?? '', other) ? 1 : 0)));
  const tablesOf = (operations: Iterable<string>) => new Set([...operations].flatMap((name) => system.operations[name]?.state ?? []));
  const allTables = tablesOf(names).size;
  const unitMembers = (name: string) => membersOf.get(unitOf.get(name) ?? '') ?? new Set<string>();
  const releasing = (name: string) => new Set([name, ...callersOf(name)].map((member) => unitOf.get(member))).size;
  return {
    system: system.name,
    cut: cut.name,
    units: cut.units.length,
    operations: names.length,
    networkCallsPerRequest: transportCalls(system, cut),
    contracts: contracts.length,
    crossUnitContracts: contracts.filter((edge) => unitOf.get(edge.from) !== unitOf.get(edge.to)).length,
    operationsPerDeploy: mean(names.map((name) => unitMembers(name).size)),
    unitsPerBreakingChange: mean(called.map((name) => releasing(name))),
    breakingChangeShareOfUnits: mean(called.map((name) => releasing(name) / cut.units.length)),
    capabilityIsolation: mean(isolation),
    entrySurvivesUnitCrash: mean(names.map((crashed) => (survives(unitOf.get(crashed) ?? '', system.entry) ? 1 : 0))),
    unitShareOfSystem: mean(names.map((name) => unitMembers(name).size / names.length)),
    compromisedTablesShare: allTables === 0 ? null : mean(names.map((name) => tablesOf(unitMembers(name)).size / allTables)),
  };
}

/** The figures of {@link CutStructure} that are numbers, for tables and maps that pick one. */
export type StructureFigure = Exclude<keyof CutStructure, 'system' | 'cut'>;

/**
 * The structure of several cuts of a system, in the order given; a RangeError names a cut the system lacks.
 *
 * @example
 * ```ts
 * cutStructures(system, ['monolith', 'microservices', 'nanoservices']).map((row) => row.units); // [1, 3, 6]
 * ```
 */
export function cutStructures(system: System, cuts: readonly string[]): CutStructure[] {
  return cuts.map((name) => {
    const cut = system.cuts[name];
    if (!cut) throw new RangeError(`system ${system.name} has no cut "${name}"; its cuts: ${Object.keys(system.cuts).join(', ')}`);
    return cutStructure(system, cut);
  });
}
