import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { experimentIds, loadExperiment } from '../experiments.ts';
import { becauseWordLimit, decideVerdict, wordCount } from '../lab/experiment/verdict-rule.ts';
import { evidenceFile, readEvidence, repoRoot } from '../lab/files/evidence.ts';
import { claims } from './registry.ts';

// Every claim is judged by the one rule: its evidence carries exactly the verdict, the because and
// the rule step that `decideVerdict` gives the finding its report states from the evidence's own
// result, and the registry publishes that verdict. A claim that decided its verdict any other way, or
// whose evidence was written before its report changed its finding, fails here.
describe('every claim is judged by the verdict rule', () => {
  const measured = claims.filter((claim) => experimentIds.includes(claim.id));

  it.each(measured.map((claim) => [claim.id, claim.verdict] as const))('%s: the evidence verdict is the rule applied to its finding', async (id, published) => {
    const experiment = await loadExperiment(id);
    const evidence = readEvidence(id);
    expect(evidence, `${evidenceFile(id)} is missing: run npm run evidence -- ${id}`).toBeDefined();
    if (!evidence) return;
    const judgement = decideVerdict(experiment.finding(evidence.result));
    expect(evidence.verdict).toEqual(judgement);
    expect(published).toBe(judgement.verdict);
  });

  it.each(measured.map((claim) => [claim.id] as const))('%s: its because-sentence is short enough to read in one breath', (id) => {
    const because = readEvidence(id)?.verdict.because ?? '';
    expect(wordCount(because), because).toBeLessThanOrEqual(becauseWordLimit);
  });

  it('leaves no claim without an experiment but those no experiment can decide', () => {
    const unmeasured = claims.filter((claim) => !experimentIds.includes(claim.id));
    expect(unmeasured.filter((claim) => claim.verdict !== 'not-testable').map((claim) => claim.id)).toEqual([]);
    expect(unmeasured.filter((claim) => existsSync(`${repoRoot}/${evidenceFile(claim.id)}`)).map((claim) => claim.id)).toEqual([]);
  });
});
