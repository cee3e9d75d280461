import type { Experiment } from './lab/experiment.ts';

/**
 * Every experiment, by the id of the claim it tests. Loaded on demand so that running one
 * experiment does not load the others. Adding an experiment = one line here.
 */
export const experimentLoaders: Readonly<Record<string, () => Promise<Experiment>>> = {
  'nano-chaining': async () => (await import('./nano-chaining/experiment.ts')).experiment as unknown as Experiment,
};

/** The ids of every experiment, sorted. */
export const experimentIds = Object.keys(experimentLoaders).sort();

/**
 * Loads an experiment by id, or throws an error that lists the known ids.
 *
 * @example
 * ```ts
 * const experiment = await loadExperiment('nano-chaining');
 * ```
 */
export async function loadExperiment(id: string): Promise<Experiment> {
  const load = experimentLoaders[id];
  if (!load) throw new UnknownExperimentError(id);
  return load();
}

/** Thrown for an id no experiment has; its message lists the ids that exist. */
export class UnknownExperimentError extends Error {
  constructor(readonly id: string) {
    super(`unknown experiment "${id}". Known experiments: ${experimentIds.join(', ')}`);
    this.name = 'UnknownExperimentError';
  }
}
