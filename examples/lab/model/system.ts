/**
 * A system as data: operations, the calls between them, and the cuts that partition them into
 * deploy units. The file format people write is checked by `system-file.ts` (zod, Node only); this
 * module holds the checked shape and the plain functions over it, and is browser-safe, so that a page
 * can draw a system without loading zod.
 */

import { median } from '../measure/stats.ts';

/** A quantity fixed, or drawn from a seeded log-normal distribution given by its median and p99. */
export type Distribution = number | { readonly median: number; readonly p99: number };

/** What an operation costs each time it runs: CPU time, and time spent waiting (a disk, a remote store). */
export interface WorkModel {
  readonly cpuUs: Distribution;
  readonly waitUs?: Distribution;
}

/** One step of an operation's calls: one operation, or several at once; waited for (`sync`) or published and not waited for (`async`). */
export type CallStepFile = { readonly sync: string | readonly string[] } | { readonly async: string | readonly string[] };

/** A deploy unit as a file writes it: its operations; a name and its operations; or a name and its modules. */
export type UnitFile =
  | readonly string[]
  | { readonly name: string; readonly operations: readonly string[] }
  | { readonly name: string; readonly modules: Readonly<Record<string, readonly string[]>> };

/** A reference a system file cites for its shape or its figures. */
export interface SystemSource {
  readonly title: string;
  readonly url?: string;
  readonly author?: string;
  readonly year?: number;
  /** What the file takes from it. */
  readonly says?: string;
}

/** A system file as written (after its schema has accepted it). */
export interface SystemFile {
  readonly $schema?: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly entry: string;
  readonly operations: Readonly<Record<string, OperationFile>>;
  readonly cuts?: Readonly<Record<string, readonly UnitFile[]>>;
  readonly sources?: readonly SystemSource[];
  /** The values chosen rather than taken from a source, each with why. */
  readonly assumptions?: readonly string[];
}

/** An operation as a file writes it. */
export interface OperationFile {
  readonly description?: string;
  readonly work: WorkModel;
  /** Bytes of the request it is called with (and of its answer). */
  readonly payloadBytes?: Distribution;
  /** The tables it owns. */
  readonly state?: readonly string[];
  readonly calls?: readonly CallStepFile[];
}

/** A call step, normalised: its kind and the operations it calls (several run in parallel). */
export interface CallStep {
  readonly mode: 'sync' | 'async';
  readonly targets: readonly string[];
}

/** An operation, normalised. */
export interface Operation {
  readonly name: string;
  readonly description: string;
  readonly work: WorkModel;
  readonly payloadBytes: Distribution;
  readonly state: readonly string[];
  readonly calls: readonly CallStep[];
}

/** A module of a deploy unit: operations that share the unit's process and call each other in it. */
export interface CutModule {
  readonly name: string;
  readonly operations: readonly string[];
}

/** A deploy unit of a cut. */
export interface CutUnit {
  readonly name: string;
  readonly operations: readonly string[];
  readonly modules?: readonly CutModule[];
}

/** A partition of a system's operations into deploy units. */
export interface Cut {
  readonly name: string;
  readonly units: readonly CutUnit[];
}

/** A system, normalised: every cut listed, `monolith` and `nanoservices` among them. */
export interface System {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly entry: string;
  readonly operations: Readonly<Record<string, Operation>>;
  readonly cuts: Readonly<Record<string, Cut>>;
  readonly sources: readonly SystemSource[];
  readonly assumptions: readonly string[];
}

/** The cuts every system has: everything in one unit, and one unit per operation. */
export const generatedCuts = ['monolith', 'nanoservices'] as const;

/** The payload an operation is called with when its file does not say (Google's median RPC, about 1.5 KB, SOSP 2023). */
export const defaultPayloadBytes = 1500;

/** The name of a unit a file lists as an array: its operations joined, `cart+catalog`. */
export const unitNameOf = (operations: readonly string[]): string => operations.join('+');

/**
 * A call step as a list of targets and a mode.
 *
 * @example
 * ```ts
 * callStep({ sync: ['cart', 'catalog'] }); // { mode: 'sync', targets: ['cart', 'catalog'] }
 * callStep({ async: 'email' }); // { mode: 'async', targets: ['email'] }
 * ```
 */
