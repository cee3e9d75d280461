import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Experiment } from './lab/experiment/define-experiment.ts';

const examplesDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * The ids of every experiment, sorted: each folder of `examples/` that holds an `experiment.ts`.
 * Adding an experiment is adding its folder; nothing else lists it.
 */
export const experimentIds = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(examplesDir, entry.name, 'experiment.ts')))
  .map((entry) => entry.name)
  .sort();

/**
 * Loads an experiment by id, or throws an error that lists the known ids.
 *
 * @example
 * ```ts
 * const experiment = await loadExperiment('nano-chaining');
 * ```
 */
export async function loadExperiment(id: string): Promise<Experiment> {
  if (!experimentIds.includes(id)) throw new UnknownExperimentError(id);
  const module = (await import(`./${id}/experiment.ts`)) as { experiment?: Experiment };
  if (!module.experiment || module.experiment.id !== id) {
    throw new Error(`examples/${id}/experiment.ts must export \`experiment\` (made with defineExperiment) whose id is "${id}"`);
  }
  return module.experiment;
}

/** Thrown for an id no experiment has; its message lists the ids that exist. */
export class UnknownExperimentError extends Error {
  constructor(readonly id: string) {
    super(`unknown experiment "${id}". Known experiments: ${experimentIds.join(', ')}`);
    this.name = 'UnknownExperimentError';
  }
}
