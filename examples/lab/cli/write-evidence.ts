/**
 * `npm run evidence [-- <id> ...]`: runs experiments at their default parameters and writes
 * `evidence/<id>.json`, stamped with the machine, Node, date, commit and source hash.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { experimentIds, loadExperiment, UnknownExperimentError } from '../../experiments.ts';
import { evidenceFile, repoRoot, stampRun, type Evidence } from '../evidence.ts';
import { PlatformError, refuseUnsupported } from '../platform-needs.ts';
import { formatTable, progressReporter } from './terminal.ts';

/** Summaries read other claims' evidence, so they run after everything they summarise. */
async function inRunOrder(ids: readonly string[]) {
  const experiments = await Promise.all(ids.map((id) => loadExperiment(id)));
  return [...experiments.filter((e) => !e.summarizes), ...experiments.filter((e) => e.summarizes)];
}

async function main(ids: readonly string[]) {
  const experiments = await inRunOrder(ids.length ? ids : experimentIds);
  // Before the first run: a refusal midway would leave half the evidence rewritten.
  refuseUnsupported(experiments, process.platform);
  for (const experiment of experiments) {
    const id = experiment.id;
    const params = experiment.params.parse({});
    const progress = progressReporter(`evidence: ${id}`);
    const startedAt = performance.now();
    let result: unknown;
    try {
      result = await experiment.run(params, progress.update);
    } finally {
      progress.stop();
    }
    const evidence: Evidence = {
      claim: id,
      title: experiment.title,
      params,
      verdict: experiment.verdict(result),
      stamp: await stampRun(id, (performance.now() - startedAt) / 1000),
      result,
    };
    mkdirSync(path.join(repoRoot, 'evidence'), { recursive: true });
    writeFileSync(path.join(repoRoot, evidenceFile(id)), `${JSON.stringify(evidence, null, 2)}\n`);
    console.log(`${experiment.tables(result).map(formatTable).join('\n\n')}\nwrote ${evidenceFile(id)} (${evidence.stamp.durationSeconds} s, verdict ${evidence.verdict.verdict})`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const refused = error instanceof UnknownExperimentError || error instanceof PlatformError;
    console.error(refused ? `error: ${error.message}` : error);
    process.exit(refused ? 2 : 1);
  },
);
