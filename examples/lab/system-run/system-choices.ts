import { generatedCuts } from '../model/system.ts';

// What the page offers a reader to run before anything runs: the reference systems, each loaded only
// when picked, and the cuts a file names. Light on purpose: the page imports this module, so it holds
// no checker (zod) and no runner; the worker checks the file as the command line does.

/** A system file as the page shows it: where it comes from, and its text. */
export interface SystemFileText {
  /** The path the command line would be given, or a name for a pasted file. */
  readonly file: string;
  readonly text: string;
}

type JsonModule = Promise<{ default: unknown }>;

/**
 * The reference systems of `examples/systems/`, by name. The bundler needs each import spelled out to
 * make it a chunk of its own, fetched only when a reader picks it; system-choices.test.ts checks that
 * this list and the folder agree.
 */
const referenceLoaders: Readonly<Record<string, () => JsonModule>> = {
  'alibaba-tree': () => import('../../systems/alibaba-tree.json'),
  'azure-serverless': () => import('../../systems/azure-serverless.json'),
  'checkout': () => import('../../systems/checkout.json'),
  'meta-wide': () => import('../../systems/meta-wide.json'),
  'online-boutique': () => import('../../systems/online-boutique.json'),
  'shop': () => import('../../systems/shop.json'),
  'tail-at-scale-search': () => import('../../systems/tail-at-scale-search.json'),
};

/** The names of the reference systems a reader can pick, sorted. */
export const referenceSystemNames: readonly string[] = Object.keys(referenceLoaders).sort();

/**
 * Loads a reference system's file (its own chunk, fetched when asked for) as the text a reader can
 * read and edit, with the path the command line would be given. Throws a RangeError naming the
 * reference systems for a name that is not one.
 *
 * @example
 * ```ts
 * const shop = await loadReferenceSystem('shop');
 * shop.file; // 'examples/systems/shop.json'
 * ```
 */
export async function loadReferenceSystem(name: string): Promise<SystemFileText> {
  const load = Object.hasOwn(referenceLoaders, name) ? referenceLoaders[name] : undefined;
  if (!load) throw new RangeError(`there is no reference system named "${name}"; the reference systems: ${referenceSystemNames.join(', ')}`);
  const { default: file } = await load();
  return { file: `examples/systems/${name}.json`, text: `${JSON.stringify(file, null, 2)}\n` };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The cuts a system file's text names, for the reader to choose from before the file is checked:
 * monolith and nanoservices (every system has them), then the file's own `cuts` in its order. Text
 * that is not JSON, or has no `cuts` object, names only the first two; the check before the run says
 * what is wrong with it.
 *
 * @example
 * ```ts
 * cutNamesOf('{ "cuts": { "microservices": [] } }'); // ['monolith', 'nanoservices', 'microservices']
 * cutNamesOf('{ "cuts": '); // ['monolith', 'nanoservices']
 * ```
 */
export function cutNamesOf(text: string): string[] {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return [...generatedCuts];
  }
  const own = isRecord(file) && isRecord(file.cuts) ? Object.keys(file.cuts).filter((cut) => !(generatedCuts as readonly string[]).includes(cut)) : [];
  return [...generatedCuts, ...own];
}
