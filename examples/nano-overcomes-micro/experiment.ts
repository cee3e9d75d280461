import { z } from 'zod';
import { defineExperiment } from '../lab/experiment/define-experiment.ts';
import { evidenceFile, evidenceProblem, readEvidence } from '../lab/files/evidence.ts';
import { dimensions } from './dimensions.ts';
import { comparisonTable, overcomesVerdict, winnerOf, type ComparisonRow, type OvercomesResult, type SummarySource } from './report.ts';

/** The claims whose evidence this summary reads: run their experiments first. */
export const summarizedClaims = [...new Set(dimensions.map((dimension) => dimension.claim))].sort();

/**
 * nano-overcomes-micro: a summary, not a measurement. It reads the evidence of the other nano
 * claims, refuses any that no longer matches its source, and sets nanoservices beside
 * microservices on every dimension both were measured on.
 */
export const experiment = defineExperiment({
  id: 'nano-overcomes-micro',
  title: 'Do nanoservices overcome the drawbacks of microservices? Every measured dimension side by side',
  params: z.object({}),
  quick: {},
  summarizes: summarizedClaims,
  tables: (result: OvercomesResult) => [comparisonTable(result)],
  verdict: overcomesVerdict,

  async run(_params, onProgress): Promise<OvercomesResult> {
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
      return {
        claim: dimension.claim,
        label: dimension.label,
        unit: dimension.unit,
        better: dimension.better,
        ...pair,
        winner: winnerOf(pair.nanoservices, pair.microservices, dimension.better),
        ratio: pair.microservices === 0 ? null : Math.round((pair.nanoservices / pair.microservices) * 100) / 100,
      };
    });
    return { rows, sources };
  },
});
