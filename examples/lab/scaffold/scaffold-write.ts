import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ScaffoldError } from './scaffold-input.ts';

/** Files to create (path relative to the project root → content) and files to replace. */
export interface ScaffoldPlan {
  readonly create: ReadonlyMap<string, string>;
  readonly replace: ReadonlyMap<string, string>;
}

/** The highest folder each file needs that does not exist yet: removed again if the write fails. */
function foldersToMake(root: string, files: readonly string[]): Set<string> {
  const newFolders = new Set<string>();
  for (const file of files) {
    let folder = path.dirname(path.join(root, file));
    let highest: string | undefined;
    while (!existsSync(folder) && folder !== path.dirname(folder)) {
      highest = folder;
      folder = path.dirname(folder);
    }
    if (highest) newFolders.add(highest);
  }
  return newFolders;
}

/**
 * Runs each step of an undo, going on when one fails: the paths it could not put back, each with
 * why. An undo never throws, so that the error that made it run is the one reported.
 */
function undo(steps: ReadonlyArray<readonly [string, () => void]>): string[] {
  const leftBehind: string[] = [];
  for (const [target, step] of steps) {
    try {
      step();
    } catch (error) {
      leftBehind.push(`${target} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return leftBehind;
}

/**
 * Writes a plan all or nothing: it refuses before writing if a file to create exists, and removes
 * what it wrote (and restores what it replaced) if any write fails. The error of the failed write is
 * the one thrown; a part of the undo that failed too is added to its message, naming what to remove.
 *
 * @example
 * ```ts
 * writePlan(root, planComparison(root, 'modular-monolith', 'Modular monolith vs microservices'));
 * ```
 */
export function writePlan(root: string, plan: ScaffoldPlan): string[] {
  for (const file of plan.create.keys()) if (existsSync(path.join(root, file))) throw new ScaffoldError(`${file} exists already; nothing was written`);
  const written: string[] = [];
  const replaced = new Map<string, string | null>();
  const newFolders = foldersToMake(root, [...plan.replace.keys(), ...plan.create.keys()]);
  try {
    for (const [file, content] of plan.replace) {
      const target = path.join(root, file);
      replaced.set(target, existsSync(target) ? readFileSync(target, 'utf8') : null);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    for (const [file, content] of plan.create) {
      const target = path.join(root, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content, { flag: 'wx' });
      written.push(target);
    }
  } catch (error) {
    const leftBehind = undo([
      ...written.map((target) => [target, () => rmSync(target, { force: true })] as const),
      ...[...replaced].map(([target, before]) => [target, () => (before === null ? rmSync(target, { force: true }) : writeFileSync(target, before))] as const),
      // A folder the failed write never made (its name may be what failed) has nothing to remove.
      ...[...newFolders].map((folder) => [folder, () => existsSync(folder) && rmSync(folder, { recursive: true, force: true })] as const),
    ]);
    if (leftBehind.length > 0 && error instanceof Error) error.message += `\n(the undo could not remove or restore ${leftBehind.join(', ')}: check them by hand)`;
    throw error;
  }
  return [...plan.replace.keys(), ...plan.create.keys()];
}
