import { z } from 'zod';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { evidenceFile, evidenceProblem, readEvidence } from '../lab/files/evidence.ts';
import { dimensionGroups, dimensions, type DimensionGroup } from './dimensions.ts';
import { minimumRuns, ratioInterval } from '../lab/measure/interval.ts';
import { referenceStructures } from '../lab/system-run/reference-sweep.ts';
import { comparisonTable, findingFor, weightingTable, winnerOf, winnerOfRatio, type ComparisonRow, type GroupWeights, type OvercomesResult, type SummarySource } from './report.ts';

/** The claims whose evidence this summary reads: run their experiments first. */
export const summarizedClaims = [...new Set(dimensions.map((dimension) => dimension.claim))].sort();

/** How much a group of dimensions counts, a parameter per group (`--latencyWeight 3`): 1, each group once, by default. */
const weight = (group: DimensionGroup) => z.number().min(0).max(100).default(1).describe(`how much ${group} counts`);

const params = z.object({
  latencyWeight: weight('latency'),
  availabilityWeight: weight('availability'),
  footprintWeight: weight('footprint'),
  securityWeight: weight('security'),
  changeWeight: weight('change'),
});

/**
 * nano-overcomes-micro: a summary, not a measurement. It reads the evidence of the other nano
 * claims, refuses any that no longer matches its source, and sets nanoservices beside
 * microservices on every dimension both were measured on. Dimensions that move together form a
 * group, and each group counts with the weight the reader gives it (each once by default), so that
 * the verdict does not depend on how many correlated figures one consideration happened to produce.
 */
export const experiment = defineExperiment({
  id: 'nano-overcomes-micro',
  title: 'Do nanoservices overcome the drawbacks of microservices? Every measured dimension side by side',
  params,
  quick: {},
  summarizes: summarizedClaims,
  tables: (result: OvercomesResult) => [weightingTable(result), comparisonTable(result)],
  finding: findingFor,

  async run(p, onProgress): Promise<OvercomesResult> {
    const sources: SummarySource[] = [];
    for (const [index, claim] of summarizedClaims.entries()) {
      const problem = await evidenceProblem(claim);
      if (problem) throw new Error(`cannot summarise ${claim}: ${problem}. Run npm run evidence -- ${claim} first.`);
      const { stamp } = readEvidence(claim) as NonNullable<ReturnType<typeof readEvidence>>;
      sources.push({ claim, sourceHash: stamp.sourceHash, date: stamp.date });
      onProgress?.({ done: index + 1, total: summarizedClaims.length, label: `read ${evidenceFile(claim)}` });
    }
    const rows: ComparisonRow[] = dimensions.map((dimension) => {
      const pair = dimension.read(readEvidence(dimension.claim)?.result as never);
      // Timings kept run by run are compared run by run (one ratio per run, side by side); counts as they are.
      const runs = pair.runs;
      const interval = runs && runs.nanoservices.length === runs.microservices.length && runs.nanoservices.length >= minimumRuns ? ratioInterval(runs.nanoservices, runs.microservices) : null;
      return {
        claim: dimension.claim,
        group: dimension.group,
        label: dimension.label,
        unit: dimension.unit,
        better: dimension.better,
        nanoservices: pair.nanoservices,
        microservices: pair.microservices,
        winner: interval ? winnerOfRatio(interval, dimension.better) : winnerOf(pair.nanoservices, pair.microservices, dimension.better),
        ratio: pair.microservices === 0 ? null : Math.round((pair.nanoservices / pair.microservices) * 100) / 100,
        ratioInterval: interval,
      };
    });
    const weights = Object.fromEntries(dimensionGroups.map((group) => [group, p[`${group}Weight`]])) as GroupWeights;
    return { rows, sources, weights, referenceSystems: referenceStructures() };
  },
});
