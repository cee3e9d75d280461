import type { BrowserExperiment } from './lab/experiment/browser-experiment.ts';

/**
 * The experiments a reader can run in the page, each from its folder's `in-browser.ts`. The bundler
 * needs each import spelled out to split it into its own chunk; `browser-experiments.test.ts` checks
 * that this list and the folders agree.
 */
const loaders: Readonly<Record<string, () => Promise<{ browserExperiment: BrowserExperiment }>>> = {
  'micro-business-modules': () => import('./micro-business-modules/in-browser.ts') as Promise<{ browserExperiment: BrowserExperiment }>,
  'micro-third-party': () => import('./micro-third-party/in-browser.ts') as Promise<{ browserExperiment: BrowserExperiment }>,
  'nano-anti-pattern': () => import('./nano-anti-pattern/in-browser.ts') as Promise<{ browserExperiment: BrowserExperiment }>,
  'nano-chaining': () => import('./nano-chaining/in-browser.ts') as Promise<{ browserExperiment: BrowserExperiment }>,
  'nano-clustered-app': () => import('./nano-clustered-app/in-browser.ts') as Promise<{ browserExperiment: BrowserExperiment }>,
};

/** The claim ids with an in-page run, sorted. */
export const browserExperimentIds: readonly string[] = Object.keys(loaders).sort();

/** Thrown for an id without an in-page run; its message lists the ids that have one. */
export class UnknownBrowserExperimentError extends Error {
  constructor(readonly id: string) {
    super(`no in-browser run for "${id}". Experiments that run in the page: ${browserExperimentIds.join(', ')}`);
    this.name = 'UnknownBrowserExperimentError';
  }
}

/**
 * Loads the in-page run of a claim's experiment (a separate chunk, fetched only when asked for).
 *
 * @example
 * ```ts
 * const chaining = await loadBrowserExperiment('nano-chaining');
 * const result = await chaining.run(chaining.params.parse(chaining.initial));
 * ```
 */
export async function loadBrowserExperiment(id: string): Promise<BrowserExperiment> {
  const load = loaders[id];
  if (!load) throw new UnknownBrowserExperimentError(id);
  const { browserExperiment } = await load();
  if (browserExperiment.id !== id) throw new Error(`examples/${id}/in-browser.ts exports a browserExperiment whose id is "${browserExperiment.id}", not "${id}"`);
  return browserExperiment;
}
