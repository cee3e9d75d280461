import { existsSync, readFileSync } from 'node:fs';
import { minVersion, satisfies } from 'semver';
import { describe, expect, it } from 'vitest';

interface Rule {
  readonly description?: string | readonly string[];
  readonly matchPackageNames?: readonly string[];
  readonly allowedVersions?: string;
  readonly groupName?: string;
  readonly automerge?: boolean;
}
interface Manifest {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly overrides?: Readonly<Record<string, string>>;
}

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')) as unknown;

/** Renovate's package-name patterns: an exact name, a glob (`@docusaurus/**`) or a `/regex/`. */
function matches(pattern: string, name: string): boolean {
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) return new RegExp(pattern.slice(1, -1)).test(name);
  if (!pattern.includes('*')) return pattern === name;
  const source = pattern
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

/**
 * What is wrong between package.json and the Renovate rules: a pin (an exact version, a `~` range or
 * an override) that no rule explains by name in its description, a rule that names no package of
 * package.json, or a rule whose allowedVersions refuses the version package.json asks for.
 */
function pinProblems(manifest: Manifest, rules: readonly Rule[]): string[] {
  const declared = new Map<string, string>([...Object.entries(manifest.dependencies ?? {}), ...Object.entries(manifest.devDependencies ?? {})]);
  const overrides = new Map(Object.entries(manifest.overrides ?? {}));
  const pinned = [...[...declared].filter(([, range]) => /^(\d|~)/.test(range)).map(([name]) => name), ...overrides.keys()];
  const everyName = [...new Set([...declared.keys(), ...overrides.keys()])];
  const text = (rule: Rule) => [rule.description ?? ''].flat().join(' ');
  const problems: string[] = [];
  for (const name of pinned) {
    const explained = rules.some((rule) => (rule.matchPackageNames ?? []).some((pattern) => matches(pattern, name)) && text(rule).includes(name) && text(rule).length >= 40);
    if (!explained) problems.push(`${name} is pinned (${overrides.get(name) ?? declared.get(name)}) but no rule in renovate.json names it with the reason in its description`);
  }
  for (const rule of rules) {
    for (const pattern of rule.matchPackageNames ?? []) {
      const matched = everyName.filter((name) => matches(pattern, name));
      if (matched.length === 0) problems.push(`a rule names ${pattern}, which package.json does not have: remove it or correct the name`);
      for (const name of rule.allowedVersions ? matched : []) {
        const wanted = minVersion(overrides.get(name) ?? declared.get(name) ?? '');
        if (wanted && !satisfies(wanted, rule.allowedVersions as string)) problems.push(`${name}: package.json asks for ${wanted.version}, which the rule's allowedVersions ${rule.allowedVersions} refuses`);
      }
    }
  }
  return problems;
}

describe('renovate.json', () => {
  const config = read('renovate.json') as { packageRules: Rule[]; extends?: string[] };
  const manifest = read('package.json') as Manifest;

  it('explains every pin of package.json, names only its packages, and allows the versions it asks for', () => {
    expect(pinProblems(manifest, config.packageRules)).toEqual([]);
  });

  it('holds back the versions each pin exists for', () => {
    const allowed = (name: string) => config.packageRules.find((rule) => rule.matchPackageNames?.includes(name) && rule.allowedVersions)?.allowedVersions;
    expect(satisfies('12.2.4', allowed('lighthouse') ?? '*')).toBe(false);
    expect(satisfies('3.4.0', allowed('@nats-io/transport-node') ?? '*')).toBe(false);
    expect(satisfies('5.0.0', allowed('vitest') ?? '*')).toBe(false);
    expect(config.packageRules.some((rule) => rule.matchPackageNames?.some((pattern) => matches(pattern, '@docusaurus/core') && matches(pattern, '@docusaurus/faster')))).toBe(true);
  });

  it('updates every @docusaurus package in one pull request, not merged by itself, and names the check that update must pass', () => {
    const rule = config.packageRules.find((candidate) => candidate.matchPackageNames?.some((pattern) => matches(pattern, '@docusaurus/core')));
    expect(rule?.groupName).toBe('Docusaurus');
    expect(rule?.automerge).not.toBe(true);
    const check = 'scripts/theme-overrides.test.ts';
    expect([rule?.description ?? ''].flat().join(' ')).toContain(check);
    expect(existsSync(new URL(`../${check}`, import.meta.url))).toBe(true);
  });

  it('finds a pin without a reason, a reason that does not name it, a rule for a package that is gone and a rule that forbids the pinned version', () => {
    const manifest: Manifest = { dependencies: { exact: '1.2.3', caret: '^2.0.0' }, devDependencies: { tilde: '~3.1.0' }, overrides: { forced: '4.0.0' } };
    expect(
      pinProblems(manifest, [
        { description: 'a rule whose reason forgets to say which package it is about, at length', matchPackageNames: ['exact'] },
        { description: 'tilde stays on one minor: a long enough reason for the test', matchPackageNames: ['tilde'], allowedVersions: '<3.0.0' },
        { description: 'gone is no longer used, but this rule still holds it back', matchPackageNames: ['gone'] },
      ]),
    ).toEqual([
      'exact is pinned (1.2.3) but no rule in renovate.json names it with the reason in its description',
      'forced is pinned (4.0.0) but no rule in renovate.json names it with the reason in its description',
      "tilde: package.json asks for 3.1.0, which the rule's allowedVersions <3.0.0 refuses",
      'a rule names gone, which package.json does not have: remove it or correct the name',
    ]);
  });

  it('matches names as Renovate does: exact, glob and regex', () => {
    expect(matches('@docusaurus/**', '@docusaurus/theme-mermaid')).toBe(true);
    expect(matches('@docusaurus/**', 'docusaurus-plugin-typedoc')).toBe(false);
    expect(matches('/^typedoc/', 'typedoc-plugin-markdown')).toBe(true);
    expect(matches('vitest', 'vitest-extra')).toBe(false);
  });
});