export function callStep(step: CallStepFile): CallStep {
  const [mode, targets] = 'sync' in step ? (['sync', step.sync] as const) : (['async', step.async] as const);
  return { mode, targets: typeof targets === 'string' ? [targets] : [...targets] };
}

/**
 * A unit as a file writes it, normalised.
 *
 * @example
 * ```ts
 * cutUnit(['cart', 'catalog']); // { name: 'cart+catalog', operations: ['cart', 'catalog'] }
 * cutUnit({ name: 'billing', operations: ['tax', 'payment'] }); // { name: 'billing', operations: ['tax', 'payment'] }
 * ```
 */
export function cutUnit(unit: UnitFile): CutUnit {
  if (Array.isArray(unit)) return { name: unitNameOf(unit as readonly string[]), operations: [...(unit as readonly string[])] };
  if ('operations' in unit) return { name: unit.name, operations: [...unit.operations] };
  const { name, modules } = unit as Extract<UnitFile, { modules: unknown }>;
  const parts = Object.entries(modules).map(([moduleName, operations]) => ({ name: moduleName, operations: [...operations] }));
  return { name, operations: parts.flatMap((part) => part.operations), modules: parts };
}

/**
 * A checked system file as the lab uses it: defaults filled in, call steps normalised, and the
 * generated cuts (`monolith`, `nanoservices`) first among the cuts. It does not check the file:
 * `parseSystemFile` (system-file.ts) does, before calling it.
 *
 * @example
 * ```ts
 * const system = normaliseSystem({ name: 'pair', entry: 'a', operations: { a: { work: { cpuUs: 100 }, calls: [{ sync: 'b' }] }, b: { work: { cpuUs: 50 } } } });
 * Object.keys(system.cuts); // ['monolith', 'nanoservices']
 * ```
 */
export function normaliseSystem(file: SystemFile): System {
  const names = Object.keys(file.operations);
  const operations = Object.fromEntries(
    names.map((name) => {
      const operation = file.operations[name] as OperationFile;
      return [
        name,
        {
          name,
          description: operation.description ?? '',
          work: operation.work,
          payloadBytes: operation.payloadBytes ?? defaultPayloadBytes,
          state: operation.state ?? [],
          calls: (operation.calls ?? []).map(callStep),
        },
      ];
    }),
  );
  const cuts: Record<string, Cut> = {
    monolith: { name: 'monolith', units: [{ name: file.name, operations: names }] },
    nanoservices: { name: 'nanoservices', units: names.map((name) => ({ name, operations: [name] })) },
  };
  for (const [name, units] of Object.entries(file.cuts ?? {})) cuts[name] = { name, units: units.map(cutUnit) };
  return {
    name: file.name,
    title: file.title ?? file.name,
    description: file.description ?? '',
    entry: file.entry,
    operations,
    cuts,
    sources: file.sources ?? [],
    assumptions: file.assumptions ?? [],
  };
}

/** One call of the system's graph: who calls whom, in which step, how. */
export interface CallEdge {
  readonly from: string;
  readonly to: string;
  /** The index of the step in the caller's list. */
  readonly step: number;
  readonly mode: 'sync' | 'async';
  /** True when the step calls several operations at once. */
  readonly parallel: boolean;
}

/**
 * Every call of the system, in the order the callers make them.
 *
 * @example
 * ```ts
 * callEdges(system).filter((edge) => edge.from === 'checkout');
 * // [{ from: 'checkout', to: 'cart', step: 0, mode: 'sync', parallel: true }, ...]
 * ```
 */
export function callEdges(system: System): CallEdge[] {
  return Object.values(system.operations).flatMap((operation) =>
    operation.calls.flatMap((step, index) => step.targets.map((to) => ({ from: operation.name, to, step: index, mode: step.mode, parallel: step.targets.length > 1 }))),
  );
}

/**
 * The unit of a cut that holds an operation.
 *
 * @example
 * ```ts
 * unitOf(system.cuts.monolith, 'cart').name; // the system's name
 * ```
 */
export function unitOf(cut: Cut, operation: string): CutUnit {
  const unit = cut.units.find((candidate) => candidate.operations.includes(operation));
  if (!unit) throw new Error(`cut ${cut.name} has no unit holding ${operation}`);
  return unit;
}

