import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeMismatch, engineMismatches, nodeRange, type Lockfile } from './engines.ts';

const root = new URL('..', import.meta.url);
const lockfile = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as Lockfile;
const ours = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } }).engines.node;

describe('the installed packages run on every Node our engines allows', () => {
  it('every package in package-lock.json accepts the whole of engines.node', () => {
    expect(engineMismatches(lockfile, ours).map((mismatch) => describeMismatch(mismatch, ours))).toEqual([]);
  });

  it('reads real ranges: the lockfile states engines for hundreds of packages', () => {
    const stated = Object.values(lockfile.packages).filter((entry) => nodeRange(entry.engines) !== undefined);
    expect(stated.length).toBeGreaterThan(100);
  });

  it('fails for a doctored lockfile in which one package needs Node 22, and names it', () => {
    const doctored: Lockfile = {
      packages: { ...lockfile.packages, 'node_modules/needs-22': { version: '5.0.0', engines: { node: '>=22' } } },
    };
    const mismatches = engineMismatches(doctored, ours);
    expect(mismatches).toEqual([{ path: 'node_modules/needs-22', version: '5.0.0', range: '>=22', acceptsLowest: false }]);
    expect(describeMismatch(mismatches[0]!, ours)).toBe(`needs-22@5.0.0 needs node ">=22", but engines allows "${ours}", down to 20.19.0, which it refuses`);
  });
});

describe('engineMismatches', () => {
  const lock = (engines: unknown): Lockfile => ({ packages: { '': { engines: { node: 'ignored' } }, 'node_modules/a/node_modules/b': { version: '1.0.0', engines } } });
  const range = '^20.19.0 || ^22.13.0 || ^24.0.0';

  it('passes a package whose range covers ours, and ignores the project itself', () => {
    expect(engineMismatches(lock({ node: '>=18' }), range)).toEqual([]);
    expect(engineMismatches(lock({ node: '^18.18.0 || ^20.9.0 || >=21.1.0' }), range)).toEqual([]);
    expect(engineMismatches(lock({ npm: '>=7' }), range)).toEqual([]);
    expect(engineMismatches(lock(undefined), range)).toEqual([]);
  });

  it('catches a range that accepts our lowest Node but not every later one we allow', () => {
    const [mismatch] = engineMismatches(lock({ node: '^20.19.0 || ^22.13.0' }), range);
    expect(mismatch).toMatchObject({ range: '^20.19.0 || ^22.13.0', acceptsLowest: true });
    expect(describeMismatch(mismatch!, range)).toBe(
      `a/node_modules/b@1.0.0 needs node "^20.19.0 || ^22.13.0", but engines allows "${range}"; it accepts the lowest, 20.19.0, but not every version in between`,
    );
  });

  it('catches a range that starts above our lowest minor, and one semver cannot read', () => {
    expect(engineMismatches(lock({ node: '>=20.20.0' }), range)).toMatchObject([{ acceptsLowest: false }]);
    expect(engineMismatches(lock({ node: 'node at least twenty' }), range)).toMatchObject([{ range: 'node at least twenty', acceptsLowest: false }]);
  });

  it('reads the old array form of engines', () => {
    expect(nodeRange(['node >= 0.8.0'])).toBe('>= 0.8.0');
    expect(engineMismatches(lock(['node >= 0.8.0']), range)).toEqual([]);
    expect(engineMismatches(lock(['node >= 22']), range)).toMatchObject([{ range: '>= 22' }]);
  });

  it('refuses our own range when semver cannot read it', () => {
    expect(() => engineMismatches(lock({ node: '>=18' }), 'twenty')).toThrow('our engines.node "twenty" is not a range semver can read');
  });
});
