/**
 * `npm run example -- <id> [--json] [--quick] [--name value ...]`: runs one experiment with progress
 * on stderr and its table (or, with --json, its result) on stdout. Exit 2 on a bad command line, or
 * at once when the experiment cannot run on this platform (it says what it needs and why).
 */
import { experimentIds, loadExperiment, UnknownExperimentError } from '../../experiments.ts';
import { describeParams, parseExperimentParams, UsageError } from '../experiment/cli-params.ts';
import { PlatformError, refuseUnsupported } from '../experiment/platform-needs.ts';
import { splitExampleArgs } from './example-args.ts';
import { formatTable, ignoreClosedPipes, progressReporter } from './terminal.ts';
import { guardRun } from './run-guard.ts';
import { decideVerdict } from '../experiment/verdict-rule.ts';

const usage = `usage: npm run example -- <id> [--json] [--quick] [--name value ...]\n  npm run example -- <id> --help lists its parameters\nexperiments: ${experimentIds.join(', ')}`;

async function main(argv: readonly string[]): Promise<number> {
  ignoreClosedPipes();
  const args = splitExampleArgs(argv);
  if (!args.id) {
    if (args.help) console.log(usage);
    else console.error(`error: no experiment id given.\n${usage}`);
    return args.help ? 0 : 2;
  }
  const experiment = await loadExperiment(args.id);
  if (args.help) {
    console.log(`${experiment.id}: ${experiment.title}\nparameters:\n  ${describeParams(experiment.params).join('\n  ')}\n  --quick (the short run the tests use)\n  --json (print the result as JSON)`);
    return 0;
  }
  refuseUnsupported([experiment], process.platform);
  const params = parseExperimentParams(experiment.params, args.params, args.quick ? experiment.quick : {});
  const progress = progressReporter(`${experiment.id}${args.quick ? ' (quick)' : ''}`);
  let result: unknown;
  try {
    result = await experiment.run(params, progress.update);
  } finally {
    progress.stop();
  }
  const verdict = decideVerdict(experiment.finding(result));
  if (args.json) {
    console.log(JSON.stringify({ claim: experiment.id, params, verdict, result }, null, 2));
  } else {
    console.log(`\n${experiment.title}\n\n${experiment.tables(result).map((table) => formatTable(table)).join('\n\n')}\n`);
    console.log(`verdict these figures support: ${verdict.verdict}: ${verdict.because}\n(decided by the verdict rule: ${verdict.rule})`);
  }
  return 0;
}

// A signal to any process of the chain (npm, sh, tsx, this one) stops every unit and temp folder of the run.
guardRun();
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n(npm run example -- <id> --help lists an experiment's parameters)`);
      process.exit(2);
    }
    if (error instanceof UnknownExperimentError || error instanceof PlatformError) {
      console.error(`error: ${error.message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
