/**
 * `npm run example -- <id> [--json] [--quick] [--name value ...]`: runs one experiment with progress
 * on stderr and its table (or, with --json, its result) on stdout. Exit 2 on a bad command line, or
 * at once when the experiment cannot run on this platform (it says what it needs and why).
 */
import { experimentIds, loadExperiment, UnknownExperimentError } from '../../experiments.ts';
import { describeParams, parseExperimentParams, splitExampleArgs, UsageError } from '../experiment/cli-params.ts';
import { PlatformError, refuseUnsupported } from '../experiment/platform-needs.ts';
import { formatTable, progressReporter } from './terminal.ts';
import { decideVerdict } from '../experiment/verdict-rule.ts';

const usage = `usage: npm run example -- <id> [--json] [--quick] [--name value ...]\nexperiments: ${experimentIds.join(', ')}`;

async function main(argv: readonly string[]): Promise<number> {
  const args = splitExampleArgs(argv);
  if (!args.id) {
    console.error(args.help ? usage : `no experiment id given.\n${usage}`);
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
    console.log(`\n${experiment.title}\n\n${experiment.tables(result).map(formatTable).join('\n\n')}\n`);
    console.log(`verdict these figures support: ${verdict.verdict}: ${verdict.because}\n(decided by the verdict rule: ${verdict.rule})`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof UnknownExperimentError || error instanceof PlatformError) {
      console.error(`error: ${error.message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
