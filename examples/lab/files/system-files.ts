import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './evidence.ts';
import { parseSystemFile } from '../model/system-file.ts';
import type { System } from '../model/system.ts';

/** Where the reference systems live, one JSON file each (relative paths are from the repository root). */
export const systemsDir = 'examples/systems';

/** A system and the file it was read from. */
export interface SystemInFile {
  readonly file: string;
  readonly system: System;
}

/**
 * Reads and checks a system file, by path from the current directory or the repository root.
 *
 * @example
 * ```ts
 * readSystemFile('examples/systems/shop.json').system.entry; // 'checkout'
 * ```
 */
export function readSystemFile(file: string): SystemInFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RangeError(`cannot read the system file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}`);
  }
  return { file, system: parseSystemFile(text, file) };
}

/**
 * Reads and checks a system file an experiment names by URL (`new URL('../systems/x.json',
 * import.meta.url)`), reporting it by its path from the repository root. Naming the file by URL is
 * what lets an evidence stamp's source hash cover the system file the run reads.
 *
 * @example
 * ```ts
 * readSystemFileAt(new URL('../systems/checkout.json', import.meta.url)).file; // 'examples/systems/checkout.json'
 * ```
 */
export function readSystemFileAt(url: URL): SystemInFile {
  const relative = path.relative(repoRoot, fileURLToPath(url)).split(path.sep).join('/');
  const found = readSystemFile(path.join(repoRoot, relative));
  return { file: relative, system: found.system };
}

/**
 * Every reference system of the lab, checked, in the order of their file names.
 *
 * @example
 * ```ts
 * referenceSystems().map(({ system }) => system.name); // ['alibaba-tree', ..., 'shop', ...]
 * ```
 */
export function referenceSystems(root: string = repoRoot): SystemInFile[] {
  // The folder by URL (the same as `systemsDir` from the root), so that an experiment's source hash
  // covers every system file it may read.
  const folder = root === repoRoot ? fileURLToPath(new URL('../../systems/', import.meta.url)) : path.join(root, systemsDir);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: `${systemsDir}/${name}`, system: parseSystemFile(readFileSync(path.join(folder, name), 'utf8'), `${systemsDir}/${name}`) }));
}
