import semver from 'semver';

/** The parts of a package-lock.json (lockfile v2 or v3) that say which Node each installed package accepts. */
export interface Lockfile {
  readonly packages: Readonly<Record<string, { readonly version?: string; readonly engines?: unknown }>>;
}

/** An installed package that refuses some Node our `engines.node` allows. */
export interface EngineMismatch {
  /** Its path in the lockfile, which names it: `node_modules/@scope/name`. */
  readonly path: string;
  readonly version: string | undefined;
  /** Its own `engines.node`. */
  readonly range: string;
  /** Whether it accepts even the lowest Node we allow (`semver.minVersion` of ours). */
  readonly acceptsLowest: boolean;
}

/**
 * The `engines.node` range of a lockfile entry, or undefined when it states none. Old packages
 * wrote engines as an array of strings (`["node >= 0.8.0"]`), which npm still reads.
 *
 * @example
 * ```ts
 * nodeRange({ node: '>=18' }); // '>=18'
 * nodeRange(['node >= 0.8.0']); // '>= 0.8.0'
 * nodeRange({ npm: '>=7' }); // undefined
 * ```
 */
export function nodeRange(engines: unknown): string | undefined {
  if (Array.isArray(engines)) {
    const entry = engines.find((item): item is string => typeof item === 'string' && /^node\b/.test(item));
    return entry?.replace(/^node\s*/, '');
  }
  if (engines && typeof engines === 'object' && 'node' in engines && typeof engines.node === 'string') return engines.node;
  return undefined;
}

/**
 * Every installed package whose `engines.node` does not cover the whole of `ours`: the range in our
 * package.json must be a subset of each package's (`semver.subset`), or CI's matrix would run a
 * package on a Node it says it does not support. A range semver cannot read counts as a mismatch.
 *
 * @example
 * ```ts
 * engineMismatches({ packages: { 'node_modules/x': { version: '1.0.0', engines: { node: '>=22' } } } }, '^20.19.0 || ^22.13.0');
 * // [{ path: 'node_modules/x', version: '1.0.0', range: '>=22', acceptsLowest: false }]
 * ```
 */
export function engineMismatches(lockfile: Lockfile, ours: string): EngineMismatch[] {
  const lowest = semver.validRange(ours) === null ? null : semver.minVersion(ours);
  if (!lowest) throw new Error(`our engines.node "${ours}" is not a range semver can read`);
  const mismatches: EngineMismatch[] = [];
  for (const [path, entry] of Object.entries(lockfile.packages)) {
    // The empty path is the project itself, whose engines are `ours`.
    if (path === '') continue;
    const range = nodeRange(entry.engines);
    if (range === undefined) continue;
    const readable = semver.validRange(range) !== null;
    if (readable && semver.subset(ours, range)) continue;
    mismatches.push({ path, version: entry.version, range, acceptsLowest: readable && semver.satisfies(lowest, range) });
  }
  return mismatches;
}

/**
 * One line per mismatch that names the package, its range and ours, for a failing test to print.
 *
 * @example
 * ```ts
 * describeMismatch({ path: 'node_modules/x', version: '1.0.0', range: '>=22', acceptsLowest: false }, '^20.19.0 || ^22.13.0');
 * // 'x@1.0.0 needs node ">=22", but engines allows "^20.19.0 || ^22.13.0", down to 20.19.0, which it refuses'
 * ```
 */
export function describeMismatch(mismatch: EngineMismatch, ours: string): string {
  // A nested copy keeps the path of the package that brought it: `a/node_modules/b`.
  const name = mismatch.path.replace(/^node_modules\//, '');
  const lowest = semver.minVersion(ours)?.version ?? '?';
  const where = mismatch.acceptsLowest ? `; it accepts the lowest, ${lowest}, but not every version in between` : `, down to ${lowest}, which it refuses`;
  return `${name}@${mismatch.version ?? '?'} needs node "${mismatch.range}", but engines allows "${ours}"${where}`;
}
