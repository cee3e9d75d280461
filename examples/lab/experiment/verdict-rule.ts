import type { Interval } from '../measure/interval.ts';
import type { Verdict } from './verdict.ts';

/**
 * One rule turns every claim's figures into its verdict. A claim's report does not choose a verdict:
 * it states what its figures found (a `Finding`), and `decideVerdict` applies the rule below, the same
 * for every claim. The page "How verdicts are decided" states it in words and shows this file.
 *
 * The rule, in order (the first that applies decides; a scaffolded claim that has measured nothing yet
 * is `pending`, which the claims check refuses):
 *
 * 1. The property is true by definition of the credited cut (one function per unit has one route):
 *    not a finding → `not-testable`. The report tests what the claim implies instead, and says so.
 * 2. The credited cut does not show the benefit → `does-not-hold`.
 * 3. Every cut compared shows it → `misattributed`: the benefit does not come from the cut's size.
 * 4. It shows it only in part of the realistic region (a published workload falls on each side of
 *    where it flips) → `conditional`, with where it flips.
 * 5. It shows it at a price: the credited cut costs clearly more, the whole 95% interval of the cost
 *    ratio above `costThreshold` → `holds-with-cost`.
 * 6. Otherwise → `holds`.
 *
 * Browser-safe.
 */

/**
 * A price at or below this ratio is not called a cost: 10%, about what repeated runs of the same
 * measurement on this project's machines vary by (assumed, stated on the page).
 */
export const costThreshold = 1.1;

/** The longest a because-sentence may be: a practitioner reads it in one breath. */
export const becauseWordLimit = 30;

/** What a claim's figures found, in the terms the rule decides on. */
export interface Finding {
  /**
   * Set while a scaffolded claim has measured nothing yet: why. The verdict is then `pending`, which the
   * claims check refuses, so no unmeasured claim reaches `main`.
   */
  readonly notYetMeasured?: string;
  /** The cut the article credits with the property, e.g. `nanoservices`. */
  readonly credited: string;
  /**
   * Set when the property is true by definition of the credited cut: the sentence that says which
   * definition makes it true. The verdict is then `not-testable`, whatever else is found.
   */
  readonly byDefinition?: string;
  /**
   * For each cut compared (at least the credited one), whether it shows the benefit the claim names,
   * decided by the report on intervals or counts at realistic workloads.
   */
  readonly shownBy: Readonly<Record<string, boolean>>;
  /** Set when the benefit holds on one side of the realistic region only: where it flips, in words. */
  readonly flipsWithinRealisticRegion?: string;
  /** The price the credited cut pays for the benefit, as a ratio to the cut it is compared with. */
  readonly cost?: { readonly what: string; readonly ratio: Interval };
  /** The answer for a practitioner: the figure and what it means, at most `becauseWordLimit` words. */
  readonly because: string;
}

/** A verdict, why, and the step of the rule that decided it. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly because: string;
  /** The step of the rule that decided it, in the page's words. */
  readonly rule: string;
}

/**
 * Counts the words of a because-sentence the way a reader would: figures and units count as words.
 *
 * @example
 * ```ts
 * wordCount('each hop costs 118 µs, 1.39× raw node:http'); // 8
 * ```
 */
export function wordCount(sentence: string): number {
  return sentence.trim().split(/\s+/).filter((word) => word.length > 0).length;
}

/**
 * Applies the rule to a finding. Throws when the finding is malformed (no cuts, the credited cut not
 * among them, an empty or over-long because-sentence): a claim that cannot state its finding in the
 * rule's terms has not been judged.
 *
 * @example
 * ```ts
 * decideVerdict({ credited: 'microservices', shownBy: { monolith: true, microservices: true }, because: 'a monolith drains as cleanly' });
 * // { verdict: 'misattributed', because: 'a monolith drains as cleanly', rule: 'every cut compared shows it (monolith, microservices)' }
 * ```
 */
export function decideVerdict(finding: Finding): Judgement {
  const cuts = Object.keys(finding.shownBy);
  if (!(finding.credited in finding.shownBy)) {
    throw new Error(`a finding must say whether the credited cut (${finding.credited}) shows the benefit; it names only ${cuts.join(', ') || 'no cut'}`);
  }
  const words = wordCount(finding.because);
  if (words === 0) throw new Error('a finding needs a because-sentence');
  if (words > becauseWordLimit) throw new Error(`a because-sentence has at most ${becauseWordLimit} words; this one has ${words}: "${finding.because}"`);
  const { verdict, step } = applyRule(finding);
  return { verdict, because: finding.because, rule: step };
}

/** The rule itself: the verdict and, in the page's words, the step that decided it. */
function applyRule(finding: Finding): { readonly verdict: Verdict; readonly step: string } {
  const cuts = Object.keys(finding.shownBy);
  if (finding.notYetMeasured !== undefined) return { verdict: 'pending', step: `not measured yet: ${finding.notYetMeasured}` };
  if (finding.byDefinition !== undefined) return { verdict: 'not-testable', step: `true by definition: ${finding.byDefinition}` };
  if (!finding.shownBy[finding.credited]) return { verdict: 'does-not-hold', step: `${finding.credited} do not show it` };
  if (cuts.length > 1 && cuts.every((cut) => finding.shownBy[cut])) return { verdict: 'misattributed', step: `every cut compared shows it (${cuts.join(', ')})` };
  if (finding.flipsWithinRealisticRegion !== undefined) return { verdict: 'conditional', step: `it flips within the realistic region: ${finding.flipsWithinRealisticRegion}` };
  if (finding.cost && finding.cost.ratio.low > costThreshold) {
    return { verdict: 'holds-with-cost', step: `it costs ${finding.cost.what}: at least ${finding.cost.ratio.low.toFixed(2)}× with 95% confidence, above ${costThreshold}×` };
  }
  if (finding.cost) return { verdict: 'holds', step: `its price (${finding.cost.what}) is not clearly above ${costThreshold}×` };
  return { verdict: 'holds', step: `only ${cuts.filter((cut) => finding.shownBy[cut]).join(', ')} show it, at no measured price` };
}
