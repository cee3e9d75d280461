/**
 * `npm run evidence [-- <id> ...]`: runs experiments at their default parameters and writes
 * `evidence/<id>.json`, stamped with the machine, Node, date, commit and source hash. A file that
 * would not match the evidence format (examples/lab/experiment/evidence-schema.ts) is not written: the run
 * fails, naming the field, and the file from the last good run stays. Each file is written whole
 * or not at all (a temporary file renamed onto it); an interrupt stops the run and every process it
 * started, and leaves the evidence files as they were.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { experimentIds, loadExperiment } from '../../experiments.ts';
import { evidenceFile, repoRoot, stampRun } from '../files/evidence.ts';
import { parseEvidenceFile, type Evidence } from '../experiment/evidence-schema.ts';
import { PlatformError, refuseUnsupported } from '../experiment/platform-needs.ts';
import { formatTable, progressReporter } from './terminal.ts';
import { clearUsedServers } from '../infra/used-servers.ts';
import { decideVerdict } from '../experiment/verdict-rule.ts';
import { writeFileAtomically } from './atomic-write.ts';
import { evidenceIdsOrExit } from './evidence-args.ts';
import { guardRun } from './run-guard.ts';

/** An evidence file before it is checked: the parameters and the result are whatever the experiment made. */
type Unchecked = Omit<Evidence, 'params' | 'result'> & { readonly params: unknown; readonly result: unknown };

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
    clearUsedServers();
    const startedAt = performance.now();
    let result: unknown;
    try {
      result = await experiment.run(params, progress.update);
    } finally {
      progress.stop();
    }
    const verdict = decideVerdict(experiment.finding(result));
    // The content hash is taken over the values as a reader will parse them back (JSON drops
    // undefined fields and turns NaN into null), so that the claims check can recompute it.
    const content = JSON.parse(JSON.stringify({ params, verdict, result })) as { params: unknown; verdict: unknown; result: unknown };
    const written: Unchecked = {
      claim: id,
      title: experiment.title,
      params,
      verdict,
      stamp: await stampRun(id, (performance.now() - startedAt) / 1000, content),
      result,
    };
    const text = `${JSON.stringify(written, null, 2)}\n`;
    // What is checked is the text about to be written, as a reader will parse it: JSON.stringify
    // drops what JSON cannot hold (undefined fields) and turns NaN into null, so checking the object
    // would judge something other than the file.
    const evidence = parseEvidenceFile(text, evidenceFile(id));
    mkdirSync(path.join(repoRoot, 'evidence'), { recursive: true });
    // All at once or not at all: an interrupted or failed write leaves the last good file in place.
    writeFileAtomically(path.join(repoRoot, evidenceFile(id)), text);
    console.log(`${experiment.tables(result).map(formatTable).join('\n\n')}\nwrote ${evidenceFile(id)} (${evidence.stamp.durationSeconds} s, verdict ${evidence.verdict.verdict})`);
  }
}

// A bad command line is refused (exit 2) before anything runs or is written.
const ids = evidenceIdsOrExit(process.argv.slice(2), experimentIds);
// An interrupt (Ctrl-C, SIGTERM, the end of npm or tsx above this process) stops every unit, removes
// the run's temporary folders and exits before another evidence file is written.
guardRun();
main(ids).then(
  () => process.exit(0),
  (error: unknown) => {
    // Unknown ids were refused with the rest of the command line (evidenceIdsOrExit).
    const refused = error instanceof PlatformError;
    console.error(refused ? `error: ${error.message}` : error);
    process.exit(refused ? 2 : 1);
  },
);