/**
 * How many times each table is written in one request that nothing goes wrong for: the number of
 * times the operations holding it run, counted along every path of the call graph from the entry
 * (Online Boutique's checkout reads the product catalogue once per item and the cart twice). A run
 * that writes a table more often than this for one request has executed something twice.
 *
 * @example
 * ```ts
 * writesPerRequest(system); // Map { 'carts' => 2, 'products' => 4, 'orders' => 1 }
 * ```
 */
export function writesPerRequest(system: System): Map<string, number> {
  const runs = new Map<string, number>();
  const visit = (name: string, times: number, path: ReadonlySet<string>) => {
    // A checked system has no cycle; the path guard keeps an unchecked one from recursing forever.
    if (path.has(name)) return;
    runs.set(name, (runs.get(name) ?? 0) + times);
    const next = new Set(path).add(name);
    for (const step of system.operations[name]?.calls ?? []) for (const target of step.targets) visit(target, times, next);
  };
  visit(system.entry, 1, new Set());
  const writes = new Map<string, number>();
  for (const [name, times] of runs) for (const table of system.operations[name]?.state ?? []) writes.set(table, (writes.get(table) ?? 0) + times);
  return writes;
}

/** The figures that say what a call graph looks like, to compare with published ones. */
export interface GraphShape {
  readonly operations: number;
  /** Calls on the longest path from the entry (a system of one operation has depth 0). */
  readonly depth: number;
  /** Calls an operation makes, for those that make any: the largest and the median. */
  readonly maxFanOut: number;
  readonly medianFanOut: number;
  /** Share of calls that are published and not waited for. */
  readonly asyncShare: number;
}

/**
 * The depth, fan-out and asynchronous share of a system's call graph, to set beside the published
 * figures (Meta: median fan-out 4; Alibaba: depth 2–6).
 *
 * @example
 * ```ts
 * graphShape(system); // { operations: 5, depth: 1, maxFanOut: 4, medianFanOut: 4, asyncShare: 0.25 }
 * ```
 */
export function graphShape(system: System): GraphShape {
  const edges = callEdges(system);
  // Memoised: a checked system has no cycle; one being walked counts 0, so an unchecked one ends too.
  const depths = new Map<string, number>();
  const depthFrom = (name: string): number => {
    const known = depths.get(name);
    if (known !== undefined) return known;
    depths.set(name, 0);
    const callees = (system.operations[name]?.calls ?? []).flatMap((step) => step.targets);
    const depth = callees.length === 0 ? 0 : 1 + Math.max(...callees.map(depthFrom));
    depths.set(name, depth);
    return depth;
  };
  const fanOuts = Object.values(system.operations)
    .map((operation) => operation.calls.reduce((sum, step) => sum + step.targets.length, 0))
    .filter((count) => count > 0)
    .sort((a, b) => a - b);
  const medianFanOut = fanOuts.length === 0 ? 0 : median(fanOuts);
  return {
    operations: Object.keys(system.operations).length,
    depth: depthFrom(system.entry),
    maxFanOut: fanOuts.at(-1) ?? 0,
    medianFanOut,
    asyncShare: edges.length === 0 ? 0 : edges.filter((edge) => edge.mode === 'async').length / edges.length,
  };
}

/**
 * The name of the unit holding each operation of a cut.
 *
 * @example
 * ```ts
 * unitNamesOf(system.cuts.nanoservices).get('cart'); // 'cart'
 * ```
 */
export function unitNamesOf(cut: Cut): Map<string, string> {
  return new Map(cut.units.flatMap((unit) => unit.operations.map((operation) => [operation, unit.name] as const)));
}

/**
 * The calls one request makes across units in a cut, the client's call to the entry included: every
 * call of the tree below the entry whose caller and callee sit in different units. Every request
 * makes every call (the format has no branches), so this is exact.
 *
 * @example
 * ```ts
 * transportCalls(system, system.cuts.monolith); // 1: the client's call
 * transportCalls(system, system.cuts.nanoservices); // 1 + every call of the tree
 * ```
 */
export function transportCalls(system: System, cut: Cut): number {
  const unitName = unitNamesOf(cut);
  const from = (name: string): number =>
    (system.operations[name]?.calls ?? []).reduce(
      (total, step) => total + step.targets.reduce((subtotal, target) => subtotal + (unitName.get(target) === unitName.get(name) ? 0 : 1) + from(target), 0),
      0,
    );
  return 1 + from(system.entry);
}
